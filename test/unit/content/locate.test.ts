// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from "vitest";
import { captions } from "../../../src/content/accessible-name";
import { locate, locateFirst } from "../../../src/content/locate";
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
