import {
  ACCOUNT,
  API1_WIZARD,
  API2_WIZARD,
  APPLICATIONS,
  DIRECTORIES,
  INTEGRATIONS,
  PROFILE_GROUPS,
  ROLES,
  SAVE_AND_EXIT,
} from "./labels";
import type { Step, TargetSpec } from "./types";

const t = (
  role: TargetSpec["role"],
  name: string | readonly string[],
  describe: string,
  extra: Partial<TargetSpec> = {},
): TargetSpec => ({
  role,
  name: typeof name === "string" ? [name] : [...name],
  describe,
  ...extra,
});

const saveAndExit = (within: string) => t("button", SAVE_AND_EXIT, "the “Save and Exit” button", { within });

// A target and the completion that watches it share one constant: rename once, fix both.
const LOG_BOXES = ACCOUNT.logTypes.map((type) =>
  t("checkbox", type, `the “${type}” log type box`, { within: ACCOUNT.enhancedLogging }),
);
const ACCOUNT_SAVE = t("button", ACCOUNT.save, "the “Save” button of Account Settings");
const ADD_API_APPLICATION = t("button", INTEGRATIONS.addApiApplication, "the “Add API Application” button");
const EXTENDED_SESSION = t("checkbox", API1_WIZARD.extendedSession, "the “Enable Extended Session” box");
const API1_ADD = t("button", API1_WIZARD.add, "the “Add” button", { within: API1_WIZARD.review });
const ADD_SELECTED_USERS = t("button", ROLES.addSelectedUsers, "the “Add Selected Users” button");
const TTL = t("combobox", APPLICATIONS.ttl, "the “Authentication TTL” list");
const SIEM_READ = t("checkbox", ROLES.read, "the “Read” box of “Threat and Security Events (SIEM)”", {
  within: ROLES.siemPermission,
});
const ROLE_SAVE = t("button", ROLES.save, "the “Save and Exit” (or “Save”) button of the role");
const API2_START = t(
  "button",
  INTEGRATIONS.api2Start,
  "the “Configure New” button of the Mimecast API 2.0 tile",
  {
    within: [INTEGRATIONS.api2Tile, INTEGRATIONS.ciList],
  },
);
const API2_FINISH = t("button", API2_WIZARD.finish, "the “Add and Generate Keys” button");

/** What "Fill suggested values" writes into empty text fields: names the guide's instructions suggest. */
const SIEM = "SIEM Integration";
const WHO = "SIEM log collection by our MDR/SIEM provider";
const field = (name: string, within?: string | readonly string[]): TargetSpec =>
  t("textbox", name, `the “${name}” box`, within ? { within } : {});

export const STEPS: readonly Step[] = [
  {
    id: "region",
    paths: ["api1", "api2"],
    title: "Sign in and note your region",
    why: "Mimecast keeps each account in one region; API calls must go to that region's host.",
    instructions: [
      "Sign in to the Mimecast Administration Console with an administrator account.",
      "API 1.0: the address shows your region (login-eu is Europe, login-de Germany, login-us the USA…); the popup also detects it from the service user's address.",
      "API 2.0: the Global host (api.services.mimecast.com) works for every region and fails over between them; use the UK or US host only if you need data residency.",
    ],
    menuPath: { classic: ["Administration"], current: ["Dashboard"] },
    page: "dashboard",
    targets: [],
    // Informational: completing it on sight would replace it before it could be read.
    completion: { kind: "manual" },
    sources: ["ref-guide", "mc-kb-41019270938643"],
  },
  {
    id: "enhanced-logging",
    paths: ["api1", "api2"],
    title: "Enable Enhanced Logging",
    why: "Without Enhanced Logging, Mimecast keeps no SIEM logs for the collector to read.",
    instructions: [
      "Open the “Enhanced Logging” section of Account Settings.",
      "Tick every log type: Inbound, Outbound and Internal.",
      "Click “Save” to apply the change: ticking alone does not switch logging on.",
    ],
    menuPath: {
      classic: ["Administration", "Account", "Account Settings"],
      current: ["Account", "Account Settings"],
    },
    page: "account-settings",
    targets: [...LOG_BOXES, t("button", ACCOUNT.enhancedLogging, "the “Enhanced Logging” section")],
    completion: { kind: "checked", targets: LOG_BOXES, save: ACCOUNT_SAVE },
    sources: ["mc-siem-logs", "ref-guide"],
  },
  {
    id: "api2-role",
    paths: ["api2"],
    title: "Create a role for the API 2.0 application",
    why: "API 2.0 credentials can do only what their application role allows; reading SIEM logs needs the SIEM read permission.",
    instructions: [
      "Click “New Role”; Role Name: e.g. “SIEM Integration API”.",
      "Under “Application Permissions” open “Security Events and Data Retrieval”.",
      "Tick “Read” for “Threat and Security Events (SIEM)” and nothing else.",
      "Click “Save and Exit” (or “Save”). The API 2.0 application uses this role as its Application Role.",
    ],
    menuPath: { classic: ["Administration", "Account", "Roles"], current: ["Account", "Admin Roles"] },
    page: "roles",
    alsoOn: ["role-editor"],
    targets: [
      SIEM_READ,
      t(["treeitem", "button"], ROLES.securityEventsGroup, "the “Security Events and Data Retrieval” group"),
      t(["tab", "button"], ROLES.applicationPermissions, "the “Application Permissions” section"),
      t("button", ROLES.newRole, "the “New Role” button"),
    ],
    completion: { kind: "checked", targets: [SIEM_READ], save: ROLE_SAVE },
    suggest: [{ field: field(ROLES.roleName), value: "SIEM Integration API" }],
    sources: ["mc-kb-34000360548755", "sekoia-mimecast", "synqly-mimecast"],
  },
  {
    id: "api1-add-application",
    paths: ["api1"],
    title: "Add an API 1.0 application",
    why: "The collector identifies itself to Mimecast with the application's ID and key.",
    instructions: [
      "Open the “Your Application Integrations” tab (older consoles: “Available Integrations”, then the “Mimecast API 1.0” card).",
      "Click “Add API Application”.",
      "Since mid-2025 Mimecast no longer offers new API 1.0 applications: without this button, use the API 2.0 path.",
    ],
    menuPath: {
      classic: ["Administration", "Services", "API and Platform Integrations"],
      current: ["Integrations", "API and Platform Integrations"],
    },
    page: "api-integrations",
    targets: [
      ADD_API_APPLICATION,
      t("tab", INTEGRATIONS.yourApplications, "the “Your Application Integrations” tab"),
    ],
    completion: { kind: "clicked", target: ADD_API_APPLICATION },
    sources: ["ref-guide", "mc-kb-39704312201235"],
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
    // Not state-aware on purpose: the box is the step's whole point, so a ticked box is done, not skipped.
    targets: [EXTENDED_SESSION],
    completion: { kind: "checked", targets: [EXTENDED_SESSION] },
    suggest: [
      { field: field(API1_WIZARD.appName), value: SIEM },
      { field: field(API1_WIZARD.description), value: WHO },
    ],
    sources: ["ref-guide"],
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
      API1_ADD,
      t("textbox", API1_WIZARD.email, "the “Email” box", { within: API1_WIZARD.notificationSettings }),
      t("button", API1_WIZARD.next, "the “Next” button"),
    ],
    completion: { kind: "clicked", target: API1_ADD },
    sources: ["ref-guide"],
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
    targets: [t("text", API1_WIZARD.appId, "the Application ID")],
    completion: { kind: "manual" },
    sources: ["ref-guide"],
  },
  {
    id: "service-user",
    paths: ["api1"],
    title: "Create the service user",
    why: "Keys belong to a user; a dedicated service user keeps them independent of any person.",
    instructions: [
      "Select your domain in the folder list.",
      "Click “New Address”, enter the address (e.g. siem-service@yourdomain) and a strong password.",
      "Click “Save and Exit”. Changing this password later revokes the keys made with it.",
    ],
    menuPath: {
      classic: ["Administration", "Directories", "Internal Directories"],
      current: ["Users & Groups", "Internal Directories"],
    },
    page: "internal-directories",
    targets: [
      saveAndExit(DIRECTORIES.newAddress),
      t("button", DIRECTORIES.newAddress, "the “New Address” button"),
    ],
    completion: { kind: "clicked", target: saveAndExit(DIRECTORIES.newAddress) },
    sources: ["ref-guide", "mc-kb-34000404624275"],
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
      ADD_SELECTED_USERS,
      t("menuitem", ROLES.addUsersToRole, "the “Add users to role” menu item"),
      t("row", ROLES.basicAdministrator, "the “Basic Administrator” row"),
    ],
    completion: { kind: "clicked", target: ADD_SELECTED_USERS },
    sources: ["ref-guide"],
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
      saveAndExit(PROFILE_GROUPS.addEmailAddresses),
      t("menuitem", PROFILE_GROUPS.addEmailAddresses, "“Add Email Addresses” in the Build menu"),
      // "Build" stays visible next to the "Edit group" box: once it is there the next move is Build.
      t("button", PROFILE_GROUPS.build, "the “Build” menu"),
      t("textbox", PROFILE_GROUPS.groupName, "the group name box", { within: PROFILE_GROUPS.editGroup }),
      t("button", PROFILE_GROUPS.add, "the “+” next to Root", { near: PROFILE_GROUPS.root }),
    ],
    completion: { kind: "clicked", target: saveAndExit(PROFILE_GROUPS.addEmailAddresses) },
    sources: ["ref-guide", "mc-kb-34000805843219"],
  },
  {
    id: "auth-profile",
    paths: ["api1"],
    title: "Create an authentication profile that never expires",
    why: "Keys expire with the profile's Authentication TTL; a collector needs keys that never expire.",
    instructions: [
      "Open “Authentication Profiles” (a tab or a button) and click “New Authentication Profile”.",
      "Description: e.g. “SIEM Integration”.",
      "Authentication TTL (or “Authentication Cache TTL”): “Never Expires”.",
      "Click “Save and Exit”.",
    ],
    menuPath: {
      classic: ["Administration", "Services", "Applications"],
      current: ["Users & Groups", "Applications"],
    },
    page: "applications",
    targets: [
      TTL,
      t("button", APPLICATIONS.newAuthProfile, "the “New Authentication Profile” button"),
      t(["tab", "button"], APPLICATIONS.authProfiles, "the “Authentication Profiles” tab or button"),
    ],
    completion: { kind: "selected", target: TTL, value: APPLICATIONS.neverExpires },
    suggest: [{ field: field(APPLICATIONS.description), value: SIEM }],
    sources: ["ref-guide", "mc-kb-34000804127251"],
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
      t("button", APPLICATIONS.groupLookup, "the “Group Lookup” button"),
      t("button", APPLICATIONS.newAppSettings, "the “New Application Settings” button"),
      t("tab", APPLICATIONS.appSettings, "the “Application Settings” tab"),
      // Consoles where Authentication Profiles is a button: its list is left with "Go Back".
      t("button", APPLICATIONS.goBack, "the “Go Back” button"),
    ],
    completion: { kind: "clicked", target: saveAndExit(APPLICATIONS.appSettings) },
    suggest: [{ field: field(APPLICATIONS.description), value: SIEM }],
    sources: ["ref-guide", "mc-kb-49183608140947", "console-automation"],
  },
  {
    id: "api2-new-application",
    paths: ["api2"],
    title: "Start an API 2.0 application",
    why: "Since 2025 new integrations use API 2.0 credentials (a client ID and secret).",
    instructions: [
      "Integrations Hub: find the “Mimecast API 2.0” tile and click “Configure New”.",
      "Older consoles: API and Platform Integrations, “Available Integrations”, tile “Mimecast API 2.0”, “Generate Keys”.",
      "Cloud Integrated accounts: Integrations › API 2.0 Applications › “New Application”.",
    ],
    menuPath: {
      classic: ["Administration", "Services", "API and Platform Integrations"],
      current: ["Integrations", "Integrations Hub"],
    },
    page: "api-integrations",
    targets: [API2_START, t("tab", INTEGRATIONS.availableIntegrations, "the “Available Integrations” tab")],
    completion: { kind: "clicked", target: API2_START },
    sources: ["mc-kb-34000360548755", "mc-kb-39167758633107", "mc-kb-34000388238867"],
  },
  {
    id: "api2-details",
    paths: ["api2"],
    title: "Describe the API 2.0 application",
    why: "The application's products and role decide what the credentials may read; neither products nor name can be changed later.",
    instructions: [
      "If asked, accept the API Terms and Conditions (“I accept”).",
      "Application Name (e.g. “SIEM Integration”; fixed once saved) and, on older consoles, Category.",
      "Products: at least the SIEM product (“Select all” is simplest). Products cannot be changed after saving.",
      "Application Role: the role you created with “Threat and Security Events (SIEM) | Read”.",
      "Notification Settings: a technical contact and Email; then “Add and Generate Keys” (or “Add”, or “Save & Generate Keys”).",
    ],
    menuPath: {
      classic: ["Administration", "Services", "API and Platform Integrations", "Mimecast API 2.0"],
      current: ["Integrations", "Integrations Hub", "Mimecast API 2.0"],
    },
    page: "api2-wizard",
    targets: [
      API2_FINISH,
      t("textbox", API2_WIZARD.email, "the notification “Email” box", { within: API2_WIZARD.notifications }),
      t("combobox", API2_WIZARD.role, "the “Application Role” list"),
      // Tick the box first; once it is ticked the accept button is the next move.
      t("checkbox", API2_WIZARD.termsBox, "the “I accept” box of the terms"),
      t("button", API2_WIZARD.termsButton, "the “Accept” button of the terms", { within: API2_WIZARD.terms }),
    ],
    completion: { kind: "clicked", target: API2_FINISH },
    suggest: [
      { field: field(API2_WIZARD.appName), value: SIEM },
      { field: field(API2_WIZARD.description), value: WHO },
    ],
    sources: ["mc-kb-34000360548755", "mc-kb-34000388238867"],
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
    targets: [t("text", API2_WIZARD.clientSecret, "the Client Secret")],
    completion: { kind: "manual" },
    sources: ["mc-kb-34000360548755", "mc-kb-34000388238867"],
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
    sources: ["ref-guide"],
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
    sources: ["mc-siem-logs", "mc-kb-41019270938643"],
  },
];
