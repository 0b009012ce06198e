// The reading side: turns store queries into rendered pages and feeds. Routes (app.ts) only
// parse the request and pick a method here.
import type { Config } from '../config/options.js';
import type { Entry } from '../domain/entry.js';
import { clampTime, outSource, writeFeed, FEED_TYPES, type FeedFormat, type OutFeed } from '../publish/index.js';
import { sanitizeHtml } from '../sanitize/index.js';
import type { EntrySummary, SearchAsOf, SearchHit, TeaserPage } from '../store/search.js';
import type { EntryQuery, Store } from '../store/store.js';
import type { TopicTag } from '../store/topics.js';
import { matchTotal } from '../domain/topic.js';
import { parseSearch, type ParsedSearch } from '../search/query.js';
import { highlightHits, type Highlights } from '../search/highlight-hits.js';
import { SourceCatalog, type SourceInfo } from './catalog.js';
import { PerStamp } from './per-stamp.js';
import { cursorProblem, decodeCursor, encodeCursor } from '../store/cursor.js';
import { html, raw, type Html } from './html.js';
import { coverageChart } from './coverage-chart.js';
import { kwicSnippet, markSpans, validSpans } from './kwic.js';
import { layout, type FeedLinks, type NavItem, type NavTopic, type Shell } from './layout.js';
import { acronymSupport, REASONS, retagPercent, topicInfo, type TopicInfo } from '../topics/summary.js';
import { markedToHtml, stripMarks } from '../search/marks.js';
import { rendered, type Rendered } from './respond.js';
import { closeBidi } from '../text/bidi.js';
import { teaserExcerpt } from '../text/teaser-excerpt.js';
import { articleView } from './views/article.js';
import { outletFor } from './views/outlet.js';
import { errorView } from './views/error.js';
import { listingView, type Pager, type Teaser } from './views/listing.js';
import { searchFormView } from './views/search.js';
import { sourceHeaderView, sourcesView } from './views/sources.js';
import { StoryPages, storyHref } from './stories.js';
import { nothingShown, type Story } from '../store/stories.js';
import { explainView, topicCardsView, topicHeadView, type ExplainRow, type TopicCard } from './views/topic.js';
import type { SiteKey } from './messages/site.js';
import type { Params } from '../locale/index.js';
import { ENGLISH_UI, type Ui } from './ui.js';
import { applyOverrides } from './curated.js';
import { editedText, isHidden, type OverrideSet, overrideIds } from '../store/curation.js';
import { shownStories, standIns } from '../store/public-story.js';

/** No overrides (a search with no query reads none); read only. */
const NO_OVERRIDES: OverrideSet = { entries: new Map(), stories: new Map() };

const HTML_TYPE = 'text/html; charset=utf-8';

/** A page of entries to show: which ones, and how to name it. */
export interface ListingSpec {
  /** Path of the HTML page ("/", "/sources/3"); feeds live at `${base}feed.rss` etc. */
  path: string;
  query: Omit<EntryQuery, 'limit' | 'after' | 'before'>;
  heading: string;
  /** The heading as a message of the interface (All stories); a source's or topic's own name otherwise. */
  headingKey?: SiteKey | undefined;
  intro?: string | undefined;
  current: NavItem;
  empty: SiteKey;
  sourceId?: number | undefined;
  /** A topic page: teasers get keyword-in-context snippets and explain links, the head a chart. */
  topic?: TopicInfo | undefined;
  /** Days of coverage in the topic chart (30 or 90). */
  days?: number | undefined;
  /** The home page: the topics followed lead it. */
  desk?: boolean | undefined;
}

const DAY_MS = 86_400_000;
/** The matcher's reasons that have a message of their own (others show the topics module's English text). */
const REASON_KEYS: Partial<Record<string, SiteKey>> = {
  exact: 'reason.exact',
  variant: 'reason.variant',
  fuzzy: 'reason.fuzzy',
  acronym: 'reason.acronym',
};
/** What a match was read through, when not as written (p-hashtags: the matcher's `via`). */
const VIA_KEYS: Partial<Record<string, SiteKey>> = {
  hashtag: 'via.hashtag',
  hyphenation: 'via.hyphenation',
  lookalike: 'via.lookalike',
};
/** Pinned teasers a page leads with, at most. */
const PINNED_MAX = 10;

/** A search result with its words marked. */
type MarkedHit = SearchHit & Highlights;

export interface SearchParams {
  q: string;
  sourceId?: number | undefined;
  topicId?: string | undefined;
  lang?: string | undefined;
  /** YYYY-MM-DD, inclusive, UTC. */
  from?: string | undefined;
  to?: string | undefined;
  offset: number;
  /** The moment the first page was ranked as (its links carry it), so later pages continue the same ranking. */
  asOf?: SearchAsOf | undefined;
}

/** A page that cannot be shown, with the reason as a message of the interface (read in the reader's language). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly key: SiteKey,
    readonly params?: Params,
  ) {
    super(ENGLISH_UI.t(key, params));
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
  readonly stories: StoryPages;
  private readonly langCache = new PerStamp(() => this.store.search.languages());
  private readonly topicCache = new PerStamp(async (): Promise<TopicInfo[]> => {
    const [defs, counts] = await Promise.all([this.store.topics.listDefinitions(), this.store.topics.counts()]);
    const n = new Map(counts.map((c) => [c.topicId, c.count]));
    // The busiest beat first: on the demo, the organisation the sample feeds follow.
    return defs.map(topicInfo).sort((a, b) => (n.get(b.id) ?? 0) - (n.get(a.id) ?? 0) || a.name.localeCompare(b.name));
  });

  constructor(
    readonly store: Store,
    readonly config: Pick<Config, 'pageSize' | 'excerptChars' | 'baseUrl'>,
  ) {
    this.catalog = new SourceCatalog(store);
    this.stories = new StoryPages(store, this.catalog);
  }

  /** Teasers with their story folded under them ("+N sources"): two queries for the page. */
  private async withCoverage(
    teasers: Teaser[],
    items: readonly Pick<EntrySummary, 'id' | 'storyId'>[],
    sources: Map<number, SourceInfo>,
  ): Promise<Teaser[]> {
    const folds = await this.stories.teaserCoverage(items, sources);
    return folds.size ? teasers.map((t) => (folds.has(t.id) ? { ...t, coverage: folds.get(t.id) } : t)) : teasers;
  }

  private teaser(e: EntrySummary, sources: Map<number, SourceInfo>): Teaser {
    const source = this.catalog.info(sources, e.sourceId);
    return {
      id: e.id,
      href: `/entries/${e.id}`,
      title: e.title || '(untitled)',
      lang: e.lang,
      dir: e.dir,
      source,
      outlet: outletFor(e, source),
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

  /**
   * Editors' overrides on a page of teasers, read in one query: the edited headline and excerpt
   * shown (the original stays in the store), featured marked, pinned ones marked.
   */
  private async curated(teasers: Teaser[], items: readonly EntrySummary[], pinned: ReadonlySet<number>): Promise<Teaser[]> {
    if (items.length === 0) return teasers;
    const overrides = await this.store.curation.overrides(
      items.map((e) => e.id),
      items.map((e) => e.storyId).filter((x): x is number => typeof x === 'number'),
    );
    return teasers.map((t, i) => {
      const out = applyOverrides(t, items[i]!, overrides);
      return pinned.has(t.id) ? { ...out, pinned: true } : out;
    });
  }

  /**
   * The pinned entries a page leads with (a topic page: those tagged with its topic), hidden ones
   * left out. A pinned story is led by its lead article, or, when an editor hid that article, by the
   * article that stands in for it (store/public-story.ts): hiding a bad lead keeps the story and its
   * pin; a story whose every article is hidden (or that is hidden itself) is gone. Four queries
   * (five on a topic page), two more only when a pinned story's lead is hidden (the stand-ins, any
   * shown article of the story since p-counts, and their entries).
   */
  private async pinnedItems(topicId: string | undefined): Promise<EntrySummary[]> {
    const pins = await this.store.curation.pinned(PINNED_MAX);
    if (pins.length === 0) return [];
    const storyIds = pins.filter((o) => o.target.kind === 'story').map((o) => o.target.id);
    const stories = storyIds.length ? await this.store.stories.getMany(storyIds) : new Map<number, Story>();
    const wanted: { id: number; story?: number }[] = [];
    for (const o of pins) {
      const story = o.target.kind === 'story' ? o.target.id : undefined;
      const id = story === undefined ? o.target.id : stories.get(story)?.leadEntryId;
      if (typeof id === 'number' && !wanted.some((w) => w.id === id)) wanted.push(story === undefined ? { id } : { id, story });
    }
    let entries = await this.store.entries.getMany(wanted.map((w) => w.id));
    const keys = overrideIds(entries);
    const overrides = await this.store.curation.overrides(keys.entries, keys.stories);
    // Pinned stories whose lead an editor hid (the story itself shown): their stand-in leads instead.
    const byId = new Map(entries.map((e) => [e.id, e]));
    const swap = wanted.filter((w) => {
      const e = byId.get(w.id);
      return (
        w.story !== undefined &&
        e !== undefined &&
        overrides.entries.get(e.id)?.hidden === true &&
        overrides.stories.get(w.story)?.hidden !== true
      );
    });
    if (swap.length) {
      const found = await standIns(
        this.store,
        swap.flatMap((w) => (w.story === undefined ? [] : [w.story])),
      );
      const more = await this.store.entries.getMany([...found.values()].map((c) => c.entryId).filter((id) => !byId.has(id)));
      for (const e of more) byId.set(e.id, e);
      const ids: number[] = [];
      for (const w of wanted) {
        const id = swap.includes(w) && w.story !== undefined ? found.get(w.story)?.entryId : w.id;
        if (id !== undefined && !ids.includes(id)) ids.push(id);
      }
      // A stand-in is shown and of a shown story (both checked above): the overrides read stand.
      entries = ids.map((id) => byId.get(id)).filter((e): e is Entry => e !== undefined);
    }
    if (topicId !== undefined) {
      const tags = await this.store.topics.tagsFor(
        entries.map((e) => e.id),
        topicId,
      );
      entries = entries.filter((e) => tags.get(e.id)?.some((t) => t.topicId === topicId));
    }
    return entries.filter((e) => !isHidden(overrides, e));
  }

  feedLinks(path: string, title: string, query = ''): FeedLinks {
    const q = query ? `?${query}` : '';
    return { title, rss: `${feedPath(path, 'rss')}${q}`, atom: `${feedPath(path, 'atom')}${q}`, json: `${feedPath(path, 'json')}${q}` };
  }

  async listing(
    spec: ListingSpec,
    cursor: { older?: string | undefined; newer?: string | undefined },
    ui: Ui,
    stamp: string,
  ): Promise<Rendered> {
    const after = decodeCursor(cursor.older);
    const before = after ? undefined : decodeCursor(cursor.newer);
    if ((cursor.older && !after) || (cursor.newer && !before)) {
      // A cursor's shape written otherwise than the page's links write it (`01.01`) is told apart
      // from a broken link: one page, one address (p-edges).
      const given = [cursor.older, cursor.newer].filter((s): s is string => !!s);
      throw new HttpError(400, given.some((s) => cursorProblem(s) === 'malformed') ? 'error.badCursor' : 'error.cursorNotCanonical');
    }
    const textChars = this.config.excerptChars * 2 + 100;
    const [page, sources] = await Promise.all([
      // Enough text for the excerpt and its sentence search, never the bodies. What editors hid is left out.
      this.store.search.teasers({ ...spec.query, withoutHidden: true, limit: this.config.pageSize, after, before }, textChars),
      this.catalog.current(stamp),
    ]);
    let before_ = html``;
    if (spec.sourceId !== undefined) {
      const info = sources.get(spec.sourceId);
      if (info) before_ = sourceHeaderView(info.source, ui);
    }
    // Pinned teasers lead the first page of the start page and of a topic page.
    const pinned = (spec.desk || spec.topic) && !after && !before ? await this.pinnedItems(spec.topic?.id) : [];
    const pinnedIds = new Set(pinned.map((e) => e.id));
    const items = [...pinned, ...page.items.filter((e) => !pinnedIds.has(e.id))];
    let teasers = await this.withCoverage(
      await this.curated(
        items.map((e) => this.teaser(e, sources)),
        items,
        pinnedIds,
      ),
      items,
      sources,
    );
    if (spec.topic) {
      const t = spec.topic;
      teasers = await this.topicTeasers(t, teasers, items);
      const days = spec.days ?? 30;
      const until = (Math.floor(Date.now() / DAY_MS) + 1) * DAY_MS;
      const counts = await this.store.topics.countsPerDay(t.id, until - days * DAY_MS, until);
      before_ = topicHeadView({
        topic: t,
        retagPct: retagPercent(t.retag),
        days,
        chart: coverageChart(counts, { id: 'coverage', topicName: t.name, ui }),
        feeds: this.feedLinks(spec.path, spec.heading),
        ui,
      });
    } else if (spec.desk && !after && !before) {
      before_ = topicCardsView(await this.topicCards(stamp), { heading: ui.t('listing.topicsFollowed'), headingLevel: 2, ui });
    }
    const heading = spec.headingKey ? ui.t(spec.headingKey) : spec.heading;
    const main = listingView({
      heading,
      intro: spec.intro,
      before: before_,
      teasers,
      pager: this.pager(spec.path, '', page, !after && !before),
      empty: ui.t(after || before ? 'listing.noMore' : spec.empty),
      ui,
    });
    const body = await this.page(
      { title: heading, current: spec.current, main, feeds: this.feedLinks(spec.path, spec.heading), currentTopic: spec.topic?.id, ui },
      stamp,
    );
    return rendered(body.value, HTML_TYPE, newest(page.items));
  }

  async listingFeed(spec: ListingSpec, format: FeedFormat, origin: string, stamp: string): Promise<Rendered> {
    const [page, sources] = await Promise.all([
      this.store.entries.list({ ...spec.query, withoutHidden: true, limit: this.config.pageSize }),
      this.catalog.current(stamp),
    ]);
    const feed = await this.outFeed(
      spec.heading,
      spec.intro ?? `Newest stories: ${spec.heading}`,
      origin,
      spec.path,
      feedPath(spec.path, format),
      '',
      page.items,
      sources,
    );
    return this.feedResponse(format, feed);
  }

  /**
   * A feed's answer. Its Last-Modified is the feed's updated, or the newest hide by an editor when
   * that is later: a hidden article leaves the feed without leaving a newer time on any item, and
   * a reader asking with If-Modified-Since alone was told 304 and kept showing it.
   */
  private async feedResponse(format: FeedFormat, feed: OutFeed): Promise<Rendered> {
    const [hid] = await this.store.curation.hidden(1);
    return rendered(writeFeed(format, feed), FEED_TYPES[format], clampTime(Math.max(feed.updated, hid?.updatedAt ?? 0)));
  }

  private async outFeed(
    title: string,
    description: string,
    origin: string,
    path: string,
    self: string,
    query: string,
    items: Entry[],
    sources: Map<number, SourceInfo>,
    storyWide = true,
  ): Promise<OutFeed> {
    const q = query ? `?${query}` : '';
    // The feed metadata of the page's sources, in one query: each item's <source> names its feed;
    // and the editors' headlines and excerpts, in one more, as the page shows them (curated.ts).
    const [metas, overrides] = await Promise.all([
      this.store.sources.getFeedMetas([...new Set(items.map((e) => e.sourceId))]),
      this.store.curation.overrides(
        items.map((e) => e.id),
        storyWide ? [...new Set(items.flatMap((e) => (e.storyId == null ? [] : [e.storyId])))] : [],
      ),
    ]);
    // An editor's headline or excerpt is a change of the item: its updated (and the feed's) is
    // when the editor made it, when that is later, so readers and conditional requests see it.
    const editedAt = (e: Entry): number | undefined => {
      const own = overrides.entries.get(e.id);
      const story = storyWide && e.storyId != null ? overrides.stories.get(e.storyId) : undefined;
      const times = [own, story].flatMap((o) => (o && (o.headline || o.excerpt) ? [o.updatedAt] : []));
      return times.length ? Math.max(...times) : undefined;
    };
    const changed = (e: Entry): number | undefined => {
      const t = Math.max(e.updatedAt ?? 0, editedAt(e) ?? 0);
      return t > 0 ? t : undefined;
    };
    const language = sharedLanguage(items);
    // Any editor's change to a listed item or its story (an unhidden article is back with nothing
    // else newer about it) is a change of the feed.
    const touched = Math.max(0, ...[...overrides.entries.values(), ...overrides.stories.values()].map((o) => o.updatedAt));
    return {
      title: `${closeBidi(title)} · Newsdesk`,
      description,
      homeUrl: `${origin}${path}${q}`,
      selfUrl: `${origin}${self}${q}`,
      updated: items.length ? Math.max(touched, ...items.map((e) => Math.max(e.createdAt, changed(e) ?? 0))) : Date.now(),
      // The language every item shares (a source's feed, mostly), so RSS, whose items cannot say
      // theirs, says it once (readers take the direction of Arabic or Persian from it); none when mixed.
      ...(language ? { language } : {}),
      items: items.map((e) => {
        const src = sources.get(e.sourceId);
        const body = e.fullHtml ?? e.contentHtml ?? undefined;
        const edited = editedText(e, overrides, storyWide);
        // Sanitised again, as the article page does: a body an older, laxer ingest stored (event
        // handlers, script links, <script>) reached every feed reader as it was; relative links
        // resolve against the article's address, not against this feed's.
        const shownBody = body ? sanitizeHtml(body, { baseUrl: e.url ?? undefined }) : undefined;
        return {
          id: `${origin}/entries/${e.id}`,
          url: `${origin}/entries/${e.id}`,
          externalUrl: e.url ?? undefined,
          title: edited.headline ?? (e.title || '(untitled)'),
          summary: edited.excerpt ?? teaserExcerpt(e, this.config.excerptChars),
          contentHtml: shownBody || undefined,
          published: e.publishedAt,
          updated: changed(e),
          author: e.author ?? undefined,
          source: src
            ? outSource(src.source, src.name, metas.get(e.sourceId), `${origin}/sources/${e.sourceId}`)
            : {
                id: `${origin}/sources/${e.sourceId}`,
                title: `Source ${e.sourceId}`,
                feedUrl: `${origin}/sources/${e.sourceId}`,
                author: `Source ${e.sourceId}`,
              },
          lang: e.lang ?? undefined,
          categories: e.categories.length ? e.categories : undefined,
        };
      }),
    };
  }

  async article(id: number, ui: Ui, stamp: string): Promise<Rendered> {
    const [e, sources] = await Promise.all([this.store.entries.get(id), this.catalog.current(stamp)]);
    if (!e) throw new HttpError(404, 'error.noEntry');
    const keys = overrideIds([e]);
    const overrides = await this.store.curation.overrides(keys.entries, keys.stories);
    // Hidden by an editor, or a copy of an article hidden: gone from the public site (kept in the
    // store, listed at the desk).
    if (isHidden(overrides, e)) throw new HttpError(404, 'error.noEntry');
    const headline = overrides.entries.get(e.id)?.headline ?? e.title;
    const src = sources.get(e.sourceId);
    const body = e.fullHtml ?? e.contentHtml;
    // Stored HTML was sanitised at ingest; sanitising again here means a page can never carry
    // markup that an older, laxer ingest let through.
    const contentHtml = body ? raw(sanitizeHtml(body, { baseUrl: e.url ?? undefined, linkRel: true })) : undefined;
    const related = await this.stories.related(e, sources, ui);
    const main = articleView({
      entry: { ...e, title: headline },
      source: this.catalog.info(sources, e.sourceId),
      contentHtml,
      ui,
      related,
    });
    const feeds = this.feedLinks(`/sources/${e.sourceId}`, src?.name ?? 'Source');
    return rendered(
      (await this.page({ title: headline || ui.t('shell.untitled'), current: 'none', main, feeds, ui }, stamp)).value,
      HTML_TYPE,
      e.updatedAt ?? e.createdAt,
    );
  }

  /** A story: all its coverage on a timeline, grouped by language (src/web/stories.ts). */
  async story(story: Story, page: number, ui: Ui, stamp: string): Promise<Rendered> {
    const o = await this.store.curation.overrides(story.leadEntryId === null ? [] : [story.leadEntryId], [story.id]);
    if (o.stories.get(story.id)?.hidden) throw new HttpError(404, 'error.noStory');
    // The editor's headline, else the lead's title unless an editor hid the lead (store/public-story.ts).
    const shown = { ...story, headline: (await shownStories(this.store, [story], true, o)).get(story.id)?.headline ?? '' };
    const main = await this.stories.storyPage(shown, page, ui, stamp);
    if (!main) throw new HttpError(404, 'error.noStory');
    const title = shown.headline || ui.t('shell.untitled');
    const feeds = this.feedLinks(storyHref(story.id), `Story: ${title}`);
    return rendered((await this.page({ title, current: 'none', main, feeds, ui }, stamp)).value, HTML_TYPE, story.updatedAt);
  }

  /** Every copy of one article of a story. */
  async storyCopies(story: Story, entryId: number, offset: number, ui: Ui, stamp: string): Promise<Rendered> {
    const original = await this.store.entries.get(entryId);
    const main = original && (await this.stories.copiesPage(story, original, offset, ui, stamp));
    if (!main) throw new HttpError(404, 'error.noStoryArticle');
    const head = html`<meta name="robots" content="noindex">`;
    return rendered(
      (await this.page({ title: `Copies: ${original.title || '(untitled)'}`, current: 'none', main, head, ui }, stamp)).value,
      HTML_TYPE,
    );
  }

  /** A feed of one story's articles, newest first, so a reader can follow one event. */
  async storyFeed(story: Story, format: FeedFormat, origin: string, stamp: string): Promise<Rendered> {
    const [coverage, sources] = await Promise.all([
      this.store.stories.coverage([story.id], this.config.pageSize),
      this.catalog.current(stamp),
    ]);
    const found = await this.store.entries.getMany((coverage.get(story.id) ?? []).map((c) => c.entryId));
    // A hidden story has no feed, and hidden articles are left out of it, as of the story page.
    const keys = overrideIds(found);
    const overrides = await this.store.curation.overrides(
      story.leadEntryId === null ? keys.entries : [...keys.entries, story.leadEntryId],
      [story.id],
    );
    if (overrides.stories.get(story.id)?.hidden) throw new HttpError(404, 'error.noStory');
    const items = found.filter((e) => !isHidden(overrides, e));
    // None of its newest shown: the public may be shown nothing of it, then it has no feed, as its
    // page (r-counts). Read only then, so a feed with something to list costs no query more.
    if (items.length === 0 && nothingShown(story, (await this.store.stories.hiddenShare([story.id])).get(story.id))) {
      throw new HttpError(404, 'error.noStory');
    }
    const path = storyHref(story.id);
    // Named as its page names it: the editor's headline, never a hidden lead's title.
    const title = (await shownStories(this.store, [story], true, overrides)).get(story.id)?.headline || '(untitled)';
    const feed = await this.outFeed(
      `Story: ${title}`,
      `All coverage of: ${title}`,
      origin,
      path,
      feedPath(path, format),
      '',
      items,
      sources,
      false,
    );
    return this.feedResponse(format, feed);
  }

  async sourcesPage(ui: Ui, stamp: string): Promise<Rendered> {
    // Each source's count is of what its page lists: what editors hid left out (r-counts), as the
    // topic cards' counts since p-counts.
    const [sources, counts] = await Promise.all([this.catalog.current(stamp), this.store.entries.countsBySource(true)]);
    const n = new Map(counts.map((c) => [c.sourceId, c.count]));
    const rows = [...sources.values()].map((s) => ({ source: s.source, name: s.name, entries: n.get(s.source.id) ?? 0 }));
    rows.sort((a, b) => a.name.localeCompare(b.name));
    return rendered(
      (await this.page({ title: ui.t('sources.title'), current: 'sources', main: sourcesView(rows, ui), ui }, stamp)).value,
      HTML_TYPE,
    );
  }

  languages(stamp: string): Promise<string[]> {
    return this.langCache.get(stamp);
  }

  private async runSearch(
    p: SearchParams,
    limit: number,
  ): Promise<{ hits: MarkedHit[]; overrides: OverrideSet; nextOffset?: number; asOf?: SearchAsOf; problem?: ParsedSearch['reason'] }> {
    const parsed = parseSearch(p.q);
    // The reason, not parseSearch's English sentence: the page says it in its own language.
    if (!parsed.ast) return { hits: [], overrides: NO_OVERRIDES, problem: parsed.reason };
    const until = dayStart(p.to);
    const page = await this.store.search.search({
      ast: parsed.ast,
      sourceId: p.sourceId,
      topicId: p.topicId,
      lang: p.lang,
      since: dayStart(p.from),
      until: until === undefined ? undefined : until + 86_400_000,
      offset: p.offset,
      limit,
      // What editors hid is left out by the store, before paging and before the fold below, so a
      // hidden article neither shows (the search feeds showed it until 2026-12) nor stands for its
      // story in place of a visible one, and no page is short of it (r-search).
      withoutHidden: true,
      asOf: p.asOf,
    });
    // The overrides dress the shown teasers (edited headlines).
    const keys = overrideIds(page.hits.map((h) => h.entry));
    const overrides = await this.store.curation.overrides(keys.entries, keys.stories);
    // One result per story: the best-ranked article of each stands for it (the others are in its fold).
    const seen = new Set<number>();
    const hits = highlightHits(
      page.hits.filter((h) => {
        const story = h.entry.storyId;
        if (story === null || story === undefined) return true;
        if (seen.has(story)) return false;
        seen.add(story);
        return true;
      }),
      parsed.ast,
    );
    return {
      hits,
      overrides,
      ...(page.nextOffset === undefined ? {} : { nextOffset: page.nextOffset }),
      ...(page.asOf ? { asOf: page.asOf } : {}),
    };
  }

  searchQueryString(p: SearchParams, withOffset = false): string {
    const u = new URLSearchParams();
    u.set('q', p.q);
    if (p.sourceId !== undefined) u.set('source', String(p.sourceId));
    if (p.topicId !== undefined) u.set('topic', p.topicId);
    if (p.lang) u.set('lang', p.lang);
    if (p.from) u.set('from', p.from);
    if (p.to) u.set('to', p.to);
    if (withOffset && p.offset) u.set('offset', String(p.offset));
    if (withOffset && p.asOf) u.set('upto', String(p.asOf.upto)), u.set('at', String(p.asOf.at));
    return u.toString();
  }

  async search(p: SearchParams, ui: Ui, stamp: string): Promise<Rendered> {
    const [result, sources, languages, topics] = await Promise.all([
      p.q.trim()
        ? this.runSearch(p, this.config.pageSize)
        : Promise.resolve({ hits: [] as MarkedHit[], overrides: NO_OVERRIDES, nextOffset: undefined, problem: undefined }),
      this.catalog.current(stamp),
      this.languages(stamp),
      this.topics(stamp),
    ]);
    const topic = p.topicId === undefined ? undefined : topics.find((t) => t.id === p.topicId);
    if (p.topicId !== undefined && !topic) throw new HttpError(404, 'error.noTopicSearch');
    const qs = this.searchQueryString(p);
    // runSearch left out what editors hid; its overrides dress the teasers (edited headlines).
    const { overrides } = result;
    const marked: Teaser[] = result.hits.map((h) => ({
      ...this.teaser(h.entry, sources),
      title: stripMarks(h.titleMarked) || '(untitled)',
      titleHtml: raw(markedToHtml(h.titleMarked)),
      excerpt: h.snippetMarked ? raw(markedToHtml(h.snippetMarked)) : teaserExcerpt(h.entry, this.config.excerptChars),
    }));
    const teasers = await this.withCoverage(
      marked.map((t, i) => applyOverrides(t, result.hits[i]!.entry, overrides)),
      result.hits.map((h) => h.entry),
      sources,
    );
    const pager: Pager = {
      labels: { newer: ui.t('pager.prevResults'), older: ui.t('pager.moreResults'), newest: ui.t('pager.firstResults') },
    };
    // Every page but a first one reached afresh ranks as the first did (asOf), so paging back and
    // forth neither repeats nor skips a hit while entries arrive. The moment is the one the store
    // ranked as (the asked one, its upto bounded by the newest entry), not the address's own.
    const at = (offset: number): string =>
      this.searchQueryString({ ...p, offset, asOf: ('asOf' in result ? result.asOf : undefined) ?? p.asOf }, true);
    if (result.nextOffset !== undefined) pager.older = `/search?${at(result.nextOffset)}`;
    if (p.offset > 0) pager.newer = `/search?${at(Math.max(0, p.offset - this.config.pageSize))}`;
    const form = searchFormView(
      {
        q: p.q,
        sourceId: p.sourceId,
        topicId: p.topicId,
        lang: p.lang,
        from: p.from,
        to: p.to,
        problem: result.problem === 'excluded-only' ? ui.t('search.excludedOnly') : undefined,
        topics: topics.map((t) => ({ id: t.id, name: t.name })),
        sources: [...sources.values()].sort((a, b) => a.name.localeCompare(b.name)),
        languages,
      },
      ui,
    );
    const q = p.q.trim();
    const heading = topic
      ? ui.t(q ? 'search.titleInQuery' : 'search.titleIn', { topic: topic.name, q })
      : ui.t(q ? 'search.titleQuery' : 'search.title', { q });
    const main = listingView({
      heading,
      before: form,
      teasers,
      pager,
      empty: ui.t(q ? 'search.noMatch' : 'search.typeWords'),
      ui,
    });
    const feeds = p.q.trim() ? this.feedLinks('/search', heading, qs) : undefined;
    const head = html`<meta name="robots" content="noindex">`;
    return rendered(
      (await this.page({ title: heading, current: 'search', main, feeds, query: p.q, head, currentTopic: topic?.id, ui }, stamp)).value,
      HTML_TYPE,
    );
  }

  async searchFeed(p: SearchParams, format: FeedFormat, origin: string, stamp: string): Promise<Rendered> {
    const [result, sources] = await Promise.all([this.runSearch({ ...p, offset: 0 }, this.config.pageSize), this.catalog.current(stamp)]);
    const qs = this.searchQueryString(p);
    const feed = await this.outFeed(
      `Search: ${p.q.trim()}`,
      `Stories matching ${p.q.trim()}`,
      origin,
      '/search',
      feedPath('/search', format),
      qs,
      result.hits.map((h) => h.entry),
      sources,
    );
    return this.feedResponse(format, feed);
  }

  errorPage(status: number, message: string, ui: Ui = ENGLISH_UI): Rendered {
    // Synchronous (it must work when the store does not): the topic list last read, if any.
    const topics = this.topicCache.last?.map((t) => ({ id: t.id, name: t.name }));
    const title = ui.t(status === 404 ? 'error.notFound' : status === 405 ? 'error.methodNotAllowed' : 'error.title');
    return rendered(
      layout({ title, current: 'none', main: errorView(status, message, ui), topics, ui }).value,
      HTML_TYPE,
      undefined,
      status,
    );
  }

  /** The page shell with the topics in the navigation. */
  private async page(shell: Omit<Shell, 'topics'>, stamp: string): Promise<Html> {
    const topics: NavTopic[] = (await this.topics(stamp)).map((t) => ({ id: t.id, name: t.name }));
    return layout({ ...shell, topics });
  }

  /** The stored topics, most stories first (cached per store change). */
  topics(stamp: string): Promise<TopicInfo[]> {
    return this.topicCache.get(stamp);
  }

  async topic(id: string, stamp: string): Promise<TopicInfo | undefined> {
    return (await this.topics(stamp)).find((t) => t.id === id);
  }

  async topicCards(stamp: string): Promise<TopicCard[]> {
    const topics = await this.topics(stamp);
    const now = Date.now();
    // Three queries for any number of topics: counts, the week's counts, the newest story of each.
    const [all, week, latest] = await Promise.all([
      this.store.topics.counts(),
      this.store.topics.counts({ since: now - 7 * DAY_MS, until: now + 1 }),
      this.store.topics.latest(topics.map((t) => t.id)),
    ]);
    const counts = new Map(all.map((c) => [c.topicId, c.count]));
    const recent = new Map(week.map((c) => [c.topicId, c.count]));
    return topics.map((topic) => {
      const e = latest.get(topic.id);
      return {
        topic,
        count: counts.get(topic.id) ?? 0,
        recent: recent.get(topic.id) ?? 0,
        latest: e ? { title: e.title || '(untitled)', href: `/entries/${e.entryId}` } : undefined,
      };
    });
  }

  async topicsPage(ui: Ui, stamp: string): Promise<Rendered> {
    const cards = await this.topicCards(stamp);
    const main = cards.length
      ? topicCardsView(cards, { heading: ui.t('topics.title'), headingLevel: 1, ui })
      : html`<h1>${ui.t('topics.title')}</h1><p class="note">${ui.t('topics.none')}</p>`;
    return rendered((await this.page({ title: ui.t('topics.title'), current: 'topics', main, ui }, stamp)).value, HTML_TYPE);
  }

  /**
   * The teasers of a topic page: each entry's matches read for the whole page in one query, and
   * the full text (when a match lies deeper than the teaser read) in one more.
   */
  private async topicTeasers(topic: TopicInfo, teasers: Teaser[], items: EntrySummary[]): Promise<Teaser[]> {
    const tags = await this.store.topics.tagsFor(
      items.map((e) => e.id),
      topic.id,
    );
    const tagOf = (e: EntrySummary): TopicTag | undefined => tags.get(e.id)?.find((x) => x.topicId === topic.id);
    const deep = items.filter((e, i) => needsFullText(tagOf(e), teasers[i]!, e)).map((e) => e.id);
    const texts = deep.length ? await this.store.entries.texts(deep) : new Map<number, string>();
    return teasers.map((t, i) => {
      const e = items[i]!;
      return this.topicTeaser(topic, t, e, tagOf(e), texts.get(e.id) ?? e.text);
    });
  }

  /** A teaser on a topic page: the match highlighted in the title, and in context when the excerpt does not mention it. */
  private topicTeaser(topic: TopicInfo, t: Teaser, e: EntrySummary, tag: TopicTag | undefined, text: string): Teaser {
    const out: Teaser = { ...t, explainHref: `/topics/${encodeURIComponent(topic.id)}/entries/${e.id}/explain` };
    if (!tag) return out;
    const titleSpans = validSpans(
      e.title,
      tag.matches.filter((m) => m.field === 'title'),
    );
    if (titleSpans.length) out.titleHtml = markSpans(e.title, titleSpans);
    const textMatches = tag.matches.filter((m) => m.field === 'text');
    const excerpt = typeof t.excerpt === 'string' ? t.excerpt : '';
    if (textMatches.length === 0) return out;
    if (textMatches.some((m) => m.text && excerpt.includes(m.text))) {
      // The lead names the subject: mark it there (found by its text: the excerpt's whitespace is collapsed).
      const inExcerpt = validSpans(
        excerpt,
        textMatches.map((m) => ({ start: -1, end: -1, text: m.text })),
      );
      out.excerpt = markSpans(excerpt, inExcerpt);
      return out;
    }
    // The excerpt holds only the lead; `text` is the whole text when the match lay deeper than the teaser read.
    const kwic = kwicSnippet(text, validSpans(text, textMatches));
    if (kwic) out.kwic = kwic;
    return out;
  }

  async explain(topicId: string, entryId: number, ui: Ui, stamp: string): Promise<Rendered> {
    const [topic, e, sources, tags] = await Promise.all([
      this.topic(topicId, stamp),
      this.store.entries.get(entryId),
      this.catalog.current(stamp),
      this.store.topics.entryTopics(entryId),
    ]);
    if (!topic) throw new HttpError(404, 'error.noTopic');
    if (!e) throw new HttpError(404, 'error.noEntry');
    // The explanation shows the entry's text: what an editor hid is not shown here either.
    const keys = overrideIds([e]);
    if (isHidden(await this.store.curation.overrides(keys.entries, keys.stories), e)) throw new HttpError(404, 'error.noEntry');
    const tag = tags.find((t) => t.topicId === topicId);
    const matches = tag?.matches ?? [];
    const rows: ExplainRow[] = matches.map((m) => {
      const field = m.field === 'title' ? e.title : e.text;
      const spans = validSpans(field, [m]);
      const entity = topic.entities.find((x) => x.id === m.entity);
      const reason = !m.reason
        ? ui.t('reason.query')
        : REASON_KEYS[m.reason]
          ? ui.t(REASON_KEYS[m.reason]!)
          : (REASONS[m.reason] ?? m.reason);
      return {
        field: m.field,
        matched: m.text,
        alias: m.alias,
        entity: entity ? `${entity.name}` : m.entity,
        reason,
        via: m.via && VIA_KEYS[m.via] ? ui.t(VIA_KEYS[m.via]!) : undefined,
        support: m.reason === 'acronym' ? acronymSupport(topic, m, e.title, e.text) : undefined,
        context: kwicSnippet(field, spans, 120) ?? html`${m.text}`,
      };
    });
    const src = this.catalog.info(sources, e.sourceId);
    const main = explainView({
      topic,
      entry: { id: e.id, title: e.title, lang: e.lang, dir: e.dir, publishedAt: e.publishedAt, sourceName: src.name, sourceHref: src.href },
      rows,
      total: tag ? matchTotal(tag) : 0,
      ui,
    });
    const head = html`<meta name="robots" content="noindex">`;
    return rendered(
      (
        await this.page(
          {
            title: ui.t('explain.pageTitle', { title: e.title || ui.t('shell.untitled') }),
            current: 'none',
            main,
            head,
            currentTopic: topic.id,
            ui,
          },
          stamp,
        )
      ).value,
      HTML_TYPE,
    );
  }
}

/** Whether a topic teaser must read the entry's whole text: its matches lie past the text the teaser read. */
function needsFullText(tag: TopicTag | undefined, t: Teaser, e: EntrySummary): boolean {
  const textMatches = tag?.matches.filter((m) => m.field === 'text') ?? [];
  if (textMatches.length === 0) return false;
  const excerpt = typeof t.excerpt === 'string' ? t.excerpt : '';
  if (textMatches.some((m) => m.text && excerpt.includes(m.text))) return false;
  return !textMatches.some((m) => m.end <= e.text.length);
}

function sharedLanguage(items: readonly Pick<Entry, 'lang'>[]): string | undefined {
  const first = items[0]?.lang;
  return first && items.every((e) => e.lang === first) ? first : undefined;
}

function newest(items: Pick<Entry, 'createdAt' | 'updatedAt'>[]): number | undefined {
  let max: number | undefined;
  for (const e of items) {
    const t = Math.max(e.createdAt, e.updatedAt ?? 0);
    if (max === undefined || t > max) max = t;
  }
  return max;
}
