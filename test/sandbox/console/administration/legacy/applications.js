// Services > Applications ("Users & Groups > Applications" in the current console): the lists
// "Application Settings" and "Authentication Profiles", each with a "New ..." button that replaces
// the list with a form. Lookups open picker dialogs. The classic console switches lists with tabs
// and calls the TTL field "Authentication TTL"; the current one has an "Authentication Profiles"
// button beside "New Application Settings" (support articles 34000804127251, 49183608140947) and
// calls the field "Authentication Cache TTL".
// `?variant=renamed` (passed on by the shell): "New Authentication Profile" is called "Create
// profile" and sits below the list, in an "Authentication Profiles" section, not in the toolbar.
import { generation, h, loadState, onActivate, today, uid, updateState, variant } from "../common/sandbox.js";
import {
  action,
  columnList,
  fieldValue,
  formPanel,
  formRow,
  input,
  legacyPage,
  openDialog,
  renderLate,
  saved,
  select,
  toolbar,
} from "./adcon.js";

const TTL = ["1 Hour", "8 Hours", "1 Day", "30 Days", "Never Expires"];
const AUTH_TYPES = ["Cloud Authentication", "Domain Authentication", "SAML Authentication"];
const TABS = [
  { id: "settings", label: "Application Settings" },
  { id: "profiles", label: "Authentication Profiles" },
];

const CLASSIC = generation() === "classic";
const RENAMED = variant() === "renamed";
const TTL_LABEL = CLASSIC ? "Authentication TTL" : "Authentication Cache TTL";
const { body } = legacyPage("Applications");
let tab = "settings";

function tabs() {
  return h(
    "div",
    { class: "adconTabs", role: "tablist", "aria-label": "Applications" },
    TABS.map((t, i) => {
      const isSelected = t.id === tab;
      const el = h(
        "div",
        {
          class: "adconTab",
          role: "tab",
          id: `adcon-tab-${t.id}`,
          "aria-selected": String(isSelected),
          "aria-controls": "adcon-tabpanel",
          tabindex: isSelected ? "0" : "-1",
        },
        t.label,
      );
      onActivate(el, () => selectTab(t.id));
      el.addEventListener("keydown", (event) => {
        if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
        selectTab(TABS[(i + 1) % TABS.length].id);
      });
      return el;
    }),
  );
}

function selectTab(id) {
  if (id === tab) return;
  tab = id;
  showList(true);
}

/**
 * Classic: the tab strip and the tab's list. Current: the list alone, switched by buttons. The list
 * arrives late and is rebuilt on every visit.
 */
function showList(focusTab = false) {
  if (!CLASSIC) {
    const panel = h("div", { class: "adconListPanel", id: "adcon-listpanel" });
    body.replaceChildren(panel);
    renderLate(panel, tab === "settings" ? settingsList : profilesList);
    return;
  }
  const panel = h("div", {
    class: "adconTabPanel",
    role: "tabpanel",
    id: "adcon-tabpanel",
    "aria-labelledby": `adcon-tab-${tab}`,
  });
  body.replaceChildren(tabs(), panel);
  if (focusTab) document.getElementById(`adcon-tab-${tab}`)?.focus();
  renderLate(panel, tab === "settings" ? settingsList : profilesList);
}

function showView(id) {
  tab = id;
  showList();
}

function settingsList() {
  const rows = loadState().appSettings;
  return [
    CLASSIC
      ? toolbar(action("New Application Settings", () => showSettingsForm(), { primary: true }))
      : toolbar(
          action("New Application Settings", () => showSettingsForm(), { primary: true }),
          action("Authentication Profiles", () => showView("profiles")),
        ),
    !CLASSIC && h("h2", { class: "adconListTitle" }, "Application Settings"),
    columnList(
      ["Description", "Group", "Authentication Profile"],
      rows.map((r) => [r.description, r.group, r.profile]),
      { label: "Application Settings" },
    ),
  ];
}

function profilesList() {
  const rows = loadState().authProfiles;
  if (RENAMED) return renamedProfilesList(rows);
  return [
    CLASSIC
      ? toolbar(action("New Authentication Profile", () => showProfileForm(), { primary: true }))
      : toolbar(
          action("New Authentication Profile", () => showProfileForm(), { primary: true }),
          action("Go Back", () => showView("settings")),
        ),
    !CLASSIC && h("h2", { class: "adconListTitle" }, "Authentication Profiles"),
    columnList(
      ["Description", TTL_LABEL, "Authentication Type"],
      rows.map((r) => [r.description, r.ttl, r.type]),
      { label: "Authentication Profiles" },
    ),
  ];
}

/**
 * The "renamed" variant's list: the toolbar keeps "Go Back" (current console) only; "Create
 * profile" sits below the list, in a section headed "Authentication Profiles" (both consoles).
 */
function renamedProfilesList(rows) {
  const headingId = uid("adcon-section");
  return [
    !CLASSIC && toolbar(action("Go Back", () => showView("settings"))),
    h(
      "section",
      { class: "adconSection", "aria-labelledby": headingId },
      h("h2", { class: "adconSectionTitle", id: headingId }, "Authentication Profiles"),
      columnList(
        ["Description", TTL_LABEL, "Authentication Type"],
        rows.map((r) => [r.description, r.ttl, r.type]),
        { label: "Authentication Profiles" },
      ),
      h(
        "div",
        { class: "adconSectionActions" },
        action("Create profile", () => showProfileForm(), { primary: true }),
      ),
    ),
  ];
}

// ---------------------------------------------------------------------------------------------

function showProfileForm(error, values) {
  const model = values ?? {
    description: "",
    ttl: "8 Hours",
    type: AUTH_TYPES[0],
    twoFactor: false,
    integrated: false,
  };
  const description = input(model.description);
  const ttl = select(TTL, model.ttl);
  const type = select(AUTH_TYPES, model.type);
  const twoFactor = h("input", { type: "checkbox", checked: model.twoFactor });
  const integrated = h("input", { type: "checkbox", checked: model.integrated });
  const read = () => ({
    description: fieldValue(description),
    ttl: ttl.value,
    type: type.value,
    twoFactor: twoFactor.checked,
    integrated: integrated.checked,
  });
  const submit = () => {
    const current = read();
    if (!current.description.trim()) {
      showProfileForm("Enter a description.", current);
      return;
    }
    updateState((state) => {
      state.authProfiles.push({
        description: current.description.trim(),
        ttl: current.ttl,
        type: current.type,
      });
    });
    saved(`${current.description.trim()} saved`);
    showList();
  };
  body.replaceChildren(
    formPanel("Authentication Profile", {
      error,
      rows: [
        formRow("Description", description, { required: true }),
        formRow(TTL_LABEL, ttl, {
          hint: "How long keys and sessions created with this profile stay valid.",
        }),
        formRow("Authentication Type", type),
        formRow("Request Two Factor Authentication", twoFactor),
        formRow("Allow Integrated Authentication", integrated),
      ],
      actions: [action("Save and Exit", submit, { primary: true }), action("Go Back", () => showList())],
    }),
  );
  description.focus();
}

// ---------------------------------------------------------------------------------------------

function showSettingsForm(error, values) {
  const model = values ?? {
    description: "",
    group: "",
    profile: "",
    outlook: true,
    mobile: true,
    language: "English",
  };
  const description = input(model.description);
  const group = input(model.group, { readonly: true, placeholder: "Use Group Lookup" });
  const profile = input(model.profile, { readonly: true, placeholder: "Use Authentication Profile Lookup" });
  const outlook = h("input", { type: "checkbox", checked: model.outlook });
  const mobile = h("input", { type: "checkbox", checked: model.mobile });
  const language = select(["English", "Deutsch", "Français", "Español"], model.language);
  const read = () => ({
    description: fieldValue(description),
    group: fieldValue(group),
    profile: fieldValue(profile),
    outlook: outlook.checked,
    mobile: mobile.checked,
    language: language.value,
  });
  // Lookup dialogs rebuild the form when they close (the GWT form reloads), keeping entries.
  const lookup = (kind) => {
    const current = read();
    pickerDialog(kind, (choice) => {
      if (choice !== null) current[kind] = choice;
      showSettingsForm(undefined, current);
    });
  };
  const submit = () => {
    const current = read();
    let problem = "";
    if (!current.description.trim()) problem = "Enter a description.";
    else if (!current.group) problem = "Choose a group with Group Lookup.";
    else if (!current.profile)
      problem = "Choose an authentication profile with Authentication Profile Lookup.";
    if (problem) {
      showSettingsForm(problem, current);
      return;
    }
    updateState((state) => {
      state.appSettings.push({
        description: current.description.trim(),
        group: current.group,
        profile: current.profile,
        modified: today(),
      });
    });
    saved(`${current.description.trim()} saved`);
    showList();
  };
  body.replaceChildren(
    formPanel("Application Settings", {
      error,
      rows: [
        formRow("Description", description, { required: true }),
        formRow("Group", group, {
          required: true,
          node: h(
            "div",
            { class: "adconLookup" },
            group,
            action("Group Lookup", () => lookup("group")),
          ),
        }),
        formRow("Authentication Profile", profile, {
          required: true,
          node: h(
            "div",
            { class: "adconLookup" },
            profile,
            action("Authentication Profile Lookup", () => lookup("profile")),
          ),
        }),
        formRow("Allow Mimecast for Outlook", outlook),
        formRow("Allow Mobile Apps", mobile),
        formRow("Default Language", language),
      ],
      actions: [action("Save and Exit", submit, { primary: true }), action("Go Back", () => showList())],
    }),
  );
  description.focus();
}

function groupPath(group, all) {
  const names = [];
  let at = group;
  while (at) {
    names.unshift(at.name);
    at = all.find((g) => g.id === at.parent);
  }
  return names.join(" / ");
}

/** A picker dialog; `done(choice or null)` runs after the dialog has closed. */
function pickerDialog(kind, done) {
  const state = loadState();
  let choice = null;
  const isGroup = kind === "group";
  const entries = isGroup
    ? state.groups
        .filter((g) => g.parent !== null)
        .map((g) => ({ name: g.name, detail: groupPath(g, state.groups) }))
    : state.authProfiles.map((p) => ({ name: p.description, detail: `${p.ttl} · ${p.type}` }));
  const choose = (name, close) => {
    choice = name;
    close("select");
  };
  let dialogClose = null;
  const rows = entries.map((e) => {
    const link = h("a", { href: "#", class: "adconLink", "data-choice": e.name }, e.name);
    onActivate(link, (event) => {
      event.preventDefault();
      choose(e.name, dialogClose);
    });
    return [link, e.detail];
  });
  const { close } = openDialog({
    title: isGroup ? "Group Lookup" : "Authentication Profile Lookup",
    width: 520,
    content: [
      h(
        "p",
        { class: "adconIntro", id: uid("adcon-picker") },
        isGroup ? "Choose a profile group." : "Choose an authentication profile.",
      ),
      h(
        "div",
        { class: "adconScrollList" },
        columnList(isGroup ? ["Group", "Location"] : ["Authentication Profile", "Settings"], rows, {
          label: isGroup ? "Profile groups" : "Authentication profiles",
          empty: "Nothing to choose from.",
        }),
      ),
    ],
    buttons: [{ text: "Cancel", onClick: (c) => c("cancel") }],
    onClose: () => done(choice),
  });
  dialogClose = close;
}

showList();
