// Full-text search for the PostgreSQL dialect: the query tree compiles to a tsquery (tsquery.ts)
// matched against the GIN-indexed search_vector; ranking blends ts_rank (title weighted above
// body) with recency, with the SQLite dialect's constants. Highlights are applied above the
// store (src/search/highlight-hits.ts), so both stores mark the same words.
import { createHash } from 'node:crypto';
import type { SearchNode } from '../../search/query.js';
import { hiddenLiveSql, shownLanguagesSql } from '../hidden-live.js';
import { rankingMoment, type SearchHit, type SearchPage, type SearchQuery, type SearchRepo, type TeaserPage } from '../search.js';
import type { EntryQuery } from '../store.js';
import { CODE_POINT_ORDER, type Db } from './db.js';
import { keysetPage } from './entries.js';
import { ENTRY_COLUMNS, Params, toEntry, type EntryRow } from './rows.js';
import { summaryColumns, toSummary, type SummaryRow } from '../rows.js';
import { toTsquery } from './tsquery.js';

/** ts_rank weights {D, C, B, A}: the text is weighted B, the title A; a word in the headline says six times more. */
const WEIGHTS = '{0, 0, 0.1667, 1.0}';
/** ts_rank normalisation 1: divide by 1 + log(document length), so long texts do not win by size (as bm25). */
const RANK_NORMALIZATION = 1;
const RECENCY_BOOST = 0.5;
const RECENCY_DAYS = 7.0;
const DAY_MS = 86_400_000;
/** Most matches ranked for an unfiltered query (the newest ones), as in the SQLite dialect. */
const RANK_CAP = 10_000;
/**
 * The newest matches of an unfiltered query are looked for in windows of ids, newest first; the
 * first window spans this many ids per match still wanted (a word in a quarter of the entries
 * fills it). Later windows are sized from the share of matches found so far, 25% wider.
 */
const FIRST_WINDOW_IDS_PER_MATCH = 4;
const WINDOW_SLACK = 1.25;
/** Each window spans at least this share of the ids walked so far (the number of windows stays logarithmic). */
const MIN_WINDOW_GROWTH = 0.25;

export class PostgresSearchRepo implements SearchRepo {
  /** `rankCap`: most matches ranked for an unfiltered query (a test gives a small one). */
  constructor(
    private readonly db: Db,
    private readonly rankCap = RANK_CAP,
  ) {}

  async search(q: SearchQuery): Promise<SearchPage> {
    if (!q.ast) return { hits: [] };
    const limit = Math.max(1, Math.min(q.limit, 200));
    const offset = Math.max(0, q.offset ?? 0);
    const p = new Params();
    const query = toTsquery(q.ast, p);
    const filters: string[] = [];
    if (q.sourceId !== undefined) filters.push(`e.source_id = ${p.add(q.sourceId)}`);
    if (q.topicId !== undefined)
      filters.push(`EXISTS (SELECT 1 FROM entry_topics t WHERE t.topic_id = ${p.add(q.topicId)} AND t.entry_id = e.id)`);
    if (q.lang !== undefined) filters.push(`e.lang = ${p.add(q.lang)}`);
    if (q.since !== undefined) filters.push(`e.published_at >= ${p.add(q.since)}`);
    if (q.until !== undefined) filters.push(`e.published_at < ${p.add(q.until)}`);
    // Only what was stored when the first page was ranked (asOf), on every page.
    const asOf = rankingMoment(q.asOf, await this.maxId(), Date.now());
    const now = p.add(asOf.at);
    // What editors hid is left out of the ranked rows (withoutHidden), after the cap, as in SQLite.
    // Without filters only the newest rankCap (RANK_CAP) matches are ranked: ts_rank reads each match's
    // whole tsvector, and for a word in most stories the newest ones are what a reader wants.
    // Those are found window by window (newestMatches), not by reading every match's row.
    const matches = filters.length
      ? `SELECT e.id FROM entries e, q WHERE e.search_vector @@ q.query AND e.deleted_at IS NULL AND e.id <= ${p.add(asOf.upto)} AND ${filters.join(' AND ')}`
      : `SELECT unnest(${p.add(await this.newestMatches(q.ast, this.rankCap, asOf.upto))}::bigint[]) AS id`;
    const sql = `
      WITH q AS MATERIALIZED (SELECT ${query} AS query),
      m AS (${matches})${q.withoutHidden ? `, hidden AS MATERIALIZED (${hiddenLiveSql(true)})` : ''}
      SELECT e.id,
        ts_rank('${WEIGHTS}', e.search_vector, q.query, ${RANK_NORMALIZATION})
          * (1.0 + ${RECENCY_BOOST} / (1.0 + GREATEST(${now}::bigint - e.published_at, 0) / ${DAY_MS}.0 / ${RECENCY_DAYS})) AS score
      FROM m JOIN entries e ON e.id = m.id, q${
        q.withoutHidden
          ? `
      WHERE e.id NOT IN (SELECT id FROM hidden)`
          : ''
      }
      ORDER BY score DESC, e.id DESC
      LIMIT ${p.add(limit + 1)} OFFSET ${p.add(offset)}`;
    let ranked: { id: number; score: number }[];
    try {
      ranked = await this.db.rows<{ id: number; score: number }>(sql, p.values);
    } catch (err) {
      throw new Error(`search failed: ${(err as Error).message}`);
    }
    const more = ranked.length > limit;
    if (more) ranked.pop();
    const rows = new Map(
      (
        await this.db.rows<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE id = ANY($1::bigint[]) AND deleted_at IS NULL`, [
          ranked.map((r) => r.id),
        ])
      ).map((r) => [r.id, r]),
    );
    const hits: SearchHit[] = [];
    for (const { id, score } of ranked) {
      const r = rows.get(id);
      if (r) hits.push({ entry: toEntry(r), score: Number(score) }); // else deleted between the two reads
    }
    return more ? { hits, nextOffset: offset + limit, asOf } : { hits, asOf };
  }

  private async maxId(): Promise<number> {
    const top = await this.db.one<{ id: string | null }>('SELECT max(id) AS id FROM entries');
    return top?.id == null ? 0 : Number(top.id);
  }

  /**
   * The ids of the newest `cap` live entries up to id `upto` matching `ast`, newest first: the same as ordering
   * every match by id and keeping `cap`, without reading every match's row. The GIN index yields
   * every match's row address at once, but not in id order, so `ORDER BY id DESC LIMIT cap` read
   * the row of each match (its liveness, its id) before keeping the newest: for a word in 42,000
   * of 300,000 entries, 18,000 table pages, ~200 ms. A window of ids is a range of the primary key;
   * the planner intersects its bitmap with the word's (BitmapAnd) and reads only the rows of
   * matches in the window. Windows are disjoint and go from the newest id down, so what they
   * collect is exactly the newest matches; the last one is open below and ends the walk.
   */
  private async newestMatches(ast: SearchNode, cap: number, upto: number): Promise<string[]> {
    if (upto <= 0) return [];
    const newest = upto;
    const ids: string[] = [];
    let hi = upto; // entries added since the ranking's moment do not count
    let lo = newest - cap * FIRST_WINDOW_IDS_PER_MATCH;
    for (;;) {
      const p = new Params();
      const bounds: string[] = [];
      if (lo > 0) bounds.push(`e.id > ${p.add(lo)}`);
      bounds.push(`e.id <= ${p.add(hi)}`);
      const rows = await this.db.rows<{ id: string }>(
        `WITH q AS MATERIALIZED (SELECT ${toTsquery(ast, p)} AS query)
         SELECT e.id FROM entries e, q
         WHERE e.search_vector @@ q.query AND e.deleted_at IS NULL${bounds.map((b) => ` AND ${b}`).join('')}
         ORDER BY e.id DESC LIMIT ${p.add(cap)}`,
        p.values,
      );
      // Always LIMIT cap, as the single statement had, not the few still wanted: a small LIMIT
      // could tempt the planner into walking the primary key backwards testing every row's words.
      for (const r of rows) {
        if (ids.length >= cap) break;
        ids.push(String(r.id));
      }
      if (ids.length >= cap || lo <= 0) return ids;
      // Size the next window from the share of ids that matched so far, and never under a quarter
      // of the ids walked: a long run without matches (or a gap in the ids) below a window that
      // nearly filled the cap would otherwise be crossed in thousands of tiny windows.
      const walked = newest - lo;
      const rate = ids.length / walked;
      const wanted = rate > 0 ? Math.ceil(((cap - ids.length) / rate) * WINDOW_SLACK) : walked * 8;
      const span = Math.max(wanted, Math.ceil(walked * MIN_WINDOW_GROWTH));
      hi = lo;
      lo = lo - span;
    }
  }

  async teasers(q: EntryQuery, textChars: number): Promise<TeaserPage> {
    const page = await keysetPage<SummaryRow>(this.db, q, (p) => summaryColumns(`left(e.text, ${p.add(Math.max(0, textChars))}::int)`));
    const out: TeaserPage = { items: page.rows.map(toSummary) };
    if (page.older) out.older = page.older;
    if (page.newer) out.newer = page.newer;
    return out;
  }

  async languages(): Promise<string[]> {
    // The changes of the counts per language kept on write (migration 31), summed per language:
    // a few rows, never the entries. Counting every live entry instead took ~45 ms at 300,000
    // entries, after every change of the store (p-mergescan). One statement that only reads: the
    // writers fold the changes into a row per language as they append them (migration 33; the
    // read folded them before p-selector, writing from a page view). Less what editors hid, in the
    // same statement (p-edges): the hidden entries' rows by key, none when none is hidden.
    const rows = await this.db.rows<{ lang: string }>(
      shownLanguagesSql(true, 'SELECT lang, SUM(n) AS n FROM entry_language_counts GROUP BY lang HAVING SUM(n) > 0', CODE_POINT_ORDER),
    );
    return rows.map((r) => r.lang);
  }

  async changeStamp(): Promise<string> {
    // The server's current snapshot names every transaction that has an id and has not ended, and
    // the next id to come: any write that commits, from any process or machine, changes it. Like
    // SQLite's data_version it also moves for writes that change nothing a page shows (leases),
    // which costs a cache miss, never a stale page.
    const row = await this.db.one<{ s: string }>('SELECT pg_current_snapshot()::text AS s');
    return createHash('sha1')
      .update(row?.s ?? '')
      .digest('base64url')
      .slice(0, 16);
  }
}
