import type { Frame, Page } from "puppeteer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GUIDE } from "../../src/guide";
import { click, legacy, open } from "../demo/console-driver";
import { CONSOLE_HOSTS, type ConsoleGeneration, consoleSite } from "../sandbox/console-site";
import { freshConsolePage, type Harness, startHarness } from "./harness";
import { panelText, spotlightBox, waitForPanelText, waitForPanelTitle, waitForSpotlightOn } from "./overlay";

/**
 * `?variant=renamed`: the simulated console after an update that renamed and moved two controls the
 * guide looks for (Integrations Hub › "Mimecast API 2.0" › "Configure New" is "Connect" in the tile's
 * footer; Applications › Authentication Profiles › "New Authentication Profile" is "Create profile"
 * below the list). The guide must not guess: no spotlight, and the panel says what it cannot find.
 * Without the variant the same page state has the spotlight on the control.
 */

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness({ site: consoleSite });
});

afterAll(async () => {
  await h?.close();
});

beforeEach(async () => {
  page = await freshConsolePage(h);
});

const RENAMED = { variant: "renamed" };
const titleOf = (id: string): string => GUIDE.steps.find((s) => s.id === id)?.title ?? id;

/** The panel's missing-target note (shown 4 s after the guide last found a target), then no spotlight. */
async function expectMissing(frame: Frame | Page): Promise<void> {
  await waitForPanelText(page, "I can't find");
  expect(await spotlightBox(frame)).toBeNull();
  expect(await spotlightBox(page)).toBeNull();
}

describe("console variant “renamed”: the guide does not find renamed controls", () => {
  it("Integrations Hub: “Configure New” is spotlit; renamed “Connect” is not, and still starts the wizard", async () => {
    const host = CONSOLE_HOSTS.current;
    await open(page, host, "integrations-hub");
    await waitForPanelTitle(page, titleOf("api2-new-application"));
    await page.bringToFront();
    await waitForSpotlightOn(page, { css: "mc-hub-tile button", text: "Configure New" });

    await open(page, host, "integrations-hub", RENAMED);
    await waitForPanelTitle(page, titleOf("api2-new-application"));
    await page.bringToFront();
    await page.waitForSelector("mc-hub-tile footer button", { visible: true });
    await expectMissing(page);
    expect(await panelText(page)).toContain("“Configure New” button of the Mimecast API 2.0 tile");
    await click(page.mainFrame(), "mc-hub-tile footer button", "Connect");
    await page.waitForSelector("mat-dialog-container", { visible: true });
  });

  for (const gen of ["current", "classic", "ci"] as const satisfies readonly ConsoleGeneration[]) {
    const host = CONSOLE_HOSTS[gen];
    // Classic: a tab strip; the others: a button beside "New Application Settings".
    const profilesControl = gen === "classic" ? '[role="tab"]' : "button";

    it(`Applications (${gen}): “New Authentication Profile” is spotlit; renamed “Create profile” is not`, async () => {
      await open(page, host, "applications");
      await waitForPanelTitle(page, titleOf("auth-profile"));
      await page.bringToFront();
      let frame = await legacy(page, "applications");
      await click(frame, profilesControl, "Authentication Profiles");
      await waitForSpotlightOn(frame, { css: "button", text: "New Authentication Profile" });

      await open(page, host, "applications", RENAMED);
      await waitForPanelTitle(page, titleOf("auth-profile"));
      await page.bringToFront();
      frame = await legacy(page, "applications");
      expect(await frame.evaluate(() => location.search)).toContain("variant=renamed");
      // The list of application settings: the way to the profiles is still there and spotlit.
      await waitForSpotlightOn(frame, { css: profilesControl, text: "Authentication Profiles" });
      await click(frame, profilesControl, "Authentication Profiles");
      await frame.waitForSelector("section button", { visible: true });
      await expectMissing(frame);
      await click(frame, "section button", "Create profile");
      // The same form: the guide finds its next target, the TTL list.
      await waitForSpotlightOn(frame, { css: "select" });
    });
  }
});
