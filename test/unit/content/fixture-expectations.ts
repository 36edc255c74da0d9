/**
 * What every saved console snapshot (test/fixtures/console) must show the guide: the page it is,
 * and for the step that belongs there, the control to use next or that the step is complete.
 * One table, used by console-fixtures.test.ts and by the metamorphic suite.
 */

export function fixtureName(file: string): string {
  return (file.split("/").pop() ?? "").replace(/\.html$/, "");
}

/** The setup page a snapshot shows (null: none; undefined: a transitional state, no expectation). */
export function expectedPage(file: string): string | null | undefined {
  const name = fixtureName(file);
  const table: [RegExp, string | null][] = [
    [/^login$/, null],
    [/^shell-(.+)$/, "$1"],
    [/^account-settings/, "account-settings"],
    [/^api-integrations/, "api-integrations"],
    [/^integrations-hub/, "api-integrations"],
    [/^api2-applications/, "api-integrations"],
    [/^api1-wizard/, "api1-wizard"],
    [/^api1-created/, "api1-created"],
    [/^api2-(wizard|terms|new-application)/, "api2-wizard"],
    [/^api2-created/, "api2-created"],
    [/^applications/, "applications"],
    [/^dashboard/, "dashboard"],
    [/^internal-directories/, "internal-directories"],
    [/^role-editor/, "role-editor"],
    [/^roles/, "roles"],
    [/^profile-groups/, "profile-groups"],
  ];
  for (const [re, page] of table) {
    const m = re.exec(name);
    if (m) return page === "$1" ? (m[1] ?? null) : page;
  }
  return undefined;
}

/** The next move is target `index` of the step (-1: its save control), or the step is complete. */
export type Expectation =
  | { readonly step: string; readonly index: number }
  | { readonly step: string; readonly complete: true };

const SAVE = -1;

/** By snapshot name, or by `generation/name` where the generations differ. */
const EXPECTATIONS: Record<string, readonly Expectation[]> = {
  "account-settings": [{ step: "enhanced-logging", index: 3 }],
  "account-settings-expanded": [{ step: "enhanced-logging", index: 0 }],
  // Mimecast applies Enhanced Logging on Save: ticked boxes point at Save, they do not complete.
  "account-settings-ticked": [{ step: "enhanced-logging", index: SAVE }],
  "account-settings-saved": [{ step: "enhanced-logging", index: SAVE }],
  "account-settings-enhanced-logging-on": [{ step: "enhanced-logging", index: SAVE }],
  "api-integrations-your-applications": [{ step: "api1-add-application", index: 0 }],
  "api-integrations-no-api1": [{ step: "api2-new-application", index: 0 }],
  "classic/api-integrations-no-api1-default": [{ step: "api2-new-application", index: 1 }],
  "integrations-hub": [{ step: "api2-new-application", index: 0 }],
  "ci/api2-applications": [{ step: "api2-new-application", index: 0 }],
  "api1-wizard-details": [{ step: "api1-app-details", index: 0 }],
  "api1-wizard-details-filled": [{ step: "api1-app-details", complete: true }],
  "api1-wizard-review": [{ step: "api1-app-add", index: 0 }],
  "api1-created": [{ step: "api1-app-keys", index: 0 }],
  "classic/api2-wizard": [{ step: "api2-details", index: 3 }],
  "current/api2-terms": [{ step: "api2-details", index: 3 }],
  "current/api2-terms-accepted": [{ step: "api2-details", index: 4 }],
  "api2-wizard-details": [{ step: "api2-details", index: 2 }],
  "api2-wizard-notifications": [{ step: "api2-details", index: 1 }],
  "api2-wizard-summary": [{ step: "api2-details", index: 0 }],
  "ci/api2-new-application-filled": [{ step: "api2-details", index: 0 }],
  "api2-created": [{ step: "api2-credentials", index: 0 }],
  "internal-directories-domain": [{ step: "service-user", index: 1 }],
  "internal-directories-new-address": [{ step: "service-user", index: 0 }],
  roles: [
    { step: "role", index: 2 },
    { step: "api2-role", index: 3 },
  ],
  "roles-menu": [{ step: "role", index: 1 }],
  "roles-dialog": [{ step: "role", index: 0 }],
  "classic/role-editor": [{ step: "api2-role", index: 2 }],
  "classic/role-editor-permissions": [{ step: "api2-role", index: 1 }],
  "current/role-editor": [{ step: "api2-role", index: 1 }],
  "role-editor-expanded": [{ step: "api2-role", index: 0 }],
  "role-editor-ticked": [{ step: "api2-role", index: SAVE }],
  "profile-groups": [{ step: "profile-group", index: 4 }],
  "profile-groups-new-folder": [{ step: "profile-group", index: 2 }],
  "profile-groups-build-menu": [{ step: "profile-group", index: 1 }],
  "profile-groups-add-addresses": [{ step: "profile-group", index: 0 }],
  "applications-auth-profiles": [{ step: "auth-profile", index: 1 }],
  "applications-auth-profile-form": [{ step: "auth-profile", index: 0 }],
  "applications-auth-profile-never": [{ step: "auth-profile", complete: true }],
  applications: [{ step: "app-setting", index: 1 }],
  "applications-settings-form": [{ step: "app-setting", index: 0 }],
};

/** `file` is relative to test/fixtures/console, e.g. `classic/roles.html`. */
export function expectationsFor(file: string): readonly Expectation[] {
  const generation = file.includes("/") ? file.split("/")[0] : "";
  const name = fixtureName(file);
  return EXPECTATIONS[`${generation}/${name}`] ?? EXPECTATIONS[name] ?? [];
}
