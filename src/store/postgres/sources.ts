import type { NewSource, Source, SourcePatch } from '../../domain/source.js';
import type { FeedMeta } from '../../parse/types.js';
import type { SourceRepo } from '../store.js';
import { jsonb, type Db } from './db.js';
import { Params, SOURCE_COLUMNS, toSource, type SourceRow } from './rows.js';

const COLUMN: Record<keyof SourcePatch, string> = {
  url: 'url',
  kind: 'kind',
  title: 'title',
  siteUrl: 'site_url',
  etag: 'etag',
  lastModified: 'last_modified',
  status: 'status',
  errorCount: 'error_count',
  lastError: 'last_error',
  nextCheckAt: 'next_check_at',
  lastCheckedAt: 'last_checked_at',
  lastSuccessAt: 'last_success_at',
  intervalSeconds: 'interval_seconds',
  extractMode: 'extract_mode',
  settings: 'settings',
};

export class PostgresSourceRepo implements SourceRepo {
  constructor(
    private readonly db: Db,
    private readonly defaults: { intervalSeconds: number; extractMode: Source['extractMode'] },
  ) {}

  async add(input: NewSource, now = Date.now()): Promise<{ source: Source; created: boolean }> {
    const row = await this.db.one<SourceRow>(
      `INSERT INTO sources (url, kind, title, site_url, next_check_at, interval_seconds, extract_mode, settings, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9) ON CONFLICT (url) DO NOTHING
       RETURNING ${SOURCE_COLUMNS}`,
      [
        input.url,
        input.kind ?? 'feed',
        input.title ?? null,
        input.siteUrl ?? null,
        now,
        input.intervalSeconds ?? this.defaults.intervalSeconds,
        input.extractMode ?? this.defaults.extractMode,
        jsonb(input.settings ?? {}),
        now,
      ],
    );
    if (row) return { source: toSource(row), created: true };
    const existing = await this.getByUrl(input.url);
    if (!existing) throw new Error(`source ${input.url} vanished while being added`);
    return { source: existing, created: false };
  }

  async get(id: number): Promise<Source | undefined> {
    const row = await this.db.one<SourceRow>(`SELECT ${SOURCE_COLUMNS} FROM sources WHERE id = $1`, [id]);
    return row && toSource(row);
  }

  async getByUrl(url: string): Promise<Source | undefined> {
    const row = await this.db.one<SourceRow>(`SELECT ${SOURCE_COLUMNS} FROM sources WHERE url = $1`, [url]);
    return row && toSource(row);
  }

  async list(): Promise<Source[]> {
    return (await this.db.rows<SourceRow>(`SELECT ${SOURCE_COLUMNS} FROM sources ORDER BY id`)).map(toSource);
  }

  async update(id: number, patch: SourcePatch): Promise<Source | undefined> {
    await this.applyPatch(id, patch, false);
    return this.get(id);
  }

  async remove(id: number): Promise<boolean> {
    return (await this.db.run('DELETE FROM sources WHERE id = $1', [id])) > 0;
  }

  async claimDue(now: number, limit: number, owner: string, leaseMs: number): Promise<Source[]> {
    // SKIP LOCKED: a worker passes over rows another worker is leasing this instant instead of
    // waiting for it, and the lease re-check after the lock (READ COMMITTED re-evaluates the WHERE
    // on the newest row version) keeps a row that was just leased from being handed out again.
    const rows = await this.db.rows<SourceRow>(
      `UPDATE sources s SET lease_owner = $1, lease_until = $2
       FROM (
         SELECT id FROM sources
         WHERE status <> 'disabled' AND next_check_at <= $3 AND (lease_until IS NULL OR lease_until < $3)
         ORDER BY next_check_at, id LIMIT $4
         FOR UPDATE SKIP LOCKED) due
       WHERE s.id = due.id
       RETURNING ${SOURCE_COLUMNS.split(', ').map((c) => `s.${c}`).join(', ')}`,
      [owner, now + leaseMs, now, Math.max(0, limit)],
    );
    return rows.map(toSource).sort((a, b) => a.nextCheckAt - b.nextCheckAt || a.id - b.id);
  }

  async finishCheck(id: number, patch: SourcePatch): Promise<void> {
    await this.applyPatch(id, patch, true);
  }

  async setFeedMeta(id: number, meta: FeedMeta): Promise<void> {
    await this.db.run('UPDATE sources SET feed_meta = $1::jsonb WHERE id = $2', [jsonb(meta), id]);
  }

  async getFeedMeta(id: number): Promise<FeedMeta | undefined> {
    const row = await this.db.one<{ feed_meta: FeedMeta | null }>('SELECT feed_meta FROM sources WHERE id = $1', [id]);
    return row?.feed_meta ?? undefined;
  }

  async nextDueAt(): Promise<number | undefined> {
    const row = await this.db.one<{ t: number | null }>(`SELECT MIN(next_check_at) AS t FROM sources WHERE status <> 'disabled'`);
    return row?.t ?? undefined;
  }

  private async applyPatch(id: number, patch: SourcePatch, releaseLease: boolean): Promise<void> {
    const p = new Params();
    const sets: string[] = [];
    for (const [key, value] of Object.entries(patch) as [keyof SourcePatch, unknown][]) {
      if (value === undefined) continue;
      sets.push(key === 'settings' ? `settings = ${p.add(jsonb(value))}::jsonb` : `${COLUMN[key]} = ${p.add(value)}`);
    }
    if (releaseLease) sets.push('lease_owner = NULL', 'lease_until = NULL');
    if (sets.length === 0) return;
    await this.db.run(`UPDATE sources SET ${sets.join(', ')} WHERE id = ${p.add(id)}`, p.values);
  }
}
