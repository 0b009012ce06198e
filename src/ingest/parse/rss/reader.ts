// RSS 0.91–0.94 and 2.0: <rss version><channel>…<item>…</item></channel></rss>. Items are
// taken wherever they sit under <rss> (some 0.9x feeds put them beside the channel).
import type { FeedVersion } from '../types.js';
import { ENTRY_NAMES, childElements, findAll, firstChild, type XmlFeedLayout } from '../xml/layout.js';
import type { XmlElement } from '../xml/tree.js';

const VERSIONS: Record<string, FeedVersion> = { '0.91': 'rss091u', '0.92': 'rss092', '0.93': 'rss093', '0.94': 'rss094' };

export function isRss(root: XmlElement): boolean {
  return root.ns === '' && root.local === 'rss';
}

export function readRss(root: XmlElement, netscapeDoctype: boolean): XmlFeedLayout {
  const v = (root.attrs['version'] ?? '').trim();
  let version: FeedVersion = VERSIONS[v] ?? (v.startsWith('2.') ? 'rss20' : 'rss');
  if (netscapeDoctype && (version === 'rss091u' || version === 'rss')) version = 'rss091n';
  const channel = firstChild(root, 'channel');
  return {
    version,
    feed: channel,
    feedChildren: childElements(channel, ENTRY_NAMES),
    entries: findAll(root, ENTRY_NAMES, ENTRY_NAMES),
  };
}
