/** API 2.0 hosts and SIEM paths (a separate module: the popup uses them without loading the client). */
export interface Api2Host {
  readonly id: string;
  readonly name: string;
  readonly host: string;
}

/**
 * Support article 41019270938643: the global host fails over across regions and works for every
 * account; the UK and US hosts are for data residency only.
 */
export const API2_HOSTS: readonly Api2Host[] = [
  { id: "global", name: "Global (recommended)", host: "api.services.mimecast.com" },
  { id: "uk", name: "United Kingdom data residency", host: "uk-api.services.mimecast.com" },
  { id: "us", name: "United States data residency", host: "us-api.services.mimecast.com" },
];

export function api2HostById(id: string): Api2Host | undefined {
  return API2_HOSTS.find((h) => h.id === id);
}

/** The Mimecast product an account is on decides where its SIEM batches are listed. */
export type Api2Product = "Cloud Gateway" | "Cloud Integrated";

const SIEM_PATHS: Record<Api2Product, string> = {
  "Cloud Gateway": "/siem/v1/batch/events/cg",
  // Mimecast support article 34000388238867: Cloud Integrated accounts read SIEM data here.
  "Cloud Integrated": "/siem/v1/batch/events/ci",
};

export function siemBatchPath(product: Api2Product): string {
  return SIEM_PATHS[product];
}
