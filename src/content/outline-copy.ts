import type { GuideView } from "../lib/guide-messages";
import { pageOutline } from "./outline";

export async function outlineFor(doc: Document, view: GuideView): Promise<boolean> {
  const text = pageOutline(doc, { version: view.version, stepId: view.step.id, pageId: view.pageId });
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
