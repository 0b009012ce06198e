// A sitemap file's URLs picked in the parse worker for a scheduled check (SitemapPick): the check
// stores at most maxNewEntriesPerCheck (500) of a file's 50,000 URLs, newest first. Sending every
// URL back and choosing on the check's thread cost it a quarter of a second of copying, filtering
// and date reading. Here the worker does what readSitemaps and saveCapped did with them first:
// the cursor's filter, repeats dropped, the newest stamp for the cursor, the schedule's dates, the
// feed header's names, and the newest `keep` by the date adaptEntry will give them (its rule,
// publishedAtOf, at the check's time). Only those `keep` cross back as objects; the rest travel
// as one serialized block, read on the check's thread only when a check needs more (a second
// file, or newest URLs already stored). What the check stores is the same.
import { serialize } from 'node:v8';
import { newestStamp, newSince } from '../ingest/sitemap/incremental.js';
import { pickedUrlList } from '../ingest/sitemap/picked.js';
import { sitemapNewsNames, sitemapUrlDates } from '../ingest/sitemap/to-entries.js';
import type { ParsedSitemap, PickedUrls, SitemapPick, SitemapUrl } from '../ingest/sitemap/types.js';
import { publishedAtOf } from './adapt-entry.js';
import { newestIndices, timesOf } from './pending-items.js';

/**
 * The parsed file with its URLs picked (`picked`, `urls` empty), or as it was when it lists no URLs
 * (an index). With `pick.prior` (the URLs the read took from its earlier files, picked), the answer
 * covers those first and this file's after them, as readSitemaps takes a second file: the cursor's
 * filter on this file, and a URL already taken (from any file) dropped. The newest are then picked
 * across the files, so a sitemap index's children cross back as one pick, not every URL.
 */
export function pickSitemapUrls(parsed: ParsedSitemap, pick: SitemapPick): ParsedSitemap & { picked?: PickedUrls } {
  if (parsed.kind !== 'urlset' && parsed.kind !== 'text') return parsed;
  // The earlier files' URLs were filtered and freed of repeats when they were picked.
  const urls: SitemapUrl[] = pick.prior ? [...pickedUrlList(pick.prior)] : [];
  const seen = new Set<string>(urls.map((u) => u.loc));
  for (const u of newSince(parsed.urls, pick.cursor)) {
    if (seen.has(u.loc)) continue;
    seen.add(u.loc);
    urls.push(u);
  }
  const names = sitemapNewsNames(urls);
  const stamp = newestStamp(urls, pick.stampNow);
  const dates = urls.map(sitemapUrlDates);
  const times = Float64Array.from(timesOf(dates.map((d) => d.published ?? d.updated)));
  const base = {
    count: urls.length,
    now: pick.now,
    times,
    ...(stamp !== undefined ? { newestStamp: stamp } : {}),
    ...(names.publicationName !== undefined ? { publicationName: names.publicationName } : {}),
    ...(names.language !== undefined ? { language: names.language } : {}),
  };
  let picked: PickedUrls;
  if (urls.length <= pick.keep) {
    picked = { ...base, ordered: false, newest: urls.map((_, i) => i), head: urls };
  } else {
    const newest = newestIndices(
      dates.map((d) => publishedAtOf(d, pick.now)),
      pick.keep,
    );
    picked = { ...base, ordered: true, newest, head: newest.map((i) => urls[i]!), all: serialize(urls) };
  }
  return { ...parsed, urls: [], picked };
}

/** The buffers of a picked answer, to transfer rather than copy. */
export function pickedTransfer(value: unknown): ArrayBuffer[] {
  const p = (value as { picked?: PickedUrls } | null)?.picked;
  if (!p) return [];
  const out: ArrayBuffer[] = [];
  if (p.times.buffer instanceof ArrayBuffer && p.times.byteLength === p.times.buffer.byteLength) out.push(p.times.buffer);
  if (p.all) {
    // A Buffer may be a view on a larger (pooled) block: the block of its own is transferred.
    const own = p.all.byteOffset === 0 && p.all.byteLength === p.all.buffer.byteLength ? p.all : new Uint8Array(p.all);
    p.all = own;
    if (own.buffer instanceof ArrayBuffer) out.push(own.buffer);
  }
  return out;
}
