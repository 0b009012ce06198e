// The JSON shapes of the API (documented in openapi.ts): ISO dates, camelCase, links to pages.
// Links to other sites are checked again against the one URL policy (src/domain/safe-url.ts):
// data stored by an older version must not reach a client as a javascript: link.
import type { Entry } from '../domain/entry.js';
import type { ShownStory } from '../store/public-story.js';
import type { EntryEdit, Sighting, Story } from '../store/stories.js';
import { publicExtractFailure, publicNotArticle } from '../domain/extract-failure.js';
import { publicFailure } from '../domain/failure.js';
import { safeHttpUrl } from '../domain/safe-url.js';
import { sanitizeHtml } from '../sanitize/index.js';
import type { Source } from '../domain/source.js';
import { sameFeedFields, type SameFeed } from '../domain/same-feed.js';
import type { TopicInfo } from '../topics/summary.js';
import { redactUrl, shownSource } from '../text/redact-url.js';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function sourceJson(source: Source, name: string, origin: string, same?: SameFeed): Record<string, unknown> {
  // Addresses and errors without credentials (user:pass@): the fetcher needs them, readers do not.
  const s = shownSource(source);
  const failure = publicFailure(source);
  // A source address that is not http(s) — a file an operator subscribed on the server, or a
  // javascript: or data: address an older version stored — is null here, and urlWithheld says
  // why (p-edges): clients render `url` as a link (entries' `url` was made safe the same way), and
  // a file path tells a reader only how the server's disk is laid out. The feeds out replace it
  // with the source's page (r-public); here links.page is that page already.
  const url = safeHttpUrl(s.url) ?? null;
  return {
    id: s.id,
    name,
    url,
    urlWithheld: url === null,
    previousUrls: s.previousUrls.map((m) => ({ url: safeHttpUrl(m.url) ?? null, movedAt: iso(m.movedAt) })),
    kind: s.kind,
    title: s.title,
    siteUrl: safeHttpUrl(s.siteUrl) ?? null,
    status: s.status,
    errorCount: s.errorCount,
    // The catalogued reason only: the stored message stays at the desk (src/domain/failure.ts).
    lastError: failure?.text ?? null,
    lastErrorKey: failure?.key ?? null,
    lastCheckedAt: iso(s.lastCheckedAt),
    lastSuccessAt: iso(s.lastSuccessAt),
    nextCheckAt: iso(s.nextCheckAt),
    intervalSeconds: s.intervalSeconds,
    extractMode: s.extractMode,
    createdAt: iso(s.createdAt),
    // Sources of the same feed address under another spelling (stored before migration 46; store's
    // sameFeeds): their ids, and the one polled in this one's place (null: this one is polled, or paused).
    ...sameFeedFields(same),
    links: { page: `${origin}/sources/${s.id}`, rss: `${origin}/sources/${s.id}/feed.rss` },
  };
}

export function entryJson(e: Entry, excerpt: string, origin: string, withContent: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: e.id,
    sourceId: e.sourceId,
    url: safeHttpUrl(e.url) ?? null,
    title: e.title,
    author: e.author,
    lang: e.lang,
    dir: e.dir,
    publishedAt: iso(e.publishedAt),
    updatedAt: iso(e.updatedAt),
    createdAt: iso(e.createdAt),
    excerpt,
    categories: e.categories,
    leadImage: safeHttpUrl(e.leadImage) ?? null,
    // The outlet an aggregator's item names (RSS <source>): show it, not the aggregator, as its origin.
    // Its address redacted as every address shown is (a row stored before ingest redacted it).
    outlet: e.outletName ? { name: e.outletName, url: safeHttpUrl(e.outletUrl ? redactUrl(e.outletUrl) : e.outletUrl) ?? null } : null,
    extractStatus: e.extractStatus,
    storyId: e.storyId ?? null,
    duplicateOf: e.duplicateOf ?? null,
    links: e.storyId
      ? { page: `${origin}/entries/${e.id}`, story: `${origin}/api/v1/stories/${e.storyId}` }
      : { page: `${origin}/entries/${e.id}` },
  };
  if (withContent) {
    // Sanitised again, as the article page does ("the sanitised body", says the API's document): a
    // body an older, laxer ingest stored reached API clients as it was; relative links resolve
    // against the article's address.
    const clean = (h: string | null): string | null => (h === null ? null : sanitizeHtml(h, { baseUrl: e.url ?? undefined }));
    out.contentHtml = clean(e.contentHtml);
    out.fullHtml = clean(e.fullHtml);
    out.text = e.text;
    // Why fullHtml is missing when the read in full failed: the catalogued reason only.
    // A failure stored before reasons were kept reads as "other"; an entry without a summary is
    // told only its headline is shown.
    out.extractError =
      e.extractStatus === 'failed'
        ? publicExtractFailure({ extractError: e.extractError ?? 'other', text: e.text, contentHtml: e.contentHtml })
        : null;
    // Why there is no full text when the page held no article (not a failure: no retry helps).
    out.notArticle = publicNotArticle(e);
  }
  return out;
}

export function topicJson(t: TopicInfo, count: number, retagPct: number | undefined, origin: string): Record<string, unknown> {
  const page = `${origin}/topics/${encodeURIComponent(t.id)}`;
  return {
    id: t.id,
    name: t.name,
    description: t.description ?? null,
    entities: t.entities.map((e) => ({ id: e.id, name: e.name, aliases: e.aliases, acronyms: e.acronyms })),
    entries: count,
    retag: { status: t.retag.status, percent: retagPct ?? 100, done: t.retag.done, total: t.retag.total },
    links: {
      page,
      entries: `${origin}/api/v1/topics/${encodeURIComponent(t.id)}/entries`,
      rss: `${page}/feed.rss`,
      atom: `${page}/feed.atom`,
      json: `${page}/feed.json`,
    },
  };
}

/** `shown`: the headline and lead the public is shown (store/public-story.ts: never a hidden lead's). */
export function storyJson(s: Story, origin: string, shown?: ShownStory): Record<string, unknown> {
  const page = `${origin}/stories/${s.id}`;
  return {
    id: s.id,
    key: s.key,
    headline: shown ? shown.headline : s.headline,
    leadEntryId: shown ? shown.leadEntryId : s.leadEntryId,
    firstPublished: iso(s.firstPublished),
    lastPublished: iso(s.lastPublished),
    size: s.size,
    articles: s.articles,
    sources: s.sources,
    languages: s.languages,
    mergedInto: s.mergedInto,
    links: {
      page,
      api: `${origin}/api/v1/stories/${s.id}`,
      rss: `${page}/feed.rss`,
      atom: `${page}/feed.atom`,
      json: `${page}/feed.json`,
    },
  };
}

/** What the entry resource says of its story and copies, beyond the shared fields. */
export function entryStoryJson(
  story: { story: Story; shown: ShownStory | undefined } | undefined,
  copies: { total: number; ids: number[] },
  sightings: Sighting[],
  edits: EntryEdit[],
  origin: string,
): Record<string, unknown> {
  return {
    story: story ? storyJson(story.story, origin, story.shown) : null,
    duplicates: { total: copies.total, ids: copies.ids },
    sightings: sightings.map((x) => ({
      sourceId: x.sourceId,
      firstSeen: iso(x.firstSeen),
      url: safeHttpUrl(x.url) ?? null,
      title: x.title,
    })),
    edits: edits.map((x) => ({
      changedAt: iso(x.changedAt),
      sourceId: x.sourceId,
      titleBefore: x.titleBefore,
      titleAfter: x.titleAfter,
      urlBefore: safeHttpUrl(x.urlBefore) ?? null,
      urlAfter: safeHttpUrl(x.urlAfter) ?? null,
    })),
  };
}
