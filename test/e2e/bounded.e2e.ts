import type { Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HUGE_ANSWER_BYTES, SANDBOX_APP_ID, SANDBOX_PASSWORD, sandboxAddress } from "../sandbox/accounts";
import { buttonStartingWith, fill, type Harness, resetExtensionState, startHarness } from "./harness";

/**
 * Bounded responses in the built extension: an answer far larger than any key answer is cut off
 * early with a clear message, well before the 20 s timeout, and the next generation works.
 */

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = await h.browser.newPage();
  await page.goto(h.popupUrl);
  await resetExtensionState(page);
  await page.reload();
});

afterAll(async () => {
  await h?.close();
});

/** Fills the form and clicks "Generate keys"; returns when the click was made (epoch ms). */
async function generate(email: string): Promise<number> {
  await fill(page, "Email address", email);
  await fill(page, "Password", SANDBOX_PASSWORD);
  await fill(page, "Application ID", SANDBOX_APP_ID);
  const button = await buttonStartingWith(page, "Generate keys");
  const clickedAt = Date.now();
  await button.click();
  return clickedAt;
}

describe("popup: huge answers", () => {
  it("a 64 MB discover answer is stopped early with the too-large message, then a normal generation works", async () => {
    const started = await generate(sandboxAddress("huge-answer"));
    const alert = await page.waitForSelector("[role=alert]", { timeout: 30_000 });
    const elapsed = Date.now() - started;
    const text = (await alert?.evaluate((el) => (el as HTMLElement).innerText)) ?? "";
    expect(text).toContain(
      "Mimecast's answer from api.mimecast.com was larger than 1 MB, which no key or verification answer should be; the request was stopped.",
    );
    expect(text).toContain("Check that no proxy or security appliance rewrites Mimecast's answers");
    // Cut off by the cap, not by the 20 s timeout.
    expect(elapsed).toBeLessThan(8_000);
    expect(text).not.toContain("did not answer within");

    // The server saw the client hang up long before the end of the answer.
    const deadline = Date.now() + 5_000;
    while (h.sandbox.streams[0]?.endedAt === undefined && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const record = h.sandbox.streams[0];
    expect(record).toBeDefined();
    expect(record?.path).toBe("/api/login/discover-authentication");
    expect(record?.complete).toBe(false);
    expect(record?.written).toBeLessThan(HUGE_ANSWER_BYTES / 4);
    const cutAfter = (record?.endedAt ?? 0) - (record?.startedAt ?? 0);
    console.log(
      `[bounded] huge answer: alert ${elapsed} ms after the click; server wrote ${record?.written} of ${record?.length} bytes before the client closed, ${cutAfter} ms after it started`,
    );
    expect(h.sandbox.api.seen.some((r) => r.path === "/api/login/login")).toBe(false);

    // A normal generation right after works.
    const email = sandboxAddress("siem-service");
    await generate(email);
    await page.waitForSelector("#access-key", { timeout: 30_000 });
    const issued = [...h.sandbox.api.issued.values()].filter((k) => k.email === email).at(-1);
    expect(issued).toBeDefined();
    const shown = await page.$eval("#access-key", (el) => (el as HTMLInputElement).value);
    expect(shown).toBe(issued?.accessKey);
  });
});
