/** Native Array.from in place of dom-accessibility-api's polyfill (see vite.config.ts). */
export default Array.from;
