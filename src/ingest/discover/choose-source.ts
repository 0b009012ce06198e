// What `newsdesk add URL` subscribes to, tried in order until one works:
//   (a) the URL is a feed;  (b) feeds the page advertises, or at the site's common feed paths;
//   (c) a news sitemap (the URL itself, robots.txt Sitemap: lines, the usual paths);
//   (d) the page as a listing of teasers (found by structure, or by the given CSS selectors).
// A plain sitemap without news tags is kept as the last resort: a listing page is a better
// picture of what is new. Every attempt is recorded, so a failure says what was tried and what
// the user can do next. The HTTP client is the caller's (SSRF guard, size caps, timeouts).
import { MAX_NAME_CHARS, shortText } from '../../text/short-text.js';
import type { SourceKind } from '../../domain/source.js';
import { decodeHtml } from '../../text/encoding.js';
import type { HttpFetcher } from '../fetch/index.js';
import { probeListing } from '../listing/probe.js';
import type { ListingSelectors } from '../listing/types.js';
import { discoverSitemap } from '../sitemap/discover.js';
import { parseSitemap } from '../sitemap/parse.js';
import type { FetchBytes } from '../sitemap/read.js';
import { discoverFeeds, type DiscoveredFeed } from './discover.js';
import { isHtmlDocument } from './feed-links.js';

export interface ChosenSource {
  url: string;
  title?: string;
  siteUrl?: string;
}

export interface SourceChoice {
  kind: SourceKind;
  /** One for page and sitemap; one or more feeds (--all). */
  sources: ChosenSource[];
  /** Why this kind and URL, in one line for the user. */
  reason: string;
  /** Every feed found, when the choice is among feeds. */
  feeds?: DiscoveredFeed[];
  /** The page was an HTML page (feeds were discovered on it). */
  page?: boolean;
  /** Settings to store with the source (listing selectors). */
  settings?: Record<string, unknown>;
  /** A sitemap known to carry no news tags (a plain one); absent for a news sitemap or an index given by its URL. */
  plain?: boolean;
}

/** Why discovery stopped before trying everything: a key the desk words in the editor's language, with its parameters. */
export interface DiscoveryStop {
  key: 'deadline';
  /** The deadline, in whole seconds. */
  seconds: number;
}

export interface ChoiceFailure {
  /** What each step found, one line each. */
  tried: string[];
  /** What to do next. */
  advice: string;
  /** Set when the deadline stopped discovery: `tried` is what was done until then. */
  stopped?: DiscoveryStop;
}

export interface ChooseOptions {
  /** Only this kind is considered. */
  kind?: SourceKind;
  /** Every discovered feed, not only the best. */
  all?: boolean;
  /** Listing selectors (settings.selectors of a page source). */
  selectors?: ListingSelectors;
  /**
   * Time allowed for the whole chain, every fetch included (config discoveryTimeoutMs). Each
   * fetch keeps its own total timeout too; whichever comes first ends it.
   */
  deadlineMs?: number;
  /** Stops the chain from outside (the caller's own cancellation), as the deadline does. */
  signal?: AbortSignal;
}

/** The default of config discoveryTimeoutMs, for callers without a config. */
export const DEFAULT_DISCOVERY_TIMEOUT_MS = 60_000;

/** The English advice when the deadline stopped discovery (the desk shows its catalogued sentence). */
export function deadlineAdvice(seconds: number): string {
  return `discovery stopped after ${seconds} s (discoveryTimeoutMs, NEWSDESK_DISCOVERY_TIMEOUT_MS) with nothing usable found so far; the site answers too slowly — give the feed's or sitemap's own URL, or try again later`;
}

type PageDoc = { url: string; body: Uint8Array; headers: Record<string, string> };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : word.endsWith('s') ? 'es' : 's'}`;
}

function titleOf(html: string): string | undefined {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  const t = m?.[1]?.replace(/\s+/g, ' ').trim();
  if (!t) return undefined;
  // The source's name: plain text of bounded length, as a feed's title (src/text/short-text.ts).
  const text = t
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'");
  return shortText(text, undefined, MAX_NAME_CHARS) || undefined;
}

function feedReason(feeds: DiscoveredFeed[], chosen: DiscoveredFeed): string {
  if (chosen.via === 'direct') return `the URL is a feed (${chosen.entries} ${chosen.entries === 1 ? 'entry' : 'entries'})`;
  const how = chosen.via === 'link' ? 'advertised by the page with <link rel="alternate">' : 'found at a common feed path on the site';
  const others = feeds.length > 1 ? `; ${feeds.length - 1} more found` : '';
  return `feed ${how}, ${chosen.entries} entries${others}`;
}

function orderFeeds(feeds: DiscoveredFeed[]): DiscoveredFeed[] {
  // Discovery order is the page's own (its main feed first, comment feeds last); among common
  // paths, the one found first. Only a feed with no entries at all gives way.
  return [...feeds.filter((f) => f.entries > 0), ...feeds.filter((f) => f.entries === 0)];
}

/** The URL's response read as a sitemap, when it is one with URLs in it. */
function asSitemap(doc: PageDoc | undefined): { kind: string; urls: number; news: number } | undefined {
  if (!doc) return undefined;
  try {
    const s = parseSitemap(doc.body, doc.url);
    if (s.kind === 'urlset' && s.urls.length) return { kind: 'sitemap', urls: s.urls.length, news: s.urls.filter((u) => u.news).length };
    if (s.kind === 'sitemapindex' && s.sitemaps.length) return { kind: 'sitemap index', urls: s.sitemaps.length, news: 0 };
  } catch {
    /* not a sitemap */
  }
  return undefined;
}

export async function chooseSource(fetcher: HttpFetcher, url: string, opts: ChooseOptions = {}): Promise<SourceChoice | ChoiceFailure> {
  const tried: string[] = [];
  const want = (k: SourceKind): boolean => opts.kind === undefined || opts.kind === k;
  // One deadline for every fetch below: a page advertising 20 links that each drip a byte a second
  // would otherwise hold the caller (a desk preview, a terminal) for 20 fetch timeouts and more.
  const deadlineMs = opts.deadlineMs ?? DEFAULT_DISCOVERY_TIMEOUT_MS;
  const deadline = AbortSignal.timeout(deadlineMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, deadline]) : deadline;
  const stoppedFailure = (): ChoiceFailure => {
    const seconds = Math.max(1, Math.round(deadlineMs / 1000));
    tried.push(`deadline: stopped after ${seconds} s, before every way to read the site was tried`);
    return { tried, advice: deadlineAdvice(seconds), stopped: { key: 'deadline', seconds } };
  };
  const fetchBytes: FetchBytes = async (u) => {
    // The address the user gave may be a file: URL (with allowFileUrls); addresses found from it not.
    const r = await fetcher.fetch(u, { operatorUrl: u === url, signal });
    return { bytes: r.body, url: r.url };
  };
  let doc: PageDoc | undefined;
  const fetchPage = async (): Promise<PageDoc | undefined> => {
    if (doc) return doc;
    try {
      const r = await fetcher.fetch(url, { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5', operatorUrl: true, signal });
      doc = { url: r.url, body: r.body, headers: r.headers };
    } catch (err) {
      tried.push(`page: ${url} could not be read: ${(err as Error).message}`);
    }
    return doc;
  };

  // (a), (b): feeds. With selectors given, the user means the page itself.
  if (want('feed') && !opts.selectors) {
    // A sitemap given by its own URL is what the user means, whatever feeds the site has.
    const found = await discoverFeeds(fetcher, url, { stopAt: (d) => asSitemap(d) !== undefined, signal });
    doc = found.document;
    // Feeds found before the deadline are what was found: they are offered as usual.
    if (found.feeds.length) {
      const feeds = orderFeeds(found.feeds);
      const chosen = opts.all ? feeds : feeds.slice(0, 1);
      return {
        kind: 'feed',
        sources: chosen.map((f) => ({ url: f.url, ...(f.title ? { title: f.title } : {}), ...(f.siteUrl ? { siteUrl: f.siteUrl } : {}) })),
        reason: feedReason(feeds, feeds[0]!),
        feeds,
        page: found.page,
      };
    }
    const more = found.tried.length - 1;
    const elsewhere =
      more > 0
        ? `; ${plural(more, 'other address')} tried (the page's feed links, /feed, /rss, /atom.xml …)${found.stopped ? ' before the deadline' : ''}, none a feed`
        : '';
    if (found.page) tried.push(`feed: ${url} is a web page, not a feed${elsewhere}`);
    else tried.push(`feed: ${url} is no feed (${found.tried[0]?.problem ?? 'unknown reason'})${elsewhere}`);
    if (signal.aborted) return stoppedFailure();
    if (!doc && found.tried[0] && !found.page) {
      // The URL itself did not answer: nothing else on it can work either.
      if (found.tried[0].blocked)
        return {
          tried,
          advice:
            'Newsdesk refused the address before fetching it, for the reason above; for a host on your own network, list it in allowHosts (NEWSDESK_ALLOW_HOSTS=HOST, a host name or CIDR) and add it again',
        };
      return { tried, advice: 'check the address in a browser; if the site blocks readers, there is nothing Newsdesk can follow' };
    }
  }

  // (c) sitemaps: the URL itself, then robots.txt and the usual paths.
  // A plain sitemap found on the way: offered last, when neither a feed nor a listing is found.
  let plainFound: { url: string; reason: string } | undefined;
  const plainSitemap = (found: { url: string; reason: string }, why: string): SourceChoice => ({
    kind: 'sitemap',
    sources: [{ url: found.url }],
    reason: `${why}; ${found.reason}`,
    plain: true,
  });
  if (want('sitemap') && !opts.selectors) {
    const direct = asSitemap(doc ?? (opts.kind === 'sitemap' ? await fetchPage() : undefined));
    if (direct && doc) {
      return {
        kind: 'sitemap',
        sources: [{ url: doc.url }],
        reason: `the URL is a ${direct.kind} (${plural(direct.urls, 'URL')}${direct.news ? `, ${direct.news} with news tags` : ''})`,
        ...(direct.kind === 'sitemap' && direct.news === 0 ? { plain: true } : {}),
      };
    }
    let origin: string | undefined;
    try {
      origin = new URL(doc?.url ?? url).origin;
    } catch {
      /* the URL was checked by the caller */
    }
    if (signal.aborted) return stoppedFailure();
    if (origin) {
      const s = await discoverSitemap(fetchBytes, origin);
      // A deadline during the probes leaves them failed: what they say is not that there is none.
      if (signal.aborted && !s.found) return stoppedFailure();
      if (s.found?.news || (s.found && opts.kind === 'sitemap')) {
        // The site's name, when the URL was its page, names the sitemap source too.
        const title =
          doc && isHtmlDocument(Buffer.from(doc.body.subarray(0, 2048)).toString('latin1'), doc.headers['content-type'])
            ? titleOf(decodeHtml(doc.body, doc.headers['content-type']).text)
            : undefined;
        return {
          kind: 'sitemap',
          sources: [{ url: s.found.url, ...(title ? { title } : {}) }],
          reason: `${opts.kind ? '' : 'no feed found; '}${s.found.reason}`,
          ...(s.found.news ? {} : { plain: true }),
        };
      }
      if (s.found) {
        plainFound = { url: s.found.url, reason: s.found.reason };
        tried.push(`sitemap: only a plain ${s.found.reason} at ${s.found.url}`);
      } else {
        const robots = s.tried[0]?.outcome === 'robots.txt' ? 'robots.txt names none that works' : 'no robots.txt';
        tried.push(`sitemap: none found (${robots}; ${plural(Math.max(0, s.tried.length - 1), 'common path')} tried)`);
      }
    }
  }

  // (d) the page as a listing of teasers.
  if (want('page')) {
    const page = await fetchPage();
    if (signal.aborted && !page) {
      // The plain sitemap found before the deadline is what there is; the listing was not tried.
      if (plainFound && opts.kind === undefined)
        return plainSitemap(plainFound, 'no feed or news sitemap found, the listing page not tried before the deadline');
      return stoppedFailure();
    }
    if (page) {
      const text = decodeHtml(page.body, page.headers['content-type']).text;
      if (!isHtmlDocument(text.slice(0, 2048), page.headers['content-type'])) {
        tried.push(`page: ${page.url} is no HTML page (${page.headers['content-type'] ?? 'unknown type'})`);
      } else {
        const probe = probeListing(text, page.url, opts.selectors ? { selectors: opts.selectors } : {});
        const usable = probe.usable || (opts.selectors !== undefined && probe.items > 0);
        if (usable) {
          const title = titleOf(text);
          const why = opts.kind === 'page' || opts.selectors ? '' : 'no feed or news sitemap found; ';
          return {
            kind: 'page',
            sources: [{ url: page.url, ...(title ? { title } : {}) }],
            reason: `${why}${probe.reason}`,
            ...(opts.selectors ? { settings: { selectors: opts.selectors } } : {}),
          };
        }
        tried.push(`page: ${probe.reason}${opts.selectors ? ' with the given selectors' : ''}`);
      }
    }
  }

  if (plainFound && opts.kind === undefined) return plainSitemap(plainFound, 'no feed, news sitemap or teaser listing found');
  const selectorAdvice = `if the page lists articles, name its teaser blocks with CSS selectors, e.g. newsdesk add ${url} --selector item=article.post --selector title="h2 a" (stored in the source's settings.selectors)`;
  const advice = opts.selectors
    ? 'check the selectors against the page (item selects each teaser block; title, link, summary and date are looked up inside it)'
    : opts.kind === 'feed'
      ? "give the feed's own URL if you know it, or drop --kind to let Newsdesk try a sitemap or the listing page"
      : opts.kind === 'sitemap'
        ? "give the sitemap's own URL (newsdesk add --kind sitemap https://…/sitemap.xml), or drop --kind to let Newsdesk try feeds and the listing page"
        : `${selectorAdvice}; or give the site's feed or sitemap URL directly`;
  return { tried, advice };
}

export function isChoice(r: SourceChoice | ChoiceFailure): r is SourceChoice {
  return 'kind' in r;
}
