import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../lib/i18n";
import type { KeySession } from "../lib/schemas";
import { describeLifetime } from "../mimecast/lifetime";
import { regionById } from "../mimecast/regions";
import { type CopyOutcome, copyByHand, copyStatus } from "./copy";

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
        {t("keysHeading")}
      </h2>
      <p class="hint">
        {region ? t("keysForIn", keys.email, region.name, region.host) : t("keysFor", keys.email)}
      </p>
      <div class="field">
        <label for="access-key">{t("accessKeyLabel")}</label>
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
                copied: t("accessKeyCopied"),
                failed: t("accessKeyCopyFailed", copyByHand()),
              })
            }
          >
            {t("copyButton")}
            <span class="visually-hidden"> {t("copyAccessKeyHidden")}</span>
          </button>
        </div>
      </div>
      <div class="field">
        <label for="secret-key">{t("secretKeyLabel")}</label>
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
            {showSecret ? t("hideButton") : t("showButton")}
            <span class="visually-hidden"> {t("copySecretKeyHidden")}</span>
          </button>
          <button
            type="button"
            onClick={() =>
              doCopy(keys.secretKey, {
                copied: t("secretKeyCopied"),
                // A hidden (password) field cannot be copied from by hand.
                failed: t("secretKeyCopyFailed", copyByHand()),
              })
            }
          >
            {t("copyButton")}
            <span class="visually-hidden"> {t("copySecretKeyHidden")}</span>
          </button>
        </div>
      </div>
      <p class={lifetime.neverExpires ? "lifetime ok" : "lifetime warn"}>
        {t("keyLifetime")} <strong>{lifetime.text}</strong>.
      </p>
      {!lifetime.neverExpires && (
        <p class="warning" role="note">
          {t("keysExpire")}
        </p>
      )}
      <div class="actions">
        <button
          type="button"
          class="primary"
          onClick={() =>
            doCopy(t("bothKeysText", keys.accessKey, keys.secretKey), {
              copied: t("bothCopied"),
              failed: t("bothCopyFailed", copyByHand()),
            })
          }
        >
          {t("copyBoth")}
        </button>
        <button type="button" class="danger" onClick={onForget}>
          {t("forgetButton")}
        </button>
      </div>
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
    </section>
  );
}
