// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ChangeWatcher, isRelevant, textsOfInterest, type WatchInterest } from "../../../src/content/watch";
import { PAGES } from "../../../src/guide/pages";
import { STEPS } from "../../../src/guide/steps";
import type { Step } from "../../../src/guide/types";

const STEP = STEPS.find((s) => s.id === "enhanced-logging") as Step;

/** The console page the tests mutate: a target, a storm area far from it, and our overlay host. */
const PAGE = `
  <div class="mc-crumbs"><div><span>Account</span></div><div><span>Account Settings</span></div></div>
  <h1 id="heading">Account Settings</h1>
  <section id="section"><h2>Enhanced Logging</h2>
    <label id="inbound-label"><input id="inbound" type="checkbox"> Inbound</label>
    <div id="aria-box" role="checkbox" aria-checked="false" aria-labelledby="outbound-label"></div>
    <span id="outbound-label">Outbound</span>
  </section>
  <dialog id="dialog"><h2>Confirm</h2></dialog>
  <div id="storm">
    <span id="clock">12:00:00.000</span>
    <div id="chart"><i id="bar" style="height:4px"></i><i></i></div>
    <ul id="ticker"><li>MIME 1.0</li><li>MIME 1.1</li></ul>
  </div>
  <div id="ours" data-setup-guide><p>Enhanced Logging</p></div>`;

const $ = (id: string) => document.getElementById(id) as HTMLElement;

function interest(target: Element | null = null): WatchInterest {
  const wanted = textsOfInterest(PAGES, STEP);
  return {
    wantedTexts: () => wanted,
    currentTarget: () => target,
    isOurs: (n) => !!document.getElementById("ours")?.contains(n),
  };
}

/** The records one change produces, as the watcher's MutationObserver would see them. */
function recordsOf(change: () => void): MutationRecord[] {
  const mo = new MutationObserver(() => undefined);
  mo.observe(document.documentElement, {
    subtree: true,
    childList: true,
    attributes: true,
    characterData: true,
    characterDataOldValue: true,
  });
  change();
  const records = mo.takeRecords();
  mo.disconnect();
  expect(records.length).toBeGreaterThan(0);
  return records;
}

beforeEach(() => {
  document.body.innerHTML = PAGE;
});

describe("textsOfInterest", () => {
  it("holds every detection signal and the step's names, anchors and completion names, normalized", () => {
    const texts = textsOfInterest(PAGES, STEP);
    for (const t of ["account settings", "directory options", "integrations hub", "client secret"])
      expect(texts).toContain(t);
    for (const t of ["inbound", "outbound", "internal", "enhanced logging"]) expect(texts).toContain(t);
    expect(new Set(texts).size).toBe(texts.length);
  });
});

describe("isRelevant: changes that matter", () => {
  it("a heading appearing late", () => {
    document.body.innerHTML = "<p>Loading…</p>";
    const r = recordsOf(() => document.body.insertAdjacentHTML("beforeend", "<h1>Roles</h1>"));
    expect(isRelevant(r, interest())).toBe(true);
  });

  it("a heading's text rewritten in place, to and away from a page name", () => {
    const text = $("heading").firstChild as Text;
    expect(
      isRelevant(
        recordsOf(() => (text.data = "Message Center")),
        interest(),
      ),
    ).toBe(true);
    expect(
      isRelevant(
        recordsOf(() => (text.data = "Internal Directories")),
        interest(),
      ),
    ).toBe(true);
  });

  it("the target re-rendered (replaced) or its content changed", () => {
    const target = $("inbound-label");
    const i = interest(target);
    expect(
      isRelevant(
        recordsOf(() => target.replaceWith(target.cloneNode(true))),
        i,
      ),
    ).toBe(true);
    document.body.innerHTML = PAGE;
    const fresh = $("inbound-label");
    expect(
      isRelevant(
        recordsOf(() => fresh.setAttribute("class", "x")),
        interest(fresh),
      ),
    ).toBe(true);
    expect(
      isRelevant(
        recordsOf(() => fresh.append(" (new)")),
        interest(fresh),
      ),
    ).toBe(true);
  });

  it("a dialog opening, added or shown", () => {
    expect(
      isRelevant(
        recordsOf(() => $("dialog").setAttribute("open", "")),
        interest(),
      ),
    ).toBe(true);
    const added = recordsOf(() =>
      document.body.insertAdjacentHTML("beforeend", '<div role="dialog"><p>Are you sure?</p></div>'),
    );
    expect(isRelevant(added, interest())).toBe(true);
  });

  it("the text of a watched label changing", () => {
    const text = $("inbound-label").lastChild as Text;
    expect(
      isRelevant(
        recordsOf(() => (text.data = " Inbound logs")),
        interest(),
      ),
    ).toBe(true);
    const anchor = $("section").querySelector("h2")?.firstChild as Text;
    expect(
      isRelevant(
        recordsOf(() => (anchor.data = "Logging")),
        interest(),
      ),
    ).toBe(true);
  });

  it("visibility changes on the target's ancestors", () => {
    const i = interest($("inbound"));
    expect(
      isRelevant(
        recordsOf(() => $("section").classList.add("collapsed")),
        i,
      ),
    ).toBe(true);
    expect(
      isRelevant(
        recordsOf(() => document.body.setAttribute("style", "display:none")),
        i,
      ),
    ).toBe(true);
    expect(
      isRelevant(
        recordsOf(() => $("section").setAttribute("aria-hidden", "true")),
        i,
      ),
    ).toBe(true);
  });

  it("with no target found, a subtree that holds a wanted text", () => {
    const r = recordsOf(() =>
      $("section").insertAdjacentHTML("beforeend", '<label><input type="checkbox"> Internal</label>'),
    );
    expect(isRelevant(r, interest(null))).toBe(true);
  });

  it("a part of a wanted name rewritten ('Enhanced <b>Logging</b>')", () => {
    document.body.innerHTML = "<button>Enhanced <b id='b'>Log</b></button>";
    const text = $("b").firstChild as Text;
    expect(
      isRelevant(
        recordsOf(() => (text.data = "Logging")),
        interest(),
      ),
    ).toBe(true);
  });

  it("a breadcrumb level added, whatever its text", () => {
    const crumbs = document.querySelector(".mc-crumbs") as HTMLElement;
    const r = recordsOf(() =>
      crumbs.insertAdjacentHTML("beforeend", '<div class="crumb"><span>X</span></div>'),
    );
    expect(isRelevant(r, interest())).toBe(true);
  });

  it("the state of a control named from elsewhere (aria-labelledby)", () => {
    const r = recordsOf(() => $("aria-box").setAttribute("aria-checked", "true"));
    expect(isRelevant(r, interest($("inbound")))).toBe(true);
  });

  it("a box ticked right after an irrelevant change of the same element (judged once per node, not per attribute)", () => {
    const r = recordsOf(() => {
      $("aria-box").setAttribute("class", "busy");
      $("aria-box").setAttribute("aria-checked", "true");
    });
    expect(isRelevant(r, interest($("inbound")))).toBe(true);
  });

  it("one relevant record among many storm records", () => {
    const r = recordsOf(() => {
      for (let i = 0; i < 50; i++) ($("clock").firstChild as Text).data = String(i);
      $("section").insertAdjacentHTML("beforeend", "<p>Outbound</p>");
    });
    expect(isRelevant(r, interest($("inbound")))).toBe(true);
  });
});

describe("isRelevant: storms that do not matter", () => {
  it("a clock rewriting its text node", () => {
    const text = $("clock").firstChild as Text;
    const r = recordsOf(() => {
      for (let i = 0; i < 100; i++) text.data = `12:00:${String(i).padStart(2, "0")}.000`;
    });
    expect(isRelevant(r, interest($("inbound")))).toBe(false);
  });

  it("chart bars churning style and class", () => {
    const r = recordsOf(() => {
      for (let i = 0; i < 100; i++) {
        $("bar").style.height = `${i}px`;
        $("bar").className = i % 2 ? "up" : "down";
        $("chart").className = `tick-${i}`;
      }
    });
    expect(isRelevant(r, interest($("inbound")))).toBe(false);
  });

  it("a ticker replacing its child nodes, with or without a target", () => {
    const ticker = $("ticker");
    const r = recordsOf(() => {
      for (let i = 0; i < 100; i++) {
        ticker.firstElementChild?.remove();
        const li = document.createElement("li");
        li.textContent = `MIME ${(i / 10).toFixed(1)}`;
        ticker.append(li);
      }
    });
    expect(isRelevant(r, interest($("inbound")))).toBe(false);
    expect(isRelevant(r, interest(null))).toBe(false);
  });

  it("our own overlay", () => {
    const r = recordsOf(() => {
      $("ours").className = "open";
      $("ours").insertAdjacentHTML("beforeend", "<h2>Account Settings</h2>");
    });
    expect(isRelevant(r, interest($("inbound")))).toBe(false);
  });
});

describe("ChangeWatcher", () => {
  let abort: AbortController;
  beforeEach(() => {
    abort = new AbortController();
  });
  afterEach(() => {
    abort.abort();
    vi.restoreAllMocks();
  });

  const flush = () => new Promise((r) => setTimeout(r, 50));

  function watcher(target: Element | null) {
    const onChange = vi.fn();
    const w = new ChangeWatcher(document, onChange, interest(target), abort.signal);
    w.start();
    return { w, onChange };
  }

  it("never schedules a frame for a storm of unrelated changes", async () => {
    const raf = vi.spyOn(window, "requestAnimationFrame");
    const { onChange } = watcher($("inbound"));
    for (let i = 0; i < 1000; i++) {
      ($("clock").firstChild as Text).data = String(i);
      $("bar").style.height = `${i % 50}px`;
      await Promise.resolve();
    }
    await flush();
    expect(raf).not.toHaveBeenCalled();
    expect(onChange).not.toHaveBeenCalled();
  });

  it("calls back once per frame when something relevant changes", async () => {
    const { onChange } = watcher(null);
    document.body.insertAdjacentHTML("beforeend", "<h1>Internal Directories</h1>");
    await Promise.resolve();
    document.body.insertAdjacentHTML("beforeend", "<button>New Address</button>");
    await flush();
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith(true);
  });

  it("stops everything when its signal aborts", async () => {
    const { onChange } = watcher(null);
    abort.abort();
    document.body.insertAdjacentHTML("beforeend", "<h1>Internal Directories</h1>");
    document.dispatchEvent(new Event("scroll"));
    document.dispatchEvent(new Event("change"));
    await flush();
    expect(onChange).not.toHaveBeenCalled();
  });
});
