// ParsedEntry (what the feed said) → NewEntry (what the store keeps). The HTML is already
// sanitised by parseFeed (it calls the shared sanitiser on every HTML construct); here we pick
// the best body, derive plain text, language and direction, and the two identities. This is the
// boundary where ingested text enters the store: C0 control characters (NUL, ESC, BEL…; tab and
// line breaks kept) are removed from every text field here (src/text/strip-controls.ts), and
// URLs pass the one URL policy (src/domain/safe-url.ts).
import type { NewEntry } from '../domain/entry.js';
import { safeHttpUrl } from '../domain/safe-url.js';
import { dedupeKey, fingerprint } from '../ingest/parse/index.js';
import { normalizeUrlKey } from '../ingest/parse/dedupe-key.js';
import type { Content, ParsedEntry, ParsedFeed, TextType } from '../ingest/parse/types.js';
import { escapeText } from '../sanitize/escape.js';
import { canonicalUrl } from '../stories/canonical-url.js';
import { excerpt } from '../text/excerpt.js';
import { htmlToText } from '../text/html-to-text.js';
import { redactUrl, withoutUserinfo } from '../text/redact-url.js';
import { MAX_NAME_CHARS, MAX_TITLE_CHARS, boundAuthor, boundCategories, isHtmlType, shortText } from '../text/short-text.js';
import { stripControls, stripControlsOpt } from '../text/strip-controls.js';
import { languageTag } from './language-tag.js';
import { withoutOutletTail } from './outlet-title.js';
import { textDirection } from './text-direction.js';

/** Dates further in the future than this are the publisher's clock or time zone bug: read as "now". */
const FUTURE_SLACK_MS = 3600_000;
const UNTITLED_CHARS = 80;
/** Text handed to fingerprint(), which keeps ~300 normalised characters of it. */
const FINGERPRINT_TEXT_CHARS = 1200;
/**
 * Below this much text a title says too little on its own ("Morning briefing" every day, sitemap
 * and listing items with no text): the link, normalised so scheme and www changes do not count,
 * joins the fingerprint so distinct items with one title are not merged.
 */
const THIN_TEXT_CHARS = 200;

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Plain text of a text construct; paragraph breaks are kept (excerpts and search use them). */
function plain(value: string | undefined, type: TextType | undefined): string {
  if (!value) return '';
  return stripControls(isHtmlType(type) ? htmlToText(value) : value).trim();
}

/** Plain text as HTML paragraphs (feeds that send text/plain content). */
function textToHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeText(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/** The richest body the feed gives: HTML content, else any content, else the summary. */
function pickBody(e: ParsedEntry): { value: string; type: TextType } | undefined {
  const contents: Content[] = (e.content ?? []).filter((c) => c.value?.trim());
  const html = contents.find((c) => isHtmlType(c.type));
  const chosen = html ?? contents[0];
  if (chosen) return { value: chosen.value, type: chosen.type };
  if (e.summary?.trim()) return { value: e.summary, type: e.summaryType ?? 'text/html' };
  return undefined;
}

/**
 * Dates before the year 0 ("-000001-01-01T00:00:00Z", which the feed date reader passes on) are
 * no date: feeds out write dates as RFC 3339 and RFC 822, whose years have four digits, so such an
 * item made the site's Atom feed carry `<updated>-000001-…` and its pages a negative year.
 */
const EARLIEST_MS = Date.parse('0000-01-01T00:00:00Z');

function toTime(iso: string | undefined, now: number): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  if (Number.isNaN(t) || t < EARLIEST_MS) return null;
  return t > now + FUTURE_SLACK_MS ? now : t;
}

/** The publishedAt an entry adapts to, without adapting it (a check that keeps the newest few orders by it). */
export function publishedAtOf(e: Pick<ParsedEntry, 'published' | 'updated' | 'created'>, now: number): number | null {
  return toTime(e.published ?? e.updated ?? e.created, now);
}

function leadImageOf(e: ParsedEntry): string | null {
  for (const x of e.enclosures ?? []) {
    const href = x.type?.startsWith('image/') ? httpUrl(x.href) : null;
    if (href) return href;
  }
  return null;
}

/**
 * Longer links are not stored: most servers refuse a request line past 8 KiB (414), and a feed's
 * link is shown on the item's page, in the API and in every feed out that lists it.
 */
const MAX_LINK_CHARS = 8192;

/**
 * Stored URLs follow the one URL policy (src/domain/safe-url.ts): absolute http(s) only, and
 * without user:password@ (a link resolved against a private feed's address would show it).
 */
function httpUrl(u: string | undefined): string | null {
  const safe = u !== undefined && u.length <= MAX_LINK_CHARS ? safeHttpUrl(u) : undefined;
  return safe === undefined ? null : withoutUserinfo(safe);
}

/** The fingerprint reads only the lead of the text: normalising a long article in full is wasted work. */
function fingerprintOf(title: string, text: string, url: string | null): string {
  const lead = text.slice(0, FINGERPRINT_TEXT_CHARS);
  return fingerprint(title, lead.trim().length < THIN_TEXT_CHARS && url ? `${lead}\n${normalizeUrlKey(url)}` : lead);
}

/**
 * The outlet an item names as its origin (RSS 2.0 <source>, Atom's <source> title): a name, bounded
 * like a source's, and its address when that is a web address. None without a name: an address
 * alone names nothing a reader recognises.
 */
function outletOf(e: ParsedEntry): { name: string; url: string | null } | undefined {
  const name = shortText(e.source?.title, 'text/plain', MAX_NAME_CHARS);
  if (!name) return undefined;
  // RSS 2.0's <source url> is the address of the feed the item came from: an aggregator that
  // re-publishes a subscriber's private feed writes it with the token (?access_token=…). We never
  // fetch it, only show it, so it is stored as shown: secrets redacted (text/redact-url.ts).
  const url = httpUrl(e.source?.link ?? e.source?.url);
  return { name, url: url === null ? null : redactUrl(url) };
}

/** Adapts one entry of `feed`; `now` stands in for missing dates' first-seen time (the store's). */
export function adaptEntry(e: ParsedEntry, feed: ParsedFeed, now: number): NewEntry {
  const body = pickBody(e);
  const contentHtml = body ? stripControls(isHtmlType(body.type) ? body.value : textToHtml(body.value)) : null;
  const text = body ? plain(body.value, body.type) : '';
  // Titles, authors and categories are shown whole wherever the item is listed: bounded here.
  const outlet = outletOf(e);
  let title = withoutOutletTail(shortText(e.title, e.titleType, MAX_TITLE_CHARS), outlet?.name);
  const url = httpUrl(e.link) ?? httpUrl(e.links?.find((l) => !l.rel || l.rel === 'alternate')?.href);
  if (!title) {
    // Posts (Mastodon, Bluesky, micro.blog) have no title: the lead of the text stands in, cut at
    // a sentence's end or a word (excerpt's rule), never inside a word.
    const lead = collapse(text.slice(0, UNTITLED_CHARS * 2));
    title = lead ? excerpt(lead, UNTITLED_CHARS) : url === null ? '(untitled)' : excerpt(url, MAX_TITLE_CHARS);
  }
  const lang = languageTag(e.language ?? feed.feed.language);
  const name = e.authors?.map((a) => stripControlsOpt(a.name ?? a.email)).find((n): n is string => !!n && !!n.trim());
  const author = name === undefined ? null : boundAuthor(name);
  return {
    dedupeKey: stripControls(e.dedupeKey ?? dedupeKey(e, feed.entries)),
    fingerprint: fingerprintOf(title, text, url),
    url,
    title,
    author,
    contentHtml,
    text,
    lang,
    dir: textDirection(lang, title, text),
    publishedAt: publishedAtOf(e, now),
    updatedAt: toTime(e.updated, now),
    leadImage: leadImageOf(e),
    categories: boundCategories((e.categories ?? []).map((c) => c.label ?? c.term ?? '')),
    // One canonical address is one entry across every source (a second feed's copy is a sighting).
    canonicalUrl: url ? canonicalUrl(url) : null,
    ...(outlet ? { outletName: outlet.name, outletUrl: outlet.url } : {}),
  };
}

export function adaptEntries(feed: ParsedFeed, now: number): NewEntry[] {
  return feed.entries.map((e) => adaptEntry(e, feed, now));
}
