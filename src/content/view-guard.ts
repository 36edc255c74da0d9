import type { DetectablePage } from "../guide/types";
import { TARGET_ROLES } from "../guide/types";
import type { GuideView, StateMessage } from "../lib/guide-messages";

/**
 * Validation of the service worker's messages in the content script. The service worker checks
 * them with zod (`src/lib/guide-messages.ts`); here zod would cost more than the whole overlay
 * (size budget), so these guards check the same shape by hand. A unit test holds them to the zod
 * schema: both must accept and reject the same inputs.
 */

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === "object" && x !== null && !Array.isArray(x);
const isStr = (x: unknown): x is string => typeof x === "string";
const isNum = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);
const isBool = (x: unknown): x is boolean => typeof x === "boolean";
/** Array.from turns holes of sparse arrays into undefined, which every check then rejects (as zod does). */
const items = (x: unknown): unknown[] | null => (Array.isArray(x) ? Array.from(x) : null);
const strs = (x: unknown, min = 0): boolean => {
  const a = items(x);
  return !!a && a.length >= min && a.every(isStr);
};
/** Length in code points, as zod counts it. */
const len = (x: string): number => [...x].length;
const optStr = (x: unknown): boolean => x === undefined || isStr(x);
const nonEmpty = (x: unknown): boolean => isStr(x) && x.length > 0;

const ROLES = new Set<string>(TARGET_ROLES);
const PATHS = new Set(["api1", "api2"]);
const ID = /^[a-z0-9-]+$/;

/** One value, or a non-empty list of them (zod's `oneOrMore`). */
const oneOrMore = (x: unknown, ok: (v: unknown) => boolean): boolean => {
  if (!Array.isArray(x)) return ok(x);
  const a = items(x) ?? [];
  return a.length > 0 && a.every(ok);
};
const optOneOrMore = (x: unknown, ok: (v: unknown) => boolean): boolean =>
  x === undefined || oneOrMore(x, ok);
const isRole = (x: unknown): boolean => isStr(x) && ROLES.has(x);

function isTarget(x: unknown): boolean {
  return (
    isObj(x) &&
    oneOrMore(x.role, isRole) &&
    strs(x.name, 1) &&
    (items(x.name) ?? []).every(nonEmpty) &&
    optOneOrMore(x.within, nonEmpty) &&
    optOneOrMore(x.near, nonEmpty) &&
    optStr(x.css) &&
    nonEmpty(x.describe)
  );
}

function isCompletion(x: unknown): boolean {
  if (!isObj(x)) return false;
  switch (x.kind) {
    case "checked":
      return (
        (items(x.targets)?.length ?? 0) > 0 &&
        (items(x.targets) ?? []).every(isTarget) &&
        (x.save === undefined || isTarget(x.save))
      );
    case "selected":
      return isTarget(x.target) && nonEmpty(x.value);
    case "clicked":
      return isTarget(x.target);
    case "appears":
      return strs(x.text, 1);
    case "keys-generated":
    case "manual":
      return true;
    default:
      return false;
  }
}

function isStep(x: unknown): boolean {
  if (!isObj(x)) return false;
  const m = x.menuPath;
  return (
    isStr(x.id) &&
    ID.test(x.id) &&
    isStr(x.title) &&
    len(x.title) > 0 &&
    len(x.title) <= 80 &&
    isStr(x.why) &&
    len(x.why) > 0 &&
    len(x.why) <= 200 &&
    strs(x.instructions, 1) &&
    (items(x.instructions) ?? []).every(nonEmpty) &&
    isObj(m) &&
    strs(m.classic, 1) &&
    strs(m.current, 1) &&
    nonEmpty(x.page) &&
    (x.alsoOn === undefined || (strs(x.alsoOn) && (items(x.alsoOn) ?? []).every(nonEmpty))) &&
    Array.isArray(x.targets) &&
    Array.from(x.targets).every(isTarget) &&
    isCompletion(x.completion) &&
    (x.suggest === undefined ||
      (items(x.suggest) ?? [0]).every(
        (g) => isObj(g) && isTarget(g.field) && nonEmpty(g.value) && len(g.value as string) <= 120,
      ))
  );
}

export function isGuideView(x: unknown): x is GuideView {
  return (
    isObj(x) &&
    isBool(x.open) &&
    PATHS.has(x.path as string) &&
    isNum(x.index) &&
    isNum(x.total) &&
    isNum(x.doneCount) &&
    isBool(x.finished) &&
    isStep(x.step) &&
    isBool(x.stepDone) &&
    (x.pageId === null || isStr(x.pageId)) &&
    isBool(x.targetFound) &&
    isBool(x.learnedUsed) &&
    (x.learned === undefined || isTarget(x.learned)) &&
    isBool(x.picking) &&
    (x.picked === undefined ||
      (isObj(x.picked) && isStr(x.picked.id) && isStr(x.picked.summary) && isBool(x.picked.ok))) &&
    optStr(x.notice) &&
    isStr(x.version)
  );
}

export function isStateMessage(x: unknown): x is StateMessage {
  return isObj(x) && x.type === "bg/state" && (x.view === null || isGuideView(x.view));
}

const strList = (x: unknown): boolean => strs(x);

/** The pages the worker sends for detection (`pagesForContent`): the same checks as `detectablePageSchema`. */
function isPage(x: unknown): boolean {
  if (!isObj(x) || !isStr(x.id)) return false;
  const off = x.api1Off;
  const capture = x.capture;
  return (
    ["urlHints", "headings", "breadcrumbs", "tabs", "controls"].every((k) => strList(x[k])) &&
    (x.absent === undefined || strList(x.absent)) &&
    (off === undefined || (isObj(off) && strList(off.present) && strList(off.absent))) &&
    (capture === undefined || (isObj(capture) && Object.values(capture).every(strList)))
  );
}

export function isPages(x: unknown): x is DetectablePage[] {
  return Array.isArray(x) && Array.from(x).every(isPage);
}
