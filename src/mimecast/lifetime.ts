/** Key lifetime in words. The "Never Expires" Authentication TTL is reported as about 100 years. */
export interface Lifetime {
  readonly text: string;
  readonly neverExpires: boolean;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

export function describeLifetime(durationMs: number | undefined): Lifetime {
  if (durationMs === undefined) return { text: "not reported by Mimecast", neverExpires: false };
  if (durationMs >= 50 * YEAR) return { text: "never expires", neverExpires: true };
  if (durationMs >= 2 * YEAR)
    return { text: `expires after ${Math.round(durationMs / YEAR)} years`, neverExpires: false };
  if (durationMs >= 2 * DAY)
    return { text: `expires after ${Math.round(durationMs / DAY)} days`, neverExpires: false };
  if (durationMs >= 2 * HOUR)
    return { text: `expires after ${Math.round(durationMs / HOUR)} hours`, neverExpires: false };
  const minutes = Math.max(1, Math.round(durationMs / 60_000));
  return { text: `expires after ${minutes} minute${minutes === 1 ? "" : "s"}`, neverExpires: false };
}
