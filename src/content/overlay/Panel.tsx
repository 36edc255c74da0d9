import { useEffect, useState } from "preact/hooks";
import { stepIsOn } from "../../guide/types";
import type { GuideView } from "../../lib/guide-messages";

export type PanelAction =
  | "next"
  | "back"
  | "done"
  | "skip"
  | "start-over"
  | "open"
  | "close"
  | "dismiss-notice";

interface Props {
  view: GuideView;
  act: (action: PanelAction) => void;
  switchPath: () => void;
  copyOutline: () => Promise<boolean>;
  /** Sends the credentials shown on this page to the assistant; resolves to a status line. */
  capture: () => Promise<string>;
  /** The page in view shows credentials the assistant can use. */
  canCapture: boolean;
  /** The spotlight target overlaps the panel's corner: dock on the left instead. */
  dockLeft: boolean;
}

const MISSING_AFTER_MS = 4000;

function where(view: GuideView): string {
  const { classic, current } = view.step.menuPath;
  const a = current.join(" › ");
  const b = classic.join(" › ");
  return a === b ? a : `${a} (older consoles: ${b})`;
}

export function Panel({ view, act, switchPath, copyOutline, capture, canCapture, dockLeft }: Props) {
  const [minimised, setMinimised] = useState(false);
  const [missing, setMissing] = useState(false);
  const [status, setStatus] = useState("");
  const step = view.step;
  const onPage = stepIsOn(step, view.pageId);
  const expectsTarget = onPage && step.targets.length > 0;

  // Say what to look for only after the page had a fair chance to render the control.
  useEffect(() => {
    setMissing(false);
    if (!expectsTarget || view.targetFound) return;
    const timer = setTimeout(() => setMissing(true), MISSING_AFTER_MS);
    return () => clearTimeout(timer);
  }, [step.id, expectsTarget, view.targetFound]);

  if (!view.open || minimised) {
    return (
      <button
        type="button"
        class="launcher"
        data-setup-guide-launcher=""
        aria-label={`Open the setup guide (${view.doneCount} of ${view.total} steps done)`}
        onClick={() => {
          setMinimised(false);
          if (!view.open) act("open");
        }}
      >
        Setup guide {view.doneCount}/{view.total}
      </button>
    );
  }

  const percent = Math.round((view.doneCount / Math.max(view.total, 1)) * 100);
  const firstTarget = step.targets[0];
  return (
    <section
      class={dockLeft ? "panel left" : "panel"}
      data-setup-guide-panel=""
      aria-label="Mimecast SIEM setup guide"
      aria-live="polite"
    >
      <div class="head">
        <strong>
          {view.path === "api1" ? "API 1.0" : "API 2.0"} setup · Step {view.index} of {view.total}
        </strong>
        <button type="button" class="icon" aria-label="Minimise the guide" onClick={() => setMinimised(true)}>
          –
        </button>
        <button type="button" class="icon" aria-label="Close the guide" onClick={() => act("close")}>
          ×
        </button>
      </div>
      <div
        class="bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={view.total}
        aria-valuenow={view.doneCount}
        aria-label="Steps done"
      >
        <span style={{ width: `${percent}%` }} />
      </div>
      {view.notice && (
        <div class="note" role="note">
          <p>{view.notice}</p>
          <button type="button" class="link" onClick={() => act("dismiss-notice")}>
            Got it
          </button>
        </div>
      )}
      <h2 tabIndex={-1}>{step.title}</h2>
      {view.stepDone && <p class="done-badge">✓ Done</p>}
      <p class="why">{step.why}</p>
      <ol>
        {step.instructions.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ol>
      {!onPage && step.page !== "popup" && <p class="where">Go to: {where(view)}</p>}
      {onPage && <p class="where">You are on the right page: {where(view)}</p>}
      {missing && firstTarget && (
        <div class="note" role="status">
          <p>
            I can't find {firstTarget.describe} on this page. Look for it under {where(view)}; the console may
            have changed. You can skip this step or mark it done.
          </p>
          <button
            type="button"
            class="link"
            onClick={async () =>
              setStatus((await copyOutline()) ? "Page outline copied." : "Could not copy the outline.")
            }
          >
            Copy page outline
          </button>
        </div>
      )}
      {canCapture && (
        <div class="row">
          <button type="button" class="primary" onClick={async () => setStatus(await capture())}>
            Use in the assistant
          </button>
        </div>
      )}
      <div class="row">
        <button type="button" onClick={() => act("back")} disabled={view.index <= 1}>
          Back
        </button>
        <button type="button" onClick={() => act("next")} disabled={view.index >= view.total}>
          Next
        </button>
        <button type="button" class="primary" onClick={() => act("done")} disabled={view.stepDone}>
          Mark done
        </button>
        <button type="button" onClick={() => act("skip")}>
          Skip
        </button>
      </div>
      <div class="foot">
        <button type="button" class="link" onClick={switchPath}>
          {view.path === "api1" ? "Use API 2.0 instead" : "Use API 1.0 instead"}
        </button>
        <button type="button" class="link" onClick={() => act("start-over")}>
          Start over
        </button>
      </div>
      <p class="status" role="status">
        {status}
      </p>
    </section>
  );
}
