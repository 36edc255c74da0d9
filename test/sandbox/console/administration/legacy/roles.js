// Account > Roles ("Admin Roles" in the current console): a column list of roles. The image in a
// row's first cell, or a right-click on the row, opens the row menu ("Add users to role", ...).
// "New Role" opens the role editor (Role Name, Description, Application Permissions): the classic
// console shows the permissions as an adcon table behind an "Application Permissions" tab (label
// cell + Read / Edit checkbox cells, groups collapsed behind a toggle); the current console as an
// ARIA tree (role=tree / treeitem, div[role=checkbox]) in an "Application Permissions" section.
// Saving ("Save and Exit" / "Save") adds the role, which the API 2.0 wizard then offers.
import {
  generation,
  h,
  loadState,
  onActivate,
  PERMISSION_GROUPS,
  uid,
  updateState,
} from "../common/sandbox.js";
import {
  action,
  closeMenu,
  columnList,
  formRow,
  formTable,
  input,
  legacyPage,
  openDialog,
  openMenu,
  renderLate,
  saved,
  toolbar,
} from "./adcon.js";

const CLASSIC = generation() === "classic";

const TITLE = CLASSIC ? "Roles" : "Admin Roles";
const BUILT_IN = ["Basic Administrator", "Full Administrator", "Super Administrator", "Help Desk"];
const { body } = legacyPage(TITLE);

function rowMenu(role, x, y) {
  openMenu({
    label: `${role.name} actions`,
    x,
    y,
    items: [
      { text: "Add users to role", onSelect: () => addUsersDialog(role.name) },
      { text: "View users", onSelect: () => viewUsersDialog(role.name) },
      { text: "Edit role", onSelect: () => showRoleForm(role.name) },
      { text: "Delete role", disabled: BUILT_IN.includes(role.name), onSelect: () => deleteRole(role.name) },
    ],
  });
}

function list() {
  const roles = loadState().roles;
  return [
    toolbar(action("New Role", () => showRoleForm(null), { primary: true })),
    h(
      "p",
      { class: "adconIntro" },
      "Right-click a role, or use the menu button beside it, to manage its users.",
    ),
    columnList(
      ["", "Role", "Description", "Users"],
      roles.map((role) => {
        const image = h("img", {
          class: "SubMenu",
          src: "img/submenu.svg",
          alt: `Actions for ${role.name}`,
          title: "Actions",
          tabindex: "0",
          role: "button",
          "aria-haspopup": "menu",
        });
        const openFromImage = (event) => {
          event.preventDefault();
          event.stopPropagation();
          const box = image.getBoundingClientRect();
          rowMenu(role, box.left, box.bottom + 2);
        };
        image.addEventListener("click", openFromImage);
        image.addEventListener("keydown", (event) => {
          if (event.key === "Enter" || event.key === " ") openFromImage(event);
        });
        return {
          attrs: { "data-role": role.name },
          cells: [image, role.name, role.description, String(role.users.length)],
        };
      }),
      { label: TITLE },
    ),
  ];
}

function showList() {
  renderLate(body, list);
}

body.addEventListener("contextmenu", (event) => {
  const row = event.target.closest?.("tr[data-role]");
  if (!row) return;
  event.preventDefault();
  const role = loadState().roles.find((r) => r.name === row.dataset.role);
  if (role) rowMenu(role, event.clientX, event.clientY);
});

function allUsers() {
  return loadState().domains.flatMap((d) => d.addresses);
}

function addUsersDialog(roleName) {
  const chosen = new Set();
  let filter = "";
  const results = h("div", { class: "adconScrollList" });
  const drawResults = () => {
    const members = loadState().roles.find((r) => r.name === roleName)?.users ?? [];
    const wanted = filter.trim().toLowerCase();
    const users = allUsers().filter(
      (u) => !wanted || u.email.toLowerCase().includes(wanted) || u.name.toLowerCase().includes(wanted),
    );
    results.replaceChildren(
      columnList(
        ["", "Email Address", "Name"],
        users.map((u) => {
          const id = `add-user-${u.email.replace(/[^a-z0-9]+/gi, "-")}`;
          const member = members.includes(u.email);
          const box = h("input", {
            id,
            type: "checkbox",
            value: u.email,
            checked: member || chosen.has(u.email),
            disabled: member,
            on: {
              change: (event) => {
                if (event.target.checked) chosen.add(u.email);
                else chosen.delete(u.email);
              },
            },
          });
          return [box, h("label", { for: id }, u.email), member ? `${u.name} (already in role)` : u.name];
        }),
        { label: "Users", empty: "No users match your search." },
      ),
    );
  };
  const search = h("input", {
    id: "add-users-search",
    type: "search",
    class: "adconInput",
    placeholder: "Name or email address",
    on: {
      input: (event) => {
        filter = event.target.value;
        drawResults();
      },
    },
  });
  drawResults();
  openDialog({
    title: `Add users to role: ${roleName}`,
    width: 560,
    content: [h("div", { class: "adconSearch" }, h("label", { for: search.id }, "Search"), search), results],
    buttons: [
      {
        text: "Add Selected Users",
        primary: true,
        onClick: (close) => {
          const added = [...chosen];
          updateState((state) => {
            const role = state.roles.find((r) => r.name === roleName);
            for (const email of added) if (!role.users.includes(email)) role.users.push(email);
          });
          close("save");
          saved(added.length ? `${added.length} user(s) added to ${roleName}` : "No users selected");
        },
      },
      { text: "Cancel", onClick: (close) => close("cancel") },
    ],
    onClose: showList,
  });
}

function viewUsersDialog(roleName) {
  const role = loadState().roles.find((r) => r.name === roleName);
  openDialog({
    title: `Users in role: ${roleName}`,
    content: columnList(
      ["Email Address"],
      role.users.map((u) => [u]),
      { label: "Users in role", empty: "This role has no users." },
    ),
    buttons: [{ text: "Close", primary: true, onClick: (close) => close("close") }],
    onClose: showList,
  });
}

function deleteRole(roleName) {
  updateState((state) => {
    state.roles = state.roles.filter((r) => r.name !== roleName);
  });
  saved(`${roleName} deleted`);
  showList();
}

/** The role being edited: what the editor shows, saved only by "Save and Exit" / "Save". */
function roleModel(roleName) {
  const existing = roleName ? loadState().roles.find((r) => r.name === roleName) : null;
  return {
    original: existing?.name ?? null,
    name: existing?.name ?? "",
    description: existing?.description ?? "",
    permissions: structuredClone(existing?.permissions ?? {}),
    manageRoles: "Cannot Manage Roles",
    tab: "security",
    expanded: new Set(["Account"]),
  };
}

function hasRight(model, permission, right) {
  return (model.permissions[permission] ?? []).includes(right);
}

function setRight(model, permission, right, on) {
  const now = new Set(model.permissions[permission] ?? []);
  if (on) now.add(right);
  else now.delete(right);
  // Edit implies Read, as in the console.
  if (on && right === "Edit") now.add("Read");
  if (!on && right === "Read") now.delete("Edit");
  if (now.size) model.permissions[permission] = ["Read", "Edit"].filter((r) => now.has(r));
  else delete model.permissions[permission];
}

function saveRole(model, redraw) {
  const newName = model.name.trim();
  if (!newName) {
    redraw("Enter a role name.");
    return;
  }
  const taken = loadState().roles.some((r) => r.name === newName && r.name !== model.original);
  if (taken) {
    redraw(`A role named “${newName}” already exists.`);
    return;
  }
  updateState((state) => {
    const role = model.original ? state.roles.find((r) => r.name === model.original) : null;
    const values = { name: newName, description: model.description.trim(), permissions: model.permissions };
    if (role) Object.assign(role, values);
    else state.roles.push({ ...values, users: [] });
  });
  saved(`${newName} saved`);
  showList();
}

function showRoleForm(roleName) {
  closeMenu();
  const model = roleModel(roleName);
  if (CLASSIC) classicEditor(model);
  else currentEditor(model);
}

// ---------------------------------------------------------------------------------------------
// Classic role editor: adcon form table, tabs, permission table with checkbox cells.

function classicEditor(model, error) {
  const redraw = (problem) => classicEditor(model, problem);
  const name = input(model.name, { onValue: (value) => (model.name = value) });
  const description = input(model.description, { onValue: (value) => (model.description = value) });
  const tabs = [
    { id: "security", label: "Security Permissions" },
    { id: "application", label: "Application Permissions" },
  ];
  const panel = h("div", { class: "adconTabPanel", role: "tabpanel", id: "role-tabpanel" });
  const strip = h(
    "div",
    { class: "adconTabs", role: "tablist", "aria-label": "Role permissions" },
    tabs.map((t) => {
      const selected = t.id === model.tab;
      const el = h(
        "div",
        {
          class: "adconTab",
          role: "tab",
          id: `role-tab-${t.id}`,
          "aria-selected": String(selected),
          "aria-controls": panel.id,
          tabindex: selected ? "0" : "-1",
        },
        t.label,
      );
      onActivate(el, () => {
        if (model.tab === t.id) return;
        model.tab = t.id;
        redraw(error);
        document.getElementById(`role-tab-${t.id}`)?.focus();
      });
      return el;
    }),
  );
  panel.setAttribute("aria-labelledby", `role-tab-${model.tab}`);
  if (model.tab === "security") {
    panel.append(
      h("p", { class: "adconIntro" }, "Can administrators with this role manage admin roles?"),
      formTable(
        ...["Can Manage Roles", "Cannot Manage Roles"].map((option) => {
          const radio = h("input", {
            type: "radio",
            name: "manageRoles",
            value: option,
            checked: model.manageRoles === option,
            on: { change: () => (model.manageRoles = option) },
          });
          return formRow(option, radio);
        }),
      ),
    );
  } else {
    const rows = [];
    for (const group of PERMISSION_GROUPS) {
      const open = model.expanded.has(group.name);
      const toggle = h(
        "button",
        {
          type: "button",
          class: "adconGroupToggle",
          "aria-expanded": String(open),
          on: {
            click: () => {
              if (open) model.expanded.delete(group.name);
              else model.expanded.add(group.name);
              redraw(error);
            },
          },
        },
        h("span", {
          class: open ? "adconToggleIcon adconToggleIcon--open" : "adconToggleIcon",
          "aria-hidden": "true",
        }),
        group.name,
      );
      rows.push(h("tr", { class: "adconRow adconPermissionGroup" }, h("td", { colspan: "3" }, toggle)));
      if (!open) continue;
      for (const permission of group.permissions) {
        rows.push(
          h(
            "tr",
            { class: "adconRow adconPermissionRow", "data-permission": permission.name },
            h("td", { class: "adconFieldLabel adconPermissionName" }, permission.name),
            ["Read", "Edit"].map((right) => {
              if (!permission.rights.includes(right)) return h("td", { class: "adconCheckCell" });
              const id = uid("adcon-permission");
              return h(
                "td",
                { class: "adconCheckCell" },
                h("input", {
                  id,
                  type: "checkbox",
                  checked: hasRight(model, permission.name, right),
                  on: {
                    change: (event) => {
                      setRight(model, permission.name, right, event.target.checked);
                      redraw(error);
                    },
                  },
                }),
                h("label", { for: id }, right),
              );
            }),
          ),
        );
      }
    }
    panel.append(
      h(
        "p",
        { class: "adconIntro" },
        "Grant the application permissions this role needs. Open a group to see its permissions.",
      ),
      h(
        "table",
        {
          class: "adconColumnList adconPermissions",
          "aria-label": "Application Permissions",
          cellspacing: "0",
        },
        h(
          "thead",
          {},
          h(
            "tr",
            { class: "adconColumnHeader" },
            h("th", { scope: "col" }, "Permission"),
            h("th", { scope: "col" }, "Read"),
            h("th", { scope: "col" }, "Edit"),
          ),
        ),
        h("tbody", {}, rows),
      ),
    );
  }
  const headingId = uid("adcon-form");
  body.replaceChildren(
    toolbar(
      action("Save and Exit", () => saveRole(model, redraw), { primary: true }),
      action("Go Back", () => showList()),
    ),
    h(
      "div",
      { class: "adconFormPanel", role: "form", "aria-labelledby": headingId },
      h("h2", { class: "adconFormTitle", id: headingId }, model.original ? "Edit Role" : "New Role"),
      error && h("div", { class: "adconError", role: "alert" }, error),
      formTable(formRow("Role Name", name, { required: true }), formRow("Description", description)),
      strip,
      panel,
    ),
  );
  if (!name.value) name.focus({ preventScroll: true });
}

// ---------------------------------------------------------------------------------------------
// Current role editor: Material-like fields, an "Application Permissions" section with an ARIA tree.

function mcButton(text, onClick, primary = false) {
  return h(
    "button",
    {
      type: "button",
      class: `mdc-button mcRoleButton${primary ? " mcRoleButton--primary" : ""}`,
      on: { click: onClick },
    },
    h("span", { class: "mdc-button__label" }, text),
  );
}

function mcCheckbox(label, checked, onChange) {
  const labelId = uid("mc-tree-check");
  const box = h(
    "div",
    {
      class: checked ? "mcTreeCheckbox mcTreeCheckbox--checked" : "mcTreeCheckbox",
      role: "checkbox",
      "aria-checked": String(checked),
      "aria-labelledby": labelId,
      tabindex: "0",
    },
    h("span", { class: "mcTreeCheckboxBox", "aria-hidden": "true" }),
    h("span", { class: "mcTreeCheckboxLabel", id: labelId }, label),
  );
  onActivate(box, (event) => {
    event.preventDefault();
    event.stopPropagation();
    onChange(!checked);
  });
  return box;
}

function currentEditor(model, error) {
  const redraw = (problem) => currentEditor(model, problem);
  const field = (label, key, multiline = false) => {
    const id = uid("mc-role-field");
    const control = multiline
      ? h(
          "textarea",
          { id, class: "mcRoleInput", rows: "2", on: { input: (e) => (model[key] = e.target.value) } },
          model[key],
        )
      : h("input", {
          id,
          type: "text",
          class: "mcRoleInput",
          value: model[key],
          autocomplete: "off",
          on: { input: (e) => (model[key] = e.target.value) },
        });
    return h("div", { class: "mcRoleField" }, h("label", { class: "mcRoleLabel", for: id }, label), control);
  };
  const tree = h("div", { class: "mcTree", role: "tree", "aria-label": "Application Permissions" });
  for (const group of PERMISSION_GROUPS) {
    const open = model.expanded.has(group.name);
    const labelId = uid("mc-tree-label");
    const item = h(
      "div",
      {
        class: "mcTreeItem mcTreeItem--group",
        role: "treeitem",
        "aria-level": "1",
        "aria-expanded": String(open),
        "aria-labelledby": labelId,
        tabindex: "0",
      },
      h(
        "div",
        { class: "mcTreeRow", "data-group": group.name },
        h("span", {
          class: open ? "mcTreeToggle mcTreeToggle--open" : "mcTreeToggle",
          "aria-hidden": "true",
        }),
        h("span", { class: "mcTreeLabel", id: labelId }, group.name),
      ),
    );
    const toggle = () => {
      if (open) model.expanded.delete(group.name);
      else model.expanded.add(group.name);
      redraw(error);
    };
    item.querySelector(".mcTreeRow").addEventListener("click", toggle);
    item.addEventListener("keydown", (event) => {
      if (event.target !== item) return;
      if (event.key === "Enter" || event.key === " " || event.key === (open ? "ArrowLeft" : "ArrowRight")) {
        event.preventDefault();
        toggle();
      }
    });
    if (open) {
      item.append(
        h(
          "div",
          { role: "group", class: "mcTreeGroup" },
          group.permissions.map((permission) => {
            const permLabel = uid("mc-tree-label");
            return h(
              "div",
              {
                class: "mcTreeItem",
                role: "treeitem",
                "aria-level": "2",
                "aria-labelledby": permLabel,
                "data-permission": permission.name,
              },
              h("span", { class: "mcTreeLabel", id: permLabel }, permission.name),
              h(
                "div",
                { class: "mcTreeRights" },
                permission.rights.map((right) =>
                  mcCheckbox(right, hasRight(model, permission.name, right), (on) => {
                    setRight(model, permission.name, right, on);
                    redraw(error);
                  }),
                ),
              ),
            );
          }),
        ),
      );
    }
    tree.append(item);
  }
  const sectionId = uid("mc-role-section");
  body.replaceChildren(
    h(
      "div",
      { class: "mcRoleEditor", role: "form", "aria-labelledby": "mc-role-title" },
      h(
        "div",
        { class: "mcRoleEditorHeader" },
        h(
          "h2",
          { class: "mcRoleEditorTitle", id: "mc-role-title" },
          model.original ? "Edit Role" : "New Role",
        ),
        h(
          "div",
          { class: "mcRoleEditorActions" },
          mcButton("Cancel", () => showList()),
          mcButton("Save", () => saveRole(model, redraw), true),
        ),
      ),
      error && h("div", { class: "mcRoleError", role: "alert" }, error),
      field("Role Name", "name"),
      field("Description", "description", true),
      h(
        "section",
        { class: "mcRoleSection", "aria-labelledby": sectionId },
        h("h3", { class: "mcRoleSectionTitle", id: sectionId }, "Application Permissions"),
        h(
          "p",
          { class: "mcRoleHint" },
          "Expand a group and tick Read or Edit for each permission the role needs.",
        ),
        tree,
      ),
    ),
  );
}

showList();
