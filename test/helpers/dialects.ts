// Runs a suite once per store dialect, as Kysely's tests loop over their DIALECTS: SQLite always,
// PostgreSQL when NEWSDESK_TEST_POSTGRES_URL names a database (CI:
// postgres://postgres@127.0.0.1:5432/test), with one clear "skipped" line otherwise.
//
//   forEachDialect((d) => {
//     test('…', async () => {
//       const store = await d.open();   // fresh and empty
//       …
//     });
//   });
//
// Every store opened through `d` lives in a place of its own — a temporary SQLite file, or a
// PostgreSQL schema — so tests never see each other's rows, and parallel runs never collide. What
// a test leaves open is closed after the suite, and every schema is dropped then.
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Database } from 'better-sqlite3';
import type pg from 'pg';
import type { Store } from '../../src/store/store.js';

export type DialectName = 'sqlite' | 'postgres';

export const POSTGRES_URL_VARIABLE = 'NEWSDESK_TEST_POSTGRES_URL';

export interface TestStoreOptions {
  /** Called with every SQL statement the store runs (query counts). */
  onQuery?: ((sql: string) => void) | undefined;
  /** PostgreSQL: errors on idle pooled connections (default: the process logger). */
  onError?: ((err: Error) => void) | undefined;
}

/**
 * A place of its own at an older schema (Dialect.at): the test's own connection to it, for rows of
 * that shape, and open(), which closes that connection and opens the real store there (migrating
 * it to the latest version, as an upgrade does).
 */
export type StoreAt = OldConnection & { open(options?: TestStoreOptions): Promise<Store> };

type OldConnection = { readonly dialect: 'sqlite'; readonly db: Database } | { readonly dialect: 'postgres'; readonly pool: pg.Pool };

export interface Dialect {
  readonly name: DialectName;
  /** A fresh, empty store in a place of its own. */
  open(options?: TestStoreOptions): Promise<Store>;
  /** A fresh place of its own as migrations 1..`version` left it (test/helpers/schema-at.ts). */
  at(version: number): Promise<StoreAt>;
  /** Opens the place `store` was opened at again (a restart: the same file or schema), fresh connections. */
  reopen(store: Store, options?: TestStoreOptions): Promise<Store>;
  /** Where `store` lives: its SQLite file path or its PostgreSQL schema (for a test's own connection). */
  placeOf(store: Store): string;
}

/** Where a store lives: a SQLite file path or a PostgreSQL schema name. */
type Place = string;

abstract class BaseDialect implements Dialect {
  abstract readonly name: DialectName;
  private readonly places = new WeakMap<Store, Place>();
  private readonly opened: Store[] = [];

  /** The connections of places at an older schema (at()), closed at cleanUp if the test did not open the store. */
  private readonly oldConnections: (() => Promise<void>)[] = [];

  protected abstract newPlace(): Place;
  protected abstract openAt(place: Place, options: TestStoreOptions): Promise<Store>;
  protected abstract removePlaces(): Promise<void>;
  protected abstract connectAt(place: Place, version: number): Promise<OldConnection>;

  readonly at = async (version: number): Promise<StoreAt> => {
    const place = this.newPlace();
    const old = await this.connectAt(place, version);
    let closed = false;
    const close = async (): Promise<void> => {
      if (closed) return;
      closed = true;
      if (old.dialect === 'sqlite') old.db.close();
      else await old.pool.end();
    };
    this.oldConnections.push(close);
    return {
      ...old,
      open: async (options: TestStoreOptions = {}) => {
        await close();
        return this.track(place, options);
      },
    };
  };

  // Arrow properties, so `d.open` can be handed on as a factory (populatedStore(d.open)).
  readonly open = (options: TestStoreOptions = {}): Promise<Store> => this.track(this.newPlace(), options);

  readonly reopen = (store: Store, options: TestStoreOptions = {}): Promise<Store> => {
    const place = this.places.get(store);
    if (place === undefined) throw new Error('reopen() takes a store opened by this dialect helper');
    return this.track(place, options);
  };

  readonly placeOf = (store: Store): string => {
    const place = this.places.get(store);
    if (place === undefined) throw new Error('placeOf() takes a store opened by this dialect helper');
    return place;
  };

  private async track(place: Place, options: TestStoreOptions): Promise<Store> {
    const store = await this.openAt(place, options);
    this.places.set(store, place);
    this.opened.push(store);
    return store;
  }

  /** Closes what tests left open (closing twice is harmless in both dialects) and removes every place. */
  async cleanUp(): Promise<void> {
    for (const s of this.opened.splice(0)) await s.close().catch(() => {});
    for (const c of this.oldConnections.splice(0)) await c().catch(() => {});
    await this.removePlaces();
  }
}

let template: Promise<string> | undefined;

/**
 * An empty SQLite store taken through every migration by the store's own open, once per test
 * process (removed when the process exits); fresh places are copies of it. Closed before it is
 * copied, so its write-ahead log is checkpointed into the file and the copy is the whole store.
 */
function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsdesk-template-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'migrated.db');
    const { SqliteStore } = await import('../../src/store/sqlite/index.js');
    await (await SqliteStore.open({ path })).close();
    return path;
  })();
  return template;
}

class SqliteDialect extends BaseDialect {
  readonly name = 'sqlite' as const;
  private dir: string | undefined;

  protected newPlace(): Place {
    this.dir ??= mkdtempSync(join(tmpdir(), 'newsdesk-dialect-'));
    return join(this.dir, `${randomBytes(4).toString('hex')}.db`);
  }

  protected async openAt(path: Place, options: TestStoreOptions): Promise<Store> {
    const { SqliteStore } = await import('../../src/store/sqlite/index.js');
    // A new place starts as a copy of this process's migrated empty store: the store's open then
    // finds every migration applied, as at a restart. Migrating each from zero cost 0.2–0.7 s a
    // store on a loaded 2-core machine (46 migrations; 42 and 44 compile the search triggers).
    // A place that exists (reopen, at()) is opened as it is.
    if (!existsSync(path)) copyFileSync(await migratedTemplate(), path);
    return SqliteStore.open({ path, onQuery: options.onQuery });
  }

  protected async connectAt(path: Place, version: number): Promise<OldConnection> {
    const { sqliteAt } = await import('./schema-at.js');
    return { dialect: 'sqlite', db: (await sqliteAt(version, path)).db };
  }

  protected async removePlaces(): Promise<void> {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}

class PostgresDialect extends BaseDialect {
  readonly name = 'postgres' as const;
  private readonly schemas = new Set<string>();

  constructor(private readonly url: string) {
    super();
  }

  protected newPlace(): Place {
    const schema = `newsdesk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    this.schemas.add(schema);
    return schema;
  }

  protected async openAt(schema: Place, options: TestStoreOptions): Promise<Store> {
    const { PostgresStore } = await import('../../src/store/postgres/index.js');
    // Small pools: several test processes share the server's connection limit.
    return PostgresStore.open({ url: this.url, schema, poolSize: 3, onQuery: options.onQuery, onError: options.onError });
  }

  protected async connectAt(schema: Place, version: number): Promise<OldConnection> {
    const { postgresAt } = await import('./schema-at.js');
    return { dialect: 'postgres', pool: await postgresAt(this.url, schema, version) };
  }

  protected async removePlaces(): Promise<void> {
    if (this.schemas.size === 0) return;
    const pg = (await import('pg')).default;
    const admin = new pg.Client({ connectionString: this.url });
    await admin.connect();
    try {
      for (const s of this.schemas) await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
      this.schemas.clear();
    } finally {
      await admin.end();
    }
  }
}

/** The PostgreSQL URL of the test database, when one is configured. */
export function postgresTestUrl(): string | undefined {
  return process.env[POSTGRES_URL_VARIABLE] || undefined;
}

/**
 * Declares `suite` once per dialect, each inside a describe named after it ("sqlite", "postgres").
 * Without a PostgreSQL URL the postgres run is one skipped test that says how to enable it.
 */
export function forEachDialect(suite: (d: Dialect) => void): void {
  describe('sqlite', () => {
    const d = new SqliteDialect();
    after(() => d.cleanUp());
    suite(d);
  });
  const url = postgresTestUrl();
  describe('postgres', () => {
    if (!url) {
      test('PostgreSQL run', (t) => {
        t.skip(`${POSTGRES_URL_VARIABLE} is not set: the PostgreSQL run of this suite is skipped`);
      });
      return;
    }
    const d = new PostgresDialect(url);
    after(() => d.cleanUp());
    suite(d);
  });
}

/** Counts the SQL statements a store runs, for the stretch between reset() and read. */
export class QueryCounter {
  private n = 0;
  readonly statements: string[] = [];
  readonly onQuery = (sql: string): void => {
    this.n++;
    this.statements.push(sql);
  };

  reset(): void {
    this.n = 0;
    this.statements.length = 0;
  }

  get count(): number {
    return this.n;
  }
}
