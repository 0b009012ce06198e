// The error for a document that is not a feed, with the way out: when it is a web page that
// advertises feeds, name them; otherwise point at autodiscovery.
import { findFeedLinks, isHtmlDocument } from '../ingest/discover/feed-links.js';
import { isBlankDocument } from '../ingest/parse/index.js';

export class NotAFeedError extends Error {
  override name = 'NotAFeedError';
  constructor(
    message: string,
    /** Feeds the page advertises, when it is an HTML page that does. */
    readonly advertised: string[] = [],
    /** The body was empty or blank: often a server hiccup, worth retrying, unlike a page in place of the feed. */
    readonly empty = false,
  ) {
    super(message);
  }
}

/** Turns a parser's "not a feed" into a message that says what to do. */
export function notAFeed(reason: string, body: Uint8Array, url: string, headers: Record<string, string>): NotAFeedError {
  const text = Buffer.from(body.subarray(0, 512 * 1024)).toString('utf8');
  if (body.length > 0 && isHtmlDocument(text, headers['content-type'])) {
    const links = findFeedLinks(text, url).map((l) => l.url);
    const hint = links.length
      ? `it advertises ${links.length === 1 ? 'a feed' : 'feeds'}: ${links.slice(0, 3).join(', ')} — add that instead (newsdesk add ${links[0]})`
      : `add the site instead so its feed is discovered (newsdesk add ${new URL(url).origin}/)`;
    return new NotAFeedError(`${url} is an HTML page, not a feed; ${hint}`, links);
  }
  return new NotAFeedError(`${url}: ${reason}`, [], isBlankDocument(body));
}
