import { connect, createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MimecastProxy, startMimecastProxy, tunnelsToSandbox } from "../e2e-firefox/proxy";

/** The Firefox tests' proxy: Mimecast hosts to the sandbox, nothing else anywhere. */

describe("Firefox test proxy", () => {
  it.each([
    ["eu-api.mimecast.com:443", true],
    ["login-eu.mimecast.com:443", true],
    ["mimecast.com:443", true],
    ["uspcom-api.mimecast-pscom-us.com:443", true],
    ["LOGIN-EU.MIMECAST.COM:443", true],
    ["login-eu.mimecast.com:80", false],
    ["mimecast.com.evil.example:443", false],
    ["evilmimecast.com:443", false],
    ["detectportal.firefox.com:443", false],
    ["127.0.0.1:443", false],
  ])("%s tunnelled: %s", (target, expected) => {
    expect(tunnelsToSandbox(target)).toBe(expected);
  });

  const upstream = createServer((s) => s.on("data", (d) => s.write(`echo:${d.toString()}`)));
  let proxy: MimecastProxy;
  beforeAll(async () => {
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    const address = upstream.address();
    if (address === null || typeof address === "string") throw new Error("no port");
    proxy = await startMimecastProxy(address.port);
  });
  afterAll(async () => {
    await proxy.close();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  });

  function exchange(head: string, after?: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const s = connect(proxy.port, "127.0.0.1", () => s.write(head));
      let got = "";
      s.on("data", (d) => {
        got += d.toString();
        if (after !== undefined && got.endsWith("\r\n\r\n")) s.write(after);
        if (got.includes("echo:")) s.end();
      });
      s.on("end", () => resolve(got));
      s.on("close", () => resolve(got));
      s.on("error", reject);
    });
  }

  it("tunnels a CONNECT to a Mimecast host to the sandbox port", async () => {
    const got = await exchange("CONNECT login-eu.mimecast.com:443 HTTP/1.1\r\nHost: x\r\n\r\n", "hello");
    expect(got).toContain("HTTP/1.1 200 Connection Established");
    expect(got).toContain("echo:hello");
    expect(proxy.tunnelled).toContain("login-eu.mimecast.com");
  });

  it("refuses other hosts and plain HTTP", async () => {
    expect(await exchange("CONNECT example.org:443 HTTP/1.1\r\n\r\n")).toMatch(/^HTTP\/1.1 403/);
    expect(await exchange("GET http://login-eu.mimecast.com/ HTTP/1.1\r\n\r\n")).toMatch(/^HTTP\/1.1 403/);
    expect(proxy.refused).toEqual(["CONNECT example.org:443", "GET http://login-eu.mimecast.com/"]);
  });
});
