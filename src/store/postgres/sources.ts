import type pg from 'pg';
import type { NewSource, Source, SourcePatch } from '../../domain/source.js';
import type { FeedMeta } from '../../domain/feed.js';
import { feedKey } from '../../domain/feed-key.js';
import { sameFeeds, type SameFeed, type SameFeedRow } from '../../domain/same-feed.js';
import { checkSettingsKey, settingsJson } from '../../domain/settings-changes.js';
import { resolveSourceChange, type RefusedSourceField, type ShownSourceChange, type SourceCondition } from '../../domain/shown-check.js';
import type { SharedClock } from '../clock.js';
import { nowIn } from './clock.js';
import { SourceAddressTaken, type SourceRemoval, type SourceRepo } from '../store.js';
import { jsonb, prepared, type Db } from './db.js';
import { lockStories, refreshStories } from './stories.js';
import { holdStoryGate } from './story-gate.js';
import {
  freeCopiesSql,
  handOverSql,
  liveEntriesSql,
  promotedStoriesSql,
  REMOVAL_BUMP,
  repointCopiesSql,
  sourceStoriesSql,
} from '../story-rows.js';
import { Params, SOURCE_COLUMNS, toSource, type SourceRow } from './rows.js';
import { indexKeyIs } from './index-key.js';
import { carryHideSql, sourceCopyPairsSql } from '../carry-hide.js';
import { NEW_SOURCE_COLUMNS, newSourceValues, SOURCE_PATCH_COLUMN as COLUMN } from '../rows.js';

const LIVE_ENTRIES = prepared(liveEntriesSql('$1'));
const CARRY = carryHideSql(true, sourceCopyPairsSql('$1'), '$2::bigint');
const REPOINT_COPIES = repointCopiesSql(true, () => '$1');
const PROMOTED_STORIES = promotedStoriesSql(() => '$1', true);

/** Transaction-level advisory lock key serialising the adds of one feed address ("SK"), with the key's hash. */
const SOURCE_KEY_LOCK = 0x534b;
const KEY_LOCK = 'SELECT pg_advisory_xact_lock($1::int, hashtext(current_schema() || $2::text))';

/**
 * The source at $1 or at another spelling of it (feedKey $2): the exact spelling first, else the
 * oldest. Both lookups ask their column's index expression (index-key.ts); a row whose key is not
 * written is still found by its exact address.
 */
const BY_KEY = `SELECT ${SOURCE_COLUMNS} FROM sources
  WHERE (${indexKeyIs('feed_key', '$2')} AND feed_key = $2) OR (${indexKeyIs('url', '$1')} AND url = $1)
  ORDER BY url = $1 DESC, id LIMIT 1`;

/**
 * Of the sources `s` sharing a feed address (two spellings stored before migration 46), only the
 * lowest id not paused is polled (p-dupsources; domain/same-feed.ts says the same in JS). By the
 * key's index expression (index-key.ts); a row whose key is NULL matches none. Only a source of
 * the same kind stands in, and an empty key is no address (r2-dupsources; sqlite/sources.ts says why).
 */
const POLLED_ALONE = `NOT EXISTS (SELECT 1 FROM sources o WHERE newsdesk_index_key(o.feed_key) = newsdesk_index_key(s.feed_key)
  AND s.feed_key <> '' AND o.feed_key = s.feed_key AND o.kind = s.kind AND o.id < s.id AND o.status <> 'disabled')`;

/** A conditional removal's condition was false: thrown to roll its transaction back. */
class Unmet extends Error {}

export class PostgresSourceRepo implements SourceRepo {
  constructor(
    private readonly db: Db,
    private readonly defaults: { intervalSeconds: number; extractMode: Source['extractMode'] },
    private readonly clock: SharedClock,
  ) {}

  async add(input: NewSource, at?: number): Promise<{ source: Source; created: boolean }> {
    // A new source is due at once by the store's clock, which pollers claim by: by this machine's,
    // one running ten minutes fast added sources nobody polled for ten minutes.
    const now = at ?? (await this.clock.now());
    // One source per feed address (p-sourcekey): a source whose address has the same feedKey is the
    // one asked for. The key's index is not unique (spellings stored twice before migration 46
    // stay), so adds of one key are serialised by a transaction-level advisory lock on it: two
    // writers adding two spellings at once make one source.
    const key = feedKey(input.url);
    return this.db.tx(async (c) => {
      await c.query(KEY_LOCK, [SOURCE_KEY_LOCK, key]);
      const existing = (await c.query<SourceRow>(BY_KEY, [input.url, key])).rows[0];
      if (existing) return { source: toSource(existing), created: false };
      const row = (
        await c.query<SourceRow>(
          `INSERT INTO sources (${NEW_SOURCE_COLUMNS})
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10) ON CONFLICT (newsdesk_index_key(url)) DO NOTHING
           RETURNING ${SOURCE_COLUMNS}`,
          newSourceValues(input, this.defaults, now, settingsJson),
        )
      ).rows[0];
      if (row) return { source: toSource(row), created: true };
      const stored = (await c.query<SourceRow>(BY_KEY, [input.url, key])).rows[0];
      if (!stored) throw new Error(`source ${input.url} vanished while being added`);
      return { source: toSource(stored), created: false };
    });
  }

  async get(id: number): Promise<Source | undefined> {
    const row = await this.db.one<SourceRow>(`SELECT ${SOURCE_COLUMNS} FROM sources WHERE id = $1`, [id]);
    return row && toSource(row);
  }

  async getByUrl(url: string): Promise<Source | undefined> {
    const row = await this.db.one<SourceRow>(BY_KEY, [url, feedKey(url)]);
    return row && toSource(row);
  }

  async list(): Promise<Source[]> {
    return (await this.db.rows<SourceRow>(`SELECT ${SOURCE_COLUMNS} FROM sources ORDER BY id`)).map(toSource);
  }

  async update(id: number, patch: SourcePatch): Promise<Source | undefined> {
    await this.applyPatch(id, patch, false);
    return this.get(id);
  }

  async updateShown(
    id: number,
    change: ShownSourceChange,
  ): Promise<{ source: Source; before: Source; refused: RefusedSourceField[]; unmet: boolean } | undefined> {
    // One transaction with the row locked: no writer changes it between the check and the write
    // (a concurrent settings change, a check's cursor, waits and then applies to this result).
    return this.db.tx(async (c) => {
      const row = (await c.query<SourceRow>(`SELECT ${SOURCE_COLUMNS} FROM sources WHERE id = $1 FOR UPDATE`, [id])).rows[0];
      if (!row) return undefined;
      const before = toSource(row);
      const { patch, refused, unmet } = resolveSourceChange(before, change);
      if (unmet) return { source: before, before, refused, unmet };
      await this.applyPatch(id, patch, false, undefined, (sql, values) => c.query(sql, values));
      const after = (await c.query<SourceRow>(`SELECT ${SOURCE_COLUMNS} FROM sources WHERE id = $1`, [id])).rows[0];
      return { source: after ? toSource(after) : before, before, refused, unmet };
    });
  }

  async remove(id: number): Promise<boolean>;
  async remove(id: number, whole: SourceCondition): Promise<SourceRemoval>;
  async remove(id: number, whole?: SourceCondition): Promise<boolean | SourceRemoval> {
    try {
      const gone = await this.removeChecked(id, whole);
      if (!whole) return gone !== undefined;
      return gone ? { outcome: 'removed', before: gone.source, entries: gone.entries } : { outcome: 'missing' };
    } catch (err) {
      if (err instanceof Unmet) return { outcome: 'unmet' };
      throw err;
    }
  }

  /** The row removed (as locked just before its DELETE) and its live entries then, undefined when there was none. */
  private async removeChecked(id: number, whole: SourceCondition | undefined): Promise<{ source: Source; entries: number } | undefined> {
    return this.db.tx(async (c) => {
      // The removals counter, in this transaction and first (c-live; see entries.ts `remove`), after
      // the story gate (story-gate.ts), as an entry's removal.
      await holdStoryGate(c);
      // The carried hides' audit rows and the stories' updates by the store's clock, read once the
      // gate is passed (one read): as an entry's removal, never dated before a hide it waited for.
      const now = await nowIn(this.clock, c);
      await c.query(REMOVAL_BUMP);
      // The stories of the entries it carried (its own and those it sighted) are locked before any
      // entry is written (see lockStories): all of them lose it as a source.
      const stories = async (): Promise<number[]> =>
        (await c.query<{ story_id: number }>(prepared(sourceStoriesSql((n) => `$${n}`)), [id, id])).rows.map((r) => r.story_id);
      // … and the stories of its entries' copies in other sources: the one picked per original
      // below gains an article there.
      const promoted = async (): Promise<number[]> =>
        (await c.query<{ story_id: number }>(prepared(PROMOTED_STORIES), [id])).rows.map((r) => r.story_id);
      await lockStories(c, [...(await stories()), ...(await promoted())]);
      const handed = await c.query(
        handOverSql(() => '$1'),
        [id],
      );
      // Per original leaving, as an entry's removal: the earliest live copy elsewhere is to be the
      // article and the other copies copy it (p-removepromote); the picks still point at their
      // originals until freeCopiesSql below, and are read here for the recount.
      await c.query(REPOINT_COPIES, [id]);
      const picked = await promoted();
      // A hidden original's hide goes to the copy picked for it (carry-hide.ts), read before the
      // picks are freed and the originals' overrides go with their entries.
      await c.query(prepared(CARRY.audit), [id, now]);
      await c.query(prepared(CARRY.override), [id]);
      await c.query(
        freeCopiesSql(() => '$1', true),
        [id],
      );
      // Read again: an entry that moved to another story meanwhile has that story recounted.
      const touched = await stories();
      // The row as removed: the DELETE's RETURNING, the row it locked and deleted (an audit's
      // "before", p-edges). With a condition it is first judged on the row locked here, where the
      // DELETE would lock it anyway (the lock order stays the gate's, then the stories', then the
      // source's); when it is false the transaction rolls back, the counter and hand-overs above
      // with it.
      if (whole) {
        const row = (await c.query<SourceRow>(`SELECT ${SOURCE_COLUMNS} FROM sources WHERE id = $1 FOR UPDATE`, [id])).rows[0];
        if (!row) return undefined;
        if (!whole(toSource(row))) throw new Unmet();
      }
      // Its live entries as it goes (r-edges): those handed over above and those left to go with it,
      // counted after the row lock, which an entry's insert (its foreign key takes KEY SHARE on the
      // row) now waits for, so an entry stored between the caller's read and here is counted. Only
      // with a condition: the plain removal answers a boolean and takes no lock before its DELETE.
      const entries = whole ? (handed.rowCount ?? 0) + Number((await c.query<{ n: string }>(LIVE_ENTRIES, [id])).rows[0]?.n ?? 0) : 0;
      const gone = (await c.query<SourceRow>(`DELETE FROM sources WHERE id = $1 RETURNING ${SOURCE_COLUMNS}`, [id])).rows[0];
      await refreshStories(c, [...touched, ...picked], now);
      return gone ? { source: toSource(gone), entries } : undefined;
    });
  }

  async claimDue(now: number, limit: number, owner: string, leaseMs: number): Promise<Source[]> {
    // SKIP LOCKED: a worker passes over rows another worker is leasing this instant instead of
    // waiting for it, and the lease re-check after the lock (READ COMMITTED re-evaluates the WHERE
    // on the newest row version) keeps a row that was just leased from being handed out again.
    const rows = await this.db.rows<SourceRow>(
      `UPDATE sources s SET lease_owner = $1, lease_until = $2
       FROM (
         SELECT id FROM sources s
         WHERE status <> 'disabled' AND next_check_at <= $3 AND (lease_until IS NULL OR lease_until < $3) AND ${POLLED_ALONE}
         ORDER BY next_check_at, id LIMIT $4
         FOR UPDATE SKIP LOCKED) due
       WHERE s.id = due.id
       RETURNING ${SOURCE_COLUMNS.split(', ')
         .map((c) => `s.${c}`)
         .join(', ')}`,
      [owner, now + leaseMs, now, Math.max(0, limit)],
    );
    return rows.map(toSource).sort((a, b) => a.nextCheckAt - b.nextCheckAt || a.id - b.id);
  }

  async renewLeases(ids: readonly number[], owner: string, until: number): Promise<number> {
    if (ids.length === 0) return 0;
    return this.db.run('UPDATE sources SET lease_until = $1 WHERE lease_owner = $2 AND id = ANY($3::bigint[])', [until, owner, [...ids]]);
  }

  async finishCheck(id: number, patch: SourcePatch, feedMeta?: FeedMeta): Promise<void> {
    await this.applyPatch(id, patch, true, feedMeta);
  }

  async setFeedMeta(id: number, meta: FeedMeta): Promise<void> {
    await this.db.run('UPDATE sources SET feed_meta = $1::jsonb WHERE id = $2', [jsonb(meta), id]);
  }

  async getFeedMeta(id: number): Promise<FeedMeta | undefined> {
    const row = await this.db.one<{ feed_meta: FeedMeta | null }>('SELECT feed_meta FROM sources WHERE id = $1', [id]);
    return row?.feed_meta ?? undefined;
  }

  async getFeedMetas(ids: readonly number[]): Promise<Map<number, FeedMeta>> {
    const out = new Map<number, FeedMeta>();
    if (ids.length === 0) return out;
    const rows = await this.db.rows<{ id: number; feed_meta: FeedMeta }>(
      'SELECT id, feed_meta FROM sources WHERE id = ANY($1::bigint[]) AND feed_meta IS NOT NULL',
      [[...new Set(ids)]],
    );
    for (const r of rows) out.set(Number(r.id), r.feed_meta);
    return out;
  }

  async nextDueAt(): Promise<number | undefined> {
    // The same sources claimDue hands out: a spelling not polled is never due, or the scheduler
    // would wake for it every second.
    // The first by the due index, not MIN(): PostgreSQL planned MIN() over the anti-join as two
    // sequential scans and a hash (17 ms at 10,100 sources, on every scheduler sleep); ordered and
    // limited it walks sources_due and probes the key's index per row (1.7 ms; r2-dupsources).
    const row = await this.db.one<{ t: number | null }>(
      `SELECT next_check_at AS t FROM sources s WHERE status <> 'disabled' AND ${POLLED_ALONE} ORDER BY next_check_at LIMIT 1`,
    );
    return row?.t ?? undefined;
  }

  async sameFeeds(): Promise<Map<number, SameFeed>> {
    // One query: the keys held more than once, then their rows.
    const rows = await this.db.rows<{
      id: number | string;
      feed_key: string;
      kind: SameFeedRow['kind'];
      status: SameFeedRow['status'];
      title: string | null;
      url: string;
    }>(
      `SELECT id, feed_key, kind, status, title, url FROM sources WHERE (feed_key, kind) IN (
         SELECT feed_key, kind FROM sources WHERE feed_key IS NOT NULL AND feed_key <> '' GROUP BY feed_key, kind HAVING COUNT(*) > 1)
       ORDER BY id`,
    );
    return sameFeeds(
      rows.map((r) => ({ id: Number(r.id), feedKey: r.feed_key, kind: r.kind, status: r.status, title: r.title, url: r.url })),
    );
  }

  private async applyPatch(
    id: number,
    patch: SourcePatch,
    releaseLease: boolean,
    feedMeta?: FeedMeta,
    // A transaction's client (updateShown), else the pool.
    run: (sql: pg.QueryConfig, values: unknown[]) => Promise<unknown> = (sql, values) => this.db.run(sql, values),
  ): Promise<void> {
    const p = new Params();
    const sets: string[] = [];
    const { settingsChanges, ...columns } = patch;
    // The patch's own fields only, by the column list: a stray property of an object built
    // elsewhere (a whole `settings` of the old patch, say) is not a column and is not written.
    for (const key of Object.keys(COLUMN) as (keyof typeof COLUMN)[]) {
      const value = columns[key];
      if (value === undefined) continue;
      const json = key === 'previousUrls';
      sets.push(json ? `${COLUMN[key]} = ${p.add(jsonb(value))}::jsonb` : `${COLUMN[key]} = ${p.add(value)}`);
    }
    // A moved address (a permanent redirect) moves its key with it.
    if (columns.url !== undefined) sets.push(`feed_key = ${p.add(feedKey(columns.url))}`);
    // The keys changed, in this statement against the row as it is now (settings-changes.ts): the
    // removed ones subtracted, the set ones merged over the rest (jsonb's || replaces top-level
    // keys whole). The row's lock makes a concurrent change wait and then apply to this result.
    // Keys are checked as SQLite's paths are, though jsonb would take any: one contract for both.
    const changed = Object.entries(settingsChanges ?? {}).filter(([k, v]) => v !== undefined && checkSettingsKey(k));
    if (changed.length) {
      const removed = changed.filter(([, v]) => v === null).map(([k]) => k);
      const set = Object.fromEntries(changed.filter(([, v]) => v !== null));
      // A row that is not a JSON object is read as {} (rows.ts asObject) and changed as {}
      // (r-leftovers): `-` on a scalar failed the update, `||` on an array appended the object to it.
      const base = `(CASE WHEN jsonb_typeof(settings) = 'object' THEN settings ELSE '{}'::jsonb END)`;
      sets.push(`settings = (${base} - ${p.add(removed)}::text[]) || ${p.add(settingsJson(set))}::jsonb`);
    }
    if (feedMeta !== undefined) sets.push(`feed_meta = ${p.add(jsonb(feedMeta))}::jsonb`);
    if (releaseLease) sets.push('lease_owner = NULL', 'lease_until = NULL');
    if (sets.length === 0) return;
    // Prepared: every check ends here, and the text is built from column names only (one
    // statement per combination of fields a caller sets, a handful), never from values.
    const update = `UPDATE sources SET ${sets.join(', ')} WHERE id = ${p.add(id)}`;
    if (columns.url === undefined) {
      await run(prepared(update), p.values);
      return;
    }
    // A move (r2-sourcekey): refused when another source is at the new address under any spelling,
    // under the add's lock on the new key, in the write's own transaction (SQLite's applyPatch).
    const url = columns.url;
    const key = feedKey(url);
    await this.db.tx(async (c) => {
      await c.query(KEY_LOCK, [SOURCE_KEY_LOCK, key]);
      const other = (
        await c.query<{ id: string }>(
          `SELECT id FROM sources WHERE id <> $1 AND ((${indexKeyIs('url', '$2')} AND url = $2)
             OR (${indexKeyIs('feed_key', '$3')} AND feed_key = $3
                 AND feed_key IS DISTINCT FROM (SELECT feed_key FROM sources WHERE id = $1))) LIMIT 1`,
          [id, url, key],
        )
      ).rows[0];
      if (other) throw new SourceAddressTaken(Number(other.id));
      await c.query(update, p.values);
    });
  }
}
