import { SANDBOX_APP_ID, SANDBOX_PASSWORD, sandboxAddress } from "./accounts";
import { startSandbox } from "./server";

/** `npm run sandbox`: the simulated Mimecast API on a local HTTPS port, until Ctrl+C. */
const port = Number(process.env.SANDBOX_PORT ?? 8443);
const sandbox = await startSandbox({ port });
console.log(`Simulated Mimecast on https://127.0.0.1:${sandbox.port}`);
console.log(
  `Start Chromium with: --host-resolver-rules="${sandbox.hostResolverRules}" --ignore-certificate-errors`,
);
console.log(
  `Log in as ${sandboxAddress("siem-service")} / ${SANDBOX_PASSWORD}, Application ID ${SANDBOX_APP_ID}`,
);
process.on("SIGINT", () => void sandbox.close().then(() => process.exit(0)));
