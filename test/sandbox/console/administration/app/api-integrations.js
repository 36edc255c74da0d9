// "API and Platform Integrations" and the current generation's "Integrations Hub": newer,
// Angular-like pages rendered directly in the shell. Tab contents arrive late (a simulated XHR) and
// are rebuilt on every tab switch; wizards open in a CDK-overlay-like side panel.
//
// API 2.0 (Mimecast support article 34000360548755, current and earlier versions):
// - current console: Integrations Hub › "Mimecast API 2.0" tile › "Configure New"; on first use an
//   "API Terms and Conditions" pop-up ("I accept", then "Accept"); wizard Application Details
//   (Application Name, Products with "Select all", Application Role, Description; no Category),
//   "Notification Settings" (Technical Point of Contact, Email), Summary, "Add and Generate Keys".
// - older console (login-us): Services › API and Platform Integrations › "Available Integrations" ›
//   "Mimecast API 2.0" › "Generate Keys"; terms as the wizard's first stage ("I accept" enables Next);
//   Application Details with Category; "Notifications"; Summary; "Add".
// Both end in a pop-up that shows the Client ID and, once only, the Client Secret.
import {
  EMAIL_RE,
  h,
  later,
  loadState,
  onActivate,
  permissionSummary,
  randomAlnum,
  randomBase64,
  randomUuid,
  spinner,
  toast,
  today,
  uid,
  updateState,
} from "../common/sandbox.js";

/** Angular's emulated view encapsulation marks every element of a component with an attribute. */
function component(suffix) {
  return (tag, props, ...children) => {
    const el = h(tag, props, ...children);
    el.setAttribute(`_ngcontent-ng-${suffix}`, "");
    return el;
  };
}
const ng = component("c3912");
const pn = component("c1177");

const CATEGORIES = [
  "Archiving",
  "Business Intelligence",
  "Continuity",
  "Email Security",
  "Productivity",
  "SIEM Integration",
  "Ticketing",
  "Other",
];

const PRODUCTS = [
  "Email Security Cloud Gateway",
  "Threat and Security Events (SIEM)",
  "Awareness Training",
  "Cloud Archive",
  "Email Incident Response",
  "Directory Sync",
];

/** The "Application Role" choices: the account's admin roles (Account › Admin Roles), by name. */
function roleNames() {
  return loadState().roles.map((r) => r.name);
}

function button(text, onClick, kind = "stroked", extra = {}) {
  return ng(
    "button",
    {
      type: "button",
      class: `mdc-button mat-mdc-button-base mc-button mc-button--${kind}`,
      "mat-flat-button": kind === "primary" ? "" : null,
      "mat-stroked-button": kind === "stroked" ? "" : null,
      on: { click: onClick },
      ...extra,
    },
    ng("span", { class: "mdc-button__label" }, text),
  );
}

// ---------------------------------------------------------------------------------------------
// The page

export function renderApiIntegrations(container, { gen, api1, title }) {
  // The older console opened on the list of your applications; the tiles are one tab away.
  const page = { gen, api1, tab: gen === "classic" ? "yours" : "available", token: 0, filter: "" };
  const tabs = [
    { id: "available", label: "Available Integrations" },
    { id: "yours", label: "Your Application Integrations" },
  ];
  const panel = ng("div", { class: "mc-tab-panel", role: "tabpanel", id: "mc-integrations-tabpanel" });
  const tablist = ng("div", { class: "mc-tabs mat-mdc-tab-header", role: "tablist", "aria-label": title });

  function drawTabs() {
    tablist.replaceChildren(
      ...tabs.map((t, i) => {
        const selected = t.id === page.tab;
        const el = ng(
          "div",
          {
            class: selected ? "mdc-tab mc-tab mdc-tab--active" : "mdc-tab mc-tab",
            role: "tab",
            id: `mc-integrations-tab-${t.id}`,
            "aria-selected": String(selected),
            "aria-controls": panel.id,
            tabindex: selected ? "0" : "-1",
          },
          ng("span", { class: "mdc-tab__text-label" }, t.label),
        );
        onActivate(el, () => page.select(t.id));
        el.addEventListener("keydown", (event) => {
          if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
          const next = tabs[(i + (event.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
          page.select(next.id);
          document.getElementById(`mc-integrations-tab-${next.id}`)?.focus();
        });
        return el;
      }),
    );
    panel.setAttribute("aria-labelledby", `mc-integrations-tab-${page.tab}`);
  }

  page.select = (id) => {
    if (id === page.tab) return;
    page.tab = id;
    drawTabs();
    page.reload();
  };

  /** Simulated XHR: spinner first, then brand-new nodes 300-800 ms later. */
  page.reload = () => {
    page.token += 1;
    const token = page.token;
    panel.setAttribute("aria-busy", "true");
    panel.replaceChildren(spinner("Loading integrations"));
    later(() => {
      if (token !== page.token || !panel.isConnected) return;
      panel.removeAttribute("aria-busy");
      panel.replaceChildren(...(page.tab === "available" ? availableView(page) : yoursView(page)));
    });
  };

  drawTabs();
  container.append(
    ng(
      "mc-api-integrations",
      { class: "mc-page", "_nghost-ng-c3912": "" },
      ng(
        "header",
        { class: "mc-page-header" },
        ng("h1", { class: "mc-page-title" }, title),
        ng(
          "p",
          { class: "mc-page-subtitle" },
          "Connect Mimecast to your security, archiving and service management tools.",
        ),
      ),
      tablist,
      panel,
    ),
  );
  page.reload();
}

// ---------------------------------------------------------------------------------------------
// Integrations Hub (current console): a filterable grid of tiles, no tabs.

const HUB_TILES = [
  {
    key: "api2",
    title: "Mimecast API 2.0",
    category: "Developer",
    text: "Create OAuth 2.0 client credentials for integrations and scripts that use the Mimecast API 2.0.",
    configure: true,
  },
  {
    key: "siem-splunk",
    title: "Splunk",
    category: "SIEM",
    text: "Send Mimecast security events to Splunk.",
  },
  {
    key: "siem-sentinel",
    title: "Microsoft Sentinel",
    category: "SIEM",
    text: "Stream email security logs to Microsoft Sentinel.",
  },
  {
    key: "crowdstrike",
    title: "CrowdStrike Falcon",
    category: "Endpoint",
    text: "Share threat intelligence with CrowdStrike.",
  },
  {
    key: "servicenow",
    title: "ServiceNow",
    category: "Ticketing",
    text: "Open incidents for held messages and threats.",
  },
];

/**
 * `variant: "renamed"` (`?variant=renamed`): the API 2.0 tile's "Configure New" is called "Connect"
 * and sits in a footer with the count of configured applications, as a console update might have it.
 */
export function renderIntegrationsHub(container, { gen, variant = null }) {
  const page = { gen, api1: false, filter: "", reload: () => drawTiles() };
  const grid = ng(
    "div",
    { class: "mc-card-grid mc-hub-grid", "aria-busy": "true" },
    spinner("Loading integrations"),
  );
  function drawTiles() {
    const wanted = page.filter.trim().toLowerCase();
    const apps = loadState().apps.filter((a) => a.apiVersion === "2.0");
    const shown = HUB_TILES.filter((t) => !wanted || t.title.toLowerCase().includes(wanted));
    grid.removeAttribute("aria-busy");
    grid.replaceChildren(
      ...shown.map((t) =>
        variant === "renamed" && t.configure
          ? renamedHubTile(t, apps, page)
          : ng(
              "mc-hub-tile",
              { class: "mc-card mc-hub-tile", "data-integration": t.key },
              ...tileHead(t),
              t.configure && ng("p", { class: "mc-card-text mc-card-count" }, `${apps.length} configured`),
              ng(
                "div",
                { class: "mc-card-actions" },
                t.configure
                  ? button("Configure New", () => startHubApi2(page), "primary")
                  : button("Learn More", () => toast("Not available in the sandbox"), "text"),
              ),
            ),
      ),
    );
    if (!shown.length) grid.append(ng("p", { class: "mc-empty" }, "No integrations match your search."));
  }
  const searchId = uid("mc-search");
  container.append(
    ng(
      "mc-integrations-hub",
      { class: "mc-page", "_nghost-ng-c3912": "" },
      ng(
        "header",
        { class: "mc-page-header" },
        ng("h1", { class: "mc-page-title" }, "Integrations Hub"),
        ng(
          "p",
          { class: "mc-page-subtitle" },
          "Mimecast is moving API 2.0 applications here from API and Platform Integrations: create new applications in the Hub.",
        ),
      ),
      ng(
        "div",
        { class: "mc-toolbar" },
        ng("label", { class: "mc-label mc-label--inline", for: searchId }, "Search integrations"),
        ng("input", {
          id: searchId,
          class: "mc-input mc-input--search",
          type: "search",
          on: {
            input: (event) => {
              page.filter = event.target.value;
              drawTiles();
            },
          },
        }),
      ),
      grid,
    ),
  );
  later(drawTiles);
}

/** A hub tile's logo, title, category badge and text: the same in every tile and variant. */
function tileHead(t) {
  return [
    ng(
      "div",
      { class: "mc-card-head" },
      ng("span", { class: `mc-card-logo mc-card-logo--${t.key}`, "aria-hidden": "true" }),
      ng("div", { class: "mc-card-title" }, t.title),
      ng("span", { class: "mc-card-badge" }, t.category),
    ),
    ng("p", { class: "mc-card-text" }, t.text),
  ];
}

/** The API 2.0 tile of the "renamed" variant: "Connect" in the tile's footer, no actions row. */
function renamedHubTile(t, apps, page) {
  return ng(
    "mc-hub-tile",
    { class: "mc-card mc-hub-tile", "data-integration": t.key },
    ...tileHead(t),
    ng(
      "footer",
      { class: "mc-card-footer" },
      ng("span", { class: "mc-card-count" }, `${apps.length} configured`),
      button("Connect", () => startHubApi2(page), "primary"),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// API Terms and Conditions pop-up (current console, first use only)

function startHubApi2(page) {
  if (loadState().apiTermsAccepted) openApi2Wizard(page);
  else openTermsDialog(() => openApi2Wizard(page));
}

function openTermsDialog(onAccepted) {
  let container = document.querySelector(".cdk-overlay-container");
  if (!container) {
    container = h("div", { class: "cdk-overlay-container" });
    document.body.append(container);
  }
  const titleId = uid("mat-mdc-dialog-title");
  const model = { accepted: false };
  const backdrop = h("div", {
    class: "cdk-overlay-backdrop cdk-overlay-dark-backdrop cdk-overlay-backdrop-showing",
  });
  const accept = button(
    "Accept",
    () => {
      if (!model.accepted) return;
      updateState((state) => {
        state.apiTermsAccepted = true;
      });
      close();
      onAccepted();
    },
    "primary",
    { disabled: true },
  );
  const dialog = pn(
    "mat-dialog-container",
    {
      class: "mat-mdc-dialog-container mc-terms-dialog",
      role: "dialog",
      "aria-modal": "true",
      "aria-labelledby": titleId,
      tabindex: "-1",
    },
    pn("h2", { class: "mat-mdc-dialog-title mc-dialog-title", id: titleId }, "API Terms and Conditions"),
    pn(
      "div",
      { class: "mat-mdc-dialog-content" },
      pn(
        "p",
        { class: "mc-section-text" },
        "Review and accept these terms before creating any API applications.",
      ),
      pn(
        "div",
        { class: "mc-terms", tabindex: "0", role: "document", "aria-label": "API terms and conditions" },
        TERMS.map((t) => pn("p", {}, t)),
      ),
      checkboxField(model, "accepted", "I accept", null, () => {
        accept.disabled = !model.accepted;
      }),
    ),
    pn(
      "div",
      { class: "mat-mdc-dialog-actions" },
      button("Cancel", () => close(), "stroked"),
      accept,
    ),
  );
  const wrapper = h(
    "div",
    { class: "cdk-global-overlay-wrapper mc-dialog-wrapper", dir: "ltr" },
    h("div", { class: "cdk-overlay-pane mc-dialog-pane" }, dialog),
  );
  container.append(backdrop, wrapper);
  const onKey = (event) => {
    if (event.key === "Escape") close();
  };
  document.addEventListener("keydown", onKey);
  window.addEventListener("hashchange", close);
  function close() {
    document.removeEventListener("keydown", onKey);
    window.removeEventListener("hashchange", close);
    backdrop.remove();
    wrapper.remove();
  }
  dialog.focus({ preventScroll: true });
}

function availableView(page) {
  const cards = [
    page.api1 && {
      key: "api1",
      title: "Mimecast API 1.0",
      badge: "Legacy",
      text: "Register an application for integrations that use the Mimecast API 1.0 and sign their own requests.",
      actions: [button("Add API Application", () => openApi1Wizard(page), "primary")],
    },
    {
      key: "api2",
      title: "Mimecast API 2.0",
      badge: "Recommended",
      text: "Create OAuth 2.0 client credentials for integrations that use the Mimecast API 2.0.",
      actions: [
        page.gen === "classic"
          ? button("Generate Keys", () => openApi2Wizard(page), "primary")
          : button("Configure New", () => startHubApi2(page), "primary"),
        button("Manage API 2.0 credentials", () => page.select("yours"), "text"),
      ],
    },
    {
      key: "syslog",
      title: "Syslog Event Forwarding",
      badge: "Partner",
      text: "Stream gateway events to a syslog collector in CEF or JSON format.",
      actions: [button("Learn More", () => toast("Not available in the sandbox"), "text")],
    },
    {
      key: "ti",
      title: "Threat Intelligence Feed",
      badge: "Partner",
      text: "Share indicators of compromise with your threat intelligence platform.",
      actions: [button("Learn More", () => toast("Not available in the sandbox"), "text")],
    },
    {
      key: "ticketing",
      title: "Service Management Connector",
      badge: "Partner",
      text: "Open tickets automatically for held messages and incidents.",
      actions: [button("Learn More", () => toast("Not available in the sandbox"), "text")],
    },
    {
      key: "sso",
      title: "Single Sign-On (SAML 2.0)",
      badge: "Identity",
      text: "Sign administrators in through your identity provider.",
      actions: [button("Learn More", () => toast("Not available in the sandbox"), "text")],
    },
  ].filter(Boolean);

  const grid = ng("div", { class: "mc-card-grid" });
  const drawGrid = () => {
    const wanted = page.filter.trim().toLowerCase();
    const shown = cards.filter((c) => !wanted || c.title.toLowerCase().includes(wanted));
    grid.replaceChildren(
      ...shown.map((c) =>
        ng(
          "mc-integration-card",
          { class: "mc-card", "data-integration": c.key },
          ng(
            "div",
            { class: "mc-card-head" },
            ng("span", { class: `mc-card-logo mc-card-logo--${c.key}`, "aria-hidden": "true" }),
            ng("div", { class: "mc-card-title" }, c.title),
            ng("span", { class: "mc-card-badge" }, c.badge),
          ),
          ng("p", { class: "mc-card-text" }, c.text),
          ng("div", { class: "mc-card-actions" }, c.actions),
        ),
      ),
    );
    if (!shown.length) grid.append(ng("p", { class: "mc-empty" }, "No integrations match your search."));
  };
  drawGrid();

  const searchId = uid("mc-search");
  return [
    !page.api1 &&
      ng(
        "div",
        { class: "mc-banner mc-banner--info", role: "note" },
        "New API 1.0 applications can no longer be created. Existing API 1.0 applications keep working; use API 2.0 for new integrations.",
      ),
    ng(
      "div",
      { class: "mc-toolbar" },
      ng("label", { class: "mc-label mc-label--inline", for: searchId }, "Search integrations"),
      ng("input", {
        id: searchId,
        class: "mc-input mc-input--search",
        type: "search",
        value: page.filter,
        on: {
          input: (event) => {
            page.filter = event.target.value;
            drawGrid();
          },
        },
      }),
    ),
    grid,
  ].filter(Boolean);
}

function yoursView(page) {
  const apps = [...loadState().apps].reverse();
  const columns = ["Application Name", "Category", "API Version", "Developer", "Created", "Status"];
  return [
    ng(
      "div",
      { class: "mc-toolbar" },
      ng("p", { class: "mc-toolbar-text" }, `${apps.length} application integrations`),
      page.api1 && button("Add API Application", () => openApi1Wizard(page), "primary"),
    ),
    ng(
      "table",
      { class: "mat-mdc-table mc-table", role: "table", "aria-label": "Your application integrations" },
      ng(
        "thead",
        {},
        ng(
          "tr",
          { class: "mat-mdc-header-row", role: "row" },
          columns.map((c) =>
            ng("th", { class: "mat-mdc-header-cell", role: "columnheader", scope: "col" }, c),
          ),
        ),
      ),
      ng(
        "tbody",
        {},
        apps.map((app) =>
          ng(
            "tr",
            { class: "mat-mdc-row", role: "row" },
            ng("td", { class: "mat-mdc-cell mc-cell-strong", role: "cell" }, app.name),
            ng("td", { class: "mat-mdc-cell", role: "cell" }, app.category),
            ng("td", { class: "mat-mdc-cell", role: "cell" }, `API ${app.apiVersion}`),
            ng("td", { class: "mat-mdc-cell", role: "cell" }, app.developer),
            ng("td", { class: "mat-mdc-cell", role: "cell" }, app.created),
            ng("td", { class: "mat-mdc-cell", role: "cell" }, ng("span", { class: "mc-chip" }, app.status)),
          ),
        ),
      ),
    ),
  ];
}

// ---------------------------------------------------------------------------------------------
// Side panel (CDK overlay)

function openSidePanel(titleId, onClosed) {
  let container = document.querySelector(".cdk-overlay-container");
  if (!container) {
    container = h("div", { class: "cdk-overlay-container" });
    document.body.append(container);
  }
  const panel = pn("mc-side-panel", {
    class: "mc-side-panel",
    role: "dialog",
    "aria-modal": "true",
    "aria-labelledby": titleId,
    "_nghost-ng-c1177": "",
  });
  const backdrop = h("div", {
    class: "cdk-overlay-backdrop cdk-overlay-dark-backdrop cdk-overlay-backdrop-showing",
  });
  const wrapper = h(
    "div",
    { class: "cdk-global-overlay-wrapper", dir: "ltr" },
    h("div", { class: "cdk-overlay-pane mc-side-panel-pane" }, panel),
  );
  container.append(backdrop, wrapper);
  const onKey = (event) => {
    if (event.key === "Escape") close();
  };
  document.addEventListener("keydown", onKey);
  // Leaving the page (another hash route) disposes of the overlay, as the router would.
  window.addEventListener("hashchange", close);
  function close() {
    document.removeEventListener("keydown", onKey);
    window.removeEventListener("hashchange", close);
    backdrop.remove();
    wrapper.remove();
    onClosed();
  }
  return { panel, close };
}

function panelHeader(titleId, title, close) {
  return pn(
    "div",
    { class: "mc-side-panel-header" },
    pn("h2", { class: "mc-side-panel-title", id: titleId, tabindex: "-1" }, title),
    pn(
      "button",
      {
        type: "button",
        class: "mc-icon-button",
        "aria-label": "Close",
        title: "Close",
        on: { click: close },
      },
      pn("span", { class: "mc-close-icon", "aria-hidden": "true" }),
    ),
  );
}

function stepper(steps, current) {
  return pn(
    "ol",
    { class: "mc-stepper", "aria-label": "Steps" },
    steps.map((label, i) =>
      pn(
        "li",
        {
          class:
            i === current ? "mc-step mc-step--current" : i < current ? "mc-step mc-step--done" : "mc-step",
          "aria-current": i === current ? "step" : null,
        },
        pn("span", { class: "mc-step-index", "aria-hidden": "true" }, String(i + 1)),
        pn("span", { class: "mc-step-label" }, label),
      ),
    ),
  );
}

function section(title, ...children) {
  const id = uid("mc-section");
  return pn(
    "section",
    { class: "mc-wizard-section", "aria-labelledby": id },
    pn("h3", { class: "mc-wizard-section-title", id }, title),
    ...children,
  );
}

function footer(...buttons) {
  return pn("div", { class: "mc-side-panel-footer" }, ...buttons);
}

function errorText(errors, key) {
  return errors[key] ? pn("div", { class: "mc-error", role: "alert" }, errors[key]) : null;
}

/** Angular Material hides a field's error as soon as the field is edited. */
function clearError(errors, key, control) {
  if (!errors[key]) return;
  delete errors[key];
  control.removeAttribute("aria-invalid");
  control.closest("[data-field]")?.querySelector(".mc-error")?.remove();
}

function textField(model, errors, key, label, { type = "text", required = false, hint, multiline } = {}) {
  const id = uid("mc-input");
  const onInput = (event) => {
    model[key] = event.target.value;
    clearError(errors, key, event.target);
  };
  const control = multiline
    ? pn("textarea", { id, class: "mc-input mc-textarea", rows: "3", on: { input: onInput } }, model[key])
    : pn("input", {
        id,
        type,
        class: "mc-input",
        value: model[key],
        autocomplete: "off",
        on: { input: onInput },
      });
  if (errors[key]) control.setAttribute("aria-invalid", "true");
  return pn(
    "div",
    { class: "mc-form-field", "data-field": key },
    pn("label", { class: "mc-label", for: id }, label),
    required && pn("span", { class: "mc-required", "aria-hidden": "true" }, "*"),
    control,
    hint && pn("div", { class: "mc-hint" }, hint),
    errorText(errors, key),
  );
}

function selectField(model, errors, key, label, options, placeholder) {
  const id = uid("mc-select");
  const select = pn(
    "select",
    {
      id,
      class: "mc-input mc-select",
      on: {
        change: (event) => {
          model[key] = event.target.value;
          clearError(errors, key, event.target);
        },
      },
    },
    pn("option", { value: "", selected: model[key] === "" }, placeholder),
    options.map((o) => pn("option", { value: o, selected: model[key] === o }, o)),
  );
  if (errors[key]) select.setAttribute("aria-invalid", "true");
  return pn(
    "div",
    { class: "mc-form-field", "data-field": key },
    pn("label", { class: "mc-label", for: id }, label),
    pn("span", { class: "mc-required", "aria-hidden": "true" }, "*"),
    select,
    errorText(errors, key),
  );
}

function checkboxField(model, key, label, hint, onChange) {
  const id = uid("mc-checkbox");
  return pn(
    "div",
    { class: "mc-checkbox-field", "data-field": key },
    pn(
      "div",
      { class: "mc-checkbox" },
      pn("input", {
        id,
        type: "checkbox",
        checked: model[key],
        on: {
          change: (event) => {
            model[key] = event.target.checked;
            onChange?.();
          },
        },
      }),
      pn("label", { for: id }, label),
    ),
    hint && pn("div", { class: "mc-hint" }, hint),
  );
}

function summary(rows) {
  return pn(
    "dl",
    { class: "mc-summary" },
    rows.map(([label, value]) => [pn("dt", {}, label), pn("dd", {}, value || "—")]),
  );
}

function credential(label, value, kind) {
  const labelId = uid("mc-credential");
  return pn(
    "div",
    { class: "mc-credential" },
    pn("dt", { class: "mc-credential-label", id: labelId }, label),
    pn(
      "dd",
      { class: "mc-credential-row" },
      pn(
        "code",
        { class: "mc-credential-value", "data-credential": kind, "aria-labelledby": labelId },
        value,
      ),
      button(
        "Copy",
        () => {
          navigator.clipboard?.writeText(value).then(
            () => toast(`${label} copied`),
            () => toast("Copy failed: select the value and copy it"),
          );
        },
        "stroked",
        { "aria-label": `Copy ${label}` },
      ),
    ),
  );
}

function focusFirst(panel) {
  const target =
    panel.querySelector(
      ".mc-side-panel-body input, .mc-side-panel-body select, .mc-side-panel-body textarea",
    ) ?? panel.querySelector(".mc-side-panel-title");
  target?.focus({ preventScroll: true });
}

function busyFooter(text) {
  return footer(spinner(text), pn("span", { class: "mc-busy-text" }, text));
}

// ---------------------------------------------------------------------------------------------
// API 1.0: Application Details → Notification Settings → Review Information → Application Added

function openApi1Wizard(page) {
  const steps = ["Application Details", "Notification Settings", "Review Information"];
  const model = { name: "", category: "", extended: false, description: "", developer: "", email: "" };
  const titleId = uid("mc-panel-title");
  const { panel, close } = openSidePanel(titleId, () => page.reload());
  let step = 0;
  let errors = {};

  const go = (to) => {
    step = to;
    errors = {};
    draw();
  };

  const validate = () => {
    errors = {};
    if (step === 0) {
      if (!model.name.trim()) errors.name = "Application Name is required.";
      if (!model.category) errors.category = "Select a category.";
    } else if (step === 1) {
      if (!model.developer.trim()) errors.developer = "Developer is required.";
      if (!EMAIL_RE.test(model.email.trim())) errors.email = "Enter a valid email address.";
    }
    return Object.keys(errors).length === 0;
  };
  const next = () => {
    if (validate()) go(step + 1);
    else draw();
  };

  const add = () => {
    panel.querySelector(".mc-side-panel-footer")?.replaceWith(busyFooter("Adding application"));
    later(
      () => {
        const created = { id: randomUuid(), key: randomBase64(48) };
        updateState((state) => {
          state.apps.push({
            name: model.name.trim(),
            category: model.category,
            apiVersion: "1.0",
            developer: model.developer.trim(),
            created: today(),
            status: "Enabled",
          });
        });
        drawAdded(created);
      },
      400,
      900,
    );
  };

  function draw() {
    let body;
    let actions;
    if (step === 0) {
      body = section(
        "Application Details",
        textField(model, errors, "name", "Application Name", { required: true }),
        selectField(model, errors, "category", "Category", CATEGORIES, "Select a category"),
        checkboxField(
          model,
          "extended",
          "Enable Extended Session",
          "Keeps keys created for this application valid for longer sessions.",
        ),
        textField(model, errors, "description", "Description", { multiline: true }),
      );
      actions = footer(button("Cancel", close, "stroked"), button("Next", next, "primary"));
    } else if (step === 1) {
      body = section(
        "Notification Settings",
        pn("p", { class: "mc-section-text" }, "Who should Mimecast contact about this application?"),
        textField(model, errors, "developer", "Developer", { required: true }),
        textField(model, errors, "email", "Email", { type: "email", required: true }),
      );
      actions = footer(
        button("Back", () => go(0), "stroked"),
        button("Next", next, "primary"),
      );
    } else {
      body = section(
        "Review Information",
        summary([
          ["Application Name", model.name],
          ["Category", model.category],
          ["Extended Session", model.extended ? "Enabled" : "Disabled"],
          ["Description", model.description],
          ["Developer", model.developer],
          ["Email", model.email],
        ]),
      );
      actions = footer(
        button("Back", () => go(1), "stroked"),
        button("Add", add, "primary"),
      );
    }
    panel.replaceChildren(
      panelHeader(titleId, "Add API Application", close),
      stepper(steps, step),
      pn("div", { class: "mc-side-panel-body" }, body),
      actions,
    );
    focusFirst(panel);
  }

  function drawAdded(created) {
    panel.replaceChildren(
      panelHeader(titleId, "Application Added", close),
      pn(
        "div",
        { class: "mc-side-panel-body" },
        pn(
          "div",
          { class: "mc-banner mc-banner--success", role: "status" },
          `“${model.name.trim()}” has been added. It can take up to 30 minutes before the application can be used to create keys.`,
        ),
        pn(
          "dl",
          { class: "mc-credentials" },
          credential("Application ID", created.id, "application-id"),
          credential("Application Key", created.key, "application-key"),
        ),
        pn("p", { class: "mc-section-text" }, "Store the application key securely."),
      ),
      footer(button("Close", close, "primary")),
    );
    panel.querySelector(".mc-side-panel-title")?.focus();
  }

  draw();
}

// ---------------------------------------------------------------------------------------------
// API 2.0: Terms and Conditions → Application Details → Notifications → Summary → credentials

const TERMS = [
  "By creating API 2.0 credentials you agree that the credentials are used only by integrations you control or that act on your behalf.",
  "You are responsible for storing credentials securely and for revoking credentials that are no longer needed.",
  "API usage is subject to rate limits. Mimecast may suspend credentials that are used to harm the service or other customers.",
  "Data retrieved through the API remains subject to your agreement with Mimecast and to applicable data protection law.",
];

function openApi2Wizard(page) {
  const hub = page.gen !== "classic";
  const notificationsTitle = hub ? "Notification Settings" : "Notifications";
  const steps = hub
    ? ["Application Details", notificationsTitle, "Summary"]
    : ["Terms and Conditions", "Application Details", notificationsTitle, "Summary"];
  const DETAILS = steps.indexOf("Application Details");
  const NOTIFY = steps.indexOf(notificationsTitle);
  const model = {
    accepted: false,
    name: "",
    category: "",
    products: [],
    role: "",
    description: "",
    contact: "",
    email: "",
  };
  const titleId = uid("mc-panel-title");
  const { panel, close } = openSidePanel(titleId, () => page.reload());
  let step = 0;
  let errors = {};

  const go = (to) => {
    step = to;
    errors = {};
    draw();
  };
  const validate = () => {
    errors = {};
    if (step === DETAILS) {
      if (!model.name.trim()) errors.name = "Application Name is required.";
      if (!hub && !model.category) errors.category = "Select a category.";
      if (!model.products.length) errors.products = "Select at least one product.";
      if (!model.role) errors.role = "Select an application role.";
    } else if (step === NOTIFY) {
      if (!model.contact.trim()) errors.contact = "Technical Point of Contact is required.";
      if (!EMAIL_RE.test(model.email.trim())) errors.email = "Enter a valid email address.";
    }
    return Object.keys(errors).length === 0;
  };
  const next = () => {
    if (validate()) go(step + 1);
    else draw();
  };

  const create = () => {
    panel.querySelector(".mc-side-panel-footer")?.replaceWith(busyFooter("Generating keys"));
    later(
      () => {
        const created = { clientId: randomAlnum(32), clientSecret: randomAlnum(44) };
        updateState((state) => {
          state.apps.push({
            name: model.name.trim(),
            category: model.category || "API 2.0",
            apiVersion: "2.0",
            developer: model.contact.trim(),
            products: [...model.products],
            role: model.role,
            created: today(),
            status: "Enabled",
          });
        });
        drawCredentials(created);
      },
      500,
      1000,
    );
  };

  function productsField() {
    const selectAllId = uid("mc-checkbox");
    const all = model.products.length === PRODUCTS.length;
    const boxes = PRODUCTS.map((product) => {
      const id = uid("mc-checkbox");
      return pn(
        "div",
        { class: "mc-checkbox" },
        pn("input", {
          id,
          type: "checkbox",
          value: product,
          checked: model.products.includes(product),
          on: {
            change: (event) => {
              model.products = event.target.checked
                ? PRODUCTS.filter((p) => p === product || model.products.includes(p))
                : model.products.filter((p) => p !== product);
              syncSelectAll();
              clearError(errors, "products", event.target);
            },
          },
        }),
        pn("label", { for: id }, product),
      );
    });
    const selectAll = pn("input", {
      id: selectAllId,
      type: "checkbox",
      checked: all,
      on: {
        change: (event) => {
          model.products = event.target.checked ? [...PRODUCTS] : [];
          for (const box of boxes) box.querySelector("input").checked = event.target.checked;
          syncSelectAll();
          clearError(errors, "products", event.target);
        },
      },
    });
    function syncSelectAll() {
      selectAll.checked = model.products.length === PRODUCTS.length;
      selectAll.indeterminate = model.products.length > 0 && model.products.length < PRODUCTS.length;
    }
    const fieldset = pn(
      "fieldset",
      { class: "mc-fieldset", "data-field": "products" },
      pn("legend", { class: "mc-label" }, "Products"),
      pn(
        "div",
        { class: "mc-hint" },
        "Products cannot be changed after saving: choose every product the integration will use.",
      ),
      pn(
        "div",
        { class: "mc-checkbox mc-checkbox--all" },
        selectAll,
        pn("label", { for: selectAllId }, "Select all"),
      ),
      pn("div", { class: "mc-checkbox-list" }, boxes),
      errorText(errors, "products"),
    );
    syncSelectAll();
    return fieldset;
  }

  function draw() {
    let body;
    let actions;
    const back = button("Back", () => go(step - 1), "stroked");
    const stage = steps[step];
    if (stage === "Terms and Conditions") {
      const nextButton = button("Next", next, "primary", { disabled: !model.accepted });
      body = section(
        "Terms and Conditions",
        pn(
          "div",
          {
            class: "mc-terms",
            tabindex: "0",
            role: "document",
            "aria-label": "API 2.0 terms and conditions",
          },
          TERMS.map((t) => pn("p", {}, t)),
        ),
        checkboxField(model, "accepted", "I accept", null, () => {
          nextButton.disabled = !model.accepted;
        }),
      );
      actions = footer(button("Cancel", close, "stroked"), nextButton);
    } else if (stage === "Application Details") {
      const roles = roleNames();
      body = section(
        "Application Details",
        textField(model, errors, "name", "Application Name", {
          required: true,
          hint: "Identifies the application. It cannot be changed once saved.",
        }),
        !hub && selectField(model, errors, "category", "Category", CATEGORIES, "Select a category"),
        productsField(),
        selectField(model, errors, "role", "Application Role", roles, "Select a role"),
        pn(
          "div",
          { class: "mc-hint mc-hint--block" },
          "The role decides what the credentials may read or change; roles are managed under Account › Admin Roles. SIEM integrations need “Threat and Security Events (SIEM) | Read”.",
        ),
        model.role &&
          pn(
            "div",
            { class: "mc-hint mc-hint--block", "data-role-summary": "" },
            permissionSummary(loadState().roles.find((r) => r.name === model.role) ?? {}),
          ),
        textField(model, errors, "description", "Description", { multiline: true }),
      );
      actions = footer(
        step === 0 ? button("Cancel", close, "stroked") : back,
        button("Next", next, "primary"),
      );
    } else if (stage === notificationsTitle) {
      body = section(
        notificationsTitle,
        pn(
          "p",
          { class: "mc-section-text" },
          "Should Mimecast need to contact you about this application, who should it contact? A group address lasts longer than a person's.",
        ),
        textField(model, errors, "contact", "Technical Point of Contact", { required: true }),
        textField(model, errors, "email", "Email", { type: "email", required: true }),
      );
      actions = footer(back, button("Next", next, "primary"));
    } else {
      body = section(
        "Summary",
        summary([
          ["Application Name", model.name],
          ...(hub ? [] : [["Category", model.category]]),
          ["Products", model.products.join(", ")],
          ["Application Role", model.role],
          ["Description", model.description],
          ["Technical Point of Contact", model.contact],
          ["Email", model.email],
        ]),
        pn(
          "div",
          { class: "mc-banner mc-banner--info", role: "note" },
          "The application name and products cannot be changed after the application is saved.",
        ),
      );
      actions = footer(back, button(hub ? "Add and Generate Keys" : "Add", create, "primary"));
    }
    panel.replaceChildren(
      panelHeader(titleId, "Mimecast API 2.0", close),
      stepper(steps, step),
      pn("div", { class: "mc-side-panel-body" }, body),
      actions,
    );
    focusFirst(panel);
  }

  function drawCredentials(created) {
    panel.replaceChildren(
      panelHeader(titleId, "API 2.0 Credentials", close),
      pn(
        "div",
        { class: "mc-side-panel-body" },
        pn(
          "div",
          { class: "mc-banner mc-banner--warning", role: "note" },
          "Copy the client secret now: it is shown only once and cannot be displayed again.",
        ),
        pn(
          "dl",
          { class: "mc-credentials" },
          credential("Client ID", created.clientId, "client-id"),
          credential("Client Secret", created.clientSecret, "client-secret"),
        ),
      ),
      footer(button("Close", close, "primary")),
    );
    panel.querySelector(".mc-side-panel-title")?.focus();
  }

  draw();
}
