import type { Database } from 'better-sqlite3';
import { MigrationProgress } from '../../migration-progress.js';
import type { SqliteMigration } from '../migration.js';

// Ids are never handed out twice. Tables declared `id INTEGER PRIMARY KEY` take max(id) + 1 for a
// new row, so deleting the newest row freed its id for the next one: a re-clustering run forgets
// stories (and the newest story's id went to the next story it made), `newsdesk remove` deletes a
// source with its entries (and their alert deliveries, by ON DELETE CASCADE), and old finished
// jobs are purged. Those ids are out in the world — /story/ID and /entries/ID links, the API's
// ids, the desk's /desk/sources/ID and /desk/sources/jobs/ID pages, the audit log's targets
// (`source:12`), `newsdesk alerts log`'s delivery ids — and a reused one opens another row.
// PostgreSQL's identity columns never go back. With AUTOINCREMENT, SQLite keeps the highest id it
// ever handed out per table (sqlite_sequence) and never goes below it.
//
// AUTOINCREMENT cannot be added by ALTER TABLE: each table is rebuilt by SQLite's documented
// procedure (https://www.sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema
// Changes"): foreign keys off around the transaction (the runner does it, `foreignKeysOff`), a new
// table from the stored definition with AUTOINCREMENT added, the rows copied with their ids, the
// old table dropped, the new one renamed, its indexes and triggers (the search index's and the
// language counts', migrations 2 and 30) created again from their stored text, and a foreign key
// check. The ids stay: the search index (rowid = entry id) and every reference stay valid.
//
// The sequence starts at the highest id the store still knows was handed out, not only the highest
// row left: ids named by rows that outlive the one they name (the audit log's targets, alert log's
// delivery ids, a merged story's pointer, a job's payload, the re-tag and re-clustering cursors).
// An id handed out and deleted before this migration with no trace left cannot be known.

/** The rebuilt tables, parents first (entries refer to sources and stories). */
export const AUTOINCREMENT_TABLES = ['sources', 'stories', 'entries', 'jobs', 'alert_deliveries'] as const;

/** Audit targets are `kind:id` (src/domain/audit.ts). */
const auditIds = (kind: string): string =>
  `SELECT max(CAST(substr(target, ${kind.length + 2}) AS INTEGER)) FROM audit_log WHERE target GLOB '${kind}:[0-9]*'`;

/**
 * Every other place an id of the table is kept (each query gives the highest there), beside the
 * table's own rows; read before the rebuild.
 */
const TRACES: Record<(typeof AUTOINCREMENT_TABLES)[number], string[]> = {
  sources: [auditIds('source'), 'SELECT max(source_id) FROM entry_history'],
  stories: ['SELECT max(merged_into) FROM stories', 'SELECT max(story_id) FROM entries', auditIds('story')],
  entries: [
    'SELECT max(duplicate_of) FROM entries',
    'SELECT max(lead_entry_id) FROM stories',
    'SELECT max(retag_after_id) FROM topics',
    'SELECT max(after_id) FROM story_recluster',
    auditIds('entry'),
    "SELECT max(json_extract(payload, '$.entryId')) FROM jobs WHERE json_valid(payload) AND json_type(payload, '$.entryId') = 'integer'",
  ],
  jobs: ['SELECT max(lease_job) FROM story_recluster', auditIds('job')],
  alert_deliveries: [
    "SELECT max(j.value) FROM alert_log l, json_each(l.delivery_ids) j WHERE json_valid(l.delivery_ids) AND j.type = 'integer'",
  ],
};

/** `id INTEGER PRIMARY KEY` in a stored CREATE TABLE (not `source_id …`, not already AUTOINCREMENT). */
const ID_KEY = /(\bid\s+INTEGER\s+PRIMARY\s+KEY)(?!\s+AUTOINCREMENT)\b/gi;

export function withAutoincrement(createSql: string): string {
  const hits = createSql.match(ID_KEY);
  if (hits?.length !== 1) throw new Error(`migration 32: expected one "id INTEGER PRIMARY KEY" in ${createSql.slice(0, 80)}…`);
  return createSql.replace(ID_KEY, '$1 AUTOINCREMENT');
}

const q = (name: string): string => `"${name.replace(/"/g, '""')}"`;

function highestKnown(db: Database, table: (typeof AUTOINCREMENT_TABLES)[number]): number {
  const parts = [`SELECT max(id) FROM ${q(table)}`, ...TRACES[table]];
  let most = 0;
  for (const p of parts) {
    const v = db.prepare(p).pluck().get() as number | bigint | null;
    if (v !== null && Number(v) > most) most = Number(v);
  }
  return most;
}

function rebuild(db: Database, table: (typeof AUTOINCREMENT_TABLES)[number], highest: number): void {
  const create = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck().get(table) as string | undefined;
  if (create === undefined) throw new Error(`migration 32: no table ${table}`);
  // Indexes written by CREATE INDEX (the UNIQUE constraints' come back with the table) and triggers.
  const rebuilt = db
    .prepare("SELECT sql FROM sqlite_schema WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name")
    .pluck()
    .all(table) as string[];
  const views = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'view'").pluck().get() as number;
  if (views > 0) throw new Error('migration 32: the store holds views; none were expected');
  const temp = `${table}_autoincrement`;
  const columns = (db.pragma(`table_xinfo(${q(table)})`) as { name: string; hidden: number }[])
    .filter((c) => c.hidden === 0)
    .map((c) => q(c.name))
    .join(', ');
  const head = /^CREATE TABLE\s+("(?:[^"]|"")+"|\w+)/i;
  if (!head.test(create)) throw new Error(`migration 32: unexpected definition of ${table}`);
  db.exec(withAutoincrement(create).replace(head, `CREATE TABLE ${q(temp)}`));
  db.exec(`INSERT INTO ${q(temp)} (${columns}) SELECT ${columns} FROM ${q(table)} ORDER BY id`);
  db.exec(`DROP TABLE ${q(table)}`);
  db.exec(`ALTER TABLE ${q(temp)} RENAME TO ${q(table)}`);
  for (const sql of rebuilt) db.exec(sql);
  // The copy set the sequence to the highest id copied (and renaming carried it); no row, no entry.
  const seq = db.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').pluck().get(table) as number | undefined;
  if (seq === undefined) db.prepare('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)').run(table, highest);
  else if (seq < highest) db.prepare('UPDATE sqlite_sequence SET seq = ? WHERE name = ?').run(highest, table);
}

export default {
  version: 32,
  name: 'ids never reused',
  foreignKeysOff: true,
  up(db) {
    const countViolations = (): number => (db.pragma('foreign_key_check') as unknown[]).length;
    const before = countViolations();
    const highest = new Map(AUTOINCREMENT_TABLES.map((t) => [t, highestKnown(db, t)]));
    // A large store takes seconds (300,000 entries: ~13 s): the operator sees which table it is at.
    const rows = new Map(
      AUTOINCREMENT_TABLES.map((t) => [
        t,
        db
          .prepare(`SELECT count(*) FROM ${q(t)}`)
          .pluck()
          .get() as number,
      ]),
    );
    const progress = new MigrationProgress(
      'rebuilding tables so that ids are never reused',
      [...rows.values()].reduce((a, b) => a + b, 0),
    );
    for (const t of AUTOINCREMENT_TABLES) {
      rebuild(db, t, highest.get(t)!);
      progress.step(rows.get(t)!);
    }
    progress.end();
    // Rows keep their ids, so no reference can break; a store that held broken ones keeps them.
    const after = countViolations();
    if (after > before) throw new Error(`migration 32: ${after - before} foreign key violations after rebuilding the tables`);
  },
} satisfies SqliteMigration;
