import type { PageSpec } from "./types";

/**
 * Console pages of the setup, in both console generations. Older pages are rendered inside an
 * iframe of the shell: the shell's frame sees the URL and breadcrumb, the inner frame the headings
 * and controls; each frame scores what it sees and the best score wins.
 */
export const PAGES: readonly PageSpec[] = [
  {
    id: "dashboard",
    name: "Administration dashboard",
    urlHints: ["administration-dashboard"],
    headings: ["Dashboard", "Administration Dashboard"],
    breadcrumbs: ["Dashboard"],
    tabs: [],
    controls: [],
  },
  {
    id: "account-settings",
    name: "Account › Account Settings",
    urlHints: ["account-settings", "accountsettings"],
    headings: ["Account Settings", "Enhanced Logging"],
    breadcrumbs: ["Account Settings"],
    tabs: [],
    controls: ["Enhanced Logging", "Directory Options", "Password Complexity and Expiration"],
  },
  {
    id: "api-integrations",
    name: "Services › API and Platform Integrations",
    urlHints: ["api-integrations", "api-and-platform-integrations", "integrations-hub"],
    headings: ["API and Platform Integrations", "Integrations Hub"],
    breadcrumbs: ["API and Platform Integrations", "Integrations Hub"],
    tabs: ["Your Application Integrations", "Available Integrations"],
    controls: ["Mimecast API 2.0", "Mimecast API 1.0", "Add API Application"],
    absent: [
      "Application Details",
      "Notification Settings",
      "Review Information",
      "Application ID",
      "Terms and Conditions",
      "Client Secret",
    ],
  },
  {
    id: "api1-wizard",
    name: "Add API Application (API 1.0)",
    urlHints: ["api-integrations"],
    headings: ["Add API Application", "Application Details"],
    breadcrumbs: [],
    tabs: [],
    controls: ["Enable Extended Session", "Notification Settings", "Review Information"],
    absent: ["Application Key"],
  },
  {
    id: "api1-created",
    name: "API application added (API 1.0)",
    urlHints: ["api-integrations"],
    headings: ["Application Added", "Application Keys"],
    breadcrumbs: [],
    tabs: [],
    controls: ["Application ID", "Application Key"],
  },
  {
    id: "api2-wizard",
    name: "Mimecast API 2.0 application",
    urlHints: ["api-integrations", "integrations-hub"],
    headings: ["Mimecast API 2.0", "Application Details"],
    breadcrumbs: [],
    tabs: [],
    controls: ["I accept", "Application Role", "Products", "Add and Generate Keys"],
    absent: ["Client Secret"],
  },
  {
    id: "api2-created",
    name: "API 2.0 credentials",
    urlHints: ["api-integrations", "integrations-hub"],
    headings: ["API 2.0 Credentials", "Your API 2.0 credentials"],
    breadcrumbs: [],
    tabs: [],
    controls: ["Client ID", "Client Secret"],
  },
  {
    id: "internal-directories",
    name: "Directories › Internal Directories",
    urlHints: ["internal-directories", "internaldirectories"],
    headings: ["Internal Directories"],
    breadcrumbs: ["Internal Directories"],
    tabs: [],
    controls: ["New Address", "New Domain"],
  },
  {
    id: "roles",
    name: "Account › Roles",
    urlHints: ["roles"],
    headings: ["Roles", "Admin Roles"],
    breadcrumbs: ["Roles", "Admin Roles"],
    tabs: [],
    controls: ["Basic Administrator", "New Role"],
  },
  {
    id: "profile-groups",
    name: "Directories › Profile Groups",
    urlHints: ["profile-groups", "profilegroups"],
    headings: ["Profile Groups"],
    breadcrumbs: ["Profile Groups"],
    tabs: [],
    controls: ["Root", "Build"],
  },
  {
    id: "applications",
    name: "Services › Applications",
    urlHints: ["applications"],
    headings: ["Applications"],
    breadcrumbs: ["Applications"],
    tabs: ["Application Settings", "Authentication Profiles"],
    controls: ["New Application Settings", "New Authentication Profile"],
  },
];

/** Pages on which the guide never speaks up (sign-in). Detected so the overlay stays away. */
export const QUIET_URL_HINTS: readonly string[] = ["/u/login", "#/login"];
