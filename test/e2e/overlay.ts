import type { ElementHandle, Frame, Page } from "puppeteer";

/** Reading the overlay through the test contract only: data-setup-guide attributes in open shadow roots. */

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export async function panelText(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const host = document.querySelector("[data-setup-guide]");
    const panel = host?.shadowRoot?.querySelector("[data-setup-guide-panel]");
    return panel ? (panel as HTMLElement).innerText : null;
  });
}

export async function waitForPanelTitle(page: Page, title: string, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    (t: string) => {
      const host = document.querySelector("[data-setup-guide]");
      const panel = host?.shadowRoot?.querySelector("[data-setup-guide-panel]");
      return !!panel && Array.from(panel.querySelectorAll("h2")).some((h) => h.textContent === t);
    },
    { timeout },
    title,
  );
}

/** Waits until the panel's text contains `text`; the error says what the panel said instead. */
export async function waitForPanelText(page: Page, text: string, timeout = 15_000): Promise<void> {
  // Puppeteer polls on animation frames, which background tabs lack.
  await page.bringToFront();
  await page
    .waitForFunction(
      (t: string) =>
        (
          document.querySelector("[data-setup-guide]")?.shadowRoot?.querySelector("[data-setup-guide-panel]")
            ?.textContent ?? ""
        ).includes(t),
      { timeout },
      text,
    )
    .catch(async (e) => {
      throw new Error(`the panel never said “${text}”; it says: ${await panelText(page)}`, { cause: e });
    });
}

/** A button of the overlay whose text starts with `prefix` (the test contract's "Show me…", "Use this…"). */
export async function panelButtonStartingWith(
  page: Page,
  prefix: string,
): Promise<ElementHandle<HTMLButtonElement>> {
  const handle = await page.waitForFunction(
    (p: string) =>
      Array.from(
        document.querySelector("[data-setup-guide]")?.shadowRoot?.querySelectorAll("button") ?? [],
      ).find((b) => (b.textContent ?? "").trim().startsWith(p)) ?? null,
    { timeout: 15_000 },
    prefix,
  );
  return handle as ElementHandle<HTMLButtonElement>;
}

export async function launcherText(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const host = document.querySelector("[data-setup-guide]");
    const b = host?.shadowRoot?.querySelector("[data-setup-guide-launcher]");
    return b ? (b.textContent ?? "") : null;
  });
}

/** The visible spotlight's box in its frame's viewport, or null when absent or hidden. */
export async function spotlightBox(frame: Frame | Page): Promise<Box | null> {
  return frame.evaluate(() => {
    const host = document.querySelector("[data-setup-guide]");
    const ring = host?.shadowRoot?.querySelector("[data-setup-guide-spotlight]") as
      | HTMLElement
      | null
      | undefined;
    if (!ring || ring.hidden || getComputedStyle(ring).display === "none") return null;
    const r = ring.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return null;
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
}

export function encloses(outer: Box, inner: Box, slack = 8): boolean {
  return (
    outer.x <= inner.x + 0.5 &&
    outer.y <= inner.y + 0.5 &&
    outer.x + outer.width >= inner.x + inner.width - 0.5 &&
    outer.y + outer.height >= inner.y + inner.height - 0.5 &&
    inner.x - outer.x <= slack &&
    inner.y - outer.y <= slack &&
    outer.x + outer.width - (inner.x + inner.width) <= slack &&
    outer.y + outer.height - (inner.y + inner.height) <= slack
  );
}

/** How a test names a console element: CSS (plus exact text), or the text of its label. */
export type Finder = { readonly css: string; readonly text?: string } | { readonly label: string };

/** Waits until the frame's spotlight encloses the element the finder names (within 8 px). */
export async function waitForSpotlightOn(
  frame: Frame | Page,
  finder: Finder,
  timeout = 15_000,
): Promise<void> {
  await frame.waitForFunction(
    (f: { css?: string; text?: string; label?: string }) => {
      let el: Element | null = null;
      if (f.label !== undefined) {
        const label = Array.from(document.querySelectorAll("label")).find(
          (l) => (l.textContent ?? "").trim() === f.label,
        );
        el = label?.control ?? null;
      } else {
        el =
          Array.from(document.querySelectorAll(f.css ?? "*")).find(
            (e) =>
              (f.text === undefined || (e.textContent ?? "").trim() === f.text) &&
              (e as HTMLElement).getClientRects().length > 0,
          ) ?? null;
      }
      const host = document.querySelector("[data-setup-guide]");
      const ring = host?.shadowRoot?.querySelector("[data-setup-guide-spotlight]") as
        | HTMLElement
        | null
        | undefined;
      if (!el || !ring || ring.hidden) return false;
      const a = ring.getBoundingClientRect();
      const b = el.getBoundingClientRect();
      return (
        a.left <= b.left + 0.5 &&
        a.top <= b.top + 0.5 &&
        a.right >= b.right - 0.5 &&
        a.bottom >= b.bottom - 0.5 &&
        b.left - a.left <= 8 &&
        b.top - a.top <= 8 &&
        a.right - b.right <= 8 &&
        a.bottom - b.bottom <= 8
      );
    },
    { timeout, polling: "raf" },
    finder as { css?: string; text?: string; label?: string },
  );
}

/** The panel's "API 2.0 setup · Step 3 of 7" line, or null while there is no panel. */
export async function panelPathLine(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const panel = document
      .querySelector("[data-setup-guide]")
      ?.shadowRoot?.querySelector("[data-setup-guide-panel]");
    const text = panel?.textContent ?? null;
    const m = text ? /API [12]\.0 setup · Step \d+ of \d+/i.exec(text) : null;
    return m ? m[0] : text === null ? null : "";
  });
}

/** Waits until the panel says it is on `path` ("api1" / "api2"). */
export async function waitForPanelPath(page: Page, path: "api1" | "api2", timeout = 15_000): Promise<void> {
  const label = path === "api1" ? "API 1.0 setup" : "API 2.0 setup";
  await page
    .waitForFunction(
      (l: string) => {
        const panel = document
          .querySelector("[data-setup-guide]")
          ?.shadowRoot?.querySelector("[data-setup-guide-panel]");
        return (panel?.textContent ?? "").toLowerCase().includes(l.toLowerCase());
      },
      { timeout },
      label,
    )
    .catch(async (e) => {
      throw new Error(`the panel is not on the ${label} path: ${await panelPathLine(page)}`, { cause: e });
    });
}

/**
 * Waits until every visible spotlight of the page (in any frame) has stood still for a few
 * animation frames: the guide scrolls controls into view smoothly.
 */
export async function spotlightSettled(page: Page, timeout = 5_000): Promise<void> {
  for (const frame of page.frames()) {
    if (frame.detached) continue;
    await frame
      .waitForFunction(
        () => {
          const w = window as unknown as { __spotlightLast?: string; __spotlightStill?: number };
          const ring = document
            .querySelector("[data-setup-guide]")
            ?.shadowRoot?.querySelector("[data-setup-guide-spotlight]") as HTMLElement | null | undefined;
          if (!ring || ring.hidden) return true;
          const r = ring.getBoundingClientRect();
          const now = `${r.x},${r.y},${r.width},${r.height}`;
          w.__spotlightStill = now === w.__spotlightLast ? (w.__spotlightStill ?? 0) + 1 : 0;
          w.__spotlightLast = now;
          return w.__spotlightStill >= 6;
        },
        { timeout, polling: "raf" },
      )
      .catch(() => undefined); // a frame that navigated away meanwhile has nothing to wait for
  }
}
