import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { crx } from "@crxjs/vite-plugin";
import preact from "@preact/preset-vite";
import { Resvg } from "@resvg/resvg-js";
import { defineConfig, type Plugin } from "vite";
import { manifestFor, OUT_DIRS, type Target } from "./src/manifest/build";

const root = dirname(fileURLToPath(import.meta.url));
const ICON_SIZES = [16, 32, 48, 128] as const;

/**
 * Renders the SVG icon to the PNG sizes the manifest names, before crxjs reads the manifest.
 * The PNGs are build output (git-ignored): the SVG is the one source.
 */
function iconsFromSvg(): Plugin {
  return {
    name: "icons-from-svg",
    enforce: "pre",
    config() {
      const svg = readFileSync(resolve(root, "src/assets/icons/icon.svg"));
      const outDir = resolve(root, "src/assets/icons/png");
      mkdirSync(outDir, { recursive: true });
      for (const size of ICON_SIZES) {
        const png = new Resvg(svg, { fitTo: { mode: "width", value: size } }).render().asPng();
        writeFileSync(resolve(outDir, `icon-${size}.png`), png);
      }
    },
  };
}

/**
 * `vite build` builds for Chrome and Edge into dist/; `vite build --mode firefox` (npm run
 * build:firefox) builds the same source for Firefox into dist-firefox/. The manifests differ only
 * by the overlays in src/manifest/build.ts; crxjs's `browser: "firefox"` makes it read
 * `background.scripts` (not `service_worker`) and emit an event-page loader.
 */
export default defineConfig(({ mode }) => {
  const target: Target = mode === "firefox" ? "firefox" : "chrome";
  return {
    plugins: [
      iconsFromSvg(),
      preact(),
      crx({
        manifest: manifestFor(target),
        browser: target,
        contentScripts: { standaloneFiles: ["src/content/index.tsx"] },
      }),
    ],
    resolve: {
      // dom-accessibility-api bundles ES5 polyfills for Set and Array.from (and picks the Set one even
      // where Set exists). Every browser we support has both: use the native ones, ~1 KB gzip less
      // in the content script, whose budget is 20 KB.
      alias: [
        { find: /^\.\/polyfills\/SetLike\.mjs$/, replacement: resolve(root, "src/lib/native/set.ts") },
        {
          find: /^\.\/polyfills\/array\.from\.mjs$/,
          replacement: resolve(root, "src/lib/native/array-from.ts"),
        },
      ],
    },
    // Copied as is to the extension's root: _locales/ (the overlay's words, chrome.i18n).
    publicDir: resolve(root, "src/static"),
    build: {
      outDir: OUT_DIRS[target],
      emptyOutDir: true,
      target: "es2022",
      sourcemap: false,
      // Terser, three passes: ~380 B gzip less than the default minifier on the content script,
      // whose budget is 20 KB (everything it loads on a console page, Preact included).
      minify: "terser",
      terserOptions: { compress: { passes: 3 }, ecma: 2020, toplevel: true },
      // Extension pages run in browsers with native modulepreload: the polyfill is one more script to
      // fetch before the popup is interactive (budget 150 ms).
      modulePreload: { polyfill: false },
      rollupOptions: {
        // Pages the manifest does not name: Chrome's offscreen document that clears the clipboard
        // (chrome.offscreen.createDocument needs a bundled HTML file). Firefox's event page has a DOM
        // and does that work itself: no offscreen document there.
        input: target === "chrome" ? { offscreen: resolve(root, "src/offscreen/offscreen.html") } : undefined,
      },
    },
    server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
  };
});
