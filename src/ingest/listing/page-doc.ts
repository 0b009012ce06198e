// A listing page as the crawl hands it to the code that finds its teasers: its HTML already
// decoded (a caller that decodes for itself, tests), or the bytes as fetched with their
// Content-Type. The bytes are decoded where the teasers are found, so a page read in the parse
// pool is decoded there, off the check's thread, by the same decoder and charset rules
// (decodeHtml: BOM, then the header's charset, then the page's <meta>, then detection).
import { decodeHtml } from '../../text/encoding.js';

export type ListingPageDoc = { url: string } & ({ html: string } | { bytes: Uint8Array; contentType?: string | undefined });

/** The page's HTML: as given, or decoded from its bytes. */
export function listingHtml(doc: ListingPageDoc): string {
  return 'html' in doc ? doc.html : decodeHtml(doc.bytes, doc.contentType).text;
}

/** The page's size as a worker's heap sees it before decoding: its bytes, or its characters. */
export function listingSize(doc: ListingPageDoc): number {
  return 'html' in doc ? doc.html.length : doc.bytes.byteLength;
}
