import type { PostgresMigration } from '../migration.js';

// Every entry of a story, removed ones (tombstones) included: SQLite's migration 29. The story
// indexes of migration 10 are partial (deleted_at IS NULL), so a merge's move of a story's entries,
// the lock an editor's merge or split puts on them, the clusterer's check for a story an editor
// shaped, and the foreign key's ON DELETE SET NULL for every story a re-clustering forgets read
// the whole entries table (the last once per story). Only entries with a story are indexed (the
// planner proves `story_id IS NOT NULL` from `story_id = $1`). And the stories merged into a
// story, which a merge points at the new target (`id = $2 OR merged_into = $2`: a sequential scan
// of every story, ~90 ms at 86,000 stories); only merged stories are indexed.
export default {
  version: 30,
  name: 'story entries and merged stories indexes',
  async up(sql) {
    await sql.query(`
      CREATE INDEX entries_story ON entries (story_id, story_locked) WHERE story_id IS NOT NULL;
      CREATE INDEX stories_merged ON stories (merged_into) WHERE merged_into IS NOT NULL;
    `);
  },
} satisfies PostgresMigration;
