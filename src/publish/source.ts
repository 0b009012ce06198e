// What an item of a feed out says about the feed it was read from: built from the source row and
// the feed metadata stored at its last read (FeedMeta), both already loaded for the page.
import type { FeedMeta } from '../domain/feed.js';
import { safeHttpUrl } from '../domain/safe-url.js';
import type { Source } from '../domain/source.js';
import { redactText, redactUrl } from '../text/redact-url.js';
import type { OutSource } from './model.js';

/**
 * An absolute IRI (scheme:…) is what Atom requires of an id; a bare "1234" from a feed is not one.
 * Of those, a feed's own id is kept when it names and runs nothing: a web address (the one URL
 * policy, domain/safe-url.ts), a `tag:` (RFC 4151) or a `urn:` (`urn:uuid:…`), the ids feeds use.
 * A `javascript:` or `data:` "id" came out as the source's Atom id and JSON Feed id, where a reader
 * that links an id it cannot otherwise link would have made it one.
 */
const NAME_IRI = /^(?:tag|urn):\S+$/i;
const isFeedId = (id: string): boolean => NAME_IRI.test(id) || safeHttpUrl(id) === id;

/**
 * `ownPage`: our page of the source, which stands for its address when that is no web address (a
 * `file:` path an operator subscribed, a `javascript:` or `data:` address an older version stored):
 * feed readers render the address as a link (RSS `<source url>`, Atom's self link, JSON Feed's
 * `feed_url`), and the one URL policy (domain/safe-url.ts) lets only http(s) out as one.
 */
export function outSource(source: Source, name: string, meta: FeedMeta | undefined, ownPage: string): OutSource {
  const web = safeHttpUrl(source.url) !== undefined;
  const id = meta?.id?.trim();
  const updated = meta?.updated ? Date.parse(meta.updated) : Number.NaN;
  const author = meta?.authors?.map((a) => a.name?.trim() || a.email?.trim()).find((n) => n);
  const site = safeHttpUrl(source.siteUrl) ?? safeHttpUrl(meta?.link);
  // The feed's own id and link are the publisher's words, stored as read: a private feed often
  // names itself by its address, token and all. They are redacted like the source's address
  // (which the caller passes already redacted, see src/text/redact-url.ts).
  return {
    id: redactText(id && isFeedId(id) ? id : web ? source.url : ownPage),
    title: name,
    feedUrl: web ? redactUrl(source.url) : ownPage,
    siteUrl: site === undefined ? undefined : redactUrl(site),
    updated: Number.isFinite(updated) ? updated : (source.lastSuccessAt ?? undefined),
    author: author ?? name,
  };
}
