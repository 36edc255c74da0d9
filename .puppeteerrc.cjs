// Puppeteer cannot download its own browser on machines without general internet access
// (CI, the project's sandboxes). There we use Debian's Chromium. On a laptop where /usr/bin/chromium
// does not exist, puppeteer downloads and uses its own browser as usual.
const fs = require("node:fs");

const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));

module.exports = systemChromium
  ? { skipDownload: true, executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || systemChromium }
  : {};
