// The reading side: turns store queries into rendered pages and feeds. Routes (app.ts) only
// parse the request and pick a method here.
import type { Config } from '../config/options.js';
import type { Entry } from '../domain/entry.js';
import { writeFeed, FEED_TYPES, type FeedFormat, type OutFeed } from '../publish/index.js';
import { sanitizeHtml } from '../sanitize/index.js';
import type { EntrySummary, SearchHit, TeaserPage } from '../store/search.js';
import type { EntryQuery, Store } from '../store/store.js';
import { parseSearch } from '../stories/search-query.js';
import { SourceCatalog, type SourceInfo } from './catalog.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { html, raw } from './html.js';
import { layout, type FeedLinks, type NavItem } from './layout.js';
import { markedToHtml, stripMarks } from './marks.js';
import { rendered, type Rendered } from './respond.js';
import { teaserExcerpt } from './teaser-excerpt.js';
import { articleView } from './views/article.js';
import { errorView } from './views/error.js';
import { listingView, type Pager, type Teaser } from './views/listing.js';
import { searchFormView } from './views/search.js';
import { sourceHeaderView, sourcesView } from './views/sources.js';

const HTML_TYPE = 'text/html; charset=utf-8';

/** A page of entries to show: which ones, and how to name it. */
export interface ListingSpec {
  /** Path of the HTML page ("/", "/sources/3"); feeds live at `${base}feed.rss` etc. */
  path: string;
  query: Omit<EntryQuery, 'limit' | 'after' | 'before'>;
  heading: string;
  intro?: string;
  current: NavItem;
  empty: string;
  sourceId?: number;
}

export interface SearchParams {
  q: string;
  sourceId?: number;
  lang?: string;
  /** YYYY-MM-DD, inclusive, UTC. */
  from?: string;
  to?: string;
  offset: number;
}

export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function feedPath(path: string, format: FeedFormat): string {
  return `${path === '/' ? '' : path}/feed.${format}`;
}

function dayStart(s: string | undefined): number | undefined {
  if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return undefined;
  const t = Date.parse(`${s}T00:00:00Z`);
  return Number.isFinite(t) ? t : undefined;
}

export class Site {
  readonly catalog: SourceCatalog;
  private langCache: { stamp: string; langs: string[] } | undefined;

  constructor(
    readonly store: Store,
    readonly config: Pick<Config, 'pageSize' | 'excerptChars' | 'baseUrl'>,
  ) {
    this.catalog = new SourceCatalog(store);
  }

  private teaser(e: EntrySummary, sources: Map<number, SourceInfo>): Teaser {
    return {
      id: e.id,
      href: `/entries/${e.id}`,
      title: e.title || '(untitled)',
      lang: e.lang,
      dir: e.dir,
      source: this.catalog.info(sources, e.sourceId),
      publishedAt: e.publishedAt,
      excerpt: teaserExcerpt(e, this.config.excerptChars),
    };
  }

  private pager(path: string, extra: string, page: TeaserPage, onFirst: boolean): Pager {
    const sep = extra ? `${extra}&` : '';
    const p: Pager = {};
    if (page.older) p.older = `${path}?${sep}older=${encodeCursor(page.older)}`;
    if (page.newer) p.newer = `${path}?${sep}newer=${encodeCursor(page.newer)}`;
    if (!onFirst) p.newest = extra ? `${path}?${extra}` : path;
    return p;
  }

  feedLinks(path: string, title: string, query = ''): FeedLinks {
    const q = query ? `?${query}` : '';
    return { title, rss: `${feedPath(path, 'rss')}${q}`, atom: `${feedPath(path, 'atom')}${q}`, json: `${feedPath(path, 'json')}${q}` };
  }

  async listing(spec: ListingSpec, cursor: { older?: string; newer?: string }, locale: string, stamp: string): Promise<Rendered> {
    const after = decodeCursor(cursor.older);
    const before = after ? undefined : decodeCursor(cursor.newer);
    if ((cursor.older && !after) || (cursor.newer && !before)) throw new HttpError(400, 'That page link is malformed; start again from the newest stories.');
    const [page, sources] = await Promise.all([
      // Enough text for the excerpt and its sentence search, never the bodies.
      this.store.search.teasers({ ...spec.query, limit: this.config.pageSize, after, before }, this.config.excerptChars * 2 + 100),
      this.catalog.current(stamp),
    ]);
    let before_ = html``;
    if (spec.sourceId !== undefined) {
      const info = sources.get(spec.sourceId);
      if (info) before_ = sourceHeaderView(info.source, locale);
    }
    const main = listingView({
      heading: spec.heading,
      intro: spec.intro,
      before: before_,
      teasers: page.items.map((e) => this.teaser(e, sources)),
      pager: this.pager(spec.path, '', page, !after && !before),
      empty: after || before ? 'No more stories this way.' : spec.empty,
      locale,
    });
    const body = layout({ title: spec.heading, current: spec.current, main, feeds: this.feedLinks(spec.path, spec.heading) });
    return rendered(body.value, HTML_TYPE, newest(page.items));
  }

  async listingFeed(spec: ListingSpec, format: FeedFormat, origin: string, stamp: string): Promise<Rendered> {
    const [page, sources] = await Promise.all([
      this.store.entries.list({ ...spec.query, limit: this.config.pageSize }),
      this.catalog.current(stamp),
    ]);
    const feed = this.outFeed(spec.heading, spec.intro ?? `Newest stories: ${spec.heading}`, origin, spec.path, feedPath(spec.path, format), '', page.items, sources);
    return rendered(writeFeed(format, feed), FEED_TYPES[format], feed.updated);
  }

  private outFeed(title: string, description: string, origin: string, path: string, self: string, query: string, items: Entry[], sources: Map<number, SourceInfo>): OutFeed {
    const q = query ? `?${query}` : '';
    return {
      title: `${title} · Newsdesk`,
      description,
      homeUrl: `${origin}${path}${q}`,
      selfUrl: `${origin}${self}${q}`,
      updated: newest(items) ?? Date.now(),
      items: items.map((e) => {
        const src = sources.get(e.sourceId);
        const body = e.fullHtml ?? e.contentHtml ?? undefined;
        return {
          id: `${origin}/entries/${e.id}`,
          url: `${origin}/entries/${e.id}`,
          externalUrl: e.url ?? undefined,
          title: e.title || '(untitled)',
          summary: teaserExcerpt(e, this.config.excerptChars),
          contentHtml: body || undefined,
          published: e.publishedAt,
          updated: e.updatedAt ?? undefined,
          author: e.author ?? undefined,
          sourceName: src?.name ?? `Source ${e.sourceId}`,
          sourceUrl: src?.source.url ?? `${origin}/sources/${e.sourceId}`,
          lang: e.lang ?? undefined,
          categories: e.categories.length ? e.categories : undefined,
        };
      }),
    };
  }

  async article(id: number, locale: string, stamp: string): Promise<Rendered> {
    const [e, sources] = await Promise.all([this.store.entries.get(id), this.catalog.current(stamp)]);
    if (!e) throw new HttpError(404, 'No story has this address: it may have been removed.');
    const src = sources.get(e.sourceId);
    const body = e.fullHtml ?? e.contentHtml;
    // Stored HTML was sanitised at ingest; sanitising again here means a page can never carry
    // markup that an older, laxer ingest let through.
    const contentHtml = body ? raw(sanitizeHtml(body, { baseUrl: e.url ?? undefined })) : undefined;
    const main = articleView({ entry: e, source: this.catalog.info(sources, e.sourceId), contentHtml, locale });
    const feeds = this.feedLinks(`/sources/${e.sourceId}`, src?.name ?? 'Source');
    return rendered(layout({ title: e.title || '(untitled)', current: 'none', main, feeds }).value, HTML_TYPE, e.updatedAt ?? e.createdAt);
  }

  async sourcesPage(locale: string, stamp: string): Promise<Rendered> {
    const sources = await this.catalog.current(stamp);
    const rows = await Promise.all(
      [...sources.values()].map(async (s) => ({ source: s.source, name: s.name, entries: await this.store.entries.count({ sourceId: s.source.id }) })),
    );
    rows.sort((a, b) => a.name.localeCompare(b.name));
    return rendered(layout({ title: 'Sources', current: 'sources', main: sourcesView(rows, locale) }).value, HTML_TYPE);
  }

  async languages(stamp: string): Promise<string[]> {
    if (this.langCache?.stamp !== stamp) this.langCache = { stamp, langs: await this.store.search.languages() };
    return this.langCache.langs;
  }

  private async runSearch(p: SearchParams, limit: number): Promise<{ hits: SearchHit[]; nextOffset?: number; problem?: string }> {
    const parsed = parseSearch(p.q);
    if (!parsed.ast) return { hits: [], problem: parsed.problem };
    const until = dayStart(p.to);
    const page = await this.store.search.search({
      ast: parsed.ast,
      sourceId: p.sourceId,
      lang: p.lang,
      since: dayStart(p.from),
      until: until === undefined ? undefined : until + 86_400_000,
      offset: p.offset,
      limit,
    });
    return page;
  }

  searchQueryString(p: SearchParams, withOffset = false): string {
    const u = new URLSearchParams();
    u.set('q', p.q);
    if (p.sourceId !== undefined) u.set('source', String(p.sourceId));
    if (p.lang) u.set('lang', p.lang);
    if (p.from) u.set('from', p.from);
    if (p.to) u.set('to', p.to);
    if (withOffset && p.offset) u.set('offset', String(p.offset));
    return u.toString();
  }

  async search(p: SearchParams, locale: string, stamp: string): Promise<Rendered> {
    const [result, sources, languages] = await Promise.all([
      p.q.trim() ? this.runSearch(p, this.config.pageSize) : Promise.resolve({ hits: [] as SearchHit[], nextOffset: undefined, problem: undefined }),
      this.catalog.current(stamp),
      this.languages(stamp),
    ]);
    const qs = this.searchQueryString(p);
    const teasers: Teaser[] = result.hits.map((h) => ({
      ...this.teaser(h.entry, sources),
      title: stripMarks(h.titleMarked) || '(untitled)',
      titleHtml: markedToHtml(h.titleMarked),
      excerpt: h.snippetMarked ? markedToHtml(h.snippetMarked) : teaserExcerpt(h.entry, this.config.excerptChars),
    }));
    const pager: Pager = { labels: { newer: '‹ Previous results', older: 'More results ›', newest: '« First results' } };
    if (result.nextOffset !== undefined) pager.older = `/search?${qs}&offset=${result.nextOffset}`;
    if (p.offset > 0) pager.newer = `/search?${qs}${p.offset - this.config.pageSize > 0 ? `&offset=${p.offset - this.config.pageSize}` : ''}`;
    const form = searchFormView({
      q: p.q, sourceId: p.sourceId, lang: p.lang, from: p.from, to: p.to, problem: result.problem,
      sources: [...sources.values()].sort((a, b) => a.name.localeCompare(b.name)),
      languages,
    });
    const heading = p.q.trim() ? `Search: ${p.q.trim()}` : 'Search';
    const main = listingView({
      heading,
      before: form,
      teasers,
      pager,
      empty: p.q.trim() ? 'No stories match. Try fewer words, a prefix such as mojahed*, or OR between spellings.' : 'Type words to look for.',
      locale,
    });
    const feeds = p.q.trim() ? this.feedLinks('/search', heading, qs) : undefined;
    const head = html`<meta name="robots" content="noindex">`;
    return rendered(layout({ title: heading, current: 'search', main, feeds, query: p.q, head }).value, HTML_TYPE);
  }

  async searchFeed(p: SearchParams, format: FeedFormat, origin: string, stamp: string): Promise<Rendered> {
    const [result, sources] = await Promise.all([this.runSearch({ ...p, offset: 0 }, this.config.pageSize), this.catalog.current(stamp)]);
    const qs = this.searchQueryString(p);
    const feed = this.outFeed(`Search: ${p.q.trim()}`, `Stories matching ${p.q.trim()}`, origin, '/search', feedPath('/search', format), qs, result.hits.map((h) => h.entry), sources);
    return rendered(writeFeed(format, feed), FEED_TYPES[format], feed.updated);
  }

  errorPage(status: number, message: string): Rendered {
    return rendered(layout({ title: status === 404 ? 'Not found' : 'Error', current: 'none', main: errorView(status, message) }).value, HTML_TYPE, undefined, status);
  }
}

function newest(items: Pick<Entry, 'createdAt' | 'updatedAt'>[]): number | undefined {
  let max: number | undefined;
  for (const e of items) {
    const t = Math.max(e.createdAt, e.updatedAt ?? 0);
    if (max === undefined || t > max) max = t;
  }
  return max;
}
