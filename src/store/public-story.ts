// The headline a story goes by where the public reads it (its page, its feeds, the API). The store
// keeps a story's headline as its lead article's title (story-rows.ts), whether or not an editor
// hid that article; shown as it is, a hidden article's title named its story on the story page,
// in the story's feeds and in every API answer about the story (found by r-public, 2026-12-07).
// When the lead is hidden, the title of the earliest article still shown stands in (none when no
// article is shown). An editor's own headline for the story wins on the site.
import type { CurationRepo, OverrideSet } from './curation.js';
import type { CoverageItem, Story, StoryRepo } from './stories.js';

export interface ShownStory {
  headline: string;
  /** The lead article, unless an editor hid it (its id is not for the public either). */
  leadEntryId: number | null;
}

/**
 * What the public is shown of each story's headline and lead, by story id. `edited`: an editor's
 * headline for the story is shown (the site and its feeds do; the API gives the sources' text).
 * One query when no lead is hidden (none when the caller read `known`: the overrides of the leads
 * and, with `edited`, of the stories); one more when one is.
 */
export async function shownStories(
  store: { stories: Pick<StoryRepo, 'firstShown'>; curation: Pick<CurationRepo, 'overrides'> },
  stories: readonly Pick<Story, 'id' | 'headline' | 'leadEntryId'>[],
  edited: boolean,
  known?: OverrideSet,
): Promise<Map<number, ShownStory>> {
  const out = new Map<number, ShownStory>();
  if (stories.length === 0) return out;
  const o =
    known ??
    (await store.curation.overrides(
      stories.map((s) => s.leadEntryId).filter((x): x is number => typeof x === 'number'),
      edited ? stories.map((s) => s.id) : [],
    ));
  const standIn: number[] = [];
  for (const s of stories) {
    const hidden = s.leadEntryId !== null && o.entries.get(s.leadEntryId)?.hidden === true;
    const own = edited ? o.stories.get(s.id)?.headline : undefined;
    out.set(s.id, { headline: own || (hidden ? '' : s.headline), leadEntryId: hidden ? null : s.leadEntryId });
    if (hidden && !own) standIn.push(s.id);
  }
  if (standIn.length === 0) return out;
  const found = await standIns(store, standIn);
  for (const [id, c] of found) out.set(id, { headline: c.title, leadEntryId: null });
  return out;
}

/**
 * The article that stands in for each of these stories' hidden lead: the earliest still shown of
 * all its articles (none when every one is hidden). One query, whatever the number of stories
 * (StoryRepo.firstShown). Its headline names the story (shownStories), its teaser holds the
 * story's pin. Until p-counts only the story's 20 newest articles were looked at, so a story whose
 * 20 newest were hidden lost its headline and pin though older ones were shown.
 */
export async function standIns(
  store: { stories: Pick<StoryRepo, 'firstShown'> },
  storyIds: readonly number[],
): Promise<Map<number, CoverageItem>> {
  return store.stories.firstShown(storyIds);
}
