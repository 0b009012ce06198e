// What the pipeline tests of "read more" stand on: a SQLite store in a temporary folder, a real
// fetcher allowed to reach 127.0.0.1, the full-text step on a real extraction worker and a
// scheduler over them. Each test adds its own sources and fixture server and polls as it needs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Config } from '../../src/config/options.js';
import { loadConfig } from '../../src/config/load.js';
import type { Entry } from '../../src/domain/entry.js';
import type { IsolatedOptions } from '../../src/ingest/extract/isolated.js';
import { HttpFetcher } from '../../src/ingest/fetch/index.js';
import { type PollSummary, Scheduler } from '../../src/jobs/scheduler.js';
import type { PipelineStep } from '../../src/pipeline/step.js';
import { ExtractorPool } from '../../src/pipeline/steps/extractor-pool.js';
import { extractFullTextStep, type ExtractStep } from '../../src/pipeline/steps/extract-full-text.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';

export interface ExtractionRigOptions {
  /** Config values beside the store's path and 127.0.0.1 (timeouts, body cap). */
  overrides?: Partial<Config>;
  /** The extraction worker's budgets. */
  pool: IsolatedOptions;
  /** Article fetches at once (the step's `concurrency`); two per host. */
  concurrency: number;
  /** Steps after the full-text step (topic tagging, story clustering, a recorder). */
  after?: readonly PipelineStep[];
}

export interface ExtractionRig {
  store: SqliteStore;
  fetcher: HttpFetcher;
  step: ExtractStep;
  /** One check of every due source. */
  poll(): Promise<PollSummary>;
  /** The stored entries by their link's path. */
  byPath(): Promise<Map<string, Entry>>;
  close(): Promise<void>;
}

export async function extractionRig(o: ExtractionRigOptions): Promise<ExtractionRig> {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'newsdesk-rig-')), 'test.db');
  const config = loadConfig({
    env: {},
    overrides: { database: `sqlite:${dbPath}`, allowHosts: ['127.0.0.1'], workers: 2, ...o.overrides },
  });
  const store = await SqliteStore.open({ path: dbPath, defaultIntervalSeconds: 1800 });
  const fetcher = new HttpFetcher({ ...config, connectionsPerOrigin: 2 });
  const step = extractFullTextStep({ fetcher, extractor: new ExtractorPool(1, o.pool), concurrency: o.concurrency, perHost: 2 });
  const log = pino({ level: 'silent' });
  return {
    store,
    fetcher,
    step,
    async poll() {
      // A scheduler per check, closed after it, as the tests' checks ran before this helper.
      const scheduler = new Scheduler({ store, config, log, steps: [step, ...(o.after ?? [])] });
      try {
        return await scheduler.pollOnce();
      } finally {
        await scheduler.close();
      }
    },
    async byPath() {
      const out = new Map<string, Entry>();
      for (const e of (await store.entries.list({ limit: 100 })).items) if (e.url) out.set(new URL(e.url).pathname, e);
      return out;
    },
    async close() {
      await step.close();
      await fetcher.close();
      await store.close();
    },
  };
}
