import type { Database, Statement } from 'better-sqlite3';

/**
 * Prepared statements keyed by their SQL. Queries built from optional filters or patches have a
 * handful of shapes; preparing each shape once keeps SQLite's parse/plan cost off the hot path.
 */
export class StatementCache {
  private readonly cache = new Map<string, Statement>();

  constructor(private readonly db: Database) {}

  get(sql: string): Statement {
    let st = this.cache.get(sql);
    if (!st) {
      // Shapes are few; the bound only guards against a caller that inlines values into SQL.
      if (this.cache.size >= 256) this.cache.clear();
      st = this.db.prepare(sql);
      this.cache.set(sql, st);
    }
    return st;
  }
}
