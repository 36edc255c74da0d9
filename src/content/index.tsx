import { render } from "preact";
import { type DetectablePage, QUIET_URL_HINTS } from "../guide/types";
import type { ContentRequest, GuideView } from "../lib/guide-messages";
import { captureFrom } from "./capture";
import { FrameAgent } from "./frame-agent";
import { outlineFor } from "./outline-copy";
import { Panel, type PanelAction } from "./overlay/Panel";
import { createOverlayHost } from "./overlay-host";
import { contextAlive, runtime, send } from "./runtime";
import { isStateMessage } from "./view-guard";

/** The guide's pages (src/guide/pages.ts), inlined by the build as JSON (see vite.config.ts). */
declare const __CONSOLE_PAGES__: readonly DetectablePage[];
const PAGES = __CONSOLE_PAGES__;

const PANEL_ZONE = { width: 372, height: 440 };
const OVERLAYS = '[role="dialog"], [aria-modal="true"], dialog[open], .cdk-overlay-pane, .ui-dialog';

/**
 * The panel normally sits bottom right. It moves left when that corner holds what the user needs:
 * the spotlighted control, or a dialog or side panel (their Next/Save buttons live down there).
 */
function rightCornerBusy(target: Element | null): boolean {
  const zoneLeft = window.innerWidth - PANEL_ZONE.width;
  const zoneTop = window.innerHeight - PANEL_ZONE.height;
  const overlaps = (r: DOMRect) => r.width > 0 && r.right > zoneLeft && r.bottom > zoneTop;
  if (target && overlaps(target.getBoundingClientRect())) return true;
  return Array.from(document.querySelectorAll(OVERLAYS)).some((d) => overlaps(d.getBoundingClientRect()));
}

/** Entry point in every frame of a Mimecast page. The top frame also owns the guide panel. */
function main(): void {
  const href = location.href.toLowerCase();
  if (QUIET_URL_HINTS.some((h) => href.includes(h))) return;
  // One agent per document, even if the script is injected twice (extension reload).
  const marker = "__mimecastSetupGuide";
  const g = globalThis as unknown as Record<string, boolean>;
  if (g[marker]) return;
  g[marker] = true;

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
        copyOutline={() => outlineFor(document, view)}
        canCapture={!!page?.capture}
        capture={async () => {
          // Read only now, on the user's click, and only what this page shows.
          const values = captureFrom(document, page);
          if (!values) return "Could not read the values on this page: copy them by hand.";
          const reply = (await post({ type: "panel/capture", values })) as { ok?: boolean } | undefined;
          return reply?.ok
            ? "Sent to the assistant: open its popup to verify them."
            : "The assistant did not take the values: it does not see new credentials on this page yet. Try again in a moment, or copy them by hand.";
        }}
      />,
      overlay.panelRoot,
    );
  };

  const agent = new FrameAgent(document, PAGES, overlay, post, (view, target) => {
    if (!alive()) return;
    current = view;
    renderPanel(target);
  });

  runtime()?.onMessage.addListener((message: unknown) => {
    if (isStateMessage(message)) {
      agent.setView(message.view);
      return;
    }
    if ((message as { type?: unknown } | null)?.type === "bg/rehello") agent.rehello();
  });

  void agent.start().catch(() => undefined);
}

main();
