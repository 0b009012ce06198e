/** The input is not a feed at all (an HTML page, an empty body, an unknown document). */
export class FeedParseError extends Error {
  override name = 'FeedParseError';
}

export const HTML_PAGE_MESSAGE = 'this is an HTML page, not a feed; try `newsdesk add <site url>` to discover its feeds';
