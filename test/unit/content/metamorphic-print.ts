/**
 * Prints the metamorphic locator matrix outside vitest: `npx tsx test/unit/content/metamorphic-print.ts`.
 * The DOM is a happy-dom Window (the same DOM the unit tests use).
 */
import { Window } from "happy-dom";
import { locate } from "../../../src/content/locate";
import { computeMatrix, formatMatrix } from "./metamorphic-harness";

const window = new Window({ url: "https://login-us.mimecast.com/administration/app/" });
const parser = new window.DOMParser();
const matrix = computeMatrix({
  locate,
  parse: (html) => parser.parseFromString(html, "text/html") as unknown as Document,
  frameHost: window.document as unknown as Document,
});
console.log(formatMatrix(matrix));
await window.happyDOM.close();
