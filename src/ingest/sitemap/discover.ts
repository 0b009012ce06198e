// Finding a site's news sitemap, for `newsdesk add`: robots.txt first, then the usual paths.
// A sitemap with news: tags wins; an index wins when its newest child has them. A plain sitemap
// is remembered as a fallback. The caller supplies the fetching; failures just move on.
import { newestFirst } from './incremental.js';
import { parseSitemap } from './parse.js';
import type { ParsedSitemap } from './types.js';
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
  /** URLs fetched, in order, with what each turned out to be. */
  tried: Array<{ url: string; outcome: string }>;
}

export async function discoverSitemap(fetchBytes: FetchBytes, siteUrl: string, opts: { maxProbes?: number } = {}): Promise<DiscoverResult> {
  const maxProbes = opts.maxProbes ?? 6;
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
    let parsed: ParsedSitemap;
    try {
      const res = await fetchBytes(url);
      parsed = parseSitemap(res.bytes, res.url);
    } catch (err) {
      tried.push({ url, outcome: `unavailable: ${(err as Error).message}` });
      continue;
    }
    if (parsed.kind === 'urlset' || parsed.kind === 'text') {
      const news = parsed.urls.filter((u) => u.news).length;
      tried.push({ url, outcome: `${parsed.kind}, ${parsed.urls.length} URLs, ${news} with news tags` });
      if (news > 0) return { found: found(url, true, 'sitemap.news', news), tried };
      if (parsed.urls.length > 0) fallback ??= found(url, false, 'sitemap.plain', parsed.urls.length);
    } else if (parsed.kind === 'sitemapindex') {
      tried.push({ url, outcome: `sitemap index, ${parsed.sitemaps.length} children` });
      const newest = newestFirst(parsed.sitemaps)[0];
      if (!newest) continue;
      try {
        const child = parseSitemap((await fetchBytes(newest.loc)).bytes, newest.loc);
        const news = child.urls.filter((u) => u.news).length;
        tried.push({ url: newest.loc, outcome: `newest child, ${child.urls.length} URLs, ${news} with news tags` });
        if (news > 0) return { found: found(url, true, 'sitemap.indexNews', news), tried };
        if (child.urls.length > 0) fallback ??= found(url, false, 'sitemap.indexPlain', parsed.sitemaps.length);
      } catch (err) {
        tried.push({ url: newest.loc, outcome: `unavailable: ${(err as Error).message}` });
      }
    } else {
      tried.push({ url, outcome: parsed.kind === 'feed' ? 'a feed, not a sitemap' : 'not a sitemap' });
    }
  }
  return fallback ? { found: fallback, tried } : { tried };
}
