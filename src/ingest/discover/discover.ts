// Autodiscovery: from a URL that may be a feed or a web page, find the feed(s) to subscribe to.
// A feed URL is taken as it is; a page's advertised feeds come first; then the common paths on
// the site, each fetched and parsed so only real feeds are proposed. Every document is parsed
// through the options' CandidateParser (candidates.ts): the desk's is a worker pool.
import type { HttpFetcher } from '../fetch/index.js';
import { BlockedFetchError, FetchError, fetchFailureReason } from '../fetch/index.js';
import { failureKey } from '../../domain/failure.js';
import { ParseLimitError } from '../parse/errors.js';
import { inlineCandidates, type CandidateParser, type FeedCandidate } from './candidates.js';
import { COMMON_FEED_PATHS, isHtmlDocument, type FeedLink } from './feed-links.js';
import { safeHttpUrl } from '../../domain/safe-url.js';

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
   * URL with file URLs off) before asking anything; `abandoned` when the parser's own limits (time,
   * memory) gave up on the document, so whether it is a feed is unknown. `failure` is the problem's
   * failure key (src/domain/failure.ts: "http:404", "notFeed", "tooLarge", …), for the desk to word
   * in the editor's language.
   */
  tried: { url: string; problem: string; failure: string; blocked?: boolean; abandoned?: boolean }[];
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
  stopAt?: (doc: { url: string; body: Uint8Array; headers: Record<string, string> }) => boolean | Promise<boolean>;
  /**
   * Stops discovery (a deadline over the whole add chain): passed to every fetch, and no further
   * address is tried once it fires, so 20 slow links cost one deadline, not 20 fetch timeouts.
   */
  signal?: AbortSignal | undefined;
  /**
   * Parses every document fetched (default: on this thread, without limits). The desk passes its
   * worker pool: a candidate past the pool's limits is a reason in `tried`, not a stalled server.
   */
  parser?: CandidateParser | undefined;
}

function describe(feed: FeedCandidate, url: string, via: DiscoveredFeed['via']): DiscoveredFeed {
  // The feed's own home-page link is stored and shown as a link: only an http(s) one will do.
  const siteUrl = safeHttpUrl(feed.link, url);
  // The title was made plain, bounded text where the candidate was read (candidates.ts).
  const title = feed.title ?? '';
  return {
    url,
    via,
    entries: feed.entries,
    ...(title ? { title } : {}),
    ...(siteUrl ? { siteUrl } : {}),
  };
}

/** The failure key of a document that was fetched but is no feed. */
const NOT_A_FEED = 'notFeed';

function problemOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Fetches and parses `url`; a feed, or the reason it is not one. */
async function tryFeed(
  fetcher: HttpFetcher,
  parser: CandidateParser,
  url: string,
  /** The address the user gave (it may be a file: URL, with allowFileUrls); links found on a page are not. */
  given = false,
  signal?: AbortSignal,
): Promise<{
  feed?: FeedCandidate;
  finalUrl: string;
  body?: Uint8Array;
  headers?: Record<string, string>;
  problem?: string;
  failure?: string;
  blocked?: boolean;
  abandoned?: boolean;
}> {
  try {
    const res = await fetcher.fetch(url, { operatorUrl: given, signal });
    try {
      const feed = await parser.read({ op: 'feed', doc: { bytes: res.body, url: res.url, headers: res.headers } }, signal);
      return { feed, finalUrl: res.url };
    } catch (err) {
      // A document past the parser's limits (time, memory) is abandoned: too large to read here.
      const abandoned = err instanceof ParseLimitError;
      return {
        finalUrl: res.url,
        body: res.body,
        headers: res.headers,
        problem: problemOf(err),
        failure: abandoned ? 'tooLarge' : NOT_A_FEED,
        ...(abandoned ? { abandoned: true } : {}),
      };
    }
  } catch (err) {
    const failure = failureKey(fetchFailureReason(err));
    if (err instanceof FetchError)
      return { finalUrl: url, problem: err.message, failure, ...(err instanceof BlockedFetchError ? { blocked: true } : {}) };
    return { finalUrl: url, problem: problemOf(err), failure };
  }
}

export async function discoverFeeds(fetcher: HttpFetcher, inputUrl: string, opts: DiscoverOptions = {}): Promise<DiscoveryResult> {
  const tried: DiscoveryResult['tried'] = [];
  const signal = opts.signal;
  const parser = opts.parser ?? inlineCandidates;
  const stopped = (): { stopped?: true } => (signal?.aborted ? { stopped: true } : {});
  const why = (r: { problem?: string; failure?: string; abandoned?: boolean }): { problem: string; failure: string; abandoned?: true } => ({
    problem: r.problem ?? 'not a feed',
    failure: r.failure ?? NOT_A_FEED,
    ...(r.abandoned ? { abandoned: true } : {}),
  });
  const first = await tryFeed(fetcher, parser, inputUrl, true, signal);
  if (first.feed) return { feeds: [describe(first.feed, first.finalUrl, 'direct')], page: false, tried };
  tried.push({ url: inputUrl, ...why(first), ...(first.blocked ? { blocked: true } : {}) });
  // The guard refused the address itself: the site's other paths are refused alike, and saying
  // "11 other addresses tried" would hide the one reason that matters.
  if (first.blocked) return { feeds: [], page: false, tried };
  if (signal?.aborted) return { feeds: [], page: false, tried, stopped: true };
  const page =
    first.body !== undefined &&
    isHtmlDocument(Buffer.from(first.body.subarray(0, 2048)).toString('latin1'), first.headers?.['content-type']);
  const document = first.body ? { url: first.finalUrl, body: first.body, headers: first.headers ?? {} } : undefined;
  if (document && !page && (await opts.stopAt?.(document))) return { feeds: [], page, tried, document };

  const feeds: DiscoveredFeed[] = [];
  const seen = new Set<string>();
  if (page && first.body) {
    let links: FeedLink[] = [];
    try {
      const doc = { bytes: first.body, url: first.finalUrl, headers: first.headers };
      links = await parser.read({ op: 'feed-links', doc, max: opts.maxLinks ?? 20 }, signal);
    } catch (err) {
      // The page could not be read for its links (past the parser's limits): the common paths remain.
      const limit = err instanceof ParseLimitError;
      tried.push({
        url: first.finalUrl,
        problem: problemOf(err),
        failure: limit ? 'tooLarge' : 'parse',
        ...(limit ? { abandoned: true } : {}),
      });
    }
    for (const link of links) {
      if (signal?.aborted) break;
      const r = await tryFeed(fetcher, parser, link.url, false, signal);
      if (r.feed && !seen.has(r.finalUrl)) {
        seen.add(r.finalUrl);
        const d = describe(r.feed, r.finalUrl, 'link');
        if (!d.title && link.title) d.title = link.title;
        feeds.push(d);
      } else if (!r.feed) tried.push({ url: link.url, ...why(r) });
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
    const r = await tryFeed(fetcher, parser, url, false, signal);
    if (r.feed && !seen.has(r.finalUrl)) {
      seen.add(r.finalUrl);
      feeds.push(describe(r.feed, r.finalUrl, 'common-path'));
      if (opts.firstCommonPathOnly ?? true) break;
    } else if (!r.feed) tried.push({ url, ...why(r) });
  }
  return { feeds, page, tried, ...(document ? { document } : {}), ...stopped() };
}
