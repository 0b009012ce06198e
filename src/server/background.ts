// The background work of a process that polls (`newsdesk worker`, and `newsdesk serve` without
// --no-poll): the pipeline (full text, tagging, alert delivery), the scheduler that claims due
// sources with leases, the job runner (re-tag, digests, re-cluster; src/server/jobs.ts), and the
// coordinator whose leader, in exactly one process of the deployment, enqueues the periodic jobs.
// Stopping follows SIGTERM's order: claim nothing new, give checks and jobs in flight the stop
// deadline (then abort and release them), then leave the coordinator role and close.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from '../config/options.js';
import type { CandidateParser } from '../ingest/discover/index.js';
import { Coordinator } from '../jobs/coordinator.js';
import { Scheduler, type PollSummary } from '../jobs/scheduler.js';
import type { Logger } from '../log/logger.js';
import type { Registry } from '../metrics/registry.js';
import { HostGate } from '../jobs/politeness.js';
import type { JobRunner } from '../jobs/runner.js';
import type { DocumentParser } from '../pipeline/parse-pool.js';
import type { Store } from '../store/store.js';
import { buildJobs } from './jobs.js';
import { buildPipeline, type Pipeline } from './pipeline.js';
import { pollParser } from './poll-parser.js';

export interface Background {
  pipeline: Pipeline;
  coordinator: Coordinator;
  /** Runs the jobs (re-tag, digests, re-cluster) any process may claim. */
  jobs: JobRunner;
  /** Polls once now, resolving when done (the demo's first fill). */
  pollNow(): Promise<void>;
  /** Starts polling continuously (when built with poll) and the coordinator. */
  start(onPoll?: (s: PollSummary) => void): void;
  /** Polling, not stopping. */
  running(): boolean;
  /** Stops claiming; in-flight checks get the stop deadline; leaves the coordinator role; closes. */
  stop(): Promise<void>;
}

export interface BackgroundOptions {
  store: Store;
  config: Config;
  log: Logger;
  metrics: Registry;
  /** Poll sources here (else only tagging, alert delivery and the coordinator run). */
  poll: boolean;
  /** Load topics, tag and alert (default true). */
  topics?: boolean;
  /** Name of this process in leases and logs (default: host name); made unique with a suffix. */
  name?: string;
  /** Told when this process takes or leaves the coordinator role. */
  onLeading?: (leading: boolean) => void;
  /**
   * Test seam: where the scheduler parses feeds, sitemap files and listing pages (a pool that notes
   * its jobs, or one with tighter limits). Default: pollParser(config), closed on stop.
   */
  parser?: (DocumentParser & CandidateParser) | undefined;
}

export async function buildBackground(o: BackgroundOptions): Promise<Background> {
  const { store, config, log, metrics } = o;
  const owner = `${o.name ?? hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const hostWaits = metrics.counter(
    'newsdesk_host_slot_waits_total',
    'Requests (feed checks, article fetches) that waited for a request slot of their host held by other processes.',
  );
  const hostWaitSeconds = metrics.counter(
    'newsdesk_host_slot_wait_seconds_total',
    "Time requests spent waiting for their host's request slots.",
  );
  const hostHeld = metrics.counter(
    'newsdesk_host_hold_skips_total',
    'Requests not made because their host asked every worker to wait (Retry-After).',
  );
  const turnWaits = metrics.counter(
    'newsdesk_crawl_delay_waits_total',
    "Crawler requests (listing pages, article reads) that waited for their turn under a site's robots.txt Crawl-delay.",
  );
  const turnWaitSeconds = metrics.counter(
    'newsdesk_crawl_delay_wait_seconds_total',
    'Time crawler requests spent waiting for their Crawl-delay turn.',
  );
  // One gate for feed checks and article fetches: the per-host limit and holds are the cluster's.
  const gate = new HostGate({
    store,
    perHost: config.perHostConcurrency,
    log: log.child({ part: 'politeness' }),
    onWait: (_host, ms) => {
      hostWaits.inc();
      hostWaitSeconds.inc(undefined, ms / 1000);
    },
    onHeld: () => hostHeld.inc(),
    onTurnWait: (_host, ms) => {
      turnWaits.inc();
      turnWaitSeconds.inc(undefined, ms / 1000);
    },
  });
  const pipeline = await buildPipeline({
    store,
    config,
    log,
    topics: o.topics !== false,
    extract: o.poll,
    // Re-tagging history is a job (src/server/jobs.ts): a reload only marks topics pending.
    retagHere: () => false,
    gate,
  });
  const leader = metrics.gauge('newsdesk_coordinator_leader', 'Whether this process leads periodic work (1) or not (0).');
  leader.set(0);
  const jobs = buildJobs({ store, config, log, metrics, pipeline, owner });
  const coordinator = new Coordinator({
    coordination: store.coordination,
    duties: [jobs.periodic.duty()],
    log: log.child({ part: 'coordinator' }),
    retryMs: config.coordinatorRetryMs,
    onChange: (leading) => {
      leader.set(leading ? 1 : 0);
      o.onLeading?.(leading);
    },
  });
  let scheduler: Scheduler | undefined;
  // The scheduler's pool is this process's, owned here (closed once the scheduler has stopped).
  const ownParser = o.poll && !o.parser ? pollParser(config) : undefined;
  const parser = o.parser ?? ownParser;
  if (o.poll) {
    const fetches = metrics.counter('newsdesk_fetch_total', 'Source checks by outcome (fetched, not-modified, failed).');
    const inserted = metrics.counter('newsdesk_entries_inserted_total', 'Entries stored for the first time.');
    const wire = metrics.counter('newsdesk_fetch_bytes_total', 'Feed bytes received on the wire.');
    scheduler = new Scheduler({
      store,
      config,
      log,
      steps: pipeline.steps,
      readers: pipeline.readers,
      owner,
      leaseMs: config.leaseMs,
      gate,
      ...(parser ? { parser, pages: parser } : {}),
      onChecked: (_source, r) => {
        fetches.inc({ outcome: r.outcome.kind });
        inserted.inc(undefined, r.inserted.length);
        wire.inc(undefined, r.wireBytes);
      },
    });
  }
  let running = false;
  let stopping: Promise<void> | undefined;
  const c = coordinator;
  return {
    pipeline,
    coordinator: c,
    jobs: jobs.runner,
    pollNow: async () => {
      await scheduler?.pollOnce();
    },
    start(onPoll) {
      if (running || stopping) return;
      running = true;
      c.start();
      jobs.runner.start();
      scheduler?.start(onPoll);
    },
    running: () => running,
    stop() {
      stopping ??= (async () => {
        running = false;
        // Checks and jobs stop side by side, each within the stop deadline.
        await Promise.all([scheduler?.stop(), jobs.runner.stop(config.stopDeadlineMs)]);
        await ownParser?.close();
        await c.stop();
        await pipeline.close();
      })();
      return stopping;
    },
  };
}
