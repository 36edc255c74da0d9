import { describe, expect, it } from "vitest";
import {
  BUNDLE_FORMAT,
  bundleFileName,
  bundleJson,
  bundleText,
  type CollectorSettings,
} from "../../../src/lib/collector-bundle";

const AT = new Date("2026-11-25T10:00:00.000Z");
const API1: CollectorSettings = {
  api: "1.0",
  baseUrl: "https://eu-api.mimecast.com",
  applicationId: "app-id",
  applicationKey: "app-key=",
  accessKey: "access",
  secretKey: "c2VjcmV0==",
  accountName: "Sandbox Corp",
  accountCode: "CSBX00A000",
};
const API2: CollectorSettings = {
  api: "2.0",
  baseUrl: "https://api.services.mimecast.com",
  clientId: "client",
  clientSecret: "secret",
};

describe("collector bundle", () => {
  it("JSON holds the format, the time it was made and the five API 1.0 values exactly", () => {
    expect(JSON.parse(bundleJson(API1, AT))).toEqual({
      format: BUNDLE_FORMAT,
      createdAt: "2026-11-25T10:00:00.000Z",
      ...API1,
    });
  });

  it("labelled text for API 1.0, one value per line, no escaping of =", () => {
    expect(bundleText(API1, AT)).toBe(
      [
        "Mimecast API version: 1.0",
        "Base URL: https://eu-api.mimecast.com",
        "Application ID: app-id",
        "Application Key: app-key=",
        "Access Key: access",
        "Secret Key: c2VjcmV0==",
        "Account name: Sandbox Corp",
        "Account code: CSBX00A000",
        "Created: 2026-11-25T10:00:00.000Z",
        "",
      ].join("\n"),
    );
  });

  it("labelled text and JSON for API 2.0 hold the two values and the host", () => {
    expect(bundleText(API2, AT)).toBe(
      [
        "Mimecast API version: 2.0",
        "Base URL: https://api.services.mimecast.com",
        "Client ID: client",
        "Client Secret: secret",
        "Created: 2026-11-25T10:00:00.000Z",
        "",
      ].join("\n"),
    );
    expect(JSON.parse(bundleJson(API2, AT))).toEqual({
      format: BUNDLE_FORMAT,
      createdAt: AT.toISOString(),
      ...API2,
    });
  });

  it("names files by API version and day", () => {
    expect(bundleFileName(API1, AT)).toBe("mimecast-siem-settings-api1-2026-11-25.json");
    expect(bundleFileName(API2, AT)).toBe("mimecast-siem-settings-api2-2026-11-25.json");
  });
});
