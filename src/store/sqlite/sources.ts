import type { Database } from 'better-sqlite3';
import type { NewSource, Source, SourcePatch } from '../../domain/source.js';
import type { FeedMeta } from '../../domain/feed.js';
import { feedKey } from '../../domain/feed-key.js';
import { sameFeeds, type SameFeed, type SameFeedRow } from '../../domain/same-feed.js';
import { checkSettingsKey, settingsJson } from '../../domain/settings-changes.js';
import { resolveSourceChange, type RefusedSourceField, type ShownSourceChange, type SourceCondition } from '../../domain/shown-check.js';
import { SourceAddressTaken, type SourceRemoval, type SourceRepo } from '../store.js';
import { toSource, type SourceRow } from './rows.js';
import { NEW_SOURCE_COLUMNS, newSourceValues, SOURCE_PATCH_COLUMN as COLUMN } from '../rows.js';
import { StatementCache } from './statements.js';
import { carryHideSql, sourceCopyPairsSql } from '../carry-hide.js';
import { refreshStories } from './stories.js';
import {
  freeCopiesSql,
  handOverSql,
  liveEntriesSql,
  promotedStoriesSql,
  REMOVAL_BUMP,
  repointCopiesSql,
  sourceStoriesSql,
} from '../story-rows.js';

const LIVE_ENTRIES = liveEntriesSql('?');
/**
 * Of the sources `s` sharing a feed address (two spellings stored before migration 46), only the
 * lowest id not paused is polled (p-dupsources; domain/same-feed.ts says the same in JS). By the
 * key's index; a row whose key is NULL (a hand-made insert) matches none. Only a source of the same
 * kind stands in (r2-dupsources): a listing page or a sitemap at a feed's address is not read as a
 * feed, so a failing page source held the feed source off and the feed was read by nobody. An
 * empty key (a hand-made insert; feedKey never makes one) is no address: two such rows are two sources.
 */
const POLLED_ALONE = `NOT EXISTS (SELECT 1 FROM sources o WHERE s.feed_key <> '' AND o.feed_key = s.feed_key AND o.kind = s.kind AND o.id < s.id AND o.status <> 'disabled')`;
const CARRY = carryHideSql(false, sourceCopyPairsSql('@id'), '@now');

export class SqliteSourceRepo implements SourceRepo {
  private readonly sql: StatementCache;

  constructor(
    private readonly db: Database,
    private readonly defaults: { intervalSeconds: number; extractMode: Source['extractMode'] },
  ) {
    this.sql = new StatementCache(db);
  }

  async add(input: NewSource, now = Date.now()): Promise<{ source: Source; created: boolean }> {
    // One source per feed address (p-sourcekey): a source whose address has the same feedKey is the
    // one asked for, found and inserted in one IMMEDIATE transaction so that two writers adding two
    // spellings at once still make one source.
    const key = feedKey(input.url);
    return this.db
      .transaction(() => {
        const existing = this.byKey(input.url, key);
        if (existing) return { source: existing, created: false };
        const info = this.sql
          .get(
            `INSERT INTO sources (${NEW_SOURCE_COLUMNS})
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO NOTHING`,
          )
          .run(...newSourceValues(input, this.defaults, now, settingsJson));
        const row = info.changes
          ? (this.sql.get('SELECT * FROM sources WHERE id = ?').get(Number(info.lastInsertRowid)) as SourceRow | undefined)
          : undefined;
        const source = row ? toSource(row) : this.byKey(input.url, key);
        if (!source) throw new Error(`source ${input.url} vanished while being added`);
        return { source, created: info.changes > 0 };
      })
      .immediate();
  }

  async get(id: number): Promise<Source | undefined> {
    const row = this.sql.get('SELECT * FROM sources WHERE id = ?').get(id) as SourceRow | undefined;
    return row && toSource(row);
  }

  async getByUrl(url: string): Promise<Source | undefined> {
    return this.byKey(url, feedKey(url));
  }

  /**
   * The source at `url` or at another spelling of it (the same feedKey): the exact spelling first,
   * else the oldest (two spellings stored before migration 46 both stay). A row whose key is not
   * written (inserted by hand) is still found by its exact address. Two index lookups, no scan.
   */
  private byKey(url: string, key: string): Source | undefined {
    const row = this.sql
      .get('SELECT * FROM sources WHERE feed_key = @key OR url = @url ORDER BY url = @url DESC, id LIMIT 1')
      .get({ key, url }) as SourceRow | undefined;
    return row && toSource(row);
  }

  async list(): Promise<Source[]> {
    return (this.sql.get('SELECT * FROM sources ORDER BY id').all() as SourceRow[]).map(toSource);
  }

  async update(id: number, patch: SourcePatch): Promise<Source | undefined> {
    this.applyPatch(id, patch, false);
    return this.get(id);
  }

  async updateShown(
    id: number,
    change: ShownSourceChange,
  ): Promise<{ source: Source; before: Source; refused: RefusedSourceField[]; unmet: boolean } | undefined> {
    // One transaction: the check reads the row the write then changes. IMMEDIATE (r-http): the
    // write lock from the start, so no other connection (the ingest thread's) commits between the
    // check and the write; deferred, the write then failed with SQLITE_BUSY_SNAPSHOT.
    return this.db
      .transaction(() => {
        const row = this.sql.get(`SELECT * FROM sources WHERE id = ?`).get(id) as SourceRow | undefined;
        if (!row) return undefined;
        const before = toSource(row);
        const { patch, refused, unmet } = resolveSourceChange(before, change);
        if (unmet) return { source: before, before, refused, unmet };
        this.applyPatch(id, patch, false);
        const after = this.sql.get(`SELECT * FROM sources WHERE id = ?`).get(id) as SourceRow;
        return { source: toSource(after), before, refused, unmet };
      })
      .immediate();
  }

  async remove(id: number): Promise<boolean>;
  async remove(id: number, whole: SourceCondition): Promise<SourceRemoval>;
  async remove(id: number, whole?: SourceCondition): Promise<boolean | SourceRemoval> {
    const out = this.removeChecked(id, whole);
    return whole ? out : out.outcome === 'removed';
  }

  private removeChecked(id: number, whole: SourceCondition | undefined): SourceRemoval {
    return this.db
      .transaction((): SourceRemoval => {
        // The row the condition is judged on and the caller's audit names, in the transaction that
        // removes it (SQLite runs it alone).
        const row = this.sql.get('SELECT * FROM sources WHERE id = ?').get(id) as SourceRow | undefined;
        if (!row) return { outcome: 'missing' };
        const before = toSource(row);
        if (whole && !whole(before)) return { outcome: 'unmet' };
        // Its live entries, counted before the hand-over below moves some to another source (what
        // entries.count({sourceId}) says; r-edges): in this transaction, so none stored meanwhile is missed.
        const entries = (this.sql.get(LIVE_ENTRIES).get(id) as { n: number }).n;
        // The removals counter, in this transaction (c-live): the entries leaving with the source leave
        // the story step's clusterer at its next batch.
        this.sql.get(REMOVAL_BUMP).run();
        this.sql.get(handOverSql(() => '@id')).run({ id });
        // Per original leaving, as an entry's removal: the earliest live copy elsewhere is to be the
        // article and the other copies copy it (p-removepromote); the picks still point at their
        // originals until freeCopiesSql below.
        this.sql.get(repointCopiesSql(false, () => '@id')).run({ id });
        // Their stories gain an article (a copy may be in another story than its original).
        const promoted = this.sql
          .get(promotedStoriesSql(() => '@id'))
          .pluck()
          .all({ id }) as number[];
        // A hidden original's hide goes to the copy picked for it (carry-hide.ts), read before the
        // picks are freed and the originals' overrides go with their entries.
        this.sql.get(CARRY.audit).run({ id, now: Date.now() });
        this.sql.get(CARRY.override).run({ id });
        this.sql.get(freeCopiesSql(() => '@id')).run({ id });
        // Every story of an entry it carried, its own or sighted, loses it as a source.
        const stories = this.sql
          .get(sourceStoriesSql(() => '@id'))
          .pluck()
          .all({ id }) as number[];
        const gone = this.sql.get('DELETE FROM sources WHERE id = ?').run(id).changes > 0;
        refreshStories(this.sql, [...stories, ...promoted], Date.now());
        return gone ? { outcome: 'removed', before, entries } : { outcome: 'missing' };
        // IMMEDIATE, as updateShown: the row judged is the row removed, whatever another connection does.
      })
      .immediate();
  }

  async claimDue(now: number, limit: number, owner: string, leaseMs: number): Promise<Source[]> {
    // One statement picks and leases, so two processes sharing the file cannot claim the same row.
    const rows = this.sql
      .get(
        `UPDATE sources SET lease_owner = ?, lease_until = ?
         WHERE id IN (
           SELECT id FROM sources s
           WHERE status <> 'disabled' AND next_check_at <= ? AND (lease_until IS NULL OR lease_until < ?) AND ${POLLED_ALONE}
           ORDER BY next_check_at, id LIMIT ?)
         RETURNING *`,
      )
      // As in PostgreSQL: sources due at the same moment by id, and no limit (SQLite's LIMIT -1) is none.
      .all(owner, now + leaseMs, now, now, Math.max(0, limit)) as SourceRow[];
    return rows.map(toSource).sort((a, b) => a.nextCheckAt - b.nextCheckAt || a.id - b.id);
  }

  async renewLeases(ids: readonly number[], owner: string, until: number): Promise<number> {
    if (ids.length === 0) return 0;
    // json_each keeps this one prepared statement whatever the number of ids.
    return this.sql
      .get('UPDATE sources SET lease_until = ? WHERE lease_owner = ? AND id IN (SELECT value FROM json_each(?))')
      .run(until, owner, JSON.stringify(ids)).changes;
  }

  async finishCheck(id: number, patch: SourcePatch, feedMeta?: FeedMeta): Promise<void> {
    this.applyPatch(id, patch, true, feedMeta);
  }

  async setFeedMeta(id: number, meta: FeedMeta): Promise<void> {
    this.sql.get('UPDATE sources SET feed_meta = ? WHERE id = ?').run(JSON.stringify(meta), id);
  }

  async getFeedMeta(id: number): Promise<FeedMeta | undefined> {
    const row = this.sql.get('SELECT feed_meta FROM sources WHERE id = ?').get(id) as { feed_meta: string | null } | undefined;
    return row?.feed_meta ? (JSON.parse(row.feed_meta) as FeedMeta) : undefined;
  }

  async getFeedMetas(ids: readonly number[]): Promise<Map<number, FeedMeta>> {
    const out = new Map<number, FeedMeta>();
    if (ids.length === 0) return out;
    // One statement for any number of ids: the list goes in as a JSON array.
    const rows = this.sql
      .get('SELECT id, feed_meta FROM sources WHERE id IN (SELECT value FROM json_each(?)) AND feed_meta IS NOT NULL')
      .all(JSON.stringify([...new Set(ids)])) as { id: number; feed_meta: string }[];
    for (const r of rows) {
      try {
        out.set(r.id, JSON.parse(r.feed_meta) as FeedMeta);
      } catch {
        // A damaged row reads as "no metadata", like getFeedMeta's caller would treat it.
      }
    }
    return out;
  }

  async nextDueAt(): Promise<number | undefined> {
    // The same sources claimDue hands out: a spelling not polled is never due, or the scheduler
    // would wake for it every second.
    const row = this.sql.get(`SELECT MIN(next_check_at) AS t FROM sources s WHERE status <> 'disabled' AND ${POLLED_ALONE}`).get() as {
      t: number | null;
    };
    return row.t ?? undefined;
  }

  async sameFeeds(): Promise<Map<number, SameFeed>> {
    // One query: the keys held more than once (a scan of the key's index), then their rows by it.
    const rows = this.sql
      .get(
        `SELECT id, feed_key AS feedKey, kind, status, title, url FROM sources WHERE (feed_key, kind) IN (
           SELECT feed_key, kind FROM sources WHERE feed_key IS NOT NULL AND feed_key <> '' GROUP BY feed_key, kind HAVING COUNT(*) > 1)
         ORDER BY id`,
      )
      .all() as SameFeedRow[];
    return sameFeeds(rows);
  }

  private applyPatch(id: number, patch: SourcePatch, releaseLease: boolean, feedMeta?: FeedMeta): void {
    const sets: string[] = [];
    const values: unknown[] = [];
    const { settingsChanges, ...columns } = patch;
    // The patch's own fields only, by the column list: a stray property of an object built
    // elsewhere (a whole `settings` of the old patch, say) is not a column and is not written.
    for (const key of Object.keys(COLUMN) as (keyof typeof COLUMN)[]) {
      const value = columns[key];
      if (value === undefined) continue;
      sets.push(`${COLUMN[key]} = ?`);
      values.push(key === 'previousUrls' ? JSON.stringify(value) : value);
    }
    // A moved address (a permanent redirect) moves its key with it.
    if (columns.url !== undefined) {
      sets.push('feed_key = ?');
      values.push(feedKey(columns.url));
    }
    // The keys changed, in this statement against the row as it is now (settings-changes.ts): the
    // removed ones by json_remove, the set ones by json_set; the paths are bound, and the text
    // depends on how many there are only.
    const changed = Object.entries(settingsChanges ?? {}).filter(([, v]) => v !== undefined);
    if (changed.length) {
      const path = ([k]: [string, unknown]): string => `$."${checkSettingsKey(k)}"`;
      const removed = changed.filter(([, v]) => v === null);
      const set = changed.filter(([, v]) => v !== null);
      // A row that is not a JSON object (hand-edited, or JSON5 that JSON.parse refuses) is read as
      // {} (rows.ts asObject); the change applies to that {} too (r-leftovers), as a whole-object
      // write did: json_set on an array or scalar changed nothing, on malformed text it failed.
      let expr = `(CASE WHEN NOT json_valid(settings) THEN '{}' WHEN json_type(settings) = 'object' THEN settings ELSE '{}' END)`;
      if (removed.length) expr = `json_remove(${expr}${', ?'.repeat(removed.length)})`;
      if (set.length) expr = `json_set(${expr}${', ?, json(?)'.repeat(set.length)})`;
      sets.push(`settings = ${expr}`);
      values.push(...removed.map(path), ...set.flatMap((e) => [path(e), settingsJson(e[1])]));
    }
    if (feedMeta !== undefined) {
      sets.push('feed_meta = ?');
      values.push(JSON.stringify(feedMeta));
    }
    if (releaseLease) sets.push('lease_owner = NULL', 'lease_until = NULL');
    if (sets.length === 0) return;
    const write = (): void => {
      this.sql.get(`UPDATE sources SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
    };
    if (columns.url === undefined) {
      write();
      return;
    }
    // A move (r2-sourcekey): refused when another source is at the new address under any spelling,
    // checked in the write's own IMMEDIATE transaction. The caller's look (refresh-feed's
    // newAddress) can be overtaken by an add or another move; the url's UNIQUE caught only the
    // same spelling, so two sources of one feed address were left. A key the source holds already
    // (two spellings stored before migration 46) is not a new one.
    const url = columns.url;
    this.db
      .transaction(() => {
        const other = this.sql
          .get(
            `SELECT id FROM sources WHERE id <> @id AND (url = @url OR (feed_key = @key AND feed_key IS NOT
               (SELECT feed_key FROM sources WHERE id = @id))) LIMIT 1`,
          )
          .get({ id, url, key: feedKey(url) }) as { id: number } | undefined;
        if (other) throw new SourceAddressTaken(other.id);
        write();
      })
      .immediate();
  }
}
