// migrate-store: copies every table of one store into another (SQLite ↔ PostgreSQL, or the same
// dialect elsewhere), resumably, and proves the copy by per-table counts and checksums.
//
// The target's schema is made by the project's own migrations, never by this code; the tables and
// columns to copy are read from the source's schema, so tables that later migrations add are
// copied without changes here. Each batch of rows is committed together with the table's
// high-water mark (the last key copied) in the target, so an interrupted copy continues where its
// last committed batch ended and never writes a row twice.
import { resolve } from 'node:path';
import { TableDigest } from './checksum.js';
import { planTables, type TablePlan } from './plan.js';
import { seedRowCounts } from './seed-rows.js';
import { openSide } from './sides.js';
import { parseStoreUrl, type StoreUrl } from './store-url.js';
import { CopyError, type KeyValues, type MigrationLevel, type ProgressRow, type Side } from './types.js';

export interface CopyProgress {
  advance(rows: number, table: string): void;
  done(message?: string): void;
}

export interface CopyOptions {
  from: string;
  to: string;
  /** Empty a target that already holds rows, then copy. */
  force?: boolean;
  /** Continue an interrupted copy recorded in the target. */
  resume?: boolean;
  /** Rows per batch (one target transaction each). */
  batchSize?: number;
  /** A display for `total` rows to copy (the CLI's progress bar). */
  progress?: (title: string, total: number) => CopyProgress;
  /** Status lines for the user (stderr in the CLI). */
  say?: (line: string) => void;
  /**
   * Rows per table that a freshly migrated store already holds (seeded by a migration); a target
   * with no more than these counts as empty. Default: counted by seedRowCounts().
   */
  seedRows?: Map<string, number>;
  /** Called after each committed batch, with the count of batches so far (tests interrupt the copy here). */
  afterBatch?: (table: string, batches: number) => void | Promise<void>;
}

export interface TableReport {
  table: string;
  sourceRows: number;
  targetRows: number;
  sourceChecksum: string;
  targetChecksum: string;
  ok: boolean;
}

export interface CopyReport {
  source: string;
  target: string;
  /** Rows written by this run (a resumed run counts only its own). */
  copiedRows: number;
  resumed: boolean;
  tables: TableReport[];
  /** Target tables the source does not have (left as the target's migrations made them). */
  targetOnly: string[];
  ok: boolean;
  /** Wall time of the whole run, and of the copy and verification phases. */
  ms: number;
  copyMs: number;
  verifyMs: number;
}

export const DEFAULT_BATCH_SIZE = 500;

function describeVersions(level: MigrationLevel, versions: number[]): string {
  return versions.map((v) => `${v} (${level.known.find((k) => k.version === v)?.name ?? 'unknown to this version'})`).join(', ');
}

/** The source must be exactly at this build's migration level: the target is made by the same build. */
function checkSourceLevel(side: Side, level: MigrationLevel): void {
  if (!level.applied) throw new CopyError(`${side.label} is not a Newsdesk store (it has no schema_migrations table)`);
  const applied = new Set(level.applied);
  const known = new Set(level.known.map((k) => k.version));
  const unknown = level.applied.filter((v) => !known.has(v));
  if (unknown.length > 0) {
    throw new CopyError(
      `${side.label} was written by a newer Newsdesk: its migration(s) ${unknown.join(', ')} are unknown to this version. Run migrate-store with the version that wrote it.`,
    );
  }
  const pending = level.known.filter((k) => !applied.has(k.version)).map((k) => k.version);
  if (pending.length > 0) {
    const latest = level.applied.length ? Math.max(...level.applied) : 0;
    throw new CopyError(
      `${side.label} is at an older schema (migration ${latest}; this version is at ${Math.max(...known)}): ` +
        `migration(s) ${describeVersions(level, pending)} have not been applied to it. Upgrade it first with ` +
        `\`newsdesk migrate --db PATH\` (or NEWSDESK_DATABASE=… newsdesk migrate), then run migrate-store again.`,
    );
  }
}

function checkTargetLevel(side: Side, level: MigrationLevel): void {
  const known = new Set(level.known.map((k) => k.version));
  const unknown = (level.applied ?? []).filter((v) => !known.has(v));
  if (unknown.length > 0) {
    throw new CopyError(
      `${side.label} was migrated by a newer Newsdesk (migration(s) ${unknown.join(', ')} unknown here); refusing to write into it`,
    );
  }
}

function sameStore(a: StoreUrl, b: StoreUrl): boolean {
  if (a.dialect === 'sqlite' && b.dialect === 'sqlite') return resolve(a.path) === resolve(b.path);
  if (a.dialect === 'postgres' && b.dialect === 'postgres') return a.url === b.url && (a.schema ?? 'public') === (b.schema ?? 'public');
  return false;
}

export async function copyStore(o: CopyOptions): Promise<CopyReport> {
  const started = Date.now();
  const say = o.say ?? (() => {});
  const batchSize = o.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new CopyError(`the batch size must be a whole number of rows, at least 1 (got ${batchSize})`);
  const fromUrl = parseStoreUrl('--from', o.from);
  const toUrl = parseStoreUrl('--to', o.to);
  if (sameStore(fromUrl, toUrl)) throw new CopyError('--from and --to name the same store');

  const source = await openSide(fromUrl, 'source');
  let target: Side | undefined;
  try {
    checkSourceLevel(source, await source.migrationLevel());
    target = await openSide(toUrl, 'target');
    checkTargetLevel(target, await target.migrationLevel());
    const applied = await target.migrate();
    if (applied.length > 0) say(`target schema created: migrations ${applied.join(', ')} applied to ${target.label}`);

    // One snapshot of the source from the first count to the last checksum: what is copied and
    // what is verified are the same rows, even if something still writes to the source.
    await source.beginSnapshot();
    const sourceTables = await source.tables();
    const targetTables = await target.tables();
    const plans = planTables({ dialect: source.dialect, tables: sourceTables }, { dialect: target.dialect, tables: targetTables });
    const highest = await source.highestIds(plans.map((p) => p.source));
    const targetOnly = targetTables.map((t) => t.name).filter((n) => !sourceTables.some((s) => s.name === n));

    const progress = await prepareProgress(source, target, plans, o, say);
    const resumed = Boolean(o.resume);

    const counts = new Map<string, number>();
    for (const p of plans) counts.set(p.source.name, await source.count(p.source.name));
    const remaining = plans.reduce((n, p) => {
      const mark = progress.get(p.source.name)!;
      return n + (mark.done ? 0 : Math.max(0, counts.get(p.source.name)! - mark.copied));
    }, 0);

    const copyStarted = Date.now();
    const bar = o.progress?.('copy', remaining);
    let copiedRows = 0;
    let batches = 0;
    for (const p of plans) {
      const mark = progress.get(p.source.name)!;
      const names = p.columns.map((c) => c.name);
      while (!mark.done) {
        const batch = await source.read(p.source, names, mark.lastKey, mark.copied, batchSize);
        const next: ProgressRow = {
          table: mark.table,
          lastKey: batch.lastKey ?? mark.lastKey,
          copied: mark.copied + batch.rows.length,
          done: batch.rows.length < batchSize,
        };
        await target.write(p.target, p.columns, batch.rows, next);
        Object.assign(mark, next);
        copiedRows += batch.rows.length;
        if (batch.rows.length > 0) bar?.advance(batch.rows.length, p.source.name);
        batches++;
        await o.afterBatch?.(p.source.name, batches);
      }
    }
    bar?.done(`copy: ${copiedRows} rows written in ${plans.length} tables`);
    await target.finish(
      plans.map((p) => p.target),
      highest,
    );

    const copyMs = Date.now() - copyStarted;
    const verifyStarted = Date.now();
    const tables = await verify(source, target, plans, counts, o);
    const verifyMs = Date.now() - verifyStarted;
    const ok = tables.every((t) => t.ok);
    // The mark stays on a copy that does not match, so nobody takes it for a finished one.
    if (ok) await target.dropProgress();
    await source.endSnapshot();
    return {
      source: source.label,
      target: target.label,
      copiedRows,
      resumed,
      tables,
      targetOnly,
      ok,
      ms: Date.now() - started,
      copyMs,
      verifyMs,
    };
  } finally {
    await source.close();
    await target?.close();
  }
}

/**
 * Decides, from what the target holds, whether this run starts, resumes or refuses, and returns
 * each table's mark. A fresh start into a target with rows needs --force (which empties it).
 */
async function prepareProgress(
  source: Side,
  target: Side,
  plans: TablePlan[],
  o: CopyOptions,
  say: (line: string) => void,
): Promise<Map<string, ProgressRow>> {
  const names = plans.map((p) => p.source.name);
  const recorded = await target.readProgress();
  if (o.resume) {
    if (!recorded) throw new CopyError(`${target.label} holds no interrupted copy to resume; run without --resume`);
    if (recorded.source !== source.label) {
      throw new CopyError(
        `${target.label} holds an interrupted copy from ${recorded.source}, not from ${source.label}; resume it with that --from, or start over with --force`,
      );
    }
    const marks = new Map(recorded.rows.map((r) => [r.table, r]));
    const missing = names.filter((n) => !marks.has(n));
    if (missing.length > 0)
      throw new CopyError(`the interrupted copy has no record of table(s) ${missing.join(', ')}; start over with --force`);
    const done = recorded.rows.filter((r) => r.done).length;
    say(
      `resuming the copy from ${source.label}: ${done} of ${names.length} tables done, ${recorded.rows.reduce((n, r) => n + r.copied, 0)} rows already copied`,
    );
    return marks;
  }
  const seeds = o.seedRows ?? (await seedRowCounts());
  const withRows: string[] = [];
  const seeded: string[] = [];
  for (const n of names) {
    const c = await target.count(n);
    if (c > (seeds.get(n) ?? 0)) withRows.push(`${n} (${c})`);
    else if (c > 0) seeded.push(n);
  }
  if (recorded && !o.force) {
    throw new CopyError(
      `${target.label} holds an interrupted copy from ${recorded.source}: continue it with --resume, or start over with --force`,
    );
  }
  if (withRows.length > 0) {
    if (!o.force) {
      throw new CopyError(
        `${target.label} is not empty (rows in ${withRows.join(', ')}); refusing to write into it. Use --force to empty it first.`,
      );
    }
    say(`--force: emptying ${withRows.length} table(s) of ${target.label}`);
    await target.empty(names);
  } else if (seeded.length > 0) {
    // Rows the target's migrations wrote; the source's rows of those tables take their place.
    await target.empty(seeded);
  }
  await target.startProgress(source.label, names);
  return new Map(names.map((table) => [table, { table, lastKey: undefined, copied: 0, done: false }]));
}

async function digest(
  side: Side,
  plan: TablePlan,
  which: 'source' | 'target',
  batchSize: number,
  bar: CopyProgress | undefined,
): Promise<TableDigest> {
  const table = which === 'source' ? plan.source : plan.target;
  const d = new TableDigest(plan.columns.map((c) => c.kind));
  const names = plan.columns.map((c) => c.name);
  let after: KeyValues | undefined;
  let offset = 0;
  for (;;) {
    const batch = await side.read(table, names, after, offset, batchSize);
    for (const row of batch.rows) d.add(row);
    if (batch.rows.length > 0) bar?.advance(batch.rows.length, `${plan.source.name} (${which})`);
    offset += batch.rows.length;
    after = batch.lastKey;
    if (batch.rows.length < batchSize) return d;
  }
}

/** Counts and checksums of every copied table, each computed the same way on both sides. */
async function verify(source: Side, target: Side, plans: TablePlan[], counts: Map<string, number>, o: CopyOptions): Promise<TableReport[]> {
  const batchSize = Math.max(o.batchSize ?? DEFAULT_BATCH_SIZE, 1000);
  const total = plans.reduce((n, p) => n + 2 * (counts.get(p.source.name) ?? 0), 0);
  const bar = o.progress?.('verify', total);
  const out: TableReport[] = [];
  for (const p of plans) {
    const [s, t] = [await digest(source, p, 'source', batchSize, bar), await digest(target, p, 'target', batchSize, bar)];
    out.push({
      table: p.source.name,
      sourceRows: s.rows,
      targetRows: t.rows,
      sourceChecksum: s.hex,
      targetChecksum: t.hex,
      ok: s.rows === t.rows && s.hex === t.hex,
    });
  }
  bar?.done(`verify: ${plans.length} tables read on both sides`);
  return out;
}
