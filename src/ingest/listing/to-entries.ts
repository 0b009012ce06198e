// Listing teasers as parsed-feed entries, so the pipeline stores them exactly like feed items.
import type { ParsedEntry, ParsedFeed } from '../parse/types.js';
import type { ListingItem } from './types.js';

const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
};

/** A MIME type guessed from an image URL's extension; `image/*` is not a real type, so unknown stays unset. */
export function imageType(url: string): string | undefined {
  try {
    const ext = /\.([a-z0-9]{2,5})$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
    return ext ? IMAGE_TYPES[ext] : undefined;
  } catch {
    return undefined;
  }
}

export function listingItemToEntry(item: ListingItem): ParsedEntry {
  const entry: ParsedEntry = {
    id: item.id,
    title: item.title,
    titleType: 'text/plain',
    link: item.url,
    links: [{ href: item.url, rel: 'alternate', type: 'text/html' }],
    dedupeKey: item.id,
  };
  if (item.summary) {
    entry.summary = item.summary;
    entry.summaryType = 'text/plain';
  }
  if (item.published) entry.published = item.published;
  if (item.image) {
    const type = imageType(item.image);
    entry.enclosures = [type ? { href: item.image, type } : { href: item.image }];
  }
  return entry;
}

export function listingItemsToEntries(items: readonly ListingItem[]): ParsedEntry[] {
  return items.map(listingItemToEntry);
}

/**
 * A listing read (one page, or a crawl of several) as a ParsedFeed, the shape the feed pipeline
 * adapts and stores. `version` is empty: this is no feed format.
 */
export function listingToParsedFeed(
  res: { items: readonly ListingItem[]; pageTitle?: string; lang?: string },
  pageUrl: string,
): ParsedFeed {
  return {
    version: '',
    bozo: false,
    feed: {
      link: pageUrl,
      ...(res.pageTitle ? { title: res.pageTitle, titleType: 'text/plain' as const } : {}),
      ...(res.lang ? { language: res.lang } : {}),
    },
    entries: listingItemsToEntries(res.items),
  };
}
