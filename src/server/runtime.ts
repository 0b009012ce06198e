// The composition root of a running Newsdesk: the store it is given, the pipeline (topics, entry
// steps, readers, alert worker), the scheduler that polls with it, metrics, and the HTTP app
// that mounts the site and the API. `newsdesk serve` and `newsdesk demo` start it; only src/cli
// imports src/server.
import type { Config } from '../config/options.js';
import { Scheduler } from '../jobs/scheduler.js';
import type { Logger } from '../log/logger.js';
import { Registry } from '../metrics/registry.js';
import type { Store } from '../store/store.js';
import { createHttpApp } from './app.js';
import { listen, type RunningServer } from './listen.js';
import { buildPipeline, type Pipeline } from './pipeline.js';
import type { TopicsRuntime } from './topics.js';

export interface SiteRuntime {
  url: string;
  server: RunningServer;
  metrics: Registry;
  /** Polls once now (the demo's first fill), resolving when done. */
  pollNow(): Promise<void>;
  /** Keeps polling in the background until stop(). */
  startPolling(): void;
  /** Reads the topics file again (SIGHUP); a broken file keeps the current set, and says why. */
  reloadTopics(): Promise<{ ok: boolean; errors: string[] }>;
  /** The active topic set and its re-tagger (undefined when started with topics: false). */
  topics: TopicsRuntime | undefined;
  pipeline: Pipeline;
  stop(): Promise<void>;
}

export interface SiteOptions {
  store: Store;
  config: Config;
  log: Logger;
  /** Poll sources from this process (else another process does: `newsdesk poll`). */
  poll: boolean;
  /** Load topics, tag and alert (default true). */
  topics?: boolean;
  metrics?: Registry;
}

export async function startSite(o: SiteOptions): Promise<SiteRuntime> {
  const metrics = o.metrics ?? new Registry();
  // Topics first: their tagging step must be in place before the scheduler stores anything, and
  // stories already stored are re-tagged in the background while the site serves.
  const pipeline = await buildPipeline({ store: o.store, config: o.config, log: o.log, topics: o.topics !== false, extract: o.poll });
  const app = createHttpApp({ store: o.store, config: o.config, log: o.log, metrics });
  const server = await listen(app, { host: o.config.host, port: o.config.port });
  let scheduler: Scheduler | undefined;
  if (o.poll) {
    const fetches = metrics.counter('newsdesk_fetch_total', 'Source checks by outcome (fetched, not-modified, failed).');
    const inserted = metrics.counter('newsdesk_entries_inserted_total', 'Entries stored for the first time.');
    const wire = metrics.counter('newsdesk_fetch_bytes_total', 'Feed bytes received on the wire.');
    scheduler = new Scheduler({
      store: o.store,
      config: o.config,
      log: o.log,
      steps: pipeline.steps,
      readers: pipeline.readers,
      onChecked: (_source, r) => {
        fetches.inc({ outcome: r.outcome.kind });
        inserted.inc(undefined, r.inserted.length);
        wire.inc(undefined, r.wireBytes);
      },
    });
  }
  return {
    url: server.url,
    server,
    metrics,
    pollNow: async () => {
      await scheduler?.pollOnce();
    },
    startPolling: () => scheduler?.start(),
    topics: pipeline.topics,
    pipeline,
    reloadTopics: async () => (pipeline.topics ? pipeline.topics.reload() : { ok: true, errors: [] }),
    async stop() {
      await scheduler?.stop();
      await pipeline.close();
      await server.close();
    },
  };
}
