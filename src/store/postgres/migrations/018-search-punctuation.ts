import { MigrationProgress } from '../../migration-progress.js';
import type { Sql } from '../db.js';
import type { PostgresMigration } from '../migration.js';
import { type FoldStages, type FoldTable, foldChainSql, searchFoldSql } from '../../../search/fold.js';

// Search cuts words where SQLite's FTS5 cuts them. FTS5's unicode61 tokeniser keeps letters,
// numbers and marks and splits at everything else, so "exe" finds "txt.exe", "example" finds
// "user@example.org", "19" finds "covid-19" and "2" finds "v1.2.3". PostgreSQL's parser reads
// such runs as one token of its own kind (a file name, an e-mail address, a host and URL path, a
// version, a float; "-19" as a signed number) and the 'simple' configuration indexes that token
// whole: none of those searches found anything on PostgreSQL. newsdesk_fold now turns every ASCII
// punctuation character into a space, so the parser sees only words and numbers between spaces —
// the same cuts as FTS5 — and queries go through the same function, so "txt.exe" is still found
// as the phrase "txt exe" on both dialects.
//
// The spaces are put in after unaccent, which writes ASCII punctuation for some letters and
// signs ("‐" → "-", "«" → "<<", "…" → "..."): before, 006's brackets were removed ahead of it,
// and a French «Monde» became "<<monde>>", read by the parser as a tag and not indexed.
//
// ASCII only, by a fixed list, not a character class: classes such as [[:punct:]] follow the
// database's locale, and an index must not change with it. Outside ASCII the parser already
// splits at what is not a letter or digit (in any locale but "C"). The list is applied as one
// replace() per character: translate() with the same list took 11 times as long (it looks each
// character of the text up in the list), a regular expression 2.7 times (measured on 5.7 MB of
// text, docs/security.md).
//
// Existing rows are reindexed in batches (the generated column is recomputed when title is
// written), with progress in the log on a large store; the walk is part of the migration's
// transaction, so readers keep the old index until it commits, and it runs once.
export const ASCII_PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

const BATCH_ROWS = 2_000;

/**
 * newsdesk_fold's body: accents decomposed and dropped, unaccent where installed, (from migration
 * 038, `scripts`: the frozen table it names) Arabic-script letters folded, ASCII punctuation made
 * spaces, lower case. From migration 040 `scripts` is a fold in stages, applied before unaccent
 * (unaccent folds some of the same forms, full-width Latin and ligatures, by rules of its own, and
 * SQLite, which has no unaccent, must fold them alike) by `stagesFunction` (schema-qualified, as
 * unaccent is: a restore computes the generated column with an empty search path).
 */
export function foldFunctionSql(unaccentSchema: string | undefined, scripts?: FoldTable | FoldStages, stagesFunction?: string): string {
  let decomposed = `regexp_replace(normalize(t, NFD), '[\\u0300-\\u036f]', '', 'g')`;
  if (Array.isArray(scripts)) decomposed = `${stagesFunction}(${decomposed})`;
  let folded = unaccentSchema ? `"${unaccentSchema}".unaccent('"${unaccentSchema}".unaccent'::regdictionary, ${decomposed})` : decomposed;
  if (scripts && !Array.isArray(scripts)) folded = searchFoldSql(scripts as FoldTable, folded, 'postgres', 't');
  // chr(n): no quote or backslash of the list has to be escaped in SQL.
  for (const c of ASCII_PUNCTUATION) folded = `replace(${folded}, chr(${c.charCodeAt(0)}), ' ')`;
  return `SELECT lower(${folded})`;
}

/**
 * A fold in stages as a PL/pgSQL function of its own, one statement per stage. Its thousand
 * replace() calls are planned once per connection: written into newsdesk_fold's SQL body, which the
 * planner inlines into every query and reads again each time, they made a search 200 ms slower. A
 * stage runs only on text holding a character of its guard.
 */
function stagesFunctionSql(name: string, stages: FoldStages): string {
  const steps = stages.map((st) => `IF s ~ '[${st.guard}]' THEN s := ${foldChainSql(st, 's', 'postgres')}; END IF;`);
  return `CREATE OR REPLACE FUNCTION ${name}(t text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    AS $stages$ DECLARE s text := t; BEGIN ${steps.join(' ')} RETURN s; END $stages$`;
}

/** Rewrites the title of the next BATCH_ROWS live entries after id `after`, which recomputes their search_vector. */
async function reindexBatch(sql: Sql, after: string | null): Promise<{ n: number; last: string | null }> {
  const r = await sql.query<{ n: number; last: string | null }>(
    `WITH b AS (
       SELECT id FROM entries WHERE deleted_at IS NULL AND ($1::bigint IS NULL OR id > $1::bigint) ORDER BY id LIMIT ${BATCH_ROWS}
     ), u AS (
       UPDATE entries e SET title = e.title FROM b WHERE e.id = b.id RETURNING e.id
     )
     SELECT count(*)::int AS n, max(id)::text AS last FROM u`,
    [after],
  );
  return r.rows[0] ?? { n: 0, last: null };
}

/** Recomputes every live entry's search_vector (after newsdesk_fold changed), in batches, with progress in the log. */
async function reindexSearch(sql: Sql): Promise<void> {
  const total = Number((await sql.query<{ n: string }>('SELECT count(*) AS n FROM entries WHERE deleted_at IS NULL')).rows[0]?.n ?? 0);
  const progress = new MigrationProgress('search reindex', total);
  let last: string | null = null;
  for (;;) {
    const batch = await reindexBatch(sql, last);
    if (batch.n === 0 || batch.last === null) break;
    progress.step(batch.n);
    last = batch.last;
  }
  progress.end();
}

/**
 * Writes newsdesk_fold anew (with `scripts`, the frozen fold of migration 038 or 040) and reindexes
 * every live entry with it: what 018 did, and what a later migration that changes the fold does.
 */
export async function refold(sql: Sql, scripts?: FoldTable | FoldStages): Promise<void> {
  const ext = await sql.query<{ nspname: string }>(
    `SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'`,
  );
  let stagesFunction: string | undefined;
  if (Array.isArray(scripts)) {
    const schema = (await sql.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]!.s;
    stagesFunction = `"${schema.replace(/"/g, '""')}".newsdesk_fold_stages`;
    await sql.query(stagesFunctionSql(stagesFunction, scripts));
  }
  await sql.query(`
      CREATE OR REPLACE FUNCTION newsdesk_fold(t text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $fold$ ${foldFunctionSql(ext.rows[0]?.nspname, scripts, stagesFunction)} $fold$`);
  await reindexSearch(sql);
}

export default {
  version: 18,
  name: 'search: words split at punctuation',
  async up(sql) {
    await refold(sql);
  },
} satisfies PostgresMigration;
