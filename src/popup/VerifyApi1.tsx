import { useState } from "preact/hooks";
import { t } from "../lib/i18n";
import type { VerifyApi1Reply } from "../lib/messages";
import type { VerifyApi1InputMessage, VerifyApi1Result } from "../lib/schemas";
import { regionById } from "../mimecast/regions";
import { BusyButton } from "./BusyButton";
import { FailureNote } from "./FailureNote";
import { Field } from "./Field";
import type { UiFailure } from "./services";

interface Props {
  /** Application ID from the form above; keys from generation when there are some. */
  appId: string;
  regionId: string;
  email: string;
  generated: { accessKey: string; secretKey: string; regionId: string } | undefined;
  appKey: string;
  onAppKey: (v: string) => void;
  verify: (input: VerifyApi1InputMessage) => Promise<VerifyApi1Reply>;
  onVerified: (result: VerifyApi1Result, input: VerifyApi1InputMessage) => void;
  onUseRegion: (regionId: string) => void;
  now: number;
}

/** The file's size as Mimecast announced it (Content-Length), if it did. */
function sizeText(bytes: number | undefined): string {
  if (bytes === undefined) return t("sizeUnknown");
  if (bytes < 1024) return t("sizeBytes", bytes);
  if (bytes < 1024 * 1024) return t("sizeKb", (bytes / 1024).toFixed(1));
  return t("sizeMb", (bytes / (1024 * 1024)).toFixed(1));
}

export function VerifyApi1({
  appId,
  regionId,
  email,
  generated,
  appKey,
  onAppKey,
  verify,
  onVerified,
  onUseRegion,
  now,
}: Props) {
  const [accessKey, setAccessKey] = useState("");
  const [secretKey, setSecretKey] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<UiFailure | undefined>();
  const [result, setResult] = useState<VerifyApi1Result | undefined>();

  const run = async () => {
    setBusy(true);
    setFailure(undefined);
    setResult(undefined);
    const input: VerifyApi1InputMessage = {
      appId,
      appKey,
      accessKey: generated?.accessKey ?? accessKey,
      secretKey: generated?.secretKey ?? secretKey,
      regionId: generated && regionId === "auto" ? generated.regionId : regionId,
      ...(email.trim() ? { email: email.trim() } : {}),
    };
    // One check per click, never retried automatically.
    const reply = await verify(input);
    setBusy(false);
    if (!reply.ok) {
      setFailure(reply.failure);
      return;
    }
    setResult(reply.result);
    onVerified(reply.result, input);
  };

  const at = failure?.field;
  const region = result ? regionById(result.regionId) : undefined;
  const suggested = failure?.suggestedRegion ? regionById(failure.suggestedRegion) : undefined;
  // A failure shows beside its field when that field is on screen; generated keys have no field here.
  const inline = at === "appKey" || (!generated && (at === "accessKey" || at === "secretKey"));
  return (
    <section class="verify" aria-labelledby="verify1-heading">
      <h2 id="verify1-heading">{t("verify1Heading")}</h2>
      <p class="hint">{generated ? t("verify1HintGenerated") : t("verify1Hint")}</p>
      <Field
        id="app-key"
        label={t("appKeyLabel")}
        type="password"
        value={appKey}
        onInput={onAppKey}
        failure={failure}
        atFault={at === "appKey"}
        now={now}
      />
      {!generated && (
        <>
          <Field
            id="verify-access-key"
            label={t("accessKeyLabel")}
            value={accessKey}
            onInput={setAccessKey}
            failure={failure}
            atFault={at === "accessKey"}
            now={now}
          />
          <Field
            id="verify-secret-key"
            label={t("secretKeyLabel")}
            type="password"
            value={secretKey}
            onInput={setSecretKey}
            failure={failure}
            atFault={at === "secretKey"}
            now={now}
          />
        </>
      )}
      {failure && !inline && <FailureNote failure={failure} id="verify1-error" now={now} />}
      {suggested && (
        <button type="button" onClick={() => onUseRegion(suggested.id)}>
          {t("useRegion", suggested.name, suggested.host)}
        </button>
      )}
      <BusyButton label={t("verifyKeys")} busy={busy} run={run} />
      {/* Present from the start, so the result is read when it arrives (a new region may not be). */}
      <div aria-live="polite">
        {result && (
          <div class="success" role="status">
            <p>
              {region
                ? t("connectedToIn", result.accountName || t("yourAccount"), result.accountCode, region.name)
                : t("connectedTo", result.accountName || t("yourAccount"), result.accountCode)}
            </p>
            {result.siem.kind === "logs" ? (
              <p>{t("siemLogs", result.siem.fileName, sizeText(result.siem.size))}</p>
            ) : (
              <p>{t("siemCaughtUp")}</p>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
