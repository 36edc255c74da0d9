import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { VerifyApi2Reply } from "../lib/messages";
import type { VerifyApi2InputMessage, VerifyApi2Result } from "../lib/schemas";
import { API2_HOSTS, siemBatchPath } from "../mimecast/api2-hosts";
import { FailureNote } from "./FailureNote";
import { Field } from "./Field";
import type { UiFailure } from "./services";

interface Props {
  values: VerifyApi2InputMessage;
  onChange: (v: VerifyApi2InputMessage) => void;
  verify: (input: VerifyApi2InputMessage) => Promise<VerifyApi2Reply>;
  onVerified: (result: VerifyApi2Result) => void;
  now: number;
}

export function VerifyApi2({ values, onChange, verify, onVerified, now }: Props) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<UiFailure | undefined>();
  const [result, setResult] = useState<VerifyApi2Result | undefined>();

  const run = async () => {
    setBusy(true);
    setFailure(undefined);
    setResult(undefined);
    const reply = await verify(values);
    setBusy(false);
    if (!reply.ok) {
      setFailure(reply.failure);
      return;
    }
    setResult(reply.result);
    onVerified(reply.result);
  };
  const at = failure?.field;
  return (
    <section class="verify" aria-labelledby="verify2-heading">
      <h2 id="verify2-heading">Verify API 2.0 credentials</h2>
      <p class="hint">Gets a token and asks for one page of SIEM data. The token is kept in memory only.</p>
      <Field
        id="client-id"
        label="Client ID"
        value={values.clientId}
        onInput={(clientId) => onChange({ ...values, clientId })}
        failure={failure}
        atFault={at === "clientId"}
        now={now}
      />
      <Field
        id="client-secret"
        label="Client secret"
        type="password"
        value={values.clientSecret}
        onInput={(clientSecret) => onChange({ ...values, clientSecret })}
        failure={failure}
        atFault={at === "clientSecret"}
        now={now}
      />
      <div class="field">
        <label for="api2-host">API 2.0 host</label>
        <select
          id="api2-host"
          aria-describedby="api2-host-hint"
          value={values.hostId}
          onChange={(e: JSX.TargetedEvent<HTMLSelectElement>) =>
            onChange({ ...values, hostId: e.currentTarget.value })
          }
        >
          {API2_HOSTS.map((h) => (
            <option key={h.id} value={h.id}>
              {h.name} — {h.host}
            </option>
          ))}
        </select>
        <p class="hint" id="api2-host-hint">
          Global works for every region: it fails over between Mimecast's data centres. Choose the UK or US
          host only if your account must keep its data there (data residency).
        </p>
      </div>
      {failure && at !== "clientId" && at !== "clientSecret" && (
        <FailureNote failure={failure} id="verify2-error" now={now} />
      )}
      {/* Not `disabled` while busy: a disabled button loses focus (to the body) and the user's place. */}
      <button
        type="button"
        class="primary"
        aria-disabled={busy}
        aria-busy={busy}
        onClick={() => {
          if (!busy) void run();
        }}
      >
        Verify API 2.0 credentials{busy ? " (checking…)" : ""}
      </button>
      {/* Present from the start, so the result is read when it arrives (a new region may not be). */}
      <div aria-live="polite">
        {result && (
          <div class="success" role="status">
            <p>✓ Authenticated with {result.host}.</p>
            <p>
              ✓ Mimecast product: {result.product} (SIEM data from{" "}
              <code>{siemBatchPath(result.product)}</code>
              ).
            </p>
            <p>
              {result.files > 0
                ? `✓ Can read SIEM data: Mimecast listed ${result.files} log batch${result.files === 1 ? "" : "es"} since yesterday (UTC).`
                : "✓ Can read SIEM data: caught up, no new log batches since yesterday (UTC)."}
            </p>
          </div>
        )}
      </div>
    </section>
  );
}
