// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { pageOutline } from "../../../src/content/outline";
import { signatureOf } from "../../../src/content/pick";
import { hostFamily, maintainerReport, safeLabel } from "../../../src/guide/report";

/**
 * "Copy report for the maintainers": a console page full of personal and customer data goes in;
 * none of it may come out, while the page's structure (headings, tabs, buttons, labels) does.
 */
const PERSONAL = [
  "jane.doe@acme-corp.example",
  "Jane Doe",
  "+44 20 7946 0958",
  "7946",
  "Acme Corp Ltd",
  "https://acme-corp.example/portal",
  "10 Downing Street",
  "c0ffee00deadbeef1234abcd",
  "hunter2-password",
  "SW1A 2AA",
  "acme-corp.example",
];

function personalPage(): Document {
  document.title = "Acme Corp Ltd - Mimecast";
  document.body.innerHTML = `
    <header class="user-menu"><button aria-haspopup="menu">Jane Doe</button></header>
    <nav aria-label="breadcrumb"><span>Users &amp; Groups</span><span>Internal Directories</span></nav>
    <h1>Internal Directories</h1>
    <h2>jane.doe@acme-corp.example</h2>
    <div role="tablist"><div role="tab">Domains</div><div role="tab">Account 7946</div></div>
    <section>
      <h3>Authentication Profiles</h3>
      <button>New Address</button>
      <button>Call +44 20 7946 0958</button>
      <button>Visit https://acme-corp.example/portal</button>
      <label for="email">Email Address</label><input id="email" type="text" value="jane.doe@acme-corp.example">
      <label for="street">Street</label><input id="street" type="text" value="10 Downing Street">
      <label for="zip">Postcode</label><input id="zip" type="text" value="SW1A 2AA">
      <label for="pw">Password</label><input id="pw" type="password" value="hunter2-password">
      <textarea aria-label="Notes">Acme Corp Ltd, c0ffee00deadbeef1234abcd</textarea>
      <table><caption>Addresses</caption>
        <tr><th>Address</th><th>Name</th></tr>
        <tr role="row"><td>jane.doe@acme-corp.example</td><td><button>Jane Doe</button></td></tr>
        <tr><td>Acme Corp Ltd</td><td>acme-corp.example</td></tr>
      </table>
      <button id="create">Create profile</button>
    </section>`;
  return document;
}

describe("maintainer report", () => {
  it("keeps the page's structure and none of its data", () => {
    const doc = personalPage();
    const created = doc.getElementById("create");
    if (!created) throw new Error("no control");
    const learned = signatureOf(created);
    expect(learned).toMatchObject({
      role: "button",
      name: "Create profile",
      anchor: "Authentication Profiles",
    });
    const text = maintainerReport({
      version: "1.2.3",
      stepId: "auth-profile",
      pageId: "internal-directories",
      host: "login-eu.mimecast.com",
      outline: { ...pageOutline(doc), route: "/administration/app/#/users/4711/jane.doe@acme-corp.example" },
      ...(learned && { learned }),
    });
    for (const secret of PERSONAL) expect(text, `${secret} leaked:\n${text}`).not.toContain(secret);
    expect(text).toContain("Step: auth-profile");
    expect(text).toContain("Console: login-eu (mimecast.com), newer");
    expect(text).toContain("Shown control: button “Create profile”");
    expect(text).toContain("Shown control's anchor: Authentication Profiles");
    expect(text).toContain("Internal Directories");
    expect(text).toContain("New Address");
    expect(text).toContain("Email Address");
    expect(text).toContain("Route: /administration/app/#/users/:id/:id");
  });

  it("never reports a picked table row's text (it is table contents)", () => {
    const doc = personalPage();
    const row = doc.querySelector('tr[role="row"]');
    if (!row) throw new Error("no row");
    const sig = signatureOf(row);
    expect(sig?.role).toBe("row");
    const text = maintainerReport({
      version: "1",
      stepId: "role",
      pageId: null,
      host: "login.mimecast.com",
      outline: { route: "/", headings: [], tabs: [], buttons: [], labels: [] },
      ...(sig && { learned: sig }),
    });
    expect(text).toContain("a table row: its text is not reported");
    for (const secret of PERSONAL) expect(text).not.toContain(secret);
  });

  it("filters anything that looks like data, whatever the content script sent", () => {
    for (const data of [
      "a@b",
      "call 0800 123",
      "https://x",
      "www.acme.example",
      "4f9c2a7d1e8b3c6a5f0d",
      "x".repeat(61),
    ])
      expect(safeLabel(data), data).toBeNull();
    for (const label of ["Authentication Profiles", "Save and Exit", "New Address"])
      expect(safeLabel(label)).toBe(label);
    expect(safeLabel("Bad\u202Ename\u0007")).toBe("Badname");
  });

  it("reports the console's family and region only", () => {
    expect(hostFamily("login-eu.mimecast.com")).toBe("login-eu (mimecast.com)");
    expect(hostFamily("login-uspcom.mimecast-pscom-us.com")).toBe("login-uspcom (mimecast-pscom-us.com)");
    expect(hostFamily("evil.example")).toBe("unknown");
  });
});
