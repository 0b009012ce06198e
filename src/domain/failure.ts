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
  'robots',
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

/**
 * The English reason of each kind, as the public reads it (the API, and the English catalogue of
 * the site). A stored error message can quote addresses with their credentials, internal host
 * names and addresses, or whatever a server sent back; the public sees only this catalogued
 * sentence, the message itself stays at the desk (signed-in editors) and in the server's log.
 */
export const FAILURE_TEXT_EN: Readonly<Record<FailureKind, string>> = {
  http: 'The server answered with HTTP status {code}.',
  timeout: 'The server did not answer in time.',
  dns: 'The address of the server could not be found.',
  refused: 'The server refused the connection.',
  tls: 'The secure connection to the server failed.',
  blocked: 'The address is not allowed (a private or local network).',
  robots: "The site's robots.txt does not allow this page to be read.",
  tooLarge: 'The response was too large.',
  notFeed: 'The address does not hold a feed the reader understands.',
  parse: 'The feed could not be read: it is malformed.',
  gone: 'The feed is gone (the server says it was removed).',
  stopped: 'The check stopped because the server was shutting down.',
  other: 'The check failed.',
};

/**
 * What the public is told of a source's last failure: its key (a row stored before keys existed,
 * or with a key this version does not know, is "other") and the catalogued English sentence.
 * Null when the last check did not fail.
 */
export function publicFailure(s: {
  lastError: string | null;
  lastErrorKey?: string | null | undefined;
}): { key: string; text: string } | null {
  if (!s.lastError && !s.lastErrorKey) return null;
  const r = parseFailureKey(s.lastErrorKey) ?? { kind: 'other' as const };
  const text = FAILURE_TEXT_EN[r.kind].replace('{code}', r.code === undefined ? '' : String(r.code));
  return { key: failureKey(r), text };
}
