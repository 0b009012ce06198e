// The configuration and store of a command that takes `--db PATH`. Modules load lazily, as in the
// commands themselves, so `newsdesk help` stays quick.
import type { Config } from '../config/options.js';
import type { Store } from '../store/store.js';

/** The loaded configuration, with `--db PATH` (a SQLite file) in place of the "database" option. */
export async function configWithDb(db: string | undefined): Promise<Config> {
  const [{ loadConfig }, { configureLogging }] = await Promise.all([import('../config/load.js'), import('../log/logger.js')]);
  const config = loadConfig(db ? { overrides: { database: `sqlite:${db}` } } : {});
  // The logger follows the loaded options (the config file's logLevel/logFormat included).
  configureLogging(config);
  return config;
}

/** Opens the configured store, or the SQLite file `db` when given. */
export async function openStoreWithDb(db: string | undefined): Promise<Store> {
  const [config, { openStore }] = await Promise.all([configWithDb(db), import('../store/index.js')]);
  return openStore(config);
}
