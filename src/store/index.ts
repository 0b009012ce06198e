import type { Config } from '../config/options.js';
import { ConfigError } from '../config/options.js';
import type { Store } from './store.js';

export type { Store } from './store.js';

/** Opens the store named by `database` (sqlite:PATH or postgres://…). */
export async function openStore(config: Pick<Config, 'database' | 'defaultIntervalSeconds' | 'extractMode'>): Promise<Store> {
  const url = config.database;
  if (url.startsWith('sqlite:')) {
    const { SqliteStore } = await import('./sqlite/index.js');
    return SqliteStore.open({
      path: url.slice('sqlite:'.length) || 'data/newsdesk.db',
      defaultIntervalSeconds: config.defaultIntervalSeconds,
      defaultExtractMode: config.extractMode,
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
    });
  }
  throw new ConfigError(`database: ${JSON.stringify(url)} is neither sqlite:PATH nor a postgres:// URL`);
}
