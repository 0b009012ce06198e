import type { Config } from '../config/options.js';
import { ConfigError, OPTIONS } from '../config/options.js';
import type { Store } from './store.js';

export type { Store } from './store.js';

export interface OpenStoreOptions {
  /**
   * Errors the store survives but someone should see (PostgreSQL: an idle pooled connection that
   * failed). Default: a warning from the process logger.
   */
  onError?: ((err: Error) => void) | undefined;
  /** Called with every SQL statement run (query counts in tests, tracing). */
  onQuery?: ((sql: string) => void) | undefined;
  /**
   * SQLite: refuse a file the operator named that is not there yet, instead of creating an empty
   * store (the default file is still made on first use; PostgreSQL: no effect).
   */
  existing?: boolean | undefined;
}

/** Opens the store named by `database` (sqlite:PATH or postgres://…). */
export async function openStore(
  config: Pick<Config, 'database' | 'defaultIntervalSeconds' | 'extractMode'>,
  options: OpenStoreOptions = {},
): Promise<Store> {
  const url = config.database;
  if (url.startsWith('sqlite:')) {
    const isDefault = url === OPTIONS.database.default || url === 'sqlite:';
    const { SqliteStore } = await import('./sqlite/index.js');
    return SqliteStore.open({
      path: url.slice('sqlite:'.length) || 'data/newsdesk.db',
      defaultIntervalSeconds: config.defaultIntervalSeconds,
      defaultExtractMode: config.extractMode,
      onQuery: options.onQuery,
      // Only the default place (data/ in the working directory) is made on first use, so a first
      // `newsdesk sources` answers "no sources yet". A folder the operator named that is not
      // there is refused with what to do, and so is a file they named for a command that only
      // reads or changes a store (a typo would otherwise answer from a new, empty store).
      createFolder: isDefault,
      mustExist: options.existing === true && !isDefault,
    });
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    // Loaded only here, so SQLite installs never load pg.
    const { PostgresStore } = await import('./postgres/index.js');
    const parsed = new URL(url);
    // ?schema=NAME keeps the tables in their own schema (several stores in one database).
    const schema = parsed.searchParams.get('schema') ?? undefined;
    parsed.searchParams.delete('schema');
    return PostgresStore.open({
      url: parsed.toString(),
      ...(schema ? { schema } : {}),
      defaultIntervalSeconds: config.defaultIntervalSeconds,
      defaultExtractMode: config.extractMode,
      onError: options.onError,
      onQuery: options.onQuery,
    });
  }
  throw new ConfigError(`database: ${JSON.stringify(url)} is neither sqlite:PATH nor a postgres:// URL`);
}
