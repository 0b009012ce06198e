// The identity of an entry within its source, computed at parse time. It must survive what
// publishers do to unchanged items: switch http→https, add or drop "www.", move to a new host
// name casing, append tracking parameters or fragments. GUIDs that repeat within one feed
// (some CMSs give every item the same one) are disambiguated by the link.
import { createHash } from 'node:crypto';
import { decodeHtmlEntities } from '../../text/entities.js';
import type { ParsedEntry } from './types.js';

const TRACKING_PARAM =
  /^(utm_[a-z_]+|fbclid|gclid|dclid|gclsrc|msclkid|mc_cid|mc_eid|igshid|yclid|_hsenc|_hsmi|mkt_tok|ocid|cmpid|wt\.mc_id|at_medium|at_campaign|ns_source|ns_mchannel|ns_campaign|ns_linkname|ns_fee|spm|share|ref_src|ref_url)$/i;

function sha1(s: string): string {
  return createHash('sha1').update(s).digest('hex');
}

/**
 * A URL reduced to what identifies the resource: no scheme, lower-case host without "www."
 * and default port, no fragment, no tracking parameters. Non-URLs come back unchanged.
 */
export function normalizeUrlKey(raw: string): string {
  const s = raw.trim();
  const m = /^(?:https?:)?\/\/([^/?#]*)([^#]*)/i.exec(s);
  if (!m) return s;
  let host = m[1]!.toLowerCase();
  const at = host.lastIndexOf('@');
  if (at >= 0) host = host.slice(at + 1);
  host = host
    .replace(/:(80|443)$/, '')
    .replace(/^www\./, '')
    .replace(/\.$/, '');
  let rest = m[2] ?? '';
  const q = rest.indexOf('?');
  let path = q >= 0 ? rest.slice(0, q) : rest;
  if (!path) path = '/';
  let query = '';
  if (q >= 0) {
    const kept = rest
      .slice(q + 1)
      .split('&')
      .filter((p) => p && !TRACKING_PARAM.test(p.split('=')[0] ?? ''));
    if (kept.length) query = `?${kept.join('&')}`;
  }
  rest = path + query;
  return `${host}${rest}`;
}

function isUrlShaped(s: string): boolean {
  return /^(?:https?:)?\/\//i.test(s.trim());
}

const idCounts = new WeakMap<readonly ParsedEntry[], Map<string, number>>();

function countIds(all: readonly ParsedEntry[]): Map<string, number> {
  let m = idCounts.get(all);
  if (!m) {
    m = new Map();
    for (const e of all) if (e.id) m.set(e.id, (m.get(e.id) ?? 0) + 1);
    idCounts.set(all, m);
  }
  return m;
}

function keyOf(s: string): string {
  return isUrlShaped(s) ? `u:${normalizeUrlKey(s)}` : `g:${s.trim()}`;
}

/** The entry's dedupe key; `allEntries` is the whole feed the entry came from. */
export function dedupeKey(entry: ParsedEntry, allEntries: readonly ParsedEntry[]): string {
  const id = entry.id?.trim();
  const link = entry.link?.trim();
  if (id) {
    const repeated = (countIds(allEntries).get(entry.id!) ?? 0) > 1;
    if (repeated && link) return `${keyOf(id)}|${keyOf(link)}`;
    return keyOf(id);
  }
  if (link) return keyOf(link);
  const body = entry.content?.[0]?.value ?? entry.summary ?? '';
  return `h:${sha1(`${entry.title ?? ''}\u0000${body}`)}`;
}

/** Lower-case words only: tags, entities, punctuation and spacing differences do not count. */
export function normalizeForFingerprint(s: string): string {
  return decodeHtmlEntities(s.replace(/<[^>]*>/g, ' '))
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A content fingerprint (sha1 of the normalised title and the first ~300 characters of the
 * normalised text) that catches the same story re-published under a new GUID.
 */
export function fingerprint(title: string, text: string): string {
  return sha1(`${normalizeForFingerprint(title)}\n${normalizeForFingerprint(text).slice(0, 300)}`);
}
