/**
 * Mimecast API 1.0 hosts. Credentials are only ever sent to a host in this table (or to the global
 * discovery host, which receives an email address and no secret).
 */
export interface Region {
  /** Short id, stable across versions: stored in `storage.local` as the user's override. */
  readonly id: string;
  /** What an administrator sees in the region list. */
  readonly name: string;
  readonly host: string;
}

export const GLOBAL_API_HOST = "api.mimecast.com";

export const REGIONS: readonly Region[] = [
  { id: "eu", name: "Europe (excluding Germany)", host: "eu-api.mimecast.com" },
  { id: "de", name: "Germany", host: "de-api.mimecast.com" },
  { id: "us", name: "United States", host: "us-api.mimecast.com" },
  { id: "usb", name: "United States (grid B)", host: "usb-api.mimecast.com" },
  { id: "ca", name: "Canada", host: "ca-api.mimecast.com" },
  { id: "za", name: "South Africa", host: "za-api.mimecast.com" },
  { id: "au", name: "Australia", host: "au-api.mimecast.com" },
  { id: "je", name: "Offshore (Jersey)", host: "je-api.mimecast.com" },
  { id: "uspcom", name: "US public sector", host: "uspcom-api.mimecast-pscom-us.com" },
];

export function regionById(id: string): Region | undefined {
  return REGIONS.find((r) => r.id === id);
}

export function baseUrlOf(region: Region): string {
  return `https://${region.host}`;
}

/**
 * The region whose host a base URL names, or undefined when the URL is not exactly an allow-listed
 * HTTPS host on the default port without credentials. A trailing slash or `/api` path is tolerated
 * (discover answers have been seen both ways); anything else is refused rather than followed.
 */
export function regionForBaseUrl(baseUrl: string): Region | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" || url.port !== "" || url.username !== "" || url.password !== "") {
    return undefined;
  }
  if (url.search !== "" || url.hash !== "") return undefined;
  const path = url.pathname.replace(/\/+$/, "");
  if (path !== "" && path !== "/api") return undefined;
  const host = url.hostname.toLowerCase();
  return REGIONS.find((r) => r.host === host);
}
