import { describe, expect, it } from "vitest";
import {
  baseUrlOf,
  GLOBAL_API_HOST,
  REGIONS,
  regionById,
  regionForBaseUrl,
} from "../../../src/mimecast/regions";

describe("REGIONS table", () => {
  it("lists exactly the known Mimecast API 1.0 hosts, with unique ids and hosts", () => {
    expect(REGIONS.map((r) => [r.id, r.host])).toEqual([
      ["eu", "eu-api.mimecast.com"],
      ["de", "de-api.mimecast.com"],
      ["us", "us-api.mimecast.com"],
      ["usb", "usb-api.mimecast.com"],
      ["ca", "ca-api.mimecast.com"],
      ["za", "za-api.mimecast.com"],
      ["au", "au-api.mimecast.com"],
      ["je", "je-api.mimecast.com"],
      ["uspcom", "uspcom-api.mimecast-pscom-us.com"],
    ]);
    expect(new Set(REGIONS.map((r) => r.id)).size).toBe(REGIONS.length);
    expect(new Set(REGIONS.map((r) => r.host)).size).toBe(REGIONS.length);
  });

  it("does not contain the global discovery host (it never receives a password)", () => {
    expect(GLOBAL_API_HOST).toBe("api.mimecast.com");
    expect(REGIONS.some((r) => r.host === GLOBAL_API_HOST)).toBe(false);
  });

  it("has a non-empty display name for every region", () => {
    for (const r of REGIONS) expect(r.name.trim().length).toBeGreaterThan(0);
  });
});

describe("regionById", () => {
  it.each(REGIONS.map((r) => [r.id, r.host]))("finds %s", (id, host) => {
    expect(regionById(id)?.host).toBe(host);
  });

  it.each(["", "auto", "EU", "eu ", "xx", "api", "eu-api.mimecast.com"])("returns undefined for %j", (id) => {
    expect(regionById(id)).toBeUndefined();
  });
});

describe("baseUrlOf", () => {
  it("is https://host with no trailing slash", () => {
    expect(baseUrlOf(REGIONS[0] as (typeof REGIONS)[number])).toBe("https://eu-api.mimecast.com");
    for (const r of REGIONS) expect(baseUrlOf(r)).toBe(`https://${r.host}`);
  });

  it("round-trips through regionForBaseUrl for every region", () => {
    for (const r of REGIONS) expect(regionForBaseUrl(baseUrlOf(r))).toBe(r);
  });
});

describe("regionForBaseUrl accepts allow-listed hosts", () => {
  const forms = (host: string) => [
    `https://${host}`,
    `https://${host}/`,
    `https://${host}/api`,
    `https://${host}/api/`,
  ];
  const cases = REGIONS.flatMap((r) => forms(r.host).map((url) => [url, r.id] as const));

  it.each(cases)("%s -> %s", (url, id) => {
    const region = regionForBaseUrl(url);
    expect(region?.id).toBe(id);
    // The very object from the table, so callers build URLs from the table, not from the answer.
    expect(region).toBe(regionById(id));
  });

  it("ignores surrounding whitespace", () => {
    expect(regionForBaseUrl("  https://de-api.mimecast.com \n")?.id).toBe("de");
  });

  it("ignores host case", () => {
    expect(regionForBaseUrl("https://EU-API.Mimecast.COM")?.id).toBe("eu");
  });

  it("treats the explicit default port 443 like no port", () => {
    expect(regionForBaseUrl("https://us-api.mimecast.com:443")?.id).toBe("us");
  });
});

describe("regionForBaseUrl refuses everything else", () => {
  it.each([
    // wrong scheme
    ["http://eu-api.mimecast.com"],
    ["http://eu-api.mimecast.com/api"],
    ["ftp://eu-api.mimecast.com"],
    ["wss://eu-api.mimecast.com"],
    ["//eu-api.mimecast.com"],
    ["eu-api.mimecast.com"],
    // other hosts
    ["https://evil.example.com"],
    ["https://eu-api.mimecast.com.evil.com"],
    ["https://mimecast.com.evil"],
    ["https://mimecast.com"],
    ["https://api.mimecast.com"],
    ["https://xx-api.mimecast.com"],
    ["https://eu-api.mimecast.co"],
    ["https://eu-api-mimecast.com"],
    ["https://evil-eu-api.mimecast.com"],
    ["https://eu-api.mimecast.com."],
    ["https://sub.eu-api.mimecast.com"],
    ["https://uspcom-api.mimecast.com"],
    ["https://127.0.0.1"],
    ["https://[::1]"],
    // ports
    ["https://eu-api.mimecast.com:8443"],
    ["https://eu-api.mimecast.com:80"],
    ["https://eu-api.mimecast.com:444/api"],
    // userinfo
    ["https://user@eu-api.mimecast.com"],
    ["https://user:pass@eu-api.mimecast.com"],
    ["https://eu-api.mimecast.com@evil.example.com"],
    ["https://evil.example.com@eu-api.mimecast.com"],
    // query strings and fragments
    ["https://eu-api.mimecast.com?x=1"],
    ["https://eu-api.mimecast.com/?next=https://evil.example.com"],
    ["https://eu-api.mimecast.com/api?x"],
    ["https://eu-api.mimecast.com#frag"],
    // other paths
    ["https://eu-api.mimecast.com/api/login/login"],
    ["https://eu-api.mimecast.com/apix"],
    ["https://eu-api.mimecast.com/v2"],
    ["https://eu-api.mimecast.com/API"],
    ["https://eu-api.mimecast.com/../evil"],
    // garbage
    [""],
    ["   "],
    ["https://"],
    ["https:"],
    ["not a url"],
    ["javascript:alert(1)"],
    ["data:text/plain,eu-api.mimecast.com"],
    ["null"],
    ["undefined"],
  ])("%j", (url) => {
    expect(regionForBaseUrl(url)).toBeUndefined();
  });
});
