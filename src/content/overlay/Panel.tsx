import { Component } from "preact";
import { stepIsOn } from "../../guide/types";
import type { GuideView, PanelAction } from "../../lib/guide-messages";
import { t } from "../i18n";

export type { PanelAction };

interface Props {
  view: GuideView;
  act: (action: PanelAction) => void;
  switchPath: () => void;
  /** The report for the maintainers, written by the worker from this page's outline; null if unavailable. */
  report: () => Promise<string | null>;
  copy: (text: string) => Promise<boolean>;
  /** "Fill suggested values": what was filled (descriptions), null if the worker did not answer. */
  fill: () => Promise<string[] | null>;
  /** Sends the credentials shown on this page to the assistant; resolves to a status line. */
  capture: () => Promise<string>;
  /** The page in view shows credentials the assistant can use. */
  canCapture: boolean;
  /** The spotlight target overlaps the panel's corner: dock on the left instead. */
  dockLeft: boolean;
}

interface State {
  minimised: boolean;
  /** The step's control is still missing after MISSING_AFTER_MS. */
  missing: boolean;
  status: string;
  /** The report shown before it is copied. */
  report: string | null;
}

const MISSING_AFTER_MS = 4000;

/** Brings the guide into reach from anywhere on the console page (see src/content/index.tsx). */
export const SHORTCUT = "Alt+Shift+G";

function where(view: GuideView): string {
  const { classic, current } = view.step.menuPath;
  const a = current.join(" › ");
  const b = classic.join(" › ");
  return a === b ? a : t("olderConsoles", a, b);
}

/** One of the panel's buttons: a label from the messages, a look (`primary`, `link`), an action. */
function button(label: string, onClick: () => unknown, look?: string, disabled?: boolean) {
  return (
    <button type="button" class={look} disabled={disabled} onClick={onClick}>
      {label}
    </button>
  );
}

/** A class component: preact/hooks would cost ~1 KB of the content script's 20 KB budget. */
export class Panel extends Component<Props, State> {
  override state: State = { minimised: false, missing: false, status: "", report: null };
  /** The launcher, or the panel. */
  private box: HTMLElement | null = null;
  /** Whether the panel (not the launcher) was shown at the last render, and whether focus follows. */
  private was: boolean | undefined;
  private move = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private watched = "";

  private readonly keep = (el: HTMLElement | null) => {
    this.box = el;
  };

  override componentDidMount(): void {
    this.componentDidUpdate();
  }

  override componentWillUnmount(): void {
    clearTimeout(this.timer);
  }

  override componentDidUpdate(): void {
    if (this.move) {
      this.move = false;
      (this.shown() ? this.box?.querySelector("h2") : this.box)?.focus();
    }
    // Say what to look for only after the page had a fair chance to render the control.
    const v = this.props.view;
    const expects = stepIsOn(v.step, v.pageId) && (v.step.targets.length > 0 || !!v.learned);
    const watched = `${v.step.id}|${expects && !v.targetFound}`;
    if (watched === this.watched) return;
    this.watched = watched;
    clearTimeout(this.timer);
    if (this.state.missing) this.setState({ missing: false });
    if (!expects || v.targetFound) return;
    this.timer = setTimeout(() => {
      this.setState({ missing: true });
      // What the user showed the guide is not there either: the worker drops it, with a note.
      if (this.props.view.learned) this.props.act("learned-lost");
    }, MISSING_AFTER_MS);
  }

  private shown(): boolean {
    return this.props.view.open && !this.state.minimised;
  }

  private say = (status: string) => this.setState({ status });

  render(
    { view, act, switchPath, capture, canCapture, dockLeft }: Props,
    { missing, status, report }: State,
  ) {
    const shown = this.shown();
    if (this.was !== shown) {
      // Rendering, so the old launcher or panel is still in the page: did it hold the focus? Only
      // then does focus follow (the user pressed the launcher, Minimise, Close or Escape); the panel
      // appearing by itself on page load leaves the console's focus alone.
      this.move = this.was !== undefined && !!this.box?.matches(":focus-within");
      this.was = shown;
    }
    const step = view.step;
    const onPage = stepIsOn(step, view.pageId);

    if (!shown) {
      // No aria-label: the name is the visible text (WCAG 2.5.3).
      return (
        <button
          type="button"
          class="launcher"
          data-setup-guide-launcher=""
          ref={this.keep}
          aria-keyshortcuts={SHORTCUT}
          onClick={() => {
            this.setState({ minimised: false });
            if (!view.open) act("open");
          }}
        >
          {t("launcher", view.doneCount, view.total)}
        </button>
      );
    }

    const picked = view.picked;
    const reportButton = (
      <button
        type="button"
        class="link"
        onClick={async () => {
          const text = await this.props.report();
          this.setState(text ? { report: text, status: "" } : { status: t("reportFailed") });
        }}
      >
        {t("reportButton")}
      </button>
    );
    return (
      <section
        class={dockLeft ? "panel left" : "panel"}
        data-setup-guide-panel=""
        aria-label={t("panelLabel")}
        ref={this.keep}
        onKeyDown={(e) => {
          // Ours alone: the console's dialog behind (the one the user is filling in) stays open.
          if (e.key === "Escape") {
            e.stopPropagation();
            this.setState({ minimised: true });
          }
        }}
      >
        {/* Only this line is live: a step change says where the user is, not the whole panel again. */}
        <p class="vh" role="status">
          {t("stepLive", view.index, view.total, step.title)}
        </p>
        <div class="head">
          <strong>
            {t("setupHead", view.path === "api1" ? "API 1.0" : "API 2.0", view.index, view.total)}
          </strong>
          <button
            type="button"
            class="icon"
            aria-label={t("minimise")}
            onClick={() => this.setState({ minimised: true })}
          >
            –
          </button>
          <button type="button" class="icon" aria-label={t("close")} onClick={() => act("close")}>
            ×
          </button>
        </div>
        <div
          class="bar"
          role="progressbar"
          aria-valuemax={view.total}
          aria-valuenow={view.doneCount}
          aria-label={t("stepsDone")}
        >
          {/* A guide of 0 steps: NaN%, an invalid width, so none. */}
          <span style={{ width: `${(100 * view.doneCount) / view.total}%` }} />
        </div>
        {view.notice && (
          <div class="note">
            <p>{view.notice}</p>
            {button(t("gotIt"), () => act("dismiss-notice"), "link")}
          </div>
        )}
        <h2 tabIndex={-1}>{step.title}</h2>
        {view.stepDone && <p class="done-badge">{t("done")}</p>}
        <p class="why">{step.why}</p>
        <ol>
          {step.instructions.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ol>
        {(onPage || step.page !== "popup") && (
          <p class="where">{t(onPage ? "rightPage" : "goTo", where(view))}</p>
        )}
        {view.picking ? (
          <div class="note" role="status">
            <p>
              {!picked
                ? t("pickPrompt")
                : picked.ok
                  ? t("pickUnderstood", picked.summary)
                  : t("pickUnclear", picked.summary || t("thatControl"))}
            </p>
            {picked?.ok && button(t("useThis", picked.summary), () => act("pick-confirm"), "primary")}
            {button(t("cancel"), () => act("pick-cancel"))}
          </div>
        ) : (
          missing &&
          step.targets.length > 0 && (
            <div class="note" role="status">
              <p>{t("missing", step.targets.map((x) => x.describe).join(t("or")), where(view))}</p>
              {button(t("showMe"), () => act("pick"), "primary")}
              {reportButton}
            </div>
          )
        )}
        {view.learnedUsed && !view.picking && (
          <div class="note">
            <p>{t("learned")}</p>
            {button(t("forgetLearned"), () => act("forget-learned"), "link")}
            {reportButton}
          </div>
        )}
        {report !== null && (
          <div class="note">
            <p>{t("reportIntro")}</p>
            <textarea readOnly rows={7} aria-label={t("reportLabel")} value={report} />
            <button
              type="button"
              class="primary"
              onClick={async () =>
                this.setState({
                  report: null,
                  status: t((await this.props.copy(report)) ? "reportCopied" : "copyFailed"),
                })
              }
            >
              {t("copyReport")}
            </button>
            <button type="button" onClick={() => this.setState({ report: null })}>
              {t("cancel")}
            </button>
          </div>
        )}
        {(canCapture || (onPage && step.suggest)) && (
          <div class="row">
            {canCapture && button(t("useInAssistant"), async () => this.say(await capture()), "primary")}
            {onPage && step.suggest && (
              <button
                type="button"
                onClick={async () => {
                  const filled = await this.props.fill();
                  this.say(
                    !filled
                      ? t("fillFailed")
                      : filled.length
                        ? t("filled", filled.join(", "))
                        : t("nothingToFill"),
                  );
                }}
              >
                {t("fill")}
              </button>
            )}
          </div>
        )}
        <div class="row">
          {button(t("back"), () => act("back"), undefined, view.index <= 1)}
          {button(t("next"), () => act("next"), undefined, view.index >= view.total)}
          {button(t("markDone"), () => act("done"), "primary", view.stepDone)}
          {button(t("skip"), () => act("skip"))}
        </div>
        <div class="foot">
          {button(t(view.path === "api1" ? "useApi2" : "useApi1"), switchPath, "link")}
          {button(t("startOver"), () => act("start-over"), "link")}
        </div>
        <p class="status" role="status">
          {status}
        </p>
      </section>
    );
  }
}
