// The simulated Administration Console shell: an AngularJS-like frame with a navbar, a breadcrumb
// and a hash router. Newer pages render here; older pages render in a same-origin iframe.
import {
  applySeedFromUrl,
  generation,
  h,
  later,
  loadState,
  regionName,
  spinner,
  variant,
} from "../common/sandbox.js";
import { renderApiIntegrations, renderIntegrationsHub } from "./api-integrations.js";
import { renderApi2Applications } from "./ci-applications.js";

const GEN = generation();
// `?variant=` stays in the URL's query across hash navigation and goes on to the framed pages.
const VARIANT = variant();
const params = new URLSearchParams(location.search);
const API1 = params.get("api1") !== "off";
applySeedFromUrl();
document.documentElement.dataset.generation = GEN;

/**
 * Pages, with their breadcrumb per generation (a generation without one does not have the page).
 * `legacy` pages load /administration/legacy/<legacy>.html in an iframe. The Cloud Integrated
 * console ("ci") shares the current labels but has Integrations › API 2.0 Applications instead of
 * API and Platform Integrations and the Integrations Hub.
 */
const ROUTES = {
  "administration-dashboard": {
    crumbs: {
      current: ["Dashboard"],
      ci: ["Dashboard"],
      classic: ["Administration", "Account", "Dashboard"],
    },
    view: renderDashboard,
  },
  "account-settings": {
    crumbs: {
      current: ["Account", "Account Settings"],
      ci: ["Account", "Account Settings"],
      classic: ["Administration", "Account", "Account Settings"],
    },
    legacy: "account-settings",
  },
  roles: {
    crumbs: {
      current: ["Account", "Admin Roles"],
      ci: ["Account", "Admin Roles"],
      classic: ["Administration", "Account", "Roles"],
    },
    legacy: "roles",
  },
  "api2-applications": {
    crumbs: { ci: ["Integrations", "API 2.0 Applications"] },
    view: (el) => renderApi2Applications(el),
  },
  "api-integrations": {
    crumbs: {
      current: ["Integrations", "API and Platform Integrations"],
      classic: ["Administration", "Services", "API and Platform Integrations"],
    },
    view: (el) => renderApiIntegrations(el, { gen: GEN, api1: API1, title: "API and Platform Integrations" }),
  },
  "integrations-hub": {
    crumbs: { current: ["Integrations", "Integrations Hub"] },
    view: (el) => renderIntegrationsHub(el, { gen: GEN, variant: VARIANT }),
  },
  "internal-directories": {
    crumbs: {
      current: ["Users & Groups", "Internal Directories"],
      ci: ["Users & Groups", "Internal Directories"],
      classic: ["Administration", "Directories", "Internal Directories"],
    },
    legacy: "internal-directories",
  },
  "profile-groups": {
    crumbs: {
      current: ["Users & Groups", "Profile Groups"],
      ci: ["Users & Groups", "Profile Groups"],
      classic: ["Administration", "Directories", "Profile Groups"],
    },
    legacy: "profile-groups",
  },
  applications: {
    crumbs: {
      current: ["Users & Groups", "Applications"],
      ci: ["Users & Groups", "Applications"],
      classic: ["Administration", "Services", "Applications"],
    },
    legacy: "applications",
  },
};

const item = (label, route) => ({ label, route });
const stub = (label) => ({
  label,
  route: `not-simulated/${label.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`,
});

/** Current generation: one navbar item per area. Classic: one "Administration" mega-menu. */
const MENUS = {
  current: [
    { label: "Dashboard", route: "administration-dashboard" },
    {
      label: "Account",
      items: [
        item("Account Settings", "account-settings"),
        item("Admin Roles", "roles"),
        stub("Support Center"),
      ],
    },
    {
      label: "Integrations",
      items: [
        item("API and Platform Integrations", "api-integrations"),
        item("Integrations Hub", "integrations-hub"),
      ],
    },
    {
      label: "Users & Groups",
      items: [
        item("Internal Directories", "internal-directories"),
        item("Profile Groups", "profile-groups"),
        item("Applications", "applications"),
        stub("Directory Synchronization"),
      ],
    },
    { label: "Reporting", items: [stub("Message Center"), stub("Threat Dashboard"), stub("Audit Logs")] },
  ],
  ci: [
    { label: "Dashboard", route: "administration-dashboard" },
    {
      label: "Account",
      items: [
        item("Account Settings", "account-settings"),
        item("Admin Roles", "roles"),
        stub("Support Center"),
      ],
    },
    { label: "Integrations", items: [item("API 2.0 Applications", "api2-applications")] },
    {
      label: "Users & Groups",
      items: [
        item("Internal Directories", "internal-directories"),
        item("Profile Groups", "profile-groups"),
        item("Applications", "applications"),
      ],
    },
    { label: "Reporting", items: [stub("Message Center"), stub("Audit Logs")] },
  ],
  classic: [
    {
      label: "Administration",
      sections: [
        {
          label: "Account",
          items: [
            item("Dashboard", "administration-dashboard"),
            item("Account Settings", "account-settings"),
            item("Roles", "roles"),
            stub("Support Center"),
          ],
        },
        {
          label: "Services",
          items: [
            item("API and Platform Integrations", "api-integrations"),
            item("Applications", "applications"),
            stub("Gateway"),
            stub("Journaling"),
          ],
        },
        {
          label: "Directories",
          items: [
            item("Internal Directories", "internal-directories"),
            item("Profile Groups", "profile-groups"),
            stub("Directory Synchronization"),
          ],
        },
        { label: "Monitoring", items: [stub("Message Tracking"), stub("Held Messages"), stub("Audit Logs")] },
      ],
    },
  ],
};

for (const top of MENUS[GEN]) {
  const items = top.sections ? top.sections.flatMap((s) => s.items) : (top.items ?? []);
  for (const it of items) {
    if (it.route.startsWith("not-simulated/")) {
      ROUTES[it.route] = {
        crumbs: { [GEN]: [top.label, it.label] },
        view: (el) => renderNotSimulated(el, it.label),
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Navbar

const navbar = document.querySelector(".mc-navbar");
let openMenu = null;

function closeMenu() {
  if (!openMenu) return;
  openMenu.menu.remove();
  openMenu.button.setAttribute("aria-expanded", "false");
  openMenu.button.classList.remove("mc-navbar-item--open");
  openMenu = null;
}

function menuItem(it) {
  return h(
    "a",
    {
      class: "mc-menu-item",
      role: "menuitem",
      href: `#/${it.route}`,
      tabindex: "-1",
      on: { click: closeMenu },
    },
    h("span", { "ng-bind": "::menuItem.label" }, it.label),
  );
}

function buildMenu(top, labelId) {
  if (top.sections) {
    return h(
      "div",
      { class: "mc-menu mc-mega-menu", role: "menu", "aria-labelledby": labelId },
      top.sections.map((section, i) => {
        const headId = `mc-menu-section-${i}`;
        return h(
          "div",
          { class: "mc-menu-section", role: "group", "aria-labelledby": headId },
          h(
            "div",
            { class: "mc-menu-section-title", id: headId, "ng-bind": "::section.label" },
            section.label,
          ),
          section.items.map(menuItem),
        );
      }),
    );
  }
  return h("div", { class: "mc-menu", role: "menu", "aria-labelledby": labelId }, top.items.map(menuItem));
}

function toggleMenu(top, button) {
  const wasOpen = openMenu?.button === button;
  closeMenu();
  if (wasOpen) return;
  // Rebuilt on every opening, as the real shell's ng-if does.
  const menu = buildMenu(top, button.id);
  button.parentElement.append(menu);
  button.setAttribute("aria-expanded", "true");
  button.classList.add("mc-navbar-item--open");
  openMenu = { button, menu };
  menu.addEventListener("keydown", (event) => {
    const items = Array.from(menu.querySelectorAll('[role="menuitem"]'));
    const at = items.indexOf(document.activeElement);
    if (event.key === "ArrowDown") items[(at + 1) % items.length]?.focus();
    else if (event.key === "ArrowUp") items[(at - 1 + items.length) % items.length]?.focus();
    else if (event.key === "Escape") {
      closeMenu();
      button.focus();
    } else return;
    event.preventDefault();
  });
}

function buildNavbar() {
  navbar.replaceChildren();
  MENUS[GEN].forEach((top, i) => {
    const id = `mc-navbar-item-${i}`;
    const label = h("span", { class: "mc-navbar-label", "ng-bind": "::navItem.label" }, top.label);
    if (top.route) {
      navbar.append(
        h(
          "div",
          { class: "mc-navbar-entry" },
          h("a", { class: "mc-navbar-item", id, href: `#/${top.route}`, "data-top": top.label }, label),
        ),
      );
      return;
    }
    const button = h(
      "button",
      {
        type: "button",
        class: "mc-navbar-item",
        id,
        "aria-haspopup": "menu",
        "aria-expanded": "false",
        "data-top": top.label,
      },
      label,
      h("span", { class: "mc-caret", "aria-hidden": "true" }),
    );
    button.addEventListener("click", (event) => {
      event.stopPropagation();
      toggleMenu(top, button);
    });
    button.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (openMenu?.button !== button) toggleMenu(top, button);
        openMenu?.menu.querySelector('[role="menuitem"]')?.focus();
      }
    });
    navbar.append(h("div", { class: "mc-navbar-entry" }, button));
  });
}

document.addEventListener("click", (event) => {
  if (openMenu && !openMenu.menu.contains(event.target)) closeMenu();
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") closeMenu();
});

// ---------------------------------------------------------------------------------------------
// Router

function currentRoute() {
  const hash = location.hash.replace(/^#\/?/, "").split("?")[0];
  return hash || "administration-dashboard";
}

function renderCrumbs(crumbs) {
  const bar = document.querySelector(".mc-crumbs");
  bar.replaceChildren(
    ...crumbs.map((text, i) =>
      h(
        "div",
        { class: i === crumbs.length - 1 ? "mc-crumb mc-crumb--current" : "mc-crumb" },
        h("span", { "ng-bind": "::crumb.label" }, text),
      ),
    ),
  );
}

function render() {
  closeMenu();
  const name = currentRoute();
  const route = ROUTES[name];
  const crumbs = route?.crumbs[GEN];
  if (!route || !crumbs) {
    location.replace("#/administration-dashboard");
    return;
  }
  renderCrumbs(crumbs);
  for (const el of navbar.querySelectorAll(".mc-navbar-item")) {
    el.classList.toggle("mc-navbar-item--active", el.dataset.top === crumbs[0]);
  }
  const title = crumbs[crumbs.length - 1];
  document.title = `${title} | Mimecast Administration Console`;
  const content = document.getElementById("mc-content");
  content.replaceChildren();
  content.className = route.legacy ? "mc-content mc-content--legacy" : "mc-content";
  if (route.legacy) {
    content.append(
      h(
        "div",
        { class: "mc-legacy-host", "ui-view": "legacy" },
        h("iframe", {
          class: "mc-legacy-frame",
          name: "legacy-frame",
          title,
          src: `/administration/legacy/${route.legacy}.html?gen=${GEN}${VARIANT ? `&variant=${VARIANT}` : ""}`,
        }),
      ),
    );
  } else {
    route.view(content);
  }
}

// ---------------------------------------------------------------------------------------------
// Dashboard and placeholder pages

function renderDashboard(content) {
  const region = regionName();
  const body = h("div", { class: "mc-dashboard-tiles", "aria-busy": "true" }, spinner());
  content.append(
    h(
      "mc-dashboard",
      { class: "mc-page", "_nghost-ng-c2210": "" },
      h(
        "header",
        { class: "mc-page-header" },
        h("h1", { class: "mc-page-title" }, "Dashboard"),
        h("p", { class: "mc-page-subtitle" }, `Sandbox Corp · ${region} data centre`),
      ),
      body,
    ),
  );
  later(() => {
    const state = loadState();
    const logging = state.enhancedLogging;
    const loggingOn = [
      logging.inbound && "Inbound",
      logging.outbound && "Outbound",
      logging.internal && "Internal",
    ]
      .filter(Boolean)
      .join(", ");
    body.removeAttribute("aria-busy");
    body.replaceChildren(
      tile("Messages processed (24 hours)", "12,481", "Inbound 8,902 · Outbound 3,579"),
      tile("Rejected messages (24 hours)", "1,204", "Spam 1,021 · Virus 14 · Policy 169"),
      tile("Held messages", "37", "Awaiting administrator review"),
      tile("Service status", "Operational", "All services are running normally"),
      tile("Logging for SIEM", loggingOn ? "On" : "Off", loggingOn || "No log types selected"),
      tile("API applications", String(state.apps.length), "Registered integrations"),
    );
  });
}

function tile(title, value, detail) {
  return h(
    "section",
    { class: "mc-tile" },
    h("div", { class: "mc-tile-title" }, title),
    h("div", { class: "mc-tile-value" }, value),
    h("div", { class: "mc-tile-detail" }, detail),
  );
}

function renderNotSimulated(content, label) {
  content.append(
    h(
      "div",
      { class: "mc-page" },
      h("header", { class: "mc-page-header" }, h("h1", { class: "mc-page-title" }, label)),
      h("p", { class: "mc-empty" }, "This page is not part of the simulated console."),
    ),
  );
}

// ---------------------------------------------------------------------------------------------

const user = sessionStorage.getItem("mc-sandbox-user");
if (user) document.getElementById("mc-user").textContent = user;
document.getElementById("mc-logout").addEventListener("click", () => {
  location.href = "/u/login/?gta=administration#/login";
});

buildNavbar();
window.addEventListener("hashchange", render);
render();
