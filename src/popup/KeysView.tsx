import { useEffect, useRef, useState } from "preact/hooks";
import type { KeySession } from "../lib/schemas";
import { describeLifetime } from "../mimecast/lifetime";
import { regionById } from "../mimecast/regions";
import { COPY_BY_HAND, type CopyOutcome, copyStatus } from "./copy";

interface Props {
  keys: KeySession;
  copy: (text: string) => Promise<CopyOutcome>;
  onForget: () => void;
  /** Move focus here when the keys have just been generated (not when restored on reopening). */
  focusOnMount: boolean;
}

export function KeysView({ keys, copy, onForget, focusOnMount }: Props) {
  const [showSecret, setShowSecret] = useState(false);
  const [status, setStatus] = useState("");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const lifetime = describeLifetime(keys.durationMs);
  const region = regionById(keys.regionId);

  useEffect(() => {
    if (focusOnMount) headingRef.current?.focus();
  }, [keys.accessKey]);

  const doCopy = async (text: string, texts: { copied: string; failed: string }) => {
    setStatus(copyStatus(await copy(text), texts));
  };

  return (
    <section class="keys" aria-labelledby="keys-heading">
      <h2 id="keys-heading" ref={headingRef} tabIndex={-1}>
        Your API keys
      </h2>
      <p class="hint">
        For {keys.email}
        {region ? ` in ${region.name} (${region.host})` : ""}.
      </p>
      <div class="field">
        <label for="access-key">Access key</label>
        <div class="key-row">
          <input
            id="access-key"
            type="text"
            readOnly
            spellcheck={false}
            autocomplete="off"
            value={keys.accessKey}
          />
          <button
            type="button"
            onClick={() =>
              doCopy(keys.accessKey, {
                copied: "Access key copied.",
                failed: `Could not copy the access key: select it and ${COPY_BY_HAND}.`,
              })
            }
          >
            Copy<span class="visually-hidden"> access key</span>
          </button>
        </div>
      </div>
      <div class="field">
        <label for="secret-key">Secret key</label>
        <div class="key-row">
          <input
            id="secret-key"
            type={showSecret ? "text" : "password"}
            readOnly
            spellcheck={false}
            autocomplete="off"
            value={keys.secretKey}
          />
          <button
            type="button"
            aria-pressed={showSecret}
            aria-controls="secret-key"
            onClick={() => setShowSecret(!showSecret)}
          >
            {showSecret ? "Hide" : "Show"}
            <span class="visually-hidden"> secret key</span>
          </button>
          <button
            type="button"
            onClick={() =>
              doCopy(keys.secretKey, {
                copied: "Secret key copied.",
                // A hidden (password) field cannot be copied from by hand.
                failed: `Could not copy the secret key: press Show, select it and ${COPY_BY_HAND}.`,
              })
            }
          >
            Copy<span class="visually-hidden"> secret key</span>
          </button>
        </div>
      </div>
      <p class={lifetime.neverExpires ? "lifetime ok" : "lifetime warn"}>
        Key lifetime: <strong>{lifetime.text}</strong>.
      </p>
      {!lifetime.neverExpires && (
        <p class="warning" role="note">
          A SIEM collector needs keys that do not expire. In the console, set the authentication profile's
          Authentication TTL to “Never Expires” (guide step “Authentication profile”), then generate keys
          again.
        </p>
      )}
      <div class="actions">
        <button
          type="button"
          class="primary"
          onClick={() =>
            doCopy(`Access key: ${keys.accessKey}\nSecret key: ${keys.secretKey}`, {
              copied: "Both keys copied.",
              failed: `Could not copy the keys: copy each one by hand (press Show for the secret key, select it and ${COPY_BY_HAND}).`,
            })
          }
        >
          Copy both
        </button>
        <button type="button" class="danger" onClick={onForget}>
          Forget keys and secrets
        </button>
      </div>
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
    </section>
  );
}
