// Feed addresses can carry credentials: user information (https://user:pass@host/feed.xml: private
// feeds, paid newsletters) or a secret in the query (?token=…, ?api_key=…, a signed URL's
// signature). The fetcher needs them; nobody reading pages, feeds, the API, the desk or the logs
// does. Everything that shows a source's addresses or errors shows them through here: the user
// information removed and the value of every query parameter whose name says it is a secret
// replaced by "redacted", so a reader never learns another subscriber's password or token.
import type { Source } from '../domain/source.js';

// scheme://userinfo@ — as the URL parser reads it, userinfo runs to the LAST @ before the path
// (a / \ ? or #), so a password holding "@" is removed whole.
const USERINFO_IN_TEXT = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/\\?#]*@/gi;

// A query parameter (after ? & or ;) up to the next separator, quote, space or fragment. In error
// texts a URL may be followed by punctuation; the value stops at the characters a URL cannot hold
// unencoded.
const QUERY_PARAM = /([?&;])([^=&;#\s"'<>]{1,100})=([^&;#\s"'<>]*)/g;

/** What a redacted value is replaced with (plain ASCII, so the URL stays valid). */
export const REDACTED = 'redacted';

// Parameter names that hold secrets, compared lower-case with - _ . removed: exact names, and
// endings (access_token, api_key, client_secret, X-Amz-Signature, X-Amz-Credential…; an ending
// also covers the bare word: key, auth, token).
const SECRET_NAMES = new Set(['sig', 'sign', 'pwd', 'pass', 'code', 'sid', 'jwt', 'session', 'hash', 'hmac']);
const SECRET_ENDINGS = [
  'token',
  'secret',
  'password',
  'passwd',
  'apikey',
  'key',
  'signature',
  'credential',
  'credentials',
  'sessionid',
  'auth',
];

/** Whether a query parameter named `name` holds a secret (by its name alone). */
export function isSecretParam(name: string): boolean {
  let n: string;
  try {
    n = decodeURIComponent(name);
  } catch {
    n = name;
  }
  n = n.toLowerCase().replace(/[-_.]/g, '');
  return SECRET_NAMES.has(n) || SECRET_ENDINGS.some((e) => n.endsWith(e));
}

function maskSecretParams(text: string): string {
  return text.replace(QUERY_PARAM, (m, sep: string, name: string, value: string) =>
    value !== '' && isSecretParam(name) ? `${sep}${name}=${REDACTED}` : m,
  );
}

// An Authorization value quoted in a message (a server echoing our request): the scheme is kept.
const AUTH_VALUE = /\b(bearer|basic|token)\s+[A-Za-z0-9._~+/=-]{8,}/gi;

/** `url` without `user:pass@` (unchanged when it has none). For resolving links: the query stays. */
export function withoutUserinfo(url: string): string {
  return url.replace(USERINFO_IN_TEXT, '$1');
}

/** `url` as it may be shown: without user information, secret query values redacted. */
export function redactUrl(url: string): string {
  return maskSecretParams(withoutUserinfo(url));
}

/** `text` (an error message, say) with every URL in it redacted, and quoted Authorization values. */
export function redactText(text: string): string {
  return maskSecretParams(withoutUserinfo(text)).replace(AUTH_VALUE, `$1 ${REDACTED}`);
}

/** A copy of the source as it may be shown: its addresses and last error without credentials. */
export function shownSource(s: Source): Source {
  return {
    ...s,
    url: redactUrl(s.url),
    siteUrl: s.siteUrl === null ? null : redactUrl(s.siteUrl),
    previousUrls: s.previousUrls.map((m) => ({ ...m, url: redactUrl(m.url) })),
    lastError: s.lastError === null ? null : redactText(s.lastError),
  };
}
