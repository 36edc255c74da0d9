import { render } from "preact";
import { App } from "./App";
import { realServices } from "./real-services";

const root = document.getElementById("app");
if (root) render(<App services={realServices} />, root);
