import { describe, expect, it } from "vitest";
import {
  base64Utf8,
  baseHeaders,
  basicAuthorization,
  mcDate,
  newRequestId,
} from "../../../src/mimecast/headers";
import { decodeBasic, FIXED_NOW, FIXED_NOW_HEADER } from "./helpers";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("mcDate", () => {
  it("formats Mimecast's documented example", () => {
    expect(mcDate(new Date(Date.UTC(2015, 10, 24, 12, 50, 11)))).toBe("Tue, 24 Nov 2015 12:50:11 UTC");
    expect(mcDate(FIXED_NOW)).toBe(FIXED_NOW_HEADER);
  });

  it.each([
    [Date.UTC(2015, 2, 1, 1, 2, 3), "Sun, 01 Mar 2015 01:02:03 UTC"],
    [Date.UTC(2024, 0, 9, 0, 0, 0), "Tue, 09 Jan 2024 00:00:00 UTC"],
    [Date.UTC(2024, 1, 29, 23, 59, 59), "Thu, 29 Feb 2024 23:59:59 UTC"],
    [Date.UTC(1999, 11, 31, 9, 5, 7), "Fri, 31 Dec 1999 09:05:07 UTC"],
    [Date.UTC(2030, 6, 4, 18, 30, 0), "Thu, 04 Jul 2030 18:30:00 UTC"],
    [0, "Thu, 01 Jan 1970 00:00:00 UTC"],
  ])("formats %i as %s", (ms, expected) => {
    expect(mcDate(new Date(ms))).toBe(expected);
  });

  it("uses UTC whatever the milliseconds, and ends in UTC, never GMT", () => {
    const text = mcDate(new Date(Date.UTC(2021, 4, 6, 7, 8, 9, 999)));
    expect(text).toBe("Thu, 06 May 2021 07:08:09 UTC");
    expect(text).not.toContain("GMT");
    expect(text).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} UTC$/);
  });
});

describe("newRequestId", () => {
  it("returns a lowercase UUID v4", () => {
    expect(newRequestId()).toMatch(UUID_V4);
  });

  it("returns 1000 distinct values in 1000 calls", () => {
    const ids = Array.from({ length: 1000 }, () => newRequestId());
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(1000);
  });
});

describe("baseHeaders", () => {
  it("carries app id, request id, date and JSON content negotiation, and nothing else", () => {
    expect(baseHeaders("my-app", { date: FIXED_NOW_HEADER, requestId: "req-1" })).toEqual({
      "x-mc-app-id": "my-app",
      "x-mc-req-id": "req-1",
      "x-mc-date": FIXED_NOW_HEADER,
      "Content-Type": "application/json",
      Accept: "application/json",
    });
  });

  it("never includes an Authorization header", () => {
    const headers = baseHeaders("a", { date: "d", requestId: "r" });
    expect(Object.keys(headers).map((k) => k.toLowerCase())).not.toContain("authorization");
  });
});

describe("basicAuthorization", () => {
  it("uses Basic-Cloud for a cloud password", () => {
    const value = basicAuthorization("cloud", "user@example.com", "secret");
    expect(value).toBe(`Basic-Cloud ${Buffer.from("user@example.com:secret").toString("base64")}`);
    expect(value).toBe("Basic-Cloud dXNlckBleGFtcGxlLmNvbTpzZWNyZXQ=");
  });

  it("uses Basic-AD for a domain password", () => {
    const value = basicAuthorization("domain", "user@example.com", "secret");
    expect(value).toBe("Basic-AD dXNlckBleGFtcGxlLmNvbTpzZWNyZXQ=");
  });

  it.each([
    ["cloud", "Basic-Cloud"],
    ["domain", "Basic-AD"],
  ] as const)("encodes non-ASCII passwords as UTF-8 (%s)", (authType, scheme) => {
    const password = "pässwörd-Ω-日本-😀";
    const value = basicAuthorization(authType, "jürgen@exämple.com", password);
    const decoded = decodeBasic(value);
    expect(decoded.scheme).toBe(scheme);
    expect(decoded.credentials).toBe(`jürgen@exämple.com:${password}`);
    expect(value).toBe(
      `${scheme} ${Buffer.from(`jürgen@exämple.com:${password}`, "utf8").toString("base64")}`,
    );
    // Every character of the header value must be Latin-1 (fetch refuses others).
    expect([...value].every((c) => c.charCodeAt(0) < 128)).toBe(true);
  });

  it("keeps ':' inside the password (only the first ':' separates the user)", () => {
    const decoded = decodeBasic(basicAuthorization("cloud", "a@example.com", "p:a:ss:"));
    expect(decoded.credentials).toBe("a@example.com:p:a:ss:");
    const cut = decoded.credentials.indexOf(":");
    expect(decoded.credentials.slice(0, cut)).toBe("a@example.com");
    expect(decoded.credentials.slice(cut + 1)).toBe("p:a:ss:");
  });

  it("keeps leading and trailing spaces of the password", () => {
    expect(decodeBasic(basicAuthorization("domain", "a@example.com", "  pw  ")).credentials).toBe(
      "a@example.com:  pw  ",
    );
  });

  it("encodes an empty password", () => {
    expect(basicAuthorization("cloud", "a@example.com", "")).toBe(
      `Basic-Cloud ${Buffer.from("a@example.com:").toString("base64")}`,
    );
  });
});

describe("base64Utf8", () => {
  it.each(["", "a", "ab", "abc", "€", "😀", "\u0000\u00ff", "x".repeat(10_000)])(
    "matches Buffer for %j",
    (text) => {
      expect(base64Utf8(text)).toBe(Buffer.from(text, "utf8").toString("base64"));
    },
  );
});
