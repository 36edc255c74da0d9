// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { fillSuggested } from "../../../src/content/fill";
import type { Suggestion } from "../../../src/guide/types";

const field = (name: string): Suggestion["field"] => ({
  role: "textbox",
  name: [name],
  describe: `the “${name}” box`,
});

describe("fillSuggested", () => {
  it("fills only empty, editable text fields, with the events frameworks listen to, and never a password", () => {
    document.body.innerHTML = `
      <label for="n">Application Name</label><input id="n" type="text">
      <label for="d">Description</label><textarea id="d">typed by the user</textarea>
      <label for="p">Password</label><input id="p" type="password">
      <label for="r">Role Name</label><input id="r" type="text" readonly>
      <form><label for="e">Email</label><input id="e" type="text"></form>`;
    const seen: string[] = [];
    for (const type of ["input", "change", "keyup", "submit"])
      document.addEventListener(type, () => seen.push(type), true);
    const filled = fillSuggested(document, [
      { field: field("Application Name"), value: "SIEM Integration" },
      { field: field("Description"), value: "suggested" },
      { field: field("Password"), value: "never" },
      { field: field("Role Name"), value: "never" },
      { field: field("Missing"), value: "never" },
    ]);
    expect(filled).toEqual(["the “Application Name” box"]);
    const value = (id: string) => (document.getElementById(id) as HTMLInputElement).value;
    expect(value("n")).toBe("SIEM Integration");
    expect(value("d")).toBe("typed by the user");
    expect(value("p")).toBe("");
    expect(value("r")).toBe("");
    expect(seen).toEqual(["input", "change", "keyup"]);
  });
});
