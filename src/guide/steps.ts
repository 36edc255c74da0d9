import type { Step, TargetSpec } from "./types";

const t = (
  role: TargetSpec["role"],
  name: string | string[],
  describe: string,
  extra: Partial<TargetSpec> = {},
): TargetSpec => ({
  role,
  name: typeof name === "string" ? [name] : name,
  describe,
  ...extra,
});

const saveAndExit = (within: string) =>
  t("button", "Save and Exit", "the “Save and Exit” button", { within });

export const STEPS: readonly Step[] = [
  {
    id: "region",
    paths: ["api1", "api2"],
    title: "Sign in and note your region",
    why: "Mimecast keeps each account in one region; API calls must go to that region's host.",
    instructions: [
      "Sign in to the Mimecast Administration Console with an administrator account.",
      "The address shows your region: login-eu is Europe, login-de Germany, login-us the USA, and so on.",
      "The extension's popup also detects the region from the service user's address.",
    ],
    menuPath: { classic: ["Administration"], current: ["Dashboard"] },
    page: "dashboard",
    targets: [],
    // Informational: completing it on sight would replace it before it could be read.
    completion: { kind: "manual" },
  },
  {
    id: "enhanced-logging",
    paths: ["api1", "api2"],
    title: "Enable Enhanced Logging",
    why: "Without Enhanced Logging, Mimecast keeps no SIEM logs for the collector to read.",
    instructions: [
      "Open the “Enhanced Logging” section of Account Settings.",
      "Tick every log type: Inbound, Outbound and Internal.",
      "Changes are saved as you tick them.",
    ],
    menuPath: {
      classic: ["Administration", "Account", "Account Settings"],
      current: ["Account", "Account Settings"],
    },
    page: "account-settings",
    targets: [
      t("checkbox", "Inbound", "the “Inbound” log type box", { within: "Enhanced Logging" }),
      t("button", "Enhanced Logging", "the “Enhanced Logging” section"),
    ],
    completion: {
      kind: "checked",
      targets: [
        t("checkbox", "Inbound", "Inbound", { within: "Enhanced Logging" }),
        t("checkbox", "Outbound", "Outbound", { within: "Enhanced Logging" }),
        t("checkbox", "Internal", "Internal", { within: "Enhanced Logging" }),
      ],
    },
  },
  {
    id: "api1-add-application",
    paths: ["api1"],
    title: "Add an API 1.0 application",
    why: "The collector identifies itself to Mimecast with the application's ID and key.",
    instructions: [
      "Open the “Your Application Integrations” tab (older consoles: “Available Integrations”, then the “Mimecast API 1.0” card).",
      "Click “Add API Application”.",
    ],
    menuPath: {
      classic: ["Administration", "Services", "API and Platform Integrations"],
      current: ["Integrations", "API and Platform Integrations"],
    },
    page: "api-integrations",
    targets: [
      t("button", "Add API Application", "the “Add API Application” button"),
      t("tab", "Your Application Integrations", "the “Your Application Integrations” tab"),
    ],
    completion: { kind: "clicked", target: t("button", "Add API Application", "Add API Application") },
  },
  {
    id: "api1-app-details",
    paths: ["api1"],
    title: "Describe the application",
    why: "An extended session keeps the keys valid for the collector's long-running connection.",
    instructions: [
      "Application Name: for example “SIEM Integration”.",
      "Category: “SIEM Integration”.",
      "Tick “Enable Extended Session”.",
      "Description: who uses it, e.g. your MDR provider. Then Next.",
    ],
    menuPath: {
      classic: ["Administration", "Services", "API and Platform Integrations", "Add API Application"],
      current: ["Integrations", "API and Platform Integrations", "Add API Application"],
    },
    page: "api1-wizard",
    targets: [t("checkbox", "Enable Extended Session", "the “Enable Extended Session” box")],
    completion: {
      kind: "checked",
      targets: [t("checkbox", "Enable Extended Session", "Enable Extended Session")],
    },
  },
  {
    id: "api1-app-add",
    paths: ["api1"],
    title: "Add the application",
    why: "Mimecast emails notices about the application to the developer address.",
    instructions: [
      "Notification Settings: Developer (your name) and Email (a monitored address). Next.",
      "Review Information: check the summary, then click “Add”.",
    ],
    menuPath: {
      classic: ["Administration", "Services", "API and Platform Integrations", "Add API Application"],
      current: ["Integrations", "API and Platform Integrations", "Add API Application"],
    },
    page: "api1-wizard",
    targets: [
      t("button", "Add", "the “Add” button", { within: "Review Information" }),
      t("textbox", "Email", "the “Email” box", { within: "Notification Settings" }),
      t("button", "Next", "the “Next” button"),
    ],
    completion: { kind: "clicked", target: t("button", "Add", "Add", { within: "Review Information" }) },
  },
  {
    id: "api1-app-keys",
    paths: ["api1"],
    title: "Copy the Application ID and Application Key",
    why: "The popup needs the Application ID to generate keys; the collector needs both.",
    instructions: [
      "Copy the Application ID and the Application Key to a safe place.",
      "A new application can take up to 30 minutes before Mimecast accepts it for key generation.",
    ],
    menuPath: {
      classic: [
        "Administration",
        "Services",
        "API and Platform Integrations",
        "Your Application Integrations",
      ],
      current: ["Integrations", "API and Platform Integrations", "Your Application Integrations"],
    },
    page: "api1-created",
    targets: [t("text", "Application ID", "the Application ID")],
    completion: { kind: "manual" },
  },
  {
    id: "service-user",
    paths: ["api1"],
    title: "Create the service user",
    why: "Keys belong to a user; a dedicated service user keeps them independent of any person.",
    instructions: [
      "Select your domain in the folder list.",
      "Click “New Address”, enter the address (e.g. siem-service@yourdomain) and a strong password.",
      "Click “Save and Exit”.",
    ],
    menuPath: {
      classic: ["Administration", "Directories", "Internal Directories"],
      current: ["Users & Groups", "Internal Directories"],
    },
    page: "internal-directories",
    targets: [saveAndExit("New Address"), t("button", "New Address", "the “New Address” button")],
    completion: { kind: "clicked", target: saveAndExit("New Address") },
  },
  {
    id: "role",
    paths: ["api1"],
    title: "Give the service user the Basic Administrator role",
    why: "The API only returns SIEM logs to users with an administrator role.",
    instructions: [
      "Right-click “Basic Administrator” and choose “Add users to role”.",
      "Find the service user, tick it and click “Add Selected Users”.",
    ],
    menuPath: { classic: ["Administration", "Account", "Roles"], current: ["Account", "Admin Roles"] },
    page: "roles",
    targets: [
      t("button", "Add Selected Users", "the “Add Selected Users” button"),
      t("menuitem", "Add users to role", "the “Add users to role” menu item"),
      t("row", "Basic Administrator", "the “Basic Administrator” row"),
    ],
    completion: { kind: "clicked", target: t("button", "Add Selected Users", "Add Selected Users") },
  },
  {
    id: "profile-group",
    paths: ["api1"],
    title: "Put the service user in a profile group",
    why: "The application setting applies to a group; this group holds only the service user.",
    instructions: [
      "Click “+” next to Root: a “New Folder” appears. Rename it (e.g. “SIEM Integration”) in the “Edit group” box.",
      "Open “Build” and choose “Add Email Addresses”.",
      "Enter the service user's address and click “Save and Exit”.",
    ],
    menuPath: {
      classic: ["Administration", "Directories", "Profile Groups"],
      current: ["Users & Groups", "Profile Groups"],
    },
    page: "profile-groups",
    targets: [
      saveAndExit("Add Email Addresses"),
      t("menuitem", "Add Email Addresses", "“Add Email Addresses” in the Build menu"),
      // "Build" stays visible next to the "Edit group" box: once it is there the next move is Build.
      t("button", "Build", "the “Build” menu"),
      t("textbox", "Group Name", "the group name box", { within: "Edit group" }),
      t("button", "+", "the “+” next to Root", { near: "Root" }),
    ],
    completion: { kind: "clicked", target: saveAndExit("Add Email Addresses") },
  },
  {
    id: "auth-profile",
    paths: ["api1"],
    title: "Create an authentication profile that never expires",
    why: "Keys expire with the profile's Authentication TTL; a collector needs keys that never expire.",
    instructions: [
      "Open the “Authentication Profiles” tab and click “New Authentication Profile”.",
      "Description: e.g. “SIEM Integration”.",
      "Authentication TTL: “Never Expires”.",
      "Click “Save and Exit”.",
    ],
    menuPath: {
      classic: ["Administration", "Services", "Applications"],
      current: ["Users & Groups", "Applications"],
    },
    page: "applications",
    targets: [
      t("combobox", "Authentication TTL", "the “Authentication TTL” list"),
      t("button", "New Authentication Profile", "the “New Authentication Profile” button"),
      t("tab", "Authentication Profiles", "the “Authentication Profiles” tab"),
    ],
    completion: {
      kind: "selected",
      target: t("combobox", "Authentication TTL", "Authentication TTL"),
      value: "Never Expires",
    },
  },
  {
    id: "app-setting",
    paths: ["api1"],
    title: "Bind group and profile with an application setting",
    why: "The setting tells Mimecast which authentication profile applies to the service user's group.",
    instructions: [
      "On the “Application Settings” tab click “New Application Settings” (the reference guide wrongly says “New Authentication Profile” here).",
      "Description: e.g. “SIEM Integration”.",
      "Group: use “Group Lookup” to pick the profile group you made.",
      "Authentication Profile: use “Authentication Profile Lookup” to pick the profile you made.",
      "Click “Save and Exit”. If saving fails, contact Mimecast support.",
    ],
    menuPath: {
      classic: ["Administration", "Services", "Applications"],
      current: ["Users & Groups", "Applications"],
    },
    page: "applications",
    // Both lookups are visible at once: point at the first; the instructions name the second.
    targets: [
      t("button", "Group Lookup", "the “Group Lookup” button"),
      t("button", "New Application Settings", "the “New Application Settings” button"),
      t("tab", "Application Settings", "the “Application Settings” tab"),
    ],
    completion: { kind: "clicked", target: saveAndExit("Application Settings") },
  },
  {
    id: "api2-new-application",
    paths: ["api2"],
    title: "Start an API 2.0 application",
    why: "Since 2025 new integrations use API 2.0 credentials (a client ID and secret).",
    instructions: [
      "On “Available Integrations” (or the Integrations Hub) find the “Mimecast API 2.0” tile.",
      "Click “Generate Keys” (or “Configure New”).",
    ],
    menuPath: {
      classic: ["Administration", "Services", "API and Platform Integrations"],
      current: ["Integrations", "Integrations Hub"],
    },
    page: "api-integrations",
    targets: [
      t("button", ["Generate Keys", "Configure New"], "the “Generate Keys” button", {
        within: "Mimecast API 2.0",
      }),
      t("tab", "Available Integrations", "the “Available Integrations” tab"),
    ],
    completion: {
      kind: "clicked",
      target: t("button", ["Generate Keys", "Configure New"], "Generate Keys", {
        within: "Mimecast API 2.0",
      }),
    },
  },
  {
    id: "api2-details",
    paths: ["api2"],
    title: "Describe the API 2.0 application",
    why: "The application role decides what the credentials may read: SIEM needs read access to security events.",
    instructions: [
      "Accept the terms.",
      "Application Name and Category (“SIEM Integration”).",
      "Products: “Select all” (or at least the SIEM products).",
      "Application Role: one that has “Threat and Security Events (SIEM) | Read”.",
      "Description, Notifications, then “Add and Generate Keys”.",
    ],
    menuPath: {
      classic: ["Administration", "Services", "API and Platform Integrations", "Mimecast API 2.0"],
      current: ["Integrations", "Integrations Hub", "Mimecast API 2.0"],
    },
    page: "api2-wizard",
    targets: [
      t("button", "Add and Generate Keys", "the “Add and Generate Keys” button"),
      t("textbox", "Email", "the notification “Email” box", { within: "Notifications" }),
      t("combobox", "Application Role", "the “Application Role” list"),
      t("checkbox", "I accept", "the terms box"),
    ],
    completion: {
      kind: "clicked",
      target: t("button", "Add and Generate Keys", "Add and Generate Keys"),
    },
  },
  {
    id: "api2-credentials",
    paths: ["api2"],
    title: "Copy the Client ID and Client Secret",
    why: "The client secret is shown only once; without it you must generate new credentials.",
    instructions: [
      "Copy the Client ID and the Client Secret now: the secret is shown only once.",
      "Then verify them in the extension's popup.",
    ],
    menuPath: {
      classic: ["Administration", "Services", "API and Platform Integrations"],
      current: ["Integrations", "Integrations Hub"],
    },
    page: "api2-created",
    targets: [t("text", "Client Secret", "the Client Secret")],
    completion: { kind: "manual" },
  },
  {
    id: "generate-keys",
    paths: ["api1"],
    title: "Generate the Access key and Secret key",
    why: "The collector signs every API 1.0 call with these keys.",
    instructions: [
      "Click the extension's toolbar icon.",
      "Enter the service user's address and password and the Application ID, then “Generate keys”.",
      "Copy the Access key and Secret key.",
    ],
    menuPath: { classic: ["Extension popup"], current: ["Extension popup"] },
    page: "popup",
    targets: [],
    completion: { kind: "keys-generated" },
  },
  {
    id: "verify",
    paths: ["api1", "api2"],
    title: "Verify and hand over",
    why: "A working check now saves days of waiting for logs that never arrive.",
    instructions: [
      "In the extension's popup, verify the credentials can read SIEM logs.",
      "Hand the values to your SIEM provider through a secure channel.",
    ],
    menuPath: { classic: ["Extension popup"], current: ["Extension popup"] },
    page: "popup",
    targets: [],
    completion: { kind: "manual" },
  },
];
