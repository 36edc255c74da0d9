import { config } from "zod/mini";

/**
 * zod 4 compiles object parsers with `new Function` and, to find out whether it may, probes
 * `Function("")` when the first object schema is built. Our CSP has no 'unsafe-eval', so the probe
 * only throws (and is reported as a CSP violation). jitless turns both off: the probe is skipped
 * and parsing is interpreted. Imported FIRST by every entry point that loads zod (worker, popup,
 * offscreen document), before any module that builds a schema.
 */
config({ jitless: true });
