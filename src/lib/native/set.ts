/** Native Set in place of dom-accessibility-api's Set polyfill (see vite.config.ts). */
export default Set;
