// Why an article could not be read in full, as a key the pages render in the reader's language
// (entries.extract_error). The entry keeps its feed text (its teaser); the reason says what went
// wrong in words a reader can act on, never the error's English message, which can quote
// addresses or what a server sent and stays in the server's log.
//
// `pdf`, `image`, `media` and `not-html` are links whose page is no web page at all (the "read
// more" fetch answered with a PDF, an image, audio or video, or another file type): nothing to
// extract, and the reader is told what the link is.
//
// `robots` is a page the site's robots.txt does not let Newsdesk read (RFC 9309): a choice of the
// site, not a failure that passes, so the reader is told it rather than "could not be fetched".
// A robots.txt that could not be read (the site is down) is `fetch`: that one may come back.
export const EXTRACT_FAILURE_KINDS = ['memory', 'timeout', 'fetch', 'robots', 'pdf', 'image', 'media', 'not-html', 'other'] as const;

export type ExtractFailureKind = (typeof EXTRACT_FAILURE_KINDS)[number];

/** A stored key read back; undefined for none, and "other" for a key this version does not know. */
export function parseExtractFailure(key: string | null | undefined): ExtractFailureKind | undefined {
  if (!key) return undefined;
  return (EXTRACT_FAILURE_KINDS as readonly string[]).includes(key) ? (key as ExtractFailureKind) : 'other';
}

/**
 * The English reason of each kind with what the reader can do (the API, and the English catalogue
 * of the site). Each names the cause as far as the reader can use it: a page too big or too slow
 * for the reader will stay so, a page that could not be fetched may come back.
 */
export const EXTRACT_FAILURE_TEXT_EN: Readonly<Record<ExtractFailureKind, string>> = {
  memory:
    'The full article could not be read here: its page needs more memory than the reader is allowed. The summary from the feed is shown; read the whole article at the original.',
  timeout:
    'The full article could not be read here: its page took too long to read. The summary from the feed is shown; read the whole article at the original.',
  fetch:
    'The full article could not be read here: its page could not be fetched. The summary from the feed is shown; read the whole article at the original.',
  robots:
    "The full article could not be read here: the site's robots.txt does not allow Newsdesk to read its pages. The summary from the feed is shown; read the whole article at the original.",
  pdf: 'The full article could not be read here: the link is a PDF document, not a web page. The summary from the feed is shown; open the document at the original.',
  image:
    'The full article could not be read here: the link is an image, not a web page. The summary from the feed is shown; see it at the original.',
  media:
    'The full article could not be read here: the link is an audio or video file, not a web page. The summary from the feed is shown; play it at the original.',
  'not-html':
    'The full article could not be read here: the link is a file, not a web page. The summary from the feed is shown; open it at the original.',
  other: 'The full article could not be read here. The summary from the feed is shown; read the whole article at the original.',
};

/**
 * The same reasons for an entry that has no summary to show (a news sitemap's or a listing's entry
 * gives a headline and a link only): "the summary from the feed is shown" would be untrue there.
 */
export const EXTRACT_FAILURE_BARE_TEXT_EN: Readonly<Record<ExtractFailureKind, string>> = {
  memory:
    'The full article could not be read here: its page needs more memory than the reader is allowed. The source gave no summary, so only the headline is shown; read the whole article at the original.',
  timeout:
    'The full article could not be read here: its page took too long to read. The source gave no summary, so only the headline is shown; read the whole article at the original.',
  fetch:
    'The full article could not be read here: its page could not be fetched. The source gave no summary, so only the headline is shown; read the whole article at the original.',
  robots:
    "The full article could not be read here: the site's robots.txt does not allow Newsdesk to read its pages. The source gave no summary, so only the headline is shown; read the whole article at the original.",
  pdf: 'The full article could not be read here: the link is a PDF document, not a web page. The source gave no summary, so only the headline is shown; open the document at the original.',
  image:
    'The full article could not be read here: the link is an image, not a web page. The source gave no summary, so only the headline is shown; see it at the original.',
  media:
    'The full article could not be read here: the link is an audio or video file, not a web page. The source gave no summary, so only the headline is shown; play it at the original.',
  'not-html':
    'The full article could not be read here: the link is a file, not a web page. The source gave no summary, so only the headline is shown; open it at the original.',
  other:
    'The full article could not be read here. The source gave no summary, so only the headline is shown; read the whole article at the original.',
};

/**
 * What the public is told of an entry's failed read in full; null when none failed. Given the
 * entry's text, an entry without any is told so instead of "the summary from the feed is shown".
 */
export function publicExtractFailure(e: {
  extractError?: string | null | undefined;
  text?: string | null | undefined;
  contentHtml?: string | null | undefined;
}): { key: ExtractFailureKind; text: string } | null {
  const key = parseExtractFailure(e.extractError);
  return key ? { key, text: ('text' in e && !hasSourceText(e) ? EXTRACT_FAILURE_BARE_TEXT_EN : EXTRACT_FAILURE_TEXT_EN)[key] } : null;
}

/**
 * The key for a "read more" link answered with a media type that is no web page, by that type
 * (the Content-Type's essence, parameters ignored): a PDF, an image, audio or video, anything else.
 */
export function notHtmlKind(contentType: string): Extract<ExtractFailureKind, 'pdf' | 'image' | 'media' | 'not-html'> {
  const essence = contentType.split(';')[0]!.trim().toLowerCase();
  if (essence === 'application/pdf' || essence === 'application/x-pdf') return 'pdf';
  if (essence.startsWith('image/')) return 'image';
  if (essence.startsWith('audio/') || essence.startsWith('video/') || essence === 'application/vnd.apple.mpegurl') return 'media';
  return 'not-html';
}

// A page that was fetched and read but held no article (extract status "not-article") is no
// failure: reading it again would find the same page. Its reason is stored in the same column
// (entries.extract_error, beside status "not-article"; the failures' index and counts only read
// status "failed") and said to the reader, so a teaser without full text is never left unexplained.
//   no-article  the page is not shaped like an article (a front page, a list of links, a video page),
//   too-short   the page holds too little prose to be a story,
//   refresh     the page only sends readers on to another address (<meta http-equiv=refresh>),
//   empty       the page's body held no text at all.
export const NOT_ARTICLE_KINDS = ['no-article', 'too-short', 'refresh', 'empty'] as const;

export type NotArticleKind = (typeof NOT_ARTICLE_KINDS)[number];

/**
 * Under this many characters of extracted text, a page the extractor found no article in is said
 * to hold too little prose (the readerable test wants paragraphs summing to about 500 characters).
 */
export const SHORT_PAGE_CHARS = 500;

/** A stored not-article key read back; undefined for none, and "no-article" for a key this version does not know. */
export function parseNotArticle(key: string | null | undefined): NotArticleKind | undefined {
  if (!key) return undefined;
  return (NOT_ARTICLE_KINDS as readonly string[]).includes(key) ? (key as NotArticleKind) : 'no-article';
}

/**
 * Why a page held no article, from what the extractor reported of it (its decision is not
 * revisited): a refresh to another address first; then nothing taken from the page at all (no
 * HTML, or an article-shaped page whose content had no text); then a page not shaped like an
 * article with a little prose; anything else (a video player and links, a long list of links) is a
 * page not shaped like an article.
 */
export function notArticleKind(
  r: { readerable: boolean; html: string | null; text: string | null; refreshUrl: string | null },
  pageUrl?: string,
): NotArticleKind {
  const strip = (u: string): string => u.split('#')[0]!;
  if (r.refreshUrl && /^https?:\/\//i.test(r.refreshUrl) && (!pageUrl || strip(r.refreshUrl) !== strip(pageUrl))) return 'refresh';
  const length = r.text?.trim().length ?? 0;
  if (!r.html || (r.readerable && length === 0)) return 'empty';
  if (length > 0 && length < SHORT_PAGE_CHARS) return 'too-short';
  return 'no-article';
}

/** The English sentence of each not-article reason (the API, and the English catalogue of the site). */
export const NOT_ARTICLE_TEXT_EN: Readonly<Record<NotArticleKind, string>> = {
  'no-article':
    'This link leads to a page without an article text, such as a video or a list of links; the summary from the feed is shown.',
  'too-short': 'This link leads to a page with too little text to be an article; the summary from the feed is shown.',
  refresh:
    'This link leads to a page that only sends readers on to another address; the summary from the feed is shown, and the original link leads on.',
  empty: 'This link leads to a page with no text in it; the summary from the feed is shown.',
};

/**
 * The same sentences for an entry that has no summary to show (a news sitemap's or a listing's
 * entry gives a headline and a link only): saying "the summary from the feed is shown" there
 * would be untrue.
 */
export const NOT_ARTICLE_BARE_TEXT_EN: Readonly<Record<NotArticleKind, string>> = {
  'no-article':
    'This link leads to a page without an article text, such as a video or a list of links; the source gave no summary, so only the headline is shown.',
  'too-short':
    'This link leads to a page with too little text to be an article; the source gave no summary, so only the headline is shown.',
  refresh:
    'This link leads to a page that only sends readers on to another address; the source gave no summary, so only the headline is shown, and the original link leads on.',
  empty: 'This link leads to a page with no text in it; the source gave no summary, so only the headline is shown.',
};

/**
 * Whether an entry has something of its source's own to show besides the headline: text, or feed
 * content (false for a news sitemap's entry, a headline and a link only).
 */
export function hasSourceText(e: { text?: string | null | undefined; contentHtml?: string | null | undefined }): boolean {
  return (e.text ?? '').trim() !== '' || (e.contentHtml ?? '').trim() !== '';
}

/**
 * What the public is told of an entry whose page held no article; null otherwise (legacy rows read
 * as "no-article"). Given the entry's text, an entry without any is told so instead of "the
 * summary from the feed is shown".
 */
export function publicNotArticle(e: {
  extractStatus: string;
  notArticle?: string | null | undefined;
  text?: string | null | undefined;
  contentHtml?: string | null | undefined;
}): { key: NotArticleKind; text: string } | null {
  if (e.extractStatus !== 'not-article') return null;
  const key = parseNotArticle(e.notArticle) ?? 'no-article';
  return { key, text: ('text' in e && !hasSourceText(e) ? NOT_ARTICLE_BARE_TEXT_EN : NOT_ARTICLE_TEXT_EN)[key] };
}
