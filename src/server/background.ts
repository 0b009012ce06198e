// The background work of a process that polls (`newsdesk worker`, and `newsdesk serve` without
// --no-poll): the pipeline (full text, tagging, alert delivery), the scheduler that claims due
// sources with leases, and the coordinator that runs periodic work (re-tagging history) in
// exactly one process of the deployment. Stopping follows SIGTERM's order: claim nothing new,
// give checks in flight the stop deadline, then leave the coordinator role and close.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from '../config/options.js';
import { Coordinator, type Duty } from '../jobs/coordinator.js';
import { Scheduler, type PollSummary } from '../jobs/scheduler.js';
import type { Logger } from '../log/logger.js';
import type { Registry } from '../metrics/registry.js';
import type { Store } from '../store/store.js';
import { buildPipeline, type Pipeline } from './pipeline.js';
import type { TopicsRuntime } from './topics.js';

export interface Background {
  pipeline: Pipeline;
  coordinator: Coordinator;
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
}

/** Re-tags history for pending topics while this process leads; checks every `everyMs` for new ones. */
function retagDuty(store: Store, topics: TopicsRuntime, everyMs: number, log: Logger): Duty {
  let timer: NodeJS.Timeout | undefined;
  const resume = (): void => {
    if (topics.retagger.running()) return;
    store.topics.retagPending().then(
      (pending) => {
        if (pending.length && !topics.retagger.running()) void topics.retagger.resume(topics.registry.topics, topics.registry.matcher);
      },
      (err: unknown) => log.warn({ err }, 'could not look for pending re-tags'),
    );
  };
  return {
    name: 'retag',
    start() {
      resume();
      timer = setInterval(resume, everyMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await topics.retagger.stop();
    },
  };
}

export async function buildBackground(o: BackgroundOptions): Promise<Background> {
  const { store, config, log, metrics } = o;
  const owner = `${o.name ?? hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  let coordinator: Coordinator | undefined;
  const pipeline = await buildPipeline({
    store,
    config,
    log,
    topics: o.topics !== false,
    extract: o.poll,
    retagHere: () => coordinator?.leading() === true,
  });
  const leader = metrics.gauge('newsdesk_coordinator_leader', 'Whether this process leads periodic work (1) or not (0).');
  leader.set(0);
  coordinator = new Coordinator({
    coordination: store.coordination,
    duties: pipeline.topics ? [retagDuty(store, pipeline.topics, config.coordinatorRetryMs, log)] : [],
    log: log.child({ part: 'coordinator' }),
    retryMs: config.coordinatorRetryMs,
    onChange: (leading) => leader.set(leading ? 1 : 0),
  });
  let scheduler: Scheduler | undefined;
  if (o.poll) {
    const fetches = metrics.counter('newsdesk_fetch_total', 'Source checks by outcome (fetched, not-modified, failed).');
    const inserted = metrics.counter('newsdesk_entries_inserted_total', 'Entries stored for the first time.');
    const wire = metrics.counter('newsdesk_fetch_bytes_total', 'Feed bytes received on the wire.');
    const hostWaits = metrics.counter(
      'newsdesk_host_slot_waits_total',
      'Checks that waited for a request slot of their host held by other processes.',
    );
    const hostWaitSeconds = metrics.counter(
      'newsdesk_host_slot_wait_seconds_total',
      "Time checks spent waiting for their host's request slots.",
    );
    scheduler = new Scheduler({
      store,
      config,
      log,
      steps: pipeline.steps,
      readers: pipeline.readers,
      owner,
      leaseMs: config.leaseMs,
      onHostWait: (_host, ms) => {
        hostWaits.inc();
        hostWaitSeconds.inc(undefined, ms / 1000);
      },
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
    pollNow: async () => {
      await scheduler?.pollOnce();
    },
    start(onPoll) {
      if (running || stopping) return;
      running = true;
      c.start();
      scheduler?.start(onPoll);
    },
    running: () => running,
    stop() {
      stopping ??= (async () => {
        running = false;
        await scheduler?.stop();
        await c.stop();
        await pipeline.close();
      })();
      return stopping;
    },
  };
}
