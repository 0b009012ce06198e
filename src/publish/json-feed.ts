// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): version and title are required; each
// item needs an id and content_html or content_text. Items inherit the top-level authors when they
// name none, so there are none: an item without a byline is by its source (its feed's author, else
// the outlet), never by Newsdesk.
// Every string of it goes through cleanText, as the XML formats' text does: JSON may carry a lone
// surrogate (as "\ud800") and C0 controls, but strict readers refuse such a document (Rust's
// serde_json: "lone leading surrogate") and the others show the broken character; field by field,
// the feed's title, description, tags and source were missed.
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
    items: f.items.map((it) => ({
      id: it.id,
      url: it.url,
      ...(it.externalUrl ? { external_url: it.externalUrl } : {}),
      title: it.title,
      ...(it.contentHtml ? { content_html: it.contentHtml } : { content_text: it.summary }),
      summary: it.summary,
      ...(it.published !== undefined ? { date_published: rfc3339(it.published) } : {}),
      ...(it.updated ? { date_modified: rfc3339(it.updated) } : {}),
      authors: [{ name: it.author ?? it.source.author }],
      ...(it.lang ? { language: it.lang } : {}),
      ...(it.categories?.length ? { tags: it.categories } : {}),
      _newsdesk: {
        source: {
          id: it.source.id,
          title: it.source.title,
          feed_url: it.source.feedUrl,
          ...(it.source.siteUrl ? { home_page_url: it.source.siteUrl } : {}),
        },
      },
    })),
  };
  return `${JSON.stringify(feed, (_key, v: unknown) => (typeof v === 'string' ? cleanText(v) : v), 1)}\n`;
}
