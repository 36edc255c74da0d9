/** "15:04:05 (in 45 seconds)" for a retry time, relative to now. */
export function retryText(retryAt: number, now: number): string {
  const seconds = Math.max(0, Math.ceil((retryAt - now) / 1000));
  const clock = new Date(retryAt).toLocaleTimeString([], {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  if (seconds === 0) return "now";
  if (seconds < 120) return `${clock} (in ${seconds} seconds)`;
  return `${clock} (in ${Math.ceil(seconds / 60)} minutes)`;
}

/** A light local check; Mimecast performs the real validation. */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+$/.test(value.trim());
}
