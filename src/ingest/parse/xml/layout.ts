import type { FeedVersion } from '../types.js';
import type { XmlElement } from './tree.js';

/** What a format reader finds in a document: its version, the feed-level element and the entries. */
export interface XmlFeedLayout {
  version: FeedVersion;
  /** The element whose attributes describe the feed (channel, feed, …). */
  feed: XmlElement | undefined;
  /** Feed-level child elements, in order (for RDF also the image that sits beside the channel). */
  feedChildren: XmlElement[];
  entries: XmlElement[];
}

/** Entry-level elements: RSS items and Atom entries are read alike wherever they appear. */
export const ENTRY_NAMES: ReadonlySet<string> = new Set(['item', 'entry']);

/** Elements with one of `names` (in a feed namespace) under `el`, not looking inside matches or `stop` elements. */
export function findAll(el: XmlElement, names: ReadonlySet<string>, stop: ReadonlySet<string>, out: XmlElement[] = []): XmlElement[] {
  for (const k of el.children) {
    if (typeof k === 'string') continue;
    if (k.ns === '' && names.has(k.local)) {
      out.push(k);
    } else if (!(k.ns === '' && stop.has(k.local))) {
      findAll(k, names, stop, out);
    }
  }
  return out;
}

export function childElements(el: XmlElement | undefined, skip?: ReadonlySet<string>): XmlElement[] {
  const out: XmlElement[] = [];
  if (!el) return out;
  for (const k of el.children) {
    if (typeof k === 'string') continue;
    if (skip && k.ns === '' && skip.has(k.local)) continue;
    out.push(k);
  }
  return out;
}

export function firstChild(el: XmlElement, local: string): XmlElement | undefined {
  for (const k of el.children) if (typeof k !== 'string' && k.ns === '' && k.local === local) return k;
  return undefined;
}
