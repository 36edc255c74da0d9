import { describe, expect, it } from "vitest";
import {
  type FrameSender,
  type GuideDeps,
  GuideService,
  viewStep,
} from "../../../src/background/guide-service";
import type { Progress } from "../../../src/background/guide-state";
import { GUIDE, stepsFor } from "../../../src/guide";
import { type ContentRequest, type GuideView, stateMessageSchema } from "../../../src/lib/guide-messages";
import type { LearnedMap } from "../../../src/lib/learned-store";

const EU_URL = "https://login-eu.mimecast.com/administration/app/#/account-settings";
const US_URL = "https://login-us.mimecast.com/administration/app/#/account-settings";
const EU = "login-eu.mimecast.com";
const US = "login-us.mimecast.com";
const API1_TOTAL = 13;
const API2_TOTAL = 7;

interface Sent {
  readonly tabId: number;
  readonly message: unknown;
}

/** In-memory extension: storage that hands out copies (like storage.local), recorders for the rest. */
function fake(
  init: {
    progress?: Record<string, Progress>;
    open?: boolean;
    now?: number;
    slow?: boolean;
    openTabs?: number[];
  } = {},
) {
  const state = {
    store: structuredClone(init.progress ?? {}) as Record<string, Progress>,
    learned: {} as LearnedMap,
    asked: [] as { tabId: number; frameId: number; message: unknown }[],
    answer: undefined as unknown,
    open: init.open ?? true,
    now: init.now ?? 10_000,
    sent: [] as Sent[],
    badges: [] as string[],
    saveOpenCalls: [] as boolean[],
    saves: 0,
    failNextSave: false,
  };
  const tick = () => (init.slow ? new Promise<void>((r) => setTimeout(r, 1)) : Promise.resolve());
  const deps: GuideDeps = {
    guide: GUIDE,
    loadProgress: async () => {
      await tick();
      return structuredClone(state.store);
    },
    saveProgress: async (all) => {
      await tick();
      if (state.failNextSave) {
        state.failNextSave = false;
        throw new Error("quota");
      }
      state.saves++;
      state.store = structuredClone(all);
    },
    loadOpen: async () => state.open,
    saveOpen: async (open) => {
      state.saveOpenCalls.push(open);
      state.open = open;
    },
    send: async (tabId, message) => {
      state.sent.push({ tabId, message });
    },
    ask: async (tabId, frameId, message) => {
      state.asked.push({ tabId, frameId, message });
      return state.answer;
    },
    loadLearned: async () => structuredClone(state.learned),
    saveLearned: async (map) => {
      state.learned = structuredClone(map);
    },
    openTabIds: async () => init.openTabs ?? [],
    setBadge: async (text) => {
      state.badges.push(text);
    },
    now: () => state.now,
    version: "9.9.9",
  };
  return { state, service: new GuideService(deps) };
}

function stepNamed(id: string) {
  const step = GUIDE.steps.find((s) => s.id === id);
  if (!step) throw new Error(`no step ${id}`);
  return step;
}

const top = (tabId = 1, tabUrl = EU_URL): FrameSender => ({ tabId, frameId: 0, tabUrl });
const frame = (frameId: number, tabId = 1, tabUrl = EU_URL): FrameSender => ({ tabId, frameId, tabUrl });

function hello(pageId: string | null, score = 9, api1Missing = false): ContentRequest {
  return {
    type: "frame/hello",
    page: { url: EU_URL, detection: pageId ? { pageId, score } : null, api1Missing },
  };
}

function pageReport(pageId: string | null, score = 9, api1Missing = false): ContentRequest {
  return {
    type: "frame/page",
    page: { url: EU_URL, detection: pageId ? { pageId, score } : null, api1Missing },
  };
}

function progress(over: Partial<Progress> = {}): Progress {
  return { path: "api1", done: [], skipped: [], currentId: "region", updatedAt: 1, ...over };
}

/** Every bg/state view sent to a tab, in order. */
function viewsFor(sent: readonly Sent[], tabId: number): (GuideView | null)[] {
  return sent
    .filter((s) => s.tabId === tabId && (s.message as { type?: string }).type === "bg/state")
    .map((s) => (s.message as { view: GuideView | null }).view);
}

function lastView(sent: readonly Sent[], tabId: number): GuideView {
  const v = viewsFor(sent, tabId).at(-1);
  if (!v) throw new Error(`no view sent to tab ${tabId}`);
  return v;
}

const rehellos = (sent: readonly Sent[], tabId: number) =>
  sent.filter((s) => s.tabId === tabId && (s.message as { type?: string }).type === "bg/rehello").length;

describe("fixture assumptions", () => {
  it("the guide has 13 API 1.0 and 6 API 2.0 steps", () => {
    expect(stepsFor(GUIDE, "api1")).toHaveLength(API1_TOTAL);
    expect(stepsFor(GUIDE, "api2")).toHaveLength(API2_TOTAL);
  });
});

describe("frame/hello", () => {
  it("from the top frame on Account Settings returns the Enhanced Logging view", async () => {
    const { state, service } = fake();
    const view = await service.handle(hello("account-settings", 9), top());
    expect(view).toEqual({
      open: true,
      path: "api1",
      index: 2,
      total: API1_TOTAL,
      doneCount: 0,
      finished: false,
      step: viewStep(stepNamed("enhanced-logging")),
      stepDone: false,
      pageId: "account-settings",
      targetFound: false,
      learnedUsed: false,
      picking: false,
      version: "9.9.9",
    });
    expect(view && "notice" in view).toBe(false);
    // The progress of this console host moved to the page's step and was saved.
    expect(Object.keys(state.store)).toEqual([EU]);
    expect(state.store[EU]).toEqual({
      path: "api1",
      done: [],
      skipped: [],
      currentId: "enhanced-logging",
      updatedAt: 10_000,
    });
    expect(state.badges).toEqual([""]);
    // The tab also got the same view as a broadcast, and one rehello: a new top document means
    // new subframes, which must report again.
    expect(lastView(state.sent, 1)).toEqual(view);
    expect(rehellos(state.sent, 1)).toBe(1);
  });

  it("reflects the stored open flag", async () => {
    const { service } = fake({ open: false });
    const view = await service.handle(hello("account-settings"), top());
    expect(view?.open).toBe(false);
  });

  it("without a detected page keeps the stored step and reports pageId null", async () => {
    const { state, service } = fake({
      progress: { [EU]: progress({ currentId: "role", done: ["region"] }) },
    });
    const view = await service.handle(hello(null), top());
    expect(view?.step.id).toBe("role");
    expect(view?.index).toBe(8);
    expect(view?.doneCount).toBe(1);
    expect(view?.pageId).toBeNull();
    expect(state.saves).toBe(0);
  });

  it("frame/page answers undefined (the view comes as a broadcast)", async () => {
    const { state, service } = fake();
    await service.handle(hello(null), top());
    expect(await service.handle(pageReport("account-settings"), top())).toBeUndefined();
    expect(lastView(state.sent, 1).step.id).toBe("enhanced-logging");
  });

  it("shows the notice stored with the progress", async () => {
    const { service } = fake({ progress: { [EU]: progress({ notice: "moved" }) } });
    expect((await service.handle(hello(null), top()))?.notice).toBe("moved");
  });

  it("every broadcast is a valid bg/state message", async () => {
    const { state, service } = fake();
    await service.handle(hello("account-settings"), top());
    await service.handle({ type: "frame/target", stepId: "enhanced-logging", found: true }, top());
    await service.handle({ type: "frame/completed", stepId: "enhanced-logging" }, top());
    await service.handle({ type: "panel/path", path: "api2" }, top());
    const states = state.sent.filter((s) => (s.message as { type?: string }).type === "bg/state");
    expect(states.length).toBeGreaterThanOrEqual(4);
    for (const s of states) expect(stateMessageSchema.safeParse(s.message).success).toBe(true);
  });
});

describe("page detection across frames", () => {
  it("an iframe reporting a higher-scoring page overrides the top frame's lower score", async () => {
    const { state, service } = fake();
    const first = await service.handle(hello("dashboard", 3), top());
    expect(first?.pageId).toBe("dashboard");
    expect(first?.step.id).toBe("region");
    const inner = await service.handle(hello("account-settings", 9), frame(3));
    expect(inner?.pageId).toBe("account-settings");
    expect(inner?.step.id).toBe("enhanced-logging");
    expect(lastView(state.sent, 1).pageId).toBe("account-settings");
    expect(state.store[EU]?.currentId).toBe("enhanced-logging");
  });

  it("a lower-scoring iframe does not override the top frame", async () => {
    const { service } = fake();
    await service.handle(hello("account-settings", 9), top());
    const view = await service.handle(hello("dashboard", 2), frame(3));
    expect(view?.pageId).toBe("account-settings");
    expect(view?.step.id).toBe("enhanced-logging");
  });

  it("when the winning iframe loses its page, the top frame's page wins again", async () => {
    const { state, service } = fake();
    await service.handle(hello("roles", 4), top());
    await service.handle(hello("applications", 8), frame(5));
    expect(lastView(state.sent, 1).pageId).toBe("applications");
    expect(lastView(state.sent, 1).step.id).toBe("auth-profile");
    await service.handle(pageReport(null), frame(5));
    expect(lastView(state.sent, 1).pageId).toBe("roles");
    expect(lastView(state.sent, 1).step.id).toBe("role");
  });

  it("a top frame on another host starts the tab over (old iframes forgotten)", async () => {
    const { state, service } = fake();
    await service.handle(hello("dashboard", 1), top(1, EU_URL));
    await service.handle(hello("applications", 9), frame(4, 1, EU_URL));
    const view = await service.handle(hello("roles", 2), top(1, US_URL));
    // The EU iframe's higher score no longer counts for the US console.
    expect(view?.pageId).toBe("roles");
    expect(view?.step.id).toBe("role");
    expect(state.store[US]?.currentId).toBe("role");
    expect(state.store[EU]?.currentId).toBe("auth-profile");
  });

  it("re-reporting the same page does not save again", async () => {
    const { state, service } = fake();
    await service.handle(hello("account-settings"), top());
    const saves = state.saves;
    await service.handle(pageReport("account-settings"), top());
    await service.handle(pageReport("account-settings", 12), top());
    expect(state.saves).toBe(saves);
  });
});

describe("frame/target", () => {
  it("found true for the current step makes the broadcast view targetFound", async () => {
    const { state, service } = fake();
    await service.handle(hello("account-settings"), top());
    expect(
      await service.handle({ type: "frame/target", stepId: "enhanced-logging", found: true }, top()),
    ).toBe(undefined);
    const v = lastView(state.sent, 1);
    expect(v.targetFound).toBe(true);
    expect(v.step.id).toBe("enhanced-logging");
  });

  it("an iframe's report counts for the tab", async () => {
    const { state, service } = fake();
    await service.handle(hello("dashboard", 1), top());
    await service.handle(hello("account-settings", 9), frame(2));
    await service.handle({ type: "frame/target", stepId: "enhanced-logging", found: true }, frame(2));
    expect(lastView(state.sent, 1).targetFound).toBe(true);
  });

  it("found for another step id does not count", async () => {
    const { state, service } = fake();
    await service.handle(hello("account-settings"), top());
    await service.handle({ type: "frame/target", stepId: "region", found: true }, top());
    expect(lastView(state.sent, 1).targetFound).toBe(false);
  });

  it("found false clears it", async () => {
    const { state, service } = fake();
    await service.handle(hello("account-settings"), top());
    await service.handle({ type: "frame/target", stepId: "enhanced-logging", found: true }, top());
    await service.handle({ type: "frame/target", stepId: "enhanced-logging", found: false }, top());
    expect(lastView(state.sent, 1).targetFound).toBe(false);
  });

  it("a report from a frame that never said hello is ignored", async () => {
    const { state, service } = fake();
    await service.handle(hello("account-settings"), top());
    await service.handle({ type: "frame/target", stepId: "enhanced-logging", found: true }, frame(9));
    expect(lastView(state.sent, 1).targetFound).toBe(false);
  });

  it("stops counting once the current step moves on", async () => {
    const { state, service } = fake();
    await service.handle(hello("account-settings"), top());
    await service.handle({ type: "frame/target", stepId: "enhanced-logging", found: true }, top());
    await service.handle({ type: "panel/action", action: "next" }, top());
    const v = lastView(state.sent, 1);
    expect(v.step.id).toBe("api1-add-application");
    expect(v.targetFound).toBe(false);
  });

  it("survives the frame re-reporting its page", async () => {
    const { state, service } = fake();
    await service.handle(hello("account-settings"), top());
    await service.handle({ type: "frame/target", stepId: "enhanced-logging", found: true }, top());
    await service.handle(pageReport("account-settings", 10), top());
    expect(lastView(state.sent, 1).targetFound).toBe(true);
  });

  it("is not shared between tabs", async () => {
    const { state, service } = fake();
    await service.handle(hello("account-settings"), top(1));
    await service.handle(hello("account-settings"), top(2));
    await service.handle({ type: "frame/target", stepId: "enhanced-logging", found: true }, top(1));
    await service.handle({ type: "panel/action", action: "open" }, top(1));
    expect(lastView(state.sent, 1).targetFound).toBe(true);
    expect(lastView(state.sent, 2).targetFound).toBe(false);
  });
});

describe("frame/completed", () => {
  it("for the current step saves it done, sets the badge and moves the current step on", async () => {
    const { state, service } = fake();
    await service.handle(hello("account-settings"), top());
    state.now = 20_000;
    expect(
      await service.handle({ type: "frame/completed", stepId: "enhanced-logging" }, top()),
    ).toBeUndefined();
    expect(state.store[EU]).toEqual({
      path: "api1",
      done: ["enhanced-logging"],
      skipped: [],
      currentId: "api1-add-application",
      updatedAt: 20_000,
    });
    expect(state.badges.at(-1)).toBe(`1/${API1_TOTAL}`);
    const v = lastView(state.sent, 1);
    expect(v.step.id).toBe("api1-add-application");
    expect(v.index).toBe(3);
    expect(v.doneCount).toBe(1);
    expect(v.stepDone).toBe(false);
    expect(v.finished).toBe(false);
  });

  it("for another step marks it done without moving the current step", async () => {
    const { state, service } = fake();
    await service.handle(hello("account-settings"), top());
    await service.handle({ type: "frame/completed", stepId: "region" }, top());
    expect(state.store[EU]?.done).toEqual(["region"]);
    expect(state.store[EU]?.currentId).toBe("enhanced-logging");
    expect(state.badges.at(-1)).toBe(`1/${API1_TOTAL}`);
  });

  it("counts the badge for the path in use", async () => {
    const { state, service } = fake({ progress: { [EU]: progress({ path: "api2", done: ["region"] }) } });
    await service.handle(hello(null), top());
    await service.handle({ type: "frame/completed", stepId: "enhanced-logging" }, top());
    expect(state.badges.at(-1)).toBe(`2/${API2_TOTAL}`);
  });

  it("an unknown or repeated step id saves nothing", async () => {
    const { state, service } = fake();
    await service.handle(hello("account-settings"), top());
    await service.handle({ type: "frame/completed", stepId: "enhanced-logging" }, top());
    const saves = state.saves;
    const badges = state.badges.length;
    await service.handle({ type: "frame/completed", stepId: "enhanced-logging" }, top());
    await service.handle({ type: "frame/completed", stepId: "no-such-step" }, top());
    await service.handle({ type: "frame/completed", stepId: "api2-details" }, top());
    expect(state.saves).toBe(saves);
    expect(state.badges.length).toBe(badges);
  });

  it("is broadcast to every tab of the same console", async () => {
    const { state, service } = fake();
    await service.handle(hello("account-settings"), top(1));
    await service.handle(hello(null), top(2));
    await service.handle({ type: "frame/completed", stepId: "enhanced-logging" }, top(1));
    expect(lastView(state.sent, 2).doneCount).toBe(1);
    expect(lastView(state.sent, 2).step.id).toBe("api1-add-application");
  });

  it("concurrent completions are both kept (storage updates run one at a time)", async () => {
    const { state, service } = fake({ slow: true });
    await service.handle(hello(null), top());
    await Promise.all([
      service.handle({ type: "frame/completed", stepId: "role" }, frame(1)),
      service.handle({ type: "frame/completed", stepId: "service-user" }, frame(2)),
      service.handle({ type: "frame/completed", stepId: "region" }, frame(3)),
    ]);
    expect([...(state.store[EU]?.done ?? [])].sort()).toEqual(["region", "role", "service-user"]);
    expect(state.badges.at(-1)).toBe(`3/${API1_TOTAL}`);
  });

  it("a failed save rejects that request only; the next one still runs", async () => {
    const { state, service } = fake();
    await service.handle(hello(null), top());
    state.failNextSave = true;
    await expect(service.handle({ type: "frame/completed", stepId: "role" }, top())).rejects.toThrow("quota");
    await service.handle({ type: "frame/completed", stepId: "region" }, top());
    expect(state.store[EU]?.done).toEqual(["region"]);
  });
});

describe("panel/action", () => {
  it("close saves open=false and broadcasts a closed view", async () => {
    const { state, service } = fake();
    await service.handle(hello("account-settings"), top());
    const saves = state.saves;
    expect(await service.handle({ type: "panel/action", action: "close" }, top())).toBeUndefined();
    expect(state.saveOpenCalls).toEqual([false]);
    expect(lastView(state.sent, 1).open).toBe(false);
    expect(lastView(state.sent, 1).step.id).toBe("enhanced-logging");
    expect(state.saves).toBe(saves);
  });

  it("open saves open=true and broadcasts to every tab", async () => {
    const { state, service } = fake({ open: false });
    await service.handle(hello(null), top(1));
    await service.handle(hello(null, 0), top(2, US_URL));
    await service.handle({ type: "panel/action", action: "open" }, top(1));
    expect(state.saveOpenCalls).toEqual([true]);
    expect(lastView(state.sent, 1).open).toBe(true);
    expect(lastView(state.sent, 2).open).toBe(true);
  });

  it("next and back move the current step of this host", async () => {
    const { state, service } = fake();
    await service.handle(hello("account-settings"), top());
    await service.handle({ type: "panel/action", action: "next" }, top());
    expect(state.store[EU]?.currentId).toBe("api1-add-application");
    await service.handle({ type: "panel/action", action: "back" }, top());
    await service.handle({ type: "panel/action", action: "back" }, top());
    expect(state.store[EU]?.currentId).toBe("region");
    expect(lastView(state.sent, 1).index).toBe(1);
  });

  it("done marks the current step done", async () => {
    const { state, service } = fake();
    await service.handle(hello("dashboard"), top());
    await service.handle({ type: "panel/action", action: "done" }, top());
    expect(state.store[EU]?.done).toEqual(["region"]);
    expect(state.store[EU]?.currentId).toBe("enhanced-logging");
    expect(state.badges.at(-1)).toBe(`1/${API1_TOTAL}`);
  });

  it("skip records the step as skipped", async () => {
    const { state, service } = fake();
    await service.handle(hello("dashboard"), top());
    await service.handle({ type: "panel/action", action: "skip" }, top());
    expect(state.store[EU]?.skipped).toEqual(["region"]);
    expect(state.store[EU]?.currentId).toBe("enhanced-logging");
  });

  it("start-over clears progress, keeps the path and lets the page in view decide the step", async () => {
    const { state, service } = fake({
      progress: {
        [EU]: progress({
          path: "api2",
          done: ["region", "enhanced-logging", "api2-new-application"],
          skipped: ["api2-details"],
          currentId: "api2-credentials",
          notice: "old",
        }),
      },
    });
    await service.handle(hello("account-settings"), top());
    state.now = 30_000;
    await service.handle({ type: "panel/action", action: "start-over" }, top());
    expect(state.store[EU]).toEqual({
      path: "api2",
      done: [],
      skipped: [],
      currentId: "enhanced-logging",
      updatedAt: 30_000,
    });
    expect(state.badges.at(-1)).toBe("");
    const v = lastView(state.sent, 1);
    expect(v.step.id).toBe("enhanced-logging");
    expect(v.doneCount).toBe(0);
    expect(v.total).toBe(API2_TOTAL);
    expect("notice" in v).toBe(false);
  });

  it("start-over without a detected page goes to the first step", async () => {
    const { state, service } = fake({
      progress: { [EU]: progress({ done: ["region"], currentId: "role" }) },
    });
    await service.handle(hello(null), top());
    await service.handle({ type: "panel/action", action: "start-over" }, top());
    expect(state.store[EU]?.currentId).toBe("region");
    expect(state.store[EU]?.done).toEqual([]);
  });

  it("dismiss-notice removes the notice", async () => {
    const { state, service } = fake({ progress: { [EU]: progress({ notice: "moved" }) } });
    await service.handle(hello(null), top());
    await service.handle({ type: "panel/action", action: "dismiss-notice" }, top());
    expect(state.store[EU] && "notice" in state.store[EU]).toBe(false);
    expect("notice" in lastView(state.sent, 1)).toBe(false);
  });
});

describe("panel/path", () => {
  it("switching to api2 saves the path and shows the API 2.0 step list", async () => {
    const { state, service } = fake();
    await service.handle(hello(null), top());
    expect(await service.handle({ type: "panel/path", path: "api2" }, top())).toBeUndefined();
    expect(state.store[EU]?.path).toBe("api2");
    expect(state.store[EU]?.currentId).toBe("region");
    const v = lastView(state.sent, 1);
    expect(v.path).toBe("api2");
    expect(v.total).toBe(API2_TOTAL);
    expect(v.index).toBe(1);
    expect(v.step.id).toBe("region");
  });

  it("keeps done shared steps and goes to the first open API 2.0 step", async () => {
    const { state, service } = fake({
      progress: { [EU]: progress({ done: ["region", "enhanced-logging"], currentId: "role" }) },
    });
    await service.handle(hello(null), top());
    await service.handle({ type: "panel/path", path: "api2" }, top());
    const v = lastView(state.sent, 1);
    expect(v.step.id).toBe("api2-role");
    expect(v.doneCount).toBe(2);
    expect(state.badges.at(-1)).toBe(`2/${API2_TOTAL}`);
  });

  it("choosing the path already in use saves nothing", async () => {
    const { state, service } = fake({ progress: { [EU]: progress() } });
    await service.handle(hello(null), top());
    await service.handle({ type: "panel/path", path: "api1" }, top());
    expect(state.saves).toBe(0);
  });
});

describe("API 1.0 missing from the console", () => {
  it("on api-integrations switches the host to API 2.0 with a notice about 2025", async () => {
    const { state, service } = fake();
    const view = await service.handle(hello("api-integrations", 9, true), top());
    expect(state.store[EU]?.path).toBe("api2");
    expect(state.store[EU]?.notice).toContain("2025");
    expect(view?.path).toBe("api2");
    expect(view?.total).toBe(API2_TOTAL);
    expect(view?.notice).toContain("2025");
    expect(view?.pageId).toBe("api-integrations");
  });

  it("lands on the API 2.0 step of the page when the earlier steps are done", async () => {
    const { state, service } = fake({
      progress: {
        [EU]: progress({ done: ["region", "enhanced-logging"], currentId: "api1-add-application" }),
      },
    });
    const view = await service.handle(hello("api-integrations", 9, true), top());
    expect(view?.step.id).toBe("api2-new-application");
    expect(lastView(state.sent, 1).step.id).toBe("api2-new-application");
  });

  // Regression test (was a bug in src/background/guide-service.ts, pageMayHaveChanged, found in review).
  it("the page in view still decides the step after the switch to API 2.0", async () => {
    const { service } = fake();
    const view = await service.handle(hello("api-integrations", 9, true), top());
    expect(view?.step.id).toBe("api2-new-application");
  });

  it("an iframe reporting api1Missing is enough", async () => {
    const { state, service } = fake();
    await service.handle(hello("api-integrations", 3), top());
    await service.handle(hello(null, 0, true), frame(7));
    expect(state.store[EU]?.path).toBe("api2");
  });

  it("is ignored on other pages", async () => {
    const { state, service } = fake();
    await service.handle(hello("account-settings", 9, true), top());
    expect(state.store[EU]?.path).toBe("api1");
    expect(state.store[EU]?.notice).toBeUndefined();
  });

  it("is ignored once an API 1.0 application was created", async () => {
    const { state, service } = fake({
      progress: {
        [EU]: progress({ done: ["region", "api1-add-application"], currentId: "api1-app-details" }),
      },
    });
    await service.handle(hello("api-integrations", 9, true), top());
    expect(state.store[EU]?.path).toBe("api1");
  });

  it("does not switch back or repeat the notice once dismissed", async () => {
    const { state, service } = fake();
    await service.handle(hello("api-integrations", 9, true), top());
    await service.handle({ type: "panel/action", action: "dismiss-notice" }, top());
    await service.handle(pageReport("api-integrations", 9, true), top());
    expect(state.store[EU]?.path).toBe("api2");
    expect(state.store[EU]?.notice).toBeUndefined();
    expect(lastView(state.sent, 1).notice).toBeUndefined();
  });
});

describe("progress per console host", () => {
  it("two tabs on login-eu and login-us do not share progress", async () => {
    const { state, service } = fake();
    await service.handle(hello("account-settings"), top(1, EU_URL));
    await service.handle(hello("account-settings"), top(2, US_URL));
    await service.handle({ type: "frame/completed", stepId: "enhanced-logging" }, top(1, EU_URL));
    expect(Object.keys(state.store).sort()).toEqual([EU, US]);
    expect(state.store[EU]?.done).toEqual(["enhanced-logging"]);
    expect(state.store[US]?.done).toEqual([]);
    expect(state.store[US]?.currentId).toBe("enhanced-logging");
    expect(lastView(state.sent, 1).doneCount).toBe(1);
    expect(lastView(state.sent, 2).doneCount).toBe(0);
    expect(lastView(state.sent, 2).step.id).toBe("enhanced-logging");
  });

  it("a path switch on one host leaves the other alone", async () => {
    const { state, service } = fake();
    await service.handle(hello(null), top(1, EU_URL));
    await service.handle(hello(null), top(2, US_URL));
    await service.handle({ type: "panel/path", path: "api2" }, top(2, US_URL));
    expect(state.store[US]?.path).toBe("api2");
    expect(state.store[EU]).toBeUndefined();
    expect(lastView(state.sent, 1).path).toBe("api1");
    expect(lastView(state.sent, 2).path).toBe("api2");
  });

  it("two tabs on the same host share progress", async () => {
    const { state, service } = fake();
    await service.handle(hello(null), top(1));
    await service.handle(hello(null), top(2, "https://login-eu.mimecast.com/administration/app/#/roles"));
    await service.handle({ type: "frame/completed", stepId: "region" }, top(1));
    expect(lastView(state.sent, 2).doneCount).toBe(1);
  });

  it("an unreadable tab URL keeps its progress under the empty host", async () => {
    const { state, service } = fake();
    await service.handle(hello("account-settings"), top(1, "not a url"));
    expect(Object.keys(state.store)).toEqual([""]);
  });
});

describe("keysGenerated", () => {
  it("marks generate-keys done on the most recently updated host", async () => {
    const { state, service } = fake({
      progress: {
        [EU]: progress({ updatedAt: 100, currentId: "generate-keys" }),
        [US]: progress({ updatedAt: 200, currentId: "generate-keys" }),
        "login-de.mimecast.com": progress({ updatedAt: 150 }),
      },
    });
    await service.handle(hello(null), top(1, US_URL));
    state.now = 50_000;
    await service.keysGenerated();
    expect(state.store[US]).toEqual(
      progress({ done: ["generate-keys"], currentId: "verify", updatedAt: 50_000 }),
    );
    expect(state.store[EU]).toEqual(progress({ updatedAt: 100, currentId: "generate-keys" }));
    expect(state.store["login-de.mimecast.com"]?.done).toEqual([]);
    expect(state.badges.at(-1)).toBe(`1/${API1_TOTAL}`);
    expect(lastView(state.sent, 1).step.id).toBe("verify");
  });

  it("does nothing without any progress", async () => {
    const { state, service } = fake();
    await service.keysGenerated();
    expect(state.saves).toBe(0);
    expect(state.sent).toEqual([]);
    expect(state.store).toEqual({});
  });

  it("does nothing to a host on API 2.0", async () => {
    const { state, service } = fake({ progress: { [EU]: progress({ path: "api2", updatedAt: 5 }) } });
    await service.keysGenerated();
    expect(state.saves).toBe(0);
    expect(state.store[EU]?.done).toEqual([]);
  });
});

describe("finishing the guide", () => {
  it("the last step done closes the panel once", async () => {
    const rest = stepsFor(GUIDE, "api2")
      .map((s) => s.id)
      .filter((id) => id !== "verify");
    const { state, service } = fake({
      progress: { [EU]: progress({ path: "api2", done: rest, currentId: "verify" }) },
    });
    await service.handle(hello(null), top());
    await service.handle({ type: "panel/action", action: "done" }, top());
    expect(state.saveOpenCalls).toEqual([false]);
    const v = lastView(state.sent, 1);
    expect(v.open).toBe(false);
    expect(v.finished).toBe(true);
    expect(v.doneCount).toBe(API2_TOTAL);
    expect(v.stepDone).toBe(true);
    expect(state.badges.at(-1)).toBe(`${API2_TOTAL}/${API2_TOTAL}`);
    // Reopening a finished guide is allowed; further actions do not close it again.
    await service.handle({ type: "panel/action", action: "open" }, top());
    await service.handle({ type: "panel/action", action: "back" }, top());
    expect(state.saveOpenCalls).toEqual([false, true]);
    expect(lastView(state.sent, 1).open).toBe(true);
  });

  it("finishing by frame/completed closes the panel", async () => {
    const all = stepsFor(GUIDE, "api1").map((s) => s.id);
    const { state, service } = fake({
      progress: { [EU]: progress({ done: all.filter((id) => id !== "role"), currentId: "role" }) },
    });
    await service.handle(hello("roles"), top());
    await service.handle({ type: "frame/completed", stepId: "role" }, top());
    expect(state.saveOpenCalls).toEqual([false]);
    expect(lastView(state.sent, 1).open).toBe(false);
  });

  it("finishing by generated keys closes the panel", async () => {
    const all = stepsFor(GUIDE, "api1").map((s) => s.id);
    const { state, service } = fake({
      progress: { [EU]: progress({ done: all.filter((id) => id !== "generate-keys"), currentId: "verify" }) },
    });
    await service.handle(hello(null), top());
    await service.keysGenerated();
    expect(state.saveOpenCalls).toEqual([false]);
    expect(lastView(state.sent, 1).open).toBe(false);
    expect(lastView(state.sent, 1).finished).toBe(true);
  });

  it("skipping the last open step also counts as finishing", async () => {
    const rest = stepsFor(GUIDE, "api2")
      .map((s) => s.id)
      .filter((id) => id !== "api2-details");
    const { state, service } = fake({
      progress: { [EU]: progress({ path: "api2", done: rest, currentId: "api2-details" }) },
    });
    await service.handle(hello(null), top());
    await service.handle({ type: "panel/action", action: "skip" }, top());
    expect(state.saveOpenCalls).toEqual([false]);
  });
});

describe("service-worker restart: tabs the new worker has not heard from", () => {
  it("keys generated after a restart reach every open tab, by asking them to report", async () => {
    const { state, service } = fake({
      progress: { [EU]: progress({ updatedAt: 100, currentId: "generate-keys" }) },
      openTabs: [3, 8],
    });
    await service.keysGenerated();
    expect(state.store[EU]?.done).toEqual(["generate-keys"]);
    expect(state.sent).toEqual([
      { tabId: 3, message: { type: "bg/rehello" } },
      { tabId: 8, message: { type: "bg/rehello" } },
    ]);
  });

  it("sweeps once per worker lifetime, and skips tabs that already spoke", async () => {
    const { state, service } = fake({ openTabs: [1, 8] });
    await service.handle(hello("dashboard"), top(1));
    await service.handle({ type: "panel/action", action: "next" }, top(1));
    await service.handle({ type: "panel/action", action: "back" }, top(1));
    expect(rehellos(state.sent, 8)).toBe(1);
    // Tab 1 got its hello-time rehello only, not a sweep one.
    expect(rehellos(state.sent, 1)).toBe(1);
  });
});

describe("service-worker restart: a re-announced page is not a new arrival", () => {
  it("keeps the step the user was on when a restarted worker hears the same page again", async () => {
    // The user walked with Next to generate-keys while the dashboard (home of the region step) was in view.
    const { state, service } = fake({
      progress: { [EU]: progress({ currentId: "generate-keys", updatedAt: 5 }) },
    });
    await service.handle({ ...pageReport("dashboard"), again: true } as ContentRequest, top(3));
    expect(state.store[EU]?.currentId).toBe("generate-keys");
    expect(lastView(state.sent, 3).step.id).toBe("generate-keys");
  });

  it("a real arrival still moves the guide, and so does a re-announce that names a different page", async () => {
    const { state, service } = fake({
      progress: { [EU]: progress({ currentId: "generate-keys", updatedAt: 5 }) },
    });
    await service.handle(pageReport("dashboard"), top(3));
    expect(state.store[EU]?.currentId).toBe("region");
    await service.handle({ ...pageReport("account-settings"), again: true } as ContentRequest, top(3));
    expect(state.store[EU]?.currentId).toBe("enhanced-logging");
  });
});

describe("captureSource", () => {
  it("names the host and page when the frame's own report shows a credentials page", async () => {
    const { service } = fake();
    await service.handle(hello("api1-created"), top(2));
    expect(service.captureSource(top(2), ["appId", "appKey"])).toEqual({
      host: EU,
      page: "API application added (API 1.0)",
    });
  });

  it("refuses other pages, other frames, unknown tabs, fields the page does not show, and nothing", async () => {
    const { service } = fake();
    await service.handle(hello("dashboard"), top(2));
    await service.handle(hello("api1-created", 12), frame(5, 2));
    expect(service.captureSource(top(2), ["appId"])).toBeUndefined();
    expect(service.captureSource(frame(5, 2), ["appId", "appKey"])).toBeDefined();
    expect(service.captureSource(frame(5, 2), ["clientSecret"])).toBeUndefined();
    expect(service.captureSource(frame(5, 2), [])).toBeUndefined();
    expect(service.captureSource(top(9), ["appId"])).toBeUndefined();
  });
});

describe("service-worker restart: rehello", () => {
  it("a frame/page from an unknown tab asks the tab's frames to report again", async () => {
    const { state, service } = fake();
    await service.handle(pageReport("account-settings"), top(4));
    expect(state.sent.filter((s) => (s.message as { type?: string }).type === "bg/rehello")).toEqual([
      { tabId: 4, message: { type: "bg/rehello" } },
    ]);
  });

  it("the frame/page is still processed", async () => {
    const { state, service } = fake();
    await service.handle(pageReport("account-settings"), top(4));
    expect(state.store[EU]?.currentId).toBe("enhanced-logging");
    expect(lastView(state.sent, 4).pageId).toBe("account-settings");
  });

  it("is sent once for a top-frame hello, never for a subframe hello or messages from a known tab", async () => {
    const { state, service } = fake();
    await service.handle(hello("dashboard"), top(4));
    await service.handle(hello("roles"), frame(2, 4));
    await service.handle(pageReport("account-settings"), top(4));
    await service.handle(pageReport("roles"), frame(2, 4));
    await service.handle({ type: "panel/action", action: "next" }, top(4));
    expect(rehellos(state.sent, 4)).toBe(1);
  });

  it("forgets the subframes of the previous top document", async () => {
    const { state, service } = fake();
    await service.handle(hello("dashboard"), top(4));
    await service.handle(hello("account-settings", 12), frame(7, 4));
    expect(lastView(state.sent, 4).pageId).toBe("account-settings");
    // The user navigates: a new top document; the old iframe (frame 7) is gone without a word.
    await service.handle(hello("internal-directories"), top(4));
    expect(lastView(state.sent, 4).pageId).toBe("internal-directories");
  });

  it("drops a frame that says it is gone", async () => {
    const { state, service } = fake();
    await service.handle(hello("dashboard"), top(4));
    await service.handle(hello("roles", 12), frame(7, 4));
    expect(lastView(state.sent, 4).pageId).toBe("roles");
    await service.handle({ type: "frame/gone" }, frame(7, 4));
    expect(lastView(state.sent, 4).pageId).toBe("dashboard");
  });

  it("is sent again after the tab was forgotten", async () => {
    const { state, service } = fake();
    await service.handle(hello("dashboard"), top(4));
    service.forgetTab(4);
    await service.handle(pageReport("dashboard"), top(4));
    expect(rehellos(state.sent, 4)).toBe(2); // one for the first hello, one after forgetting
  });

  it("forgetTab stops broadcasts to that tab", async () => {
    const { state, service } = fake();
    await service.handle(hello(null), top(1));
    await service.handle(hello(null), top(2));
    service.forgetTab(2);
    const before = viewsFor(state.sent, 2).length;
    await service.handle({ type: "panel/action", action: "next" }, top(1));
    expect(viewsFor(state.sent, 2).length).toBe(before);
  });

  // Regression test (was a bug in src/background/guide-service.ts, handle, found in review).
  const nonHello: readonly ContentRequest[] = [
    { type: "frame/target", stepId: "enhanced-logging", found: true },
    { type: "frame/completed", stepId: "region" },
    { type: "panel/action", action: "next" },
    { type: "panel/action", action: "close" },
    { type: "panel/path", path: "api2" },
  ];
  for (const req of nonHello) {
    const label = "action" in req ? `${req.type} ${req.action}` : req.type;
    it(`${label} from an unknown tab sends bg/rehello`, async () => {
      const { state, service } = fake();
      await service.handle(req, top(4));
      expect(rehellos(state.sent, 4)).toBe(1);
    });
  }
});

describe("learned targets: Show me, Use this, Forget, lost", () => {
  const SIG = {
    role: "button" as const,
    name: "Create profile",
    text: "Create profile",
    anchor: "Authentication Profiles",
    path: ["region"],
  };
  const act = (
    action: "pick" | "pick-cancel" | "pick-confirm" | "forget-learned" | "learned-lost",
  ): ContentRequest => ({
    type: "panel/action",
    action,
  });

  async function onApplications() {
    const f = fake();
    await f.service.handle(hello(null), top());
    await f.service.handle(hello("applications", 9), frame(3));
    expect(lastView(f.state.sent, 1).step.id).toBe("auth-profile");
    return f;
  }

  it("pick mode: a pick from a subframe is shown, confirmed, stored for the host and step, and replayed in that frame", async () => {
    const { state, service } = await onApplications();
    await service.handle(act("pick"), top());
    expect(lastView(state.sent, 1).picking).toBe(true);
    await service.handle({ type: "frame/pick", id: "abc123", signature: SIG, unique: true }, frame(3));
    expect(lastView(state.sent, 1).picked).toEqual({
      id: "abc123",
      summary: "Authentication Profiles ▸ ‘Create profile’ button",
      ok: true,
    });
    await service.handle(act("pick-confirm"), top());
    expect(state.learned[EU]?.["auth-profile"]).toEqual({
      pageId: "applications",
      signature: SIG,
      savedAt: state.now,
    });
    const v = lastView(state.sent, 1);
    expect(v.picking).toBe(false);
    expect(v.learned).toMatchObject({
      role: "button",
      name: ["Create profile"],
      within: ["Authentication Profiles"],
    });
    // The click goes back to the console after the view without pick mode (the frame keeps its pick).
    const types = state.sent.map((x) => (x.message as { type: string }).type);
    expect(state.sent[types.lastIndexOf("bg/use-picked")]).toEqual({
      tabId: 1,
      message: { type: "bg/use-picked", id: "abc123" },
    });
    const before = state.sent.slice(0, types.lastIndexOf("bg/use-picked")).at(-1)?.message as {
      type: string;
      view: GuideView;
    };
    expect(before).toMatchObject({ type: "bg/state", view: { picking: false } });
    // Reported found through it: the panel marks the spotlight as learned.
    await service.handle(
      { type: "frame/target", stepId: "auth-profile", found: true, learned: true },
      frame(3),
    );
    expect(lastView(state.sent, 1)).toMatchObject({ targetFound: true, learnedUsed: true });
  });

  it("never keeps a pick the locator cannot find again, a pick outside pick mode, or one after Escape", async () => {
    const { state, service } = await onApplications();
    await service.handle({ type: "frame/pick", id: "a1", signature: SIG, unique: true }, frame(3));
    expect(lastView(state.sent, 1).picked).toBeUndefined();
    await service.handle(act("pick"), top());
    await service.handle({ type: "frame/pick", id: "a2", signature: SIG, unique: false }, frame(3));
    expect(lastView(state.sent, 1).picked?.ok).toBe(false);
    await service.handle(act("pick-confirm"), top());
    expect(state.learned).toEqual({});
    await service.handle({ type: "frame/pick", id: "a3", signature: SIG, unique: true }, frame(3));
    await service.handle({ type: "frame/pick-cancel" }, frame(3));
    expect(lastView(state.sent, 1)).toMatchObject({ picking: false });
    await service.handle(act("pick-confirm"), top());
    expect(state.learned).toEqual({});
  });

  it("looks for a learned control on its own page only; Forget removes it; lost drops it with a notice", async () => {
    const { state, service } = await onApplications();
    state.learned = { [EU]: { "auth-profile": { pageId: "applications", signature: SIG, savedAt: 1 } } };
    await service.handle(pageReport("applications", 10), frame(3));
    expect(lastView(state.sent, 1).learned).toBeDefined();
    await service.handle(pageReport("internal-directories", 10), frame(3));
    expect(lastView(state.sent, 1).learned).toBeUndefined();
    await service.handle(pageReport("applications", 10), frame(3));
    // Found by a frame: "lost" is refused.
    await service.handle(
      { type: "frame/target", stepId: "auth-profile", found: true, learned: true },
      frame(3),
    );
    await service.handle(act("learned-lost"), top());
    expect(state.learned[EU]?.["auth-profile"]).toBeDefined();
    await service.handle({ type: "frame/target", stepId: "auth-profile", found: false }, frame(3));
    await service.handle(act("learned-lost"), top());
    expect(state.learned[EU]?.["auth-profile"]).toBeUndefined();
    expect(lastView(state.sent, 1).notice).toContain("no longer on this page, so I forgot it");

    state.learned = { [EU]: { "auth-profile": { pageId: "applications", signature: SIG, savedAt: 1 } } };
    await service.handle(act("forget-learned"), top());
    expect(state.learned[EU]?.["auth-profile"]).toBeUndefined();
  });

  it("Fill suggested values asks only the frames showing the step's page, and checks their answers", async () => {
    const { state, service } = await onApplications();
    state.answer = { filled: ["the “Description” box"] };
    const reply = await service.answer({ type: "panel/fill" }, top());
    expect(reply).toEqual({ filled: ["the “Description” box"] });
    expect(state.asked).toEqual([{ tabId: 1, frameId: 3, message: { type: "bg/fill" } }]);
    state.answer = { filled: [42] };
    expect(await service.answer({ type: "panel/fill" }, top())).toEqual({ filled: [] });
  });

  it("writes the report with the learned signature, from the outline the panel sent", async () => {
    const { state, service } = await onApplications();
    state.learned = { [EU]: { "auth-profile": { pageId: "applications", signature: SIG, savedAt: 1 } } };
    const reply = (await service.answer(
      {
        type: "panel/report",
        outline: {
          route: "/a/#/b",
          headings: ["Applications", "x@y.z"],
          tabs: [],
          buttons: ["Create profile"],
          labels: [],
        },
      },
      top(),
    )) as { text: string };
    expect(reply.text).toContain("Step: auth-profile");
    expect(reply.text).toContain("Shown control: button “Create profile”");
    expect(reply.text).toContain("Headings: Applications\n");
    expect(reply.text).not.toContain("x@y.z");
  });
});
