// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { Panel, type PanelAction } from "../../../src/content/overlay/Panel";
import { GUIDE, stepsFor } from "../../../src/guide";
import { type GuideView, guideViewSchema } from "../../../src/lib/guide-messages";

afterEach(cleanup);

const steps = stepsFor(GUIDE, "api1");

function view(open: boolean, index = 1): GuideView {
  const step = steps[index - 1];
  if (!step) throw new Error(`no step ${index}`);
  // Through the schema the worker's messages pass: a view the content script can really get.
  return guideViewSchema.parse({
    open,
    path: "api1",
    index,
    total: steps.length,
    doneCount: 0,
    finished: false,
    step,
    stepDone: false,
    pageId: null,
    targetFound: false,
    learnedUsed: false,
    picking: false,
    version: "0.0.0",
  });
}

/** The panel as the content script renders it; `acts` records what it asks the worker for. */
function mount(v: GuideView) {
  const acts: PanelAction[] = [];
  const props = {
    act: (a: PanelAction) => acts.push(a),
    switchPath: () => undefined,
    report: async () => "report",
    copy: async () => true,
    fill: async () => [],
    capture: async () => "",
    canCapture: false,
    dockLeft: false,
  };
  const r = render(<Panel view={v} {...props} />);
  return { acts, show: (next: GuideView) => r.rerender(<Panel view={next} {...props} />) };
}

const launcher = () => screen.getByRole("button", { name: /^Setup guide \d+\/\d+$/ });
const title = () => screen.getByRole("heading", { level: 2 });

/**
 * Focus following the launcher and the panel (launcher → title, Escape / Close → launcher) rests on
 * `:focus-within`, which happy-dom does not match: test/e2e/a11y.e2e.ts checks it in Chromium.
 */
describe("guide panel focus and live text", () => {
  it("does not take focus when it appears by itself (page load, the worker opening it)", () => {
    const outside = document.body.appendChild(document.createElement("input"));
    outside.focus();
    const { show } = mount(view(false));
    show(view(true));
    expect(title().textContent).toBe(steps[0]?.title);
    expect(document.activeElement).toBe(outside);
    outside.remove();
  });

  it("a step change updates one short live line, and the panel itself is not live", () => {
    const { show } = mount(view(true, 1));
    const panel = document.querySelector("[data-setup-guide-panel]");
    expect(panel?.getAttribute("aria-live")).toBeNull();
    show(view(true, 2));
    const live = Array.from(document.querySelectorAll("[role=status], [aria-live]")).map(
      (e) => e.textContent,
    );
    expect(live).toContain(`Step 2 of ${steps.length}: ${steps[1]?.title}`);
  });

  it("Escape minimises the panel to its launcher, without telling the worker or the console", () => {
    const { acts } = mount(view(true));
    let seen = 0;
    const count = (e: KeyboardEvent) => {
      if (e.key === "Escape") seen++;
    };
    document.addEventListener("keydown", count);
    fireEvent.keyDown(title(), { key: "Escape" });
    document.removeEventListener("keydown", count);
    expect(launcher()).toBeTruthy();
    expect(document.querySelector("[data-setup-guide-panel]")).toBeNull();
    expect(acts).toEqual([]);
    expect(seen).toBe(0);
  });

  it("names the launcher by its visible text (WCAG 2.5.3) and advertises the shortcut", () => {
    mount(view(false));
    expect(launcher().getAttribute("aria-label")).toBeNull();
    expect(launcher().getAttribute("aria-keyshortcuts")).toBe("Alt+Shift+G");
  });
});
