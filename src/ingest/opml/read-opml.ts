// OPML 1.0/2.0 subscription lists → feeds. Nested outlines become categories (the path of the
// enclosing outlines' titles); an outline is a feed when it carries an xmlUrl (any case, as
// exporters disagree), or a url with type rss/atom. Pure: text in, list out.
import { Parser } from 'htmlparser2';
import { safeHttpUrl, safeUrl } from '../../domain/safe-url.js';
import { stripControls } from '../../text/strip-controls.js';

/** What a subscription may point at (file: is then refused or allowed by the fetcher's own rule). */
const FEED_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'file']);

/**
 * Folder levels kept in a category path. Readers nest folders two or three deep; a hostile file
 * nesting 15,000 folders around 15,000 feeds gave each feed a 30 kB category and took minutes and
 * over a gigabyte to read (every feed joined the whole stack). Deeper levels are still parsed,
 * only not named.
 */
export const MAX_FOLDER_DEPTH = 16;

export interface OpmlFeed {
  url: string;
  title?: string;
  siteUrl?: string;
  /** Outline path, outermost first ("News/World"), plus OPML 2 category attributes. */
  categories: string[];
}

export interface OpmlDocument {
  title?: string;
  feeds: OpmlFeed[];
}

export class OpmlError extends Error {
  override name = 'OpmlError';
}

export function readOpml(text: string): OpmlDocument {
  const feeds: OpmlFeed[] = [];
  const seen = new Set<string>();
  const stack: (string | undefined)[] = [];
  // The named folders among the first MAX_FOLDER_DEPTH levels of `stack`, kept as it changes.
  const path: string[] = [];
  let sawOpml = false;
  let inHeadTitle = false;
  let title: string | undefined;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'opml') sawOpml = true;
        if (name === 'title' && stack.length === 0) inHeadTitle = true;
        if (name !== 'outline') return;
        const a: Record<string, string> = {};
        for (const [k, v] of Object.entries(attrs)) a[k.toLowerCase()] = v;
        const label = stripControls(a.title ?? a.text ?? '').trim() || undefined;
        const type = (a.type ?? '').toLowerCase();
        const xml = a.xmlurl ?? (type === 'rss' || type === 'atom' ? a.url : undefined);
        const url = safeUrl(xml, FEED_SCHEMES);
        if (url) {
          if (!seen.has(url)) {
            seen.add(url);
            const extra = (a.category ?? '')
              .split(',')
              .map((c) => stripControls(c).trim().replace(/^\//, ''))
              .filter(Boolean);
            const categories = [...new Set([...(path.length ? [path.join('/')] : []), ...extra])];
            const site = safeHttpUrl(a.htmlurl);
            feeds.push({
              url,
              ...(label ? { title: label } : {}),
              ...(site ? { siteUrl: site } : {}),
              categories,
            });
          }
        }
        // Pushed for every outline so the closing tag pops the right level; feeds name no category.
        const folder = xml || stack.length >= MAX_FOLDER_DEPTH ? undefined : label;
        stack.push(folder);
        if (folder) path.push(folder);
      },
      ontext(t) {
        if (inHeadTitle) title = (title ?? '') + t;
      },
      onclosetag(name) {
        if (name === 'outline' && stack.pop()) path.pop();
        if (name === 'title') inHeadTitle = false;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(text);
  if (!sawOpml) throw new OpmlError('not an OPML file: no <opml> element (export your subscriptions as OPML from your feed reader)');
  const docTitle = title?.replace(/\s+/g, ' ').trim();
  return { ...(docTitle ? { title: docTitle } : {}), feeds };
}
