import { SANDBOX_APP_ID, SANDBOX_PASSWORD, sandboxAddress } from "./accounts";
import { consoleLoginUrl, consoleSite, consoleUrl } from "./console-site";
import { startSandbox } from "./server";

/** `npm run sandbox`: the simulated Mimecast API and Administration Console on a local HTTPS port, until Ctrl+C. */
const port = Number(process.env.SANDBOX_PORT ?? 8443);
const sandbox = await startSandbox({ port, site: consoleSite });
console.log(`Simulated Mimecast on https://127.0.0.1:${sandbox.port}`);
console.log(
  `Start Chromium with: --host-resolver-rules="${sandbox.hostResolverRules}" --ignore-certificate-errors`,
);
console.log(`Console (current generation): ${consoleLoginUrl("login-eu.mimecast.com")}`);
console.log(`Console (classic generation): ${consoleLoginUrl("login-us.mimecast.com")}`);
console.log(
  `Console without API 1.0: ${consoleUrl("api-integrations", "login-eu.mimecast.com", { api1: "off" })}`,
);
console.log(
  `Log in as ${sandboxAddress("siem-service")} / ${SANDBOX_PASSWORD}, Application ID ${SANDBOX_APP_ID}`,
);
process.on("SIGINT", () => void sandbox.close().then(() => process.exit(0)));
