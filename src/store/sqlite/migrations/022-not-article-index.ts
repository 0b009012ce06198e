import type { SqliteMigration } from '../migration.js';

// The desk lists entries whose page held no article ("No article on the page", newest first) and
// counts them by reason. Like the failures (migration 21) they are few among many entries: a
// partial index of their own, so the filtered page and the counts read only those rows. Same
// index as PostgreSQL's migration 22.
export default {
  version: 22,
  name: 'not-article index',
  up(db) {
    db.exec(
      "CREATE INDEX entries_not_article ON entries (published_at DESC, id DESC, extract_error) WHERE deleted_at IS NULL AND extract_status = 'not-article'",
    );
  },
} satisfies SqliteMigration;
