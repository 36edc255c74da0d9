import { t } from "../lib/i18n";
import type { Captured } from "../lib/schemas";
import { clockTime, KeptUntil } from "./SecretLifetime";

interface Props {
  captured: Captured;
  /** "Use these values" was clicked: the values are in the fields below. */
  used: boolean;
  onUse: () => void;
  onDiscard: () => void;
}

const FIELD_NAMES = [
  ["appId", "appIdLabel"],
  ["appKey", "appKeyLabel"],
  ["clientId", "clientIdLabel"],
  ["clientSecret", "clientSecretLabel"],
] as const;

/** The names (never the values) of what was captured, in form order. */
export function capturedFieldNames(c: Captured): string[] {
  return FIELD_NAMES.filter(([key]) => c[key] !== undefined).map(([, name]) => t(name));
}

function listText(names: readonly string[]): string {
  return names.length <= 1
    ? (names[0] ?? "")
    : t("listAnd", names.slice(0, -1).join(t("listComma")), names.at(-1) ?? "");
}

/**
 * Values sent from the console with "Use in the assistant" are not filled in silently: the popup
 * says where and when they came from and asks first. The values themselves are not shown here.
 */
export function CapturedNotice({ captured, used, onUse, onDiscard }: Props) {
  const { host, page } = captured.source;
  return (
    <section class="captured" aria-labelledby="captured-heading">
      <h2 id="captured-heading">{t("capturedHeading")}</h2>
      <p>
        {t(
          "capturedFrom",
          host,
          page,
          clockTime(captured.capturedAt),
          listText(capturedFieldNames(captured)),
        )}
      </p>
      <p class="hint">{used ? t("capturedUsed") : t("capturedAsk")}</p>
      <KeptUntil since={captured.capturedAt} />
      <div class="actions">
        {!used && (
          <button type="button" class="primary" onClick={onUse}>
            {t("useValues")}
          </button>
        )}
        <button type="button" onClick={onDiscard}>
          {t("discard")}
          <span class="visually-hidden"> {t("discardHidden")}</span>
        </button>
      </div>
    </section>
  );
}
