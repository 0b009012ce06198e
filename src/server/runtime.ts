// The composition root of a running Newsdesk: the store it is given, the pipeline (topics, entry
// steps, readers, alert worker), the scheduler that polls with it, metrics, and the HTTP app
// that mounts the site and the API. `newsdesk serve` and `newsdesk demo` start it; only src/cli
// imports src/server.
import type { Config } from '../config/options.js';
import type { Logger } from '../log/logger.js';
import { Registry } from '../metrics/registry.js';
import type { Store } from '../store/store.js';
import { createHttpApp, type HttpAppDeps } from './app.js';
import { buildBackground, type Background } from './background.js';
import type { RoleState } from './health.js';
import { listen, type RunningServer } from './listen.js';
import { buildPipeline, type Pipeline } from './pipeline.js';
import type { TopicsRuntime } from './topics.js';
import { Auth, authOptions } from '../auth/session.js';
import { firstRunLink, firstRunMessage } from './first-run.js';
import { startIngestThread } from './ingest-thread.js';
import { warnSameFeeds } from './same-feed-warning.js';
import { ParsePool } from '../pipeline/parse-pool.js';

export interface SiteRuntime {
  url: string;
  server: RunningServer;
  metrics: Registry;
  /** Polls once now (the demo's first fill), resolving when done. */
  pollNow(): Promise<void>;
  /** Keeps polling in the background until stop(), and starts the coordinator. */
  startPolling(): void;
  /** Reads the topics file again (SIGHUP); a broken file keeps the current set, and says why. */
  reloadTopics(): Promise<{ ok: boolean; errors: string[] }>;
  /** The active topic set and its re-tagger (undefined when started with topics: false or webOnly). */
  topics: TopicsRuntime | undefined;
  /** The background work (undefined for the web role). */
  background: Background | undefined;
  pipeline: Pipeline;
  stop(): Promise<void>;
}

export interface SiteOptions {
  store: Store;
  config: Config;
  log: Logger;
  /** Poll sources from this process (else another process does: `newsdesk worker`). */
  poll: boolean;
  /**
   * The web role (`serve --no-poll`): site, API, health and metrics only. No topics runtime, no
   * tagging, no alert delivery, no coordinator: workers do all of that.
   */
  webOnly?: boolean;
  /** Load topics, tag and alert (default true). */
  topics?: boolean;
  metrics?: Registry;
  /**
   * Run the background work on a thread of its own (ingest-thread.ts) instead of this one: the
   * `ingestThread` option, which `serve` and `demo` pass. Only with `poll`, and not for a SQLite
   * database in memory (a second connection would open another, empty one).
   */
  ingestThread?: boolean;
}

/**
 * The HTTP app on the configured address, and the first-run set-up link printed while no account
 * exists (the same Auth signs that link and the sessions).
 */
async function serveApp(
  o: SiteOptions,
  parts: Pick<HttpAppDeps, 'metrics' | 'state' | 'topics' | 'steps' | 'deskOverrides' | 'parser' | 'candidates'>,
): Promise<RunningServer> {
  const auth = new Auth(o.store, authOptions(o.config));
  const app = createHttpApp({ store: o.store, config: o.config, log: o.log, auth, ...parts });
  const server = await listen(app, { host: o.config.host, port: o.config.port });
  const setupLink = await firstRunLink(auth, o.store, o.config.baseUrl || server.url);
  if (setupLink) process.stderr.write(firstRunMessage(setupLink));
  return server;
}

/**
 * The desk's parser: a preview's teasers and a fetch now done on this thread are parsed in a worker,
 * not on the thread that serves pages, and so is every candidate feed, sitemap and page the
 * preview's discovery reads (the same pool, passed as both `parser` and `candidates`). It has
 * `deskParseWorkers` workers (default 2), so a second editor's preview is not queued behind a
 * parse in progress; each starts at its first use and keeps its own limits (the document's time,
 * the pool's heap cap per worker).
 */
export function deskParser(config: Config): ParsePool {
  return new ParsePool({ size: config.deskParseWorkers, hardLimitMs: Math.max(60_000, config.totalTimeoutMs) });
}

/** The pipeline of a process that only serves: no topics runtime, no alerts, no extraction. */
function webPipeline(o: SiteOptions): Promise<Pipeline> {
  return buildPipeline({ store: o.store, config: o.config, log: o.log, topics: false, alerts: false, extract: false });
}

/** Whether a second connection (another thread's) reaches the same database. */
function shareableStore(config: Config): boolean {
  const path = config.database.startsWith('sqlite:') ? config.database.slice('sqlite:'.length) : undefined;
  return path === undefined || !(path === ':memory:' || path.startsWith('file::memory:') || /[?&]mode=memory\b/.test(path));
}

export async function startSite(o: SiteOptions): Promise<SiteRuntime> {
  // Not fatal: a store that cannot answer now fails the start below with its own error.
  await warnSameFeeds(o.store, o.log).catch((err: unknown) => o.log.warn({ err }, 'could not look for sources sharing a feed address'));
  if (o.ingestThread && o.poll && !o.webOnly && shareableStore(o.config)) return startThreadedSite(o);
  const metrics = o.metrics ?? new Registry();
  // Topics first: their tagging step must be in place before the scheduler stores anything, and
  // stories already stored are re-tagged in the background (by the coordinator) while the site serves.
  const background = o.webOnly
    ? undefined
    : await buildBackground({ store: o.store, config: o.config, log: o.log, metrics, poll: o.poll, topics: o.topics !== false });
  const pipeline = background?.pipeline ?? (await webPipeline(o));
  const role = o.webOnly ? 'web' : o.poll ? 'all' : 'web+topics';
  let serving = false;
  const state: RoleState = {
    role,
    running: () => serving && (background ? background.running() : true),
    ...(background ? { coordinator: () => background.coordinator.leading() } : {}),
  };
  const parser = deskParser(o.config);
  const server = await serveApp(o, { metrics, state, topics: pipeline.topics, steps: pipeline.steps, parser, candidates: parser });
  serving = true;
  // Without polling, tagging, alert delivery and the coordinator still start now.
  if (background && !o.poll) background.start();
  return {
    url: server.url,
    server,
    metrics,
    pollNow: async () => {
      await background?.pollNow();
    },
    startPolling: () => background?.start(),
    topics: pipeline.topics,
    background,
    pipeline,
    reloadTopics: async () => (pipeline.topics ? pipeline.topics.reload() : { ok: true, errors: [] }),
    async stop() {
      // Stop accepting first (readers in flight get the stop deadline), then claimed work.
      serving = false;
      const closing = server.close(o.config.stopDeadlineMs);
      await background?.stop();
      await closing;
      if (!background) await pipeline.close();
      await parser.close();
    },
  };
}

/**
 * The site on this thread and the background work on a thread of its own (ingest-thread.ts):
 * this thread is a web process (no topics runtime, no tagging here) that asks the ingest thread
 * for what only the background can do — fetch now, applying the desk's topics, its metrics.
 */
async function startThreadedSite(o: SiteOptions): Promise<SiteRuntime> {
  const metrics = o.metrics ?? new Registry();
  // First, so its topics runtime has stored the topic set before the first page is asked for.
  const ingest = await startIngestThread({ config: o.config, log: o.log });
  let serving = false;
  let pipeline: Pipeline | undefined;
  const parser = deskParser(o.config);
  try {
    pipeline = await webPipeline(o);
    const web = pipeline;
    const state: RoleState = { role: 'all', running: () => serving && ingest.running(), coordinator: () => ingest.leading() };
    metrics.include(() => ingest.metricsText());
    const server = await serveApp(o, {
      metrics,
      state,
      deskOverrides: { fetchNow: ingest.fetchNow, applyTopics: ingest.reloadTopics },
      parser,
      candidates: parser,
    });
    serving = true;
    return {
      url: server.url,
      server,
      metrics,
      pollNow: () => ingest.pollNow(),
      startPolling: () => {
        ingest.start().catch((err: unknown) => o.log.error({ err }, 'the ingest thread did not start polling'));
      },
      // The topic set and the background live on the ingest thread.
      topics: undefined,
      background: undefined,
      pipeline: web,
      reloadTopics: () => ingest.reloadTopics(),
      async stop() {
        serving = false;
        const closing = server.close(o.config.stopDeadlineMs);
        await ingest.stop();
        await closing;
        await web.close();
        await parser.close();
      },
    };
  } catch (err) {
    await parser.close();
    await pipeline?.close();
    await ingest.stop();
    throw err;
  }
}
