// The PostgreSQL dialect of the Store contract: the same tables and semantics as store/sqlite,
// for deployments where many workers on many machines share one database. Leases are taken with
// FOR UPDATE SKIP LOCKED, batches are single transactions, and uniqueness lives in constraints.
import { PostgresClock } from './clock.js';
import type pg from 'pg';
import { OperatorError } from '../../config/operator-error.js';
import type { Source } from '../../domain/source.js';
import type { Store } from '../store.js';
import { logger } from '../../log/logger.js';
import { checkSchemaName, createPool, Db, type PoolErrorHandler } from './db.js';
import { PostgresAlertRepo } from './alerts.js';
import { PostgresCoordinationRepo } from './coordination.js';
import { PostgresEntryRepo } from './entries.js';
import { migrate } from './migrate.js';
import { PostgresSearchRepo } from './search.js';
import { PostgresSourceRepo } from './sources.js';
import { PostgresTopicRepo } from './topics.js';
import { PostgresStoryRepo } from './stories.js';
import { PostgresDeskRepo } from './desk.js';
import { PostgresAccountRepo } from './accounts.js';
import { PostgresCurationRepo } from './curation.js';
import { PostgresHostStateRepo, PostgresJobRepo } from './jobs.js';

export interface PostgresStoreOptions {
  /** postgres://user@host:port/database */
  url: string;
  /** Schema holding the tables (created if missing); default: the server's search_path (public). */
  schema?: string;
  /** Most connections this process opens. */
  poolSize?: number;
  defaultIntervalSeconds?: number;
  defaultExtractMode?: Source['extractMode'];
  /**
   * Told of errors on idle pooled connections (server restart, network, a terminated session); the
   * pool reconnects by itself. Default: logged as a warning by the process logger.
   */
  onError?: PoolErrorHandler | undefined;
  /** Called with every SQL statement sent (query counts in tests, tracing). */
  onQuery?: ((sql: string) => void) | undefined;
}

/** Logs a pool error: the store carries on, but an operator should see that connections drop. */
function logPoolError(err: Error): void {
  logger('store').warn({ err }, 'a PostgreSQL connection failed while idle; it was dropped and the next query reconnects');
}

/** What to do about the commonest reasons a store does not open (PostgreSQL's own codes). */
function openHint(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  if (code === 'ECONNREFUSED') return ' (is PostgreSQL running and listening at that host and port?)';
  if (code === '3D000') return ' (create it first: createdb -h HOST -U USER NAME, or the compose migrate service)';
  if (code === '28P01' || code === '28000') return ' (check the user and password in the URL, or NEWSDESK_DATABASE_FILE)';
  return '';
}

export class PostgresStore implements Store {
  readonly dialect = 'postgres' as const;
  readonly clock: PostgresClock;
  readonly sources: PostgresSourceRepo;
  readonly entries: PostgresEntryRepo;
  readonly search: PostgresSearchRepo;
  readonly topics: PostgresTopicRepo;
  readonly alerts: PostgresAlertRepo;
  readonly coordination: PostgresCoordinationRepo;
  readonly stories: PostgresStoryRepo;
  readonly desk: PostgresDeskRepo;
  readonly accounts: PostgresAccountRepo;
  readonly curation: PostgresCurationRepo;
  readonly jobs: PostgresJobRepo;
  readonly hosts: PostgresHostStateRepo;
  private closed = false;

  private constructor(
    readonly pool: pg.Pool,
    opts: PostgresStoreOptions,
  ) {
    const db = new Db(pool, opts.onQuery);
    this.clock = new PostgresClock(db);
    this.sources = new PostgresSourceRepo(
      db,
      {
        intervalSeconds: opts.defaultIntervalSeconds ?? 1800,
        extractMode: opts.defaultExtractMode ?? 'short',
      },
      this.clock,
    );
    this.entries = new PostgresEntryRepo(db, this.clock);
    this.search = new PostgresSearchRepo(db);
    this.topics = new PostgresTopicRepo(db, this.clock);
    this.alerts = new PostgresAlertRepo(db, this.clock);
    this.coordination = new PostgresCoordinationRepo(pool.options);
    this.stories = new PostgresStoryRepo(db, this.clock);
    this.desk = new PostgresDeskRepo(db, this.clock);
    this.accounts = new PostgresAccountRepo(db, this.clock);
    this.curation = new PostgresCurationRepo(db, this.clock);
    this.jobs = new PostgresJobRepo(db, this.clock);
    this.hosts = new PostgresHostStateRepo(db);
  }

  /** Connects, creates the schema if needed and migrates it (once, however many processes start together). */
  static async open(opts: PostgresStoreOptions): Promise<PostgresStore> {
    const schema = opts.schema === undefined ? undefined : checkSchemaName(opts.schema);
    const pool = createPool(opts.url, schema, opts.poolSize ?? 10, opts.onError ?? logPoolError);
    try {
      await migrate(pool, schema);
    } catch (err) {
      await pool.end().catch(() => {});
      const where = opts.url.replace(/\/\/[^@/]*@/, '//…@');
      throw new OperatorError(`cannot open the PostgreSQL store at ${where}: ${(err as Error).message}${openHint(err)}`);
    }
    return new PostgresStore(pool, opts);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.coordination.releaseAll();
    await this.pool.end();
  }
}
