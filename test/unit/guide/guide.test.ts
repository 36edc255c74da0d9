import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GUIDE, stepsFor } from "../../../src/guide";
import { PAGES } from "../../../src/guide/pages";
import { guideSchema, stepSchema, targetSchema, validateGuide } from "../../../src/guide/schema";
import { SOURCES, type Source } from "../../../src/guide/sources";
import { STEPS } from "../../../src/guide/steps";
import type { Guide, Step } from "../../../src/guide/types";

/** A deep, writable copy of readonly guide data, for building invalid variants. */
type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };
/** A deep copy that, like storage and messaging, does not keep the data's shared target objects shared. */
const clone = (): Mutable<Guide> => JSON.parse(JSON.stringify(GUIDE)) as Mutable<Guide>;

function stepById(id: string): Step {
  const s = GUIDE.steps.find((x) => x.id === id);
  if (!s) throw new Error(`no step ${id}`);
  return s;
}

function indexOf(id: string): number {
  const i = GUIDE.steps.findIndex((x) => x.id === id);
  if (i < 0) throw new Error(`no step ${id}`);
  return i;
}

/** Messages of a failed parse (empty when the parse succeeds, so a wrong success fails the test). */
function issueMessages(input: unknown): string[] {
  const r = guideSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.message);
}

function issuePaths(input: unknown): string[] {
  const r = guideSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
}

describe("GUIDE data", () => {
  it("is assembled from PAGES and STEPS, version 1", () => {
    expect(GUIDE.version).toBe(1);
    expect(GUIDE.pages).toBe(PAGES);
    expect(GUIDE.steps).toBe(STEPS);
  });

  it("passes validateGuide and comes back unchanged", () => {
    expect(() => validateGuide(GUIDE)).not.toThrow();
    expect(validateGuide(GUIDE)).toEqual(GUIDE);
    expect(guideSchema.safeParse(GUIDE).success).toBe(true);
  });

  it("passes after a JSON round trip (what storage and messaging do to it)", () => {
    expect(guideSchema.safeParse(JSON.parse(JSON.stringify(GUIDE))).success).toBe(true);
  });

  it("has unique step ids and unique page ids", () => {
    const stepIds = GUIDE.steps.map((s) => s.id);
    const pageIds = GUIDE.pages.map((p) => p.id);
    expect(new Set(stepIds).size).toBe(stepIds.length);
    expect(new Set(pageIds).size).toBe(pageIds.length);
  });

  it("does not define a page called popup (popup is the pseudo page of extension steps)", () => {
    expect(GUIDE.pages.some((p) => p.id === "popup")).toBe(false);
  });

  it("names only existing pages (or popup) in its steps, and every page is used by some step", () => {
    const pageIds = new Set(GUIDE.pages.map((p) => p.id));
    for (const s of GUIDE.steps) expect(s.page === "popup" || pageIds.has(s.page), s.id).toBe(true);
    const used = new Set(GUIDE.steps.flatMap((s) => [s.page, ...(s.alsoOn ?? [])]));
    for (const p of GUIDE.pages) expect(used.has(p.id), p.id).toBe(true);
  });

  it("gives every console-page step a target to spotlight or a completion of kind appears/manual", () => {
    // Steps on console pages need a control to show, or a completion that needs no control.
    const offenders = GUIDE.steps
      .filter((s) => s.page !== "popup")
      .filter(
        (s) => s.targets.length === 0 && s.completion.kind !== "appears" && s.completion.kind !== "manual",
      )
      .map((s) => s.id);
    expect(offenders).toEqual([]);
  });

  it("has no spotlight targets on popup steps", () => {
    const popup = GUIDE.steps.filter((s) => s.page === "popup");
    expect(popup.map((s) => s.id)).toEqual(["generate-keys", "verify"]);
    for (const s of popup) expect(s.targets).toEqual([]);
  });

  it("validates every single step and target on its own", () => {
    for (const s of GUIDE.steps) {
      expect(stepSchema.safeParse(s).success, s.id).toBe(true);
      for (const t of s.targets)
        expect(targetSchema.safeParse(t).success, `${s.id}: ${t.describe}`).toBe(true);
    }
  });

  it("keeps titles within 80 characters and has at least one instruction per step", () => {
    for (const s of GUIDE.steps) {
      expect(s.title.length, s.id).toBeGreaterThan(0);
      expect(s.title.length, s.id).toBeLessThanOrEqual(80);
      expect(s.instructions.length, s.id).toBeGreaterThan(0);
    }
  });
});

describe("stepsFor", () => {
  it("keeps the guide's order and only the steps of the path", () => {
    for (const path of ["api1", "api2"] as const) {
      const list = stepsFor(GUIDE, path);
      expect(list).toEqual(GUIDE.steps.filter((s) => s.paths.includes(path)));
      for (const s of list) expect(s.paths).toContain(path);
      // The same objects, not copies.
      for (const s of list) expect(GUIDE.steps).toContain(s);
    }
  });

  it("covers every step of the guide between the two paths", () => {
    const ids = new Set([...stepsFor(GUIDE, "api1"), ...stepsFor(GUIDE, "api2")].map((s) => s.id));
    expect(ids.size).toBe(GUIDE.steps.length);
  });

  it("starts both paths with region and ends them with verify", () => {
    for (const path of ["api1", "api2"] as const) {
      const ids = stepsFor(GUIDE, path).map((s) => s.id);
      expect(ids[0], path).toBe("region");
      expect(ids.at(-1), path).toBe("verify");
      expect(ids[1], path).toBe("enhanced-logging");
    }
  });

  it("has 13 API 1.0 steps and 7 API 2.0 steps", () => {
    expect(stepsFor(GUIDE, "api1")).toHaveLength(13);
    expect(stepsFor(GUIDE, "api2")).toHaveLength(7);
  });

  it("orders the API 1.0 path so that each step's prerequisites come first", () => {
    const ids = stepsFor(GUIDE, "api1").map((s) => s.id);
    const precedes = (a: string, b: string) =>
      expect(ids.indexOf(a), `${a} before ${b}`).toBeLessThan(ids.indexOf(b));
    for (const id of [
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
    ])
      expect(ids, id).toContain(id);
    precedes("api1-add-application", "api1-app-details");
    precedes("api1-app-details", "api1-app-add");
    precedes("api1-app-add", "api1-app-keys");
    precedes("service-user", "role");
    precedes("service-user", "profile-group");
    precedes("profile-group", "app-setting");
    precedes("auth-profile", "app-setting");
    precedes("app-setting", "generate-keys");
    precedes("api1-app-keys", "generate-keys");
  });

  it("orders the API 2.0 path: role, new application, details, credentials", () => {
    expect(stepsFor(GUIDE, "api2").map((s) => s.id)).toEqual([
      "region",
      "enhanced-logging",
      "api2-role",
      "api2-new-application",
      "api2-details",
      "api2-credentials",
      "verify",
    ]);
  });

  it("has no API 1.0 wizard or created-page step on the API 2.0 path", () => {
    const pages = stepsFor(GUIDE, "api2").map((s) => s.page);
    expect(pages).not.toContain("api1-wizard");
    expect(pages).not.toContain("api1-created");
    // and no key generation: API 2.0 has client credentials instead
    expect(stepsFor(GUIDE, "api2").some((s) => s.completion.kind === "keys-generated")).toBe(false);
  });

  it("has no API 2.0 wizard or created-page step on the API 1.0 path", () => {
    const pages = stepsFor(GUIDE, "api1").map((s) => s.page);
    expect(pages).not.toContain("api2-wizard");
    expect(pages).not.toContain("api2-created");
  });
});

describe("content of specific steps", () => {
  it("app-setting says to click New Application Settings and warns about the reference guide's wording", () => {
    const s = stepById("app-setting");
    expect(s.page).toBe("applications");
    expect(s.paths).toEqual(["api1"]);
    const text = s.instructions.join("\n");
    expect(text).toContain("New Application Settings");
    const warning = s.instructions.find((i) => i.includes("reference guide"));
    expect(warning).toBeDefined();
    expect(warning).toContain("New Authentication Profile");
    expect(warning).toContain("New Application Settings");
    expect(warning).toMatch(/wrong/i);
    // The button to spotlight is the right one, not the one the reference guide names.
    const names = s.targets.flatMap((t) => t.name);
    expect(names).toContain("New Application Settings");
    expect(names).not.toContain("New Authentication Profile");
  });

  it("app-setting completes with Save and Exit inside the Application Settings form", () => {
    expect(stepById("app-setting").completion).toEqual({
      kind: "clicked",
      target: {
        role: "button",
        name: ["Save and Exit"],
        describe: "the “Save and Exit” button",
        within: "Application Settings",
      },
    });
  });

  it("auth-profile completes when Authentication TTL is set to Never Expires", () => {
    const s = stepById("auth-profile");
    expect(s.page).toBe("applications");
    expect(s.completion.kind).toBe("selected");
    if (s.completion.kind !== "selected") return;
    expect(s.completion.value).toBe("Never Expires");
    expect(s.completion.target.role).toBe("combobox");
    expect(s.completion.target.name).toEqual(["Authentication TTL", "Authentication Cache TTL"]);
    expect(s.instructions.some((i) => i.includes("“Never Expires”"))).toBe(true);
  });

  it("auth-profile comes before app-setting on the applications page", () => {
    const onPage = stepsFor(GUIDE, "api1")
      .filter((s) => s.page === "applications")
      .map((s) => s.id);
    expect(onPage).toEqual(["auth-profile", "app-setting"]);
  });

  it("enhanced-logging requires all three log types ticked within Enhanced Logging", () => {
    const c = stepById("enhanced-logging").completion;
    expect(c.kind).toBe("checked");
    if (c.kind !== "checked") return;
    expect(c.targets.map((t) => [t.role, t.name, t.within])).toEqual([
      ["checkbox", ["Inbound"], "Enhanced Logging"],
      ["checkbox", ["Outbound"], "Enhanced Logging"],
      ["checkbox", ["Internal"], "Enhanced Logging"],
    ]);
  });

  it("generate-keys is an API 1.0 popup step completed by key generation", () => {
    const s = stepById("generate-keys");
    expect(s.paths).toEqual(["api1"]);
    expect(s.page).toBe("popup");
    expect(s.completion).toEqual({ kind: "keys-generated" });
  });

  it("the API 1.0 creation steps are on the API integrations page and its wizard", () => {
    expect(
      ["api1-add-application", "api1-app-details", "api1-app-add", "api1-app-keys"].map(
        (id) => stepById(id).page,
      ),
    ).toEqual(["api-integrations", "api1-wizard", "api1-wizard", "api1-created"]);
  });
});

describe("guideSchema rejects broken guide data", () => {
  it("accepts the untouched clone (baseline for the cases below)", () => {
    expect(issueMessages(clone())).toEqual([]);
    expect(guideSchema.safeParse(clone()).success).toBe(true);
  });

  it("rejects a duplicate step id", () => {
    const g = clone();
    const copy = structuredClone(g.steps[indexOf("role")]);
    if (!copy) throw new Error("missing");
    g.steps.push(copy);
    expect(issueMessages(g)).toEqual(["duplicate step id"]);
    expect(() => validateGuide(g)).toThrow(/duplicate step id/);
  });

  it("rejects a duplicate step id even when the rest of the step differs", () => {
    const g = clone();
    const verify = g.steps[indexOf("verify")];
    if (!verify) throw new Error("missing");
    verify.id = "region";
    expect(issueMessages(g)).toEqual(["duplicate step id"]);
  });

  it("rejects a duplicate page id", () => {
    const g = clone();
    const copy = structuredClone(g.pages[0]);
    if (!copy) throw new Error("missing");
    copy.name = "Another name";
    g.pages.push(copy);
    expect(issueMessages(g)).toEqual(["duplicate page id"]);
    expect(() => validateGuide(g)).toThrow(/duplicate page id/);
  });

  it("rejects a step naming an unknown page", () => {
    const g = clone();
    const s = g.steps[indexOf("role")];
    if (!s) throw new Error("missing");
    s.page = "no-such-page";
    expect(issueMessages(g)).toEqual(["a step names a page that does not exist"]);
    expect(() => validateGuide(g)).toThrow(/a step names a page that does not exist/);
  });

  it("rejects a step whose page was removed from the page list", () => {
    const g = clone();
    g.pages = g.pages.filter((p) => p.id !== "roles");
    expect(issueMessages(g)).toEqual(["a step names a page that does not exist"]);
  });

  it("reports several cross-reference problems at once", () => {
    const g = clone();
    const copy = structuredClone(g.steps[0]);
    const page = structuredClone(g.pages[0]);
    if (!copy || !page) throw new Error("missing");
    copy.page = "nowhere";
    g.steps.push(copy);
    g.pages.push(page);
    expect(issueMessages(g).sort()).toEqual(
      ["a step names a page that does not exist", "duplicate page id", "duplicate step id"].sort(),
    );
  });

  it("rejects an empty target name list", () => {
    const g = clone();
    const t = g.steps[indexOf("role")]?.targets[0];
    if (!t) throw new Error("missing");
    t.name = [];
    expect(issuePaths(g)).toEqual([`steps.${indexOf("role")}.targets.0.name`]);
    expect(() => validateGuide(g)).toThrow();
  });

  it("rejects an empty string among a target's names", () => {
    const g = clone();
    const t = g.steps[indexOf("role")]?.targets[0];
    if (!t) throw new Error("missing");
    t.name = ["Add Selected Users", ""];
    expect(issuePaths(g)).toEqual([`steps.${indexOf("role")}.targets.0.name.1`]);
  });

  it("rejects an empty target name list inside a completion", () => {
    const g = clone();
    const completion = g.steps[indexOf("role")]?.completion;
    if (completion?.kind !== "clicked") throw new Error("unexpected");
    completion.target.name = [];
    expect(issuePaths(g)).toEqual([`steps.${indexOf("role")}.completion.target.name`]);
  });

  it("rejects an unknown role", () => {
    const g = clone();
    const t = g.steps[indexOf("role")]?.targets[1];
    if (!t) throw new Error("missing");
    (t as { role: string }).role = "slider";
    expect(issuePaths(g)).toEqual([`steps.${indexOf("role")}.targets.1.role`]);
    expect(() => validateGuide(g)).toThrow();
  });

  it.each([
    "button",
    "link",
    "tab",
    "checkbox",
    "radio",
    "combobox",
    "textbox",
    "heading",
    "row",
    "menuitem",
    "option",
    "treeitem",
    "text",
  ])("accepts role %s", (role) => {
    expect(targetSchema.safeParse({ role, name: ["x"], describe: "x" }).success).toBe(true);
  });

  it.each(["Button", "img", "", "listitem", "combo box"])("rejects role %j", (role) => {
    expect(targetSchema.safeParse({ role, name: ["x"], describe: "x" }).success).toBe(false);
  });

  it("rejects a title over 80 characters and accepts exactly 80", () => {
    const g = clone();
    const s = g.steps[indexOf("role")];
    if (!s) throw new Error("missing");
    s.title = "t".repeat(81);
    expect(issuePaths(g)).toEqual([`steps.${indexOf("role")}.title`]);
    expect(() => validateGuide(g)).toThrow();
    s.title = "t".repeat(80);
    expect(issuePaths(g)).toEqual([]);
  });

  it("rejects an empty title and a why over 200 characters", () => {
    const g = clone();
    const s = g.steps[indexOf("role")];
    if (!s) throw new Error("missing");
    s.title = "";
    s.why = "w".repeat(201);
    expect(issuePaths(g).sort()).toEqual(
      [`steps.${indexOf("role")}.title`, `steps.${indexOf("role")}.why`].sort(),
    );
  });

  it.each(["Role", "role_1", "role 1", "", "rôle"])("rejects step id %j", (id) => {
    const g = clone();
    const s = g.steps[indexOf("role")];
    if (!s) throw new Error("missing");
    s.id = id;
    expect(issuePaths(g)).toEqual([`steps.${indexOf("role")}.id`]);
  });

  it.each(["Roles", "ro les", ""])("rejects page id %j", (id) => {
    const g = clone();
    const p = g.pages.find((x) => x.id === "dashboard");
    if (!p) throw new Error("missing");
    p.id = id;
    expect(guideSchema.safeParse(g).success).toBe(false);
  });

  it("rejects an unknown completion kind and a checked completion without targets", () => {
    const g = clone();
    const s = g.steps[indexOf("verify")];
    if (!s) throw new Error("missing");
    (s as { completion: unknown }).completion = { kind: "typed" };
    expect(guideSchema.safeParse(g).success).toBe(false);
    (s as { completion: unknown }).completion = { kind: "checked", targets: [] };
    expect(issuePaths(g)).toEqual([`steps.${indexOf("verify")}.completion.targets`]);
    (s as { completion: unknown }).completion = {
      kind: "selected",
      target: GUIDE.steps[1]?.targets[0],
      value: "",
    };
    expect(issuePaths(g)).toEqual([`steps.${indexOf("verify")}.completion.value`]);
  });

  it("rejects a step without paths, with an unknown path, or without instructions", () => {
    const base = clone();
    const i = indexOf("verify");
    const variants: Array<(s: Mutable<Step>) => void> = [
      (s) => {
        s.paths = [];
      },
      (s) => {
        (s as { paths: string[] }).paths = ["api3"];
      },
      (s) => {
        s.instructions = [];
      },
      (s) => {
        s.instructions = [""];
      },
      (s) => {
        s.menuPath.classic = [];
      },
      (s) => {
        s.page = "";
      },
    ];
    for (const [n, change] of variants.entries()) {
      const g = structuredClone(base);
      const s = g.steps[i];
      if (!s) throw new Error("missing");
      change(s);
      expect(guideSchema.safeParse(g).success, `variant ${n}`).toBe(false);
    }
  });

  it("rejects a guide without steps and a version that is not a positive integer", () => {
    expect(guideSchema.safeParse({ ...clone(), steps: [] }).success).toBe(false);
    for (const version of [0, -1, 1.5, "1"])
      expect(guideSchema.safeParse({ ...clone(), version }).success).toBe(false);
    expect(guideSchema.safeParse({ ...clone(), version: 2 }).success).toBe(true);
  });

  it("rejects non-objects", () => {
    for (const x of [null, undefined, 1, "guide", [], [GUIDE]]) expect(() => validateGuide(x)).toThrow();
  });
});

describe("sources", () => {
  it("every step and page names at least one source, and every source id exists", () => {
    const known = new Set(Object.keys(SOURCES));
    for (const item of [...GUIDE.steps, ...GUIDE.pages]) {
      expect(item.sources.length, item.id).toBeGreaterThan(0);
      for (const id of item.sources) expect(known.has(id), `${item.id}: ${id}`).toBe(true);
    }
  });

  it("every source has a title and either a public https address or a note saying where it is", () => {
    for (const [id, src] of Object.entries(SOURCES) as [string, Source][]) {
      expect(src.title.length, id).toBeGreaterThan(10);
      if (src.url) expect(src.url, id).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]{2,}\//);
      else expect(src.note?.length ?? 0, id).toBeGreaterThan(10);
    }
  });

  it("console-facts.md lists every source id used by the guide", () => {
    const facts = readFileSync(new URL("../../../src/guide/console-facts.md", import.meta.url), "utf8");
    const used = new Set([...GUIDE.steps, ...GUIDE.pages].flatMap((x) => x.sources));
    for (const id of used) expect(facts.includes(id), id).toBe(true);
  });
});

describe("facts from Mimecast's public documentation", () => {
  it("Enhanced Logging is applied with Save: ticks alone do not complete the step", () => {
    const s = stepById("enhanced-logging");
    if (s.completion.kind !== "checked") throw new Error("unexpected completion");
    expect(s.completion.save?.name).toEqual(["Save"]);
    expect(s.completion.targets.map((t) => t.name[0])).toEqual(["Inbound", "Outbound", "Internal"]);
    // One label, one place: the targets the spotlight uses are the ones completion watches.
    for (const box of s.completion.targets) expect(s.targets).toContain(box);
    expect(s.instructions.join(" ")).toContain("Save");
    expect(s.instructions.join(" ")).not.toMatch(/saved as you tick/i);
  });

  it("API 2.0 has a role step with the SIEM read permission, before the application", () => {
    const s = stepById("api2-role");
    expect(s.paths).toEqual(["api2"]);
    expect(s.alsoOn).toContain("role-editor");
    if (s.completion.kind !== "checked") throw new Error("unexpected completion");
    const read = s.completion.targets[0];
    expect(read?.name).toEqual(["Read"]);
    expect(read?.within).toBe("Threat and Security Events (SIEM)");
    expect(s.targets[0]).toBe(read);
    expect(s.completion.save?.name).toContain("Save and Exit");
    const ids = stepsFor(GUIDE, "api2").map((x) => x.id);
    expect(ids.indexOf("api2-role")).toBeLessThan(ids.indexOf("api2-new-application"));
  });

  it("the API 2.0 application starts from the Hub, the older page or the Cloud Integrated list", () => {
    const s = stepById("api2-new-application");
    if (s.completion.kind !== "clicked") throw new Error("unexpected completion");
    expect(s.completion.target.name).toEqual(["Configure New", "Generate Keys", "New Application"]);
    expect(s.menuPath.current).toEqual(["Integrations", "Integrations Hub"]);
  });

  it("the API 2.0 wizard accepts every documented label for the email box and the final button", () => {
    const s = stepById("api2-details");
    const email = s.targets.find((t) => t.name.includes("Email"));
    expect(email?.within).toEqual(["Notification Settings", "Notifications"]);
    if (s.completion.kind !== "clicked") throw new Error("unexpected completion");
    expect(s.completion.target.name).toEqual(
      expect.arrayContaining(["Add and Generate Keys", "Add", "Save & Generate Keys"]),
    );
    expect(s.instructions.join(" ")).toMatch(/cannot be changed/);
  });

  it("Authentication Profiles may be a tab or a button; the TTL may be called Authentication Cache TTL", () => {
    const s = stepById("auth-profile");
    const profiles = s.targets.find((t) => t.name.includes("Authentication Profiles"));
    expect(profiles?.role).toEqual(["tab", "button"]);
    expect(s.targets[0]?.name).toEqual(["Authentication TTL", "Authentication Cache TTL"]);
  });

  it("the region step says the API 2.0 Global host works for every region", () => {
    const text = stepById("region").instructions.join(" ");
    expect(text).toContain("api.services.mimecast.com");
    expect(text).toMatch(/data residency/);
  });

  it("the API 1.0 switch-off check and the capture labels live in the page data", () => {
    const integrations = GUIDE.pages.find((p) => p.id === "api-integrations");
    expect(integrations?.api1Off?.absent).toEqual(["Mimecast API 1.0", "Add API Application"]);
    expect(GUIDE.pages.find((p) => p.id === "api2-created")?.capture).toEqual({
      clientId: ["Client ID"],
      clientSecret: ["Client Secret"],
    });
  });
});
