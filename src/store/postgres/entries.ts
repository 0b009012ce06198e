import type { SharedClock } from '../clock.js';
import { nowIn } from './clock.js';
import type { Entry, NewEntry } from '../../domain/entry.js';
import type {
  EntryCursor,
  EntryPage,
  EntryQuery,
  EntryRepo,
  FullTextUpdate,
  SaveResult,
  SourceCount,
  UnreadAllQuery,
  UnreadEntry,
  UnreadPageQuery,
  UnreadQuery,
} from '../store.js';
import { extractReasonColumn, inIdOrder, reasonKeys, toUnreadEntry, type UnreadRow } from '../rows.js';
import { jsonb, noNul, prepared, type Db, type Sql } from './db.js';
import { storedReading } from '../../search/reading.js';
import { ENTRY_COLUMNS, Params, toEntry, type EntryRow } from './rows.js';
import { indexKeyIn } from './index-key.js';
import { lockStories, refreshStories, type HeldStories } from './stories.js';
import { holdStoryGate } from './story-gate.js';
import { countSightingsSql, earliestCopySql, REMOVAL_BUMP } from '../story-rows.js';
import { hiddenBySourceSql, notHiddenSql, shownSourceCounts } from '../hidden-live.js';
import { carryHideSql } from '../carry-hide.js';
import { keysToRead, newItemsOf, type ItemKeys } from '../new-items.js';

interface KeyRow {
  id: number;
  source_id: number;
  url: string | null;
  dedupe_key: string;
  title: string;
  content_html: string | null;
  updated_at: number | null;
  deleted_at: number | null;
}

const KEY_COLUMNS = 'id, source_id, url, title, content_html, updated_at, deleted_at';

/** The FROM/WHERE of a newest-first page (shared with the teaser read model in search.ts). */
export interface PageFilter {
  from: string;
  pub: string;
  id: string;
  where: string[];
  params: Params;
}

/** Shown: not hidden by an editor, itself, through its story or its original (hidden-live.ts `notHiddenSql`). */
export const HIDDEN = (a: string): string => notHiddenSql(true, a);

/** A topic query is driven by the topic's own newest-first index, like the SQLite dialect's. */
export function pageFilter(q: EntryQuery): PageFilter {
  const p = new Params();
  const where = ['e.deleted_at IS NULL'];
  let from = 'entries e';
  let pub = 'e.published_at';
  let id = 'e.id';
  if (q.topicId !== undefined) {
    // Each topic row, newest first, fetches its entry by primary key and the LIMIT stops the walk.
    // As a plain join the planner, once statistics show most rows pass, may hash or loop-join the
    // whole topic (EXPLAIN ANALYZE under ingest: 983 ms, 3.2M rows filtered, for 51 teasers); the
    // LIMIT inside keeps the lateral subquery from being flattened into such a join.
    from = 'entry_topics t CROSS JOIN LATERAL (SELECT * FROM entries e0 WHERE e0.id = t.entry_id LIMIT 1) e';
    pub = 't.published_at';
    id = 't.entry_id';
    where.push(`t.topic_id = ${p.add(q.topicId)}`);
  }
  if (q.sourceId !== undefined) where.push(`e.source_id = ${p.add(q.sourceId)}`);
  if (q.lang !== undefined) where.push(`e.lang = ${p.add(q.lang)}`);
  if (q.since !== undefined) where.push(`${pub} >= ${p.add(q.since)}`);
  if (q.until !== undefined) where.push(`${pub} < ${p.add(q.until)}`);
  if (q.onePerStory) {
    // As in the SQLite dialect: a story's newer article under the same filters hides this one.
    const same: string[] = [];
    if (q.topicId !== undefined)
      same.push(`EXISTS (SELECT 1 FROM entry_topics nt WHERE nt.topic_id = ${p.add(q.topicId)} AND nt.entry_id = n.id)`);
    if (q.sourceId !== undefined) same.push(`n.source_id = ${p.add(q.sourceId)}`);
    if (q.lang !== undefined) same.push(`n.lang = ${p.add(q.lang)}`);
    if (q.until !== undefined) same.push(`n.published_at < ${p.add(q.until)}`);
    // A hidden newer article does not stand for its story on a public page, so it hides nothing.
    if (q.withoutHidden) same.push(HIDDEN('n'));
    where.push(
      `e.duplicate_of IS NULL AND (e.story_id IS NULL OR NOT EXISTS (SELECT 1 FROM entries n
         WHERE n.story_id = e.story_id AND n.deleted_at IS NULL AND n.duplicate_of IS NULL
           AND (n.published_at, n.id) > (e.published_at, e.id)${same.map((c) => ` AND ${c}`).join('')}))`,
    );
  }
  if (q.withoutHidden) where.push(HIDDEN('e'));
  if (q.extractFailed) where.push("e.extract_status = 'failed'");
  if (q.notArticle) where.push("e.extract_status = 'not-article'");
  if (q.extractReason !== undefined && (q.extractFailed || q.notArticle)) {
    // One reason of those rows, as in the SQLite dialect.
    const r = reasonKeys(q.extractFailed ? 'failed' : 'not-article', q.extractReason);
    where.push(
      'key' in r
        ? `e.extract_error = ${p.add(r.key)}`
        : `(e.extract_error IS NULL OR NOT (e.extract_error = ANY(${p.add(r.notIn)}::text[])))`,
    );
  }
  return { from, pub, id, where, params: p };
}

/**
 * One keyset page, newest first, with the same cursors as the SQLite dialect: `after` walks to
 * older rows, `before` to newer ones (read ascending, then reversed).
 */
export async function keysetPage<R extends { id: number; published_at: number }>(
  db: Db,
  q: EntryQuery,
  columns: (p: Params) => string,
): Promise<{ rows: R[]; older?: EntryCursor; newer?: EntryCursor }> {
  const limit = Math.max(1, Math.min(q.limit, 1000));
  const f = pageFilter(q);
  const backwards = q.before !== undefined && q.after === undefined;
  const cursor = backwards ? q.before : q.after;
  const p = new Params();
  p.values.push(...f.params.values);
  const cols = columns(p);
  const where = [...f.where];
  if (cursor) where.push(`(${f.pub}, ${f.id}) ${backwards ? '>' : '<'} (${p.add(cursor.publishedAt)}, ${p.add(cursor.id)})`);
  const order = backwards ? 'ASC' : 'DESC';
  const rows = await db.rows<R>(
    `SELECT ${cols} FROM ${f.from} WHERE ${where.join(' AND ')} ORDER BY ${f.pub} ${order}, ${f.id} ${order} LIMIT ${p.add(limit + 1)}`,
    p.values,
  );
  const more = rows.length > limit;
  if (more) rows.pop();
  if (backwards) rows.reverse();
  const out: { rows: R[]; older?: EntryCursor; newer?: EntryCursor } = { rows };
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (first && last) {
    const exists = async (at: { id: number; published_at: number }, op: '<' | '>'): Promise<boolean> => {
      const ep = new Params();
      ep.values.push(...f.params.values);
      const cond = `(${f.pub}, ${f.id}) ${op} (${ep.add(at.published_at)}, ${ep.add(at.id)})`;
      return (await db.one(`SELECT 1 AS x FROM ${f.from} WHERE ${[...f.where, cond].join(' AND ')} LIMIT 1`, ep.values)) !== undefined;
    };
    if (backwards ? await exists(last, '<') : more) out.older = { publishedAt: last.published_at, id: last.id };
    if (backwards ? more : await exists(first, '>')) out.newer = { publishedAt: first.published_at, id: first.id };
  }
  return out;
}

/** A transaction lock per schema and source: the saves of one source, one at a time (saveBatch). */
const SOURCE_SAVE_LOCK = prepared(
  "SELECT pg_advisory_xact_lock(hashtextextended('newsdesk source save ' || current_schema() || ' ' || $1::text, 0))",
);

const CARRY = carryHideSql(true, 'SELECT $1::bigint AS copy_id, $2::bigint AS original_id', '$3::bigint');

export class PostgresEntryRepo implements EntryRepo {
  constructor(
    private readonly db: Db,
    /** Dates rows written without a time (see the methods' `now`). */
    private readonly clock: SharedClock,
  ) {}

  async saveBatch(sourceId: number, items: NewEntry[], at?: number): Promise<SaveResult> {
    if (items.length === 0) return { inserted: [], updated: 0, unchanged: 0, sighted: 0 };
    const now = at ?? (await this.clock.now());
    return this.db.tx(async (c) => {
      // One save of a source at a time (r-workers): its re-published items are caught by a read of
      // their fingerprints, which no unique index backs (a source may hold two entries of one
      // fingerprint from before, and a tombstone keeps its own), so two saves of one source at once
      // (a worker's check and the desk's "fetch now", which takes no lease) both read a new GUID's
      // fingerprint as unseen and both stored it. First thing, so a save waiting here holds nothing.
      await c.query(SOURCE_SAVE_LOCK, [String(sourceId)]);
      const result: SaveResult = { inserted: [], updated: 0, unchanged: 0, sighted: 0 };
      const keys = [...new Set(items.map((it) => noNul(it.dedupeKey)))];
      const old = new Map(
        (
          await c.query<KeyRow>(
            prepared(
              `SELECT ${KEY_COLUMNS}, dedupe_key FROM entries
               WHERE source_id = $1 AND ${indexKeyIn('dedupe_key', '$2')} AND dedupe_key = ANY($2::text[])`,
            ),
            [sourceId, keys],
          )
        ).rows.map((r) => [r.dedupe_key, r]),
      );
      const canonicals = [...new Set(items.map((it) => noNul(it.canonicalUrl ?? null)).filter((u): u is string => u !== null))];
      const byCanonical = await readCanonicals(c, canonicals, sourceId);
      const fingerprints = new Set(
        (
          await c.query<{ fingerprint: string }>(
            prepared('SELECT DISTINCT fingerprint FROM entries WHERE source_id = $1 AND fingerprint = ANY($2::text[])'),
            [sourceId, [...new Set(items.map((it) => noNul(it.fingerprint)))]],
          )
        ).rows.map((r) => r.fingerprint),
      );
      // Another source's entries this batch may sight for the first time: their stories gain this
      // source, so they are locked before the first write (see lockStories and lockSighted).
      const candidates = [...byCanonical.values()].filter((r) => r.source_id !== sourceId && r.deleted_at === null && !r.sighted);
      if (candidates.length) await lockSighted(c, candidates);
      const seen = new Set<string>();
      const seenCanonical = new Set<string>();
      const fresh: NewEntry[] = [];
      const sightings: { entryId: number; url: string | null; title: string }[] = [];
      const edits: { entryId: number; before: KeyRow; it: NewEntry }[] = [];
      const update = async (prev: KeyRow, it: NewEntry): Promise<void> => {
        if (prev.title === it.title && prev.content_html === it.contentHtml && (it.updatedAt ?? null) === prev.updated_at) {
          result.unchanged++;
          return;
        }
        await refresh(c, prev.id, it);
        if (prev.title !== it.title || prev.url !== it.url) edits.push({ entryId: prev.id, before: prev, it });
        result.updated++;
      };
      for (const raw of items) {
        const it = clean(raw);
        if (seen.has(it.dedupeKey)) {
          result.unchanged++;
          continue;
        }
        seen.add(it.dedupeKey);
        const prev = old.get(it.dedupeKey);
        if (prev) {
          if (prev.deleted_at !== null) result.unchanged++;
          else await update(prev, it);
          continue;
        }
        const canonical = it.canonicalUrl ?? null;
        if (canonical !== null) {
          // One article per canonical URL, also within this batch.
          if (seenCanonical.has(canonical)) {
            result.unchanged++;
            continue;
          }
          seenCanonical.add(canonical);
          const same = byCanonical.get(canonical);
          if (same) {
            if (same.deleted_at !== null) result.unchanged++;
            else if (same.source_id === sourceId) await update(same, it);
            else sightings.push({ entryId: same.id, url: it.url, title: it.title });
            continue;
          }
        }
        // A re-published item (new GUID, same fingerprint), also within this batch.
        if (fingerprints.has(it.fingerprint)) {
          result.unchanged++;
          continue;
        }
        fingerprints.add(it.fingerprint);
        fresh.push(it);
      }
      if (fresh.length) {
        const inserted = await insertMany(c, sourceId, fresh, now);
        result.inserted.push(...inserted);
        for (const e of inserted) sightings.push({ entryId: e.id, url: e.url, title: e.title });
        // A concurrent writer that stored the same key or address first wins (the unique indexes
        // decide, the insert waited for its commit). An address another source stored first is that
        // source's article, which this source now carries: a sighting, as when the read above had
        // found it (r-workers: it was counted unchanged, and the sighting lost). Read again: each
        // statement sees what was committed before it. Its story is locked as above (a deadlock
        // with another writer is retried whole, and the read above then finds it).
        const stored = new Set(inserted.map((e) => e.dedupeKey));
        const lost = fresh.filter((it) => !stored.has(it.dedupeKey) && it.canonicalUrl != null);
        let late = 0;
        if (lost.length) {
          const winners = await readCanonicals(c, [...new Set(lost.map((it) => it.canonicalUrl!))], sourceId);
          const others = [...winners.values()].filter((r) => r.source_id !== sourceId && r.deleted_at === null && !r.sighted);
          if (others.length) await lockSighted(c, others);
          for (const it of lost) {
            const same = winners.get(it.canonicalUrl!);
            if (!same || same.deleted_at !== null || same.source_id === sourceId) continue;
            sightings.push({ entryId: same.id, url: it.url, title: it.title });
            late++;
          }
        }
        result.unchanged += fresh.length - inserted.length - late;
      }
      if (sightings.length) {
        const added = await c.query<{ entry_id: number }>(
          prepared(`INSERT INTO sightings (entry_id, source_id, first_seen, url, title)
           SELECT e, $1, $2, u, t FROM unnest($3::bigint[], $4::text[], $5::text[]) AS v(e, u, t)
           ON CONFLICT DO NOTHING RETURNING entry_id`),
          [sourceId, now, sightings.map((x) => x.entryId), sightings.map((x) => x.url), sightings.map((x) => x.title)],
        );
        const own = result.inserted.length;
        result.sighted = Math.max(0, added.rows.length - own);
        // Their stories count this source now, not at their next recount (entries just inserted have no story yet).
        const ownIds = new Set(result.inserted.map((e) => e.id));
        const sighted = added.rows.map((r) => r.entry_id).filter((id) => !ownIds.has(id));
        if (sighted.length)
          await c.query(prepared(countSightingsSql((n) => `$${n}`, 'SELECT unnest($3::bigint[])')), [now, sourceId, sighted]);
        result.unchanged += sightings.length - own - result.sighted;
      }
      if (edits.length) {
        await c.query(
          `INSERT INTO entry_history (entry_id, source_id, changed_at, title_before, title_after, url_before, url_after)
           SELECT e, $1, $2, tb, ta, ub, ua FROM unnest($3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[])
             WITH ORDINALITY AS v(e, tb, ta, ub, ua, n) ORDER BY n`,
          [
            sourceId,
            now,
            edits.map((x) => x.entryId),
            edits.map((x) => x.before.title),
            edits.map((x) => x.it.title),
            edits.map((x) => x.before.url),
            edits.map((x) => x.it.url),
          ],
        );
      }
      return result;
    });
  }

  async newItems(sourceId: number, items: readonly ItemKeys[]): Promise<boolean[]> {
    if (items.length === 0) return [];
    // Texts as saveBatch stores them (no NUL), so the answer is about the same keys.
    const clean = items.map((it) => ({
      dedupeKey: noNul(it.dedupeKey),
      fingerprint: noNul(it.fingerprint),
      canonicalUrl: noNul(it.canonicalUrl ?? null),
    }));
    const read = keysToRead(clean);
    // One statement, each arm on the index saveBatch's own lookup uses.
    const rows = await this.db.rows<{ kind: number; value: string }>(
      prepared(
        `SELECT 1 AS kind, dedupe_key AS value FROM entries
             WHERE source_id = $1 AND ${indexKeyIn('dedupe_key', '$2')} AND dedupe_key = ANY($2::text[])
           UNION ALL SELECT 2, canonical_url FROM entries
             WHERE ${indexKeyIn('canonical_url', '$3')} AND canonical_url = ANY($3::text[])
           UNION ALL SELECT 3, fingerprint FROM entries WHERE source_id = $1 AND fingerprint = ANY($4::text[])`,
      ),
      [sourceId, read.keys, read.canonicals, read.fingerprints],
    );
    const sets = [new Set<string>(), new Set<string>(), new Set<string>()] as const;
    for (const r of rows) sets[Number(r.kind) - 1]?.add(r.value);
    return newItemsOf(clean, { keys: sets[0], canonicals: sets[1], fingerprints: sets[2] });
  }

  async get(id: number): Promise<Entry | undefined> {
    const row = await this.db.one<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE id = $1 AND deleted_at IS NULL`, [id]);
    return row && toEntry(row);
  }

  async list(q: EntryQuery): Promise<EntryPage> {
    const columns = ENTRY_COLUMNS.split(', ')
      .map((c) => `e.${c}`)
      .join(', ');
    const page = await keysetPage<EntryRow>(this.db, q, () => columns);
    const out: EntryPage = { items: page.rows.map(toEntry) };
    if (page.older) out.older = page.older;
    if (page.newer) out.newer = page.newer;
    return out;
  }

  async remove(id: number): Promise<boolean> {
    return this.db.tx(async (c) => {
      // The story gate first thing (story-gate.ts): its turn comes behind checked story writes
      // already there and before those that come after it, which a removal's update of the progress
      // row below, waiting on their shared locks of it, was not given.
      await holdStoryGate(c);
      // The tombstone, the carried hide's audit row and the story's update are dated by the store's
      // clock, read once its turn has come: read before the gate, an editor's hide made while the
      // removal waited behind a batch was carried by an audit line dated before it (r-clock2).
      const now = await nowIn(this.clock, c);
      // Its story is locked before the entry is written, the order every writer of a story takes
      // (see lockStories); should another worker move the entry meanwhile, the refresh locks the new one.
      // So is the story of the copy to be made an article (it may be another story: it gains one).
      const found = (
        await c.query<{ story_id: number | null; deleted_at: number | null; copy_story: number | null }>(
          `SELECT story_id, deleted_at, (SELECT p.story_id FROM entries p WHERE p.id = ${earliestCopySql('$1')}) AS copy_story
           FROM entries WHERE id = $1`,
          [id],
        )
      ).rows[0];
      if (!found || found.deleted_at !== null) return false;
      const story = found.story_id;
      // The removals counter, in this transaction (c-live): the story step forgets the entry at its next
      // batch. Before any story is locked, the order of the step's checked write (the progress row,
      // then stories), as a merge or a split takes it; an entry deleted by another worker meanwhile
      // raises it needlessly (at worst one needless check).
      await c.query(REMOVAL_BUMP);
      const held = [story, found.copy_story].filter((x): x is number => x !== null);
      if (held.length) await lockStories(c, held);
      // The row stays as a tombstone (key and fingerprint only) so the next poll does not revive it.
      const gone = await c.query<{ story_id: number | null }>(
        `UPDATE entries SET deleted_at = $1, content_html = NULL, full_html = NULL, text = '', search_text = NULL
         WHERE id = $2 AND deleted_at IS NULL RETURNING story_id`,
        [now, id],
      );
      const row = gone.rows[0];
      if (!row) return false;
      // Its copies stay visible: the earliest becomes an article of its own and the others copy it.
      const first = (
        await c.query<{ id: number; story_id: number | null }>(
          `UPDATE entries SET duplicate_of = NULL WHERE id = ${earliestCopySql('$1')} RETURNING id, story_id`,
          [id],
        )
      ).rows[0];
      if (first) {
        await c.query('UPDATE entries SET duplicate_of = $1 WHERE duplicate_of = $2', [first.id, id]);
        // A hidden original's hide goes to the copy standing in for it (carry-hide.ts).
        await c.query(prepared(CARRY.audit), [first.id, id, now]);
        await c.query(prepared(CARRY.override), [first.id, id]);
      }
      // Its story's counts, lead and headline no longer include it.
      // The promoted copy's story too, when it is another: it gained an article (p-removepromote).
      const touched = [row.story_id, first?.story_id ?? null].filter((x): x is number => x !== null);
      if (touched.length) await refreshStories(c, touched, now);
      return true;
    });
  }

  async setFullText(id: number, u: FullTextUpdate): Promise<void> {
    const p = new Params();
    // A reason belongs to a failed read or a page without an article only: a later success clears it.
    const sets = [
      `full_html = ${p.add(noNul(u.fullHtml))}`,
      `extract_status = ${p.add(u.extractStatus)}`,
      `extract_error = ${p.add(extractReasonColumn(u))}`,
    ];
    if (u.text !== undefined) sets.push(`text = ${p.add(noNul(u.text))}`, `search_text = ${p.add(storedReading(noNul(u.text)))}`);
    if (u.leadImage !== undefined) sets.push(`lead_image = ${p.add(noNul(u.leadImage))}`);
    if (u.lang !== undefined) sets.push(`lang = ${p.add(u.lang)}`, `lang_guessed = ${p.add(u.langGuessed === true)}`);
    if (u.dir !== undefined) sets.push(`dir = ${p.add(u.dir)}`);
    if (u.author !== undefined) sets.push(`author = COALESCE(author, ${p.add(noNul(u.author))})`);
    await this.db.run(`UPDATE entries SET ${sets.join(', ')} WHERE id = ${p.add(id)}`, p.values);
  }

  async count(q: { sourceId?: number } = {}): Promise<number> {
    const row =
      q.sourceId === undefined
        ? await this.db.one<{ n: number }>('SELECT COUNT(*) AS n FROM entries WHERE deleted_at IS NULL')
        : await this.db.one<{ n: number }>('SELECT COUNT(*) AS n FROM entries WHERE deleted_at IS NULL AND source_id = $1', [q.sourceId]);
    return row?.n ?? 0;
  }

  async extractFailures(): Promise<Map<string, number>> {
    // Read from the partial index of failures (migration 21), never the whole table.
    return this.reasonCounts('failed', 'other');
  }

  async notArticles(): Promise<Map<string, number>> {
    // Read from the partial index of pages without an article (migration 22).
    return this.reasonCounts('not-article', 'no-article');
  }

  /**
   * Live entries of one extract status counted by their stored reason (`none` for rows without
   * one). The status is written into the statement, not passed as a parameter, so the planner can
   * match the partial index's predicate in every plan, generic ones too.
   */
  private async reasonCounts(status: 'failed' | 'not-article', none: string): Promise<Map<string, number>> {
    const rows = await this.db.rows<{ k: string; n: number }>(
      `SELECT COALESCE(extract_error, '${none}') AS k, COUNT(*) AS n FROM entries WHERE deleted_at IS NULL AND extract_status = '${status}' GROUP BY 1`,
    );
    return new Map(rows.map((r) => [r.k, Number(r.n)]));
  }

  async extractFailedIds(reason: string, limit: number, beforeId?: number): Promise<number[]> {
    const rows = await this.db.rows<{ id: number }>(`SELECT id FROM entries WHERE ${failedOf(reason)} ORDER BY id DESC LIMIT $3`, [
      ...failedParams(reason, beforeId),
      Math.max(0, limit),
    ]);
    return rows.map((r) => Number(r.id));
  }

  async extractFailedCount(reason: string, beforeId?: number, notPending?: string): Promise<number> {
    const pending = notPending === undefined ? '' : ` AND NOT ${pendingJob('entries.id', '$3')}`;
    const row = await this.db.one<{ n: number }>(`SELECT COUNT(*) AS n FROM entries WHERE ${failedOf(reason)}${pending}`, [
      ...failedParams(reason, beforeId),
      ...(notPending === undefined ? [] : [notPending]),
    ]);
    return Number(row?.n ?? 0);
  }

  async unreadIds(sourceId: number, q: UnreadQuery, limit: number): Promise<number[]> {
    const rows = await this.db.rows<{ id: number }>(`SELECT e.id FROM entries e WHERE ${UNREAD} ORDER BY e.id DESC LIMIT $4`, [
      sourceId,
      q.shortChars,
      q.pendingPrefix,
      Math.max(0, limit),
    ]);
    return rows.map((r) => Number(r.id));
  }

  async unreadCount(sourceId: number, q: UnreadQuery): Promise<number> {
    const row = await this.db.one<{ n: number }>(`SELECT COUNT(*) AS n FROM entries e WHERE ${UNREAD}`, [
      sourceId,
      q.shortChars,
      q.pendingPrefix,
    ]);
    return Number(row?.n ?? 0);
  }

  async unreadIdsAll(q: UnreadAllQuery, limit: number): Promise<number[]> {
    const rows = await this.db.rows<{ id: number }>(
      `SELECT e.id FROM entries e JOIN sources s ON s.id = e.source_id WHERE ${UNREAD_ALL} ORDER BY e.id DESC LIMIT $3`,
      [q.shortChars, q.pendingPrefix, Math.max(0, limit)],
    );
    return rows.map((r) => Number(r.id));
  }

  async unreadCountAll(q: UnreadAllQuery): Promise<number> {
    const row = await this.db.one<{ n: number }>(
      `SELECT COUNT(*) AS n FROM entries e JOIN sources s ON s.id = e.source_id WHERE ${UNREAD_ALL}`,
      [q.shortChars, q.pendingPrefix],
    );
    return Number(row?.n ?? 0);
  }

  async unreadPage(q: UnreadPageQuery): Promise<UnreadEntry[]> {
    // One statement a page; the cursor and the source are bounds of their own (no "IS NULL OR").
    const params: (string | number)[] = [q.shortChars, q.pendingPrefix];
    let more = '';
    if (q.beforeId !== undefined) {
      params.push(q.beforeId);
      more += ` AND e.id < $${params.length}`;
    }
    if (q.sourceId !== undefined) {
      params.push(q.sourceId);
      more += ` AND e.source_id = $${params.length}`;
    }
    params.push(Math.max(0, q.limit));
    const rows = await this.db.rows<UnreadRow>(
      `SELECT ${UNREAD_ROW} FROM entries e JOIN sources s ON s.id = e.source_id WHERE ${UNREAD_ALL}${more} ORDER BY e.id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toUnreadEntry);
  }

  async unreadCountsBySource(q: UnreadAllQuery): Promise<SourceCount[]> {
    const rows = await this.db.rows<{ source_id: number; n: number }>(
      `SELECT e.source_id, COUNT(*) AS n FROM entries e JOIN sources s ON s.id = e.source_id WHERE ${UNREAD_ALL} GROUP BY e.source_id ORDER BY e.source_id`,
      [q.shortChars, q.pendingPrefix],
    );
    return rows.map((r) => ({ sourceId: Number(r.source_id), count: Number(r.n) }));
  }

  async countsBySource(shown = false): Promise<SourceCount[]> {
    const rows = await this.db.rows<{ source_id: number; n: number }>(
      'SELECT source_id, COUNT(*) AS n FROM entries WHERE deleted_at IS NULL GROUP BY source_id ORDER BY source_id',
    );
    const all = rows.map((r) => ({ sourceId: r.source_id, count: r.n }));
    // What editors hid, a statement of its own read from their rows (r-counts).
    return shown ? shownSourceCounts(all, await this.db.rows<{ source_id: number; n: number }>(hiddenBySourceSql(true))) : all;
  }

  async getMany(ids: number[]): Promise<Entry[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.rows<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE id = ANY($1::bigint[]) AND deleted_at IS NULL`, [
      [...new Set(ids)],
    ]);
    return inIdOrder(ids, new Map(rows.map((r) => [r.id, r]))).map(toEntry);
  }

  async texts(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.rows<{ id: number; text: string }>(
      'SELECT id, text FROM entries WHERE id = ANY($1::bigint[]) AND deleted_at IS NULL',
      [[...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.id, r.text]));
  }

  async scan(afterId: number, limit: number): Promise<Entry[]> {
    const rows = await this.db.rows<EntryRow>(
      `SELECT ${ENTRY_COLUMNS} FROM entries WHERE id > $1 AND deleted_at IS NULL ORDER BY id LIMIT $2`,
      [afterId, Math.max(0, limit)],
    );
    return rows.map(toEntry);
  }
}

/** The entries at these canonical addresses, with whether `sourceId` has sighted each already. */
async function readCanonicals(
  c: Sql,
  canonicals: readonly string[],
  sourceId: number,
): Promise<Map<string, KeyRow & { canonical_url: string; story_id: number | null; sighted: boolean }>> {
  if (canonicals.length === 0) return new Map();
  const rows = (
    await c.query<KeyRow & { canonical_url: string; story_id: number | null; sighted: boolean }>(
      prepared(
        `SELECT ${KEY_COLUMNS}, dedupe_key, canonical_url, story_id,
           EXISTS (SELECT 1 FROM sightings g WHERE g.entry_id = entries.id AND g.source_id = $2) AS sighted
         FROM entries WHERE ${indexKeyIn('canonical_url', '$1')} AND canonical_url = ANY($1::text[])`,
      ),
      [canonicals, sourceId],
    )
  ).rows;
  return new Map(rows.map((r) => [r.canonical_url, r]));
}

/**
 * Locks the stories of entries about to be sighted by a new source, in id order before the batch's
 * first write, as every writer of a story does (see lockStories). The entries are read again under
 * a share lock once their stories are held: none can move to another story (or gain one) before
 * this transaction commits, so the count made after the sightings are stored is the one kept; an
 * entry that moved meanwhile has its new story locked by a further statement, as in `assign`.
 */
async function lockSighted(c: Sql, rows: readonly { id: number; story_id: number | null }[]): Promise<HeldStories> {
  const ids = rows.map((r) => r.id);
  const held = await lockStories(
    c,
    rows.flatMap((r) => (r.story_id === null ? [] : [r.story_id])),
  );
  for (;;) {
    const current = (
      await c.query<{ story_id: number | null }>(
        prepared('SELECT story_id FROM entries WHERE id = ANY($1::bigint[]) ORDER BY id FOR SHARE'),
        [ids],
      )
    ).rows;
    const left = current.flatMap((r) => (r.story_id === null || held.has(r.story_id) ? [] : [r.story_id]));
    if (left.length === 0) return held;
    await lockStories(c, left, [], held);
  }
}

function clean(it: NewEntry): NewEntry {
  return {
    ...it,
    dedupeKey: noNul(it.dedupeKey),
    fingerprint: noNul(it.fingerprint),
    url: noNul(it.url),
    title: noNul(it.title),
    author: noNul(it.author),
    contentHtml: noNul(it.contentHtml),
    text: noNul(it.text),
    leadImage: noNul(it.leadImage ?? null),
    canonicalUrl: noNul(it.canonicalUrl ?? null),
    outletName: noNul(it.outletName ?? null),
    outletUrl: noNul(it.outletUrl ?? null),
  };
}

/** An update keeps the full text already extracted; the feed's text only replaces the plain text while none exists. */
async function refresh(c: Sql, id: number, it: NewEntry): Promise<void> {
  await c.query(
    `UPDATE entries SET url = $1, title = $2, author = $3, content_html = $4,
       text = CASE WHEN full_html IS NULL THEN $5 ELSE text END, updated_at = $6, categories = $7::jsonb,
       search_title = $9, search_text = CASE WHEN full_html IS NULL THEN $10 ELSE search_text END
     WHERE id = $8`,
    [
      it.url,
      it.title,
      it.author,
      it.contentHtml,
      it.text,
      it.updatedAt,
      jsonb(it.categories ?? []),
      id,
      storedReading(it.title),
      storedReading(it.text),
    ],
  );
}

/** One INSERT for the whole batch; ids come back in batch order. */
async function insertMany(c: Sql, sourceId: number, items: NewEntry[], now: number): Promise<Entry[]> {
  const col = <T>(f: (it: NewEntry) => T): T[] => items.map(f);
  const rows = (
    await c.query<EntryRow>(
      prepared(`INSERT INTO entries (source_id, dedupe_key, fingerprint, url, title, author, content_html, text, lang, dir,
         published_at, updated_at, created_at, lead_image, categories, canonical_url, outlet_name, outlet_url, lang_guessed,
         search_title, search_text)
       SELECT $1, k, f, u, t, a, h, x, l, d, p, up, $2, li, c::jsonb, cu, onm, ou, lg, st, sx
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                   $11::text[], $12::bigint[], $13::bigint[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::boolean[],
                   $20::text[], $21::text[]) WITH ORDINALITY
         AS v(k, f, u, t, a, h, x, l, d, p, up, li, c, cu, onm, ou, lg, st, sx, n)
       ORDER BY n
       ON CONFLICT DO NOTHING
       RETURNING ${ENTRY_COLUMNS}`),
      [
        sourceId,
        now,
        col((it) => it.dedupeKey),
        col((it) => it.fingerprint),
        col((it) => it.url),
        col((it) => it.title),
        col((it) => it.author),
        col((it) => it.contentHtml),
        col((it) => it.text),
        col((it) => it.lang),
        col((it) => it.dir),
        col((it) => it.publishedAt ?? now),
        col((it) => it.updatedAt),
        col((it) => it.leadImage ?? null),
        col((it) => jsonb(it.categories ?? [])),
        col((it) => it.canonicalUrl ?? null),
        col((it) => it.outletName ?? null),
        col((it) => it.outletUrl ?? null),
        col((it) => it.langGuessed === true),
        col((it) => storedReading(it.title)),
        col((it) => storedReading(it.text)),
      ],
    )
  ).rows;
  const order = new Map(items.map((it, i) => [it.dedupeKey, i]));
  return rows.map(toEntry).sort((a, b) => (order.get(a.dedupeKey) ?? 0) - (order.get(b.dedupeKey) ?? 0));
}

/** Whether the entry `id` (an SQL expression) holds a queued or running job of pending key `prefix` + id (through jobs_pending_key). */
function pendingJob(id: string, prefix: string): string {
  return `EXISTS (SELECT 1 FROM jobs j WHERE j.pending_key = ${prefix}::text || ${id}::text AND j.state IN ('queued', 'running'))`;
}

/**
 * A source's ($1) live entries never read in full with an http(s) link, feed text under $2
 * characters (null: any), and no read of theirs queued or running ($3: the key prefix).
 */
const UNREAD = `e.source_id = $1 AND e.deleted_at IS NULL AND e.extract_status = 'none'
  AND (e.url ILIKE 'http://%' OR e.url ILIKE 'https://%') AND ($2::int IS NULL OR e.text_chars < $2::int)
  AND NOT ${pendingJob('e.id', '$3')}`;

/** What a row of the never-read list reads (entries joined with their source). */
const UNREAD_ROW =
  'e.id, e.source_id, e.url, e.title, e.lang, e.dir, e.published_at, s.title AS source_title, s.url AS source_url, s.extract_mode';

/**
 * The same entries over every source that reads full text, each by its own mode (joined from
 * sources): "always" any text, "short" feed text under $1 characters; "off" none ($2: the key prefix).
 */
const UNREAD_ALL = `e.deleted_at IS NULL AND e.extract_status = 'none'
  AND (e.url ILIKE 'http://%' OR e.url ILIKE 'https://%')
  AND (s.extract_mode = 'always' OR (s.extract_mode = 'short' AND e.text_chars < $1::int))
  AND NOT ${pendingJob('e.id', '$2')}`;

/**
 * The live failures of `reason` ($1) below the id $2 (none: every one), as a WHERE clause matching
 * the failures' partial index. "other" is every key this version does not name, and none; the
 * others are their own key.
 */
function failedOf(reason: string): string {
  const r = reasonKeys('failed', reason);
  return `deleted_at IS NULL AND extract_status = 'failed'
    AND ${'key' in r ? 'extract_error = $1' : '(extract_error IS NULL OR NOT (extract_error = ANY($1::text[])))'}
    AND ($2::bigint IS NULL OR id < $2)`;
}

function failedParams(reason: string, beforeId: number | undefined): [string | string[], number | null] {
  const r = reasonKeys('failed', reason);
  return ['key' in r ? r.key : r.notIn, beforeId ?? null];
}
