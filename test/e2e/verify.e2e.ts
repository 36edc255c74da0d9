import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "puppeteer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  byText,
  choose,
  click,
  createApi2Application,
  open,
  panelButton,
  tick,
  type,
} from "../demo/console-driver";
import {
  API2_CLIENT_CAUGHT_UP,
  API2_CLIENT_CLOUD_INTEGRATED,
  API2_CLIENT_NO_SIEM,
  API2_CLIENT_NO_SIEM_PRODUCT,
  API2_CLIENT_NO_SIEM_ROLE,
  API2_CLIENT_RATE_LIMITED,
  SANDBOX_ACCOUNT_NAME,
  SANDBOX_APP_ID,
  SANDBOX_APP_KEY,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  SANDBOX_PASSWORD,
  sandboxAddress,
} from "../sandbox/accounts";
import { consoleSite } from "../sandbox/console-site";
import {
  buttonStartingWith,
  byLabel,
  fill,
  type Harness,
  persistentStorageText,
  resetExtensionState,
  startHarness,
} from "./harness";
import { waitForPanelTitle } from "./overlay";

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness({ site: consoleSite });
});

afterAll(async () => {
  await h?.close();
});

beforeEach(async () => {
  for (const p of await h.browser.pages()) await p.close();
  page = await h.browser.newPage();
  await page.goto(h.popupUrl);
  await resetExtensionState(page);
  await page.reload();
});

async function generate(email: string): Promise<void> {
  await fill(page, "Email address", email);
  await fill(page, "Password", SANDBOX_PASSWORD);
  await fill(page, "Application ID", SANDBOX_APP_ID);
  await (await buttonStartingWith(page, "Generate keys")).click();
  await page.waitForSelector("#access-key[readonly]", { timeout: 30_000 });
}

async function verifyApi1(appKey = SANDBOX_APP_KEY): Promise<string> {
  await fill(page, "Application key", appKey);
  await (await buttonStartingWith(page, "Verify keys")).click();
  return resultText("#verify1-heading");
}

/** The success or failure text that appears in the section headed by `heading`. */
async function resultText(heading: string): Promise<string> {
  const handle = await page.waitForFunction(
    (sel: string) => {
      const section = document.querySelector(sel)?.closest("section");
      const out = section?.querySelector(".success, [role=alert]");
      return out ? (out as HTMLElement).innerText : null;
    },
    { timeout: 30_000 },
    heading,
  );
  return (await handle.jsonValue()) as string;
}

async function pasteClipboard(): Promise<string> {
  const pad = await h.browser.newPage();
  await pad.setContent("<textarea id=pad></textarea>");
  await pad.focus("#pad");
  await pad.keyboard.down("Control");
  await pad.keyboard.press("V");
  await pad.keyboard.up("Control");
  const text = await pad.$eval("#pad", (el) => (el as HTMLTextAreaElement).value);
  await pad.close();
  return text;
}

describe("verify API 1.0 keys", () => {
  it("generate keys → verify → logs available, then export what the collector needs", async () => {
    const email = sandboxAddress("siem-service");
    await generate(email);
    const text = await verifyApi1();
    expect(text).toContain(`Connected to ${SANDBOX_ACCOUNT_NAME}`);
    expect(text).toMatch(/SIEM logs are available: Mimecast sent \S+\.zip \(\d/);
    const issued = [...h.sandbox.api.issued.values()].find((k) => k.email === email);
    expect(h.sandbox.api.seen.filter((r) => r.path === "/api/audit/get-siem-logs")).toHaveLength(1);

    // Copy: warned first, then the labelled text.
    await (await buttonStartingWith(page, "Copy collector settings")).click();
    expect(await page.evaluate(() => document.body.innerText)).toContain("These settings contain secrets");
    await (await buttonStartingWith(page, "Copy anyway")).click();
    await page.waitForFunction(() => document.body.innerText.includes("Collector settings copied"));
    const pasted = await pasteClipboard();
    expect(pasted).toContain("Base URL: https://eu-api.mimecast.com\n");
    expect(pasted).toContain(`Application ID: ${SANDBOX_APP_ID}\n`);
    expect(pasted).toContain(`Application Key: ${SANDBOX_APP_KEY}\n`);
    expect(pasted).toContain(`Access Key: ${issued?.accessKey}\n`);
    expect(pasted).toContain(`Secret Key: ${issued?.secretKey}\n`);
    expect(pasted).toContain(`Account name: ${SANDBOX_ACCOUNT_NAME}`);

    // Download: JSON bundle.
    const dir = mkdtempSync(join(tmpdir(), "siem-download-"));
    const cdp = await page.createCDPSession();
    await cdp.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: dir });
    await (await byLabel(page, "JSON")).click();
    await (await buttonStartingWith(page, "Download settings")).click();
    await (await buttonStartingWith(page, "Download anyway")).click();
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && !readdirSync(dir).some((f) => f.endsWith(".json"))) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const file = readdirSync(dir).find((f) => f.endsWith(".json"));
    expect(file).toMatch(/^mimecast-siem-settings-api1-\d{4}-\d{2}-\d{2}\.json$/);
    const bundle = JSON.parse(readFileSync(join(dir, file ?? ""), "utf8")) as Record<string, unknown>;
    expect(bundle).toMatchObject({
      format: "siem-setup-assistant-for-mimecast/collector-settings@1",
      api: "1.0",
      baseUrl: "https://eu-api.mimecast.com",
      applicationId: SANDBOX_APP_ID,
      applicationKey: SANDBOX_APP_KEY,
      accessKey: issued?.accessKey,
      secretKey: issued?.secretKey,
      accountName: SANDBOX_ACCOUNT_NAME,
    });
    expect(typeof bundle.createdAt).toBe("string");
    // Nothing secret reached persistent storage.
    const stored = await persistentStorageText(page);
    for (const secret of [SANDBOX_APP_KEY, issued?.secretKey ?? "<none>", issued?.accessKey ?? "<none>"]) {
      expect(stored).not.toContain(secret);
    }
  });

  const outcomes: [string, string, (() => Promise<void>) | undefined, string[]][] = [
    ["caught up", "caught-up", undefined, ["Connected and caught up"]],
    ["Enhanced Logging missing", "no-logging", undefined, ["Enable Enhanced Logging", "Basic Administrator"]],
    ["keys expired", "expired-keys", undefined, ["expired", "Never Expires"]],
    ["rate limited", "siem-rate-limited", undefined, ["rate limit", "Try again after"]],
  ];
  for (const [name, user, , expected] of outcomes) {
    it(`reports: ${name}`, async () => {
      await generate(sandboxAddress(user));
      const text = await verifyApi1();
      for (const e of expected) expect(text).toContain(e);
    });
  }

  it("names all three suspects when the signature is rejected", async () => {
    await generate(sandboxAddress("siem-service"));
    const text = await verifyApi1("d3JvbmctYXBwbGljYXRpb24ta2V5LXZhbHVlLTAwMDA=");
    expect(text).toContain("Application key");
    expect(text).toContain("Secret key");
    expect(text).toContain("Access key");
    expect(await page.$eval("#app-key", (el) => el.getAttribute("aria-invalid"))).toBe("true");
  });

  it("offers the right region when the logs live elsewhere", async () => {
    await generate(sandboxAddress("siem-service"));
    await (await byLabel(page, "Region")).select("de");
    const text = await verifyApi1();
    expect(text).toContain("not kept in Germany");
    await (await buttonStartingWith(page, "Use Europe")).click();
    expect(await page.$eval("#region", (el) => (el as HTMLSelectElement).value)).toBe("eu");
    await (await buttonStartingWith(page, "Verify keys")).click();
    await page.waitForFunction(() => document.body.innerText.includes("SIEM logs are available"), {
      timeout: 30_000,
    });
  });
});

describe("verify API 2.0 credentials", () => {
  async function verifyApi2(clientId: string, clientSecret: string): Promise<string> {
    await fill(page, "Client ID", clientId);
    await fill(page, "Client secret", clientSecret);
    await (await buttonStartingWith(page, "Verify API 2.0")).click();
    return resultText("#verify2-heading");
  }

  it("gets a token and reads SIEM data; the token is never stored", async () => {
    const text = await verifyApi2(SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET);
    expect(text).toContain("Authenticated with api.services.mimecast.com");
    expect(text).toContain("Mimecast product: Cloud Gateway (SIEM data from /siem/v1/batch/events/cg)");
    expect(text).toContain("Can read SIEM data");
    const stored = await persistentStorageText(page);
    expect(stored).not.toContain(SANDBOX_CLIENT_SECRET);
    await (await buttonStartingWith(page, "Copy collector settings")).click();
    await (await buttonStartingWith(page, "Copy anyway")).click();
    await page.waitForFunction(() => document.body.innerText.includes("Collector settings copied"));
    const pasted = await pasteClipboard();
    expect(pasted).toContain("Base URL: https://api.services.mimecast.com\n");
    expect(pasted).toContain(`Client ID: ${SANDBOX_CLIENT_ID}\n`);
    expect(pasted).toContain(`Client Secret: ${SANDBOX_CLIENT_SECRET}\n`);
  });

  const cases: [string, string, string, string[]][] = [
    ["caught up", API2_CLIENT_CAUGHT_UP.clientId, API2_CLIENT_CAUGHT_UP.clientSecret, ["caught up"]],
    [
      "Cloud Integrated account",
      API2_CLIENT_CLOUD_INTEGRATED.clientId,
      API2_CLIENT_CLOUD_INTEGRATED.clientSecret,
      [
        "Authenticated with api.services.mimecast.com",
        "Mimecast product: Cloud Integrated (SIEM data from /siem/v1/batch/events/ci)",
        "Can read SIEM data",
      ],
    ],
    [
      "not permitted",
      API2_CLIENT_NO_SIEM.clientId,
      API2_CLIENT_NO_SIEM.clientSecret,
      ["Threat and Security Events (SIEM) | Read", "NEW API 2.0 application"],
    ],
    [
      "role without SIEM read",
      API2_CLIENT_NO_SIEM_ROLE.clientId,
      API2_CLIENT_NO_SIEM_ROLE.clientSecret,
      ["role may not read SIEM data", "Threat and Security Events (SIEM) | Read", "Account › Admin Roles"],
    ],
    [
      "application without the SIEM product",
      API2_CLIENT_NO_SIEM_PRODUCT.clientId,
      API2_CLIENT_NO_SIEM_PRODUCT.clientSecret,
      [
        "does not include the SIEM product",
        "create a NEW API 2.0 application with the SIEM product selected",
        "“Configure New”",
        "Guide step: ",
        "The application is not subscribed to the SIEM product",
      ],
    ],
    [
      "rate limited",
      API2_CLIENT_RATE_LIMITED.clientId,
      API2_CLIENT_RATE_LIMITED.clientSecret,
      ["rate limit", "Try again after"],
    ],
    ["bad secret", SANDBOX_CLIENT_ID, "not-the-secret", ["rejected the Client ID and Client secret"]],
    ["unknown client", "no-such-client", "whatever-secret", ["rejected the Client ID and Client secret"]],
  ];
  for (const [name, id, secret, expected] of cases) {
    it(`reports: ${name}`, async () => {
      const text = await verifyApi2(id, secret);
      for (const e of expected) expect(text).toContain(e);
    });
  }
});

describe("capture from the console, only on the user's click", () => {
  /**
   * Clicks "Use in the assistant", opens the popup, checks it says where the values came from and
   * has not filled them in, clicks "Use these values", and waits until `field` shows `value`.
   */
  async function useInAssistant(field: string, value: string): Promise<Page> {
    await panelButton(page, "Use in the assistant");
    await page.waitForFunction(() =>
      (document.querySelector("[data-setup-guide]")?.shadowRoot?.textContent ?? "").includes(
        "Sent to the assistant",
      ),
    );
    const popup = await h.browser.newPage();
    await popup.goto(h.popupUrl);
    const use = await buttonStartingWith(popup, "Use these values");
    expect(await popup.$eval(field, (e) => (e as HTMLInputElement).value)).toBe("");
    expect(await popup.evaluate(() => document.body.innerText)).toContain("From login-eu.mimecast.com");
    await use.click();
    await popup.waitForFunction(
      (sel: string, v: string) => (document.querySelector(sel) as HTMLInputElement | null)?.value === v,
      {},
      field,
      value,
    );
    return popup;
  }

  it("API 1.0: Application ID and Application Key reach the popup after “Use in the assistant”", async () => {
    const top = page.mainFrame();
    await open(page, "login-eu.mimecast.com", "api-integrations");
    await click(top, '[role="tab"]', "Your Application Integrations");
    await click(top, "button", "Add API Application");
    await type(top, "Application Name", "SIEM Integration");
    await choose(top, "Category", "SIEM Integration");
    await tick(top, "Enable Extended Session");
    await type(top, "Description", "Log collection");
    await click(top, "mc-side-panel button", "Next");
    await type(top, "Developer", "Sandbox Admin");
    await type(top, "Email", "admin@sandbox-corp.example");
    await click(top, "mc-side-panel button", "Next");
    await click(top, "mc-side-panel button", "Add");
    await waitForPanelTitle(page, "Copy the Application ID and Application Key");
    await page.waitForSelector("[data-credential=application-key]", { visible: true });
    const appId = await page.$eval("[data-credential=application-id]", (e) => (e.textContent ?? "").trim());
    const appKey = await page.$eval("[data-credential=application-key]", (e) => (e.textContent ?? "").trim());
    // Nothing is sent before the click.
    const popup = await h.browser.newPage();
    await popup.goto(h.popupUrl);
    expect(
      await (await byLabel(popup, "Application ID")).evaluate((e) => (e as HTMLInputElement).value),
    ).toBe("");
    await popup.close();
    const after = await useInAssistant("#app-id", appId);
    expect(
      await (await byLabel(after, "Application key")).evaluate((e) => (e as HTMLInputElement).value),
    ).toBe(appKey);
    expect(await persistentStorageText(after)).not.toContain(appKey);
  });

  it("API 2.0: Client ID and Client Secret reach the popup", async () => {
    const top = page.mainFrame();
    await createApi2Application(page, "login-eu.mimecast.com");
    await byText(top, "dt", "Client Secret");
    await waitForPanelTitle(page, "Copy the Client ID and Client Secret");
    const clientId = await page.$eval("[data-credential=client-id]", (e) => (e.textContent ?? "").trim());
    const clientSecret = await page.$eval("[data-credential=client-secret]", (e) =>
      (e.textContent ?? "").trim(),
    );
    const after = await useInAssistant("#client-id", clientId);
    expect(await (await byLabel(after, "Client secret")).evaluate((e) => (e as HTMLInputElement).value)).toBe(
      clientSecret,
    );
  });
});
