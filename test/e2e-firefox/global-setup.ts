import { existsSync } from "node:fs";
import { join } from "node:path";
import { DIST_FIREFOX, firefoxExecutable } from "./harness";

/**
 * The Firefox tests drive the production Firefox build; they never build it themselves. Without a
 * Firefox they are skipped with a message on a laptop, and fail in CI (`CI` set, as .ci/run does).
 */
export default function setup(): void {
  const firefox = firefoxExecutable();
  if (!firefox) {
    const how = "install it (`sudo apt-get install -y firefox-esr`) or set FIREFOX_BIN";
    if (process.env.CI) throw new Error(`CI is set but no Firefox was found: ${how}.`);
    console.warn(`\n*** SKIPPED: the Firefox tests (test/e2e-firefox/) need Firefox; ${how}. ***\n`);
    return;
  }
  if (!existsSync(join(DIST_FIREFOX, "manifest.json"))) {
    throw new Error("dist-firefox/ has no build: run `npm run build:firefox` (or `npm test`) first.");
  }
  console.info(`Firefox tests use ${firefox}`);
}
