import { localClock } from '../clock.js';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { OperatorError } from '../../config/operator-error.js';
import type { Source } from '../../domain/source.js';
import type { Store } from '../store.js';
import { SqliteEntryRepo } from './entries.js';
import { migrate } from './migrate.js';
import { SqliteSearchRepo } from './search.js';
import { SqliteSourceRepo } from './sources.js';
import { SqliteTopicRepo } from './topics.js';
import { SqliteAlertRepo } from './alerts.js';
import { SqliteCoordinationRepo } from './coordination.js';
import { SqliteStoryRepo } from './stories.js';
import { SqliteDeskRepo } from './desk.js';
import { SqliteAccountRepo } from './accounts.js';
import { SqliteCurationRepo } from './curation.js';
import { SqliteHostStateRepo, SqliteJobRepo } from './jobs.js';

export interface SqliteStoreOptions {
  /** File path, or ':memory:'. */
  path: string;
  defaultIntervalSeconds?: number;
  defaultExtractMode?: Source['extractMode'];
  /** Called with every SQL statement run (query counts in tests, tracing); slows every query a little. */
  onQuery?: ((sql: string) => void) | undefined;
  /**
   * Create the file's folder when it is missing (default true). The CLI passes false for a path
   * the operator named: a folder that is not there is more likely a typo than a wish.
   */
  createFolder?: boolean | undefined;
  /**
   * Refuse to create the file (default false). Commands that only read or change what a store
   * holds pass true: a mistyped path would otherwise make an empty store and answer "no sources".
   */
  mustExist?: boolean | undefined;
}

export class SqliteStore implements Store {
  readonly dialect = 'sqlite' as const;
  readonly clock = localClock;
  readonly sources: SqliteSourceRepo;
  readonly entries: SqliteEntryRepo;
  readonly search: SqliteSearchRepo;
  readonly topics: SqliteTopicRepo;
  readonly alerts: SqliteAlertRepo;
  readonly coordination = new SqliteCoordinationRepo();
  readonly stories: SqliteStoryRepo;
  readonly desk: SqliteDeskRepo;
  readonly accounts: SqliteAccountRepo;
  readonly curation: SqliteCurationRepo;
  readonly jobs: SqliteJobRepo;
  readonly hosts: SqliteHostStateRepo;

  private constructor(
    readonly db: Database,
    opts: SqliteStoreOptions,
  ) {
    this.sources = new SqliteSourceRepo(db, {
      intervalSeconds: opts.defaultIntervalSeconds ?? 1800,
      extractMode: opts.defaultExtractMode ?? 'short',
    });
    this.entries = new SqliteEntryRepo(db);
    this.search = new SqliteSearchRepo(db);
    this.topics = new SqliteTopicRepo(db);
    this.alerts = new SqliteAlertRepo(db);
    this.stories = new SqliteStoryRepo(db);
    this.desk = new SqliteDeskRepo(db);
    this.accounts = new SqliteAccountRepo(db);
    this.curation = new SqliteCurationRepo(db);
    this.jobs = new SqliteJobRepo(db, localClock);
    this.hosts = new SqliteHostStateRepo(db);
  }

  /** Opens (creating if needed) and migrates the database. */
  static async open(opts: SqliteStoreOptions): Promise<SqliteStore> {
    const onQuery = opts.onQuery;
    let db: Database | undefined;
    if (opts.path !== ':memory:' && !opts.path.startsWith('file:')) {
      const folder = dirname(opts.path);
      if (opts.createFolder === false && !existsSync(folder))
        throw new OperatorError(
          `cannot open the SQLite store at ${opts.path}: its folder ${folder} does not exist; create it (mkdir -p ${folder}) or correct --db or the "database" option`,
        );
      if (opts.mustExist && !existsSync(opts.path))
        throw new OperatorError(
          `there is no Newsdesk store at ${opts.path}: correct --db or the "database" option, or make one with "newsdesk add URL" or "newsdesk import-opml FILE"`,
        );
      mkdirSync(folder, { recursive: true });
    }
    try {
      db = new BetterSqlite3(opts.path, onQuery ? { verbose: (sql) => onQuery(String(sql)) } : {});
      // WAL lets the web server read while a poll writes; NORMAL sync is durable across process
      // crashes (kill -9), which is the failure we must survive, at a fraction of FULL's cost.
      // The first statement reads the file: a file that is not a database fails here.
      db.pragma('journal_mode = WAL');
    } catch (err) {
      db?.close();
      // The driver's own words ("file is not a database", "unable to open database file") do not
      // say which file; the operator needs that, not a stack trace.
      throw new OperatorError(`cannot open the SQLite store at ${opts.path}: ${(err as Error).message}; ${openAdvice(opts.path)}`);
    }
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Entries are a few KB each: a 32 MB page cache and checkpoints every ~16 MB of WAL (instead
    // of 4 MB) halve the cost of a poll's inserts, measured with 20,000 entries of 2 KB.
    db.pragma('cache_size = -32768');
    db.pragma('wal_autocheckpoint = 4000');
    await migrate(db);
    return new SqliteStore(db, opts);
  }

  async close(): Promise<void> {
    this.coordination.releaseAll();
    if (this.db.open) this.db.close();
  }
}

/**
 * What to do about a SQLite file that did not open: a file or folder this user may not write
 * (SQLite writes the file and, for its write-ahead log, the -wal and -shm files beside it), else
 * the general hint.
 */
function openAdvice(path: string): string {
  const writable = (p: string): boolean => {
    try {
      accessSync(p, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  };
  const who = typeof process.getuid === 'function' ? `uid ${process.getuid()}` : 'this user';
  if (existsSync(path) && !writable(path))
    return `the file is read-only for ${who}: make it writable (chmod u+w, or chown it to the user Newsdesk runs as)`;
  if (!writable(dirname(path)))
    return `its folder ${dirname(path)} is not writable for ${who}, and SQLite keeps its -wal and -shm files there: make the folder writable`;
  return '--db or the "database" option must name a Newsdesk SQLite file';
}
