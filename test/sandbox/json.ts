/**
 * Mimecast's API 1.0 serialises JSON with Gson's HTML-safe escaping: `=` arrives as `\u003d`,
 * `<`, `>`, `&` and `'` as their \u escapes. Reproduce that so clients are tested against it.
 */
export function gsonStringify(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&='']/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

export function envelope(data: unknown[], status = 200): Record<string, unknown> {
  return { meta: { status }, data, fail: [] };
}

export function failEnvelope(
  status: number,
  errors: readonly { code: string; message: string; field?: string }[],
): Record<string, unknown> {
  return {
    meta: { status },
    data: [],
    fail: errors.length === 0 ? [] : [{ errors: errors.map((e) => ({ ...e, retryable: false })) }],
  };
}
