/** API 2.0 hosts (a separate module: the popup lists them without loading the client). */
export interface Api2Host {
  readonly id: string;
  readonly name: string;
  readonly host: string;
}

export const API2_HOSTS: readonly Api2Host[] = [
  { id: "global", name: "Global (recommended)", host: "api.services.mimecast.com" },
  { id: "uk", name: "United Kingdom data residency", host: "uk-api.services.mimecast.com" },
  { id: "us", name: "United States data residency", host: "us-api.services.mimecast.com" },
];

export function api2HostById(id: string): Api2Host | undefined {
  return API2_HOSTS.find((h) => h.id === id);
}
