import { existsSync } from "node:fs";
import { join } from "node:path";
import { DIST } from "./harness";

/** The end-to-end tests drive the production build; they never build it themselves. */
export default function setup(): void {
  if (!existsSync(join(DIST, "manifest.json"))) {
    throw new Error("dist/ has no build: run `npm run build` (or `npm test`, which builds) first.");
  }
}
