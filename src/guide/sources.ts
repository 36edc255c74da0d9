/**
 * Where the guide's console facts come from. Steps and pages name these ids in `sources`; a unit
 * test checks every id exists. `console-facts.md` (beside this file) quotes the wording that backs
 * each label, so a maintainer can re-check one in a minute. Not bundled into the content script.
 */
export interface Source {
  readonly title: string;
  /** Public address; absent for material the project holds privately (then `note` says where). */
  readonly url?: string;
  readonly note?: string;
}

const KB = "https://mimecastsupport.zendesk.com/hc/en-us/articles/";

export const SOURCES = {
  "ref-guide": {
    title: "The MDR provider's Mimecast API setup document (reference guide; summarised in DESIGN.md §4)",
    note: "Not public: the customer's document, summarised in the project's design notes (DESIGN.md §4).",
  },
  "mc-siem-logs": {
    title: "Mimecast integrations documentation: Get SIEM Logs (enable Enhanced Logging, then Save)",
    url: "https://integrations.mimecast.com/documentation/endpoint-reference/logs-and-statistics/get-siem-logs",
  },
  "mc-kb-34000360548755": {
    title: "API & Integrations - Managing API 2.0 for Cloud Gateway",
    url: `${KB}34000360548755`,
  },
  "mc-kb-39167758633107": {
    title: "API & Integrations - The Integrations Hub for Cloud Gateway",
    url: `${KB}39167758633107`,
  },
  "mc-kb-34000388238867": {
    title: "API & Integrations - Managing API 2.0 for Cloud Integrated",
    url: `${KB}34000388238867`,
  },
  "mc-kb-39704312201235": {
    title:
      "API & Integrations - API 1.0 End of Life (tiles removed end of June 2025; existing apps keep working)",
    url: `${KB}39704312201235`,
  },
  "mc-kb-41019270938643": {
    title:
      "API & Integrations - Enhancing API Gateway Resilience (global host fails over; UK/US for residency)",
    url: `${KB}41019270938643`,
  },
  "mc-kb-34000804127251": {
    title:
      "Authentication Profiles - Configuring Authentication Profiles (Authentication TTL, Never Expires)",
    url: `${KB}34000804127251`,
  },
  "mc-kb-49183608140947": {
    title:
      "Configuring Application Settings (New Application Settings, Group and Authentication Profile Lookup)",
    url: `${KB}49183608140947`,
  },
  "mc-kb-34000805843219": {
    title: "Groups: creating and managing (no group directly in Root; Build › Add Email Addresses)",
    url: `${KB}34000805843219`,
  },
  "mc-kb-34000404624275": {
    title:
      "Authentication Profiles - Enabling Cloud Authentication (a new cloud password revokes active tokens)",
    url: `${KB}34000404624275`,
  },
  "mc-kb-34000821848595": {
    title: "Default Administrator Authentication Profile (2-step or SAML can override others)",
    url: `${KB}34000821848595`,
  },
  "sekoia-mimecast": {
    title:
      "Sekoia.io: Mimecast integration (Account › Roles › New Role › Threat and Security Events (SIEM) › Read)",
    url: "https://github.com/SEKOIA-IO/documentation/blob/main/docs/integration/categories/email/mimecast_email_security.md",
  },
  "synqly-mimecast": {
    title: "Synqly: Mimecast Cloud Gateway setup (Account › Admin Roles › New role, Save and Exit)",
    url: "https://docs.synqly.com/guides/provider-configuration/mimecast-cloud-gateway-emailsecurity-setup.md",
  },
  "mc-kb-34000359768083": {
    title: "Email Security Cloud Gateway - Mimecast Account Settings (Enhanced Logging group)",
    url: `${KB}34000359768083`,
  },
  "mc-kb-34000676776595": {
    title: "Email Security Cloud Gateway - Configuring Application Settings",
    url: `${KB}34000676776595`,
  },
  "elastic-mimecast": {
    title: "Elastic integrations: mimecast package, SIEM batch input (dates as yyyy-MM-dd)",
    url: "https://github.com/elastic/integrations/tree/main/packages/mimecast",
  },
  "console-automation": {
    title: "Public automation code written against the real console (markup; DESIGN.md §4 Console structure)",
    note: "Summarised in the project's design notes (DESIGN.md §4, Console structure); markup, not labels.",
  },
} as const satisfies Record<string, Source>;

export type KnownSourceId = keyof typeof SOURCES;
