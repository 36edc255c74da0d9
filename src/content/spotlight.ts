/** The ring drawn around the target: positioned in viewport coordinates, never catching clicks. */
export const SPOTLIGHT_PADDING = 4;

export function placeSpotlight(ring: HTMLElement, target: Element | null): void {
  if (!target) {
    ring.hidden = true;
    return;
  }
  const r = target.getBoundingClientRect();
  const p = SPOTLIGHT_PADDING;
  ring.style.transform = `translate(${Math.round(r.left - p)}px, ${Math.round(r.top - p)}px)`;
  ring.style.width = `${Math.round(r.width + 2 * p)}px`;
  ring.style.height = `${Math.round(r.height + 2 * p)}px`;
  ring.hidden = false;
}
