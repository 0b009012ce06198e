// Microsoft's Channel Definition Format: <channel href lastmod><item href lastmod>…</channel>.
import { ENTRY_NAMES, childElements, findAll, type XmlFeedLayout } from '../xml/layout.js';
import type { XmlElement } from '../xml/tree.js';

export function isCdf(root: XmlElement): boolean {
  return root.ns === '' && root.local === 'channel';
}

export function readCdf(root: XmlElement): XmlFeedLayout {
  return { version: 'cdf', feed: root, feedChildren: childElements(root, ENTRY_NAMES), entries: findAll(root, ENTRY_NAMES, ENTRY_NAMES) };
}
