import type { JSX } from "preact";
import { FailureNote } from "./FailureNote";
import type { UiFailure } from "./services";

interface Props {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: "text" | "password";
  failure: UiFailure | undefined;
  /** True when the failure belongs to this field. */
  atFault: boolean;
  now: number;
}

/** A labelled text input with its failure note beside it. */
export function Field({ id, label, value, onInput, type = "text", failure, atFault, now }: Props) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type={type}
        autocomplete="off"
        spellcheck={false}
        value={value}
        onInput={(e: JSX.TargetedEvent<HTMLInputElement>) => onInput(e.currentTarget.value)}
        aria-invalid={atFault}
        aria-describedby={atFault ? `${id}-error` : undefined}
      />
      {failure && atFault && <FailureNote failure={failure} id={`${id}-error`} now={now} />}
    </div>
  );
}
