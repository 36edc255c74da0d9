import { randomBytes } from "node:crypto";
import { deflateSync, inflateSync } from "node:zlib";
import { SANDBOX_ACCOUNT_CODE, SANDBOX_DOMAIN } from "./accounts";
import { buildZip } from "./zip";

/**
 * What the simulated get-siem-logs hands out: a zip holding one MTA log file, and the
 * `mc-siem-token` that would fetch the next one. Shapes follow the recorded samples in
 * shared/fixtures/mimecast (api1-siem-logfile-mta.json, api1-siem-token.txt); values are fake.
 */

/** `yyyyMMddHHmmss` in UTC. */
export function stamp(at: Date): string {
  return at.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

/** Mimecast's log time format: `2022-05-23T12:20:44+0000`. */
function logTime(at: Date): string {
  return `${at.toISOString().slice(0, 19)}+0000`;
}

export interface SiemToken {
  readonly secureid: string;
  readonly offset: number;
  readonly siemlogid: number;
  readonly createTime: number;
  readonly siemlogtype: number;
  readonly version: number;
  readonly account: string;
}

/** Mimecast's 1.0 token form: base64url (no padding) of zlib level 9 of the JSON; starts `eNo`..`eNr` (the level-9 header 78 DA). */
export function encodeToken(token: SiemToken): string {
  return deflateSync(Buffer.from(JSON.stringify(token), "utf8"), { level: 9 }).toString("base64url");
}

export function decodeToken(text: string): unknown {
  return JSON.parse(inflateSync(Buffer.from(text, "base64url")).toString("utf8"));
}

export function newSiemToken(siemlogid: number, at: Date): string {
  return encodeToken({
    secureid: randomBytes(66).toString("base64"),
    offset: 1,
    siemlogid,
    createTime: at.getTime(),
    siemlogtype: 0,
    version: 1,
    account: SANDBOX_ACCOUNT_CODE,
  });
}

/** Three MTA receipt events from the last few minutes, with fake addresses. */
export function mtaEvents(at: Date): Record<string, string | number>[] {
  const base = {
    acc: SANDBOX_ACCOUNT_CODE,
    SpamLimit: 28,
    IP: "192.0.2.25",
    Dir: "Inbound",
    Subject: "Quarterly report",
    TlsVer: "TLSv1.3",
    Cphr: "TLS_AES_256_GCM_SHA384",
    SpamInfo: "[]",
    Act: "Acc",
    SpamScore: 0,
  };
  const minus = (seconds: number) => logTime(new Date(at.getTime() - seconds * 1000));
  return [
    {
      ...base,
      MsgId: "<a1b2c3d4e5f60718-1001@mta.sender.example>",
      headerFrom: "reports@sender.example",
      Sender: "reports@sender.example",
      datetime: minus(300),
      Rcpt: `finance@${SANDBOX_DOMAIN}`,
      aCode: "Sbx0AcodeOne00000000AA",
    },
    {
      ...base,
      MsgId: "<b2c3d4e5f6071829-1002@mta.sender.example>",
      headerFrom: "reports@sender.example",
      Sender: "reports@sender.example",
      datetime: minus(240),
      Rcpt: `ops@${SANDBOX_DOMAIN}`,
      aCode: "Sbx0AcodeTwo00000000BB",
    },
    {
      ...base,
      Subject: "Re: invoice",
      MsgId: "<c3d4e5f607182930-1003@mail.other.example>",
      headerFrom: "billing@other.example",
      Sender: "bounce@other.example",
      datetime: minus(120),
      Rcpt: `siem-service@${SANDBOX_DOMAIN}`,
      Act: "Rej",
      SpamScore: 12,
      aCode: "Sbx0AcodeThree0000000CC",
    },
  ];
}

/** The log file's text in the requested format: `json` or Mimecast's default `key` (key=value|...). */
export function logFileText(fileFormat: string, at: Date): string {
  const events = mtaEvents(at);
  if (fileFormat === "json") return JSON.stringify({ type: "MTA", data: events });
  return `${events
    .map((e) =>
      Object.entries(e)
        .map(([k, v]) => `${k}=${v}`)
        .join("|"),
    )
    .join("\n")}\n`;
}

const STREAM_CHUNK = 64 * 1024;

/**
 * `head`, then `fill` bytes of one repeated 64 KB block, then `tail`: a body of any size in
 * constant memory.
 */
export function streamedBody(
  head: Uint8Array,
  fill: number,
  tail: Uint8Array,
  byte: number,
): { readonly length: number; readonly chunks: () => Iterable<Uint8Array> } {
  const block = new Uint8Array(STREAM_CHUNK).fill(byte);
  return {
    length: head.byteLength + fill + tail.byteLength,
    *chunks() {
      if (head.byteLength > 0) yield head;
      for (let left = fill; left > 0; left -= STREAM_CHUNK) {
        yield left >= STREAM_CHUNK ? block : block.subarray(0, left);
      }
      if (tail.byteLength > 0) yield tail;
    },
  };
}

export interface SiemFile {
  readonly fileName: string;
  readonly body: Buffer;
  readonly contentType: string;
}

/** The answer body for one get-siem-logs call: a zip of one log file, or the bare file when uncompressed. */
export function siemFile(fileFormat: string, compress: boolean, at: Date): SiemFile {
  const base = `${SANDBOX_ACCOUNT_CODE}_MTA_${stamp(at)}`;
  const extension = fileFormat === "json" ? "json" : "log";
  const text = logFileText(fileFormat, at);
  if (!compress) {
    return {
      fileName: `${base}.${extension}`,
      body: Buffer.from(text, "utf8"),
      contentType: "application/octet-stream",
    };
  }
  return {
    fileName: `${base}.zip`,
    body: buildZip([{ name: `${base}_1.${extension}`, content: text }], at),
    contentType: "application/octet-stream",
  };
}

/**
 * A log file of `bytes` bytes (a real day of MTA logs can be tens of MB), produced in chunks as it
 * is sent. Its content is filler: a verification that works never reads it.
 */
export function bigSiemFile(
  bytes: number,
  at: Date,
): {
  readonly fileName: string;
  readonly contentType: string;
  readonly length: number;
  readonly chunks: () => Iterable<Uint8Array>;
} {
  const body = streamedBody(new Uint8Array(0), bytes, new Uint8Array(0), 0);
  return {
    fileName: `${SANDBOX_ACCOUNT_CODE}_MTA_${stamp(at)}.zip`,
    contentType: "application/octet-stream",
    ...body,
  };
}
