// What the add chain says (src/ingest/discover/choose-source.ts) as keys and parameters: each
// step it tried, the advice when nothing was found, and the reason for what it chose. The English
// below is the one English text of each (the CLI's `add` prints it, the desk's English catalogue
// reuses it); the desk writes the same notes in Arabic and Persian (src/web/desk/discovery-notes.ts).
// Notes nest: a reason quotes what the sitemap search or the listing probe found (their own
// English tables, SITEMAP_NOTE_EN and LISTING_NOTE_EN), a step quotes why a fetch failed (a
// `cause`: the fetcher's words in English, its failure key for other languages).
import { fillNote, type Note, type NoteParams } from '../../locale/index.js';
import { SOURCE_CHECK_MESSAGES } from '../../locale/source-checks.js';
import { LISTING_NOTE_EN } from '../listing/probe.js';
import { SITEMAP_NOTE_EN } from '../sitemap/discover.js';

export const DISCOVERY_NOTE_EN = {
  ...SITEMAP_NOTE_EN,
  ...LISTING_NOTE_EN,
  /** A failure quoted inside another note: {detail} is the English message, {failure} its failure key. */
  cause: '{detail}',
  'count.otherAddress': '{n} other address',
  'count.otherAddresses': '{n} other addresses',
  'count.commonPath': '{n} common path',
  'count.commonPaths': '{n} common paths',
  'count.url': '{n} URL',
  'count.urls': '{n} URLs',
  'count.entry': '{n} entry',
  'count.entries': '{n} entries',
  'tried.pageUnreadable': 'page: {url} could not be read: {cause}',
  'tried.feedAbandoned': 'feed: {url} abandoned: {cause}',
  'tried.sitemapAbandoned': 'sitemap: {url} abandoned: {cause}',
  'tried.pageAbandoned': 'page: {url} abandoned: {cause}',
  'tried.feedIsPage': 'feed: {url} is a web page, not a feed{others}',
  'tried.feedNot': 'feed: {url} is no feed ({cause}){others}',
  'tried.others': "; {count} tried (the page's feed links, /feed, /rss, /atom.xml …), none a feed",
  'tried.othersDeadline': "; {count} tried (the page's feed links, /feed, /rss, /atom.xml …) before the deadline, none a feed",
  'tried.deadline': 'deadline: stopped after {seconds} s, before every way to read the site was tried',
  'tried.plainSitemap': 'sitemap: only a plain {found} at {url}',
  'tried.noSitemap': 'sitemap: none found (robots.txt names none that works; {paths} tried)',
  'tried.noSitemapNoRobots': 'sitemap: none found (no robots.txt; {paths} tried)',
  'tried.notHtml': 'page: {url} is no HTML page ({type})',
  'tried.notHtmlUnknown': 'page: {url} is no HTML page (unknown type)',
  'tried.listing': 'page: {probe}',
  'tried.listingSelectors': 'page: {probe} with the given selectors',
  'tried.listingRobots': "page: {url} is a listing of articles, but the site's robots.txt does not allow Newsdesk to read it",
  /** The catalogue's sentence (src/locale/source-checks.ts), which the API answers with too. */
  'advice.robots': SOURCE_CHECK_MESSAGES.en['robots.refused'],
  'advice.blocked':
    'Newsdesk refused the address before fetching it, for the reason above; for a host on your own network, list it in allowHosts (NEWSDESK_ALLOW_HOSTS=HOST, a host name or CIDR) and add it again',
  'advice.browser': 'check the address in a browser; if the site blocks readers, there is nothing Newsdesk can follow',
  'advice.selectors':
    'check the selectors against the page (item selects each teaser block; title, link, summary and date are looked up inside it)',
  'advice.kindFeed': "give the feed's own URL if you know it, or drop --kind to let Newsdesk try a sitemap or the listing page",
  'advice.kindSitemap':
    "give the sitemap's own URL (newsdesk add --kind sitemap https://…/sitemap.xml), or drop --kind to let Newsdesk try feeds and the listing page",
  'advice.listing':
    'if the page lists articles, name its teaser blocks with CSS selectors, e.g. newsdesk add {url} --selector item=article.post --selector title="h2 a" (stored in the source\'s settings.selectors); or give the site\'s feed or sitemap URL directly',
  'advice.deadline':
    "discovery stopped after {seconds} s (discoveryTimeoutMs, NEWSDESK_DISCOVERY_TIMEOUT_MS) with nothing usable found so far; the site answers too slowly — give the feed's or sitemap's own URL, or try again later",
  'reason.feedDirect': 'the URL is a feed ({entries})',
  'reason.feedLink': 'feed advertised by the page with <link rel="alternate">, {entries}{more}',
  'reason.feedPath': 'feed found at a common feed path on the site, {entries}{more}',
  'reason.moreFeeds': '; {n} more found',
  'reason.sitemapUrl': 'the URL is a sitemap ({urls}{news})',
  'reason.sitemapIndexUrl': 'the URL is a sitemap index ({urls}{news})',
  'reason.newsTags': ', {n} with news tags',
  'reason.sitemapFound': '{found}',
  'reason.sitemapFoundNoFeed': 'no feed found; {found}',
  'reason.listing': '{probe}',
  'reason.listingNoFeed': 'no feed or news sitemap found; {probe}',
  'reason.plainNoListing': 'no feed, news sitemap or teaser listing found; {found}',
  'reason.plainDeadline': 'no feed or news sitemap found, the listing page not tried before the deadline; {found}',
} as const;

export type DiscoveryNoteKey = keyof typeof DISCOVERY_NOTE_EN;
export type DiscoveryNote = Note<DiscoveryNoteKey>;

/** A note of the add chain. */
export function note(key: DiscoveryNoteKey, params?: NoteParams<DiscoveryNoteKey>): DiscoveryNote {
  return params ? { key, params } : { key };
}

/** "{n} thing" or "{n} things", as a note (English needs the two; other languages word it themselves). */
export function counted(n: number, one: DiscoveryNoteKey, many: DiscoveryNoteKey): DiscoveryNote {
  return { key: n === 1 ? one : many, params: { n } };
}

/** An error quoted inside a note: its English message, and its failure key for other languages. */
export function cause(detail: string, failure: string): DiscoveryNote {
  return { key: 'cause', params: { detail, failure } };
}

/** The note in English: the CLI's and the logs' wording. */
export function noteEnglish(n: DiscoveryNote): string {
  return fillNote(n, (k) => DISCOVERY_NOTE_EN[k]);
}
