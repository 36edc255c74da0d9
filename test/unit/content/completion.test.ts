// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from "vitest";
import { isComplete, nextMove } from "../../../src/content/frame-agent";
import { GUIDE } from "../../../src/guide";
import type { Step } from "../../../src/guide/types";

/** "Tick, then save" steps: Enhanced Logging (Mimecast: "Select Save to apply the change") and the API 2.0 role. */

function step(id: string): Step {
  const s = GUIDE.steps.find((x) => x.id === id);
  if (!s) throw new Error(id);
  return s;
}

const ACCOUNT_SETTINGS = (save: string) => `
  <h1>Account Settings</h1>
  ${save}
  <section>
    <button aria-expanded="true">Enhanced Logging</button>
    <label><input type="checkbox" id="in"> Inbound</label>
    <label><input type="checkbox" id="out"> Outbound</label>
    <label><input type="checkbox" id="int"> Internal</label>
  </section>`;

function tick(...ids: string[]) {
  for (const id of ids) (document.getElementById(id) as HTMLInputElement).checked = true;
}

beforeEach(() => {
  document.body.innerHTML = "";
});

describe("Enhanced Logging is applied with Save", () => {
  const s = step("enhanced-logging");

  it("points at each unticked box, then at Save once all are ticked", () => {
    document.body.innerHTML = ACCOUNT_SETTINGS(`<button id="save">Save</button>`);
    expect(nextMove(document, s.targets, s.completion)?.element.id).toBe("in");
    tick("in");
    expect(nextMove(document, s.targets, s.completion)?.element.id).toBe("out");
    tick("out", "int");
    expect(nextMove(document, s.targets, s.completion)?.element.id).toBe("save");
  });

  it("is not complete on the ticks alone while the page has a Save control", () => {
    document.body.innerHTML = ACCOUNT_SETTINGS(`<button id="save">Save</button>`);
    tick("in", "out", "int");
    expect(isComplete(document, s.completion)).toBe(false);
  });

  it("is complete on the ticks where the page has no Save control (or it is disabled: nothing to save)", () => {
    document.body.innerHTML = ACCOUNT_SETTINGS("");
    tick("in", "out");
    expect(isComplete(document, s.completion)).toBe(false);
    tick("int");
    expect(isComplete(document, s.completion)).toBe(true);
    document.body.innerHTML = ACCOUNT_SETTINGS(`<button id="save" disabled>Save</button>`);
    tick("in", "out", "int");
    expect(isComplete(document, s.completion)).toBe(true);
  });
});

describe("the API 2.0 role: SIEM read, then Save and Exit", () => {
  const s = step("api2-role");
  const EDITOR = `
    <h2>New Role</h2>
    <label>Role Name <input type="text"></label>
    <div role="tree">
      <div role="treeitem" aria-expanded="true">Security Events and Data Retrieval
        <table>
          <tr><td>Threat and Security Events (SIEM)</td><td><label><input type="checkbox" id="siem"> Read</label></td></tr>
          <tr><td>Threat and Security Statistics</td><td><label><input type="checkbox" id="stats"> Read</label></td></tr>
        </table>
      </div>
    </div>
    <a role="button" id="save"><span><span>Save and Exit</span></span></a>`;

  it("points at the SIEM Read box (not another Read box), then at Save and Exit", () => {
    document.body.innerHTML = EDITOR;
    expect(nextMove(document, s.targets, s.completion)?.element.id).toBe("siem");
    tick("stats");
    expect(nextMove(document, s.targets, s.completion)?.element.id).toBe("siem");
    expect(isComplete(document, s.completion)).toBe(false);
    tick("siem");
    expect(nextMove(document, s.targets, s.completion)?.element.id).toBe("save");
    expect(isComplete(document, s.completion)).toBe(false);
  });

  it("points at the collapsed permission group before its boxes show", () => {
    document.body.innerHTML = `
      <h2>New Role</h2>
      <div role="tree"><div role="treeitem" aria-expanded="false" id="group">Security Events and Data Retrieval</div></div>
      <button>Save and Exit</button>`;
    expect(nextMove(document, s.targets, s.completion)?.element.id).toBe("group");
  });

  it("on the roles list points at New Role", () => {
    document.body.innerHTML = `<h1>Admin Roles</h1><button id="new">New Role</button><table><tr><td>Basic Administrator</td></tr></table>`;
    expect(nextMove(document, s.targets, s.completion)?.element.id).toBe("new");
  });
});
