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
  ["appId", "Application ID"],
  ["appKey", "Application key"],
  ["clientId", "Client ID"],
  ["clientSecret", "Client secret"],
] as const;

/** The names (never the values) of what was captured, in form order. */
export function capturedFieldNames(c: Captured): string[] {
  return FIELD_NAMES.filter(([key]) => c[key] !== undefined).map(([, name]) => name);
}

function listText(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/**
 * Values sent from the console with "Use in the assistant" are not filled in silently: the popup
 * says where and when they came from and asks first. The values themselves are not shown here.
 */
export function CapturedNotice({ captured, used, onUse, onDiscard }: Props) {
  const { host, page } = captured.source;
  return (
    <section class="captured" aria-labelledby="captured-heading">
      <h2 id="captured-heading">Values from the console</h2>
      <p>
        From <strong>{host}</strong>, {page}, at {clockTime(captured.capturedAt)}:{" "}
        {listText(capturedFieldNames(captured))}.
      </p>
      <p class="hint">
        {used
          ? "Filled in where the fields below were empty."
          : "Use them only if you sent them from this page yourself. They fill the fields below that are empty."}
      </p>
      <KeptUntil since={captured.capturedAt} />
      <div class="actions">
        {!used && (
          <button type="button" class="primary" onClick={onUse}>
            Use these values
          </button>
        )}
        <button type="button" onClick={onDiscard}>
          Discard<span class="visually-hidden"> the values from the console</span>
        </button>
      </div>
    </section>
  );
}
