// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { detectPage, gatherSignals, MIN_SCORE, scorePage } from "../../../src/content/detect";
import { PAGES } from "../../../src/guide/pages";

function signals(html: string, url = "https://login-eu.mimecast.com/administration/app/#/") {
  document.body.innerHTML = html;
  return gatherSignals(document, url);
}

describe("detectPage", () => {
  it("recognises a page by its visible heading and controls, the URL only helping", () => {
    const s = signals(
      `<h1>Account Settings</h1><button>Enhanced Logging</button>`,
      "https://x/#/account-settings",
    );
    expect(detectPage(PAGES, s)).toEqual({ pageId: "account-settings", score: expect.any(Number) });
  });

  it("never decides on the URL alone", () => {
    const s = signals(
      `<p>Loading…</p>`,
      "https://login-eu.mimecast.com/administration/app/#/account-settings",
    );
    expect(detectPage(PAGES, s)).toBeNull();
  });

  it("uses the last breadcrumb level", () => {
    const s = signals(
      `<div class="mc-crumbs"><div><span>Account</span></div><div><span>Roles</span></div></div>`,
    );
    const page = PAGES.find((p) => p.id === "roles");
    expect(page && scorePage(page, s)).toBeGreaterThanOrEqual(MIN_SCORE);
  });

  it("lets an open wizard win over the page beneath it", () => {
    const s = signals(
      `<h1>API and Platform Integrations</h1><div role="tab">Available Integrations</div>
       <h3>Mimecast API 2.0</h3><button>Generate Keys</button>
       <aside><h2>Add API Application</h2><h3>Application Details</h3><label><input type="checkbox">Enable Extended Session</label></aside>`,
      "https://x/#/api-integrations",
    );
    expect(detectPage(PAGES, s)?.pageId).toBe("api1-wizard");
  });

  it("ignores hidden text", () => {
    const s = signals(
      `<div style="display:none"><h1>Internal Directories</h1><button>New Address</button></div>`,
    );
    expect(detectPage(PAGES, s)).toBeNull();
  });

  it("does not recognise unrelated console pages", () => {
    const s = signals(`<h1>Message Center</h1><div role="tab">Held Messages</div><button>Release</button>`);
    expect(detectPage(PAGES, s)).toBeNull();
  });
});
