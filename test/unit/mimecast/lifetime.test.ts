import { describe, expect, it } from "vitest";
import { describeLifetime } from "../../../src/mimecast/lifetime";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

describe("describeLifetime", () => {
  it("says the lifetime was not reported when undefined", () => {
    expect(describeLifetime(undefined)).toEqual({ text: "not reported by Mimecast", neverExpires: false });
  });

  it("reads the 'Never Expires' TTL (100 years) as never expiring", () => {
    expect(3_153_600_000_000).toBe(100 * YEAR);
    expect(describeLifetime(3_153_600_000_000)).toEqual({ text: "never expires", neverExpires: true });
  });

  it.each([
    [8 * HOUR, "expires after 8 hours"],
    [30 * DAY, "expires after 30 days"],
    [1 * MINUTE, "expires after 1 minute"],
    [0, "expires after 1 minute"],
    [2 * MINUTE, "expires after 2 minutes"],
    [90 * MINUTE, "expires after 90 minutes"],
    [2 * HOUR, "expires after 2 hours"],
    [36 * HOUR, "expires after 36 hours"],
    [2 * DAY, "expires after 2 days"],
    [7 * DAY, "expires after 7 days"],
    [YEAR, "expires after 365 days"],
    [2 * YEAR, "expires after 2 years"],
    [10 * YEAR, "expires after 10 years"],
    [30 * 1000, "expires after 1 minute"],
    [1, "expires after 1 minute"],
  ])("%i ms -> %s", (ms, text) => {
    expect(describeLifetime(ms)).toEqual({ text, neverExpires: false });
  });

  it("switches to 'never expires' at 50 years", () => {
    expect(describeLifetime(50 * YEAR)).toEqual({ text: "never expires", neverExpires: true });
    expect(describeLifetime(50 * YEAR - 1).neverExpires).toBe(false);
    expect(describeLifetime(1000 * YEAR)).toEqual({ text: "never expires", neverExpires: true });
  });

  it("rounds at unit boundaries rather than truncating", () => {
    expect(describeLifetime(2 * HOUR - 1).text).toBe("expires after 120 minutes");
    expect(describeLifetime(2 * DAY - 1).text).toBe("expires after 48 hours");
    expect(describeLifetime(2 * YEAR - 1).text).toBe("expires after 730 days");
    expect(describeLifetime(8 * HOUR + 29 * MINUTE).text).toBe("expires after 8 hours");
    expect(describeLifetime(8 * HOUR + 31 * MINUTE).text).toBe("expires after 9 hours");
  });
});
