// Namespace URIs feeds use, mapped to the prefix we know them by. All the feed formats' own
// namespaces map to '' so that an RSS reader also understands `<atom:link>` and friends: real
// feeds mix vocabularies freely, and a liberal reader treats them as one.

export const ATOM10_NS = 'http://www.w3.org/2005/atom';
export const ATOM03_NS = 'http://purl.org/atom/ns#';
export const RSS10_NS = 'http://purl.org/rss/1.0/';
export const RSS090_NS = 'http://my.netscape.com/rdf/simple/0.9/';
export const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
export const XHTML_NS = 'http://www.w3.org/1999/xhtml';

const KNOWN: Record<string, string> = {
  '': '',
  'http://backend.userland.com/rss': '',
  'http://backend.userland.com/rss2': '',
  'http://blogs.law.harvard.edu/tech/rss': '',
  [RSS10_NS]: '',
  [RSS090_NS]: '',
  'http://example.com/newformat#': '',
  'http://example.com/necho': '',
  'http://purl.org/echo/': '',
  'uri/of/echo/namespace#': '',
  'http://purl.org/pie/': '',
  [ATOM03_NS]: '',
  [ATOM10_NS]: '',
  'http://purl.org/rss/1.0/modules/rss091#': '',
  'http://webns.net/mvcb/': 'admin',
  'http://purl.org/rss/1.0/modules/aggregation/': 'ag',
  'http://purl.org/rss/1.0/modules/annotate/': 'annotate',
  'http://backend.userland.com/blogchannelmodule': 'blogChannel',
  'http://creativecommons.org/ns#license': 'cc',
  'http://web.resource.org/cc/': 'cc',
  'http://cyber.law.harvard.edu/rss/creativecommonsrssmodule.html': 'creativeCommons',
  'http://backend.userland.com/creativecommonsrssmodule': 'creativeCommons',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://rssnamespace.org/feedburner/ext/1.0': 'feedburner',
  'http://www.w3.org/2003/01/geo/wgs84_pos#': 'geo',
  'http://www.georss.org/georss': 'georss',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://example.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://search.yahoo.com/mrss': 'media',
  'http://search.yahoo.com/mrss/': 'media',
  [RDF_NS]: 'rdf',
  'http://www.w3.org/2000/01/rdf-schema#': 'rdfs',
  'http://purl.org/rss/1.0/modules/syndication/': 'sy',
  'http://purl.org/rss/1.0/modules/slash/': 'slash',
  'http://purl.org/rss/1.0/modules/threading/': 'thr',
  'http://purl.org/rss/1.0/modules/textinput/': 'ti',
  'http://wellformedweb.org/commentapi/': 'wfw',
  [XHTML_NS]: 'xhtml',
  'http://www.w3.org/1999/xlink': 'xlink',
  'http://www.w3.org/xml/1998/namespace': 'xml',
  'http://podlove.org/simple-chapters': 'psc',
  'http://www.w3.org/2000/svg': 'svg',
  'http://www.w3.org/1998/math/mathml': 'mathml',
};

/** The canonical prefix for a namespace URI, or undefined when we do not know the namespace. */
export function knownPrefix(uri: string): string | undefined {
  const lower = uri.toLowerCase();
  const p = KNOWN[lower];
  if (p !== undefined) return p;
  if (lower.includes('backend.userland.com/rss')) return '';
  return undefined;
}
