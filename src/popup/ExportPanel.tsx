import { useEffect, useRef, useState } from "preact/hooks";
import { bundleFileName, bundleJson, bundleText, type CollectorSettings } from "../lib/collector-bundle";
import { t } from "../lib/i18n";
import { type CopyOutcome, copyStatus } from "./copy";

interface Props {
  settings: CollectorSettings | undefined;
  copy: (text: string) => Promise<CopyOutcome>;
  download: (fileName: string, text: string, type: string) => Promise<boolean>;
  now: () => number;
}

type Pending = "copy" | "download" | undefined;

/** Hand-over: the verified values as labelled text or JSON, after a warning that they are secrets. */
export function ExportPanel({ settings, copy, download, now }: Props) {
  const [format, setFormat] = useState<"text" | "json">("text");
  const [pending, setPending] = useState<Pending>();
  const [status, setStatus] = useState("");
  // The buttons that open and answer the warning replace each other: focus goes with them, to the
  // warning's confirm button and back to the button that opened it, never dropping to the body.
  const box = useRef<HTMLElement>(null);
  const openedBy = useRef<Pending>();
  useEffect(() => {
    if (pending) openedBy.current = pending;
    const i = pending ? 0 : openedBy.current === "download" ? 1 : 0;
    if (pending || openedBy.current)
      box.current?.querySelectorAll<HTMLElement>(".actions button")[i]?.focus();
  }, [pending]);

  if (!settings) {
    return (
      <section class="export" aria-labelledby="export-heading">
        <h2 id="export-heading">{t("exportHeading")}</h2>
        <p class="hint">{t("exportFirst")}</p>
      </section>
    );
  }

  const made = new Date(now());
  const text = format === "json" ? bundleJson(settings, made) : bundleText(settings, made);

  const confirm = async () => {
    if (pending === "copy") {
      // The worker clears it (see src/background/clipboard.ts): this window may close any moment.
      setStatus(
        copyStatus(await copy(text), {
          copied: t("exportCopied"),
          failed: t("exportCopyFailed"),
        }),
      );
    } else if (pending === "download") {
      const name = bundleFileName(settings, made).replace(/\.json$/, format === "json" ? ".json" : ".txt");
      const done = await download(name, text, format === "json" ? "application/json" : "text/plain");
      setStatus(done ? t("exportSaved", name) : t("exportSaveFailed"));
    }
    setPending(undefined);
  };

  return (
    <section class="export" aria-labelledby="export-heading" ref={box}>
      <h2 id="export-heading">{t("exportHeading")}</h2>
      <fieldset class="field">
        <legend>{t("exportFormat")}</legend>
        <label>
          <input type="radio" name="format" checked={format === "text"} onChange={() => setFormat("text")} />
          {t("exportText")}
        </label>
        <label>
          <input type="radio" name="format" checked={format === "json"} onChange={() => setFormat("json")} />
          {t("exportJson")}
        </label>
      </fieldset>
      {!pending && (
        <div class="actions">
          <button type="button" onClick={() => setPending("copy")}>
            {t("exportCopy")}
          </button>
          <button type="button" onClick={() => setPending("download")}>
            {t("exportDownload")}
          </button>
        </div>
      )}
      {pending && (
        <div class="warning" role="alertdialog" aria-labelledby="export-warning">
          <p id="export-warning">
            {t("exportWarning", settings.api === "1.0" ? t("exportSecrets1") : t("clientSecretLabel"))}
          </p>
          {pending === "copy" && <p class="hint">{t("exportClipboard")}</p>}
          <div class="actions">
            <button type="button" class="primary" onClick={() => void confirm()}>
              {pending === "copy" ? t("copyAnyway") : t("downloadAnyway")}
            </button>
            <button type="button" onClick={() => setPending(undefined)}>
              {t("cancelButton")}
            </button>
          </div>
        </div>
      )}
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
    </section>
  );
}
