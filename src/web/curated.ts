// Editors' overrides as the public pages apply them: an edited headline or excerpt replaces the
// source's on the teaser (the entry keeps its own), a story's edited headline names the teaser
// that stands for it, featured is marked, hidden is left out.
import { editedText, type OverrideSet } from '../store/curation.js';
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
