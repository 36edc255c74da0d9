/** Overlay CSS, inside our shadow root only: the console's CSS cannot reach it and it cannot reach the console. */
import css from "./overlay.css?inline";

export const OVERLAY_CSS: string = css;
