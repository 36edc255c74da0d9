// Account > Account Settings: one long page of collapsible groups inside an inner scroll container
// (the iframe's window does not scroll). "Enhanced Logging" is the last group, collapsed at first.
// Nothing applies until "Save" in the toolbar above the groups (Mimecast: "Select Save to apply the
// change"): ticks and edits are pending, a reload without Save loses them. The classic console's
// toolbar has adcon action buttons; the current one ExtJS-style a[role=button] with nested spans.
import {
  generation,
  h,
  later,
  loadState,
  onActivate,
  regionName,
  uid,
  updateState,
} from "../common/sandbox.js";
import { action, legacyPage, loadingIndicator, saved } from "./adcon.js";

const TIME_ZONES = [
  "(UTC) Coordinated Universal Time",
  "(UTC+00:00) London",
  "(UTC+01:00) Berlin",
  "(UTC-05:00) New York",
];
const LANGUAGES = ["English (United Kingdom)", "English (United States)", "Deutsch", "Français", "Español"];
const DAYS = ["30 days", "60 days", "90 days", "180 days", "365 days", "Never"];

/** Filler groups: plausible settings, none labelled Inbound / Outbound / Internal. */
const GROUPS = [
  {
    name: "Account Settings",
    fields: [
      { label: "Account Name", type: "text", value: "Sandbox Corp" },
      { label: "Account Code", type: "readonly", value: "SBX00A1234" },
      { label: "Data Centre", type: "readonly", value: regionName() },
      { label: "Default Time Zone", type: "select", options: TIME_ZONES, value: TIME_ZONES[1] },
      { label: "Default Language", type: "select", options: LANGUAGES, value: LANGUAGES[0] },
      {
        label: "Display Date Format",
        type: "select",
        options: ["DD/MM/YYYY", "MM/DD/YYYY", "YYYY-MM-DD"],
        value: "DD/MM/YYYY",
      },
      {
        label: "Archive Retention",
        type: "select",
        options: ["1 year", "3 years", "7 years", "10 years", "99 years"],
        value: "7 years",
      },
      { label: "Maximum Message Size (MB)", type: "text", value: "150" },
      { label: "Allow Legacy Attachment Release", type: "checkbox", value: false },
      { label: "Show Beta Features", type: "checkbox", value: true },
    ],
  },
  {
    name: "Directory Options",
    fields: [
      {
        label: "Directory Sync Interval",
        type: "select",
        options: ["1 hour", "4 hours", "12 hours", "24 hours"],
        value: "4 hours",
      },
      { label: "Allow Directory Aliases", type: "checkbox", value: true },
      { label: "Create Unknown Recipients", type: "checkbox", value: false },
      {
        label: "Default Address Type",
        type: "select",
        options: ["Cloud Address", "Directory Address"],
        value: "Directory Address",
      },
      { label: "Sync Disabled Accounts", type: "checkbox", value: false },
      { label: "LDAP Query Timeout (seconds)", type: "text", value: "30" },
      {
        label: "Attribute Used for Display Name",
        type: "select",
        options: ["displayName", "cn", "name"],
        value: "displayName",
      },
      { label: "Remove Addresses Missing from Sync", type: "checkbox", value: true },
    ],
  },
  {
    name: "User Access and Permissions",
    fields: [
      {
        label: "Administration Session Timeout",
        type: "select",
        options: ["15 minutes", "30 minutes", "1 hour", "4 hours"],
        value: "30 minutes",
      },
      { label: "Enforce SAML for Administration Console", type: "checkbox", value: false },
      { label: "Allow Personal Portal Access", type: "checkbox", value: true },
      { label: "Allow Mobile App Access", type: "checkbox", value: true },
      { label: "Allow Users to Manage Their Own Blocked Senders", type: "checkbox", value: true },
      { label: "Allow Users to Release Held Messages", type: "checkbox", value: false },
      { label: "Administration Console IP Ranges", type: "textarea", value: "0.0.0.0/0" },
      { label: "Require Two-Step Authentication", type: "checkbox", value: true },
    ],
  },
  {
    name: "System Notification Options",
    fields: [
      { label: "Notification Sender Address", type: "text", value: "postmaster@sandbox-corp.example" },
      { label: "Send Daily Held Message Summary", type: "checkbox", value: true },
      {
        label: "Summary Delivery Time",
        type: "select",
        options: ["06:00", "08:00", "12:00", "17:00"],
        value: "08:00",
      },
      { label: "Notify Administrators of Service Alerts", type: "checkbox", value: true },
      { label: "Alert Recipients", type: "textarea", value: "it-alerts@sandbox-corp.example" },
      { label: "Notify Senders of Rejected Messages", type: "checkbox", value: false },
      { label: "Attachment Release Notifications", type: "checkbox", value: true },
    ],
  },
  {
    name: "Account Contact",
    fields: [
      { label: "Contact Name", type: "text", value: "Sandbox Admin" },
      { label: "Contact Email Address", type: "text", value: "admin@sandbox-corp.example" },
      { label: "Telephone", type: "text", value: "+44 20 7946 0000" },
      { label: "Company Address", type: "textarea", value: "1 Example Street\nLondon\nEC1A 1AA" },
      {
        label: "Country",
        type: "select",
        options: ["United Kingdom", "United States", "Germany", "South Africa"],
        value: "United Kingdom",
      },
      { label: "Billing Contact", type: "text", value: "accounts@sandbox-corp.example" },
    ],
  },
  {
    name: "Password Complexity and Expiration",
    fields: [
      {
        label: "Minimum Password Length",
        type: "select",
        options: ["8", "10", "12", "14", "16"],
        value: "12",
      },
      { label: "Require Upper Case Characters", type: "checkbox", value: true },
      { label: "Require Lower Case Characters", type: "checkbox", value: true },
      { label: "Require Numbers", type: "checkbox", value: true },
      { label: "Require Special Characters", type: "checkbox", value: false },
      { label: "Password Expiry", type: "select", options: DAYS, value: "90 days" },
      {
        label: "Prevent Reuse of Recent Passwords",
        type: "select",
        options: ["Off", "3", "5", "10"],
        value: "5",
      },
      {
        label: "Lock Account After Failed Attempts",
        type: "select",
        options: ["3", "5", "10", "Never"],
        value: "5",
      },
    ],
  },
  { name: "Enhanced Logging", enhancedLogging: true },
];

const LOG_TYPES = [
  { key: "inbound", label: "Inbound", hint: "Messages received from outside your organisation" },
  { key: "outbound", label: "Outbound", hint: "Messages sent to recipients outside your organisation" },
  { key: "internal", label: "Internal", hint: "Messages between addresses in your organisation" },
];

const slug = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-");

/** The form's pending values: what the page shows, saved to the tenant only by "Save". */
const stored = loadState();
const pending = {
  settings: { ...stored.settings },
  enhancedLogging: { ...stored.enhancedLogging },
  dirty: false,
};

function changed() {
  pending.dirty = true;
  drawStatus();
}

function fieldControl(group, field) {
  const key = `${slug(group.name)}.${slug(field.label)}`;
  const value = pending.settings[key] ?? field.value;
  const id = uid("adcon-setting");
  const store = (v) => {
    pending.settings[key] = v;
    changed();
  };
  switch (field.type) {
    case "checkbox":
      return h("input", {
        id,
        type: "checkbox",
        checked: value,
        on: { change: (event) => store(event.target.checked) },
      });
    case "select":
      return h(
        "select",
        { id, class: "adconSelect", on: { change: (event) => store(event.target.value) } },
        field.options.map((o) => h("option", { value: o, selected: o === value }, o)),
      );
    case "textarea":
      return h(
        "textarea",
        { id, class: "adconTextarea", on: { change: (event) => store(event.target.value) } },
        value,
      );
    case "readonly":
      return h("input", { id, type: "text", class: "adconInput", readonly: true, value });
    default:
      return h("input", {
        id,
        type: "text",
        class: "adconInput",
        value,
        on: { change: (event) => store(event.target.value) },
      });
  }
}

function fieldsTable(group) {
  return h(
    "table",
    { class: "adconForm", role: "presentation" },
    h(
      "tbody",
      {},
      group.fields.map((field) => {
        const control = fieldControl(group, field);
        return h(
          "tr",
          {},
          h("td", { class: "adconFieldLabel" }, h("label", { for: control.id }, field.label)),
          h("td", { class: "adconFieldValue" }, control),
        );
      }),
    ),
  );
}

function enhancedLoggingBody() {
  const state = pending.enhancedLogging;
  return [
    h(
      "p",
      { class: "adconGroupIntro" },
      "Enhanced Logging keeps detailed message logs that SIEM and other integrations can download through the API. Select the log types to record.",
    ),
    h(
      "fieldset",
      { class: "adconCheckGroup" },
      h("legend", {}, "Enhanced Logging"),
      h(
        "div",
        { class: "adconCheckList" },
        LOG_TYPES.map((t) => {
          const id = `enhanced-logging-${t.key}`;
          return h(
            "div",
            { class: "adconCheckRow" },
            h("input", {
              id,
              type: "checkbox",
              name: `enhancedLogging.${t.key}`,
              checked: state[t.key],
              on: {
                change: (event) => {
                  pending.enhancedLogging[t.key] = event.target.checked;
                  changed();
                },
              },
            }),
            h("label", { for: id }, t.label),
            h("span", { class: "adconHint" }, t.hint),
          );
        }),
      ),
    ),
    h(
      "p",
      { class: "adconGroupIntro adconHint" },
      "Logs are available for download for 7 days after they are recorded. Select Save to apply the change.",
    ),
  ];
}

function groupElement(group, open) {
  const id = `group-${slug(group.name)}`;
  const header = h(
    "button",
    {
      type: "button",
      class: "adconGroupHeader",
      id: `${id}-header`,
      "aria-expanded": String(open),
      "aria-controls": `${id}-body`,
    },
    h("span", { class: "adconChevron", "aria-hidden": "true" }),
    group.name,
  );
  const wrapper = h("div", { class: "adconGroup", id }, h("h2", { class: "adconGroupHeading" }, header));
  const draw = (expanded) => {
    header.setAttribute("aria-expanded", String(expanded));
    wrapper.querySelector(".adconGroupBody")?.remove();
    if (!expanded) return;
    // A new body every time the group opens.
    wrapper.append(
      h(
        "div",
        { class: "adconGroupBody", id: `${id}-body`, role: "region", "aria-labelledby": header.id },
        group.enhancedLogging ? enhancedLoggingBody() : fieldsTable(group),
      ),
    );
  };
  header.addEventListener("click", () => draw(header.getAttribute("aria-expanded") !== "true"));
  draw(open);
  return wrapper;
}

// ---------------------------------------------------------------------------------------------
// Toolbar: Save and Cancel

const CLASSIC = generation() === "classic";
const status = h("span", { class: "adconToolbarStatus", role: "status", "aria-live": "polite" });
let saving = false;

function drawStatus() {
  status.textContent = saving ? "Saving..." : pending.dirty ? "You have unsaved changes." : "";
}

function saveAll() {
  if (saving) return;
  if (!pending.dirty) {
    saved("No changes to save");
    return;
  }
  saving = true;
  drawStatus();
  // Simulated round trip: the tenant changes only when the server has answered.
  later(
    () => {
      updateState((state) => {
        state.settings = { ...pending.settings };
        state.enhancedLogging = { ...pending.enhancedLogging };
      });
      saving = false;
      pending.dirty = false;
      drawStatus();
      saved("Account settings saved");
    },
    200,
    500,
  );
}

function cancelAll() {
  // Throw the pending changes away: the page reloads from the server, as the real one does.
  location.reload();
}

/** ExtJS-style button of the current console: a[role=button] around nested spans. */
function extButton(text, onClick, primary = false) {
  const el = h(
    "a",
    {
      class: `x-btn mcFormAction${primary ? " x-btn-primary" : ""}`,
      role: "button",
      tabindex: "0",
      "data-qtip": text,
    },
    h(
      "span",
      { class: "x-btn-wrap" },
      h("span", { class: "x-btn-button" }, h("span", { class: "x-btn-inner" }, text)),
    ),
  );
  onActivate(el, (event) => {
    event.preventDefault();
    onClick();
  });
  return el;
}

const bar = CLASSIC
  ? h(
      "div",
      { class: "adconToolbar adconToolbar--page", role: "toolbar", "aria-label": "Account Settings actions" },
      action("Save", saveAll, { primary: true }),
      action("Cancel", cancelAll),
      status,
    )
  : h(
      "div",
      { class: "x-toolbar mcFormToolbar", role: "toolbar", "aria-label": "Account Settings actions" },
      extButton("Save", saveAll, true),
      extButton("Cancel", cancelAll),
      status,
    );

const { body } = legacyPage("Account Settings");
body.classList.add("adconBody--fixed");
const scroller = h(
  "div",
  { class: "adconScroll", id: "adconAccountSettingsScroll", tabindex: "-1" },
  loadingIndicator(),
);
body.replaceChildren(scroller);

later(() => {
  body.prepend(bar);
  scroller.replaceChildren(
    h(
      "p",
      { class: "adconIntro" },
      "Settings on this page apply to the whole account. Select Save to apply your changes.",
    ),
    ...GROUPS.map((g) => groupElement(g, !g.enhancedLogging)),
  );
});
