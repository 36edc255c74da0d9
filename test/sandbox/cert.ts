import { generate } from "selfsigned";

export interface TlsMaterial {
  readonly key: string;
  readonly cert: string;
}

/**
 * A throwaway self-signed certificate for the Mimecast host names the sandbox answers for.
 * Chromium is started with --ignore-certificate-errors; nothing trusts this certificate.
 */
export async function throwawayCertificate(): Promise<TlsMaterial> {
  const pems = await generate([{ name: "commonName", value: "mimecast.com" }], {
    keyType: "ec",
    algorithm: "sha256",
    extensions: [
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "mimecast.com" },
          { type: 2, value: "*.mimecast.com" },
          { type: 2, value: "*.mimecast-pscom-us.com" },
          { type: 2, value: "*.services.mimecast.com" },
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
