// What `newsdesk serve` and `newsdesk demo` run: the web server and, beside it, the scheduler
// that keeps sources fresh, with the scheduler's outcomes counted in /metrics.
import type { Config } from '../config/options.js';
import type { Logger } from '../log/logger.js';
import type { Store } from '../store/store.js';
import type { TopicsRuntime } from './topics.js';
import { createApp } from '../web/app.js';
import { defaultRegistry, type Registry } from '../metrics/registry.js';
import { listen, type RunningServer } from './listen.js';

export interface SiteRuntime {
  url: string;
  server: RunningServer;
  /** Polls once now (the demo's first fill), resolving when done. */
  pollNow(): Promise<void>;
  /** Keeps polling in the background until stop(). */
  startPolling(): void;
  /** Reads the topics file again (SIGHUP); a broken file keeps the current set, and says why. */
  reloadTopics(): Promise<{ ok: boolean; errors: string[] }>;
  /** The active topic set, its re-tagger and alerts (undefined when started with topics: false). */
  topics: TopicsRuntime | undefined;
  stop(): Promise<void>;
}

export async function startSite(o: { store: Store; config: Config; log: Logger; poll: boolean; registry?: Registry; topics?: boolean }): Promise<SiteRuntime> {
  const registry = o.registry ?? defaultRegistry;
  // Topics first: their tagging step must be registered before the scheduler stores anything,
  // and stories already stored are re-tagged in the background while the site serves.
  let topics: TopicsRuntime | undefined;
  if (o.topics !== false) {
    const { startTopics } = await import('./topics.js');
    topics = await startTopics({ store: o.store, config: o.config, log: o.log.child({ module: 'topics' }) });
  }
  const app = createApp({ store: o.store, config: o.config, log: o.log, registry });
  const server = await listen(app, { host: o.config.host, port: o.config.port });
  const fetches = registry.counter('newsdesk_fetch_total', 'Source checks by outcome (fetched, not-modified, failed).');
  const inserted = registry.counter('newsdesk_entries_inserted_total', 'Entries stored for the first time.');
  const wire = registry.counter('newsdesk_fetch_bytes_total', 'Feed bytes received on the wire.');
  let scheduler: { start(): void; stop(): Promise<void>; pollOnce(): Promise<unknown> } | undefined;
  let steps: { close(): Promise<void> } | undefined;
  if (o.poll) {
    const { Scheduler } = await import('../jobs/scheduler.js');
    // Full-text extraction (in worker threads, so this event loop stays free), run before tagging.
    steps = (await import('../pipeline/default-steps.js')).registerDefaultSteps(o.config);
    scheduler = new Scheduler({
      store: o.store,
      config: o.config,
      log: o.log,
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
    pollNow: async () => {
      await scheduler?.pollOnce();
    },
    startPolling: () => scheduler?.start(),
    topics,
    reloadTopics: async () => (topics ? topics.reload() : { ok: true, errors: [] }),
    async stop() {
      await scheduler?.stop();
      await steps?.close();
      await topics?.stop();
      await server.close();
    },
  };
}
