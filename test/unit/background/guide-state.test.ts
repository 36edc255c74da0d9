import { describe, expect, it } from "vitest";
import {
  type Action,
  api1Unavailable,
  api2PageInView,
  apply,
  arriveAt,
  initialProgress,
  isFinished,
  markDone,
  type Progress,
} from "../../../src/background/guide-state";
import { GUIDE, stepsFor } from "../../../src/guide";
import type { Guide } from "../../../src/guide/types";

const T0 = 1_000;
const NOW = 2_000;

const API1 = [
  "region",
  "enhanced-logging",
  "api1-add-application",
  "api1-app-details",
  "api1-app-add",
  "api1-app-keys",
  "service-user",
  "role",
  "profile-group",
  "auth-profile",
  "app-setting",
  "generate-keys",
  "verify",
];
const API2 = [
  "region",
  "enhanced-logging",
  "api2-role",
  "api2-new-application",
  "api2-details",
  "api2-credentials",
  "verify",
];

function progress(over: Partial<Progress> = {}): Progress {
  return { path: "api1", done: [], skipped: [], currentId: "region", updatedAt: T0, ...over };
}

const act = (p: Progress, action: Action) => apply(GUIDE, p, action, NOW);

describe("fixture assumptions", () => {
  it("matches the guide's step order on both paths", () => {
    expect(stepsFor(GUIDE, "api1").map((s) => s.id)).toEqual(API1);
    expect(stepsFor(GUIDE, "api2").map((s) => s.id)).toEqual(API2);
  });
});

describe("initialProgress", () => {
  it("starts on API 1.0 at the first step with nothing done", () => {
    const p = initialProgress(GUIDE, T0);
    expect(p).toEqual({ path: "api1", done: [], skipped: [], currentId: "region", updatedAt: T0 });
    expect("notice" in p).toBe(false);
  });

  it("starts on the given path", () => {
    expect(initialProgress(GUIDE, 5, "api2")).toEqual({
      path: "api2",
      done: [],
      skipped: [],
      currentId: "region",
      updatedAt: 5,
    });
  });

  it("uses an empty current id when the path has no steps", () => {
    const onlyApi2: Guide = { ...GUIDE, steps: GUIDE.steps.filter((s) => !s.paths.includes("api1")) };
    expect(initialProgress(onlyApi2, 7, "api1").currentId).toBe("");
    expect(initialProgress(onlyApi2, 7, "api2").currentId).toBe("api2-role");
  });

  it("returns fresh arrays each time", () => {
    const a = initialProgress(GUIDE, T0);
    const b = initialProgress(GUIDE, T0);
    expect(a.done).not.toBe(b.done);
    expect(a.skipped).not.toBe(b.skipped);
  });
});

describe("apply: next and back", () => {
  it("next moves one step forward without marking anything", () => {
    const p = act(progress(), { kind: "next" });
    expect(p).toEqual(progress({ currentId: "enhanced-logging", updatedAt: NOW }));
  });

  it("next walks the whole API 1.0 path in order and stops on the last step", () => {
    let p = progress();
    const seen = [p.currentId];
    for (let k = 0; k < API1.length + 1; k++) {
      p = act(p, { kind: "next" });
      seen.push(p.currentId);
    }
    expect(seen).toEqual([...API1, "verify", "verify"]);
    expect(p.done).toEqual([]);
  });

  it("next at the last step stays there", () => {
    expect(act(progress({ currentId: "verify" }), { kind: "next" }).currentId).toBe("verify");
    expect(act(progress({ path: "api2", currentId: "verify" }), { kind: "next" }).currentId).toBe("verify");
  });

  it("back at the first step stays there", () => {
    const p = act(progress(), { kind: "back" });
    expect(p.currentId).toBe("region");
    expect(p.updatedAt).toBe(NOW);
  });

  it("back moves one step backward, also over done steps", () => {
    const p = progress({ currentId: "api1-add-application", done: ["enhanced-logging"] });
    expect(act(p, { kind: "back" }).currentId).toBe("enhanced-logging");
    expect(
      act(progress({ path: "api2", currentId: "api2-new-application" }), { kind: "back" }).currentId,
    ).toBe("api2-role");
  });

  it("next moves over done and skipped steps too (it is navigation, not progress)", () => {
    const p = progress({ done: ["enhanced-logging"], skipped: ["api1-add-application"] });
    expect(act(p, { kind: "next" }).currentId).toBe("enhanced-logging");
  });

  it("treats an unknown current id as the first step", () => {
    expect(act(progress({ currentId: "gone" }), { kind: "next" }).currentId).toBe("enhanced-logging");
    expect(act(progress({ currentId: "gone" }), { kind: "back" }).currentId).toBe("region");
  });

  it("does not mutate its input", () => {
    const p = progress({ done: ["region"], currentId: "enhanced-logging" });
    const copy = structuredClone(p);
    act(p, { kind: "next" });
    act(p, { kind: "done" });
    act(p, { kind: "skip" });
    act(p, { kind: "path", path: "api2" });
    expect(p).toEqual(copy);
  });
});

describe("apply: done", () => {
  it("marks the current step done and advances to the next step", () => {
    expect(act(progress(), { kind: "done" })).toEqual(
      progress({ done: ["region"], currentId: "enhanced-logging", updatedAt: NOW }),
    );
  });

  it("advances past steps that are already done or skipped", () => {
    const p = progress({
      currentId: "enhanced-logging",
      done: ["api1-add-application"],
      skipped: ["api1-app-details"],
    });
    const q = act(p, { kind: "done" });
    expect(q.currentId).toBe("api1-app-add");
    expect(q.done).toEqual(["api1-add-application", "enhanced-logging"]);
    expect(q.skipped).toEqual(["api1-app-details"]);
  });

  it("wraps around to the first open step when done at the end", () => {
    const q = act(progress({ currentId: "verify", done: ["region"] }), { kind: "done" });
    expect(q.currentId).toBe("enhanced-logging");
    expect(q.done).toEqual(["region", "verify"]);
  });

  it("stays on the last step when it was the only open one", () => {
    const others = API2.filter((id) => id !== "api2-details");
    const q = act(progress({ path: "api2", currentId: "api2-details", done: others }), { kind: "done" });
    expect(q.currentId).toBe("api2-details");
    expect(q.done).toEqual([...others, "api2-details"]);
    expect(isFinished(GUIDE, q)).toBe(true);
  });

  it("done on a skipped step moves it from skipped to done", () => {
    const q = act(progress({ currentId: "region", skipped: ["region", "role"] }), { kind: "done" });
    expect(q.skipped).toEqual(["role"]);
    expect(q.done).toEqual(["region"]);
    expect(q.currentId).toBe("enhanced-logging");
  });

  it("keeps the notice", () => {
    expect(act(progress({ notice: "n" }), { kind: "done" }).notice).toBe("n");
  });
});

describe("apply: skip", () => {
  it("adds the current step to skipped and moves to the next open step", () => {
    expect(act(progress(), { kind: "skip" })).toEqual(
      progress({ skipped: ["region"], currentId: "enhanced-logging", updatedAt: NOW }),
    );
  });

  it("skips over done and skipped steps", () => {
    const p = progress({
      currentId: "role",
      done: ["profile-group"],
      skipped: ["auth-profile"],
    });
    const q = act(p, { kind: "skip" });
    expect(q.currentId).toBe("app-setting");
    expect(q.skipped).toEqual(["auth-profile", "role"]);
    expect(q.done).toEqual(["profile-group"]);
  });

  it("wraps around from the last step", () => {
    const q = act(progress({ path: "api2", currentId: "verify", done: ["region"] }), { kind: "skip" });
    expect(q.currentId).toBe("enhanced-logging");
    expect(q.skipped).toEqual(["verify"]);
  });

  it("does not add a step to skipped twice", () => {
    const q = act(progress({ currentId: "role", skipped: ["role"] }), { kind: "skip" });
    expect(q.skipped).toEqual(["role"]);
    expect(q.currentId).toBe("profile-group");
  });

  it("stays put when no other step is open", () => {
    const others = API2.filter((id) => id !== "verify");
    const q = act(progress({ path: "api2", currentId: "verify", done: others }), { kind: "skip" });
    expect(q.currentId).toBe("verify");
    expect(q.skipped).toEqual(["verify"]);
    expect(isFinished(GUIDE, q)).toBe(true);
  });
});

describe("apply: start-over", () => {
  it("resets to the initial progress of the same path (api1)", () => {
    const p = progress({
      done: ["region", "role"],
      skipped: ["verify"],
      currentId: "auth-profile",
      notice: "x",
    });
    const q = act(p, { kind: "start-over" });
    expect(q).toEqual({ path: "api1", done: [], skipped: [], currentId: "region", updatedAt: NOW });
    expect("notice" in q).toBe(false);
  });

  it("keeps the API 2.0 path", () => {
    const p = progress({ path: "api2", done: ["region"], currentId: "api2-details" });
    expect(act(p, { kind: "start-over" })).toEqual({
      path: "api2",
      done: [],
      skipped: [],
      currentId: "region",
      updatedAt: NOW,
    });
  });
});

describe("apply: path", () => {
  it("switching to api2 picks the first open step of API 2.0 and keeps done and skipped", () => {
    const p = progress({ done: ["region", "role"], skipped: ["service-user"], currentId: "auth-profile" });
    expect(act(p, { kind: "path", path: "api2" })).toEqual({
      path: "api2",
      done: ["region", "role"],
      skipped: ["service-user"],
      currentId: "enhanced-logging",
      updatedAt: NOW,
    });
  });

  it("skipped steps are not open for the new path either", () => {
    const p = progress({ done: ["region"], skipped: ["enhanced-logging"] });
    expect(act(p, { kind: "path", path: "api2" }).currentId).toBe("api2-role");
  });

  it("drops the notice", () => {
    const q = act(progress({ notice: "moved" }), { kind: "path", path: "api2" });
    expect("notice" in q).toBe(false);
    const back = act(progress({ path: "api2", notice: "moved" }), { kind: "path", path: "api1" });
    expect("notice" in back).toBe(false);
    expect(back.path).toBe("api1");
  });

  it("switching back to api1 picks its first open step", () => {
    const p = progress({ path: "api2", done: ["region", "enhanced-logging"], currentId: "api2-details" });
    expect(act(p, { kind: "path", path: "api1" }).currentId).toBe("api1-add-application");
  });

  it("falls back to the first step of the new path when all of it is done or skipped", () => {
    const p = progress({ done: API2.slice(0, 3), skipped: API2.slice(3), currentId: "role" });
    expect(act(p, { kind: "path", path: "api2" }).currentId).toBe("region");
  });

  it("returns the very same object when the path does not change", () => {
    const p = progress({ notice: "keep me" });
    expect(act(p, { kind: "path", path: "api1" })).toBe(p);
  });
});

describe("apply: dismiss-notice", () => {
  it("removes the notice and touches updatedAt only", () => {
    const p = progress({ notice: "hello", done: ["region"], currentId: "role" });
    const q = act(p, { kind: "dismiss-notice" });
    expect(q).toEqual(progress({ done: ["region"], currentId: "role", updatedAt: NOW }));
    expect("notice" in q).toBe(false);
  });

  it("is harmless without a notice", () => {
    expect(act(progress(), { kind: "dismiss-notice" })).toEqual(progress({ updatedAt: NOW }));
  });
});

describe("markDone", () => {
  it("ignores an unknown step id (same object)", () => {
    const p = progress();
    expect(markDone(GUIDE, p, "no-such-step", NOW)).toBe(p);
    expect(markDone(GUIDE, p, "", NOW)).toBe(p);
  });

  it("ignores a step that is not on the current path (same object)", () => {
    const p = progress();
    expect(markDone(GUIDE, p, "api2-details", NOW)).toBe(p);
    const q = progress({ path: "api2" });
    expect(markDone(GUIDE, q, "generate-keys", NOW)).toBe(q);
  });

  it("is idempotent: a second call returns the same object", () => {
    const once = markDone(GUIDE, progress(), "role", NOW);
    expect(once.done).toEqual(["role"]);
    expect(markDone(GUIDE, once, "role", NOW + 1)).toBe(once);
  });

  it("does not move the current step when another step completes", () => {
    const p = progress({ currentId: "enhanced-logging" });
    expect(markDone(GUIDE, p, "role", NOW)).toEqual(
      progress({ currentId: "enhanced-logging", done: ["role"], updatedAt: NOW }),
    );
  });

  it("moves on when the current step completes", () => {
    const q = markDone(GUIDE, progress({ currentId: "auth-profile" }), "auth-profile", NOW);
    expect(q.currentId).toBe("app-setting");
    expect(q.done).toEqual(["auth-profile"]);
    expect(q.updatedAt).toBe(NOW);
  });

  it("removes the step from skipped", () => {
    const q = markDone(GUIDE, progress({ skipped: ["role", "verify"] }), "role", NOW);
    expect(q.skipped).toEqual(["verify"]);
    expect(q.done).toEqual(["role"]);
    expect(q.currentId).toBe("region");
  });

  it("appends in completion order", () => {
    let p = progress({ currentId: "verify" });
    for (const id of ["role", "region", "service-user"]) p = markDone(GUIDE, p, id, NOW);
    expect(p.done).toEqual(["role", "region", "service-user"]);
  });
});

describe("arriveAt", () => {
  it("moves to the first open step on the page in view", () => {
    expect(arriveAt(GUIDE, progress(), "account-settings", NOW)).toEqual(
      progress({ currentId: "enhanced-logging", updatedAt: NOW }),
    );
    expect(arriveAt(GUIDE, progress(), "applications", NOW).currentId).toBe("auth-profile");
    expect(arriveAt(GUIDE, progress(), "api1-wizard", NOW).currentId).toBe("api1-app-details");
  });

  it("the page decides whatever the saved progress (going backwards too)", () => {
    const p = progress({ currentId: "app-setting", done: ["region"] });
    expect(arriveAt(GUIDE, p, "account-settings", NOW).currentId).toBe("enhanced-logging");
  });

  it("skips done steps on the page", () => {
    const p = progress({ currentId: "region", done: ["auth-profile"] });
    expect(arriveAt(GUIDE, p, "applications", NOW).currentId).toBe("app-setting");
    const q = progress({ currentId: "region", done: ["api1-app-details"] });
    expect(arriveAt(GUIDE, q, "api1-wizard", NOW).currentId).toBe("api1-app-add");
  });

  it("falls back to the page's first step when all its steps are done", () => {
    const p = progress({ currentId: "role", done: ["auth-profile", "app-setting"] });
    expect(arriveAt(GUIDE, p, "applications", NOW)).toEqual(
      progress({ currentId: "auth-profile", done: ["auth-profile", "app-setting"], updatedAt: NOW }),
    );
  });

  it("leaves a done current step on the page when it is the fallback (same object)", () => {
    const p = progress({ currentId: "auth-profile", done: ["auth-profile", "app-setting"] });
    expect(arriveAt(GUIDE, p, "applications", NOW)).toBe(p);
  });

  it("moves off a done current step to an open step on the same page", () => {
    const p = progress({ currentId: "auth-profile", done: ["auth-profile"] });
    expect(arriveAt(GUIDE, p, "applications", NOW).currentId).toBe("app-setting");
  });

  it("keeps an open current step that is already on the page (same object)", () => {
    // Both steps on the page are open; the person moved to the second one themselves.
    const p = progress({ currentId: "app-setting" });
    expect(arriveAt(GUIDE, p, "applications", NOW)).toBe(p);
  });

  it("returns the same object when the picked step is already current", () => {
    const p = progress({ currentId: "enhanced-logging" });
    expect(arriveAt(GUIDE, p, "account-settings", NOW)).toBe(p);
  });

  it("leaves progress unchanged on pages without steps of the path (same object)", () => {
    const p = progress({ currentId: "role" });
    expect(arriveAt(GUIDE, p, "no-such-page", NOW)).toBe(p);
    expect(arriveAt(GUIDE, p, "api2-wizard", NOW)).toBe(p);
    expect(arriveAt(GUIDE, p, "api2-created", NOW)).toBe(p);
    const q = progress({ path: "api2", currentId: "api2-details" });
    expect(arriveAt(GUIDE, q, "api1-wizard", NOW)).toBe(q);
    expect(arriveAt(GUIDE, q, "role-editor", NOW).currentId).toBe("api2-role");
    expect(arriveAt(GUIDE, q, "applications", NOW)).toBe(q);
  });

  it("uses the steps of the progress' path on shared pages", () => {
    expect(arriveAt(GUIDE, progress(), "api-integrations", NOW).currentId).toBe("api1-add-application");
    expect(arriveAt(GUIDE, progress({ path: "api2" }), "api-integrations", NOW).currentId).toBe(
      "api2-new-application",
    );
  });

  it("does not mark anything done or skipped and keeps the notice", () => {
    const p = progress({ done: ["region"], skipped: ["role"], notice: "n" });
    const q = arriveAt(GUIDE, p, "profile-groups", NOW);
    expect(q).toEqual({ ...p, currentId: "profile-group", updatedAt: NOW });
  });

  // Regression test (was a bug in src/background/guide-state.ts, arriveAt, the `pick` line, found in review).
  it("arriving on a page prefers an open step over a skipped one", () => {
    const p = progress({ currentId: "role", skipped: ["auth-profile"] });
    expect(arriveAt(GUIDE, p, "applications", NOW).currentId).toBe("app-setting");
  });
});

describe("isFinished", () => {
  it("is false at the start and after some steps", () => {
    expect(isFinished(GUIDE, progress())).toBe(false);
    expect(isFinished(GUIDE, progress({ done: API1.slice(0, -1) }))).toBe(false);
  });

  it("is true when every step of the path is done", () => {
    expect(isFinished(GUIDE, progress({ done: API1 }))).toBe(true);
    expect(isFinished(GUIDE, progress({ path: "api2", done: API2 }))).toBe(true);
  });

  it("counts skipped steps as finished", () => {
    expect(isFinished(GUIDE, progress({ done: API1.slice(0, 5), skipped: API1.slice(5) }))).toBe(true);
  });

  it("only looks at the steps of the current path", () => {
    expect(isFinished(GUIDE, progress({ path: "api2", done: API1 }))).toBe(false);
    expect(isFinished(GUIDE, progress({ path: "api1", done: API2 }))).toBe(false);
    expect(isFinished(GUIDE, progress({ path: "api2", done: [...API2, "role"] }))).toBe(true);
  });
});

describe("api1Unavailable", () => {
  it("switches a fresh API 1.0 progress to API 2.0 with a notice about 2025", () => {
    const p = api1Unavailable(GUIDE, progress(), NOW);
    expect(p.path).toBe("api2");
    expect(p.currentId).toBe("region");
    expect(p.done).toEqual([]);
    expect(p.updatedAt).toBe(NOW);
    expect(p.notice).toContain("2025");
    expect(p.notice).toContain("API 2.0");
    expect(p.notice).toContain("Add API Application");
  });

  it("keeps done steps and lands on the first open API 2.0 step", () => {
    const p = api1Unavailable(
      GUIDE,
      progress({ done: ["region", "enhanced-logging"], currentId: "role" }),
      NOW,
    );
    expect(p.currentId).toBe("api2-role");
    expect(p.done).toEqual(["region", "enhanced-logging"]);
  });

  it.each(["api1-add-application", "api1-app-details", "api1-app-add", "api1-app-keys"])(
    "does nothing once %s is done (same object)",
    (id) => {
      const p = progress({ done: [id] });
      expect(api1Unavailable(GUIDE, p, NOW)).toBe(p);
    },
  );

  it("does switch when only non-creation API 1.0 steps are done", () => {
    const p = progress({ done: ["service-user", "role", "generate-keys"] });
    expect(api1Unavailable(GUIDE, p, NOW).path).toBe("api2");
  });

  it("is a no-op on API 2.0 (same object, notice untouched)", () => {
    const p = progress({ path: "api2", currentId: "api2-details" });
    expect(api1Unavailable(GUIDE, p, NOW)).toBe(p);
    const q = progress({ path: "api2", notice: "old" });
    expect(api1Unavailable(GUIDE, q, NOW)).toBe(q);
  });

  it("the notice can then be dismissed", () => {
    const p = act(api1Unavailable(GUIDE, progress(), NOW), { kind: "dismiss-notice" });
    expect("notice" in p).toBe(false);
    expect(p.path).toBe("api2");
  });
});

describe("api2PageInView", () => {
  it("moves an unchosen API 1.0 path to API 2.0 on a page only API 2.0 has, with a notice", () => {
    for (const page of ["api2-wizard", "api2-created", "role-editor"]) {
      const p = api2PageInView(GUIDE, progress({ done: ["region"] }), page, NOW);
      expect(p.path, page).toBe("api2");
      expect(p.notice, page).toContain("API 2.0");
      expect(p.done).toEqual(["region"]);
    }
  });

  it("leaves progress alone on shared pages, on a chosen path, on API 2.0, or once an API 1.0 application exists", () => {
    const p = progress();
    expect(api2PageInView(GUIDE, p, "roles", NOW)).toBe(p);
    expect(api2PageInView(GUIDE, p, "api-integrations", NOW)).toBe(p);
    const chosen = progress({ pathChosen: true });
    expect(api2PageInView(GUIDE, chosen, "api2-wizard", NOW)).toBe(chosen);
    const made = progress({ done: ["api1-add-application"] });
    expect(api2PageInView(GUIDE, made, "api2-wizard", NOW)).toBe(made);
    const onApi2 = progress({ path: "api2" });
    expect(api2PageInView(GUIDE, onApi2, "api2-wizard", NOW)).toBe(onApi2);
  });
});
