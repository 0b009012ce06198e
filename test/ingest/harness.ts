// A temporary SQLite store and a Scheduler configured for tests: 127.0.0.1 allowlisted, short
// timeouts, no environment leaking in.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/options.js';
import { Scheduler, type SchedulerOptions } from '../../src/jobs/scheduler.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';

export interface Harness {
  store: SqliteStore;
  config: Config;
  scheduler: Scheduler;
  dbPath: string;
  /** Makes a source due now (as if its next check time had come). */
  makeDue(id: number): Promise<void>;
  close(): Promise<void>;
}

export function testConfig(dbPath: string, overrides: Partial<Config> = {}): Config {
  return loadConfig({
    env: {},
    overrides: {
      database: `sqlite:${dbPath}`,
      allowHosts: ['127.0.0.1'],
      connectTimeoutMs: 2000,
      totalTimeoutMs: 5000,
      workers: 4,
      perHostConcurrency: 2,
      minIntervalSeconds: 60,
      defaultIntervalSeconds: 1800,
      ...overrides,
    },
  });
}

export const silentLog = pino({ level: 'silent' });

export async function harness(overrides: Partial<Config> = {}, opts: Partial<SchedulerOptions> = {}): Promise<Harness> {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'newsdesk-ingest-')), 'test.db');
  const config = testConfig(dbPath, overrides);
  const store = await SqliteStore.open({ path: dbPath, defaultIntervalSeconds: config.defaultIntervalSeconds });
  const scheduler = new Scheduler({ store, config, log: silentLog, ...opts });
  return {
    store,
    config,
    scheduler,
    dbPath,
    // Due by the clock the scheduler claims by (the store's unless the test gave one).
    makeDue: async (id) => void (await store.sources.update(id, { nextCheckAt: (await (opts.clock ?? (() => store.clock.now()))()) - 1 })),
    close: async () => {
      await scheduler.close();
      await store.close();
    },
  };
}
