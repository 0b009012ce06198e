// The pool and the two ways the PostgreSQL repos talk to it: a single statement (any pooled
// connection) or a transaction (one connection, BEGIN … COMMIT, rolled back on any error).
import { createHash } from 'node:crypto';
import pg from 'pg';
import { wellFormed } from '../../text/control-chars.js';

export type Sql = Pick<pg.PoolClient, 'query'>;

/** BIGINT (OID 20) columns hold epoch ms and ids, all well inside 2^53: read them as numbers. */
const INT8_OID = 20;
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export function checkSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`PostgreSQL schema ${JSON.stringify(schema)} is not a plain identifier; use letters, digits and _ only`);
  }
  return schema;
}

/**
 * What the store does with an error on an idle pooled connection (the server restarted, a
 * network blip, an administrator ended the session). The pool has already dropped that connection
 * and the next query opens a new one, so the process carries on; the error must still be seen.
 */
export type PoolErrorHandler = (err: Error) => void;

export function createPool(url: string, schema: string | undefined, max: number, onError: PoolErrorHandler): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types,
    // Every connection resolves the store's tables in its own schema, so one database can hold
    // several independent stores (tests, staging) side by side.
    ...(schema ? { options: `-c search_path=${checkSchemaName(schema)}` } : {}),
  });
  // An idle connection that the server drops must not crash the process (an 'error' event without
  // a listener would); it is reported instead, and the next query reconnects.
  pool.on('error', (err) => onError(err));
  // Every connection's transactions run at READ COMMITTED whatever the server's, the role's or the
  // address's default: the language counts' fold (migration 33) and the fenced writes reason at
  // that level, and under a stricter default the counts' changes would never be folded. Sent
  // before anything else on the new connection (node-postgres queues a client's queries in
  // order). A transaction that needs a snapshot (the copy tool) still names its level in BEGIN.
  //
  // JIT compilation off (c-hiddencost): the store's reads are short index walks, and the planner's
  // cost guesses, not their run time, decide when PostgreSQL compiles one. In a store holding one
  // story of 50,000 entries, the topic counts' hidden-tags step crossed jit_above_cost on a guess
  // and spent ~0.2 s of 0.25 s compiling a statement that runs in ~20 ms (docs/desk.md,
  // c-hiddencost). Sent with the level, in the same round trip; `jit` exists since PostgreSQL 11.
  pool.on('connect', (client) => {
    client.query('SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED; SET jit = off').catch(onError);
  });
  return pool;
}

/** A statement's text, or a prepared statement (see `prepared`). */
export type Statement = string | pg.QueryConfig;

const preparedNames = new Map<string, string>();

/**
 * The statements every feed check sends (saving, stories, tags) are prepared: a connection parses
 * one the first time it is sent and afterwards only binds and executes it, and PostgreSQL may keep
 * its plan. Parsing and planning these statements anew each time was about 37 % of the database's
 * CPU per check (log_statement_stats, FEEDS=200). Only fixed texts with explicit column lists go
 * here: a prepared `SELECT *` fails once a migration adds a column under a running process, and a
 * text built from values would leave a new statement on the connection for each value.
 * Named by a hash of the text, so two call sites sending one text share it. A fresh object per call:
 * node-postgres writes the values into the object it is given.
 */
export function prepared(text: string): pg.QueryConfig {
  let name = preparedNames.get(text);
  if (name === undefined) {
    name = `nd_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    preparedNames.set(text, name);
  }
  return { name, text };
}

/** deadlock_detected, serialization_failure */
const RETRYABLE = new Set(['40P01', '40001']);
const TX_ATTEMPTS = 3;

/**
 * Listens for the end of a checked-out connection (r-workers). The pool listens on idle ones only: a
 * connection that drops while checked out (the server restarted, an administrator or a failover
 * ended it) emits its error on the client as well as failing the statement, and with no listener
 * that error was uncaught and ended the whole process, every other check and job of the worker
 * with it. Here the statement's failure is the caller's, and the client is released as broken.
 */
export function watchDrop(client: pg.PoolClient): { readonly error: Error | undefined; end(): void } {
  let error: Error | undefined;
  const onError = (err: Error): void => {
    error = err;
  };
  client.on('error', onError);
  return {
    get error() {
      return error;
    },
    end: () => client.off('error', onError),
  };
}

export class Db {
  /**
   * @param onQuery called with every SQL statement sent (query counts in tests, tracing), the
   *   statements of transactions included.
   */
  constructor(
    readonly pool: pg.Pool,
    private readonly onQuery?: ((sql: string) => void) | undefined,
  ) {}

  private query<T extends pg.QueryResultRow>(sql: Statement, params: unknown[]): Promise<pg.QueryResult<T>> {
    if (typeof sql === 'string') {
      this.onQuery?.(sql);
      return this.pool.query<T>(sql, params);
    }
    this.onQuery?.(sql.text);
    return this.pool.query<T>({ ...sql, values: params });
  }

  async rows<T extends pg.QueryResultRow>(sql: Statement, params: unknown[] = []): Promise<T[]> {
    return (await this.query<T>(sql, params)).rows;
  }

  async one<T extends pg.QueryResultRow>(sql: Statement, params: unknown[] = []): Promise<T | undefined> {
    return (await this.query<T>(sql, params)).rows[0];
  }

  async run(sql: Statement, params: unknown[] = []): Promise<number> {
    return (await this.query(sql, params)).rowCount ?? 0;
  }

  /**
   * Runs `fn` in a transaction. Two workers writing overlapping rows in different orders can
   * deadlock; PostgreSQL then aborts one of them, which is retried from the start (so `fn` must
   * build all its results inside).
   */
  async tx<T>(fn: (c: Sql) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      const c = this.observed(client);
      const dropped = watchDrop(client);
      try {
        await c.query('BEGIN');
        const out = await fn(c);
        await c.query('COMMIT');
        return out;
      } catch (err) {
        if (!dropped.error) await c.query('ROLLBACK').catch(() => {});
        if (attempt >= TX_ATTEMPTS || !RETRYABLE.has((err as { code?: string }).code ?? '')) throw err;
      } finally {
        dropped.end();
        client.release(dropped.error);
      }
    }
  }

  /**
   * Runs `fn` on a connection of its own, outside any transaction, once the pool has handed one
   * over: what `fn` times is its statements, not the wait for a free connection or a new one's
   * setup (the store's clock measures a round trip this way).
   */
  async onConnection<T>(fn: (c: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const dropped = watchDrop(client);
    try {
      return await fn(this.observed(client));
    } finally {
      dropped.end();
      client.release(dropped.error);
    }
  }

  /** The client itself, or one that reports each statement to onQuery first. */
  private observed(client: pg.PoolClient): Sql {
    const onQuery = this.onQuery;
    if (!onQuery) return client;
    return {
      query: ((text: unknown, ...rest: unknown[]) => {
        onQuery(typeof text === 'string' ? text : String((text as { text?: unknown }).text));
        return (client.query as (...a: unknown[]) => unknown)(text, ...rest);
      }) as Sql['query'],
    };
  }
}

/**
 * Put after a text column in ORDER BY: code point order, as SQLite compares text. Without it the
 * order is the database's collation, so a database created with en_US.UTF-8 listed names, topics
 * and equal counts in another order than SQLite (test/store/contract-text-order.ts).
 */
export const CODE_POINT_ORDER = 'COLLATE "C"';

/** PostgreSQL text cannot hold NUL; a feed that sends one must not fail the whole batch. */
export function noNul<T extends string | null | undefined>(s: T): T {
  return (typeof s === 'string' && s.includes('\u0000') ? s.replace(/\u0000/g, '') : s) as T;
}

/**
 * JSON text for a JSONB parameter, without the NULs JSONB refuses, and with lone surrogates as
 * U+FFFD, as a text column gets them (the driver encodes strings as UTF-8): JSON.stringify writes
 * one as "\ud800", which PostgreSQL refuses ("invalid input syntax for type json"), so one
 * JSON Feed tag holding one failed its whole batch on PostgreSQL, and SQLite stored it.
 */
export function jsonb(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' ? wellFormed(noNul(v)) : v)) ?? 'null';
}
