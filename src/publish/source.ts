// What an item of a feed out says about the feed it was read from: built from the source row and
// the feed metadata stored at its last read (FeedMeta), both already loaded for the page.
import type { FeedMeta } from '../domain/feed.js';
import { safeHttpUrl } from '../domain/safe-url.js';
import type { Source } from '../domain/source.js';
import { redactText, redactUrl } from '../text/redact-url.js';
import type { OutSource } from './model.js';

/** An absolute IRI (scheme:…): what Atom requires of an id. A bare "1234" from a feed is not one. */
const ABSOLUTE_IRI = /^[a-z][a-z0-9+.-]*:\S+$/i;

export function outSource(source: Source, name: string, meta: FeedMeta | undefined): OutSource {
  const id = meta?.id?.trim();
  const updated = meta?.updated ? Date.parse(meta.updated) : Number.NaN;
  const author = meta?.authors?.map((a) => a.name?.trim() || a.email?.trim()).find((n) => n);
  const site = safeHttpUrl(source.siteUrl) ?? safeHttpUrl(meta?.link);
  // The feed's own id and link are the publisher's words, stored as read: a private feed often
  // names itself by its address, token and all. They are redacted like the source's address
  // (which the caller passes already redacted, see src/text/redact-url.ts).
  return {
    id: redactText(id && ABSOLUTE_IRI.test(id) ? id : source.url),
    title: name,
    feedUrl: redactUrl(source.url),
    siteUrl: site === undefined ? undefined : redactUrl(site),
    updated: Number.isFinite(updated) ? updated : (source.lastSuccessAt ?? undefined),
    author: author ?? name,
  };
}
