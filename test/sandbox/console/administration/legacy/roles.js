// Account > Roles ("Admin Roles" in the current console): a column list of roles. The image in a
// row's first cell, or a right-click on the row, opens the row menu ("Add users to role", ...).
import { generation, h, loadState, updateState } from "../common/sandbox.js";
import {
  action,
  closeMenu,
  columnList,
  formPanel,
  formRow,
  input,
  legacyPage,
  openDialog,
  openMenu,
  renderLate,
  saved,
  toolbar,
} from "./adcon.js";

const TITLE = generation() === "classic" ? "Roles" : "Admin Roles";
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

function showRoleForm(roleName, error, values) {
  closeMenu();
  const existing = roleName ? loadState().roles.find((r) => r.name === roleName) : null;
  const name = input(values?.name ?? existing?.name ?? "");
  const description = input(values?.description ?? existing?.description ?? "");
  const submit = () => {
    const newName = name.value.trim();
    if (!newName) {
      showRoleForm(roleName, "Enter a role name.", { name: name.value, description: description.value });
      return;
    }
    updateState((state) => {
      const role = roleName ? state.roles.find((r) => r.name === roleName) : null;
      if (role) {
        role.name = newName;
        role.description = description.value.trim();
      } else state.roles.push({ name: newName, description: description.value.trim(), users: [] });
    });
    saved(`${newName} saved`);
    showList();
  };
  body.replaceChildren(
    formPanel(existing ? "Edit Role" : "New Role", {
      error,
      rows: [formRow("Role Name", name, { required: true }), formRow("Description", description)],
      actions: [action("Save and Exit", submit, { primary: true }), action("Go Back", () => showList())],
    }),
  );
  name.focus();
}

showList();
