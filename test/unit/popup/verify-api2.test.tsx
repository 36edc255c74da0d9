// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { GUIDE } from "../../../src/guide";
import type { VerifyApi2Reply } from "../../../src/lib/messages";
import type { VerifyApi2InputMessage } from "../../../src/lib/schemas";
import { stepTitle } from "../../../src/popup/FailureNote";
import { VerifyApi2 } from "../../../src/popup/VerifyApi2";

afterEach(cleanup);

const VALUES: VerifyApi2InputMessage = { hostId: "global", clientId: "id", clientSecret: "secret" };

function renderWith(reply: VerifyApi2Reply) {
  render(
    <VerifyApi2
      values={VALUES}
      onChange={() => undefined}
      verify={async () => reply}
      onVerified={() => undefined}
      now={0}
    />,
  );
  fireEvent.click(screen.getByRole("button", { name: /^Verify API 2.0/ }));
}

describe("VerifyApi2 popup section", () => {
  it.each([
    ["Cloud Gateway", "/siem/v1/batch/events/cg"],
    ["Cloud Integrated", "/siem/v1/batch/events/ci"],
  ] as const)("names the product (%s) and its SIEM path on success", async (product, path) => {
    renderWith({
      ok: true,
      result: { host: "api.services.mimecast.com", product, files: 2, caughtUp: false },
    });
    const status = await screen.findByRole("status");
    expect(status.textContent).toContain(`Mimecast product: ${product} (SIEM data from ${path})`);
    expect(status.textContent).toContain("listed 2 log batches since yesterday (UTC)");
  });

  it("shows the title of the guide step a failure points at", async () => {
    const step = GUIDE.steps.find((s) => s.id === "api2-new-application");
    expect(step).toBeDefined();
    renderWith({
      ok: false,
      failure: { kind: "api2-forbidden", message: "m", action: "a", step: "api2-new-application" },
    });
    const alert = await screen.findByRole("alert");
    expect(alert.querySelector(".failure-step")?.textContent).toBe(`Guide step: ${step?.title}`);
  });

  it("a step id the guide does not have shows no step line (never the raw id)", async () => {
    renderWith({
      ok: false,
      failure: { kind: "api2-forbidden", message: "m", action: "a", step: "no-such-step" },
    });
    const alert = await screen.findByRole("alert");
    expect(alert.querySelector(".failure-step")).toBeNull();
    expect(alert.textContent).not.toContain("no-such-step");
    expect(stepTitle(undefined)).toBeUndefined();
  });

  it("says Global works for every region and UK/US are for data residency", () => {
    render(
      <VerifyApi2
        values={VALUES}
        onChange={() => undefined}
        verify={async () => ({ ok: false, failure: { kind: "network", message: "x", action: "y" } })}
        onVerified={() => undefined}
        now={0}
      />,
    );
    const select = screen.getByLabelText("API 2.0 host") as HTMLSelectElement;
    expect(select.value).toBe("global");
    const hint = document.getElementById(select.getAttribute("aria-describedby") ?? "");
    expect(hint?.textContent).toContain("Global works for every region");
    expect(hint?.textContent).toContain("data residency");
  });
});
