// Directories > Profile Groups: a folder tree with a "+" beside each folder. "+" creates a child
// "New Folder", selects it and puts the cursor in its "Edit group" box to rename it; every selected
// folder shows that box, the "Build" drop-down (add email addresses or domains through a dialog)
// and its members.
import { EMAIL_RE, h, loadState, onActivate, uid, updateState } from "../common/sandbox.js";
import {
  action,
  closeMenu,
  columnList,
  legacyPage,
  openDialog,
  openMenu,
  renderLate,
  saved,
} from "./adcon.js";

const { body } = legacyPage("Profile Groups");
let selectedId = "g-root";
const collapsed = new Set();

function groups() {
  return loadState().groups;
}

function childrenOf(id) {
  return groups().filter((g) => g.parent === id);
}

function addFolder(parentId) {
  closeMenu();
  const taken = new Set(groups().map((g) => g.id));
  let n = 1;
  while (taken.has(`g-new-${n}`)) n += 1;
  const id = `g-new-${n}`;
  updateState((state) => {
    state.groups.push({ id, name: "New Folder", parent: parentId, addresses: [], domains: [] });
  });
  collapsed.delete(parentId);
  selectedId = id;
  // The tree and the detail panel are rebuilt, as after any server round trip.
  draw(true, true);
}

function treeNode(group, level) {
  const kids = childrenOf(group.id);
  const open = !collapsed.has(group.id);
  const isSelected = group.id === selectedId;
  const text = h("a", { href: "#", class: "adconFolderText" }, group.name);
  onActivate(text, (event) => {
    event.preventDefault();
    selectedId = group.id;
    draw(false);
  });
  const toggle = kids.length
    ? h("button", {
        type: "button",
        class: open ? "adconTreeToggle adconTreeToggle--open" : "adconTreeToggle",
        "aria-label": open ? "Collapse" : "Expand",
        on: {
          click: () => {
            if (open) collapsed.add(group.id);
            else collapsed.delete(group.id);
            draw(false);
          },
        },
      })
    : h("span", { class: "adconTreeToggle adconTreeToggle--leaf", "aria-hidden": "true" });
  return h(
    "li",
    {
      role: "treeitem",
      "aria-level": String(level),
      "aria-selected": String(isSelected),
      "aria-expanded": kids.length ? String(open) : null,
      "data-group": group.id,
    },
    h(
      "div",
      { class: isSelected ? "adconTreeRow adconTreeRow--selected" : "adconTreeRow" },
      toggle,
      h("span", { class: "adconFolderIcon", "aria-hidden": "true" }),
      text,
      h(
        "button",
        {
          type: "button",
          class: "adconAddFolder",
          title: "Create new folder",
          on: { click: () => addFolder(group.id) },
        },
        "+",
      ),
    ),
    kids.length > 0 &&
      open &&
      h(
        "ul",
        { class: "adconTree", role: "group" },
        kids.map((k) => treeNode(k, level + 1)),
      ),
  );
}

function tree() {
  const root = groups().find((g) => g.parent === null);
  return h(
    "div",
    { class: "adconTreePanel" },
    h("div", { class: "adconPanelHeader" }, "Folders"),
    h("ul", { class: "adconTree", role: "tree", "aria-label": "Profile groups" }, treeNode(root, 1)),
  );
}

function editGroupBox(group, focus) {
  const inputId = uid("adcon-group-name");
  const nameInput = h("input", { type: "text", class: "adconInput", id: inputId, value: group.name });
  const error = h("div", { class: "adconError", role: "alert", hidden: true });
  const save = () => {
    const name = nameInput.value.trim();
    if (!name) {
      error.textContent = "Enter a group name.";
      error.hidden = false;
      return;
    }
    updateState((state) => {
      state.groups.find((g) => g.id === group.id).name = name;
    });
    saved("Saved");
    draw(true);
  };
  nameInput.addEventListener("keydown", (event) => {
    if (event.key === "Enter") save();
  });
  const box = h(
    "div",
    { class: "adconPanel adconEditGroup", role: "group", "aria-labelledby": `${inputId}-title` },
    h("h3", { class: "adconPanelTitle", id: `${inputId}-title` }, "Edit group"),
    h(
      "div",
      { class: "adconPanelBody" },
      h("label", { for: inputId }, "Group Name"),
      nameInput,
      action("Save", save, { primary: true }),
    ),
    error,
  );
  if (focus)
    setTimeout(() => {
      nameInput.focus();
      nameInput.select();
    }, 0);
  return box;
}

function buildButton(group) {
  const button = h(
    "button",
    { type: "button", class: "adconAction adconDropdown", "aria-haspopup": "menu", "aria-expanded": "false" },
    "Build",
    h("span", { class: "adconDropCaret", "aria-hidden": "true" }),
  );
  button.addEventListener("click", (event) => {
    event.stopPropagation();
    if (button.getAttribute("aria-expanded") === "true") {
      closeMenu();
      return;
    }
    const box = button.getBoundingClientRect();
    button.setAttribute("aria-expanded", "true");
    openMenu({
      label: "Build",
      x: box.left,
      y: box.bottom + 2,
      onClose: () => button.setAttribute("aria-expanded", "false"),
      items: [
        { text: "Add Email Addresses", onSelect: () => addDialog(group.id, "addresses") },
        { text: "Add Email Domains", onSelect: () => addDialog(group.id, "domains") },
      ],
    });
  });
  return button;
}

function detail(focusEdit) {
  const group = groups().find((g) => g.id === selectedId) ?? groups()[0];
  if (group.parent === null) {
    return h(
      "div",
      { class: "adconDetailPanel" },
      h("h2", { class: "adconSectionTitle" }, group.name),
      h(
        "div",
        { class: "adconPlaceholder" },
        "Select a folder to see its members, or click + beside a folder to create a group in it.",
      ),
    );
  }
  const members = [
    ...group.addresses.map((a) => ["Email Address", a]),
    ...group.domains.map((d) => ["Domain", d]),
  ];
  return h(
    "div",
    { class: "adconDetailPanel" },
    h("h2", { class: "adconSectionTitle" }, group.name),
    editGroupBox(group, focusEdit),
    h(
      "div",
      { class: "adconToolbar", role: "toolbar" },
      buildButton(group),
      action("Delete", () => deleteGroup(group.id)),
    ),
    columnList(["Type", "Member"], members, {
      label: `Members of ${group.name}`,
      empty: "This group is empty.",
    }),
  );
}

function deleteGroup(id) {
  updateState((state) => {
    const doomed = new Set([id]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const g of state.groups)
        if (g.parent && doomed.has(g.parent) && !doomed.has(g.id)) {
          doomed.add(g.id);
          grew = true;
        }
    }
    state.groups = state.groups.filter((g) => !doomed.has(g.id));
  });
  selectedId = "g-root";
  saved("Group deleted");
  draw(false);
}

function addDialog(groupId, kind) {
  const addresses = kind === "addresses";
  const title = addresses ? "Add Email Addresses" : "Add Email Domains";
  const label = addresses ? "Email Addresses" : "Email Domains";
  const textarea = h("textarea", {
    id: uid("adcon-members"),
    class: "adconTextarea",
    rows: "6",
    placeholder: addresses ? "siem-service@sandbox-corp.example" : "sandbox-corp.example",
  });
  const error = h("div", { class: "adconError", role: "alert", hidden: true });
  openDialog({
    title,
    content: [
      h(
        "p",
        { class: "adconIntro" },
        addresses ? "Enter one email address per line." : "Enter one domain per line.",
      ),
      error,
      h("div", {}, h("label", { for: textarea.id, class: "adconBlockLabel" }, label)),
      textarea,
    ],
    buttons: [
      {
        text: "Save and Exit",
        primary: true,
        onClick: (close) => {
          const values = textarea.value
            .split(/[\s,;]+/)
            .map((v) => v.trim().toLowerCase())
            .filter(Boolean);
          const bad = values.filter((v) =>
            addresses ? !EMAIL_RE.test(v) : !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(v),
          );
          if (!values.length || bad.length) {
            error.textContent = values.length
              ? `Not valid: ${bad.join(", ")}`
              : `Enter at least one ${addresses ? "address" : "domain"}.`;
            error.hidden = false;
            return;
          }
          updateState((state) => {
            const group = state.groups.find((g) => g.id === groupId);
            const list = addresses ? group.addresses : group.domains;
            for (const v of values) if (!list.includes(v)) list.push(v);
          });
          close("save");
          saved(`${values.length} ${addresses ? "address(es)" : "domain(s)"} added`);
        },
      },
      { text: "Cancel", onClick: (close) => close("cancel") },
    ],
    onClose: () => draw(false),
  });
}

let firstLoad = true;
/** Rebuilds tree and detail; the first load (and saves) arrive late like any server round trip. */
function draw(late, focusEdit = false) {
  const build = () => h("div", { class: "adconSplit" }, tree(), detail(focusEdit));
  if (late || firstLoad) {
    firstLoad = false;
    renderLate(body, build);
  } else body.replaceChildren(build());
}

draw(false);
