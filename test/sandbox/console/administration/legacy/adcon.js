// Widgets of the older ("adcon") console pages that the shell shows in an iframe: page header,
// action buttons, column lists, form tables, jQuery-UI-like dialogs and context menus, written
// as plain DOM (no jQuery).
import { h, later, onActivate, toast, uid } from "../common/sandbox.js";

/** Replaces the document body with the legacy page frame; the body shows "Loading..." at first. */
export function legacyPage(title) {
  document.title = title;
  const heading = h("h1", { class: "adconTitle" }, title);
  const body = h("div", { class: "adconBody", id: "adconBody" }, loadingIndicator());
  document.body.replaceChildren(
    h("div", { class: "adconPage" }, h("div", { class: "adconHeader" }, heading), body),
  );
  return { body, heading };
}

export function loadingIndicator(text = "Loading...") {
  return h(
    "div",
    { class: "adconLoading", role: "status" },
    h("span", { class: "adconLoadingIcon", "aria-hidden": "true" }),
    text,
  );
}

const renders = new WeakMap();
/**
 * Shows "Loading..." in `container`, then 300-800 ms later replaces it with what `build()` returns
 * (fresh nodes every time, like a GWT panel reloading from the server).
 */
export function renderLate(container, build, min = 300, max = 800) {
  const token = (renders.get(container) ?? 0) + 1;
  renders.set(container, token);
  container.replaceChildren(loadingIndicator());
  later(
    () => {
      if (renders.get(container) !== token || !container.isConnected) return;
      container.replaceChildren(...[build()].flat().filter(Boolean));
    },
    min,
    max,
  );
}

export function action(text, onClick, { disabled = false, primary = false, title } = {}) {
  return h(
    "button",
    {
      type: "button",
      class: primary ? "adconAction adconActionPrimary" : "adconAction",
      disabled,
      title,
      on: { click: onClick },
    },
    text,
  );
}

export function toolbar(...actions) {
  return h("div", { class: "adconToolbar", role: "toolbar" }, ...actions);
}

/** table.adconColumnList; rows are arrays of cells or { cells, attrs }. */
export function columnList(columns, rows, { label, empty = "There are no items to display." } = {}) {
  return h(
    "table",
    { class: "adconColumnList", "aria-label": label, cellspacing: "0" },
    h(
      "thead",
      {},
      h(
        "tr",
        { class: "adconColumnHeader" },
        columns.map((c) => h("th", { scope: "col", class: c ? null : "adconIconColumn" }, c)),
      ),
    ),
    h(
      "tbody",
      {},
      rows.length
        ? rows.map((row, i) => {
            const { cells, attrs } = Array.isArray(row) ? { cells: row, attrs: {} } : row;
            return h(
              "tr",
              {
                ...attrs,
                class: `adconRow ${i % 2 ? "adconRowOdd" : "adconRowEven"} ${attrs.class ?? ""}`.trim(),
              },
              cells.map((c) => h("td", {}, c)),
            );
          })
        : h(
            "tr",
            { class: "adconRow adconEmptyRow" },
            h("td", { class: "adconEmptyCell", colspan: String(columns.length) }, empty),
          ),
    ),
  );
}

/** One labelled row of a legacy form table. `node` is what to show when it is more than `control`. */
export function formRow(label, control, { hint, node, required = false } = {}) {
  if (!control.id) control.id = uid("adcon-field");
  return h(
    "tr",
    {},
    h(
      "td",
      { class: "adconFieldLabel" },
      h("label", { for: control.id }, label),
      required && h("span", { class: "adconRequired", "aria-hidden": "true" }, "*"),
    ),
    h("td", { class: "adconFieldValue" }, node ?? control, hint && h("div", { class: "adconHint" }, hint)),
  );
}

export function formTable(...rows) {
  return h("table", { class: "adconForm", role: "presentation" }, h("tbody", {}, ...rows));
}

/** A legacy "form" view: section heading, error area, fields, then the action bar. */
export function formPanel(title, { error, rows, actions, intro }) {
  const headingId = uid("adcon-form");
  return h(
    "div",
    { class: "adconFormPanel", role: "form", "aria-labelledby": headingId },
    h("h2", { class: "adconFormTitle", id: headingId }, title),
    intro && h("p", { class: "adconIntro" }, intro),
    error && h("div", { class: "adconError", role: "alert" }, error),
    formTable(...rows),
    h("div", { class: "adconFormActions" }, ...actions),
  );
}

const fieldModels = new WeakMap();

/**
 * An ExtJS-like text field. What the page reads (`fieldValue`) is the field's model, which follows
 * the DOM only on `change` and `keyup`, as a framework's field does: typing, pasting then leaving
 * the field, or a script that dispatches either event is seen; a script that only sets `.value` is
 * not (the form saves what the model holds). `onValue(value)` runs after each model update.
 */
export function input(value = "", { onValue, ...props } = {}) {
  const el = h("input", { type: "text", class: "adconInput", value, autocomplete: "off", ...props });
  fieldModels.set(el, String(value ?? ""));
  const sync = () => {
    if (fieldModels.get(el) === el.value) return;
    fieldModels.set(el, el.value);
    onValue?.(el.value);
  };
  el.addEventListener("change", sync);
  el.addEventListener("keyup", sync);
  return el;
}

/** The value of a field made by `input()`: its model, not its DOM `.value`. */
export function fieldValue(el) {
  return fieldModels.has(el) ? fieldModels.get(el) : el.value;
}

export function select(options, value, props = {}) {
  return h(
    "select",
    { class: "adconSelect", ...props },
    options.map((o) => h("option", { value: o, selected: o === value }, o)),
  );
}

export function saved(text = "Saved") {
  return toast(text, "adconToast");
}

// ---------------------------------------------------------------------------------------------
// jQuery-UI-like dialog

let openDialogs = 0;

/**
 * Opens a modal dialog. `buttons`: [{ text, primary, onClick(close) }]. Returns { dialog, close }.
 * `onClose(reason)` runs once, after the dialog has left the DOM.
 */
export function openDialog({ title, content, buttons, width = 480, onClose }) {
  const titleId = uid("ui-id");
  const overlay = h("div", { class: "ui-widget-overlay ui-front" });
  let closed = false;
  const close = (reason = "close") => {
    if (closed) return;
    closed = true;
    openDialogs -= 1;
    document.removeEventListener("keydown", onKey, true);
    overlay.remove();
    dialog.remove();
    onClose?.(reason);
  };
  const onKey = (event) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      close("escape");
    }
  };
  const dialog = h(
    "div",
    {
      class: "ui-dialog ui-widget ui-widget-content ui-corner-all ui-front ui-draggable",
      role: "dialog",
      "aria-modal": "true",
      "aria-labelledby": titleId,
      tabindex: "-1",
      style: `width: ${width}px`,
    },
    h(
      "div",
      { class: "ui-dialog-titlebar ui-widget-header ui-corner-all ui-helper-clearfix" },
      h("span", { class: "ui-dialog-title", id: titleId }, title),
      h(
        "button",
        {
          type: "button",
          class:
            "ui-button ui-widget ui-state-default ui-corner-all ui-button-icon-only ui-dialog-titlebar-close",
          title: "Close",
          on: { click: () => close("close") },
        },
        h("span", { class: "ui-button-icon-primary ui-icon ui-icon-closethick", "aria-hidden": "true" }),
        h("span", { class: "ui-button-text" }, "Close"),
      ),
    ),
    h("div", { class: "ui-dialog-content ui-widget-content" }, content),
    h(
      "div",
      { class: "ui-dialog-buttonpane ui-widget-content ui-helper-clearfix" },
      h(
        "div",
        { class: "ui-dialog-buttonset" },
        buttons.map((b) =>
          h(
            "button",
            {
              type: "button",
              class: `ui-button ui-widget ui-state-default ui-corner-all ui-button-text-only${b.primary ? " ui-priority-primary" : ""}`,
              on: { click: () => b.onClick(close) },
            },
            h("span", { class: "ui-button-text" }, b.text),
          ),
        ),
      ),
    ),
  );
  openDialogs += 1;
  document.body.append(overlay, dialog);
  document.addEventListener("keydown", onKey, true);
  const first = dialog.querySelector(
    ".ui-dialog-content input, .ui-dialog-content textarea, .ui-dialog-content select",
  );
  (first ?? dialog).focus({ preventScroll: true });
  return { dialog, close };
}

export function dialogOpen() {
  return openDialogs > 0;
}

// ---------------------------------------------------------------------------------------------
// Context / drop-down menu

let closeCurrentMenu = null;

export function closeMenu() {
  closeCurrentMenu?.();
}

/**
 * Opens a role=menu at (x, y) in viewport coordinates. items: [{ text, onSelect, disabled }].
 * Closes on selection, Escape, or a mouse press outside.
 */
export function openMenu({ items, x, y, label, onClose }) {
  closeMenu();
  const menu = h("div", {
    class: "adconMenu ui-menu ui-widget ui-widget-content ui-corner-all",
    role: "menu",
    "aria-label": label,
  });
  const close = () => {
    if (closeCurrentMenu !== close) return;
    closeCurrentMenu = null;
    document.removeEventListener("mousedown", onOutside, true);
    document.removeEventListener("keydown", onEscape, true);
    menu.remove();
    onClose?.();
  };
  const onOutside = (event) => {
    if (!menu.contains(event.target)) close();
  };
  const onEscape = (event) => {
    if (event.key === "Escape") close();
  };
  for (const it of items) {
    const el = h(
      "div",
      {
        class: it.disabled ? "adconMenuItem ui-menu-item ui-state-disabled" : "adconMenuItem ui-menu-item",
        role: "menuitem",
        tabindex: "-1",
        "aria-disabled": it.disabled ? "true" : null,
      },
      it.text,
    );
    onActivate(el, (event) => {
      event.preventDefault();
      if (it.disabled) return;
      close();
      it.onSelect();
    });
    menu.append(el);
  }
  menu.addEventListener("keydown", (event) => {
    const all = Array.from(menu.querySelectorAll('[role="menuitem"]'));
    const at = all.indexOf(document.activeElement);
    if (event.key === "ArrowDown") all[(at + 1) % all.length]?.focus();
    else if (event.key === "ArrowUp") all[(at - 1 + all.length) % all.length]?.focus();
    else if (event.key === "Escape" || event.key === "Tab") close();
    else return;
    event.preventDefault();
  });
  menu.style.left = `${x}px`;
  menu.style.top = `${y}px`;
  document.body.append(menu);
  const box = menu.getBoundingClientRect();
  if (box.right > innerWidth) menu.style.left = `${Math.max(0, innerWidth - box.width - 4)}px`;
  if (box.bottom > innerHeight) menu.style.top = `${Math.max(0, innerHeight - box.height - 4)}px`;
  closeCurrentMenu = close;
  document.addEventListener("keydown", onEscape, true);
  // A press that opened the menu must not close it: listen from the next task on.
  setTimeout(() => {
    if (closeCurrentMenu === close) document.addEventListener("mousedown", onOutside, true);
  }, 0);
  menu.querySelector('[role="menuitem"]:not([aria-disabled])')?.focus({ preventScroll: true });
  return close;
}
