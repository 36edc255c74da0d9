/**
 * Reversible DOM edits for the metamorphic suite.
 *
 * Parsing a console snapshot in happy-dom costs 5-30 ms and `Document.cloneNode` loses the window
 * (so stylesheets stop hiding anything), so the suite parses every snapshot once and applies each
 * mutation to that one document through an `Edit`, which logs the inverse of every change to an
 * existing node. `undo()` restores the page exactly (same nodes, same attributes, same text), so
 * every mutation sees the pristine page: seen from outside, each mutation is a pure function of
 * the unmutated document. Nodes created by a mutation may be changed freely; an existing node must
 * go through `replace`/`remove`/`insertBefore`/`setAttr`/`setText` before it is changed or moved.
 */
export class Edit {
  private readonly undos: (() => void)[] = [];

  setAttr(el: Element, name: string, value: string): void {
    this.keepAttributes(el);
    el.setAttribute(name, value);
  }

  removeAttr(el: Element, name: string): void {
    if (!el.hasAttribute(name)) return;
    this.keepAttributes(el);
    el.removeAttribute(name);
  }

  /** Undo restores all attributes in their original order (serialisation compares equal). */
  private keepAttributes(el: Element): void {
    const was = Array.from(el.attributes).map((a) => [a.name, a.value] as const);
    this.undos.push(() => {
      for (const a of Array.from(el.attributes)) el.removeAttribute(a.name);
      for (const [name, value] of was) el.setAttribute(name, value);
    });
  }

  setText(node: Text, value: string): void {
    const was = node.data;
    node.data = value;
    this.undos.push(() => {
      node.data = was;
    });
  }

  /** Detaches an existing node; afterwards it may be appended to new nodes without logging. */
  remove(node: Node): void {
    const parent = node.parentNode;
    if (!parent) return;
    const next = node.nextSibling;
    parent.removeChild(node);
    this.undos.push(() => {
      parent.insertBefore(node, next);
    });
  }

  /** Inserts a node (new, or detached through `remove`) before `ref`. */
  insertBefore(node: Node, ref: Node): void {
    const parent = ref.parentNode;
    if (!parent) throw new Error("insertBefore: reference node has no parent");
    parent.insertBefore(node, ref);
    this.undos.push(() => {
      node.parentNode?.removeChild(node);
    });
  }

  append(parent: Node, node: Node): void {
    parent.appendChild(node);
    this.undos.push(() => {
      node.parentNode?.removeChild(node);
    });
  }

  /** Puts `by` where `old` is; `old` is detached and may then be moved into new nodes. */
  replace(old: Node, by: Node): void {
    const parent = old.parentNode;
    if (!parent) throw new Error("replace: node has no parent");
    parent.replaceChild(by, old);
    this.undos.push(() => {
      by.parentNode?.replaceChild(old, by);
    });
  }

  undo(): void {
    for (let u = this.undos.pop(); u; u = this.undos.pop()) u();
  }
}
