/**
 * Every console label the guide looks for, in one place: page detection (`pages.ts`), step targets
 * and completion (`steps.ts`) and capture all use these constants, so a renamed control is fixed
 * once. Where consoles differ, a list holds the alternatives (newer label first). The comment on
 * each group names its sources (ids of `SOURCES` in `sources.ts`); `console-facts.md` quotes them.
 */

/** Account › Account Settings (mc-siem-logs, ref-guide, console-automation). */
export const ACCOUNT = {
  page: "Account Settings",
  enhancedLogging: "Enhanced Logging",
  logTypes: ["Inbound", "Outbound", "Internal"],
  /** "Select Save to apply the change" (mc-siem-logs). */
  save: ["Save"],
  otherGroups: ["Directory Options", "Password Complexity and Expiration"],
} as const;

/** Integrations (mc-kb-34000360548755, mc-kb-39704312201235, mc-kb-34000388238867). */
export const INTEGRATIONS = {
  pages: ["API and Platform Integrations", "Integrations Hub", "API 2.0 Applications"],
  yourApplications: "Your Application Integrations",
  availableIntegrations: "Available Integrations",
  api1Tile: "Mimecast API 1.0",
  api2Tile: "Mimecast API 2.0",
  /** Cloud Integrated accounts' list of API 2.0 applications (mc-kb-34000388238867). */
  ciList: "API 2.0 Applications",
  addApiApplication: "Add API Application",
  /** Integrations Hub: "Configure New"; older consoles: "Generate Keys"; Cloud Integrated: "New Application". */
  api2Start: ["Configure New", "Generate Keys", "New Application"],
} as const;

/** The API 1.0 application wizard (ref-guide; tiles removed for new applications, mc-kb-39704312201235). */
export const API1_WIZARD = {
  headings: ["Add API Application", "Application Details"],
  /** Field labels for "Fill suggested values": ref-guide (the step's own instructions: "Application Name", "Description"). */
  appName: "Application Name",
  description: "Description",
  extendedSession: "Enable Extended Session",
  notificationSettings: "Notification Settings",
  review: "Review Information",
  email: "Email",
  next: "Next",
  add: "Add",
  created: ["Application Added", "Application Keys"],
  appId: "Application ID",
  appKey: "Application Key",
} as const;

/** The API 2.0 application wizard and its terms (mc-kb-34000360548755, mc-kb-34000388238867). */
export const API2_WIZARD = {
  headings: ["Mimecast API 2.0", "Application Details", "New Application"],
  terms: ["API Terms and Conditions", "Terms and Conditions"],
  termsBox: "I accept",
  /** Older wizard: tick "I accept" to enable "Next"; the Hub's pop-up only says "accept". */
  termsButton: ["Accept", "Next"],
  products: "Products",
  role: "Application Role",
  /** Field labels for "Fill suggested values": mc-kb-34000360548755 ("Under Details, populate … Application Name … Description"; console-facts.md §3). */
  appName: "Application Name",
  description: "Description",
  /** "Notification Settings" on current consoles, "Notifications" on older ones. */
  notifications: ["Notification Settings", "Notifications"],
  email: "Email",
  /** Hub and older wizard: "Add and Generate Keys" or "Add"; Cloud Integrated: "Save & Generate Keys". */
  finish: ["Add and Generate Keys", "Save & Generate Keys", "Add Application", "Add"],
  created: ["API 2.0 Credentials", "Your API 2.0 credentials"],
  clientId: "Client ID",
  clientSecret: "Client Secret",
} as const;

/** Account › Admin Roles (older: Roles) (ref-guide, mc-kb-34000360548755, sekoia-mimecast). */
export const ROLES = {
  page: ["Admin Roles", "Roles"],
  basicAdministrator: "Basic Administrator",
  addUsersToRole: "Add users to role",
  addSelectedUsers: "Add Selected Users",
  newRole: "New Role",
  editor: ["New Role", "Create Role"],
  /** "Role Name" field of the role editor: livingsecurity-v2, arcticwolf-mimecast, synqly-mimecast (console-facts.md §4). */
  roleName: "Role Name",
  applicationPermissions: "Application Permissions",
  securityEventsGroup: "Security Events and Data Retrieval",
  siemPermission: "Threat and Security Events (SIEM)",
  read: "Read",
  save: ["Save and Exit", "Save"],
} as const;

/** Directories (newer: Users & Groups) › Internal Directories (ref-guide). */
export const DIRECTORIES = {
  page: "Internal Directories",
  newAddress: "New Address",
  newDomain: "New Domain",
  saveAndExit: "Save and Exit",
} as const;

/** Directories › Profile Groups (ref-guide, mc-kb-34000805843219). */
export const PROFILE_GROUPS = {
  page: "Profile Groups",
  root: "Root",
  add: "+",
  editGroup: "Edit group",
  groupName: "Group Name",
  build: "Build",
  addEmailAddresses: "Add Email Addresses",
} as const;

/** Services (newer: Users & Groups) › Applications (ref-guide, mc-kb-34000804127251, mc-kb-49183608140947). */
export const APPLICATIONS = {
  page: "Applications",
  /** A tab on some consoles, a button on others. */
  authProfiles: "Authentication Profiles",
  newAuthProfile: "New Authentication Profile",
  ttl: ["Authentication TTL", "Authentication Cache TTL"],
  neverExpires: "Never Expires",
  /** The new profile's "Description" field: mc-auth-scripts ("Type a Description for the new profile."; console-facts.md §7). */
  description: "Description",
  appSettings: "Application Settings",
  newAppSettings: "New Application Settings",
  groupLookup: "Group Lookup",
  profileLookup: "Authentication Profile Lookup",
  /** Leaves a list opened from a button (adcon action; console-automation). */
  goBack: "Go Back",
} as const;

export const SAVE_AND_EXIT = "Save and Exit";
