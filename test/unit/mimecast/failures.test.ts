import { describe, expect, it } from "vitest";
import {
  badShapeFailure,
  emptyFailure,
  fail,
  failureFromCode,
  failureFromStatus,
  networkFailure,
  notJsonFailure,
  ok,
  timeoutFailure,
} from "../../../src/mimecast/failures";

describe("ok / fail", () => {
  it("build the two result shapes", () => {
    expect(ok(5)).toEqual({ ok: true, value: 5 });
    const failure = { kind: "empty", message: "m", action: "a" } as const;
    expect(fail(failure)).toEqual({ ok: false, failure });
  });
});

describe("failureFromCode", () => {
  it("err_developer_key -> app-id on the appId field, Mimecast's code and text kept", () => {
    const f = failureFromCode(
      { code: "err_developer_key", message: "App ID is invalid: X" },
      "discover",
      200,
    );
    expect(f).toMatchObject({
      kind: "app-id",
      field: "appId",
      code: "err_developer_key",
      mimecastMessage: "App ID is invalid: X",
      httpStatus: 200,
      message: "Mimecast does not recognise this Application ID.",
    });
    expect(f.action).toContain("30 minutes");
  });

  it("err_validation_invalid_email_address -> validation on email", () => {
    const f = failureFromCode(
      { code: "err_validation_invalid_email_address", message: "Email address is not valid", field: "x" },
      "login",
      200,
    );
    expect(f).toMatchObject({
      kind: "validation",
      field: "email",
      code: "err_validation_invalid_email_address",
    });
  });

  it.each([
    ["err_validation_blank", "emailAddress", "discover", "email"],
    ["err_validation_blank", "userName", "login", "email"],
    ["err_validation_blank", "password", "login", "password"],
    ["err_validation_blank", "x-mc-app-id", "login", "appId"],
    ["err_validation_null", "emailAddress", "login", "email"],
    ["err_validation_blank", "something", "discover", "email"],
    ["err_validation_blank", "something", "login", "email"],
    ["err_validation_blank", undefined, "login", "email"],
  ] as const)("%s with field %s (%s) -> field %s", (code, field, op, expected) => {
    const f = failureFromCode({ code, message: "Value must not be blank", field }, op, 200);
    expect(f.kind).toBe("validation");
    expect(f.field).toBe(expected);
    expect(f.message).toBe(
      field
        ? `Mimecast says a required value is missing (${field}).`
        : "Mimecast says a required value is missing.",
    );
  });

  it("err_xdk_operation_forbidden_for_address -> forbidden on email", () => {
    const f = failureFromCode({ code: "err_xdk_operation_forbidden_for_address" }, "login", 200);
    expect(f).toMatchObject({
      kind: "forbidden",
      field: "email",
      code: "err_xdk_operation_forbidden_for_address",
    });
  });

  it("err_xdk_binding_expired -> binding-expired, no field", () => {
    const f = failureFromCode(
      { code: "err_xdk_binding_expired", message: "AccessKey Has Expired" },
      "login",
      418,
    );
    expect(f).toMatchObject({ kind: "binding-expired", httpStatus: 418 });
    expect(f.field).toBeUndefined();
    expect(f.action).toContain("Never Expires");
  });

  it("err_xdk_invalid_signature names all three keys", () => {
    const f = failureFromCode(
      { code: "err_xdk_invalid_signature", message: "0004 Invalid Signature" },
      "login",
      401,
    );
    expect(f.kind).toBe("bad-credentials");
    expect(f.message).toContain("0004 Invalid Signature");
    for (const key of ["Application key", "Secret key", "Access key"]) expect(f.action).toContain(key);
  });

  it("err_audit_log_incorrect_region -> validation on region", () => {
    const f = failureFromCode({ code: "err_audit_log_incorrect_region" }, "login", 200);
    expect(f).toMatchObject({ kind: "validation", field: "region" });
  });

  it("an unknown code is shown with Mimecast's own code and text", () => {
    const f = failureFromCode({ code: "err_new_thing", message: "New thing failed" }, "discover", 200);
    expect(f).toMatchObject({
      kind: "mimecast",
      code: "err_new_thing",
      mimecastMessage: "New thing failed",
      message: "Mimecast answered with an error: err_new_thing — New thing failed.",
    });
    expect(f.field).toBeUndefined();
  });

  it("an error without code or message still produces readable text", () => {
    const f = failureFromCode({}, "discover", 200);
    expect(f.kind).toBe("mimecast");
    expect(f.message).toBe("Mimecast answered with an error: (no code).");
  });

  it("an unknown code with HTTP 401 on login is a bad password, code kept", () => {
    const f = failureFromCode({ code: "err_auth_failed", message: "Authentication failed" }, "login", 401);
    expect(f).toMatchObject({
      kind: "bad-credentials",
      field: "password",
      httpStatus: 401,
      code: "err_auth_failed",
      mimecastMessage: "Authentication failed",
    });
  });

  it("an unknown code with HTTP 401 on discover stays a Mimecast error", () => {
    expect(failureFromCode({ code: "err_auth_failed" }, "discover", 401).kind).toBe("mimecast");
  });
});

describe("failureFromStatus", () => {
  it("401 on login -> bad-credentials on password, suggests Domain password", () => {
    const f = failureFromStatus(401, "login");
    expect(f).toMatchObject({ kind: "bad-credentials", field: "password", httpStatus: 401 });
    expect(f.action).toContain("Domain password");
    expect(f.action).toContain("Cloud password");
  });

  it("401 on discover -> app-id", () => {
    expect(failureFromStatus(401, "discover")).toMatchObject({
      kind: "app-id",
      field: "appId",
      httpStatus: 401,
    });
  });

  it.each([
    [400, "login", "validation", "password"],
    [400, "discover", "validation", "email"],
    [403, "login", "forbidden", "email"],
    [403, "discover", "forbidden", "email"],
    [418, "login", "binding-expired", undefined],
    [429, "login", "rate-limited", undefined],
    [500, "login", "server", undefined],
    [502, "discover", "server", undefined],
    [503, "login", "server", undefined],
    [599, "login", "server", undefined],
    [404, "login", "mimecast", undefined],
    [302, "discover", "mimecast", undefined],
  ] as const)("%i on %s -> %s (field %s)", (status, op, kind, field) => {
    const f = failureFromStatus(status, op);
    expect(f.kind).toBe(kind);
    expect(f.field).toBe(field);
    expect(f.httpStatus).toBe(status);
    expect(f.message).toContain(String(status));
  });

  it("429 keeps retryAt only when given", () => {
    expect(failureFromStatus(429, "login", 12345).retryAt).toBe(12345);
    expect("retryAt" in failureFromStatus(429, "login")).toBe(false);
    expect(failureFromStatus(500, "login", 12345).retryAt).toBeUndefined();
  });
});

describe("transport-level failures", () => {
  it("networkFailure names the host", () => {
    expect(networkFailure("eu-api.mimecast.com")).toMatchObject({
      kind: "network",
      message: "Could not reach eu-api.mimecast.com.",
    });
  });

  it("timeoutFailure names the host and the seconds", () => {
    expect(timeoutFailure("api.mimecast.com", 20_000)).toMatchObject({
      kind: "timeout",
      message: "api.mimecast.com did not answer within 20 seconds.",
    });
    expect(timeoutFailure("api.mimecast.com", 50).message).toBe(
      "api.mimecast.com did not answer within 1 second.",
    );
  });

  it("notJsonFailure says 'a web page' for HTML", () => {
    expect(notJsonFailure(200, "text/html; charset=utf-8").message).toBe(
      "Mimecast's address sent back a web page (HTTP 200) instead of an API answer.",
    );
    expect(notJsonFailure(403, "text/plain").message).toBe(
      "Mimecast's address sent back something that is not an API answer (HTTP 403).",
    );
    // The phrase "an API answer" appears once: the old wording said it twice.
    expect(notJsonFailure(403, "text/plain").message.match(/an API answer/g)).toHaveLength(1);
    expect(notJsonFailure(200, "").kind).toBe("not-json");
  });

  it("emptyFailure and badShapeFailure carry the status", () => {
    expect(emptyFailure(204)).toMatchObject({ kind: "empty", httpStatus: 204 });
    expect(badShapeFailure(200, "discover data")).toMatchObject({
      kind: "bad-shape",
      httpStatus: 200,
      message: "Mimecast's answer did not have the expected form (discover data).",
    });
  });
});
