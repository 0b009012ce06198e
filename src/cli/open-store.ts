// The configuration and store of a command that takes `--db PATH`. Modules load lazily, as in the
// commands themselves, so `newsdesk help` stays quick.
import type { Config } from '../config/options.js';
import type { Store } from '../store/store.js';

/** A `--db` value as the "database" option: a postgres:// URL as given, anything else a SQLite file. */
export function databaseOption(db: string): string {
  return /^postgres(ql)?:\/\//.test(db) ? db : `sqlite:${db}`;
}

/**
 * The loaded configuration, with `--db` (databaseOption) in place of the "database" option and
 * the command's other flags (`overrides`: --host, --port, --topics) over the rest. Every command
 * that opens the store reads its options here, so `--db`, the config file and the environment
 * mean the same thing to all of them.
 */
export async function configWithDb(db: string | undefined, overrides: Partial<Config> = {}): Promise<Config> {
  const [{ loadConfig }, { configureLogging }] = await Promise.all([import('../config/load.js'), import('../log/logger.js')]);
  const config = loadConfig({ overrides: { ...overrides, ...(db ? { database: databaseOption(db) } : {}) } });
  // The logger follows the loaded options (the config file's logLevel/logFormat included).
  configureLogging(config);
  return config;
}

/**
 * Opens the configured store, or the one `db` names when given. `existing`: the command only reads
 * or changes what a store holds, so a SQLite file that is not there is refused, not created empty.
 */
export async function openStoreWithDb(db: string | undefined, { existing = false }: { existing?: boolean } = {}): Promise<Store> {
  const [config, { openStore }] = await Promise.all([configWithDb(db), import('../store/index.js')]);
  return openStore(config, { existing });
}
