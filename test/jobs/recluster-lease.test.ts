// One re-clustering run at a time across workers (p-relock): the run holds the store's lease, so a
// second re-clustering job that starts while one runs (a periodic one falling due beside a desk
// one, on another worker) ends at once, done, touching nothing, and says so; a retried attempt of
// a job whose worker died takes the lease over at once; the desk's refusal and the pipeline's pause
// read the lease, so a run that failed or was stopped is over at once; `newsdesk recluster` does
// nothing while a run holds it. Both dialects (two connections on one database, two job runners).
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { Writable } from 'node:stream';
import type pg from 'pg';
import { pino } from 'pino';
import { JOB_KINDS } from '../../src/jobs/periodic.js';
import { queueRecluster, recluster } from '../../src/jobs/recluster.js';
import { JobRunner } from '../../src/jobs/runner.js';
import type { Logger } from '../../src/log/logger.js';
import { StoryDesk } from '../../src/pipeline/steps/cluster-stories.js';
import { jobHandlers } from '../../src/server/jobs.js';
import type { Pipeline } from '../../src/server/pipeline.js';
import type { Job } from '../../src/store/jobs.js';
import type { ReclusterLeaseTake } from '../../src/store/stories.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { textEntry } from '../helpers/entries.js';
import { onBatchWrite, storedStories, takeOver } from '../helpers/recluster-takeover.js';
import { runCli } from '../helpers/run-cli.js';
import { ROOT } from '../helpers/repo.js';
import { WordClusterer } from '../pipeline/story-double.js';

/** Whether the PostgreSQL backend `pid` holds a lock another session's statement waits on. */
async function blocksAnother(pool: pg.Pool, pid: number): Promise<boolean> {
  return (await pool.query('SELECT 1 FROM pg_stat_activity WHERE $1::int = ANY(pg_blocking_pids(pid))', [pid])).rowCount! > 0;
}

/**
 * A take of the lease waits at the story gate (src/store/postgres/story-gate.ts), taken first in its
 * transaction, before its INSERT: either is the take waiting.
 */
const STORY_GATE_WAIT = "'SELECT pg_advisory_xact_lock(%'";

/** Asks `ok` every 20 ms until it answers yes; fails after 30 s (a bound: CI is a loaded 2-core machine), naming `what`. */
async function until(what: string, ok: () => Promise<boolean>): Promise<void> {
  for (const end = Date.now() + 30_000; !(await ok()); await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
  }
}

const MIN = 60_000;
const HANG_GUARD = { timeout: 120_000 };

/** A pipeline with no steps: only the re-clustering handler matters here. */
const noSteps: Pipeline = {
  steps: [],
  readers: {} as Pipeline['readers'],
  topics: undefined,
  alerts: undefined,
  close: async () => undefined,
};

/** A logger whose JSON lines are kept. */
function recordingLog(): { log: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'info' }, sink) as unknown as Logger, lines };
}

/** Reports of four events, three outlets each, in time order over an hour (the real clusterer groups them). */
const EVENTS = [
  [
    'Earthquake of magnitude 6.1 strikes coastal town of Izmir',
    'An earthquake of magnitude 6.1 struck the coastal town of Izmir on Monday.',
  ],
  ['Central bank raises interest rates to 4.5 percent', 'The central bank raised its main interest rate to 4.5 percent on Thursday.'],
  ['Dock workers strike closes the port of Rotterdam', 'A strike by dock workers closed the port of Rotterdam for a second day.'],
  ['Wildfire forces evacuation of villages near Athens', 'A wildfire forced the evacuation of several villages north of Athens.'],
] as const;

async function history(store: Store): Promise<number[]> {
  const ids: number[] = [];
  const t0 = Date.now() - 2 * 3_600_000;
  for (let outlet = 0; outlet < 3; outlet++) {
    const src = (await store.sources.add({ url: `https://outlet${outlet}.example/feed` })).source.id;
    const items = EVENTS.map(([title, text], e) =>
      textEntry(
        { dedupeKey: `o${outlet}e${e}`, fingerprint: `o${outlet}e${e}`, url: `https://outlet${outlet}.example/${e}` },
        outlet === 0 ? title : `${title} (${['wire', 'report'][outlet - 1]})`,
        outlet === 0 ? text : `${text} Outlet ${outlet} reports.`,
        t0 + (e * 3 + outlet) * MIN,
      ),
    );
    ids.push(...(await store.entries.saveBatch(src, items)).inserted.map((e) => e.id));
  }
  return ids;
}

/** Entries by their place in `ids`, grouped by story: the grouping, whatever the story ids. */
async function grouping(store: Store, ids: readonly number[]): Promise<string> {
  const entries = await store.entries.getMany([...ids]);
  const byStory = new Map<number | null | undefined, number[]>();
  for (const e of entries) {
    const at = ids.indexOf(e.id);
    byStory.set(e.storyId, [...(byStory.get(e.storyId) ?? []), at]);
  }
  assert.ok(!byStory.has(null) && !byStory.has(undefined), 'every entry has a story');
  return [...byStory.values()]
    .map((g) => g.sort((a, b) => a - b).join(','))
    .sort()
    .join(' | ');
}

forEachDialect((d) => {
  test('two workers run the desk job and a periodic one at once: one run, the other skipped, stories intact', HANG_GUARD, async () => {
    // What one run alone makes of the same history.
    const reference = await d.open();
    const expected = await grouping(
      reference,
      await history(reference).then(async (ids) => {
        await jobHandlers(reference, noSteps, recordingLog().log, 'ref')[JOB_KINDS.recluster]!({ id: 1 } as Job, {
          signal: new AbortController().signal,
        });
        return ids;
      }),
    );

    const first = await d.open();
    const second = await d.reopen(first);
    const ids = await history(first);
    const jobs: number[] = [];
    const queued = await queueRecluster(first);
    assert.equal(queued.outcome, 'queued');
    jobs.push(queued.outcome === 'queued' ? queued.job.id : 0);
    const periodEnd = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    const periodic = await first.jobs.enqueue({
      kind: JOB_KINDS.recluster,
      dedupeKey: `recluster:${periodEnd}`,
      payload: { periodEnd },
      runAfter: periodEnd,
    });
    jobs.push(periodic.job.id);

    // Each run, once it has forgotten the stories, waits (up to 30 s) for the other job to end, so
    // the two are at the same point of a run whatever the order the workers claim in.
    let clears = 0;
    for (const store of [first, second]) {
      const clear = store.stories.clear.bind(store.stories);
      store.stories.clear = async (fence) => {
        clears++;
        const cleared = await clear(fence);
        // A bound on the wait only (the other job usually ends within a second): under load a run
        // took over 5 s, and the two then met at different points of their runs.
        const until = Date.now() + 30_000;
        for (;;) {
          const states = await Promise.all(jobs.map(async (id) => (await first.jobs.get(id))?.state));
          if (states.filter((s) => s === 'done').length >= 1 || Date.now() > until) return cleared;
          await new Promise((r) => setTimeout(r, 20));
        }
      };
    }
    const logs = [recordingLog(), recordingLog()];
    const runners = [first, second].map(
      (store, i) =>
        new JobRunner({
          jobs: store.jobs,
          handlers: jobHandlers(store, noSteps, logs[i]!.log, `worker-${i}`),
          owner: `worker-${i}`,
          log: logs[i]!.log,
          concurrency: 1,
        }),
    );
    await Promise.all(runners.map((r) => r.drain()));

    assert.equal(clears, 1, 'one run forgot the stories and regrouped them; the other touched nothing');
    const finished = await Promise.all(jobs.map((id) => first.jobs.get(id)));
    assert.deepEqual(
      finished.map((j) => j?.state),
      ['done', 'done'],
      'both jobs succeed',
    );
    const skipped = finished.filter((j) => j?.progress?.skipped === true);
    assert.equal(skipped.length, 1, 'one job says it was skipped');
    const ran = finished.find((j) => j?.progress?.skipped !== true)!;
    const heldBy = skipped[0]!.progress!.heldBy as { owner: string; job: number };
    assert.equal(heldBy.job, ran.id, 'and names the job that ran');
    assert.match(heldBy.owner, /^worker-[01]$/);
    const lines = logs.flatMap((l) => l.lines);
    assert.equal(lines.filter((l) => /re-clustering skipped: another run holds the lease/.test(String(l.msg))).length, 1);
    assert.equal(lines.filter((l) => l.msg === 'stories re-clustered').length, 1);

    const progress = await second.stories.reclusterProgress();
    assert.deepEqual([progress.status, progress.done, progress.total], ['done', ids.length, ids.length]);
    assert.deepEqual(progress.lease && [progress.lease.owner, progress.lease.job], [heldBy.owner, ran.id], 'the holder recorded');
    assert.ok(progress.lease!.until <= Math.max(await first.clock.now(), await second.clock.now()), 'released at the end');
    assert.equal(await grouping(first, ids), expected, 'the stories are those of one run alone');
    const stories = (await first.stories.list({ limit: 100 })).items;
    assert.equal(
      stories.reduce((n, s) => n + s.size, 0),
      ids.length,
      'every story counts its entries once',
    );
  });

  test('a job that finds the lease held touches nothing; a retried attempt of a job whose worker died takes it over', async () => {
    const store = await d.open();
    const ids = await history(store);
    await store.stories.assign(ids.map((entryId) => ({ entryId, storyKey: 'before' })));
    const before = await grouping(store, ids);
    const { log, lines } = recordingLog();
    const handler = jobHandlers(store, noSteps, log, 'worker-b')[JOB_KINDS.recluster]!;
    const { job } = await store.jobs.enqueue({ kind: JOB_KINDS.recluster });
    const [claimed] = await store.jobs.claim(await store.clock.now(), 1, 'worker-b', 30_000, [JOB_KINDS.recluster]);
    assert.equal(claimed?.id, job.id);

    // `newsdesk recluster` on another machine holds it.
    const cli = { owner: 'cli:elsewhere:42', job: null };
    assert.equal((await store.stories.takeReclusterLease(cli, Date.now() + 10 * MIN, Date.now())).taken, true);
    assert.equal(await store.stories.startRecluster(ids.length, Date.now(), cli), true);
    await handler(claimed!, { signal: new AbortController().signal });
    assert.equal(await grouping(store, ids), before, 'no story touched');
    const p = await store.stories.reclusterProgress();
    assert.deepEqual([p.status, p.done, p.lease?.owner], ['running', 0, 'cli:elsewhere:42']);
    assert.deepEqual((await store.jobs.get(job.id))?.progress, {
      skipped: true,
      heldBy: { owner: 'cli:elsewhere:42', job: null, until: p.lease!.until },
    });
    assert.equal(lines.filter((l) => /skipped/.test(String(l.msg))).length, 1);

    // A job's worker died mid-run (its lease on the run has ten minutes left); the job's next attempt
    // on another worker runs at once.
    // By the store's clock, as the handler judges the lease (PostgreSQL's may read some ms off Date.now()).
    const at = await store.clock.now();
    assert.equal(await store.stories.releaseReclusterLease(cli, at), true);
    const dead = { owner: 'worker-dead', job: job.id };
    assert.equal((await store.stories.takeReclusterLease(dead, at + 10 * MIN, at)).taken, true);
    assert.equal(await store.stories.startRecluster(ids.length, at, dead), true);
    await handler(claimed!, { signal: new AbortController().signal });
    const done = await store.stories.reclusterProgress();
    assert.deepEqual([done.status, done.done, done.lease?.owner], ['done', ids.length, 'worker-b']);
    assert.notEqual(await grouping(store, ids), before);
  });

  test('the desk and the pipeline read the lease: a run that failed is over at once, one that holds it is live', async () => {
    const store = await d.open();
    const ids = await history(store);
    const holder = { owner: 'worker-a', job: 5 };
    const now = Date.now();
    assert.equal((await store.stories.takeReclusterLease(holder, now + 10 * MIN, now)).taken, true);
    // Taken, not yet started (the progress row says nothing of it yet): live already.
    assert.equal((await queueRecluster(store)).outcome, 'running');
    assert.equal(await store.stories.startRecluster(10, now, holder), true);
    assert.equal(await store.stories.recordRecluster({ publishedAt: 1, entryId: 1 }, 3, now, { holder, until: now + 10 * MIN }), true);
    assert.equal((await queueRecluster(store)).outcome, 'running');
    const [entry] = await store.entries.getMany([ids[0]!]);
    // A window of 1 ms: nothing stored is rebuilt, so the entry goes through the step itself.
    const step = (): StoryDesk => new StoryDesk({ create: () => new WordClusterer(), windowMs: 1 });
    assert.deepEqual(await step().add(store, [entry!]), [], 'the pipeline leaves entries to the run');

    // The run failed a moment ago (its progress is fresh): the lease was released, so it is over.
    // Released at the store's clock, which the step and the desk judge the lease by: released at
    // Date.now(), the lease was still live to a PostgreSQL clock reading some ms behind it.
    assert.equal(await store.stories.releaseReclusterLease(holder, await store.clock.now()), true);
    assert.equal((await step().add(store, [entry!])).length, 1, 'the pipeline clusters again');
    const asked = await queueRecluster(store);
    assert.equal(asked.outcome, 'queued', 'the desk queues a new run');
  });

  test('recluster() itself: stopped, it ends its lease at once; a second call in the process is skipped', async () => {
    const store = await d.open();
    await history(store);
    const controller = new AbortController();
    const stopped = await recluster({
      store,
      create: () => new WordClusterer(),
      batchSize: 2,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    assert.equal(stopped.finished, false);
    const p = await store.stories.reclusterProgress();
    assert.equal(p.status, 'running');
    assert.ok(p.lease && p.lease.until <= (await store.clock.now()), 'released when stopped');
    // Two at once in one process: one runs, one is skipped.
    const [a, b] = await Promise.all([0, 1].map(() => recluster({ store, create: () => new WordClusterer(), batchSize: 2 })));
    assert.deepEqual([a!.finished || b!.finished, Boolean(a!.skipped) !== Boolean(b!.skipped)], [true, true]);
  });

  test('a run whose lease ran out and was taken over stops before writing another batch, and leaves the lease to the taker', async () => {
    const store = await d.open();
    const ids = await history(store);
    const taker = { owner: 'worker-new', job: 99 };
    // After its first batch the run stalls past its lease (as a hung worker would) and another
    // worker takes it over: here, while the run reads its second batch's tags.
    let batches = 0;
    let took = false;
    const tagsFor = store.topics.tagsFor.bind(store.topics);
    store.topics.tagsFor = async (entryIds) => {
      if (++batches === 2) took = (await store.stories.takeReclusterLease(taker, Date.now() + 30 * MIN, Date.now() + 11 * MIN)).taken;
      return tagsFor(entryIds);
    };
    const report = await recluster({ store, create: () => new WordClusterer(), batchSize: 2, holder: { owner: 'worker-slow', job: 98 } });
    assert.equal(took, true);
    assert.equal(report.finished, false);
    assert.equal(report.done, 2);
    assert.deepEqual(report.lost && [report.lost.owner, report.lost.job], ['worker-new', 99]);
    assert.equal((await store.entries.getMany(ids)).filter((e) => e.storyId).length, 2, 'no batch written after the lease was lost');
    const p = await store.stories.reclusterProgress();
    assert.deepEqual([p.done, p.lease?.owner, p.lease && p.lease.until > Date.now()], [2, 'worker-new', true], 'the taker keeps it');
  });

  test("a run taken over between reading a batch and writing it writes nothing of it: the stories are the taker's (p-fence)", async () => {
    const store = await d.open();
    const other = await d.reopen(store);
    const ids = await history(store);
    const taker = { owner: 'worker-new', job: 99 };
    // The job's run (worker-slow, job 98; one batch of 500, so every entry) reads and clusters its
    // batch, then stalls past its lease just as it starts writing it; worker-new takes the lease
    // over on its own connection and writes its first batch (every entry in one story).
    let theirs = '';
    let until = 0;
    onBatchWrite(store.stories, 1, async () => {
      until = await takeOver(other, ids, taker, Date.now() + 11 * MIN);
      theirs = await storedStories(other, ids);
    });
    const { log, lines } = recordingLog();
    await jobHandlers(store, noSteps, log, 'worker-slow')[JOB_KINDS.recluster]!({ id: 98 } as Job, {
      signal: new AbortController().signal,
    });
    assert.notEqual(theirs, '', 'the take-over happened');
    assert.equal(await storedStories(store, ids), theirs, "the stored stories are the taker's: nothing of the stale batch");
    const p = await store.stories.reclusterProgress();
    assert.deepEqual(
      [p.status, p.done, p.lease],
      ['running', ids.length, { ...taker, until }],
      "the stale run's renewal failed: progress and lease are the taker's",
    );
    const stopped = lines.filter((l) => l.outcome === 'lease-lost');
    assert.equal(stopped.length, 1, JSON.stringify(lines));
    assert.deepEqual([stopped[0]!.level, stopped[0]!.jobId, stopped[0]!.entries, stopped[0]!.total], [40, 98, 0, ids.length]);
    assert.deepEqual(stopped[0]!.heldBy, { ...taker, until });
    assert.match(String(stopped[0]!.msg), /another run took it over; that run carries on, this one wrote nothing more/);
    assert.equal(lines.filter((l) => /stories re-clustered/.test(String(l.msg))).length, 0);
  });

  test('PostgreSQL: a take-over while a batch is being written waits for its commit, so the check and the write are not split (p-fence)', {
    skip: d.name !== 'postgres' && 'SQLite writes one transaction at a time (IMMEDIATE)',
  }, async () => {
    const store = await d.open();
    const other = await d.reopen(store);
    const ids = await history(store);
    await store.stories.assign([{ entryId: ids[0]!, storyKey: 'held' }]);
    const slow = { owner: 'worker-slow', job: 98 };
    const now = Date.now();
    const took = await store.stories.takeReclusterLease(slow, now + 10 * MIN, now);
    assert.ok(took.taken);
    const fence = { ...slow, generation: took.generation };
    assert.equal(await store.stories.startRecluster(ids.length, now, fence), true);
    // Another transaction holds the row of a story the batch writes: the batch stalls inside its
    // write, after its lease check, for as long as this one likes.
    const pool = (store as unknown as { pool: pg.Pool }).pool;
    const lock = await pool.connect();
    try {
      const lockPid = (await lock.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      await lock.query('BEGIN');
      await lock.query("SELECT id FROM stories WHERE key = 'held' FOR UPDATE");
      let written: unknown;
      const batch = store.stories
        .recordRecluster(
          { publishedAt: now, entryId: ids[ids.length - 1]! },
          ids.length,
          now + MIN,
          { holder: fence, until: now + 11 * MIN },
          [...ids.map((entryId) => ({ entryId, storyKey: 'held' }))],
        )
        .then((ok) => (written = ok));
      await until('the batch to wait inside its write', () => blocksAnother(pool, lockPid));
      // By the taker's clock (now + 12 min) the slow run's lease has run out: it tries to take it over.
      let taken: ReclusterLeaseTake | undefined;
      const take = other.stories
        .takeReclusterLease({ owner: 'worker-new', job: 99 }, now + 40 * MIN, now + 12 * MIN)
        .then((t) => (taken = t));
      await until('the take-over to wait for the batch, or to be taken', async () => {
        if (taken !== undefined) return true;
        const r = await pool.query(
          `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()
             AND (query LIKE 'INSERT INTO story_recluster%' OR query LIKE ${STORY_GATE_WAIT})`,
        );
        return r.rowCount! > 0;
      });
      assert.equal(taken, undefined, 'the take-over waits for the batch in progress');
      await lock.query('COMMIT');
      const [, outcome] = await Promise.all([batch, take]);
      assert.equal(written, true, 'the batch, checked before the take-over, is written whole');
      assert.equal(outcome.taken, true, "then taken over (the renewed lease had run out by the taker's clock)");
      assert.deepEqual(
        (await store.entries.getMany(ids)).map((e) => e.storyId !== null),
        ids.map(() => true),
      );
    } finally {
      await lock.query('ROLLBACK').catch(() => undefined);
      lock.release();
    }
  });

  test('PostgreSQL: before any run, a checked story write and the first take of the lease serialise on the lease row (p-lease)', {
    skip: d.name !== 'postgres' && 'SQLite writes one transaction at a time (IMMEDIATE)',
  }, async () => {
    const store = await d.open();
    const other = await d.reopen(store);
    const ids = await history(store);
    await store.stories.assign([{ entryId: ids[0]!, storyKey: 'held' }]);
    assert.equal((await store.stories.reclusterProgress()).generation, 0, 'no run ever');
    const pool = (store as unknown as { pool: pg.Pool }).pool;
    const lock = await pool.connect();
    try {
      const lockPid = (await lock.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      await lock.query('BEGIN');
      await lock.query("SELECT id FROM stories WHERE key = 'held' FOR UPDATE");
      // The story step's write, checked against generation 0 (no run ever), stalls inside its
      // transaction after its check (another transaction holds a story row it writes).
      let written: boolean | undefined;
      const step = store.stories
        .assign(
          ids.map((entryId) => ({ entryId, storyKey: 'held' })),
          Date.now(),
          { generation: 0 },
        )
        .then((ok) => (written = ok));
      await until('the step write to wait inside its transaction', () => blocksAnother(pool, lockPid));
      // The very first run takes the lease meanwhile: it must wait for the checked write (the lease
      // row exists and the write holds it FOR SHARE), not slip past it.
      let taken: ReclusterLeaseTake | undefined;
      const now = Date.now();
      const take = other.stories.takeReclusterLease({ owner: 'worker-first', job: 1 }, now + 10 * MIN, now).then((t) => (taken = t));
      await until('the first take to wait for the step write, or to be taken', async () => {
        if (taken !== undefined) return true;
        const r = await pool.query(
          `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()
             AND (query LIKE 'INSERT INTO story_recluster%' OR query LIKE ${STORY_GATE_WAIT})`,
        );
        return r.rowCount! > 0;
      });
      assert.equal(taken, undefined, 'the first take waits for the checked write in progress');
      await lock.query('COMMIT');
      const [, outcome] = await Promise.all([step, take]);
      assert.equal(written, true, 'the step write, checked before the take, is written whole');
      assert.deepEqual(outcome, { taken: true, generation: 1 }, 'then the lease is taken');
      // And a step write checked against generation 0 after that take is refused.
      assert.equal(await store.stories.assign([{ entryId: ids[1]!, storyKey: 'late' }], Date.now(), { generation: 0 }), false);
    } finally {
      await lock.query('ROLLBACK').catch(() => undefined);
      lock.release();
    }
  });

  test('a run that stalled past its lease, nobody taking it over, takes it anew at its next batch and logs lease-retaken (p-lease)', async () => {
    const store = await d.open();
    const ids = await history(store);
    // The job's run (batches of 4) writes its first batch; before its second batch's write it
    // stalls: by its clock the write comes 11 minutes later, past its 10-minute lease, which nobody
    // took. Meanwhile the story step, seeing no live run, writes a new entry's story beside it
    // (checked against the generation it read); once the run's write has gone through, a step write
    // checked against that same generation is refused.
    const read = store.stories.clusterInputs.bind(store.stories);
    store.stories.clusterInputs = (from, limit, chars, since) => read(from, Math.min(limit, 4), chars, since);
    const record = store.stories.recordRecluster.bind(store.stories);
    let writes = 0;
    let seen = -1;
    let beside: boolean | undefined;
    let after: boolean | undefined;
    store.stories.recordRecluster = async (at, n, now, lease, assignments) => {
      if (++writes !== 2 || !lease || now === undefined) return record(at, n, now, lease, assignments);
      const late = now + 11 * MIN;
      const p = await store.stories.reclusterProgress();
      seen = p.generation;
      assert.ok(p.lease && p.lease.until <= late, 'the lease has run out by the stalled clock');
      beside = await store.stories.assign([{ entryId: ids[ids.length - 1]!, storyKey: 'step' }], late, { generation: seen });
      const out = await record(at, n, late, { ...lease, until: late + 10 * MIN }, assignments);
      after = await store.stories.assign([{ entryId: ids[ids.length - 1]!, storyKey: 'step-late' }], late, { generation: seen });
      return out;
    };
    const { log, lines } = recordingLog();
    await jobHandlers(store, noSteps, log, 'worker-slow')[JOB_KINDS.recluster]!({ id: 98 } as Job, {
      signal: new AbortController().signal,
    });
    assert.equal(beside, true, 'while the lease was out, the step wrote beside the run');
    assert.equal(after, false, "after the run's write, a step write checked against the old generation is refused");
    const retaken = lines.filter((l) => l.outcome === 'lease-retaken');
    assert.equal(retaken.length, 1, JSON.stringify(lines));
    assert.deepEqual([retaken[0]!.level, retaken[0]!.jobId, retaken[0]!.entries, retaken[0]!.generation], [40, 98, 4, seen + 1]);
    assert.equal(lines.filter((l) => l.outcome === 'lease-lost').length, 0);
    assert.equal(lines.filter((l) => /stories re-clustered/.test(String(l.msg))).length, 1, 'the run carried on to its end');
    const p = await store.stories.reclusterProgress();
    assert.deepEqual([p.status, p.done, p.generation, p.lease?.owner, p.lease?.job], ['done', ids.length, seen + 1, 'worker-slow', 98]);
    assert.equal((await store.entries.getMany(ids)).filter((e) => e.storyId === null).length, 0, 'every entry has a story');
  });
});

test('newsdesk recluster taken over mid-run writes nothing more and exits 75 naming the new holder (p-fence)', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'newsdesk-fence-')), 'news.db');
  const store = await SqliteStore.open({ path });
  const ids = await history(store);
  await store.close();
  // The command's process is taken over at the start of its second batch's write (a preloaded hook
  // writes, through a second connection, as worker-9 running job 13).
  const preload = join(ROOT, 'dist', 'test', 'helpers', 'recluster-takeover-preload.js');
  const run = await runCli(['recluster', '--db', path, '--batch', '2'], {
    NODE_OPTIONS: `--import=${pathToFileURL(preload).href}`,
    NEWSDESK_TEST_TAKEOVER: JSON.stringify({ path, owner: 'worker-9', job: 13, batch: 2 }),
  });
  assert.equal(run.code, 75, run.stderr);
  assert.match(
    run.stderr,
    /stopped after 2 of 12 entries: this run's lease ran out and was taken over by worker-9, job 13 \(lease until \d{4}-\d\d-\d\dT[\d:.]+Z\), which carries on and regroups every stored article; this run wrote nothing more\./,
  );
  const again = await SqliteStore.open({ path });
  try {
    const stories = await again.entries.getMany(ids);
    assert.deepEqual(new Set(stories.map((e) => e.storyId)).size, 1, "every entry in the taker's one story");
    assert.deepEqual(
      (await again.stories.list({ limit: 10 })).items.map((s) => [s.key, s.size]),
      [['taker', ids.length]],
    );
    const p = await again.stories.reclusterProgress();
    assert.deepEqual([p.status, p.done, p.lease?.owner, p.lease?.job], ['running', ids.length, 'worker-9', 13]);
  } finally {
    await again.close();
  }
});

test('newsdesk recluster does nothing while another run holds the lease (status 75)', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'newsdesk-relock-')), 'news.db');
  const store = await SqliteStore.open({ path });
  const ids = await history(store);
  await store.stories.assign(ids.map((entryId) => ({ entryId, storyKey: 'kept' })));
  assert.equal((await store.stories.takeReclusterLease({ owner: 'worker-7', job: 12 }, Date.now() + 10 * MIN, Date.now())).taken, true);
  await store.close();
  const run = await runCli(['recluster', '--db', path]);
  assert.equal(run.code, 75, run.stderr);
  assert.match(run.stderr, /another re-clustering is running \(worker-7, job 12, lease until \d{4}-\d\d-\d\dT[\d:.]+Z\); nothing was done/);
  const again = await SqliteStore.open({ path });
  try {
    const stories = new Set((await again.entries.getMany(ids)).map((e) => e.storyId));
    assert.equal(stories.size, 1);
    assert.ok(!stories.has(null));
    assert.equal((await again.stories.list({ limit: 10 })).items.length, 1, 'the stories are as they were');
    assert.equal((await again.stories.reclusterProgress()).status, 'idle');
  } finally {
    await again.close();
  }
});
