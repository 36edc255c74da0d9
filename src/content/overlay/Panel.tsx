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

/** Brings the guide into reach from anywhere on the console page (see src/content/index.tsx). */
export const SHORTCUT = "Alt+Shift+G";

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

  const shown = view.open && !minimised;
  /**
   * Kept across renders (useState, not useRef: no extra hook code in the content script's budget).
   * `box`: the launcher, or the panel; `move`: focus the new one after this render.
   */
  const [focus] = useState({ box: null as HTMLElement | null, move: false, was: shown });
  const keep = (el: HTMLElement | null) => {
    focus.box = el;
  };
  if (focus.was !== shown) {
    // Rendering, so the old launcher or panel is still in the page: did it hold the focus? Only
    // then does focus follow (the user pressed the launcher, Minimise, Close or Escape); the panel
    // appearing by itself on page load leaves the console's focus alone.
    focus.move = !!focus.box?.matches(":focus-within");
    focus.was = shown;
  }
  useEffect(() => {
    if (!focus.move) return;
    focus.move = false;
    (shown ? focus.box?.querySelector("h2") : focus.box)?.focus();
  });

  // Say what to look for only after the page had a fair chance to render the control.
  useEffect(() => {
    setMissing(false);
    if (!expectsTarget || view.targetFound) return;
    const timer = setTimeout(() => setMissing(true), MISSING_AFTER_MS);
    return () => clearTimeout(timer);
  }, [step.id, expectsTarget, view.targetFound]);

  if (!shown) {
    // No aria-label: the name is the visible text (WCAG 2.5.3).
    return (
      <button
        type="button"
        class="launcher"
        data-setup-guide-launcher=""
        ref={keep}
        aria-keyshortcuts={SHORTCUT}
        onClick={() => {
          setMinimised(false);
          if (!view.open) act("open");
        }}
      >
        Setup guide {view.doneCount}/{view.total}
      </button>
    );
  }

  const firstTarget = step.targets[0];
  return (
    <section
      class={dockLeft ? "panel left" : "panel"}
      data-setup-guide-panel=""
      aria-label="Setup guide"
      ref={keep}
      onKeyDown={(e) => {
        // Ours alone: the console's dialog behind (the one the user is filling in) stays open.
        if (e.key === "Escape") {
          e.stopPropagation();
          setMinimised(true);
        }
      }}
    >
      {/* Only this line is live: a step change says where the user is, not the whole panel again. */}
      <p class="vh" role="status">
        Step {view.index} of {view.total}: {step.title}
      </p>
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
        aria-valuemax={view.total}
        aria-valuenow={view.doneCount}
        aria-label="Steps done"
      >
        {/* A guide of 0 steps: NaN%, an invalid width, so none. */}
        <span style={{ width: `${(100 * view.doneCount) / view.total}%` }} />
      </div>
      {view.notice && (
        <div class="note">
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
      {(onPage || step.page !== "popup") && (
        <p class="where">
          {onPage ? "You are on the right page: " : "Go to: "}
          {where(view)}
        </p>
      )}
      {missing && firstTarget && (
        <div class="note" role="status">
          <p>
            I can't find {firstTarget.describe} on this page. Look under {where(view)}; the console may have
            changed. Skip this step or mark it done.
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
