import { useEffect, useRef, useState } from "preact/hooks";
import type { KeySession } from "../lib/schemas";
import { describeLifetime } from "../mimecast/lifetime";
import { regionById } from "../mimecast/regions";

interface Props {
  keys: KeySession;
  copy: (text: string) => Promise<boolean>;
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

  const doCopy = async (what: string, text: string) => {
    const done = await copy(text);
    setStatus(
      done ? `${what} copied.` : `Could not copy. Select the ${what.toLowerCase()} and press Ctrl+C.`,
    );
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
          <button type="button" onClick={() => doCopy("Access key", keys.accessKey)}>
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
          <button type="button" onClick={() => doCopy("Secret key", keys.secretKey)}>
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
          onClick={() => doCopy("Both keys", `Access key: ${keys.accessKey}\nSecret key: ${keys.secretKey}`)}
        >
          Copy both
        </button>
        <button type="button" class="danger" onClick={onForget}>
          Forget keys
        </button>
      </div>
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
    </section>
  );
}
