// Atom 0.1–0.3 and 1.0: <feed>…<entry>…</entry></feed>.
import type { FeedVersion } from '../types.js';
import { ATOM10_NS } from '../xml/namespaces.js';
import { ENTRY_NAMES, childElements, findAll, type XmlFeedLayout } from '../xml/layout.js';
import type { XmlElement } from '../xml/tree.js';

const VERSIONS: Record<string, FeedVersion> = { '0.1': 'atom01', '0.2': 'atom02', '0.3': 'atom03' };

export function isAtom(root: XmlElement): boolean {
  return root.ns === '' && root.local === 'feed';
}

export function readAtom(root: XmlElement): XmlFeedLayout {
  let version: FeedVersion;
  if (root.uri.toLowerCase() === ATOM10_NS) version = 'atom10';
  else version = VERSIONS[(root.attrs['version'] ?? '').trim()] ?? 'atom';
  return { version, feed: root, feedChildren: childElements(root, ENTRY_NAMES), entries: findAll(root, ENTRY_NAMES, ENTRY_NAMES) };
}
