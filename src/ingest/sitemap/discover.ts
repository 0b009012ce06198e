// Finding a site's news sitemap, for `newsdesk add`: robots.txt first, then the usual paths.
// A sitemap with news: tags wins; an index wins when its newest child has them. A plain sitemap
// is remembered as a fallback. The caller supplies the fetching, and may supply the reading
// (checkSitemap, by default here on the calling thread; the desk runs it in its parser pool);
// failures just move on.
import { ParseLimitError } from '../parse/errors.js';
import { newestFirst } from './incremental.js';
import { parseSitemap } from './parse.js';
import type { SitemapKind } from './types.js';
import type { FetchBytes } from './read.js';
import { robotsUrlFor, sitemapCandidates } from './robots.js';
import { fillNote, type Note } from '../../locale/index.js';

/** What kind of sitemap was found, in English (the add chain's reason; the desk words it through its catalogue). */
export const SITEMAP_NOTE_EN = {
  'sitemap.news': 'news sitemap with {n} articles',
  'sitemap.plain': 'sitemap with {n} URLs (no news tags)',
  'sitemap.indexNews': 'sitemap index whose newest child has {n} news articles',
  'sitemap.indexPlain': 'sitemap index of {n} sitemaps (no news tags)',
} as const;

export type SitemapNoteKey = keyof typeof SITEMAP_NOTE_EN;

function found(url: string, news: boolean, key: SitemapNoteKey, n: number): SitemapFound {
  const note: Note<SitemapNoteKey> = { key, params: { n } };
  return { url, news, reason: fillNote(note, (k) => SITEMAP_NOTE_EN[k]), note };
}

export interface SitemapFound {
  url: string;
  /** The sitemap (or its newest child) carries Google News tags. */
  news: boolean;
  /** Why this one, in words for the user. */
  reason: string;
  /** The same as a key and parameters (SITEMAP_NOTE_EN). */
  note: Note<SitemapNoteKey>;
}

export interface DiscoverResult {
  found?: SitemapFound;
  /**
   * URLs fetched, in order, with what each turned out to be; `abandoned` when the reader's own
   * limits (time, memory) gave up on the document.
   */
  tried: Array<{ url: string; outcome: string; abandoned?: boolean }>;
}

/** What discovery needs of a sitemap: its kind and counts, and an index's newest child. */
export interface SitemapCheck {
  kind: SitemapKind;
  urls: number;
  /** URLs with Google News tags. */
  news: number;
  /** Children of an index. */
  sitemaps: number;
  /** The newest child of an index (by lastmod, as newestFirst orders them). */
  newest?: string;
}

/** Reads a sitemap for discovery (bytes as fetched; throws when unreadable), without keeping its URLs. */
export function checkSitemap(bytes: Uint8Array, url: string): SitemapCheck {
  const parsed = parseSitemap(bytes, url);
  const newest = newestFirst(parsed.sitemaps)[0];
  return {
    kind: parsed.kind,
    urls: parsed.urls.length,
    news: parsed.urls.filter((u) => u.news).length,
    sitemaps: parsed.sitemaps.length,
    ...(newest ? { newest: newest.loc } : {}),
  };
}

export type CheckSitemap = (bytes: Uint8Array, url: string) => Promise<SitemapCheck>;

export interface DiscoverSitemapOptions {
  maxProbes?: number;
  /** Reads each sitemap fetched (default: checkSitemap on this thread). */
  check?: CheckSitemap;
}

function unavailable(url: string, err: unknown): { url: string; outcome: string; abandoned?: boolean } {
  return { url, outcome: `unavailable: ${(err as Error).message}`, ...(err instanceof ParseLimitError ? { abandoned: true } : {}) };
}

export async function discoverSitemap(fetchBytes: FetchBytes, siteUrl: string, opts: DiscoverSitemapOptions = {}): Promise<DiscoverResult> {
  const maxProbes = opts.maxProbes ?? 6;
  const check: CheckSitemap = opts.check ?? (async (bytes, url) => checkSitemap(bytes, url));
  const tried: DiscoverResult['tried'] = [];
  let robots: string | undefined;
  const robotsUrl = robotsUrlFor(siteUrl);
  try {
    robots = new TextDecoder().decode((await fetchBytes(robotsUrl)).bytes);
    tried.push({ url: robotsUrl, outcome: 'robots.txt' });
  } catch (err) {
    tried.push({ url: robotsUrl, outcome: `unavailable: ${(err as Error).message}` });
  }
  let fallback: SitemapFound | undefined;
  for (const url of sitemapCandidates(siteUrl, robots).slice(0, maxProbes)) {
    let parsed: SitemapCheck;
    try {
      const res = await fetchBytes(url);
      parsed = await check(res.bytes, res.url);
    } catch (err) {
      tried.push(unavailable(url, err));
      continue;
    }
    if (parsed.kind === 'urlset' || parsed.kind === 'text') {
      const news = parsed.news;
      tried.push({ url, outcome: `${parsed.kind}, ${parsed.urls} URLs, ${news} with news tags` });
      if (news > 0) return { found: found(url, true, 'sitemap.news', news), tried };
      if (parsed.urls > 0) fallback ??= found(url, false, 'sitemap.plain', parsed.urls);
    } else if (parsed.kind === 'sitemapindex') {
      tried.push({ url, outcome: `sitemap index, ${parsed.sitemaps} children` });
      const newest = parsed.newest;
      if (!newest) continue;
      try {
        const child = await check((await fetchBytes(newest)).bytes, newest);
        const news = child.news;
        tried.push({ url: newest, outcome: `newest child, ${child.urls} URLs, ${news} with news tags` });
        if (news > 0) return { found: found(url, true, 'sitemap.indexNews', news), tried };
        if (child.urls > 0) fallback ??= found(url, false, 'sitemap.indexPlain', parsed.sitemaps);
      } catch (err) {
        tried.push(unavailable(newest, err));
      }
    } else {
      tried.push({ url, outcome: parsed.kind === 'feed' ? 'a feed, not a sitemap' : 'not a sitemap' });
    }
  }
  return fallback ? { found: fallback, tried } : { tried };
}
