// Full-text search for the SQLite dialect: the query tree compiles to an FTS5 MATCH expression;
// ranking blends bm25 (title weighted above body) with recency.
import type { Database, Statement } from 'better-sqlite3';
import { searchFold, searchFoldRead } from '../../search/fold.js';
import { phraseReadings } from '../../search/reading.js';
import type { SearchNode } from '../../search/query.js';
import { rankingMoment, type SearchHit, type SearchPage, type SearchQuery, type SearchRepo, type TeaserPage } from '../search.js';
import type { EntryQuery } from '../store.js';
import { SEARCH_COVER_INDEX } from './migrations/002-search.js';
import { hiddenLiveSql, shownLanguagesSql } from '../hidden-live.js';
import { LANGUAGE_COUNTS_TABLE } from '../language-counts.js';
import { ENTRY_COLUMNS, toEntry, type EntryRow } from './rows.js';
import { summaryColumns, toSummary, type SummaryRow } from '../rows.js';
import { keysetPage } from './keyset.js';
import { StatementCache } from './statements.js';

/** bm25 weights of the indexed columns (title, text): a word in the headline says more. */
const TITLE_WEIGHT = 6.0;
const TEXT_WEIGHT = 1.0;
/**
 * Recency boost: a story from today counts up to 1.5 times its relevance; the boost halves over
 * about a week. Strong enough to order near-equal matches by date, too weak to bury an old
 * headline match under fresh passing mentions.
 */
const RECENCY_BOOST = 0.5;
const RECENCY_DAYS = 7.0;
const DAY_MS = 86_400_000;
/** Most matches ranked for an unfiltered query (the newest ones); see search(). */
const RANK_CAP = 10_000;

/** Text already read and folded as the index is (migrations 37, 42, 44), as an FTS5 string. */
function ftsString(folded: string): string {
  return `"${folded.replace(/"/g, '""')}"`;
}

/** A phrase (or a word searched as one) by each of its readings (reading.ts, phraseReadings): a hashtag named without its "#". */
function phrase(s: string): string {
  const quoted = phraseReadings(s).map((r) => ftsString(searchFold(r)));
  return quoted.length === 1 ? (quoted[0] as string) : `(${quoted.join(' OR ')})`;
}

/**
 * FTS5 syntax for a query tree. Every word is quoted, so nothing the reader types is an operator;
 * Arabic-script spellings are folded as the index folds them (src/search/fold.ts).
 */
export function toFts5(node: SearchNode): string {
  switch (node.kind) {
    case 'term':
      return node.prefix ? `${ftsString(searchFoldRead(node.text, true))}*` : phrase(node.text);
    case 'phrase':
      return phrase(node.text);
    case 'or':
      return `(${node.items.map(toFts5).join(' OR ')})`;
    case 'and': {
      let s = node.items.map(toFts5).join(' AND ');
      if (node.items.length > 1) s = `(${s})`;
      for (const x of node.exclude) s = `${s} NOT ${toFts5(x)}`;
      return node.items.length > 1 || node.exclude.length ? `(${s})` : s;
    }
  }
}

export class SqliteSearchRepo implements SearchRepo {
  private readonly sql: StatementCache;
  private readonly totalChanges: Statement;
  private readonly byIds: Statement;
  private readonly dataVersion: Statement;
  private readonly maxId: Statement;

  /** "INDEXED BY …" when the covering index exists (a database migrated by an older build may lack it). */
  private readonly cover: string;
  /** Whether the counts per language are kept on write (migration 30). */
  private readonly counted: boolean;

  constructor(db: Database) {
    this.sql = new StatementCache(db);
    this.totalChanges = db.prepare('SELECT total_changes() AS n');
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
    this.maxId = db.prepare('SELECT max(id) FROM entries').pluck();
    this.byIds = db.prepare(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL`);
    const hasCover = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").get(SEARCH_COVER_INDEX) !== undefined;
    this.cover = hasCover ? `INDEXED BY ${SEARCH_COVER_INDEX}` : '';
    this.counted = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(LANGUAGE_COUNTS_TABLE) !== undefined;
  }

  async search(q: SearchQuery): Promise<SearchPage> {
    if (!q.ast) return { hits: [] };
    const match = toFts5(q.ast);
    const limit = Math.max(1, Math.min(q.limit, 200));
    const offset = Math.max(0, q.offset ?? 0);
    const where = ['entries_fts MATCH @match', 'e.deleted_at IS NULL'];
    const asOf = rankingMoment(q.asOf, (this.maxId.get() as number | null) ?? 0, Date.now());
    const params: Record<string, unknown> = {
      match,
      now: asOf.at,
      upto: asOf.upto,
      limit: limit + 1,
      offset,
    };
    if (q.sourceId !== undefined) where.push('e.source_id = @sourceId'), (params.sourceId = q.sourceId);
    if (q.topicId !== undefined) {
      where.push('EXISTS (SELECT 1 FROM entry_topics t WHERE t.topic_id = @topicId AND t.entry_id = e.id)'), (params.topicId = q.topicId);
    }
    if (q.lang !== undefined) where.push('e.lang = @lang'), (params.lang = q.lang);
    if (q.since !== undefined) where.push('e.published_at >= @since'), (params.since = q.since);
    if (q.until !== undefined) where.push('e.published_at < @until'), (params.until = q.until);
    // Ranking reads only the covering index beside the FTS index; the page's rows are fetched
    // afterwards by id. Highlights are the caller's (src/search/highlight-hits.ts), the same for
    // every dialect.
    // bm25 costs about a microsecond per match, so a word found in most stories would cost
    // ~100 ms at 100,000 entries. Without filters, only the newest RANK_CAP matches are ranked
    // (FTS5 walks its doclists newest rowid first and stops there): for such words the newest
    // stories are the ones a news reader wants, and cost stays flat as the store grows.
    const filtered = where.length > 2;
    const fts = filtered
      ? `entries_fts`
      : `(SELECT rowid, bm25(entries_fts, ${TITLE_WEIGHT}, ${TEXT_WEIGHT}) AS rel FROM entries_fts
          WHERE entries_fts MATCH @match AND rowid <= @upto ORDER BY rowid DESC LIMIT ${RANK_CAP}) AS m`;
    const rel = filtered ? `bm25(entries_fts, ${TITLE_WEIGHT}, ${TEXT_WEIGHT})` : 'm.rel';
    const ftsRowid = filtered ? 'entries_fts.rowid' : 'm.rowid';
    // Only what was stored when the first page was ranked (asOf), on every page.
    const conditions = filtered ? [...where, 'e.id <= @upto'] : where.slice(1);
    // What editors hid is left out here, after the cap, so a page is full and its next offset
    // exact (the callers filtered a page after it was read: short pages, and a "more" link to a
    // page of nothing but hidden matches). The hidden ids come from the editors' rows outward
    // (few), and the test reads only the covering index's id.
    if (q.withoutHidden) conditions.push('e.id NOT IN (SELECT id FROM hidden)');
    const sql = `${q.withoutHidden ? `WITH hidden AS MATERIALIZED (${hiddenLiveSql(false)})` : ''}
      SELECT e.id AS id,
        -${rel} * (1.0 + ${RECENCY_BOOST} / (1.0 + MAX(@now - e.published_at, 0) / ${DAY_MS}.0 / ${RECENCY_DAYS})) AS score
      FROM ${fts} JOIN entries e ${this.cover} ON e.id = ${ftsRowid}
      WHERE ${conditions.join(' AND ')}
      ORDER BY score DESC, e.id DESC
      LIMIT @limit OFFSET @offset`;
    let ranked: { id: number; score: number }[];
    try {
      ranked = this.sql.get(sql).all(params) as { id: number; score: number }[];
    } catch (err) {
      // Quoted words cannot make a syntax error; what remains is a broken index or database.
      throw new Error(`search failed for ${JSON.stringify(match)}: ${(err as Error).message}`);
    }
    const more = ranked.length > limit;
    if (more) ranked.pop();
    const rows = new Map((this.byIds.all(JSON.stringify(ranked.map((r) => r.id))) as EntryRow[]).map((r) => [r.id, r]));
    const hits: SearchHit[] = [];
    for (const { id, score } of ranked) {
      const r = rows.get(id);
      if (r) hits.push({ entry: toEntry(r), score }); // else deleted between the two reads
    }
    return more ? { hits, nextOffset: offset + limit, asOf } : { hits, asOf };
  }

  async teasers(q: EntryQuery, textChars: number): Promise<TeaserPage> {
    // Same driving index, filters and cursors as SqliteEntryRepo.list, without the HTML bodies.
    const page = keysetPage<SummaryRow>(this.sql, q, summaryColumns('substr(e.text, 1, ?)'), [Math.max(0, textChars)]);
    const out: TeaserPage = { items: page.rows.map(toSummary) };
    if (page.older) out.older = page.older;
    if (page.newer) out.newer = page.newer;
    return out;
  }

  async languages(): Promise<string[]> {
    // The counts per language kept on write by the entries' triggers (migration 30): a few rows,
    // whatever the store's size. Counting every live entry instead took 36-45 ms at 300,000
    // entries, after every change of the store (p-searchscale, p-mergescan). Less what editors
    // hid, in the same statement (p-edges): the hidden entries' rows by key, none when none is hidden.
    // A store an older build migrated has no such table: every live entry is counted, through the
    // covering index (partial on deleted_at IS NULL), named because the planner passes over a
    // partial index for an aggregate and scanned the table, bodies and all.
    const counts = this.counted
      ? `SELECT lang, n FROM ${LANGUAGE_COUNTS_TABLE} WHERE n > 0`
      : `SELECT lang, COUNT(*) AS n FROM entries ${this.cover} WHERE deleted_at IS NULL AND lang IS NOT NULL GROUP BY lang`;
    return this.sql
      .get(shownLanguagesSql(false, counts, ''))
      .pluck()
      .all() as string[];
  }

  async changeStamp(): Promise<string> {
    // data_version moves when another connection commits; total_changes counts this one's writes.
    const version = this.dataVersion.get() as number;
    const own = (this.totalChanges.get() as { n: number }).n;
    return `${version}.${own}`;
  }
}
