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
    throw new ConfigError('database: the PostgreSQL store is not built yet; use sqlite:PATH for now');
  }
  throw new ConfigError(`database: ${JSON.stringify(url)} is neither sqlite:PATH nor a postgres:// URL`);
}
