import { render } from "preact";
import { QUIET_URL_HINTS } from "../guide/types";
import type { ContentRequest, GuideView } from "../lib/guide-messages";
import { captureFrom } from "./capture";
import { FrameAgent } from "./frame-agent";
import { t } from "./i18n";
import { pageOutline } from "./outline";
import { Panel, type PanelAction } from "./overlay/Panel";
import { createOverlayHost } from "./overlay-host";
import { contextAlive, runtime, send } from "./runtime";
import { isPages, isStateMessage } from "./view-guard";

/** The panel's corner: its size and margin. */
const ZONE_WIDTH = 372;
const ZONE_HEIGHT = 440;
const OVERLAYS = '[role="dialog"], [aria-modal="true"], dialog[open], .cdk-overlay-pane, .ui-dialog';

/**
 * The panel normally sits bottom right. It moves left when that corner holds what the user needs:
 * the spotlighted control, or a dialog or side panel (their Next/Save buttons live down there).
 */
function rightCornerBusy(target: Element | null): boolean {
  const zoneLeft = window.innerWidth - ZONE_WIDTH;
  const zoneTop = window.innerHeight - ZONE_HEIGHT;
  const overlaps = (r: DOMRect) => r.width > 0 && r.right > zoneLeft && r.bottom > zoneTop;
  if (target && overlaps(target.getBoundingClientRect())) return true;
  return [...document.querySelectorAll(OVERLAYS)].some((d) => overlaps(d.getBoundingClientRect()));
}

/**
 * Entry point in every frame of a Mimecast page. The top frame also owns the guide panel. The
 * pages to recognise come from the service worker (the guide's data lives there only: keeping it
 * out of this script saves a fifth of its 20 KB budget); without valid pages, no guide.
 */
async function main(): Promise<void> {
  const href = location.href.toLowerCase();
  if (QUIET_URL_HINTS.some((h) => href.includes(h))) return;
  // One agent per document, even if the script is injected twice (extension reload).
  const marker = "__mimecastSetupGuide";
  const g = globalThis as unknown as Record<string, boolean>;
  if (g[marker]) return;
  g[marker] = true;

  const PAGES = await send({ type: "frame/pages" });
  if (!isPages(PAGES)) return;
  const isTop = window.top === window;
  const overlay = createOverlayHost(document);
  let current: GuideView | null = null;

  // Once the extension context is invalidated (extension reloaded or removed: `runtime.id` is gone
  // and `sendMessage` would throw), the agent stops and the overlay goes: checked before every
  // message and on every update.
  const alive = (): boolean => {
    if (contextAlive()) return true;
    agent.stop();
    return false;
  };
  const post = async (message: ContentRequest): Promise<unknown> => (alive() ? send(message) : undefined);
  const act = (action: PanelAction) => void post({ type: "panel/action", action });
  const renderPanel = (target: Element | null) => {
    if (!isTop) return;
    if (!current) {
      render(null, overlay.panelRoot);
      return;
    }
    const dockLeft = rightCornerBusy(target);
    const view = current;
    const page = PAGES.find((p) => p.id === view.pageId);
    render(
      <Panel
        view={view}
        act={act}
        dockLeft={dockLeft}
        switchPath={() => void post({ type: "panel/path", path: view.path === "api1" ? "api2" : "api1" })}
        report={async () => {
          const reply = (await post({ type: "panel/report", outline: pageOutline(document) })) as
            | { text?: unknown }
            | undefined;
          return typeof reply?.text === "string" ? reply.text : null;
        }}
        copy={(text) =>
          navigator.clipboard.writeText(text).then(
            () => true,
            () => false,
          )
        }
        fill={async () => {
          const reply = (await post({ type: "panel/fill" })) as { filled?: unknown } | undefined;
          const filled = reply?.filled;
          return Array.isArray(filled) && filled.every((f) => typeof f === "string") ? filled : null;
        }}
        canCapture={!!page?.capture}
        capture={async () => {
          // Read only now, on the user's click, and only what this page shows.
          const values = captureFrom(document, page);
          if (!values) return t("captureUnreadable");
          const reply = (await post({ type: "panel/capture", values })) as { ok?: boolean } | undefined;
          return t(reply?.ok ? "captureSent" : "captureNone");
        }}
      />,
      overlay.panelRoot,
    );
  };

  // The overlay host comes last in the page (its layer must paint over the console's, even at the
  // same z-index), so last in the tab order too: SHORTCUT (./overlay/Panel; by key position, so any
  // keyboard layout) takes keyboard users straight to the guide: the step title when the panel is
  // open, else the launcher. The user's own keys only.
  if (isTop) {
    addEventListener(
      "keydown",
      (e) => {
        if (e.isTrusted && e.altKey && e.shiftKey && e.code === "KeyG") {
          e.preventDefault();
          overlay.panelRoot.querySelector<HTMLElement>("h2,.launcher")?.focus();
        }
      },
      true,
    );
  }

  const agent = new FrameAgent(document, PAGES, overlay, post, (view, target) => {
    if (!alive()) return;
    current = view;
    renderPanel(target);
  });

  runtime()?.onMessage.addListener((message, _sender, respond) => {
    if (isStateMessage(message)) {
      agent.setView(message.view);
      return;
    }
    const m = message as { type?: unknown; id?: unknown } | null;
    if (m?.type === "bg/rehello") agent.rehello();
    if (m?.type === "bg/use-picked") agent.usePicked(m.id);
    // Answered at once (no `return true`): the same in Chrome and Firefox.
    if (m?.type === "bg/fill") respond({ filled: agent.fill() });
  });

  void agent.start().catch(() => undefined);
}

void main();
