/**
 * The metamorphic locator matrix: for every console snapshot, every step target the locator finds
 * in it (the ground truth), and every markup mutation that keeps the page's meaning, whether the
 * locator still finds the same control (FOUND), finds nothing (MISSING) or points at another
 * element (WRONG). Used by metamorphic.test.ts; printable from a script with
 * `npx tsx test/unit/content/metamorphic-print.ts` (see there for the DOM setup).
 *
 * Cost: parsing a snapshot in happy-dom is cheap next to the first `locate` after any DOM change
 * (happy-dom then recomputes every computed style the locator asks for), so each snapshot is
 * parsed once, every mutation is applied in place and undone (metamorphic-edit.ts), and targets
 * whose mutations cannot influence each other are mutated together and located in one go.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { GUIDE } from "../../../src/guide";
import { listOf, stepIsOn, type TargetSpec } from "../../../src/guide/types";
import { expectationsFor, expectedPage, fixtureName } from "./fixture-expectations";
import { Edit } from "./metamorphic-edit";
import {
  ALIAS,
  caseSpec,
  footprint,
  MUTATIONS,
  type Mutation,
  type NameSource,
  nameSource,
  stillNamed,
  TRUTH,
} from "./metamorphic-mutations";

export { MUTATIONS } from "./metamorphic-mutations";

const FIXTURES = resolve(import.meta.dirname, "../../fixtures/console");
const CONSOLE = resolve(import.meta.dirname, "../../sandbox/console");

export interface FixtureEntry {
  readonly file: string;
  readonly generation: "current" | "classic" | null;
  readonly frame: "top" | "legacy";
  readonly url: string;
  readonly state: string;
}

export function fixtureEntries(): FixtureEntry[] {
  return JSON.parse(readFileSync(join(FIXTURES, "index.json"), "utf8")) as FixtureEntry[];
}

/** The snapshot's HTML with its stylesheets inlined (as console-fixtures.test.ts loads it). */
export function fixtureHtml(entry: FixtureEntry): string {
  let html = readFileSync(join(FIXTURES, entry.file), "utf8");
  const path = new URL(entry.url).pathname;
  const base = path.endsWith("/") ? path.slice(0, -1) : dirname(path);
  html = html.replace(/<iframe\b([^>]*)>/g, "<div data-was-iframe$1>").replace(/<\/iframe>/g, "</div>");
  return html.replace(/<link[^>]*href="([^"]+\.css)"[^>]*>/g, (tag, href: string) => {
    const file = join(CONSOLE, href.startsWith("/") ? href : `${base}/${href}`);
    return existsSync(file) ? `<style>${readFileSync(file, "utf8")}</style>` : tag;
  });
}

function fixSelects(doc: Document): void {
  // happy-dom's parser ignores `selected` when choosing a select's value; a browser does not.
  for (const select of Array.from(doc.querySelectorAll("select"))) {
    const chosen = select.querySelector("option[selected]");
    if (chosen) select.value = (chosen as HTMLOptionElement).value;
  }
}

export { expectedPage, fixtureName };

export interface TargetRef {
  readonly step: string;
  readonly index: number;
  readonly spec: TargetSpec;
  /** The next move fixture-expectations.ts names for this snapshot (must be found there). */
  readonly designated: boolean;
}

/** The designated target plus every target of every step on the page the snapshot shows. */
export function targetsFor(file: string): TargetRef[] {
  const page = expectedPage(file) ?? null;
  const designated = expectationsFor(file);
  const refs: TargetRef[] = [];
  for (const step of GUIDE.steps) {
    step.targets.forEach((spec, index) => {
      const isDesignated = designated.some((d) => d.step === step.id && "index" in d && d.index === index);
      if (isDesignated || stepIsOn(step, page))
        refs.push({ step: step.id, index, spec, designated: isDesignated });
    });
  }
  return refs;
}

// ---------------------------------------------------------------------------------------------

export type Verdict = "found" | "missing" | "wrong" | "n/a";
export type Locator = (doc: Document, spec: TargetSpec) => Element | null;

export interface CaseResult {
  readonly fixture: string;
  readonly step: string;
  readonly index: number;
  readonly mutation: string;
  readonly verdict: Verdict;
  /** The element returned when WRONG (and for renames found through another name). */
  readonly got?: string;
  readonly source?: NameSource["kind"];
}

export interface Counts {
  found: number;
  missing: number;
  wrong: number;
  na: number;
}

export interface Matrix {
  readonly results: CaseResult[];
  readonly byMutation: Map<string, Counts>;
  readonly byFixture: Map<string, Counts>;
  /** (fixture, target) pairs with a ground truth, and those skipped (not found unmutated). */
  readonly pairs: number;
  readonly skipped: { fixture: string; step: string; index: number; designated: boolean }[];
  readonly wrong: CaseResult[];
  /** Over all mutations but the rename: found / (found + missing + wrong). */
  readonly foundRate: number;
  readonly applicable: number;
  readonly found: number;
  /** Mutated pages the locator was run on (targets mutated together share one). */
  readonly pages: number;
  readonly ms: number;
  /** Time spent inside the locator (all calls, ground truth included). */
  readonly locateMs: number;
  /** Set when the iframe mutation could not run (no DOM with iframes). */
  readonly frameNote?: string;
}

export interface MatrixOptions {
  /** The locator under test. */
  readonly locate: Locator;
  /** Finds the ground truth in the unmutated snapshot; defaults to `locate`. */
  readonly truthLocate?: Locator;
  readonly fixtures?: (entry: FixtureEntry) => boolean;
  readonly mutations?: readonly Mutation[];
  readonly parse?: (html: string) => Document;
  /** Document the iframe of mutation 9 is attached to; null skips it (n/a). */
  readonly frameHost?: Document | null;
  /** Mutate independent targets of a snapshot together (default); false: one target at a time. */
  readonly batch?: boolean;
}

const zero = (): Counts => ({ found: 0, missing: 0, wrong: 0, na: 0 });

function describeEl(el: Element): string {
  const attrs = Array.from(el.attributes)
    .filter((a) => !a.name.startsWith("data-mm-") && !a.name.startsWith("_ng") && a.name !== "style")
    .map((a) => `${a.name}="${a.value.slice(0, 40)}"`)
    .join(" ");
  const text = (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 40);
  return `<${el.tagName.toLowerCase()}${attrs ? ` ${attrs}` : ""}>${text}`;
}

function hasKey(el: Element, attr: string, key: string): boolean {
  return (el.getAttribute(attr) ?? "").split(" ").includes(key);
}

/** FOUND: the control (its mutated counterpart, or the wrapper that took over its role); else WRONG. */
function judge(
  got: Element | null,
  key: string,
  rename: boolean,
  spec: TargetSpec,
): { verdict: Verdict; got?: string } {
  if (!got) return { verdict: "missing" };
  const same = hasKey(got, TRUTH, key) || hasKey(got, ALIAS, key);
  if (!same) {
    const owner = got.closest(`[${TRUTH}~="${key}"], [${ALIAS}~="${key}"]`);
    return { verdict: "wrong", got: `${describeEl(got)}${owner ? " (a part inside the control)" : ""}` };
  }
  // A renamed control may still be found when it still carries another listed name.
  if (rename && !stillNamed(got, spec)) return { verdict: "wrong", got: `${describeEl(got)} (renamed)` };
  return { verdict: "found" };
}

function defaultParse(html: string): Document {
  return new DOMParser().parseFromString(html, "text/html");
}

/** Runs every mutation on every (snapshot, target) pair that has a ground truth. */
export function computeMatrix(options: MatrixOptions): Matrix {
  const started = performance.now();
  let locateMs = 0;
  const timed =
    (f: Locator): Locator =>
    (doc, spec) => {
      const t0 = performance.now();
      try {
        return f(doc, spec);
      } finally {
        locateMs += performance.now() - t0;
      }
    };
  const locate = timed(options.locate);
  const truthLocate = timed(options.truthLocate ?? options.locate);
  const mutations = options.mutations ?? MUTATIONS;
  const parse = options.parse ?? defaultParse;
  const frameHost =
    options.frameHost === undefined
      ? ((globalThis.document as Document | undefined) ?? null)
      : options.frameHost;
  const results: CaseResult[] = [];
  const skipped: Matrix["skipped"] = [];
  let pairs = 0;
  let frameNote: string | undefined;
  let keySeq = 0;
  let pages = 0;

  for (const entry of fixtureEntries()) {
    if (options.fixtures && !options.fixtures(entry)) continue;
    const refs = targetsFor(entry.file);
    if (refs.length === 0) continue;
    const html = fixtureHtml(entry);
    const doc = parse(html);
    fixSelects(doc);

    // Ground truth: what the locator finds in the unmutated snapshot, marked for every mutation.
    // A target none of whose names occurs anywhere in the markup cannot be there: skipped
    // without asking the locator (a third of the targets, and misses are its slowest calls).
    const markup = doc.documentElement.outerHTML.replace(/\s+/g, " ").toLowerCase();
    const cases: { ref: TargetRef; key: string; truth: Element; source: NameSource | null }[] = [];
    for (const ref of refs) {
      const present =
        ref.spec.css !== undefined ||
        ref.spec.name.some((n) => markup.includes(n.replace(/\s+/g, " ").toLowerCase()));
      const truth = present ? truthLocate(doc, ref.spec) : null;
      if (!truth) {
        skipped.push({ fixture: entry.file, step: ref.step, index: ref.index, designated: ref.designated });
        continue;
      }
      cases.push({ ref, key: `c${keySeq++}`, truth, source: nameSource(truth, caseSpec(ref.spec, truth)) });
    }
    for (const c of cases)
      c.truth.setAttribute(TRUTH, `${c.truth.getAttribute(TRUTH) ?? ""} ${c.key}`.trim());
    pairs += cases.length;
    const batches = options.batch === false ? cases.map((c) => [c]) : independentBatches(doc, cases);

    const record = (c: (typeof cases)[number], mutation: Mutation, verdict: Verdict, got?: string) => {
      const r: CaseResult = {
        fixture: entry.file,
        step: c.ref.step,
        index: c.ref.index,
        mutation: mutation.id,
        verdict,
        ...(got ? { got } : {}),
        ...(c.source ? { source: c.source.kind } : {}),
      };
      results.push(r);
    };

    const apply = (c: (typeof cases)[number], mutation: Mutation, edit: Edit) =>
      mutation.apply({
        doc,
        truth: c.truth,
        spec: caseSpec(c.ref.spec, c.truth),
        source: c.source,
        key: c.key,
        edit,
      });
    const todo: { c: (typeof cases)[number]; mutation: Mutation }[][] = batches.map(() => []);
    for (const mutation of mutations) {
      if (mutation.frame) {
        const frameDoc = frameHost
          ? framed(frameHost, doc)
          : { doc: null, note: "no document to attach the iframe to", dispose: () => {} };
        if (!frameDoc.doc) frameNote = frameDoc.note;
        for (const c of cases) {
          if (!frameDoc.doc) {
            record(c, mutation, "n/a");
            continue;
          }
          const v = judge(locate(frameDoc.doc, c.ref.spec), c.key, false, c.ref.spec);
          record(c, mutation, v.verdict, v.got);
        }
        frameDoc.dispose();
        continue;
      }
      // Dry run: which targets the mutation applies to (mutating is cheap, locating is not).
      batches.forEach((batch, b) => {
        for (const c of batch) {
          const edit = new Edit();
          let ok = false;
          try {
            ok = apply(c, mutation, edit);
          } finally {
            edit.undo();
          }
          if (ok) todo[b]?.push({ c, mutation });
          else record(c, mutation, "n/a");
        }
      });
    }

    // Targets whose mutations cannot see each other share one mutated page (one style
    // recomputation in happy-dom): each page carries at most one mutation per target of a batch.
    for (const items of todo) {
      const queues = new Map<(typeof cases)[number], Mutation[]>();
      for (const { c, mutation } of items) queues.set(c, [...(queues.get(c) ?? []), mutation]);
      for (;;) {
        const page = Array.from(queues.entries()).flatMap(([c, q]) => {
          const mutation = q.shift();
          return mutation ? [{ c, mutation }] : [];
        });
        if (page.length === 0) break;
        const applied: { c: (typeof cases)[number]; mutation: Mutation; edit: Edit }[] = [];
        try {
          for (const { c, mutation } of page) {
            const edit = new Edit();
            let ok = false;
            try {
              ok = apply(c, mutation, edit);
            } finally {
              if (ok) applied.push({ c, mutation, edit });
              else edit.undo();
            }
            if (!ok) record(c, mutation, "n/a");
          }
          if (applied.length > 0) pages++;
          for (const { c, mutation } of applied) {
            const v = judge(locate(doc, c.ref.spec), c.key, mutation.rename === true, c.ref.spec);
            record(c, mutation, v.verdict, v.got);
          }
        } finally {
          for (const { edit } of applied.reverse()) edit.undo();
        }
      }
    }
    for (const c of cases) c.truth.removeAttribute(TRUTH);
  }

  const byMutation = new Map<string, Counts>(mutations.map((m) => [m.id, zero()]));
  const byFixture = new Map<string, Counts>();
  const renames = new Set(mutations.filter((m) => m.rename).map((m) => m.id));
  let found = 0;
  let applicable = 0;
  for (const r of results) {
    const key = r.verdict === "n/a" ? "na" : r.verdict;
    const m = byMutation.get(r.mutation) ?? zero();
    m[key]++;
    byMutation.set(r.mutation, m);
    const f = byFixture.get(r.fixture) ?? zero();
    f[key]++;
    byFixture.set(r.fixture, f);
    if (!renames.has(r.mutation) && r.verdict !== "n/a") {
      applicable++;
      if (r.verdict === "found") found++;
    }
  }
  return {
    results,
    byMutation,
    byFixture,
    pairs,
    skipped,
    wrong: results.filter((r) => r.verdict === "wrong"),
    foundRate: applicable ? found / applicable : 1,
    applicable,
    found,
    pages,
    ms: performance.now() - started,
    locateMs,
    ...(frameNote ? { frameNote } : {}),
  };
}

/**
 * Groups a snapshot's targets so that the mutations of one batch cannot influence the locator's
 * answer for another: their regions (the parent of the control with its caption, or of the
 * table/list a row or item sits in, which is everything any mutation touches) are disjoint, and
 * neither region contains text of the other's names or anchors. Short names ("+", "Add") are
 * never batched: icon mutations create a "+" anywhere.
 */
function independentBatches<C extends { truth: Element; source: NameSource | null; ref: TargetRef }>(
  doc: Document,
  cases: C[],
): C[][] {
  const info = cases.map((c) => {
    const region = footprint(c.truth, c.source);
    const keys = [...c.ref.spec.name, ...listOf(c.ref.spec.within), ...listOf(c.ref.spec.near)]
      .filter((k): k is string => !!k)
      .map((k) => k.replace(/\s+/g, " ").trim().toLowerCase());
    const text = (region.textContent ?? "").replace(/\s+/g, " ").toLowerCase();
    const solo = region === doc.documentElement || region === doc.body || keys.some((k) => k.length < 4);
    return { c, region, keys, text, solo };
  });
  const compatible = (a: (typeof info)[number], b: (typeof info)[number]) =>
    !a.solo &&
    !b.solo &&
    !a.region.contains(b.region) &&
    !b.region.contains(a.region) &&
    !a.keys.some((k) => b.text.includes(k)) &&
    !b.keys.some((k) => a.text.includes(k));
  const batches: (typeof info)[] = [];
  for (const i of info) {
    const batch = batches.find((b) => b.every((j) => compatible(i, j)));
    if (batch) batch.push(i);
    else batches.push([i]);
  }
  return batches.map((b) => b.map((i) => i.c));
}

/** The marked snapshot as the whole content of a same-origin (srcdoc) iframe in `host`. */
function framed(host: Document, doc: Document): { doc: Document | null; note?: string; dispose: () => void } {
  const body = host.body ?? host.documentElement;
  const iframe = host.createElement("iframe");
  iframe.setAttribute("title", "Administration Console");
  iframe.setAttribute("srcdoc", `<!DOCTYPE html>${doc.documentElement.outerHTML}`);
  body.appendChild(iframe);
  const dispose = () => iframe.remove();
  const inner = (iframe as HTMLIFrameElement).contentDocument;
  if (!inner?.body || inner.body.childElementCount === 0) {
    return { doc: null, note: "the DOM did not load the srcdoc iframe synchronously", dispose };
  }
  fixSelects(inner);
  return { doc: inner, dispose };
}

// ---------------------------------------------------------------------------------------------

function pad(s: string | number, n: number, right = false): string {
  const t = String(s);
  return right ? t.padStart(n) : t.padEnd(n);
}

/** The matrix as text: mutation × verdict, then the snapshots with misses or wrong answers. */
export function formatMatrix(m: Matrix, mutations: readonly Mutation[] = MUTATIONS): string {
  const out: string[] = [];
  const renames = new Set(mutations.filter((x) => x.rename).map((x) => x.id));
  out.push(
    `Metamorphic locator matrix: ${m.pairs} (snapshot, target) pairs with a ground truth, ${m.skipped.length} skipped (not found unmutated), ${m.results.length} cases on ${m.pages} mutated pages, ${(m.ms / 1000).toFixed(1)} s (${(m.locateMs / 1000).toFixed(1)} s in the locator)`,
  );
  out.push(
    `col grp ${pad("mutation", 24)} ${pad("found", 6, true)} ${pad("missing", 8, true)} ${pad("WRONG", 6, true)} ${pad("n/a", 5, true)}  found%`,
  );
  for (const [i, mu] of mutations.entries()) {
    const c = m.byMutation.get(mu.id);
    if (!c) continue;
    const app = c.found + c.missing + c.wrong;
    const rate = renames.has(mu.id)
      ? `(rename: missing is right)`
      : app
        ? `${((100 * c.found) / app).toFixed(0)}%`
        : "-";
    out.push(
      `${pad(i + 1, 3, true)} ${pad(mu.group, 3, true)} ${pad(mu.id, 24)} ${pad(c.found, 6, true)} ${pad(c.missing, 8, true)} ${pad(c.wrong, 6, true)} ${pad(c.na, 5, true)}  ${rate}`,
    );
  }
  const totalWrong = m.wrong.length;
  out.push(
    `non-rename: FOUND ${m.found}/${m.applicable} = ${(100 * m.foundRate).toFixed(1)}% (need >= 95%); WRONG overall: ${totalWrong} (need 0)`,
  );
  if (m.frameNote) out.push(`iframe mutation not run: ${m.frameNote}`);

  // One character per mutation and snapshot (all its targets): W any WRONG, M any MISSING,
  // F all found, - not applicable; for the rename, "." when every answer was null (right).
  out.push(
    "",
    "per snapshot (columns = mutations in the order above; W wrong, M missing, F found, - n/a, . renamed→null):",
  );
  const cells = new Map<string, Map<string, Verdict[]>>();
  for (const r of m.results) {
    const row = cells.get(r.fixture) ?? new Map<string, Verdict[]>();
    row.set(r.mutation, [...(row.get(r.mutation) ?? []), r.verdict]);
    cells.set(r.fixture, row);
  }
  const width = Math.max(...Array.from(cells.keys(), (f) => f.length));
  out.push(`  ${pad("", width)}  ${mutations.map((_, i) => String(i + 1).padStart(2, "0")[0]).join("")}`);
  out.push(`  ${pad("", width)}  ${mutations.map((_, i) => String(i + 1).padStart(2, "0")[1]).join("")}`);
  for (const [f, row] of cells) {
    const line = mutations
      .map((mu) => {
        const v = row.get(mu.id) ?? [];
        if (v.includes("wrong")) return "W";
        if (renames.has(mu.id))
          return v.includes("missing") || v.includes("found") ? (v.includes("found") ? "F" : ".") : "-";
        if (v.includes("missing")) return "M";
        return v.includes("found") ? "F" : "-";
      })
      .join("");
    out.push(`  ${pad(f, width)}  ${line}`);
  }
  const missing = m.results.filter((r) => r.verdict === "missing" && !renames.has(r.mutation));
  if (missing.length > 0) {
    out.push("", "MISSING, by target [name source] and mutation:");
    const groups = new Map<string, number>();
    for (const r of missing) {
      const k = `${r.step}#${r.index} [${r.source ?? "?"}] ${r.mutation}`;
      groups.set(k, (groups.get(k) ?? 0) + 1);
    }
    for (const [k, n] of groups) out.push(`  ${k} ×${n}`);
  }
  if (totalWrong > 0) {
    out.push("", `WRONG (${totalWrong}), by target and mutation, with one example:`);
    const groups = new Map<string, { n: number; example: CaseResult }>();
    for (const r of m.wrong) {
      const k = `${r.step}#${r.index} ${r.mutation}`;
      const g = groups.get(k);
      if (g) g.n++;
      else groups.set(k, { n: 1, example: r });
    }
    for (const [k, g] of groups) out.push(`  ${k} ×${g.n}: ${g.example.fixture} → ${g.example.got ?? "?"}`);
  }
  if (m.skipped.length > 0) {
    const designated = m.skipped.filter((s) => s.designated);
    out.push(
      "",
      `skipped pairs: ${m.skipped.length} (${designated.length} designated${designated.length ? `: ${designated.map((s) => `${s.fixture} ${s.step}#${s.index}`).join(", ")}` : ""})`,
    );
  }
  return out.join("\n");
}

/**
 * Checks the mutations themselves on some snapshots: each applied mutation keeps exactly one
 * marked control in the page, and undoing it restores the page byte for byte.
 */
export function checkMutations(options: {
  readonly fixtures: (entry: FixtureEntry) => boolean;
  readonly locate: Locator;
  readonly parse?: (html: string) => Document;
}): { problems: string[]; applied: Map<string, number> } {
  const parse = options.parse ?? defaultParse;
  const problems: string[] = [];
  const applied = new Map<string, number>();
  let seq = 0;
  for (const entry of fixtureEntries()) {
    if (!options.fixtures(entry)) continue;
    const doc = parse(fixtureHtml(entry));
    fixSelects(doc);
    for (const ref of targetsFor(entry.file)) {
      const truth = options.locate(doc, ref.spec);
      if (!truth) continue;
      const key = `s${seq++}`;
      const source = nameSource(truth, caseSpec(ref.spec, truth));
      truth.setAttribute(TRUTH, key);
      const before = doc.documentElement.outerHTML;
      for (const mutation of MUTATIONS) {
        if (mutation.frame) continue;
        const edit = new Edit();
        const where = `${entry.file} ${ref.step}#${ref.index} ${mutation.id}`;
        try {
          if (!mutation.apply({ doc, truth, spec: caseSpec(ref.spec, truth), source, key, edit })) continue;
          applied.set(mutation.id, (applied.get(mutation.id) ?? 0) + 1);
          const marked = Array.from(doc.querySelectorAll(`[${TRUTH}]`)).filter((e) => hasKey(e, TRUTH, key));
          if (marked.length !== 1 || !marked[0]?.isConnected)
            problems.push(`${where}: ${marked.length} marked controls`);
        } catch (error) {
          problems.push(`${where}: threw ${String(error)}`);
        } finally {
          edit.undo();
        }
        if (doc.documentElement.outerHTML !== before)
          problems.push(`${where}: undo did not restore the page`);
      }
      truth.removeAttribute(TRUTH);
    }
  }
  return { problems, applied };
}
