/**
 * What the SIEM collector needs, in one bundle: JSON for tools, labelled text for the collector's
 * form. Contains secrets: the popup warns before copying or downloading it.
 */

export type CollectorSettings =
  | {
      readonly api: "1.0";
      readonly baseUrl: string;
      readonly applicationId: string;
      readonly applicationKey: string;
      readonly accessKey: string;
      readonly secretKey: string;
      readonly accountName?: string;
      readonly accountCode?: string;
    }
  | {
      readonly api: "2.0";
      readonly baseUrl: string;
      readonly clientId: string;
      readonly clientSecret: string;
      readonly accountName?: string;
    };

export const BUNDLE_FORMAT = "siem-setup-assistant-for-mimecast/collector-settings@1";

export function bundleJson(s: CollectorSettings, createdAt: Date): string {
  return `${JSON.stringify({ format: BUNDLE_FORMAT, createdAt: createdAt.toISOString(), ...s }, null, 2)}\n`;
}

export function bundleText(s: CollectorSettings, createdAt: Date): string {
  const lines =
    s.api === "1.0"
      ? [
          "Mimecast API version: 1.0",
          `Base URL: ${s.baseUrl}`,
          `Application ID: ${s.applicationId}`,
          `Application Key: ${s.applicationKey}`,
          `Access Key: ${s.accessKey}`,
          `Secret Key: ${s.secretKey}`,
        ]
      : [
          "Mimecast API version: 2.0",
          `Base URL: ${s.baseUrl}`,
          `Client ID: ${s.clientId}`,
          `Client Secret: ${s.clientSecret}`,
        ];
  if (s.accountName) lines.push(`Account name: ${s.accountName}`);
  if (s.api === "1.0" && s.accountCode) lines.push(`Account code: ${s.accountCode}`);
  lines.push(`Created: ${createdAt.toISOString()}`);
  return `${lines.join("\n")}\n`;
}

export function bundleFileName(s: CollectorSettings, createdAt: Date): string {
  const day = createdAt.toISOString().slice(0, 10);
  return `mimecast-siem-settings-api${s.api === "1.0" ? "1" : "2"}-${day}.json`;
}
