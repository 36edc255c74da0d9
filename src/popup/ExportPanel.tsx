import { useEffect, useRef, useState } from "preact/hooks";
import { bundleFileName, bundleJson, bundleText, type CollectorSettings } from "../lib/collector-bundle";
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
        <h2 id="export-heading">Hand over to the collector</h2>
        <p class="hint">
          Verify the credentials first; then you can copy or download what the collector needs.
        </p>
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
          copied: "Collector settings copied.",
          failed: "Could not copy the collector settings: use Download settings instead.",
        }),
      );
    } else if (pending === "download") {
      const name = bundleFileName(settings, made).replace(/\.json$/, format === "json" ? ".json" : ".txt");
      const done = await download(name, text, format === "json" ? "application/json" : "text/plain");
      setStatus(done ? `Saved ${name}. Delete it once the collector is set up.` : "Could not save the file.");
    }
    setPending(undefined);
  };

  return (
    <section class="export" aria-labelledby="export-heading" ref={box}>
      <h2 id="export-heading">Hand over to the collector</h2>
      <fieldset class="field">
        <legend>Format</legend>
        <label>
          <input type="radio" name="format" checked={format === "text"} onChange={() => setFormat("text")} />
          Labelled text (for the collector's form)
        </label>
        <label>
          <input type="radio" name="format" checked={format === "json"} onChange={() => setFormat("json")} />
          JSON
        </label>
      </fieldset>
      {!pending && (
        <div class="actions">
          <button type="button" onClick={() => setPending("copy")}>
            Copy collector settings
          </button>
          <button type="button" onClick={() => setPending("download")}>
            Download settings
          </button>
        </div>
      )}
      {pending && (
        <div class="warning" role="alertdialog" aria-labelledby="export-warning">
          <p id="export-warning">
            These settings contain secrets (
            {settings.api === "1.0" ? "Application key, Access key, Secret key" : "Client secret"}
            ). Paste them only into your SIEM collector or a password manager, and send them only through a
            secure channel.
          </p>
          {pending === "copy" && (
            <p class="hint">
              The clipboard is cleared after 60 seconds, unless you have copied something else by then.
            </p>
          )}
          <div class="actions">
            <button type="button" class="primary" onClick={() => void confirm()}>
              {pending === "copy" ? "Copy anyway" : "Download anyway"}
            </button>
            <button type="button" onClick={() => setPending(undefined)}>
              Cancel
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
