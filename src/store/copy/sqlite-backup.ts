// An online backup of a SQLite store with SQLite's backup API: a consistent copy page by page
// while other processes go on reading and writing. The copy is written beside the target under a
// temporary name and renamed only once it has been checked, so a file with the asked-for name is
// always a whole backup.
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { CopyError } from './types.js';

export interface BackupReport {
  pages: number;
  bytes: number;
  ms: number;
}

export interface BackupOptions {
  /** Replace an existing file at `to`. */
  force?: boolean;
  /** Called as pages are copied. */
  onProgress?: (donePages: number, totalPages: number) => void;
  /** Pages copied per step; other writers get the database between steps. */
  pagesPerStep?: number;
}

export async function backupSqlite(path: string, to: string, o: BackupOptions = {}): Promise<BackupReport> {
  const started = Date.now();
  if (!existsSync(path)) throw new CopyError(`there is no SQLite database at ${path}`);
  if (existsSync(to) && !o.force) throw new CopyError(`${to} already exists; use --force to replace it`);
  const partial = `${to}.partial`;
  rmSync(partial, { force: true });
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  let pages = 0;
  try {
    db.pragma('busy_timeout = 5000');
    const step = o.pagesPerStep ?? 1000;
    await db.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        pages = totalPages;
        o.onProgress?.(totalPages - remainingPages, totalPages);
        return step;
      },
    });
  } catch (err) {
    rmSync(partial, { force: true });
    throw new CopyError(`the backup of ${path} failed: ${(err as Error).message}`);
  } finally {
    db.close();
  }
  const check = new BetterSqlite3(partial, { readonly: true });
  try {
    const result = check.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw new CopyError(`the backup written to ${partial} fails SQLite's quick_check: ${String(result)}`);
  } finally {
    check.close();
  }
  rmSync(`${partial}-wal`, { force: true });
  rmSync(`${partial}-shm`, { force: true });
  renameSync(partial, to);
  return { pages, bytes: statSync(to).size, ms: Date.now() - started };
}
