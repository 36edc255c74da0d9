// Shared by the simulated console's shell and its framed (legacy) pages. Plain browser JavaScript,
// loaded as an ES module; no framework, no build step, no external URLs.
//
// The simulated tenant lives in sessionStorage (one per tab and host), so what one page creates
// (a service user, a profile group, an authentication profile) shows up on the others.

const STATE_KEY = "mc-sandbox-state-v1";

/**
 * "classic" (login-us.mimecast.com: older labels), "ci" (login-za.mimecast.com: an Email Security
 * Cloud Integrated account, current labels plus Integrations › API 2.0 Applications) or "current"
 * (every other login host). `?gen=` overrides.
 */
export function generation() {
  const wanted = new URLSearchParams(location.search).get("gen");
  if (wanted === "classic" || wanted === "current" || wanted === "ci") return wanted;
  if (/^login-us\./.test(location.hostname)) return "classic";
  if (/^login-za\./.test(location.hostname)) return "ci";
  return "current";
}

/**
 * A console variant on top of the generation, from `?variant=` on the app URL (the shell passes it
 * on to its framed pages): "renamed" renames and moves a few controls the guide looks for, as a
 * console update would (the Integrations Hub's "Configure New" becomes "Connect" in the tile's
 * footer; the Applications page's "New Authentication Profile" becomes "Create profile" below the
 * list). Null without one: the console as usual.
 */
export function variant() {
  const wanted = new URLSearchParams(location.search).get("variant");
  return wanted === "renamed" ? wanted : null;
}

const REGIONS = {
  login: "Global",
  "login-eu": "Europe",
  "login-de": "Germany",
  "login-us": "United States",
  "login-usb": "United States (grid B)",
  "login-ca": "Canada",
  "login-za": "South Africa",
  "login-au": "Australia",
  "login-je": "Offshore",
};

export function regionName() {
  return REGIONS[location.hostname.split(".")[0]] ?? "Europe";
}

/** Appends children: nodes, strings (as text), arrays; skips null, undefined and false. */
export function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (typeof child === "string" || typeof child === "number") {
      parent.append(document.createTextNode(String(child)));
    } else parent.append(child);
  }
  return parent;
}

/**
 * Element builder. `class`, `text` and `on` (event handlers) are special; `true` sets an empty
 * attribute, `false`/null/undefined skip it; everything else becomes an attribute.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "on") {
      for (const [type, handler] of Object.entries(value)) el.addEventListener(type, handler);
    } else if (key === "class") {
      el.className = value;
    } else if (key === "text") {
      el.textContent = value;
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  return append(el, children);
}

let counter = 0;
/** Ids that are stable for a given sequence of actions (fixtures stay diffable). */
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** Runs `fn` after a simulated server round trip of `min`..`max` ms. */
export function later(fn, min = 300, max = 800) {
  const delay = min + Math.floor(Math.random() * (max - min + 1));
  return setTimeout(fn, delay);
}

/** Keyboard activation for elements that are not native buttons (role=tab, role=menuitem...). */
export function onActivate(el, handler) {
  el.addEventListener("click", handler);
  el.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      handler(event);
    }
  });
}

export function defaultState() {
  const corp = "sandbox-corp.example";
  return {
    version: 1,
    seed: null,
    randomCalls: 0,
    // What Account Settings has saved (ticking a box changes nothing until "Save").
    enhancedLogging: { inbound: false, outbound: false, internal: false },
    // API 2.0 Terms and Conditions are shown on first use, then remembered for the account.
    apiTermsAccepted: false,
    settings: {},
    apps: [
      {
        name: "Archive Export Connector",
        category: "Archiving",
        apiVersion: "1.0",
        developer: "IT Operations",
        created: "2023-03-14",
        status: "Enabled",
      },
      {
        name: "Service Desk Bridge",
        category: "Ticketing",
        apiVersion: "2.0",
        developer: "Service Desk",
        created: "2024-09-02",
        status: "Enabled",
      },
    ],
    domains: [
      {
        name: corp,
        addresses: [
          { email: `admin@${corp}`, name: "Sandbox Admin", type: "Internal" },
          { email: `jane.doe@${corp}`, name: "Jane Doe", type: "Internal" },
          { email: `john.smith@${corp}`, name: "John Smith", type: "Internal" },
          { email: `helpdesk@${corp}`, name: "Help Desk", type: "Internal" },
          { email: `noreply@${corp}`, name: "No Reply", type: "Internal" },
        ],
      },
      {
        name: "other.example",
        addresses: [
          { email: "ops@other.example", name: "Operations", type: "Internal" },
          { email: "finance@other.example", name: "Finance Team", type: "Internal" },
        ],
      },
    ],
    // `permissions`: application permission → "Read" / "Edit" granted (see PERMISSION_GROUPS).
    roles: [
      {
        name: "Basic Administrator",
        description: "View logs, reports and account settings",
        users: [`admin@${corp}`],
        permissions: { "Account Settings": ["Read"], "Message Tracking": ["Read"] },
      },
      {
        name: "Full Administrator",
        description: "Manage all services except roles",
        users: [],
        permissions: { "Account Settings": ["Read", "Edit"], "Gateway Policies": ["Read", "Edit"] },
      },
      {
        name: "Super Administrator",
        description: "Unrestricted access",
        users: [`admin@${corp}`],
        permissions: { "*": ["Read", "Edit"] },
      },
      {
        name: "Help Desk",
        description: "Release held messages and reset passwords",
        users: [`helpdesk@${corp}`],
        permissions: { "Held Messages": ["Read", "Edit"] },
      },
      {
        name: "Discovery Officer",
        description: "Search the archive for legal holds",
        users: [],
        permissions: { "Archive Search": ["Read"] },
      },
      {
        name: "Gateway Administrator",
        description: "Manage gateway policies",
        users: [],
        permissions: { "Gateway Policies": ["Read", "Edit"] },
      },
    ],
    groups: [
      { id: "g-root", name: "Root", parent: null, addresses: [], domains: [] },
      { id: "g-exec", name: "Executives", parent: "g-root", addresses: [`jane.doe@${corp}`], domains: [] },
      { id: "g-fin", name: "Finance", parent: "g-root", addresses: ["finance@other.example"], domains: [] },
      { id: "g-ldn", name: "London Office", parent: "g-exec", addresses: [], domains: [] },
      {
        id: "g-qr",
        name: "Quarantine Reviewers",
        parent: "g-root",
        addresses: [`helpdesk@${corp}`],
        domains: [],
      },
    ],
    authProfiles: [
      { description: "Default Authentication Profile", ttl: "8 Hours", type: "Cloud Authentication" },
      { description: "Mobile Devices", ttl: "30 Days", type: "Cloud Authentication" },
    ],
    appSettings: [
      {
        description: "Default Application Settings",
        group: "Root",
        profile: "Default Authentication Profile",
      },
    ],
  };
}

/**
 * Application Permissions of an admin role, as the role editor shows them: groups of permissions,
 * each with Read and (mostly) Edit. Only "Threat and Security Events (SIEM)" matters for SIEM; the
 * rest are there so a guide has to find the right "Read" box among many.
 */
export const PERMISSION_GROUPS = [
  {
    name: "Account",
    permissions: [
      { name: "Account Settings", rights: ["Read", "Edit"] },
      { name: "Admin Roles", rights: ["Read", "Edit"] },
      { name: "Audit Logs", rights: ["Read"] },
    ],
  },
  {
    name: "Message Management",
    permissions: [
      { name: "Message Tracking", rights: ["Read"] },
      { name: "Held Messages", rights: ["Read", "Edit"] },
      { name: "Archive Search", rights: ["Read"] },
    ],
  },
  {
    name: "Security Events and Data Retrieval",
    permissions: [
      { name: "Threat and Security Events (SIEM)", rights: ["Read", "Edit"] },
      { name: "Threat Intelligence", rights: ["Read"] },
      { name: "Security Reports", rights: ["Read"] },
    ],
  },
  {
    name: "Gateway",
    permissions: [
      { name: "Gateway Policies", rights: ["Read", "Edit"] },
      { name: "Connectors", rights: ["Read", "Edit"] },
    ],
  },
];

/** "Threat and Security Events (SIEM) | Read" style summary of a role's permissions. */
export function permissionSummary(role) {
  const entries = Object.entries(role.permissions ?? {});
  if (!entries.length) return "No application permissions";
  return entries.map(([name, rights]) => `${name === "*" ? "All" : name} | ${rights.join(", ")}`).join("; ");
}

export function loadState() {
  try {
    const raw = sessionStorage.getItem(STATE_KEY);
    if (raw) {
      const parsed = JSON.parse(raw);
      if (parsed && parsed.version === 1) return { ...defaultState(), ...parsed };
    }
  } catch {
    // unreadable state: start again
  }
  return defaultState();
}

export function saveState(state) {
  sessionStorage.setItem(STATE_KEY, JSON.stringify(state));
}

/** Loads, lets `change` mutate, saves, returns the new state. */
export function updateState(change) {
  const state = loadState();
  change(state);
  saveState(state);
  return state;
}

/** `?seed=N` on the shell URL makes generated keys and dates repeatable (for fixtures). */
export function applySeedFromUrl() {
  const seed = new URLSearchParams(location.search).get("seed");
  if (seed === null) return;
  updateState((state) => {
    if (state.seed !== Number(seed)) {
      state.seed = Number(seed) || 1;
      state.randomCalls = 0;
    }
  });
}

function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % 256;
  };
}

export function randomBytes(n) {
  const bytes = new Uint8Array(n);
  const state = loadState();
  if (state.seed === null) {
    crypto.getRandomValues(bytes);
    return bytes;
  }
  const next = seeded(state.seed * 7919 + state.randomCalls);
  for (let i = 0; i < n; i += 1) bytes[i] = next();
  updateState((s) => {
    s.randomCalls += 1;
  });
  return bytes;
}

export function randomUuid() {
  const b = randomBytes(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function randomBase64(n) {
  return btoa(String.fromCharCode(...randomBytes(n)));
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
export function randomAlnum(n) {
  return Array.from(randomBytes(n), (x) => ALNUM[x % ALNUM.length]).join("");
}

/** Today as YYYY-MM-DD, or a fixed day when seeded. */
export function today() {
  return loadState().seed === null ? new Date().toISOString().slice(0, 10) : "2025-06-02";
}

/** A small status message that disappears by itself. */
export function toast(text, className = "mc-toast") {
  for (const old of document.querySelectorAll(`.${className}`)) old.remove();
  const el = h("div", { class: className, role: "status", "aria-live": "polite" }, text);
  document.body.append(el);
  setTimeout(() => el.remove(), 2500);
  return el;
}

export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An Angular-Material-like busy indicator (the "XHR in flight" state). */
export function spinner(label = "Loading") {
  return h(
    "div",
    { class: "mc-spinner", role: "progressbar", "aria-label": label },
    h("span", { class: "mc-spinner-ring", "aria-hidden": "true" }),
  );
}
