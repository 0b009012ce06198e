// Conditional requests on the JSON API (RFC 9110 section 13; p-http). Every 200 of a GET carries a
// strong ETag computed from the answer's bytes (the JSON as sent): two answers with the same tag
// are the same bytes, which is what a strong validator promises, and the tag follows everything the
// answer shows (a source's last check, an editor hiding an entry, the origin its links are written
// with) without a version column the store would have to keep for each of them. If-None-Match (weak
// comparison) answers 304 with no body; If-Match (strong comparison: a W/ tag never matches) and an
// If-None-Match that fails on a write answer 412. The same tag function judges a write's If-Match
// inside the store's transaction (routes.ts: sources.updateShown and sources.remove take it as the
// source's `whole` condition, domain/shown-check.ts).
//
// Headers are read in one pass, by index, never by a regular expression that can backtrack, and
// only up to MAX_CONDITION_CHARS: a longer one is not evaluated (an If-None-Match on a read is then
// ignored, the full answer sent; any other is false, so a write never goes ahead unchecked).
import { createHash } from 'node:crypto';
import type { Context } from 'hono';

/** The longest If-Match / If-None-Match value read (our tags are 24 characters; 100 of them fit). */
export const MAX_CONDITION_CHARS = 4096;

export interface EntityTag {
  weak: boolean;
  /** The opaque tag with its quotes, as compared: `"abc"`. */
  opaque: string;
}

/** A header's value: `*`, a list of tags (maybe empty), or malformed (or longer than the cap). */
export type TagCondition = '*' | EntityTag[] | 'malformed';

/** The strong ETag of an answer's bytes: 128 bits of SHA-256, quoted. */
export function strongTag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
}

/** etagc (RFC 9110 section 8.8.3): %x21 / %x23-7E / obs-text. */
function isEtagChar(code: number): boolean {
  return code === 0x21 || (code >= 0x23 && code <= 0x7e) || (code >= 0x80 && code <= 0xff);
}

const isOws = (code: number): boolean => code === 0x20 || code === 0x09;

/**
 * If-Match / If-None-Match parsed: `"*"` / #entity-tag, empty list elements allowed (RFC 9110
 * section 5.6.1). Anything else — a tag without its quotes, `*` in a list, a stray character, a
 * value over MAX_CONDITION_CHARS — is 'malformed'. Undefined when the header is absent.
 */
export function parseTags(value: string | undefined): TagCondition | undefined {
  if (value === undefined) return undefined;
  if (value.length > MAX_CONDITION_CHARS) return 'malformed';
  const s = value.trim();
  if (s === '*') return '*';
  const tags: EntityTag[] = [];
  let i = 0;
  while (i < s.length) {
    const code = s.charCodeAt(i);
    if (isOws(code) || code === 0x2c) {
      i++;
      continue;
    }
    let weak = false;
    if (s.startsWith('W/', i)) {
      weak = true;
      i += 2;
    }
    if (s.charCodeAt(i) !== 0x22) return 'malformed';
    const end = s.indexOf('"', i + 1);
    if (end < 0) return 'malformed';
    for (let k = i + 1; k < end; k++) if (!isEtagChar(s.charCodeAt(k))) return 'malformed';
    tags.push({ weak, opaque: s.slice(i, end + 1) });
    i = end + 1;
    while (i < s.length && isOws(s.charCodeAt(i))) i++;
    if (i < s.length && s.charCodeAt(i) !== 0x2c) return 'malformed';
  }
  return tags;
}

/** One of our own tags (`"…"` or `W/"…"`) split as the header's are. */
function ownTag(tag: string): EntityTag {
  return tag.startsWith('W/') ? { weak: true, opaque: tag.slice(2) } : { weak: false, opaque: tag };
}

/**
 * If-Match holds for the current tag (undefined: no current representation): strong comparison,
 * so neither a W/ tag sent nor a weak current tag ever matches; `*` matches any current one.
 */
export function ifMatchHolds(cond: TagCondition, current: string | undefined): boolean {
  if (current === undefined || cond === 'malformed') return false;
  if (cond === '*') return true;
  const now = ownTag(current);
  return !now.weak && cond.some((t) => !t.weak && t.opaque === now.opaque);
}

/** If-None-Match holds (none of its tags is the current one): weak comparison (W/ ignored on both sides). */
export function ifNoneMatchHolds(cond: Exclude<TagCondition, 'malformed'>, current: string | undefined): boolean {
  if (current === undefined) return true;
  const now = ownTag(current).opaque;
  return cond !== '*' && !cond.some((t) => t.opaque === now);
}

/** What a read's conditions say of its answer's tag, in RFC 9110 section 13.2.2's order. */
export function readOutcome(c: Context, tag: string): 'send' | 'not-modified' | 'failed' {
  const ifMatch = parseTags(c.req.header('if-match'));
  if (ifMatch !== undefined && !ifMatchHolds(ifMatch, tag)) return 'failed';
  const ifNoneMatch = parseTags(c.req.header('if-none-match'));
  // A malformed If-None-Match on a read is ignored: the full answer is never wrong.
  if (ifNoneMatch !== undefined && ifNoneMatch !== 'malformed' && !ifNoneMatchHolds(ifNoneMatch, tag)) return 'not-modified';
  return 'send';
}

/**
 * A write's conditions as one test of the target's current tag (undefined: it does not exist), or
 * undefined when the request has none. `ifMatch`: If-Match was sent (then no target is false).
 * A malformed If-None-Match on a write is false too: the client asked for a check.
 */
export function writeCondition(c: Context): { ifMatch: boolean; holds: (current: string | undefined) => boolean } | undefined {
  const ifMatch = parseTags(c.req.header('if-match'));
  const ifNoneMatch = parseTags(c.req.header('if-none-match'));
  if (ifMatch === undefined && ifNoneMatch === undefined) return undefined;
  return {
    ifMatch: ifMatch !== undefined,
    holds: (current) =>
      (ifMatch === undefined || ifMatchHolds(ifMatch, current)) &&
      (ifNoneMatch === undefined || (ifNoneMatch !== 'malformed' && ifNoneMatchHolds(ifNoneMatch, current))),
  };
}
