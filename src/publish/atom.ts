// Atom 1.0 (RFC 4287): the feed needs id, title, updated, and an author unless every entry has
// one; each entry needs id, title, updated, and content or an alternate link. Every entry carries
// the <source> it was read from (the source feed's own id, title, updated and author), so an entry
// without a byline is by its source's author, and none needs the feed-level one: an aggregate has
// no author of its own to give.
import type { OutFeed, OutSource } from './model.js';
import { rfc3339, xmlAttr as a, xmlText as x } from './xml.js';

function source(s: OutSource): string {
  const parts = [
    '<source>',
    `<id>${x(s.id)}</id>`,
    `<title type="text">${x(s.title)}</title>`,
    ...(s.updated !== undefined ? [`<updated>${rfc3339(s.updated)}</updated>`] : []),
    `<link rel="self" href="${a(s.feedUrl)}"/>`,
    ...(s.siteUrl ? [`<link rel="alternate" type="text/html" href="${a(s.siteUrl)}"/>`] : []),
    `<author><name>${x(s.author)}</name></author>`,
    '</source>',
  ];
  return parts.join('');
}

export function toAtom(f: OutFeed): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom"${f.language ? ` xml:lang="${a(f.language)}"` : ''}>`,
    `<id>${x(f.selfUrl)}</id>`,
    `<title type="text">${x(f.title)}</title>`,
    `<subtitle type="text">${x(f.description)}</subtitle>`,
    `<updated>${rfc3339(f.updated)}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${a(f.selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${a(f.homeUrl)}"/>`,
    '<generator>Newsdesk</generator>',
  ];
  for (const it of f.items) {
    out.push(`<entry${it.lang ? ` xml:lang="${a(it.lang)}"` : ''}>`);
    out.push(`<id>${x(it.id)}</id>`, `<title type="text">${x(it.title)}</title>`);
    out.push(`<updated>${rfc3339(it.updated ?? it.published ?? f.updated)}</updated>`);
    if (it.published !== undefined) out.push(`<published>${rfc3339(it.published)}</published>`);
    out.push(`<link rel="alternate" type="text/html" href="${a(it.url)}"/>`);
    if (it.externalUrl) out.push(`<link rel="related" type="text/html" href="${a(it.externalUrl)}"/>`);
    if (it.author) out.push(`<author><name>${x(it.author)}</name></author>`);
    for (const c of it.categories ?? []) out.push(`<category term="${a(c)}"/>`);
    out.push(`<summary type="text">${x(it.summary)}</summary>`);
    if (it.contentHtml) out.push(`<content type="html">${x(it.contentHtml)}</content>`);
    out.push(source(it.source));
    out.push('</entry>');
  }
  out.push('</feed>');
  return `${out.join('\n')}\n`;
}
