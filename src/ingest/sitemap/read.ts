// One poll of a sitemap source: read the sitemap (or index), descend into the child sitemaps
// that changed since the cursor, newest first, up to a budget, and return the new URLs and the
// cursor to store. The caller supplies the fetching, so politeness and SSRF rules stay theirs.
import { ParseLimitError } from '../parse/errors.js';
import { advanceCursor, newSince, newestFirst } from './incremental.js';
import { parseSitemap } from './parse.js';
import { pickedUrlList } from './picked.js';
import type { ParsedSitemap, PickedUrls, SitemapKind, SitemapPick, SitemapRef, SitemapUrl } from './types.js';

/**
 * Fetches a URL and returns its bytes (gzip or not) and its final URL (after redirects). The bytes
 * are the read's own: they go to `parse` and are not read after it, so a parser in a worker may
 * take them over (detach them) rather than copy them. A fetcher must not hand out bytes it reuses.
 */
export type FetchBytes = (url: string) => Promise<{ bytes: Uint8Array; url: string }>;

/**
 * Parses one sitemap file: parseSitemap on this thread unless the caller parses elsewhere (the
 * desk's preview: a worker pool with limits). A file past such a parser's limits rejects with
 * ParseLimitError. Given `pick`, a parser may answer a urlset with `picked` (and no `urls`): the
 * URLs new since the cursor, the newest `keep` of them whole (src/pipeline/pick-sitemap.ts). Given
 * `pick.prior` too (the URLs held from the read's earlier files), a `picked` answer must cover
 * those first and this file's after them (a parser that cannot answers with `urls`).
 */
export type ParseSitemapFile = (bytes: Uint8Array, url: string, pick?: SitemapPick) => Promise<ParsedSitemap & { picked?: PickedUrls }>;

export interface ReadSitemapOptions {
  /** The cursor stored after the previous read (ISO 8601); absent on first import. */
  cursor?: string;
  /** Sitemap files fetched per read, the first included. */
  maxSitemaps?: number;
  /** Index nesting followed (an index of indexes is depth 2). */
  maxDepth?: number;
  /** The start file when the caller has fetched it already (a conditional GET, say). */
  first?: { bytes: Uint8Array; url: string };
  /** Epoch ms; lastmods beyond it do not move the cursor (defaults to the clock). */
  now?: number;
  /** Where each file is parsed (default: parseSitemap, here). */
  parse?: ParseSitemapFile | undefined;
  /**
   * The check's time and how many new entries it stores (maxNewEntriesPerCheck): `parse` is asked
   * to pick the newest there, and a read of one urlset file gives them as `picked`.
   */
  pick?: { now: number; keep: number } | undefined;
}

export interface SitemapReadResult {
  /** The kind of the first file (`feed` means: add this URL as a feed instead). */
  kind: SitemapKind;
  urls: SitemapUrl[];
  /** The cursor to store for the next read. */
  cursor?: string;
  /** Sitemap files fetched, in order. */
  fetched: string[];
  /** Changed child sitemaps left for lack of budget (they are read on the next poll). */
  skipped: string[];
  warnings: string[];
  /** Child files the parser's limits gave up on (also skipped, with a warning); the first file's rejects the read. */
  abandoned?: { url: string; problem: string }[];
  /**
   * When the URLs came from one urlset file picked by the parser (`pick`): them, as it picked them.
   * `urls` is then read from it on first use, and is the same list as without `pick`.
   */
  picked?: PickedUrls;
}

/**
 * A file's address without its #fragment: the fragment is never sent, so `sitemap.xml#1` and
 * `sitemap.xml#2` are one file, read once (an index listing it under ten fragments cost ten reads).
 */
function fileAddress(url: string): string {
  const i = url.indexOf('#');
  return i < 0 ? url : url.slice(0, i);
}

export async function readSitemaps(fetchBytes: FetchBytes, startUrl: string, opts: ReadSitemapOptions = {}): Promise<SitemapReadResult> {
  const maxSitemaps = Math.max(1, opts.maxSitemaps ?? 10);
  const maxDepth = opts.maxDepth ?? 2;
  const queue: Array<{ url: string; depth: number }> = [{ url: fileAddress(startUrl), depth: 0 }];
  const seen = new Set<string>();
  const result: SitemapReadResult = { kind: 'unknown', urls: [], fetched: [], skipped: [], warnings: [] };
  const seenLocs = new Set<string>();
  const stamps: Array<SitemapRef | SitemapUrl> = [];
  let first = true;
  // The read's time, for the cursor (a worker picking URLs works out their newest stamp with it).
  const now = opts.now ?? Date.now();
  const pick: SitemapPick | undefined = opts.pick && { cursor: opts.cursor, now: opts.pick.now, stampNow: now, keep: opts.pick.keep };
  // The first urlset file's URLs as a worker picked them: kept so while no other file has URLs.
  let held: PickedUrls | undefined;
  const take = (urls: readonly SitemapUrl[]): void => {
    for (const u of newSince(urls, opts.cursor)) {
      if (seenLocs.has(u.loc)) continue;
      seenLocs.add(u.loc);
      result.urls.push(u);
      stamps.push(u);
    }
  };
  const release = (): void => {
    if (held) take(pickedUrlList(held));
    held = undefined;
  };

  while (queue.length > 0) {
    const next = queue.shift()!;
    if (seen.has(next.url)) continue;
    if (result.fetched.length >= maxSitemaps) {
      result.skipped.push(next.url);
      continue;
    }
    seen.add(next.url);
    let res: { bytes: Uint8Array; url: string };
    let parsed: ParsedSitemap & { picked?: PickedUrls };
    try {
      res = first && opts.first ? opts.first : await fetchBytes(next.url);
      // The URLs held so far go with a later file, to be picked together with its own.
      parsed = opts.parse
        ? await opts.parse(res.bytes, res.url, pick && held ? { ...pick, prior: held } : pick)
        : parseSitemap(res.bytes, res.url);
    } catch (err) {
      // The start file failing fails the read; a child failing is retried next time (it counts
      // as skipped, which holds the cursor back).
      if (first) throw err;
      result.warnings.push(`${next.url}: ${(err as Error).message}`);
      result.skipped.push(next.url);
      if (err instanceof ParseLimitError) (result.abandoned ??= []).push({ url: next.url, problem: err.message });
      continue;
    }
    seen.add(fileAddress(res.url));
    result.fetched.push(res.url);
    if (first) result.kind = parsed.kind;
    first = false;
    result.warnings.push(...parsed.warnings.map((w) => `${res.url}: ${w}`));
    if (parsed.kind === 'sitemapindex') {
      if (next.depth >= maxDepth) {
        result.warnings.push(`${res.url}: index nested deeper than ${maxDepth}; not followed`);
        continue;
      }
      const sorted = newestFirst(parsed.sitemaps);
      const changed = new Set(newSince(sorted, opts.cursor));
      // The newest child is read even when its lastmod says "unchanged": some indexes never
      // update their lastmods while the current child keeps growing.
      sorted.forEach((s, i) => {
        if (changed.has(s) || i === 0) {
          queue.push({ url: fileAddress(s.loc), depth: next.depth + 1 });
          stamps.push(s);
        }
      });
    } else if (parsed.picked && result.urls.length === 0) {
      // The first urlset file picked, or a later one picked together with what was held (it was
      // given as `prior`): either way the read's URLs so far, none of them read back here.
      held = parsed.picked;
    } else {
      // A second file with URLs: repeats across files are dropped here, so every URL is read.
      release();
      take(parsed.picked ? pickedUrlList(parsed.picked) : parsed.urls);
    }
  }
  const picked = held;
  if (picked) {
    // One urlset file, as the worker picked it: `urls` is read from it only if asked for.
    let urls: SitemapUrl[] | undefined;
    Object.defineProperty(result, 'urls', {
      enumerable: true,
      configurable: true,
      get: () => (urls ??= pickedUrlList(picked)),
      set: (v: SitemapUrl[]) => {
        urls = v;
      },
    });
    result.picked = picked;
  }
  // On later reads, changed children left unread must be read next time, so the cursor stays put.
  // On first import the unread ones are the older archive (children are read newest first),
  // which is left alone on purpose.
  const cursor =
    result.skipped.length === 0 || opts.cursor === undefined ? advanceCursor(stamps, opts.cursor, now, picked?.newestStamp) : opts.cursor;
  if (cursor !== undefined) result.cursor = cursor;
  return result;
}
