import { t } from "../lib/i18n";

/**
 * A verify button that stays focusable while its check runs. Not `disabled` while busy: a disabled
 * button loses focus (to the body) and the user's place; `aria-disabled` says it instead.
 */
export function BusyButton({ label, busy, run }: { label: string; busy: boolean; run: () => Promise<void> }) {
  return (
    <button
      type="button"
      class="primary"
      aria-disabled={busy}
      aria-busy={busy}
      onClick={() => {
        if (!busy) void run();
      }}
    >
      {label}
      {busy ? ` ${t("checking")}` : ""}
    </button>
  );
}
