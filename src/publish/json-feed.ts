// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): version and title are required; each
// item needs an id and content_html or content_text.
import type { OutFeed } from './model.js';
import { cleanText, rfc3339 } from './xml.js';

export function toJsonFeed(f: OutFeed): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: f.title,
    home_page_url: f.homeUrl,
    feed_url: f.selfUrl,
    description: f.description,
    ...(f.language ? { language: f.language } : {}),
    authors: [{ name: 'Newsdesk' }],
    items: f.items.map((it) => ({
      id: it.id,
      url: it.url,
      ...(it.externalUrl ? { external_url: it.externalUrl } : {}),
      title: cleanText(it.title),
      ...(it.contentHtml ? { content_html: cleanText(it.contentHtml) } : { content_text: cleanText(it.summary) }),
      summary: cleanText(it.summary),
      date_published: rfc3339(it.published),
      ...(it.updated ? { date_modified: rfc3339(it.updated) } : {}),
      ...(it.author ? { authors: [{ name: it.author }] } : {}),
      ...(it.lang ? { language: it.lang } : {}),
      ...(it.categories?.length ? { tags: it.categories } : {}),
      _newsdesk: { source: { title: it.sourceName, feed_url: it.sourceUrl } },
    })),
  };
  return `${JSON.stringify(feed, null, 1)}\n`;
}
