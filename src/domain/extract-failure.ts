// Why an article could not be read in full, as a key the pages render in the reader's language
// (entries.extract_error). The entry keeps its feed text (its teaser); the reason says what went
// wrong in words a reader can act on, never the error's English message, which can quote
// addresses or what a server sent and stays in the server's log.
//
// `pdf`, `image`, `media` and `not-html` are links whose page is no web page at all (the "read
// more" fetch answered with a PDF, an image, audio or video, or another file type): nothing to
// extract, and the reader is told what the link is.
export const EXTRACT_FAILURE_KINDS = ['memory', 'timeout', 'fetch', 'pdf', 'image', 'media', 'not-html', 'other'] as const;

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
  pdf: 'The full article could not be read here: the link is a PDF document, not a web page. The summary from the feed is shown; open the document at the original.',
  image:
    'The full article could not be read here: the link is an image, not a web page. The summary from the feed is shown; see it at the original.',
  media:
    'The full article could not be read here: the link is an audio or video file, not a web page. The summary from the feed is shown; play it at the original.',
  'not-html':
    'The full article could not be read here: the link is a file, not a web page. The summary from the feed is shown; open it at the original.',
  other: 'The full article could not be read here. The summary from the feed is shown; read the whole article at the original.',
};

/** What the public is told of an entry's failed read in full; null when none failed. */
export function publicExtractFailure(e: { extractError?: string | null | undefined }): { key: ExtractFailureKind; text: string } | null {
  const key = parseExtractFailure(e.extractError);
  return key ? { key, text: EXTRACT_FAILURE_TEXT_EN[key] } : null;
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
