import { useState } from "preact/hooks";
import type { VerifyApi1Reply } from "../lib/messages";
import type { VerifyApi1InputMessage, VerifyApi1Result } from "../lib/schemas";
import { regionById } from "../mimecast/regions";
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
  if (bytes === undefined) return "size unknown";
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
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
      <h2 id="verify1-heading">Verify API 1.0 keys</h2>
      <p class="hint">
        Signs a call with the keys, then asks Mimecast for SIEM logs. Uses the Application ID and region above
        {generated ? " and the keys generated above." : "."}
      </p>
      <Field
        id="app-key"
        label="Application key"
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
            label="Access key"
            value={accessKey}
            onInput={setAccessKey}
            failure={failure}
            atFault={at === "accessKey"}
            now={now}
          />
          <Field
            id="verify-secret-key"
            label="Secret key"
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
          Use {suggested.name} ({suggested.host})
        </button>
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
        Verify keys{busy ? " (checking…)" : ""}
      </button>
      {/* Present from the start, so the result is read when it arrives (a new region may not be). */}
      <div aria-live="polite">
        {result && (
          <div class="success" role="status">
            <p>
              ✓ Connected to <strong>{result.accountName || "your account"}</strong> ({result.accountCode}
              {region ? `, ${region.name}` : ""}).
            </p>
            {result.siem.kind === "logs" ? (
              <p>
                ✓ SIEM logs are available: Mimecast sent {result.siem.fileName} ({sizeText(result.siem.size)}
                ). It was not kept.
              </p>
            ) : (
              <p>
                ✓ Connected and caught up: Mimecast has no new SIEM logs right now. The collector will pick
                them up.
              </p>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
