import { t } from "../lib/i18n";
import { secretExpiresAt } from "../lib/secret-lifetime";

/** "10:42" (or "10:42 AM"): the user's own clock format. */
export function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

/** When a secret created or captured at `since` will be cleared (src/lib/secret-lifetime.ts). */
export function KeptUntil({ since, id }: { since: number; id?: string }) {
  return (
    <p class="kept-until" id={id}>
      {t("keptUntil", clockTime(secretExpiresAt(since)))}
    </p>
  );
}
