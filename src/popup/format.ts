import { t } from "../lib/i18n";
/** "15:04:05 (in 45 seconds)" for a retry time, relative to now. */
export function retryText(retryAt: number, now: number): string {
  const seconds = Math.max(0, Math.ceil((retryAt - now) / 1000));
  const clock = new Date(retryAt).toLocaleTimeString([], {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  if (seconds === 0) return t("retryNow");
  if (seconds < 120) return t("retrySeconds", clock, seconds);
  return t("retryMinutes", clock, Math.ceil(seconds / 60));
}

/** A light local check; Mimecast performs the real validation. */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+$/.test(value.trim());
}
