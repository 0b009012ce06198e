// One refresh of a source of kind `sitemap`: fetch the sitemap (conditionally), descend into
// the child sitemaps changed since the stored cursor, and return the new URLs as a ParsedFeed
// together with the settings to store (the advanced cursor). The HTTP client is passed in.
import type { ParsedFeed } from '../parse/types.js';
import type { PageFetcher } from '../listing/page-source.js';
import { readSitemaps, type ParseSitemapFile } from './read.js';
import { sitemapToLazyFeed } from './to-entries.js';
import type { PickedUrls, SitemapUrl } from './types.js';

/** What `source.settings` may hold for a sitemap source. */
export interface SitemapSourceSettings {
  /** Newest lastmod seen on the previous read (ISO 8601); maintained by Newsdesk. */
  sitemapCursor?: string;
  /** Sitemap files fetched per poll, the first included (default 10). */
  maxSitemaps?: number;
  /** Sitemap files fetched on first import (default 3: the index and its two newest children). */
  firstImportSitemaps?: number;
}

export const SITEMAP_ACCEPT = 'application/xml,text/xml;q=0.9,application/gzip;q=0.8,*/*;q=0.5';

/** The URL does not serve a sitemap (or serves a feed, which is a better source kind). */
export class NotASitemapError extends Error {
  constructor(url: string, kind: string) {
    super(
      kind === 'feed'
        ? `${url} is an RSS/Atom feed, not a sitemap; add it as a feed source instead`
        : `${url} is not a sitemap (no <urlset> or <sitemapindex>); check the address, or add the site as a page source`,
    );
    this.name = 'NotASitemapError';
  }
}

export interface SitemapRead {
  notModified: boolean;
  /** Its entries are built on first use (sitemapToLazyFeed). */
  feed?: ParsedFeed;
  /** The URLs read, one per entry of `feed`, in its order (read from `picked` on first use, when given). */
  urls?: SitemapUrl[];
  /** The URLs as the parser picked them, when `pick` was given and one urlset file was read (see read.ts). */
  picked?: PickedUrls;
  /** `source.settings` with the advanced cursor, to store once the entries are saved. */
  settings: Record<string, unknown>;
  fetched: string[];
  skipped: string[];
  warnings: string[];
  etag: string | null;
  lastModified: string | null;
  /** Bytes received on the wire for every file read. */
  wireBytes: number;
  retryAfterMs?: number;
  maxAgeMs?: number;
  /** Child files the parser's limits gave up on (also skipped, with a warning). */
  abandoned?: { url: string; problem: string }[];
}

function positiveInt(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    throw new Error(`settings.${name} must be a positive integer, not ${JSON.stringify(v)}`);
  return v;
}

export function sitemapSettings(raw: Record<string, unknown>): SitemapSourceSettings {
  const out: SitemapSourceSettings = {};
  if (raw.sitemapCursor !== undefined) {
    if (typeof raw.sitemapCursor !== 'string' || Number.isNaN(Date.parse(raw.sitemapCursor))) {
      throw new Error('settings.sitemapCursor must be an ISO 8601 date; remove it to read the sitemap afresh');
    }
    out.sitemapCursor = raw.sitemapCursor;
  }
  const max = positiveInt(raw.maxSitemaps, 'maxSitemaps');
  const first = positiveInt(raw.firstImportSitemaps, 'firstImportSitemaps');
  if (max !== undefined) out.maxSitemaps = max;
  if (first !== undefined) out.firstImportSitemaps = first;
  return out;
}

export async function readSitemapSource(
  fetcher: PageFetcher,
  source: { url: string; settings: Record<string, unknown>; etag: string | null; lastModified: string | null },
  opts: {
    /** Where each file is parsed (default: on this thread); see read.ts. */
    parse?: ParseSitemapFile | undefined;
    /** The check's time and its maxNewEntriesPerCheck, for `parse` to pick the newest (see read.ts). */
    pick?: { now: number; keep: number } | undefined;
  } = {},
): Promise<SitemapRead> {
  const settings = sitemapSettings(source.settings);
  const firstImport = settings.sitemapCursor === undefined;
  const res = await fetcher.fetch(source.url, {
    ...(firstImport ? {} : { etag: source.etag, lastModified: source.lastModified }),
    accept: SITEMAP_ACCEPT,
    operatorUrl: true,
  });
  let wireBytes = res.wireBytes ?? 0;
  const hints = {
    ...(res.retryAfterMs !== undefined ? { retryAfterMs: res.retryAfterMs } : {}),
    ...(res.maxAgeMs !== undefined ? { maxAgeMs: res.maxAgeMs } : {}),
  };
  const base = { fetched: [] as string[], skipped: [] as string[], warnings: [] as string[] };
  if (res.notModified)
    return {
      notModified: true,
      settings: source.settings,
      ...base,
      etag: source.etag,
      lastModified: source.lastModified,
      wireBytes,
      ...hints,
    };
  const read = await readSitemaps(
    async (url) => {
      const r = await fetcher.fetch(url, { accept: SITEMAP_ACCEPT });
      wireBytes += r.wireBytes ?? 0;
      return { bytes: r.body, url: r.url };
    },
    source.url,
    {
      maxSitemaps: firstImport ? (settings.firstImportSitemaps ?? 3) : (settings.maxSitemaps ?? 10),
      first: { bytes: res.body, url: res.url },
      ...(settings.sitemapCursor ? { cursor: settings.sitemapCursor } : {}),
      ...(opts.parse ? { parse: opts.parse } : {}),
      ...(opts.pick ? { pick: opts.pick } : {}),
    },
  );
  if (read.kind !== 'urlset' && read.kind !== 'sitemapindex' && read.kind !== 'text') throw new NotASitemapError(res.url, read.kind);
  const next = { ...source.settings };
  if (read.cursor) next.sitemapCursor = read.cursor;
  const picked = read.picked;
  const out: SitemapRead = {
    notModified: false,
    // Picked: the header from what the worker noted, the URLs (and entries) read only if asked for.
    feed: picked
      ? sitemapToLazyFeed(() => read.urls, res.url, { publicationName: picked.publicationName, language: picked.language })
      : sitemapToLazyFeed(read.urls, res.url),
    settings: next,
    fetched: read.fetched,
    skipped: read.skipped,
    warnings: read.warnings,
    ...(read.abandoned ? { abandoned: read.abandoned } : {}),
    etag: res.headers.etag ?? null,
    lastModified: res.headers['last-modified'] ?? null,
    wireBytes,
    ...hints,
  };
  if (picked) {
    out.picked = picked;
    Object.defineProperty(out, 'urls', { enumerable: true, configurable: true, get: () => read.urls });
  } else out.urls = read.urls;
  return out;
}
