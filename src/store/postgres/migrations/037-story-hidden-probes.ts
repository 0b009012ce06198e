import type { PostgresMigration } from '../migration.js';

// A story's live entries by source and by publication time, for StoryRepo.hiddenShare: the
// SQLite dialect's migration 36 (see there).
export default {
  version: 37,
  name: 'story entries by source and by date',
  async up(sql) {
    await sql.query(`
      CREATE INDEX entries_story_source ON entries (story_id, source_id) WHERE deleted_at IS NULL;
      CREATE INDEX entries_story_published ON entries (story_id, published_at) WHERE deleted_at IS NULL;
    `);
  },
} satisfies PostgresMigration;
