// Why a source's last check failed, as a key the pages render in the reader's language. The
// readable English reason is stored beside it (sources.last_error) for the CLI, the API, logs and
// rows written before keys existed. A key is a name, optionally with an HTTP status: "http:503".
export const FAILURE_KINDS = [
  'http',
  'timeout',
  'dns',
  'refused',
  'tls',
  'blocked',
  'tooLarge',
  'notFeed',
  'parse',
  'gone',
  'stopped',
  'other',
] as const;

export type FailureKind = (typeof FAILURE_KINDS)[number];

export interface FailureReason {
  kind: FailureKind;
  /** The HTTP status, for kind "http". */
  code?: number | undefined;
}

export function failureKey(r: FailureReason): string {
  return r.kind === 'http' && r.code !== undefined ? `http:${r.code}` : r.kind;
}

/** A stored key read back; undefined for anything this version does not know (shown as the English text). */
export function parseFailureKey(key: string | null | undefined): FailureReason | undefined {
  if (!key) return undefined;
  const [kind, code] = key.split(':');
  if (!(FAILURE_KINDS as readonly string[]).includes(kind ?? '')) return undefined;
  if (kind === 'http') {
    const n = Number(code);
    return Number.isInteger(n) && n >= 100 && n <= 599 ? { kind: 'http', code: n } : undefined;
  }
  return { kind: kind as FailureKind };
}
