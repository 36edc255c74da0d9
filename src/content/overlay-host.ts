import { OVERLAY_CSS } from "./overlay/styles";

/** One host element per document, with an open shadow root holding everything we draw. */
export interface OverlayHost {
  readonly host: HTMLElement;
  readonly ring: HTMLElement;
  readonly panelRoot: HTMLElement;
}

export function createOverlayHost(doc: Document): OverlayHost {
  const host = doc.createElement("div");
  host.setAttribute("data-setup-guide", "");
  const shadow = host.attachShadow({ mode: "open" });
  const style = doc.createElement("style");
  style.textContent = OVERLAY_CSS;
  const layer = doc.createElement("div");
  layer.className = "layer";
  const ring = doc.createElement("div");
  // Empty and without a role: nothing for assistive technology to read, no aria-hidden needed.
  ring.setAttribute("data-setup-guide-spotlight", "");
  ring.hidden = true;
  const panelRoot = doc.createElement("div");
  layer.append(ring, panelRoot);
  // The shadow root is open (the test contract reads it), so page scripts can reach our buttons:
  // only the user's own clicks and keys may act. Stopped here, in the capture phase, an untrusted
  // event never reaches a handler inside.
  for (const type of ["click", "keydown", "keyup", "submit", "input", "change"]) {
    layer.addEventListener(type, (e) => e.isTrusted || e.stopImmediatePropagation(), true);
  }
  shadow.append(style, layer);
  return { host, ring, panelRoot };
}

/** Keeps the host attached: some console pages replace the whole body when they re-render. */
export function attach(doc: Document, o: OverlayHost): void {
  if (!o.host.isConnected) doc.documentElement.append(o.host);
}
