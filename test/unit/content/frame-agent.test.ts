// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";
import { FrameAgent } from "../../../src/content/frame-agent";
import { createOverlayHost } from "../../../src/content/overlay-host";
import { PAGES } from "../../../src/guide/pages";
import type { ContentRequest } from "../../../src/lib/guide-messages";

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** happy-dom's PageTransitionEvent ignores `persisted`: set it the way a browser reports it. */
function pageshow(persisted: boolean): Event {
  const e = new Event("pageshow");
  Object.defineProperty(e, "persisted", { value: persisted });
  return e;
}

afterEach(() => {
  document.body.innerHTML = "";
});

describe("FrameAgent: re-announcing a page", () => {
  function agentWithLog() {
    document.body.innerHTML = `<div class="mc-crumbs"><div><span>Account</span></div><div><span>Account Settings</span></div></div><h1>Account Settings</h1>`;
    const sent: ContentRequest[] = [];
    const agent = new FrameAgent(
      document,
      PAGES,
      createOverlayHost(document),
      async (m) => {
        sent.push(m);
        return null;
      },
      () => undefined,
    );
    return { agent, sent };
  }

  it("a page restored from the back/forward cache is announced again, marked as the same page", async () => {
    const { agent, sent } = agentWithLog();
    await agent.start();
    expect(sent.map((m) => m.type)).toEqual(["frame/hello"]);
    window.dispatchEvent(pageshow(true));
    await wait(400);
    const again = sent.filter((m) => m.type === "frame/page");
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ type: "frame/page", again: true });
    agent.stop();
  });

  it("an ordinary pageshow (a fresh load) does not re-announce", async () => {
    const { agent, sent } = agentWithLog();
    await agent.start();
    window.dispatchEvent(pageshow(false));
    await wait(400);
    expect(sent.map((m) => m.type)).toEqual(["frame/hello"]);
    agent.stop();
  });

  it("after the worker asks again (restart), the next report is marked; later reports are not", async () => {
    const { agent, sent } = agentWithLog();
    await agent.start();
    agent.rehello();
    await wait(400);
    expect(sent.at(-1)).toMatchObject({ type: "frame/page", again: true });
    // The page then really changes: an ordinary report, not a re-announce.
    document.body.innerHTML = `<div class="mc-crumbs"><div><span>Account</span></div><div><span>Roles</span></div></div><h1>Roles</h1>`;
    await wait(400);
    const pages = sent.filter((m) => m.type === "frame/page");
    expect(pages).toHaveLength(2);
    expect(pages.at(-1)).not.toHaveProperty("again");
    agent.stop();
  });

  it("a page that renders after its hello is an arrival, even when the worker asked again meanwhile", async () => {
    // Firefox, first console page after launch: the hello goes out before the console renders
    // (no page recognised), the worker answers a new top document with a request to report again,
    // and only then does the page appear. That first real report must not claim "again": the
    // worker would keep step 1 instead of moving to the page's step.
    const { agent, sent } = agentWithLog();
    document.body.innerHTML = "";
    await agent.start();
    expect(sent).toEqual([
      expect.objectContaining({ type: "frame/hello", page: expect.objectContaining({ detection: null }) }),
    ]);
    agent.rehello();
    document.body.innerHTML = `<div class="mc-crumbs"><div><span>Account</span></div><div><span>Account Settings</span></div></div><h1>Account Settings</h1>`;
    // Waits for the report itself (the agent batches detection), not for a fixed time.
    await vi.waitFor(() => expect(sent.some((m) => m.type === "frame/page")).toBe(true), { timeout: 5_000 });
    const pages = sent.filter((m) => m.type === "frame/page");
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ page: { detection: { pageId: "account-settings" } } });
    expect(pages[0]).not.toHaveProperty("again");
    agent.stop();
  });
});

describe("overlay host: page scripts cannot act through the open shadow root", () => {
  it("stops untrusted clicks and keys before they reach a handler inside; trusted ones pass", () => {
    const overlay = createOverlayHost(document);
    document.body.append(overlay.host);
    const button = document.createElement("button");
    overlay.panelRoot.append(button);
    const seen: string[] = [];
    button.addEventListener("click", (e) => seen.push(`click:${e.isTrusted}`));
    button.addEventListener("keydown", (e) => seen.push(`keydown:${e.isTrusted}`));
    button.click();
    button.dispatchEvent(new MouseEvent("click", { bubbles: true, composed: true }));
    button.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    expect(seen).toEqual([]);
    // A trusted event cannot be made from a script; the guard's test is the flag itself, so an
    // event reporting isTrusted=true (what the browser gives user input) passes.
    const trusted = new MouseEvent("click", { bubbles: true });
    Object.defineProperty(trusted, "isTrusted", { value: true });
    button.dispatchEvent(trusted);
    expect(seen).toEqual(["click:true"]);
  });
});
