// Feeds a web page advertises: <link rel="alternate" type="application/rss+xml" href="…"> and
// its Atom, RDF and JSON Feed siblings. Pure: HTML text in, absolute URLs out.
import { Parser } from 'htmlparser2';
import { MarkupDepth } from '../../domain/markup-depth.js';

export interface FeedLink {
  url: string;
  title?: string;
  type: string;
}

const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/feed+json',
  'application/json',
  'application/x.atom+xml',
  'application/x-atom+xml',
  'application/x-rss+xml',
  'text/xml',
  'application/xml',
  'text/rss+xml',
  'text/atom+xml',
]);

/** Comment feeds are rarely what someone adding a site wants; they go last. */
function isCommentFeed(l: FeedLink): boolean {
  return /comment/i.test(l.title ?? '') || /\/comments?\//i.test(l.url);
}

export function findFeedLinks(html: string, pageUrl: string): FeedLink[] {
  const found: FeedLink[] = [];
  const seen = new Set<string>();
  let base = pageUrl;
  // Feed links sit in <head>: a page nested past MAX_MARKUP_DEPTH is not read further.
  const depth = new MarkupDepth();
  const parser = new Parser(
    {
      onparserinit: (p) => depth.attach(p),
      onclosetag: () => depth.closed(),
      onopentag(name, attrs) {
        depth.opened();
        if (name === 'base' && attrs.href) {
          try {
            base = new URL(attrs.href, pageUrl).href;
          } catch {
            /* a broken <base> is ignored, as browsers do */
          }
          return;
        }
        if (name !== 'link' || !attrs.href) return;
        const rels = (attrs.rel ?? '').toLowerCase().split(/\s+/);
        const type = (attrs.type ?? '').toLowerCase().split(';')[0]!.trim();
        const isFeedRel = rels.includes('feed') || (rels.includes('alternate') && FEED_TYPES.has(type));
        if (!isFeedRel) return;
        let url: string;
        try {
          url = new URL(attrs.href.trim(), base).href;
        } catch {
          return;
        }
        if (!/^https?:/i.test(url) || seen.has(url)) return;
        seen.add(url);
        found.push({ url, type: type || 'application/rss+xml', ...(attrs.title ? { title: attrs.title.trim() } : {}) });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return [...found.filter((l) => !isCommentFeed(l)), ...found.filter(isCommentFeed)];
}

/** Whether a response is an HTML page (by its media type, or by how its text starts). */
export function isHtmlDocument(text: string, contentType: string | undefined): boolean {
  if (/html/i.test(contentType ?? '')) return true;
  return /<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i.test(text.slice(0, 2048));
}

/** Where sites commonly publish their feed when the page does not say. */
export const COMMON_FEED_PATHS = [
  '/feed',
  '/rss',
  '/atom.xml',
  '/feed.xml',
  '/index.xml',
  '/rss.xml',
  '/feed.json',
  '/atom',
  '/index.rss',
  '/feeds/posts/default',
  '/?feed=rss2',
];
