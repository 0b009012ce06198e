// RSS 2.0 (https://www.rssboard.org/rss-specification): channel title/link/description are
// required; items carry title, link, description, guid, pubDate, source; the full body goes in
// content:encoded and the byline in dc:creator (RSS's own <author> must be an e-mail address).
// An item's <description> is HTML to every reader (the spec allows entity-encoded HTML there, and
// readers render it), so our plain-text lead is HTML-escaped before it is XML-escaped: a "<b>" in
// the text reaches the reader's screen as the three characters, not as bold.
import { escapeText as escapeHtml } from '../sanitize/escape.js';
import type { OutFeed } from './model.js';
import { rfc822, xmlAttr as a, xmlText as x } from './xml.js';

export function toRss(f: OutFeed): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    `<title>${x(f.title)}</title>`,
    `<link>${x(f.homeUrl)}</link>`,
    `<description>${x(f.description)}</description>`,
    `<atom:link href="${a(f.selfUrl)}" rel="self" type="application/rss+xml"/>`,
  ];
  if (f.language) out.push(`<language>${x(f.language)}</language>`);
  out.push(
    `<lastBuildDate>${rfc822(f.updated)}</lastBuildDate>`,
    '<generator>Newsdesk</generator>',
    '<docs>https://www.rssboard.org/rss-specification</docs>',
  );
  for (const it of f.items) {
    out.push('<item>', `<title>${x(it.title)}</title>`, `<link>${x(it.url)}</link>`);
    out.push(`<description>${x(escapeHtml(it.summary))}</description>`);
    if (it.contentHtml) out.push(`<content:encoded>${x(it.contentHtml)}</content:encoded>`);
    if (it.author) out.push(`<dc:creator>${x(it.author)}</dc:creator>`);
    for (const c of it.categories ?? []) out.push(`<category>${x(c)}</category>`);
    out.push(`<guid isPermaLink="true">${x(it.id)}</guid>`);
    if (it.published !== undefined) out.push(`<pubDate>${rfc822(it.published)}</pubDate>`);
    out.push(`<source url="${a(it.source.feedUrl)}">${x(it.source.title)}</source>`, '</item>');
  }
  out.push('</channel>', '</rss>');
  return `${out.join('\n')}\n`;
}
