// Stories on the reading site: read models for the teaser fold, the story page, the copies page
// and the article page's "Related stories". Every read is batched: a page of teasers costs three
// queries for all its stories, a story page five for all its articles, whatever their number.
import type { Entry } from '../domain/entry.js';
import type { Store } from '../store/store.js';
import { nothingShown, shownCounts, type CoverageItem, type Story } from '../store/stories.js';
import type { SourceCatalog, SourceInfo } from './catalog.js';
import type { Html } from './html.js';
import type { TeaserLink } from './views/listing.js';
import { outletFor } from './views/outlet.js';
import type { Ui } from './ui.js';
import {
  copiesPageView,
  relatedView,
  storyPageView,
  type CoverageLink,
  type StoryArticleView,
  type TeaserCoverage,
} from './views/story.js';

/** Other articles a teaser lists in its fold (the story page has all). */
const TEASER_ITEMS = 5;
/** Articles per story page. */
export const STORY_PAGE_SIZE = 100;
/** Copies shown under each article of a story page; the copies page lists all. */
const COPIES_SHOWN = 10;
export const COPIES_PAGE_SIZE = 100;
const RELATED_ITEMS = 20;

export function storyHref(id: number): string {
  return `/stories/${id}`;
}

export class StoryPages {
  constructor(
    private readonly store: Store,
    private readonly catalog: SourceCatalog,
  ) {}

  /**
   * Which of these entries an editor hid: a hidden teaser is gone from public lists, so it is not
   * listed as another story's coverage, a copy or a related article either (one query).
   */
  private async hidden(ids: readonly number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const o = await this.store.curation.overrides([...new Set(ids)]);
    return new Set([...o.entries.values()].filter((x) => x.hidden && x.target.kind === 'entry').map((x) => x.target.id));
  }

  private link(c: CoverageItem, sources: Map<number, SourceInfo>): CoverageLink {
    const source = this.catalog.info(sources, c.sourceId);
    return {
      entryId: c.entryId,
      title: c.title,
      href: `/entries/${c.entryId}`,
      source,
      outlet: outletFor(c, source),
      lang: c.lang,
      dir: c.dir,
      publishedAt: c.publishedAt,
    };
  }

  /**
   * The fold of each teaser (by entry id) whose entry belongs to a story: three queries for the
   * page. Its counts leave out what editors hid, as its list does (StoryRepo.hiddenShare).
   */
  async teaserCoverage(
    items: readonly { id: number; storyId?: number | null | undefined }[],
    sources: Map<number, SourceInfo>,
  ): Promise<Map<number, TeaserCoverage>> {
    const out = new Map<number, TeaserCoverage>();
    const storyIds = [...new Set(items.map((e) => e.storyId).filter((s): s is number => typeof s === 'number'))];
    if (storyIds.length === 0) return out;
    const [stories, coverage, share] = await Promise.all([
      this.store.stories.getMany(storyIds),
      this.store.stories.coverage(storyIds, TEASER_ITEMS + 1),
      this.store.stories.hiddenShare(storyIds),
    ]);
    const hidden = await this.hidden([...coverage.values()].flat().map((c) => c.entryId));
    for (const e of items) {
      const stored = e.storyId == null ? undefined : stories.get(e.storyId);
      // No fold that leads to a story the public is shown nothing of (its page answers 404).
      if (!stored || nothingShown(stored, share.get(stored.id))) continue;
      const story = shownCounts(stored, share.get(stored.id));
      const others = (coverage.get(story.id) ?? []).filter((c) => c.entryId !== e.id && !hidden.has(c.entryId)).slice(0, TEASER_ITEMS);
      out.set(e.id, {
        storyHref: storyHref(story.id),
        moreSources: Math.max(0, story.sources - 1),
        articles: story.articles,
        languages: story.languages,
        items: others.map((c) => this.link(c, sources)),
      });
    }
    return out;
  }

  /**
   * The story page's main part: a page of articles with their sightings and copies; undefined when
   * the public is shown nothing of the story (every article hidden: r-counts, the page answers 404).
   */
  async storyPage(story: Story, page: number, ui: Ui, stamp: string): Promise<Html | undefined> {
    const offset = (page - 1) * STORY_PAGE_SIZE;
    const [articles, sources, share] = await Promise.all([
      // Shown articles only, paged in the query: a page of hidden ones would list fewer than a page,
      // or none, with an "older" link on (p-storypages).
      this.store.stories.articles(story.id, offset, STORY_PAGE_SIZE + 1, true),
      this.catalog.current(stamp),
      this.store.stories.hiddenShare([story.id]),
    ]);
    // The counts the page states beside its list leave out what editors hid, as the list does.
    if (nothingShown(story, share.get(story.id))) return undefined;
    // A page past the last shown one is missing, as any missing page (p-copies; it answered 200
    // with an empty list). Page 1 of a story with something shown always lists it.
    if (page > 1 && articles.length === 0) return undefined;
    const counts = shownCounts(story, share.get(story.id));
    const more = articles.length > STORY_PAGE_SIZE;
    if (more) articles.pop();
    const ids = articles.map((a) => a.entryId);
    // The copies an editor hid are left out of each article's copy count as of its list (r-hidden),
    // and out of the copies listed, so the fold lists up to COPIES_SHOWN shown ones (p-counts).
    const [sightings, copies] = await Promise.all([
      this.store.stories.sightings(ids),
      this.store.stories.copies(ids, COPIES_SHOWN, 0, true),
    ]);
    const hidden = await this.hidden([...ids, ...[...copies.values()].flatMap((c) => c.items.map((x) => x.entryId))]);
    const items: StoryArticleView[] = articles
      .filter((a) => !hidden.has(a.entryId))
      .map((a) => {
        const c = copies.get(a.entryId);
        return {
          ...this.link(a, sources),
          alsoCarriedBy: (sightings.get(a.entryId) ?? [])
            .filter((s) => s.sourceId !== a.sourceId)
            .map((s): TeaserLink => this.catalog.info(sources, s.sourceId)),
          copies: (c?.items ?? []).filter((x) => !hidden.has(x.entryId)).map((x) => this.link(x, sources)),
          copiesTotal: c?.total ?? 0,
          copiesHref: `${storyHref(story.id)}/copies/${a.entryId}`,
        };
      });
    const base = storyHref(story.id);
    return storyPageView({
      id: story.id,
      headline: story.headline,
      articles: counts.articles,
      size: counts.size,
      sources: counts.sources,
      // Those of the shown entries (p-counts): a hidden article's language or date is not the story's.
      languages: counts.languages,
      firstPublished: counts.firstPublished,
      lastPublished: counts.lastPublished,
      items,
      pager: {
        newer: page > 1 ? (page === 2 ? base : `${base}?page=${page - 1}`) : undefined,
        older: more ? `${base}?page=${page + 1}` : undefined,
      },
      ui,
    });
  }

  /**
   * Every shown copy of one article, a page at a time; undefined when the entry is not in this
   * story. The page and its total are of the shown copies (p-counts): paged over every copy, a page
   * of hidden ones listed fewer than a page, or none, with a "next" link on.
   */
  async copiesPage(story: Story, original: Entry, offset: number, ui: Ui, stamp: string): Promise<Html | undefined> {
    if (original.storyId !== story.id) return undefined;
    const [copies, sources] = await Promise.all([
      this.store.stories.copies([original.id], COPIES_PAGE_SIZE, offset, true),
      this.catalog.current(stamp),
    ]);
    const found = copies.get(original.id) ?? { items: [], total: 0 };
    // A story an editor hid has no public page, this one included: it listed the story's articles,
    // titles and links, while the story page, its feeds and the articles answered 404 (r-public).
    const o = await this.store.curation.overrides([original.id, ...found.items.map((x) => x.entryId)], [story.id]);
    if (o.stories.get(story.id)?.hidden) return undefined;
    const hidden = new Set([...o.entries.values()].filter((x) => x.hidden && x.target.kind === 'entry').map((x) => x.target.id));
    if (hidden.has(original.id)) return undefined;
    const c = { ...found, items: found.items.filter((x) => !hidden.has(x.entryId)) };
    const base = `${storyHref(story.id)}/copies/${original.id}`;
    return copiesPageView({
      storyHref: storyHref(story.id),
      original: this.link({ ...original, entryId: original.id, storyId: story.id, duplicateOf: null }, sources),
      items: c.items.map((x) => this.link(x, sources)),
      total: c.total,
      prev: offset > 0 ? (offset - COPIES_PAGE_SIZE > 0 ? `${base}?offset=${offset - COPIES_PAGE_SIZE}` : base) : undefined,
      next: offset + COPIES_PAGE_SIZE < c.total ? `${base}?offset=${offset + COPIES_PAGE_SIZE}` : undefined,
      ui,
    });
  }

  /** The article page's "Related stories": its story's other coverage, its other sources, copies and edits. */
  async related(e: Entry, sources: Map<number, SourceInfo>, ui: Ui): Promise<Html | undefined> {
    const storyId = e.storyId ?? null;
    const [stored, coverage, sightings, copies, history, original, share] = await Promise.all([
      storyId === null ? undefined : this.store.stories.get(storyId),
      storyId === null ? new Map<number, CoverageItem[]>() : this.store.stories.coverage([storyId], RELATED_ITEMS + 1),
      this.store.stories.sightings([e.id]),
      this.store.stories.copies([e.id], 0, 0, true),
      this.store.stories.history(e.id),
      e.duplicateOf ? this.store.entries.getMany([e.duplicateOf]) : [],
      storyId === null ? new Map<number, never>() : this.store.stories.hiddenShare([storyId]),
    ]);
    // "All N articles from M sources" beside the list: what editors hid left out of both. No link
    // to a story the public is shown nothing of (a copy of a hidden article is: its page is 404).
    const story = stored && !nothingShown(stored, share.get(stored.id)) ? shownCounts(stored, share.get(stored.id)) : undefined;
    const also = (sightings.get(e.id) ?? []).filter((s) => s.sourceId !== e.sourceId).map((s) => this.catalog.info(sources, s.sourceId));
    if (!story && also.length === 0 && history.length === 0) return undefined;
    const storyItems = storyId === null ? [] : (coverage.get(storyId) ?? []);
    const hidden = await this.hidden([...storyItems.map((c) => c.entryId), ...original.map((x) => x.id)]);
    const o = original[0] && !hidden.has(original[0].id) ? original[0] : undefined;
    // "N copies of this one": the copies an editor hid left out (r-hidden; in the same query since p-counts).
    return relatedView({
      storyHref: story ? storyHref(story.id) : '',
      articles: story?.articles ?? 1,
      sources: story?.sources ?? 1 + also.length,
      items: storyItems
        .filter((c) => c.entryId !== e.id && !hidden.has(c.entryId))
        .slice(0, RELATED_ITEMS)
        .map((c) => this.link(c, sources)),
      alsoCarriedBy: also,
      copyOf: o ? this.link({ ...o, entryId: o.id, storyId: storyId ?? 0, duplicateOf: null }, sources) : undefined,
      copiesTotal: copies.get(e.id)?.total ?? 0,
      edits: history.map((h) => ({ at: h.changedAt, before: h.titleBefore, after: h.titleAfter })),
      ui,
    });
  }
}
