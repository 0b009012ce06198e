/** The input is not a feed at all (an HTML page, an empty body, an unknown document). */
export class FeedParseError extends Error {
  override name = 'FeedParseError';
}

export const HTML_PAGE_MESSAGE = 'this is an HTML page, not a feed; try `newsdesk add <site url>` to discover its feeds';

/**
 * The document was abandoned by the parser's own limits (time, memory, its worker lost), not read
 * and found wanting: ParsePool rejects with it, so callers can say which document was too much.
 */
export class ParseLimitError extends Error {
  override name = 'ParseLimitError';
}
