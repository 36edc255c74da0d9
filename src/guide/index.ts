import { PAGES } from "./pages";
import { STEPS } from "./steps";
import type { Guide, PathId, Step } from "./types";

export const GUIDE: Guide = { version: 1, pages: PAGES, steps: STEPS };

export function stepsFor(guide: Guide, path: PathId): readonly Step[] {
  return guide.steps.filter((s) => s.paths.includes(path));
}

export type { Completion, Guide, PageSpec, PathId, Step, TargetSpec } from "./types";
