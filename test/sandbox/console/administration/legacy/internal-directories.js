// Directories > Internal Directories: a folder tree of domains; choosing one lists its addresses
// and enables "New Address", which replaces the list with a form (legacy style).
import { EMAIL_RE, h, loadState, onActivate, updateState } from "../common/sandbox.js";
import {
  action,
  columnList,
  fieldValue,
  formPanel,
  formRow,
  input,
  legacyPage,
  renderLate,
  saved,
  toolbar,
} from "./adcon.js";

const { body } = legacyPage("Internal Directories");
let selected = null;

function tree() {
  const domains = loadState().domains;
  return h(
    "div",
    { class: "adconTreePanel" },
    h("div", { class: "adconPanelHeader" }, "Domains"),
    h(
      "ul",
      { class: "adconTree", role: "tree", "aria-label": "Internal domains" },
      domains.map((d) => {
        const isSelected = d.name === selected;
        const text = h("a", { href: "#", class: "adconFolderText" }, d.name);
        onActivate(text, (event) => {
          event.preventDefault();
          selected = d.name;
          showList();
        });
        return h(
          "li",
          { role: "treeitem", "aria-selected": String(isSelected) },
          h(
            "div",
            { class: isSelected ? "adconTreeRow adconTreeRow--selected" : "adconTreeRow" },
            h("span", { class: "adconFolderIcon", "aria-hidden": "true" }),
            text,
          ),
        );
      }),
    ),
  );
}

function detail() {
  const domain = loadState().domains.find((d) => d.name === selected);
  return h(
    "div",
    { class: "adconDetailPanel" },
    toolbar(
      action("New Domain", () => showNewDomain()),
      action("New Address", () => showNewAddress(), { disabled: !domain, primary: true }),
    ),
    domain
      ? [
          h("h2", { class: "adconSectionTitle" }, `Addresses in ${domain.name}`),
          columnList(
            ["Email Address", "Global Name", "Type"],
            domain.addresses.map((a) => [a.email, a.name, a.type]),
            { label: `Addresses in ${domain.name}`, empty: "This domain has no addresses." },
          ),
        ]
      : h("div", { class: "adconPlaceholder" }, "Select a domain in the folder list to view its addresses."),
  );
}

function showList() {
  renderLate(body, () => h("div", { class: "adconSplit" }, tree(), detail()));
}

function showNewAddress(error, values = { email: "", name: "", password: "", confirm: "" }) {
  const domain = selected;
  const email = input(values.email, { placeholder: `user@${domain}` });
  const name = input(values.name);
  const password = input("", { type: "password", autocomplete: "new-password" });
  const confirm = input("", { type: "password", autocomplete: "new-password" });
  const submit = () => {
    let address = fieldValue(email).trim().toLowerCase();
    if (address && !address.includes("@")) address = `${address}@${domain}`;
    const current = { email: fieldValue(email), name: fieldValue(name), password: "", confirm: "" };
    let problem = "";
    if (!EMAIL_RE.test(address)) problem = "Enter a valid email address.";
    else if (!address.endsWith(`@${domain}`)) problem = `The address must belong to ${domain}.`;
    else if (loadState().domains.some((d) => d.addresses.some((a) => a.email === address)))
      problem = `${address} already exists.`;
    else if (fieldValue(password).length < 8) problem = "The password must be at least 8 characters long.";
    else if (fieldValue(password) !== fieldValue(confirm)) problem = "The passwords do not match.";
    if (problem) {
      showNewAddress(problem, current);
      return;
    }
    updateState((state) => {
      state.domains
        .find((d) => d.name === domain)
        .addresses.push({
          email: address,
          name: fieldValue(name).trim() || address.split("@")[0],
          type: "Internal",
        });
    });
    saved(`${address} saved`);
    showList();
  };
  body.replaceChildren(
    formPanel("New Address", {
      intro: `Create an address in ${domain}.`,
      error,
      rows: [
        formRow("Email Address", email, { required: true, hint: `For example siem-service@${domain}` }),
        formRow("Global Name", name),
        formRow("Password", password, { required: true }),
        formRow("Confirm Password", confirm, { required: true }),
      ],
      actions: [action("Save and Exit", submit, { primary: true }), action("Go Back", () => showList())],
    }),
  );
  email.focus();
}

function showNewDomain(error, value = "") {
  const name = input(value, { placeholder: "example.com" });
  const submit = () => {
    const domain = fieldValue(name).trim().toLowerCase();
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) {
      showNewDomain("Enter a valid domain name.", fieldValue(name));
      return;
    }
    if (loadState().domains.some((d) => d.name === domain)) {
      showNewDomain(`${domain} already exists.`, fieldValue(name));
      return;
    }
    updateState((state) => {
      state.domains.push({ name: domain, addresses: [] });
    });
    selected = domain;
    saved(`${domain} saved`);
    showList();
  };
  body.replaceChildren(
    formPanel("New Domain", {
      error,
      rows: [formRow("Domain Name", name, { required: true })],
      actions: [action("Save and Exit", submit, { primary: true }), action("Go Back", () => showList())],
    }),
  );
  name.focus();
}

showList();
