// Sources → OPML 2.0, with one nested outline per category path level. Written with the XML
// escaper: titles come from feeds and may hold characters XML forbids, which the HTML escaper
// would let through and which would make the whole file unreadable to an importer.
import { safeHttpUrl } from '../../domain/safe-url.js';
import type { Source } from '../../domain/source.js';
import { xmlAttr as escapeAttr, xmlText } from '../../text/xml-escape.js';

interface Folder {
  feeds: Source[];
  children: Map<string, Folder>;
}

/** A source's category path as stored by import-opml (settings.category, "News/World"). */
export function categoryOf(s: Source): string[] {
  const c = s.settings.category;
  return typeof c === 'string' && c.trim()
    ? c
        .split('/')
        .map((p) => p.trim())
        .filter(Boolean)
    : [];
}

function outline(s: Source, indent: string): string {
  const title = s.title ?? s.url;
  // Stored data from older versions is checked again: an unsafe site URL is left out.
  const siteUrl = safeHttpUrl(s.siteUrl);
  const site = siteUrl ? ` htmlUrl="${escapeAttr(siteUrl)}"` : '';
  return `${indent}<outline type="rss" text="${escapeAttr(title)}" title="${escapeAttr(title)}" xmlUrl="${escapeAttr(s.url)}"${site}/>`;
}

function render(folder: Folder, depth: number, out: string[]): void {
  const indent = '  '.repeat(depth);
  for (const s of folder.feeds) out.push(outline(s, indent));
  for (const [name, child] of folder.children) {
    out.push(`${indent}<outline text="${escapeAttr(name)}" title="${escapeAttr(name)}">`);
    render(child, depth + 1, out);
    out.push(`${indent}</outline>`);
  }
}

export function writeOpml(sources: readonly Source[], title = 'Newsdesk subscriptions', now = new Date()): string {
  const root: Folder = { feeds: [], children: new Map() };
  for (const s of sources) {
    if (s.kind !== 'feed') continue;
    let f = root;
    for (const part of categoryOf(s)) {
      let next = f.children.get(part);
      if (!next) f.children.set(part, (next = { feeds: [], children: new Map() }));
      f = next;
    }
    f.feeds.push(s);
  }
  const body: string[] = [];
  render(root, 2, body);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${xmlText(title)}</title>`,
    `    <dateCreated>${now.toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...body,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}
