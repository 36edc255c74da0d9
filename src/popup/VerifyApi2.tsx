import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { t } from "../lib/i18n";
import type { VerifyApi2Reply } from "../lib/messages";
import type { VerifyApi2InputMessage, VerifyApi2Result } from "../lib/schemas";
import { API2_HOSTS, siemBatchPath } from "../mimecast/api2-hosts";
import { BusyButton } from "./BusyButton";
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
      <h2 id="verify2-heading">{t("verify2Heading")}</h2>
      <p class="hint">{t("verify2Hint")}</p>
      <Field
        id="client-id"
        label={t("clientIdLabel")}
        value={values.clientId}
        onInput={(clientId) => onChange({ ...values, clientId })}
        failure={failure}
        atFault={at === "clientId"}
        now={now}
      />
      <Field
        id="client-secret"
        label={t("clientSecretLabel")}
        type="password"
        value={values.clientSecret}
        onInput={(clientSecret) => onChange({ ...values, clientSecret })}
        failure={failure}
        atFault={at === "clientSecret"}
        now={now}
      />
      <div class="field">
        <label for="api2-host">{t("api2Host")}</label>
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
          {t("api2HostHint")}
        </p>
      </div>
      {failure && at !== "clientId" && at !== "clientSecret" && (
        <FailureNote failure={failure} id="verify2-error" now={now} />
      )}
      <BusyButton label={t("verify2Heading")} busy={busy} run={run} />
      {/* Present from the start, so the result is read when it arrives (a new region may not be). */}
      <div aria-live="polite">
        {result && (
          <div class="success" role="status">
            <p>{t("authenticated", result.host)}</p>
            <p>
              {t("api2Product", result.product)} <code>{siemBatchPath(result.product)}</code>
              ).
            </p>
            <p>
              {result.files > 0
                ? result.files === 1
                  ? t("api2Batch")
                  : t("api2Batches", result.files)
                : t("api2CaughtUp")}
            </p>
          </div>
        )}
      </div>
    </section>
  );
}
