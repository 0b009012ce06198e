import type { SqliteMigration } from '../migration.js';

// Two indexes of a story's live entries for StoryRepo.hiddenShare (c-hiddencost), so that what an
// editor hid costs in proportion to what was hid, not to the story's size:
// - by source: "does a shown entry of this story come from this source" is a probe of the
//   source's entries in the story, skipping only the hidden ones. Without it the check walked the
//   story's summary index until that source's first shown entry (1.1-1.4 s for 100 hidden articles
//   of a 50,000-entry story whose entries were saved source by source).
// - by publication time: the shown first and last dates are read from both ends, past the hidden
//   entries only (before: a walk of every entry of the story with two override probes each).
export default {
  version: 36,
  name: 'story entries by source and by date',
  up(db) {
    db.exec(`
      CREATE INDEX entries_story_source ON entries (story_id, source_id) WHERE deleted_at IS NULL;
      CREATE INDEX entries_story_published ON entries (story_id, published_at) WHERE deleted_at IS NULL;
    `);
  },
} satisfies SqliteMigration;
