// JSON Feed → ParsedFeed.
import { sanitizeHtml } from '../../../sanitize/index.js';
import { parseDate } from '../../../text/dates.js';
import type { FeedMeta, ParsedEntry, ParsedFeed, Person } from '../types.js';
import { resolveUrl } from '../urls.js';
import type { JsonFeedAuthor, JsonFeedDocument } from './reader.js';

function person(a: JsonFeedAuthor, base: string | undefined): Person {
  const p: Person = {};
  if (a.name !== undefined) p.name = a.name;
  if (a.url !== undefined) {
    if (a.url.startsWith('mailto:')) p.email = a.url.slice(7);
    else p.uri = resolveUrl(base, a.url);
  }
  return p;
}

export function adaptJsonFeed(doc: JsonFeedDocument, opts: { url?: string | undefined; sanitize: boolean; encoding: string }): ParsedFeed {
  const base = opts.url;
  const html = (s: string): string => (opts.sanitize ? sanitizeHtml(s, { baseUrl: base }) : s);
  const feed: FeedMeta = {};
  if (doc.title !== undefined) {
    feed.title = doc.title;
    feed.titleType = 'text/plain';
  }
  if (doc.description !== undefined) {
    feed.subtitle = doc.description;
    feed.subtitleType = 'text/plain';
  }
  const links = [];
  if (doc.home_page_url) {
    feed.link = resolveUrl(base, doc.home_page_url);
    links.push({ href: feed.link, rel: 'alternate', type: 'text/html' });
  }
  if (doc.feed_url) links.push({ href: resolveUrl(base, doc.feed_url), rel: 'self', type: 'application/feed+json' });
  if (links.length) feed.links = links;
  if (doc.icon) feed.image = { href: resolveUrl(base, doc.icon) };
  if (doc.favicon) feed.icon = resolveUrl(base, doc.favicon);
  if (doc.language) feed.language = doc.language;
  if (doc.authors.length) feed.authors = doc.authors.map((a) => person(a, base));

  const entries: ParsedEntry[] = doc.items.map((it) => {
    const e: ParsedEntry = {};
    if (it.id !== undefined) e.id = it.id;
    if (it.title !== undefined) {
      e.title = it.title;
      e.titleType = 'text/plain';
    }
    if (it.url) {
      e.link = resolveUrl(base, it.url);
      e.links = [{ href: e.link, rel: 'alternate', type: 'text/html' }];
    }
    if (it.external_url) e.source = { url: resolveUrl(base, it.external_url) };
    if (it.summary !== undefined) {
      e.summary = it.summary;
      e.summaryType = 'text/plain';
    }
    if (it.content_html !== undefined) e.content = [{ value: html(it.content_html), type: 'text/html' }];
    else if (it.content_text !== undefined) e.content = [{ value: it.content_text, type: 'text/plain' }];
    const pub = parseDate(it.date_published);
    if (pub) e.published = pub;
    const upd = parseDate(it.date_modified);
    if (upd) e.updated = upd;
    if (it.tags.length) e.categories = it.tags.map((term) => ({ term }));
    const au = it.authors.length ? it.authors : [];
    if (au.length) e.authors = au.map((a) => person(a, base));
    if (it.language) e.language = it.language;
    if (it.attachments.length) {
      e.enclosures = it.attachments.map((a) => ({
        href: resolveUrl(base, a.url),
        ...(a.size_in_bytes !== undefined ? { length: String(a.size_in_bytes) } : {}),
        ...(a.mime_type !== undefined ? { type: a.mime_type } : {}),
      }));
      e.links = [...(e.links ?? []), ...e.enclosures.map((x) => ({ ...x, rel: 'enclosure' }))];
    }
    return e;
  });
  return { version: doc.version, bozo: false, encoding: opts.encoding, feed, entries };
}
