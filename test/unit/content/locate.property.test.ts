// @vitest-environment happy-dom
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { locate, locateFirst } from "../../../src/content/locate";
import { TARGET_ROLES, type TargetSpec } from "../../../src/guide/types";

const WORDS = ["Save", "save  ", "Add", "Enhanced Logging", "Read", "Save and Exit", "Inbound", "*Name:"];
const TAGS = [
  "div",
  "span",
  "button",
  "a",
  "section",
  "label",
  "h2",
  "li",
  "td",
  "dialog",
  "details",
  "summary",
];
const ROLES = ["button", "link", "tab", "checkbox", "heading", "row", "menuitem", null] as const;
const HIDING = ["hidden", "aria-hidden", "display", "visibility", "opacity", "inert"] as const;
type Hiding = (typeof HIDING)[number];

interface Node {
  readonly tag: string;
  readonly role: (typeof ROLES)[number];
  readonly label: string | null;
  readonly text: string | null;
  readonly hide: Hiding | null;
  readonly open: boolean;
  readonly children: readonly Node[];
}

/** Trees at most three levels deep, at most three children each: big enough for rows and dialogs. */
function treeAt(depth: number): fc.Arbitrary<Node> {
  return fc.record({
    tag: fc.constantFrom(...TAGS),
    role: fc.constantFrom(...ROLES),
    label: fc.option(fc.constantFrom(...WORDS), { freq: 5 }),
    text: fc.option(fc.constantFrom(...WORDS), { freq: 2 }),
    hide: fc.option(fc.constantFrom(...HIDING), { freq: 4 }),
    open: fc.boolean(),
    children: depth === 0 ? fc.constant([]) : fc.array(treeAt(depth - 1), { maxLength: 3 }),
  });
}
const tree = treeAt(2);

function render(doc: Document, n: Node): Element {
  const el = doc.createElement(n.tag);
  if (n.role) el.setAttribute("role", n.role);
  if (n.label) el.setAttribute("aria-label", n.label);
  if (n.open && (n.tag === "dialog" || n.tag === "details")) el.setAttribute("open", "");
  switch (n.hide) {
    case "hidden":
      el.setAttribute("hidden", "");
      break;
    case "aria-hidden":
      el.setAttribute("aria-hidden", "true");
      break;
    case "display":
      el.setAttribute("style", "display: none");
      break;
    case "visibility":
      el.setAttribute("style", "visibility: hidden");
      break;
    case "opacity":
      el.setAttribute("style", "opacity: 0");
      break;
    case "inert":
      el.setAttribute("inert", "");
      break;
    case null:
      break;
  }
  if (n.text) el.append(doc.createTextNode(n.text));
  for (const c of n.children) el.append(render(doc, c));
  return el;
}

/** Hidden as a person sees it, decided here without the locator's own helper. */
function hidden(el: Element): boolean {
  for (let e: Element | null = el; e; e = e.parentElement) {
    if (e.hasAttribute("hidden") || e.hasAttribute("inert") || e.getAttribute("aria-hidden") === "true")
      return true;
    if (/display: none|visibility: hidden|opacity: 0/.test(e.getAttribute("style") ?? "")) return true;
    if (e.tagName === "DIALOG" && !e.hasAttribute("open")) return true;
    // A closed <details> shows only its <summary>.
    if (e.tagName === "DETAILS" && !e.hasAttribute("open") && e !== el && !el.closest("summary")) return true;
  }
  return false;
}

const norm = (s: string) =>
  s
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase()
    .replace(/^[*:\s]+|[*:\s]+$/g, "");

/** Visible elements whose own text holds the anchor text. */
function anchorHolders(doc: Document, text: string): Element[] {
  const out: Element[] = [];
  const walker = doc.createTreeWalker(doc.body, 4);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const parent = t.parentElement;
    if (parent && norm(t.nodeValue ?? "").includes(norm(text)) && !hidden(parent)) out.push(parent);
  }
  return out;
}

/** Inside the anchor's container: sharing an ancestor below <body> with a visible anchor text. */
function inScope(doc: Document, el: Element, anchors: readonly string[]): boolean {
  return anchors.some((a) =>
    anchorHolders(doc, a).some((holder) => {
      for (let e: Element | null = el; e && e !== doc.body; e = e.parentElement)
        if (e.contains(holder)) return true;
      return false;
    }),
  );
}

const spec: fc.Arbitrary<TargetSpec> = fc.record(
  {
    role: fc.oneof(
      fc.constantFrom(...TARGET_ROLES),
      fc.uniqueArray(fc.constantFrom(...TARGET_ROLES), { minLength: 1, maxLength: 3 }),
    ),
    name: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 2 }),
    within: fc.constantFrom(...WORDS),
    near: fc.constantFrom(...WORDS),
    css: fc.constantFrom("button", "[role=tab]", "span", "section > *"),
    describe: fc.constant("generated target"),
  },
  { requiredKeys: ["role", "name", "describe"] },
);

describe("the locator on generated pages", () => {
  it("never throws, never returns a hidden element, and stays within the anchor's container", () => {
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 4 }), spec, (roots, target) => {
        document.body.replaceChildren(...roots.map((r) => render(document, r)));
        const found = locate(document, target);
        if (!found) return;
        expect(document.body.contains(found)).toBe(true);
        expect(hidden(found), found.outerHTML).toBe(false);
        const anchors = [target.within, target.near].flatMap((a) =>
          a === undefined ? [] : typeof a === "string" ? [a] : [...a],
        );
        if (anchors.length > 0 && !target.css)
          expect(inScope(document, found, anchors), found.outerHTML).toBe(true);
      }),
      { numRuns: 80 },
    );
  }, 30_000);

  it("locateFirst answers with one of the targets' visible elements, or nothing", () => {
    fc.assert(
      fc.property(
        fc.array(tree, { minLength: 1, maxLength: 4 }),
        fc.array(spec, { maxLength: 3 }),
        (roots, specs) => {
          document.body.replaceChildren(...roots.map((r) => render(document, r)));
          const first = locateFirst(document, specs);
          if (!first) return;
          expect(specs[first.index]).toBeDefined();
          expect(hidden(first.element)).toBe(false);
        },
      ),
      { numRuns: 40 },
    );
  }, 30_000);
});
