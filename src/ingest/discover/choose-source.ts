// What `newsdesk add URL` subscribes to, tried in order until one works:
//   (a) the URL is a feed;  (b) feeds the page advertises, or at the site's common feed paths;
//   (c) a news sitemap (the URL itself, robots.txt Sitemap: lines, the usual paths);
//   (d) the page as a listing of teasers (found by structure, or by the given CSS selectors).
// A plain sitemap without news tags is kept as the last resort: a listing page is a better
// picture of what is new. Every attempt is recorded, so a failure says what was tried and what
// the user can do next. The HTTP client is the caller's (SSRF guard, size caps, timeouts), and so
// is the parser every fetched document goes through (candidates.ts; the desk's is a worker pool).
import type { SourceKind } from '../../domain/source.js';
import type { HttpFetcher, RobotsRefusal } from '../fetch/index.js';
import { ParseLimitError } from '../parse/errors.js';
import type { ListingSelectors } from '../listing/types.js';
import { discoverSitemap, type SitemapFound } from '../sitemap/discover.js';
import type { FetchBytes } from '../sitemap/read.js';
import { failureKey } from '../../domain/failure.js';
import { fetchFailureReason } from '../fetch/index.js';
import { inlineCandidates, type CandidateParser, type ListingCandidate } from './candidates.js';
import { discoverFeeds, type DiscoveredFeed } from './discover.js';
import { isHtmlDocument } from './feed-links.js';
import { cause, counted, type DiscoveryNote, note, noteEnglish } from './notes.js';

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
  /** The same as a note (notes.ts), for the desk to word in the editor's language. */
  reasonNote: DiscoveryNote;
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
  /** The same lines as notes (notes.ts), for the desk to word in the editor's language. */
  triedNotes: DiscoveryNote[];
  /** What to do next. */
  advice: string;
  adviceNote: DiscoveryNote;
  /** Set when the deadline stopped discovery: `tried` is what was done until then. */
  stopped?: DiscoveryStop;
  /** Set when a listing page was found that the site's robots.txt does not allow Newsdesk to read. */
  robotsRefused?: RobotsRefusal;
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
  /**
   * Parses every document fetched: candidate feeds, sitemaps, the page (default: on this thread).
   * The desk and `newsdesk add` pass a worker pool, whose limits make a hostile candidate one
   * more line in `tried` rather than a stalled thread; the deadline stops a parse in progress too.
   */
  parser?: CandidateParser;
}

/** The default of config discoveryTimeoutMs, for callers without a config. */
export const DEFAULT_DISCOVERY_TIMEOUT_MS = 60_000;

/** The English advice when the deadline stopped discovery (the desk shows its catalogued sentence). */
export function deadlineAdvice(seconds: number): string {
  return noteEnglish(note('advice.deadline', { seconds }));
}

/** What `chooseSource` returns on success: the reason in English beside its note. */
function chosen(c: Omit<SourceChoice, 'reason'>): SourceChoice {
  return { ...c, reason: noteEnglish(c.reasonNote) };
}

type PageDoc = { url: string; body: Uint8Array; headers: Record<string, string> };

function feedReason(feeds: DiscoveredFeed[], chosen: DiscoveredFeed): DiscoveryNote {
  if (chosen.via === 'direct') return note('reason.feedDirect', { entries: counted(chosen.entries, 'count.entry', 'count.entries') });
  const more = feeds.length > 1 ? note('reason.moreFeeds', { n: feeds.length - 1 }) : '';
  // "1 entry", not "1 entries": counted as for a feed given directly.
  const entries = counted(chosen.entries, 'count.entry', 'count.entries');
  return note(chosen.via === 'link' ? 'reason.feedLink' : 'reason.feedPath', { entries, more });
}

function orderFeeds(feeds: DiscoveredFeed[]): DiscoveredFeed[] {
  // Discovery order is the page's own (its main feed first, comment feeds last); among common
  // paths, the one found first. Only a feed with no entries at all gives way.
  return [...feeds.filter((f) => f.entries > 0), ...feeds.filter((f) => f.entries === 0)];
}

type SitemapView = { kind: string; urls: number; news: number };

/** The one line for a document the parser's limits gave up on (too slow or too large to read). */
function abandoned(step: 'feed' | 'sitemap' | 'page', url: string, problem: string): DiscoveryNote {
  const key = step === 'feed' ? 'tried.feedAbandoned' : step === 'sitemap' ? 'tried.sitemapAbandoned' : 'tried.pageAbandoned';
  return note(key, { url, cause: cause(problem, 'tooLarge') });
}

export async function chooseSource(fetcher: HttpFetcher, url: string, opts: ChooseOptions = {}): Promise<SourceChoice | ChoiceFailure> {
  const triedNotes: DiscoveryNote[] = [];
  const tried = {
    push(n: DiscoveryNote): void {
      triedNotes.push(n);
    },
  };
  const failure = (adviceNote: DiscoveryNote, extra: { stopped?: DiscoveryStop; robotsRefused?: RobotsRefusal } = {}): ChoiceFailure => ({
    tried: triedNotes.map(noteEnglish),
    triedNotes,
    advice: noteEnglish(adviceNote),
    adviceNote,
    ...extra,
  });
  const parser = opts.parser ?? inlineCandidates;
  const want = (k: SourceKind): boolean => opts.kind === undefined || opts.kind === k;
  // One deadline for every fetch below: a page advertising 20 links that each drip a byte a second
  // would otherwise hold the caller (a desk preview, a terminal) for 20 fetch timeouts and more.
  const deadlineMs = opts.deadlineMs ?? DEFAULT_DISCOVERY_TIMEOUT_MS;
  const deadline = AbortSignal.timeout(deadlineMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, deadline]) : deadline;
  const stoppedFailure = (): ChoiceFailure => {
    const seconds = Math.max(1, Math.round(deadlineMs / 1000));
    tried.push(note('tried.deadline', { seconds }));
    return failure(note('advice.deadline', { seconds }), { stopped: { key: 'deadline', seconds } });
  };
  const fetchBytes: FetchBytes = async (u) => {
    // The address the user gave may be a file: URL (with allowFileUrls); addresses found from it not.
    const r = await fetcher.fetch(u, { operatorUrl: u === url, signal });
    return { bytes: r.body, url: r.url };
  };
  let doc: PageDoc | undefined;
  // A listing page found that the site's robots.txt refuses to us.
  let robotsRefused: RobotsRefusal | undefined;
  // Why the URL itself could not be read, when it could not: the advice is then about the address,
  // not about selectors for a page nobody has seen.
  let pageFailure: ReturnType<typeof fetchFailureReason> | undefined;
  const fetchPage = async (): Promise<PageDoc | undefined> => {
    if (doc) return doc;
    try {
      const r = await fetcher.fetch(url, { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5', operatorUrl: true, signal });
      doc = { url: r.url, body: r.body, headers: r.headers };
    } catch (err) {
      pageFailure = fetchFailureReason(err);
      tried.push(note('tried.pageUnreadable', { url, cause: cause((err as Error).message, failureKey(pageFailure)) }));
    }
    return doc;
  };
  // The URL's response read as a sitemap, when it is one with URLs in it: read once (discovery's
  // stop test and the sitemap step ask about the same response).
  const sitemapViews = new Map<PageDoc, Promise<SitemapView | undefined>>();
  const asSitemap = (d: PageDoc | undefined): Promise<SitemapView | undefined> => {
    if (!d) return Promise.resolve(undefined);
    let view = sitemapViews.get(d);
    if (!view) {
      view = (async () => {
        try {
          const s = await parser.read({ op: 'sitemap', doc: { bytes: d.body, url: d.url } }, signal);
          if (s.kind === 'urlset' && s.urls) return { kind: 'sitemap', urls: s.urls, news: s.news };
          if (s.kind === 'sitemapindex' && s.sitemaps) return { kind: 'sitemap index', urls: s.sitemaps, news: 0 };
        } catch (err) {
          // Not a sitemap; or one past the parser's limits, which the user is told about.
          if (err instanceof ParseLimitError) tried.push(abandoned('sitemap', d.url, err.message));
        }
        return undefined;
      })();
      sitemapViews.set(d, view);
    }
    return view;
  };

  // (a), (b): feeds. With selectors given, the user means the page itself.
  if (want('feed') && !opts.selectors) {
    // A sitemap given by its own URL is what the user means, whatever feeds the site has.
    const found = await discoverFeeds(fetcher, url, {
      stopAt: async (d) => (await asSitemap(d)) !== undefined,
      signal,
      parser,
    });
    // The discovered document is the one the stop test read (the same object, its reading kept).
    doc = found.document;
    // Feeds found before the deadline are what was found: they are offered as usual.
    if (found.feeds.length) {
      const feeds = orderFeeds(found.feeds);
      const picked = opts.all ? feeds : feeds.slice(0, 1);
      return chosen({
        kind: 'feed',
        sources: picked.map((f) => ({ url: f.url, ...(f.title ? { title: f.title } : {}), ...(f.siteUrl ? { siteUrl: f.siteUrl } : {}) })),
        reasonNote: feedReason(feeds, feeds[0]!),
        feeds,
        page: found.page,
      });
    }
    const more = found.tried.length - 1;
    const others =
      more > 0
        ? note(found.stopped ? 'tried.othersDeadline' : 'tried.others', {
            count: counted(more, 'count.otherAddress', 'count.otherAddresses'),
          })
        : '';
    const first = found.tried[0];
    if (found.page) tried.push(note('tried.feedIsPage', { url, others }));
    else tried.push(note('tried.feedNot', { url, cause: cause(first?.problem ?? 'unknown reason', first?.failure ?? 'other'), others }));
    // A candidate the parser gave up on (too slow, too large to hold) is named: it may be the feed.
    for (const t of found.tried.slice(1)) if (t.abandoned) tried.push(abandoned('feed', t.url, t.problem));
    if (signal.aborted) return stoppedFailure();
    if (!doc && found.tried[0] && !found.page) {
      // The URL itself did not answer: nothing else on it can work either.
      if (found.tried[0].blocked) return failure(note('advice.blocked'));
      return failure(note('advice.browser'));
    }
  }

  // (c) sitemaps: the URL itself, then robots.txt and the usual paths.
  // A plain sitemap found on the way: offered last, when neither a feed nor a listing is found.
  let plainFound: SitemapFound | undefined;
  const plainSitemap = (found: SitemapFound, why: 'reason.plainNoListing' | 'reason.plainDeadline'): SourceChoice =>
    chosen({
      kind: 'sitemap',
      sources: [{ url: found.url }],
      reasonNote: note(why, { found: found.note }),
      plain: true,
    });
  if (want('sitemap') && !opts.selectors) {
    const direct = await asSitemap(doc ?? (opts.kind === 'sitemap' ? await fetchPage() : undefined));
    if (direct && doc) {
      return chosen({
        kind: 'sitemap',
        sources: [{ url: doc.url }],
        reasonNote: note(direct.kind === 'sitemap' ? 'reason.sitemapUrl' : 'reason.sitemapIndexUrl', {
          urls: counted(direct.urls, 'count.url', 'count.urls'),
          news: direct.news ? note('reason.newsTags', { n: direct.news }) : '',
        }),
        ...(direct.kind === 'sitemap' && direct.news === 0 ? { plain: true } : {}),
      });
    }
    let origin: string | undefined;
    try {
      origin = new URL(doc?.url ?? url).origin;
    } catch {
      /* the URL was checked by the caller */
    }
    if (signal.aborted) return stoppedFailure();
    if (origin) {
      const s = await discoverSitemap(fetchBytes, origin, {
        check: (bytes, at) => parser.read({ op: 'sitemap', doc: { bytes, url: at } }, signal),
      });
      // A deadline during the probes leaves them failed: what they say is not that there is none.
      if (signal.aborted && !s.found) return stoppedFailure();
      if (s.found?.news || (s.found && opts.kind === 'sitemap')) {
        // The site's name, when the URL was its page, names the sitemap source too.
        const title =
          doc && isHtmlDocument(Buffer.from(doc.body.subarray(0, 2048)).toString('latin1'), doc.headers['content-type'])
            ? await parser
                .read({ op: 'title', doc: { bytes: doc.body, url: doc.url, headers: doc.headers } }, signal)
                .catch(() => undefined)
            : undefined;
        return chosen({
          kind: 'sitemap',
          sources: [{ url: s.found.url, ...(title ? { title } : {}) }],
          reasonNote: note(opts.kind ? 'reason.sitemapFound' : 'reason.sitemapFoundNoFeed', { found: s.found.note }),
          ...(s.found.news ? {} : { plain: true }),
        });
      }
      if (s.found) {
        plainFound = s.found;
        tried.push(note('tried.plainSitemap', { found: s.found.note, url: s.found.url }));
      } else {
        const paths = counted(Math.max(0, s.tried.length - 1), 'count.commonPath', 'count.commonPaths');
        tried.push(note(s.tried[0]?.outcome === 'robots.txt' ? 'tried.noSitemap' : 'tried.noSitemapNoRobots', { paths }));
      }
      for (const t of s.tried) if (t.abandoned) tried.push(abandoned('sitemap', t.url, t.outcome.replace(/^unavailable: /, '')));
    }
  }

  // (d) the page as a listing of teasers.
  if (want('page')) {
    const page = await fetchPage();
    if (signal.aborted && !page) {
      // The plain sitemap found before the deadline is what there is; the listing was not tried.
      if (plainFound && opts.kind === undefined) return plainSitemap(plainFound, 'reason.plainDeadline');
      return stoppedFailure();
    }
    let read: ListingCandidate | undefined;
    if (page) {
      try {
        read = await parser.read(
          { op: 'listing', doc: { bytes: page.body, url: page.url, headers: page.headers }, selectors: opts.selectors },
          signal,
        );
      } catch (err) {
        // Past the parser's limits, or stopped by the deadline: the page is not a listing we can read.
        if (signal.aborted) {
          if (plainFound && opts.kind === undefined) return plainSitemap(plainFound, 'reason.plainDeadline');
          return stoppedFailure();
        }
        tried.push(
          err instanceof ParseLimitError
            ? abandoned('page', page.url, err.message)
            : note('tried.pageUnreadable', { url: page.url, cause: cause((err as Error).message, 'parse') }),
        );
      }
    }
    if (page && read) {
      if (!read.html) {
        const type = page.headers['content-type'];
        tried.push(
          note(type === undefined ? 'tried.notHtmlUnknown' : 'tried.notHtml', { url: page.url, ...(type === undefined ? {} : { type }) }),
        );
      } else {
        const probe = read.probe;
        const usable = probe.usable || (opts.selectors !== undefined && probe.items > 0);
        // A listing page is crawled at every poll, so its robots.txt is asked now: a page the site
        // refuses to Newsdesk is refused here, with what to do, not at the first poll.
        let refused: RobotsRefusal | undefined;
        if (usable) {
          try {
            refused = await fetcher.robotsRefusal(page.url, signal);
          } catch {
            if (plainFound && opts.kind === undefined) return plainSitemap(plainFound, 'reason.plainDeadline');
            return stoppedFailure();
          }
          if (refused) {
            robotsRefused = refused;
            tried.push(note('tried.listingRobots', { url: page.url }));
          }
        }
        if (usable && !refused) {
          const title = read.title;
          return chosen({
            kind: 'page',
            sources: [{ url: page.url, ...(title ? { title } : {}) }],
            reasonNote: note(opts.kind === 'page' || opts.selectors ? 'reason.listing' : 'reason.listingNoFeed', { probe: probe.note }),
            ...(opts.selectors ? { settings: { selectors: opts.selectors } } : {}),
          });
        }
        if (!usable) tried.push(note(opts.selectors ? 'tried.listingSelectors' : 'tried.listing', { probe: probe.note }));
      }
    }
  }

  if (plainFound && opts.kind === undefined) return plainSitemap(plainFound, 'reason.plainNoListing');
  if (robotsRefused) {
    const { robots, agent, path } = robotsRefused;
    return failure(note('advice.robots', { robots, agent, path }), { robotsRefused });
  }
  if (pageFailure && !doc) return failure(note(pageFailure.kind === 'blocked' ? 'advice.blocked' : 'advice.browser'));
  return failure(
    opts.selectors
      ? note('advice.selectors')
      : opts.kind === 'feed'
        ? note('advice.kindFeed')
        : opts.kind === 'sitemap'
          ? note('advice.kindSitemap')
          : note('advice.listing', { url }),
  );
}

export function isChoice(r: SourceChoice | ChoiceFailure): r is SourceChoice {
  return 'kind' in r;
}
