// Editors' overrides as the public pages apply them: an edited headline or excerpt replaces the
// source's on the teaser (the entry keeps its own), a story's edited headline names the teaser
// that stands for it, featured is marked, hidden is left out.
import type { OverrideSet } from '../store/curation.js';
import type { Teaser } from './views/listing.js';

interface Item {
  id: number;
  storyId?: number | null | undefined;
}

export function applyOverrides(t: Teaser, e: Item, o: OverrideSet): Teaser {
  const own = o.entries.get(e.id);
  const story = e.storyId == null ? undefined : o.stories.get(e.storyId);
  if (!own && !story) return t;
  const out: Teaser = { ...t };
  const { headline, excerpt } = editedText(e, o);
  if (headline) {
    out.title = headline;
    // The marked-up title (search or topic highlights) was of the original headline.
    out.titleHtml = undefined;
  }
  if (excerpt) out.excerpt = excerpt;
  if (own?.featured || story?.featured) out.featured = true;
  return out;
}

/**
 * The headline and excerpt an editor gave the entry, or else its story (when `storyWide`: an item
 * that stands for its story, as a teaser or a listing feed's item does; a story's own feed lists
 * each outlet's article under its own headline). Feeds out use it too, so that a feed reader gets
 * the headline the page shows.
 */
export function editedText(e: Item, o: OverrideSet, storyWide = true): { headline?: string; excerpt?: string } {
  const own = o.entries.get(e.id);
  const story = !storyWide || e.storyId == null ? undefined : o.stories.get(e.storyId);
  const headline = own?.headline ?? story?.headline;
  const excerpt = own?.excerpt ?? story?.excerpt;
  return { ...(headline ? { headline } : {}), ...(excerpt ? { excerpt } : {}) };
}
