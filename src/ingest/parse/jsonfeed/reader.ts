// JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1), read into its own raw shape with
// every field checked for type: a JSON document can hold anything.
//
// The spec types every field; a field of another type is read as absent, never coerced, and the
// rest of the item and the feed are still read. A number is not a string: an item `url` of 42 is
// no link (coerced, it resolved to the relative link `/42` of the feed's own address), a `title`
// of 42 or `[…]` is no title (the item is named as any untitled item is). The one exception is an
// item's `id`: the spec asks for a string, but publishers commonly send a number, and an id is
// only compared, never followed or shown, so a finite number is read as its decimal text.

export interface JsonFeedAuthor {
  name?: string;
  url?: string;
  avatar?: string;
}

export interface JsonFeedAttachment {
  url: string;
  mime_type?: string;
  title?: string;
  size_in_bytes?: number;
}

export interface JsonFeedItem {
  id?: string;
  url?: string;
  external_url?: string;
  title?: string;
  content_html?: string;
  content_text?: string;
  summary?: string;
  image?: string;
  banner_image?: string;
  date_published?: string;
  date_modified?: string;
  authors: JsonFeedAuthor[];
  tags: string[];
  language?: string;
  attachments: JsonFeedAttachment[];
}

export interface JsonFeedDocument {
  version: 'json1' | 'json11' | '';
  title?: string;
  home_page_url?: string;
  feed_url?: string;
  description?: string;
  icon?: string;
  favicon?: string;
  language?: string;
  expired?: boolean;
  authors: JsonFeedAuthor[];
  items: JsonFeedItem[];
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A string field; any other type is read as absent. */
function str(o: Json, k: string): string | undefined {
  const v = o[k];
  return typeof v === 'string' ? v : undefined;
}

/** An item's id: a string, or a finite number read as its text (commonly sent for ids only). */
function idOf(o: Json): string | undefined {
  const v = o['id'];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function authors(o: Json): JsonFeedAuthor[] {
  const list: unknown[] = Array.isArray(o['authors']) ? (o['authors'] as unknown[]) : isObject(o['author']) ? [o['author']] : [];
  const out: JsonFeedAuthor[] = [];
  for (const a of list) {
    if (!isObject(a)) continue;
    const au: JsonFeedAuthor = {};
    const name = str(a, 'name');
    const url = str(a, 'url');
    const avatar = str(a, 'avatar');
    if (name !== undefined) au.name = name;
    if (url !== undefined) au.url = url;
    if (avatar !== undefined) au.avatar = avatar;
    out.push(au);
  }
  return out;
}

function item(o: Json): JsonFeedItem {
  const it: JsonFeedItem = { authors: authors(o), tags: [], attachments: [] };
  const id = idOf(o);
  if (id !== undefined) it.id = id;
  for (const k of [
    'url',
    'external_url',
    'title',
    'content_html',
    'content_text',
    'summary',
    'image',
    'banner_image',
    'date_published',
    'date_modified',
    'language',
  ] as const) {
    const v = str(o, k);
    if (v !== undefined) it[k] = v;
  }
  if (Array.isArray(o['tags'])) it.tags = (o['tags'] as unknown[]).filter((t): t is string => typeof t === 'string');
  if (Array.isArray(o['attachments'])) {
    for (const a of o['attachments'] as unknown[]) {
      if (!isObject(a)) continue;
      const url = str(a, 'url');
      if (!url) continue;
      const att: JsonFeedAttachment = { url };
      const mt = str(a, 'mime_type');
      if (mt !== undefined) att.mime_type = mt;
      const title = str(a, 'title');
      if (title !== undefined) att.title = title;
      if (typeof a['size_in_bytes'] === 'number' && Number.isFinite(a['size_in_bytes'])) att.size_in_bytes = a['size_in_bytes'];
      it.attachments.push(att);
    }
  }
  return it;
}

/** Reads a parsed JSON value as a JSON Feed; undefined when it is not one. */
export function readJsonFeed(data: unknown): JsonFeedDocument | undefined {
  if (!isObject(data)) return undefined;
  const v = str(data, 'version') ?? '';
  const version = /^https?:\/\/jsonfeed\.org\/version\/1\.1\/?$/.test(v)
    ? 'json11'
    : /^https?:\/\/jsonfeed\.org\/version\/1\/?$/.test(v)
      ? 'json1'
      : '';
  if (!version && !Array.isArray(data['items'])) return undefined;
  const doc: JsonFeedDocument = { version, authors: authors(data), items: [] };
  for (const k of ['title', 'home_page_url', 'feed_url', 'description', 'icon', 'favicon', 'language'] as const) {
    const s = str(data, k);
    if (s !== undefined) doc[k] = s;
  }
  if (typeof data['expired'] === 'boolean') doc.expired = data['expired'];
  if (Array.isArray(data['items'])) for (const i of data['items'] as unknown[]) if (isObject(i)) doc.items.push(item(i));
  return doc;
}
