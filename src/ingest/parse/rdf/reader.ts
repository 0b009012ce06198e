// RSS 0.90 and 1.0 (RDF): <rdf:RDF><channel/><image/><item/>…</rdf:RDF>, items beside the channel.
import type { FeedVersion } from '../types.js';
import { RSS090_NS, RSS10_NS } from '../xml/namespaces.js';
import { ENTRY_NAMES, childElements, findAll, firstChild, type XmlFeedLayout } from '../xml/layout.js';
import type { XmlElement } from '../xml/tree.js';

export function isRdf(root: XmlElement): boolean {
  return root.ns === 'rdf' && root.local === 'rdf';
}

function versionOf(root: XmlElement): FeedVersion {
  for (const [n, v] of root.rawAttrs) {
    if (!n.startsWith('xmlns')) continue;
    const u = v.toLowerCase();
    if (u === RSS090_NS && n === 'xmlns') return 'rss090';
    if (u === RSS10_NS) return 'rss10';
  }
  const channel = firstChild(root, 'channel');
  const u = channel?.uri.toLowerCase();
  if (u === RSS090_NS) return 'rss090';
  return 'rss10';
}

export function readRdf(root: XmlElement): XmlFeedLayout {
  const channel = firstChild(root, 'channel');
  const feedChildren = childElements(channel, ENTRY_NAMES);
  for (const k of childElements(root)) {
    if (k.ns === '' && (k.local === 'image' || k.local === 'textinput')) feedChildren.push(k);
  }
  return { version: versionOf(root), feed: channel, feedChildren, entries: findAll(root, ENTRY_NAMES, ENTRY_NAMES) };
}
