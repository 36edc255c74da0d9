/**
 * Calls `onChange` at most once per animation frame, and only after something changed: DOM
 * mutations (one MutationObserver), scrolling anywhere (capture phase, so inner containers count),
 * resizing, form changes, and size changes of the watched element. Nothing runs while the page is
 * still.
 */
export class ChangeWatcher {
  private frame = 0;
  private readonly mutations: MutationObserver;
  private readonly resize: ResizeObserver | undefined;
  private watched: Element | null = null;
  private mutated = false;
  private readonly onEvent = () => this.schedule(false);

  constructor(
    private readonly doc: Document,
    private readonly onChange: (domChanged: boolean) => void,
    private readonly ignore: (node: Node) => boolean,
  ) {
    this.mutations = new MutationObserver((records) => {
      if (records.every((r) => this.ignore(r.target))) return;
      this.schedule(true);
    });
    const win = doc.defaultView;
    this.resize = win && "ResizeObserver" in win ? new win.ResizeObserver(this.onEvent) : undefined;
  }

  start(): void {
    this.mutations.observe(this.doc.documentElement, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
      attributeFilter: [
        "class",
        "style",
        "hidden",
        "aria-hidden",
        "aria-expanded",
        "aria-selected",
        "open",
        "disabled",
      ],
    });
    const win = this.doc.defaultView;
    this.doc.addEventListener("scroll", this.onEvent, { capture: true, passive: true });
    this.doc.addEventListener("change", this.onChangeEvent, { capture: true });
    win?.addEventListener("resize", this.onEvent, { passive: true });
    win?.addEventListener("hashchange", this.onChangeEvent);
  }

  /** Form state changes (`checked`, `value`) do not mutate the DOM: treat them as content changes. */
  private readonly onChangeEvent = () => this.schedule(true);

  /** Follows one element's size (the spotlight target). */
  observe(el: Element | null): void {
    if (el === this.watched) return;
    if (this.watched) this.resize?.unobserve(this.watched);
    this.watched = el;
    if (el) this.resize?.observe(el);
  }

  schedule(domChanged: boolean): void {
    this.mutated ||= domChanged;
    if (this.frame) return;
    const win = this.doc.defaultView;
    if (!win) return;
    this.frame = win.requestAnimationFrame(() => {
      this.frame = 0;
      const changed = this.mutated;
      this.mutated = false;
      this.onChange(changed);
    });
  }
}
