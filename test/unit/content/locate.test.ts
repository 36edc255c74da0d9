// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from "vitest";
import { captions } from "../../../src/content/accessible-name";
import { alreadyDone, locate, locateFirst } from "../../../src/content/locate";
import type { TargetSpec } from "../../../src/guide/types";

const t = (
  role: TargetSpec["role"],
  name: string | string[],
  extra: Partial<TargetSpec> = {},
): TargetSpec => ({
  role,
  name: typeof name === "string" ? [name] : name,
  describe: "x",
  ...extra,
});

function page(html: string): Document {
  document.body.innerHTML = html;
  return document;
}

beforeEach(() => {
  document.body.innerHTML = "";
});

describe("locate", () => {
  it("prefers an exact name over a normalised one over a contained one", () => {
    const d = page(`
      <button id="contains">Add API Application now</button>
      <button id="normal">  add   api application </button>
      <button id="exact">Add API Application</button>`);
    expect(locate(d, t("button", "Add API Application"))?.id).toBe("exact");
    d.getElementById("exact")?.remove();
    expect(locate(d, t("button", "Add API Application"))?.id).toBe("normal");
    d.getElementById("normal")?.remove();
    expect(locate(d, t("button", "Add API Application"))?.id).toBe("contains");
  });

  it("never matches hidden elements", () => {
    const d = page(`
      <div style="display:none"><button id="a">Save and Exit</button></div>
      <button id="b" hidden>Save and Exit</button>
      <button id="c" style="visibility:hidden">Save and Exit</button>
      <div aria-hidden="true"><button id="d">Save and Exit</button></div>`);
    expect(locate(d, t("button", "Save and Exit"))).toBeNull();
    d.body.insertAdjacentHTML("beforeend", `<button id="e">Save and Exit</button>`);
    expect(locate(d, t("button", "Save and Exit"))?.id).toBe("e");
  });

  it("names form controls by their label, aria-label, aria-labelledby or legacy table cell", () => {
    const d = page(`
      <label for="i1">Inbound</label><input type="checkbox" id="i1">
      <label><input type="checkbox" id="i2"> Outbound</label>
      <input type="checkbox" id="i3" aria-label="Internal">
      <span id="lbl">Authentication TTL</span><select id="ttl" aria-labelledby="lbl"><option>Never Expires</option></select>
      <table><tr><td>Description</td><td><input id="desc" type="text"></td></tr></table>`);
    expect(locate(d, t("checkbox", "Inbound"))?.id).toBe("i1");
    expect(locate(d, t("checkbox", "Outbound"))?.id).toBe("i2");
    expect(locate(d, t("checkbox", "Internal"))?.id).toBe("i3");
    expect(locate(d, t("combobox", "Authentication TTL"))?.id).toBe("ttl");
    expect(locate(d, t("textbox", "Description"))?.id).toBe("desc");
    expect(captions(d.getElementById("desc") as Element)).toContain("Description");
  });

  it("keeps a candidate within the container that holds the anchor text", () => {
    const d = page(`
      <section><h3>Directory Options</h3><label><input type="checkbox" id="wrong"> Inbound</label></section>
      <section><h3>Enhanced Logging</h3><label><input type="checkbox" id="right"> Inbound</label></section>`);
    expect(locate(d, t("checkbox", "Inbound", { within: "Enhanced Logging" }))?.id).toBe("right");
    expect(locate(d, t("checkbox", "Inbound", { within: "No Such Section" }))).toBeNull();
  });

  it("picks the control nearest a label (the + beside Root)", () => {
    const d = page(`
      <ul>
        <li><span>Root</span><button id="root-plus" title="Create new folder">+</button>
          <ul><li><span>Sales</span><button id="sales-plus">+</button></li></ul>
        </li>
      </ul>`);
    expect(locate(d, t("button", "+", { near: "Root" }))?.id).toBe("root-plus");
    expect(locate(d, t("button", "+", { near: "Sales" }))?.id).toBe("sales-plus");
  });

  it("does not let a one-character name match by containment", () => {
    const d = page(`<button id="x">Add + Remove</button>`);
    expect(locate(d, t("button", "+"))).toBeNull();
  });

  it("matches table rows by a cell, tabs by role, menu items and text", () => {
    const d = page(`
      <table><tr id="r1"><td><img alt=""></td><td>Full Administrator</td></tr>
      <tr id="r2"><td><img alt=""></td><td>Basic Administrator</td></tr></table>
      <div role="tablist"><div role="tab" id="tab">Authentication Profiles</div></div>
      <ul role="menu"><li role="menuitem" id="mi">Add users to role</li></ul>
      <dl><dt id="appid">Application ID</dt><dd>1234</dd></dl>`);
    expect(locate(d, t("row", "Basic Administrator"))?.id).toBe("r2");
    expect(locate(d, t("tab", "Authentication Profiles"))?.id).toBe("tab");
    expect(locate(d, t("menuitem", "Add users to role"))?.id).toBe("mi");
    expect(locate(d, t("text", "Application ID"))?.id).toBe("appid");
  });

  it("accepts alternative names (older and newer console labels)", () => {
    const d = page(`<button id="b">Configure New</button>`);
    expect(locate(d, t("button", ["Generate Keys", "Configure New"]))?.id).toBe("b");
  });

  it("falls back to CSS only when no name matches", () => {
    const d = page(`<div class="odd-widget" id="w"></div>`);
    expect(locate(d, t("button", "Nothing", { css: ".odd-widget" }))?.id).toBe("w");
  });

  it("locateFirst returns the latest visible stage", () => {
    const d = page(`<button id="new">New Address</button>`);
    const specs = [t("button", "Save and Exit", { within: "New Address" }), t("button", "New Address")];
    expect(locateFirst(d, specs)).toMatchObject({ index: 1 });
    d.body.insertAdjacentHTML(
      "beforeend",
      `<form><h2>New Address</h2><button id="save">Save and Exit</button></form>`,
    );
    const found = locateFirst(d, specs);
    expect(found?.index).toBe(0);
    expect(found?.element.id).toBe("save");
  });
});

describe("locate on markup we did not write", () => {
  it("spotlights the ExtJS button, not the text span inside it", () => {
    const d = page(
      `<a role="button" id="ext" class="x-btn"><span class="x-btn-wrap"><span class="x-btn-inner">Save and Exit</span></span></a>`,
    );
    expect(locate(d, t("button", "Save and Exit"))?.id).toBe("ext");
  });

  it("finds an icon button by its visible text or by its accessible name", () => {
    const d = page(`<button id="plus" aria-label="Create a new folder">+</button>`);
    expect(locate(d, t("button", "+"))?.id).toBe("plus");
    expect(locate(d, t("button", "Create a new folder"))?.id).toBe("plus");
  });

  it("finds a clickable div header and an <a> without href only by an exact text", () => {
    const d = page(`
      <div id="hdr" style="cursor:pointer"><span>Enhanced Logging</span></div>
      <a id="act">New Address</a>`);
    expect(locate(d, t("button", "Enhanced Logging"))?.id).toBe("hdr");
    expect(locate(d, t("button", "New Address"))?.id).toBe("act");
    expect(locate(d, t("button", "Enhanced"))).toBeNull();
  });

  it("never takes a plain clickable for a form control", () => {
    const d = page(`<div id="x" onclick="void 0">Inbound</div>`);
    expect(locate(d, t("checkbox", "Inbound"))).toBeNull();
  });

  it("names a div checkbox by the label in the next or previous cell, or by its column header", () => {
    const d = page(`
      <table>
        <tr><th>Permission</th><th>Read</th><th>Edit</th></tr>
        <tr><td>Threat and Security Events (SIEM)</td><td><div role="checkbox" aria-checked="false" id="siem-read"></div></td><td><div role="checkbox" aria-checked="false" id="siem-edit"></div></td></tr>
        <tr><td>Threat and Security Statistics</td><td><div role="checkbox" aria-checked="false" id="stats-read"></div></td><td><div role="checkbox" aria-checked="false"></div></td></tr>
      </table>
      <table><tr><td><div role="checkbox" id="inbound" aria-checked="false"></div></td><td>Inbound</td></tr></table>`);
    expect(locate(d, t("checkbox", "Read", { within: "Threat and Security Events (SIEM)" }))?.id).toBe(
      "siem-read",
    );
    expect(locate(d, t("checkbox", "Inbound"))?.id).toBe("inbound");
  });

  it("reads labels with extra spaces, NBSP, a trailing colon or a required-field asterisk", () => {
    const d = page(`
      <label for="a">Application\u00a0Role:</label><select id="a"><option>x</option></select>
      <label for="b">  Email *</label><input id="b" type="email">`);
    expect(locate(d, t("combobox", "Application Role"))?.id).toBe("a");
    expect(locate(d, t("textbox", "Email"))?.id).toBe("b");
  });

  it("says missing, not something else, when the control was renamed", () => {
    const d = page(`
      <div role="tablist"><div role="tab" aria-selected="true">Authentication Profiles</div></div>
      <button>Create profile</button>`);
    const specs = [t("button", "New Authentication Profile"), t("tab", "Authentication Profiles")];
    expect(locate(d, specs[0] as TargetSpec)).toBeNull();
    // The tab is there but already selected: not the next move either.
    expect(locateFirst(d, specs)).toBeNull();
  });

  it("passes over a tab already selected by ARIA or by its tab bar's active class", () => {
    const d = page(`
      <ul class="nav-tabs"><li class="active"><a id="a1">Your Application Integrations</a></li><li><a id="a2">Available Integrations</a></li></ul>`);
    const specs = [t("button", "Add API Application"), t("tab", "Your Application Integrations")];
    expect(locateFirst(d, specs)).toBeNull();
    expect(locateFirst(d, [t("tab", "Available Integrations")])?.element.id).toBe("a2");
  });

  it("passes over a box already ticked and a section already expanded", () => {
    const d = page(`
      <button aria-expanded="true" id="sec">Enhanced Logging</button>
      <label><input type="checkbox" id="in" checked> Inbound</label>
      <label><input type="checkbox" id="out"> Outbound</label>`);
    const specs = [t("checkbox", "Inbound"), t("checkbox", "Outbound"), t("button", "Enhanced Logging")];
    expect(locateFirst(d, specs)?.element.id).toBe("out");
    (d.getElementById("out") as HTMLInputElement).checked = true;
    expect(locateFirst(d, specs)).toBeNull();
    expect(alreadyDone(d.getElementById("sec") as Element)).toBe(true);
  });

  it("gives up on two equally good candidates instead of guessing", () => {
    const d = page(`<button>Next</button><button>Next</button>`);
    expect(locate(d, t("button", "Next"))).toBeNull();
    const e = page(`
      <section><h3>Threat and Security Events (SIEM)</h3><label><input type="checkbox"> Read</label></section>
      <section><h3>Threat and Security Events (SIEM)</h3><label><input type="checkbox"> Read</label></section>`);
    expect(locate(e, t("checkbox", "Read", { within: "Threat and Security Events (SIEM)" }))).toBeNull();
  });

  it("ignores a decoy in a closed dialog or a closed details element", () => {
    const d = page(`
      <dialog><button>Save and Exit</button></dialog>
      <details><summary>More</summary><button>Save and Exit</button></details>
      <button id="real">Save and Exit</button>`);
    expect(locate(d, t("button", "Save and Exit"))?.id).toBe("real");
  });

  it("prefers a real role over a class-name guess, wherever they are", () => {
    const d = page(
      `<span class="btn-label" id="guess">Add API Application</span><div role="button" id="real">Add API Application</div>`,
    );
    expect(locate(d, t("button", "Add API Application"))?.id).toBe("real");
  });

  it("accepts alternative roles (a tab on one console, a button on another)", () => {
    const d = page(`<button id="b">Authentication Profiles</button>`);
    expect(locate(d, t(["tab", "button"], "Authentication Profiles"))?.id).toBe("b");
  });
});

describe("locateFirst and disabled controls", () => {
  it("works on an earlier stage while the final button waits for the form, and points at it when nothing else is left", () => {
    const d = page(`
      <label for="role">Application Role</label><select id="role"><option>x</option></select>
      <button id="finish" disabled>Save &amp; Generate Keys</button>`);
    const specs = [t("button", "Save & Generate Keys"), t("combobox", "Application Role")];
    expect(locateFirst(d, specs)?.element.id).toBe("role");
    d.getElementById("role")?.remove();
    expect(locateFirst(d, specs)?.element.id).toBe("finish");
    d.getElementById("finish")?.removeAttribute("disabled");
    expect(locateFirst(d, specs)?.element.id).toBe("finish");
  });
});
