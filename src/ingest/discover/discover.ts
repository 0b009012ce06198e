// Autodiscovery: from a URL that may be a feed or a web page, find the feed(s) to subscribe to.
// A feed URL is taken as it is; a page's advertised feeds come first; then the common paths on
// the site, each fetched and parsed so only real feeds are proposed.
import type { HttpFetcher } from '../fetch/index.js';
import { BlockedFetchError, FetchError } from '../fetch/index.js';
import { parseFeed } from '../parse/index.js';
import type { ParsedFeed } from '../parse/types.js';
import { COMMON_FEED_PATHS, findFeedLinks, isHtmlDocument, type FeedLink } from './feed-links.js';
import { decodeHtml } from '../../text/encoding.js';
import { safeHttpUrl } from '../../domain/safe-url.js';
import { MAX_NAME_CHARS, shortText } from '../../text/short-text.js';

export interface DiscoveredFeed {
  /** The feed's URL (after redirects). */
  url: string;
  title?: string;
  siteUrl?: string;
  /** How it was found. */
  via: 'direct' | 'link' | 'common-path';
  /** Entries in the document when it was checked. */
  entries: number;
}

export interface DiscoveryResult {
  feeds: DiscoveredFeed[];
  /** True when the given URL was an HTML page rather than a feed. */
  page: boolean;
  /**
   * URLs tried, with why each was not a feed (for a clear "nothing found" message); `blocked` when
   * the fetcher refused the address itself (a loopback or private host not in allowHosts, a file:
   * URL with file URLs off) before asking anything.
   */
  tried: { url: string; problem: string; blocked?: boolean }[];
  /** The given URL's response when it was no feed (a page, a sitemap), so callers need not fetch it again. */
  document?: { url: string; body: Uint8Array; headers: Record<string, string> };
  /** The caller's signal stopped discovery before every address was tried (what was found is kept). */
  stopped?: boolean;
}

export interface DiscoverOptions {
  /** Stop after the first feed found among the common paths (default true: each is a request). */
  firstCommonPathOnly?: boolean;
  /** Check every advertised link (default: all; they are usually few). */
  maxLinks?: number;
  /**
   * Says whether the URL's response, when no feed, is a document the caller takes as it is (a
   * sitemap): discovery then stops there instead of probing the site's common feed paths.
   */
  stopAt?: (doc: { url: string; body: Uint8Array; headers: Record<string, string> }) => boolean;
  /**
   * Stops discovery (a deadline over the whole add chain): passed to every fetch, and no further
   * address is tried once it fires, so 20 slow links cost one deadline, not 20 fetch timeouts.
   */
  signal?: AbortSignal | undefined;
}

function describe(feed: ParsedFeed, url: string, via: DiscoveredFeed['via']): DiscoveredFeed {
  // The feed's own home-page link is stored and shown as a link: only an http(s) one will do.
  const siteUrl = safeHttpUrl(feed.feed.link, url);
  // The title is stored with the subscription as the source's name: plain text (an HTML-typed
  // title read as text), no control characters (PostgreSQL refuses NUL), bounded in length.
  const title = shortText(feed.feed.title, feed.feed.titleType, MAX_NAME_CHARS);
  return {
    url,
    via,
    entries: feed.entries.length,
    ...(title ? { title } : {}),
    ...(siteUrl ? { siteUrl } : {}),
  };
}

function problemOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Fetches and parses `url`; a feed, or the reason it is not one. */
async function tryFeed(
  fetcher: HttpFetcher,
  url: string,
  /** The address the user gave (it may be a file: URL, with allowFileUrls); links found on a page are not. */
  given = false,
  signal?: AbortSignal,
): Promise<{
  feed?: ParsedFeed;
  finalUrl: string;
  body?: Uint8Array;
  headers?: Record<string, string>;
  problem?: string;
  blocked?: boolean;
}> {
  try {
    const res = await fetcher.fetch(url, { operatorUrl: given, signal });
    try {
      const feed = parseFeed({ bytes: res.body, url: res.url, headers: res.headers });
      return { feed, finalUrl: res.url };
    } catch (err) {
      return { finalUrl: res.url, body: res.body, headers: res.headers, problem: problemOf(err) };
    }
  } catch (err) {
    if (err instanceof FetchError)
      return { finalUrl: url, problem: err.message, ...(err instanceof BlockedFetchError ? { blocked: true } : {}) };
    return { finalUrl: url, problem: problemOf(err) };
  }
}

export async function discoverFeeds(fetcher: HttpFetcher, inputUrl: string, opts: DiscoverOptions = {}): Promise<DiscoveryResult> {
  const tried: DiscoveryResult['tried'] = [];
  const signal = opts.signal;
  const stopped = (): { stopped?: true } => (signal?.aborted ? { stopped: true } : {});
  const first = await tryFeed(fetcher, inputUrl, true, signal);
  if (first.feed) return { feeds: [describe(first.feed, first.finalUrl, 'direct')], page: false, tried };
  tried.push({ url: inputUrl, problem: first.problem ?? 'not a feed', ...(first.blocked ? { blocked: true } : {}) });
  // The guard refused the address itself: the site's other paths are refused alike, and saying
  // "11 other addresses tried" would hide the one reason that matters.
  if (first.blocked) return { feeds: [], page: false, tried };
  if (signal?.aborted) return { feeds: [], page: false, tried, stopped: true };
  const page =
    first.body !== undefined &&
    isHtmlDocument(Buffer.from(first.body.subarray(0, 2048)).toString('latin1'), first.headers?.['content-type']);
  const document = first.body ? { url: first.finalUrl, body: first.body, headers: first.headers ?? {} } : undefined;
  if (document && !page && opts.stopAt?.(document)) return { feeds: [], page, tried, document };

  const feeds: DiscoveredFeed[] = [];
  const seen = new Set<string>();
  if (page && first.body) {
    const html = decodeHtml(first.body, first.headers?.['content-type']).text;
    const links: FeedLink[] = findFeedLinks(html, first.finalUrl).slice(0, opts.maxLinks ?? 20);
    for (const link of links) {
      if (signal?.aborted) break;
      const r = await tryFeed(fetcher, link.url, false, signal);
      if (r.feed && !seen.has(r.finalUrl)) {
        seen.add(r.finalUrl);
        const d = describe(r.feed, r.finalUrl, 'link');
        if (!d.title && link.title) d.title = link.title;
        feeds.push(d);
      } else if (!r.feed) tried.push({ url: link.url, problem: r.problem ?? 'not a feed' });
    }
  }
  if (feeds.length || signal?.aborted) return { feeds, page, tried, ...(document ? { document } : {}), ...stopped() };

  // Nothing advertised (or the URL did not answer): the usual places on the site.
  let origin: string;
  try {
    origin = new URL(first.finalUrl).origin;
  } catch {
    return { feeds, page, tried, ...(document ? { document } : {}) };
  }
  for (const path of COMMON_FEED_PATHS) {
    const url = new URL(path, origin).href;
    if (url === inputUrl || seen.has(url)) continue;
    if (signal?.aborted) break;
    const r = await tryFeed(fetcher, url, false, signal);
    if (r.feed && !seen.has(r.finalUrl)) {
      seen.add(r.finalUrl);
      feeds.push(describe(r.feed, r.finalUrl, 'common-path'));
      if (opts.firstCommonPathOnly ?? true) break;
    } else if (!r.feed) tried.push({ url, problem: r.problem ?? 'not a feed' });
  }
  return { feeds, page, tried, ...(document ? { document } : {}), ...stopped() };
}
