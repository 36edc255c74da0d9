// Email Security Cloud Integrated: Integrations › "API 2.0 Applications" (Mimecast support article
// 34000388238867). A list with "New Application"; the "New Application" page has Details (Application
// Name, optional Integration Partner, Description), Products, Roles and Contact sections; "Save &
// Generate Keys" is clickable only when everything not marked Optional is filled; then a dialog shows
// the Client ID and the Client Secret, once.
import {
  EMAIL_RE,
  h,
  later,
  loadState,
  randomAlnum,
  spinner,
  toast,
  today,
  uid,
  updateState,
} from "../common/sandbox.js";

function component(suffix) {
  return (tag, props, ...children) => {
    const el = h(tag, props, ...children);
    el.setAttribute(`_ngcontent-ng-${suffix}`, "");
    return el;
  };
}
const ci = component("c5120");

const PRODUCTS = [
  "Threats, Security Events and Data for CI",
  "Email Security Cloud Integrated Policies",
  "Awareness Training",
  "Audit Events",
];

function button(text, onClick, kind = "stroked", extra = {}) {
  return ci(
    "button",
    { type: "button", class: `mdc-button mc-button mc-button--${kind}`, on: { click: onClick }, ...extra },
    ci("span", { class: "mdc-button__label" }, text),
  );
}

export function renderApi2Applications(container) {
  const root = ci("mc-ci-api-applications", { class: "mc-page", "_nghost-ng-c5120": "" });
  container.append(root);
  showList(root);
}

function showList(root) {
  const body = ci("div", { class: "mc-ci-body", "aria-busy": "true" }, spinner("Loading applications"));
  root.replaceChildren(
    ci(
      "header",
      { class: "mc-page-header" },
      ci("h1", { class: "mc-page-title" }, "API 2.0 Applications"),
      ci(
        "p",
        { class: "mc-page-subtitle" },
        "Applications that call the Mimecast API 2.0 with client credentials.",
      ),
    ),
    body,
  );
  later(() => {
    if (!body.isConnected) return;
    const apps = loadState().apps.filter((a) => a.apiVersion === "2.0");
    body.removeAttribute("aria-busy");
    body.replaceChildren(
      ci(
        "div",
        { class: "mc-toolbar" },
        ci("p", { class: "mc-toolbar-text" }, `${apps.length} applications`),
        button("New Application", () => showForm(root), "primary"),
      ),
      ci(
        "table",
        { class: "mat-mdc-table mc-table", role: "table", "aria-label": "API 2.0 applications" },
        ci(
          "thead",
          {},
          ci(
            "tr",
            { class: "mat-mdc-header-row", role: "row" },
            ["Application Name", "Integration Partner", "Created", "Status"].map((c) =>
              ci("th", { class: "mat-mdc-header-cell", role: "columnheader", scope: "col" }, c),
            ),
          ),
        ),
        ci(
          "tbody",
          {},
          apps.map((app) =>
            ci(
              "tr",
              { class: "mat-mdc-row", role: "row" },
              ci("td", { class: "mat-mdc-cell mc-cell-strong", role: "cell" }, app.name),
              ci("td", { class: "mat-mdc-cell", role: "cell" }, app.partner ?? "—"),
              ci("td", { class: "mat-mdc-cell", role: "cell" }, app.created),
              ci("td", { class: "mat-mdc-cell", role: "cell" }, ci("span", { class: "mc-chip" }, app.status)),
            ),
          ),
        ),
      ),
    );
  });
}

function showForm(root) {
  const model = { name: "", partner: "", description: "", products: [], role: "", contact: "", email: "" };
  const saveButton = button("Save & Generate Keys", () => save(), "primary", { disabled: true });
  const complete = () =>
    !!model.name.trim() &&
    model.products.length > 0 &&
    !!model.role &&
    !!model.contact.trim() &&
    EMAIL_RE.test(model.email.trim());
  const refresh = () => {
    saveButton.disabled = !complete();
  };
  const text = (label, key, { optional = false, type = "text", multiline = false } = {}) => {
    const id = uid("mc-ci-input");
    const on = {
      input: (event) => {
        model[key] = event.target.value;
        refresh();
      },
    };
    return ci(
      "div",
      { class: "mc-form-field", "data-field": key },
      ci("label", { class: "mc-label", for: id }, label),
      optional && ci("span", { class: "mc-optional" }, " (Optional)"),
      multiline
        ? ci("textarea", { id, class: "mc-input mc-textarea", rows: "3", on })
        : ci("input", { id, type, class: "mc-input", autocomplete: "off", on }),
    );
  };
  const card = (title, ...children) => {
    const id = uid("mc-ci-section");
    return ci(
      "section",
      { class: "mc-ci-card", "aria-labelledby": id },
      ci("h2", { class: "mc-ci-card-title", id }, title),
      ...children,
    );
  };
  const productBoxes = PRODUCTS.map((product) => {
    const id = uid("mc-ci-product");
    const box = ci("input", {
      id,
      type: "checkbox",
      value: product,
      on: {
        change: (event) => {
          model.products = event.target.checked
            ? PRODUCTS.filter((p) => p === product || model.products.includes(p))
            : model.products.filter((p) => p !== product);
          selectAll.checked = model.products.length === PRODUCTS.length;
          refresh();
        },
      },
    });
    return ci("div", { class: "mc-checkbox" }, box, ci("label", { for: id }, product));
  });
  const selectAllId = uid("mc-ci-product");
  const selectAll = ci("input", {
    id: selectAllId,
    type: "checkbox",
    on: {
      change: (event) => {
        model.products = event.target.checked ? [...PRODUCTS] : [];
        for (const b of productBoxes) b.querySelector("input").checked = event.target.checked;
        refresh();
      },
    },
  });
  const roleId = uid("mc-ci-role");
  const roleSelect = ci(
    "select",
    {
      id: roleId,
      class: "mc-input mc-select",
      on: {
        change: (event) => {
          model.role = event.target.value;
          refresh();
        },
      },
    },
    ci("option", { value: "" }, "Select a role"),
    loadState().roles.map((r) => ci("option", { value: r.name }, r.name)),
  );

  function save() {
    if (!complete()) return;
    saveButton.disabled = true;
    saveButton.replaceChildren(spinner("Saving"), ci("span", { class: "mdc-button__label" }, "Saving..."));
    later(
      () => {
        const created = { clientId: randomAlnum(32), clientSecret: randomAlnum(44) };
        updateState((state) => {
          state.apps.push({
            name: model.name.trim(),
            category: "API 2.0",
            apiVersion: "2.0",
            developer: model.contact.trim(),
            partner: model.partner.trim() || null,
            products: [...model.products],
            role: model.role,
            created: today(),
            status: "Enabled",
          });
        });
        credentialsDialog(root, created);
      },
      400,
      900,
    );
  }

  root.replaceChildren(
    ci(
      "header",
      { class: "mc-page-header mc-page-header--actions" },
      ci("h1", { class: "mc-page-title" }, "New Application"),
      ci(
        "div",
        { class: "mc-header-actions" },
        button("Cancel", () => showList(root), "stroked"),
        saveButton,
      ),
    ),
    ci(
      "div",
      { class: "mc-ci-form" },
      card(
        "Details",
        text("Application Name", "name"),
        text("Integration Partner", "partner", { optional: true }),
        ci(
          "div",
          { class: "mc-hint" },
          "Integration Partner is a description only; it does not connect any partner tool.",
        ),
        text("Description", "description", { multiline: true }),
      ),
      card(
        "Products",
        ci("p", { class: "mc-section-text" }, "Select the minimum set of products the application needs."),
        ci(
          "div",
          { class: "mc-checkbox mc-checkbox--all" },
          selectAll,
          ci("label", { for: selectAllId }, "Select all"),
        ),
        ci("div", { class: "mc-checkbox-list" }, productBoxes),
      ),
      card(
        "Roles",
        ci(
          "div",
          { class: "mc-form-field" },
          ci("label", { class: "mc-label", for: roleId }, "Application Role"),
          roleSelect,
        ),
        ci("div", { class: "mc-hint" }, "Choose the role with the least permissions the application needs."),
      ),
      card(
        "Contact",
        text("Technical Point of Contact", "contact"),
        text("Email", "email", { type: "email" }),
      ),
    ),
  );
}

function credentialsDialog(root, created) {
  let container = document.querySelector(".cdk-overlay-container");
  if (!container) {
    container = h("div", { class: "cdk-overlay-container" });
    document.body.append(container);
  }
  const titleId = uid("mat-mdc-dialog-title");
  const backdrop = h("div", {
    class: "cdk-overlay-backdrop cdk-overlay-dark-backdrop cdk-overlay-backdrop-showing",
  });
  const close = () => {
    window.removeEventListener("hashchange", close);
    backdrop.remove();
    wrapper.remove();
    if (root.isConnected) showList(root);
  };
  const row = (label, value, kind) => {
    const labelId = uid("mc-credential");
    return ci(
      "div",
      { class: "mc-credential" },
      ci("dt", { class: "mc-credential-label", id: labelId }, label),
      ci(
        "dd",
        { class: "mc-credential-row" },
        ci(
          "code",
          { class: "mc-credential-value", "data-credential": kind, "aria-labelledby": labelId },
          value,
        ),
        button(
          "Copy",
          () =>
            navigator.clipboard?.writeText(value).then(
              () => toast(`${label} copied`),
              () => toast("Copy failed: select the value and copy it"),
            ),
          "stroked",
          { "aria-label": `Copy ${label}` },
        ),
      ),
    );
  };
  const dialog = ci(
    "mat-dialog-container",
    {
      class: "mat-mdc-dialog-container mc-credentials-dialog",
      role: "dialog",
      "aria-modal": "true",
      "aria-labelledby": titleId,
      tabindex: "-1",
    },
    ci("h2", { class: "mat-mdc-dialog-title mc-dialog-title", id: titleId }, "Your API 2.0 credentials"),
    ci(
      "div",
      { class: "mat-mdc-dialog-content" },
      ci(
        "div",
        { class: "mc-banner mc-banner--warning", role: "note" },
        "Copy the Client ID and Client Secret to a safe place: they will not be shown again.",
      ),
      ci(
        "dl",
        { class: "mc-credentials" },
        row("Client ID", created.clientId, "client-id"),
        row("Client Secret", created.clientSecret, "client-secret"),
      ),
    ),
    ci("div", { class: "mat-mdc-dialog-actions" }, button("Close", close, "primary")),
  );
  const wrapper = h(
    "div",
    { class: "cdk-global-overlay-wrapper mc-dialog-wrapper", dir: "ltr" },
    h("div", { class: "cdk-overlay-pane mc-dialog-pane" }, dialog),
  );
  container.append(backdrop, wrapper);
  window.addEventListener("hashchange", close);
  dialog.focus({ preventScroll: true });
}
