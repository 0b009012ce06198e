// The URLs a worker picked from a sitemap file (PickedUrls, src/ingest/sitemap/types.ts) read back
// in full, only when a check needs more than the head: a second file to merge, a capped check
// whose newest were already stored, or a reader that wants every URL.
import { deserialize } from 'node:v8';
import type { PickedUrls, SitemapUrl } from './types.js';

/** Every picked URL, in document order. */
export function pickedUrlList(p: PickedUrls): SitemapUrl[] {
  if (!p.all) return p.head;
  return deserialize(p.all) as SitemapUrl[];
}
