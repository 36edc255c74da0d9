import type { Page } from "puppeteer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SANDBOX_APP_ID, SANDBOX_PASSWORD, sandboxAddress } from "../sandbox/accounts";
import {
  buttonStartingWith,
  byLabel,
  fill,
  type Harness,
  persistentStorageText,
  resetExtensionState,
  startHarness,
} from "./harness";

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

beforeEach(async () => {
  await page?.close();
  page = await h.browser.newPage();
  await page.goto(h.popupUrl);
  // Start each test from a clean slate: no remembered form values, no keys from a previous test.
  await resetExtensionState(page);
  await page.reload();
});

async function generate(
  email: string,
  options: { password?: string; appId?: string; domain?: boolean; region?: string } = {},
) {
  await fill(page, "Email address", email);
  await fill(page, "Password", options.password ?? SANDBOX_PASSWORD);
  await fill(page, "Application ID", options.appId ?? SANDBOX_APP_ID);
  if (options.domain) await (await byLabel(page, "Domain password (Active Directory)")).click();
  if (options.region) await (await byLabel(page, "Region")).select(options.region);
  await (await buttonStartingWith(page, "Generate keys")).click();
}

async function alertText(): Promise<string> {
  const handle = await page.waitForSelector("[role=alert]", { timeout: 30_000 });
  return (await handle?.evaluate((el) => (el as HTMLElement).innerText)) ?? "";
}

async function value(label: string): Promise<string> {
  return (await byLabel(page, label)).evaluate((el) => (el as HTMLInputElement).value);
}

/** The sandbox's record of the keys it issued for an address. */
function issuedFor(email: string) {
  return [...h.sandbox.api.issued.values()].filter((k) => k.email === email).at(-1);
}

describe("popup: generate keys", () => {
  it("shows the exact keys, secret with its = padding decoded from \\u003d", async () => {
    const email = sandboxAddress("siem-service");
    await generate(email);
    await page.waitForSelector("#access-key", { timeout: 30_000 });
    const issued = issuedFor(email);
    expect(issued).toBeDefined();
    expect(issued?.secretKey.endsWith("=")).toBe(true);
    expect(await value("Access key")).toBe(issued?.accessKey);
    expect(await value("Secret key")).toBe(issued?.secretKey);
    const secret = await byLabel(page, "Secret key");
    expect(
      await secret.evaluate((el) => [(el as HTMLInputElement).readOnly, (el as HTMLInputElement).type]),
    ).toEqual([true, "password"]);
    expect(await page.evaluate(() => document.body.innerText)).toContain("never expires");
    // The discovered region's host received the login.
    expect(
      h.sandbox.api.seen.some((r) => r.host === "eu-api.mimecast.com" && r.path === "/api/login/login"),
    ).toBe(true);
  });

  it("keeps keys for the browser session only and never stores the password or keys persistently", async () => {
    const email = sandboxAddress("siem-de");
    await generate(email);
    await page.waitForSelector("#access-key", { timeout: 30_000 });
    const issued = issuedFor(email);
    await page.reload();
    await page.waitForSelector("#access-key");
    expect(await value("Access key")).toBe(issued?.accessKey);
    const stored = await persistentStorageText(page);
    expect(stored).toContain(email); // remembered, not secret
    expect(stored).not.toContain(SANDBOX_PASSWORD);
    expect(stored).not.toContain(issued?.accessKey ?? "<none>");
    expect(stored).not.toContain(issued?.secretKey ?? "<none>");
    // "Forget keys" removes them from the session too.
    await (await buttonStartingWith(page, "Forget keys")).click();
    await page.waitForFunction(() => !document.querySelector("#access-key"));
    await page.reload();
    await byLabel(page, "Email address");
    expect(await page.$("#access-key")).toBeNull();
  });

  it("copies keys with the Copy buttons", async () => {
    const email = sandboxAddress("siem-us");
    await generate(email, { region: "us" });
    await page.waitForSelector("#access-key", { timeout: 30_000 });
    const issued = issuedFor(email);
    await (await buttonStartingWith(page, "Copy both")).click();
    await page.waitForFunction(() =>
      document.querySelector("[role=status]")?.textContent?.includes("copied"),
    );
    // Read the real clipboard back the way a person would: paste into a text box.
    const pad = await h.browser.newPage();
    await pad.setContent("<textarea id=pad></textarea>");
    await pad.focus("#pad");
    await pad.keyboard.down("Control");
    await pad.keyboard.press("V");
    await pad.keyboard.up("Control");
    const pasted = await pad.$eval("#pad", (el) => (el as HTMLTextAreaElement).value);
    await pad.close();
    expect(pasted).toBe(`Access key: ${issued?.accessKey}\nSecret key: ${issued?.secretKey}`);
    // A chosen region skips discovery and logs in at that region's host.
    expect(h.sandbox.api.seen.at(-1)).toEqual({ host: "us-api.mimecast.com", path: "/api/login/login" });
  });

  it("uses Basic-AD when Domain password is chosen", async () => {
    const email = sandboxAddress("domain-user");
    await generate(email);
    expect(await alertText()).toContain("Domain password");
    await (await byLabel(page, "Domain password (Active Directory)")).click();
    await (await buttonStartingWith(page, "Generate keys")).click();
    await page.waitForSelector("#access-key", { timeout: 30_000 });
    expect(await value("Access key")).toBe(issuedFor(email)?.accessKey);
  });

  it("warns when keys expire, pointing at the Authentication TTL step", async () => {
    await generate(sandboxAddress("short-ttl"));
    await page.waitForSelector("#access-key", { timeout: 30_000 });
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain("expires after 8 hours");
    expect(text).toContain("Authentication TTL");
    expect(text).toContain("Never Expires");
  });

  it("checks the form locally before calling Mimecast", async () => {
    const before = h.sandbox.api.seen.length;
    await fill(page, "Email address", "not-an-address");
    await (await buttonStartingWith(page, "Generate keys")).click();
    expect(await alertText()).toContain("email address");
    expect(h.sandbox.api.seen.length).toBe(before);
  });
});

interface Scenario {
  readonly name: string;
  readonly email: string;
  readonly appId?: string;
  readonly password?: string;
  readonly expect: readonly string[];
  /** The id of the field the message must sit next to; undefined for form-level messages. */
  readonly field?: string;
}

const scenarios: readonly Scenario[] = [
  {
    name: "unknown email",
    email: sandboxAddress("nobody"),
    expect: ["does not know this email address"],
    field: "email",
  },
  {
    name: "invalid email (Mimecast validation)",
    email: "siem@localhost",
    expect: ["not a valid email address", "err_validation_invalid_email_address"],
    field: "email",
  },
  {
    name: "discover points off the allow-list",
    email: sandboxAddress("off-list"),
    expect: ["not a Mimecast API host", "password was not sent"],
    field: "region",
  },
  {
    name: "wrong password",
    email: sandboxAddress("siem-service"),
    password: "wrong",
    expect: ["rejected the email address and password", "Domain password"],
    field: "password",
  },
  {
    name: "unknown application ID (HTTP 200 failure)",
    email: sandboxAddress("siem-service"),
    appId: "not-a-real-app",
    expect: ["does not recognise this Application ID", "30 minutes", "err_developer_key"],
    field: "app-id",
  },
  {
    name: "forbidden address (403)",
    email: sandboxAddress("forbidden"),
    expect: ["does not allow this user", "err_xdk_operation_forbidden_for_address"],
    field: "email",
  },
  { name: "binding expired (418)", email: sandboxAddress("expired"), expect: ["expired", "Never Expires"] },
  {
    name: "rate limited (429)",
    email: sandboxAddress("rate-limited"),
    expect: ["rate limit", "Try again after", "seconds"],
  },
  {
    name: "server error (503)",
    email: sandboxAddress("server-error"),
    expect: ["HTTP 503", "Try again in a few minutes"],
  },
  { name: "HTML instead of JSON", email: sandboxAddress("proxy-page"), expect: ["a web page", "proxy"] },
  { name: "empty body", email: sandboxAddress("empty-answer"), expect: ["empty answer"] },
  { name: "network failure", email: sandboxAddress("dropped"), expect: ["Could not reach api.mimecast.com"] },
  {
    name: "unknown Mimecast error code",
    email: sandboxAddress("new-error"),
    expect: ["err_sandbox_account_suspended", "Account suspended pending review"],
  },
  {
    name: "timeout after 20 seconds",
    email: sandboxAddress("slow"),
    expect: ["did not answer within 20 seconds"],
  },
];

describe("popup: every failure names the cause and the fix, and the form stays usable", () => {
  for (const s of scenarios) {
    it(s.name, { timeout: 60_000 }, async () => {
      await generate(s.email, {
        ...(s.appId ? { appId: s.appId } : {}),
        ...(s.password ? { password: s.password } : {}),
      });
      const text = await alertText();
      for (const part of s.expect) expect(text).toContain(part);
      expect(text).not.toContain(SANDBOX_PASSWORD);
      if (s.field) {
        const describedBy = await page.$eval(`#${s.field}`, (el) => el.getAttribute("aria-describedby"));
        expect(describedBy).toBe(`${s.field}-error`);
        expect(await page.$eval(`#${s.field}-error`, (el) => (el as HTMLElement).innerText)).toBe(text);
      }
      // Usable afterwards: the button is enabled again and a correct attempt succeeds.
      const button = await buttonStartingWith(page, "Generate keys");
      expect(await button.evaluate((b) => b.disabled)).toBe(false);
      await fill(page, "Email address", sandboxAddress("siem-service"));
      await fill(page, "Password", SANDBOX_PASSWORD);
      await fill(page, "Application ID", SANDBOX_APP_ID);
      await button.click();
      await page.waitForSelector("#access-key", { timeout: 30_000 });
      expect(await page.$("[role=alert]")).toBeNull();
    });
  }
});
