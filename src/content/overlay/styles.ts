/** Overlay CSS, inside our shadow root only: the console's CSS cannot reach it and it cannot reach the console. */
export const OVERLAY_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.layer { position: fixed; inset: 0; pointer-events: none; z-index: 2147483647;
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
  --bg: #ffffff; --fg: #111827; --muted: #4b5563; --border: #cbd5e1; --accent: #1d4ed8; --accent-fg: #fff;
  --ring: #f59e0b; --warn-bg: #fef3c7; --warn-fg: #78350f; --focus: #f59e0b; }
@media (prefers-color-scheme: dark) {
  .layer { --bg: #111827; --fg: #f3f4f6; --muted: #9ca3af; --border: #374151; --accent: #3b82f6;
    --accent-fg: #0b1220; --warn-bg: #422006; --warn-fg: #fde68a; }
}
[data-setup-guide-spotlight] { position: fixed; left: 0; top: 0; border: 3px solid var(--ring); border-radius: 6px;
  box-shadow: 0 0 0 4px rgba(245, 158, 11, 0.35), 0 0 18px rgba(245, 158, 11, 0.6); pointer-events: none;
  animation: pulse 1.2s ease-in-out 3; }
[data-setup-guide-spotlight][hidden] { display: none; }
@keyframes pulse { 50% { box-shadow: 0 0 0 8px rgba(245, 158, 11, 0.15), 0 0 24px rgba(245, 158, 11, 0.8); } }
.panel { position: fixed; right: 16px; bottom: 16px; width: 340px; max-height: calc(100vh - 32px); overflow: auto;
  pointer-events: auto; background: var(--bg); color: var(--fg); border: 1px solid var(--border);
  border-radius: 10px; box-shadow: 0 10px 30px rgba(0, 0, 0, 0.25); padding: 12px 14px; }
.panel.left { right: auto; left: 16px; }
.head { display: flex; align-items: center; gap: 6px; margin-bottom: 6px; }
.head strong { flex: 1; font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
h2 { font-size: 15px; margin: 4px 0 4px; }
p { margin: 0 0 6px; }
.why { color: var(--muted); }
ol { margin: 4px 0 8px; padding-left: 20px; }
li { margin-bottom: 3px; }
.where { font-size: 12px; color: var(--muted); }
.bar { height: 4px; background: var(--border); border-radius: 2px; overflow: hidden; margin: 2px 0 8px; }
.bar > span { display: block; height: 100%; background: var(--accent); }
.note { background: var(--warn-bg); color: var(--warn-fg); border-radius: 6px; padding: 6px 8px; margin: 6px 0; }
.row { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
.foot { display: flex; justify-content: space-between; gap: 6px; margin-top: 8px; font-size: 12px; }
button { font: inherit; padding: 5px 10px; border-radius: 6px; border: 1px solid var(--border); background: var(--bg);
  color: var(--fg); cursor: pointer; }
button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-fg); font-weight: 600; }
button.link { border: none; background: none; padding: 2px 0; color: var(--accent); text-decoration: underline; }
button.icon { padding: 2px 8px; }
button:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.launcher { position: fixed; right: 16px; bottom: 16px; pointer-events: auto; border-radius: 999px; padding: 8px 14px;
  background: var(--accent); color: var(--accent-fg); border: none; box-shadow: 0 4px 14px rgba(0,0,0,.25); font-weight: 600; }
.done-badge { color: #15803d; font-weight: 600; }
.status { font-size: 12px; color: var(--muted); min-height: 1em; }
@media (prefers-reduced-motion: reduce) { [data-setup-guide-spotlight] { animation: none; } }
`;
