// Lastmod-based incremental reading. The cursor is the newest lastmod seen on the previous read;
// the next read takes only what changed at or after it. "At" matters: lastmod often has day
// precision (2024-03-05), and a sitemap rewritten later on the same day must still be read.
// Entries without a usable date are always taken: the pipeline's dedupe absorbs the repeats.
import type { SitemapRef, SitemapUrl } from './types.js';

type Dated = SitemapRef | SitemapUrl;

/** The time an entry says it changed: lastmod, else (for news URLs) the publication date. */
export function stampOf(e: Dated): number | undefined {
  const iso = e.lastmod ?? ('news' in e ? e.news?.publicationDate : undefined);
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

/** Entries changed at or after `cursor` (ISO 8601), or all of them when there is no cursor. */
export function newSince<T extends Dated>(entries: readonly T[], cursor?: string): T[] {
  const c = cursor ? Date.parse(cursor) : NaN;
  if (Number.isNaN(c)) return [...entries];
  return entries.filter((e) => {
    const t = stampOf(e);
    return t === undefined || t >= c;
  });
}

/** Stamps further ahead of the clock than this are a generator's bad clock, not news. */
const FUTURE_SLACK_MS = 3_600_000;

/**
 * The cursor to store after reading `entries`: the newest stamp among them and the old cursor.
 * A stamp in the future is left out: taken as the cursor, it would hide everything published
 * until the clock caught up with it.
 */
export function advanceCursor(entries: readonly Dated[], cursor?: string, now: number = Date.now(), newest?: number): string | undefined {
  let best = cursor ? Date.parse(cursor) : NaN;
  const t = newestStamp(entries, now);
  if (t !== undefined && (Number.isNaN(best) || t > best)) best = t;
  // Entries whose newest stamp was worked out elsewhere (a worker's: newestStamp with the same `now`).
  if (newest !== undefined && (Number.isNaN(best) || newest > best)) best = newest;
  return Number.isNaN(best) ? undefined : new Date(best).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The newest stamp among `entries` no further ahead of `now` than the slack (advanceCursor's rule). */
export function newestStamp(entries: Iterable<Dated>, now: number): number | undefined {
  let best: number | undefined;
  for (const e of entries) {
    const t = stampOf(e);
    if (t !== undefined && t <= now + FUTURE_SLACK_MS && (best === undefined || t > best)) best = t;
  }
  return best;
}

/** Newest first; undated entries last, in their original order. */
export function newestFirst<T extends Dated>(entries: readonly T[]): T[] {
  return entries
    .map((e, i) => ({ e, i, t: stampOf(e) }))
    .sort((a, b) => (b.t ?? -Infinity) - (a.t ?? -Infinity) || a.i - b.i)
    .map((x) => x.e);
}
