// The jobs of a worker process, assembled: the runner with a handler per kind (re-tag history,
// digest runs, story re-cluster, OPML imports, an entry's full text read again), the coordinator's periodic duty that enqueues them, and their
// metrics. Settings beyond the config file come from the environment:
//   NEWSDESK_JOB_LEASE_MS (30000)        lease per claimed job, renewed every third of it
//   NEWSDESK_JOB_CONCURRENCY (2)         jobs run at once per process
//   NEWSDESK_DIGEST_PERIOD_MS (3600000)  one digest job per period end; 0: none
//   NEWSDESK_RECLUSTER_HOURS (0)         one story re-cluster per this many hours; 0: none
import { hostname } from 'node:os';
import type { Config } from '../config/options.js';
import { JOB_KINDS, PeriodicWork } from '../jobs/periodic.js';
import { OPML_IMPORT, opmlImportHandler } from '../jobs/opml-import.js';
import { EXTRACT_ENTRY, extractEntryHandler } from '../jobs/extract-entry.js';
import type { ExtractStep } from '../pipeline/steps/extract-full-text.js';
import { recluster } from '../jobs/recluster.js';
import { type JobHandler, JobRunner } from '../jobs/runner.js';
import type { Logger } from '../log/logger.js';
import type { Registry } from '../metrics/registry.js';
import { OnlineStoryClusterer } from '../stories/clusterer.js';
import type { Store } from '../store/store.js';
import type { Pipeline } from './pipeline.js';

export interface JobSettings {
  leaseMs: number;
  concurrency: number;
  digestPeriodMs: number;
  reclusterPeriodMs: number;
}

function envNumber(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v.trim() === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number ≥ 0, not ${JSON.stringify(v)}`);
  return n;
}

export function jobSettings(): JobSettings {
  return {
    leaseMs: Math.max(200, envNumber('NEWSDESK_JOB_LEASE_MS', 30_000)),
    concurrency: Math.max(1, Math.floor(envNumber('NEWSDESK_JOB_CONCURRENCY', 2))),
    digestPeriodMs: envNumber('NEWSDESK_DIGEST_PERIOD_MS', 3_600_000),
    reclusterPeriodMs: envNumber('NEWSDESK_RECLUSTER_HOURS', 0) * 3_600_000,
  };
}

/**
 * What each kind of job does in this process. `owner` is the runner's (the worker's id): it holds
 * the re-clustering lease for the job it runs, and records on the job what a skipped run found.
 */
export function jobHandlers(
  store: Store,
  pipeline: Pipeline,
  log: Logger,
  owner = `jobs:${hostname()}:${process.pid}`,
): Record<string, JobHandler> {
  const topics = pipeline.topics;
  const alerts = pipeline.alerts;
  // Only a process that reads full text claims the desk's retries (a worker built with extraction
  // off leaves them to one that reads).
  const extract = pipeline.steps.find((s): s is ExtractStep => s.name === 'extract' && 'extractEntry' in s);
  const retry: Record<string, JobHandler> = extract
    ? { [EXTRACT_ENTRY]: extractEntryHandler({ store, extract, after: pipeline.steps.filter((s) => s.name === 'topics'), log }) }
    : {};
  return {
    ...retry,
    // Resumes every pending topic from its stored progress; stopping keeps that progress.
    [JOB_KINDS.retag]: async (_job, { signal }) => {
      if (!topics) return;
      const onAbort = (): void => void topics.retagger.stop();
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        const report = await topics.retagger.resume(topics.registry.topics, topics.registry.matcher);
        if (report.error) throw new Error(`re-tag stopped: ${report.error}`);
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    },
    // Sends what the outbox holds due by the period's end (e-mail digests, and webhook batches
    // waiting with them). Outbox rows have leases of their own, so a digest run cut short by a
    // killed worker resends nothing another run already marked sent.
    [JOB_KINDS.digest]: async (_job, { signal }) => {
      if (!alerts) return;
      for (let round = 0; round < 100 && !signal.aborted; round++) {
        const stats = await alerts.worker.runOnce();
        if (stats.claimed === 0) return;
      }
    },
    // Subscribes to the feeds of an uploaded OPML list, recording progress as it goes.
    [OPML_IMPORT]: opmlImportHandler({ sources: store.sources, jobs: store.jobs }),
    // One run at a time (the store's lease). A job that finds another run going on ends at once,
    // done, having touched nothing: that run regroups every stored article, those stored while it
    // runs included, so a second pass after it would only repeat it; what the skipped run found is
    // logged and kept on the job. A retried attempt of this job (its worker died) takes the lease over.
    [JOB_KINDS.recluster]: async (job, { signal }) => {
      const r = await recluster({
        store,
        create: (choice) => new OnlineStoryClusterer(choice),
        signal,
        holder: { owner, job: job.id },
        // It stalled past its lease and nobody took it over: it carries on, having taken it anew
        // (the story step's writes checked against the old lease are refused from now on).
        onRetaken: (t) =>
          log.warn(
            { jobId: job.id, outcome: 'lease-retaken', entries: t.done, expiredAt: t.expiredAt, at: t.at, generation: t.generation },
            're-clustering resumed after its lease ran out (nobody took it over): it took the lease anew and carries on',
          ),
      });
      if (r.skipped) {
        const heldBy = { owner: r.skipped.owner, job: r.skipped.job, until: r.skipped.until };
        await store.jobs.recordProgress(job.id, owner, { skipped: true, heldBy }).catch(() => false);
        log.info({ jobId: job.id, heldBy }, 're-clustering skipped: another run holds the lease and regroups every stored article');
        return;
      }
      if (r.lost !== undefined) {
        // Fenced out (it stalled past its lease): the batch it was writing and everything after it
        // were left to the run that took over.
        const heldBy = r.lost && { owner: r.lost.owner, job: r.lost.job, until: r.lost.until };
        await store.jobs.recordProgress(job.id, owner, { lost: true, entries: r.done, heldBy }).catch(() => false);
        log.warn(
          { jobId: job.id, outcome: 'lease-lost', entries: r.done, total: r.total, heldBy },
          're-clustering stopped: its lease ran out and another run took it over; that run carries on, this one wrote nothing more',
        );
      } else log.info({ jobId: job.id, entries: r.done, stories: r.stories, finished: r.finished }, 'stories re-clustered');
    },
  };
}

export interface ProcessJobs {
  runner: JobRunner;
  periodic: PeriodicWork;
}

/** The runner and periodic duty of one process, with their metrics registered on `metrics`. */
export function buildJobs(o: {
  store: Store;
  config: Config;
  log: Logger;
  metrics: Registry;
  pipeline: Pipeline;
  owner: string;
  settings?: JobSettings;
}): ProcessJobs {
  const { store, metrics } = o;
  const s = o.settings ?? jobSettings();
  const log = o.log.child({ part: 'jobs' });
  const latency = metrics.histogram(
    'newsdesk_job_duration_seconds',
    'Time a job attempt ran in this process, by kind and outcome.',
    [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 1800],
  );
  const finished = metrics.counter('newsdesk_jobs_finished_total', 'Job attempts finished in this process, by kind and outcome.');
  const takeovers = metrics.counter(
    'newsdesk_job_lease_takeovers_total',
    'Jobs this process claimed after their previous lease ran out (their worker died or hung).',
  );
  const depth = metrics.gauge('newsdesk_job_queue_depth', 'Jobs queued and due now, by kind (cluster-wide).');
  const states = metrics.gauge('newsdesk_jobs', 'Jobs stored, by state (cluster-wide; dead ones wait for `newsdesk jobs retry`).');
  const expiries = metrics.gauge('newsdesk_job_lease_expiries', 'Job leases that ran out and were taken over, over the jobs stored.');
  const holds = metrics.gauge('newsdesk_host_holds', 'Hosts on hold now for every worker (Retry-After).');
  depth.collect = async () => {
    // Due and expired by the store's clock, as the runners claim by it.
    const now = await store.clock.now();
    depth.reset();
    for (const [kind, n] of await store.jobs.dueByKind(now)) depth.set(n, { kind });
    const c = await store.jobs.counts(now);
    states.reset();
    for (const st of ['queued', 'running', 'done', 'dead'] as const) states.set(c[st], { state: st });
    states.set(c.expired, { state: 'running-expired' });
    expiries.set(c.leaseExpiries);
    holds.set((await store.hosts.holds(now)).length);
  };
  const runner = new JobRunner({
    jobs: store.jobs,
    handlers: jobHandlers(store, o.pipeline, log, o.owner),
    owner: o.owner,
    log,
    leaseMs: s.leaseMs,
    concurrency: s.concurrency,
    onFinished: (job, outcome, ms) => {
      latency.observe(ms / 1000, { kind: job.kind, outcome });
      finished.inc({ kind: job.kind, outcome });
    },
    onLeaseExpired: (job) => takeovers.inc({ kind: job.kind }),
  });
  const periodic = new PeriodicWork({
    store,
    log,
    everyMs: Math.max(100, Math.min(o.config.coordinatorRetryMs, s.digestPeriodMs > 0 ? s.digestPeriodMs / 2 : Infinity)),
    digestPeriodMs: s.digestPeriodMs,
    reclusterPeriodMs: s.reclusterPeriodMs,
    topics: o.pipeline.topics !== undefined,
    onEnqueued: () => runner.wake(),
  });
  return { runner, periodic };
}
