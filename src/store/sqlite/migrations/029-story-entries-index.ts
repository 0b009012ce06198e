import type { SqliteMigration } from '../migration.js';

// Every entry of a story, removed ones (tombstones) included. The story indexes of migration 10
// are partial (deleted_at IS NULL), so the statements that must reach removed entries too scanned
// the whole entries table: a merge's move of the entries (an editor's merge, the clusterer joining
// two keys), the lock an editor's merge or split puts on a story's entries, the clusterer's check
// for a story an editor shaped, and the foreign key's ON DELETE SET NULL for every story a
// re-clustering forgets (one scan per story). A tombstone keeps its story id: it must follow its
// story into a merge, as before, and the foreign key still reaches it. Only entries with a story
// are indexed (`story_id = ?` implies it, so every such statement can use it); with the lock
// beside the id, the editor-shaped check reads the index alone. And the stories merged into a
// story: a merge points them at the new target (`id = ? OR merged_into = ?`), which scanned every
// story; only merged stories are indexed.
export default {
  version: 29,
  name: 'story entries and merged stories indexes',
  up(db) {
    db.exec(`
      CREATE INDEX entries_story ON entries (story_id, story_locked) WHERE story_id IS NOT NULL;
      CREATE INDEX stories_merged ON stories (merged_into) WHERE merged_into IS NOT NULL;
    `);
  },
} satisfies SqliteMigration;
