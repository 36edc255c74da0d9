import "../lib/zod-jitless"; // first: before any module builds a zod schema
import { render } from "preact";
import { t } from "../lib/i18n";
import { App } from "./App";
import { realServices } from "./real-services";

document.title = t("extName");
const root = document.getElementById("app");
if (root) {
  render(<App services={realServices} />, root);
  // Read by `npm run bench` (budget: interactive within 150 ms).
  performance.mark("popup:interactive");
}
