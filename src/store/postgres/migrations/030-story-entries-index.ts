import type { PostgresMigration } from '../migration.js';

// Every entry of a story, removed ones (tombstones) included: SQLite's migration 29. The story
// indexes of migration 10 are partial (deleted_at IS NULL), so a merge's move of a story's entries,
// the lock an editor's merge or split puts on them, the clusterer's check for a story an editor
// shaped, and the foreign key's ON DELETE SET NULL for every story a re-clustering forgets read
// the whole entries table (the last once per story). Only entries with a story are indexed (the
// planner proves `story_id IS NOT NULL` from `story_id = $1`).
export default {
  version: 30,
  name: 'story entries index',
  async up(sql) {
    await sql.query('CREATE INDEX entries_story ON entries (story_id, story_locked) WHERE story_id IS NOT NULL');
  },
} satisfies PostgresMigration;
