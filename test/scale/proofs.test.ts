// The proofs, with real `newsdesk worker --db postgres://…` processes (the built CLI)
// against a fixture of feeds on many loopback hosts that counts requests per feed and requests
// open at once per host:
//   1. two and four workers: every due source fetched exactly once per due time, no entry lost or
//      duplicated, the per-host limit never exceeded across the cluster, every story's stored
//      size and article count its entries' (the workers join entries to the same stories at once);
//   2. K trials, each killing one worker with SIGKILL at a random moment: afterwards 0 entries
//      lost, 0 duplicated, every source lease recovered, the limit held, the story counts true;
//   3. the coordinator's leader killed while digest periods fall due: another takes over, and
//      every digest period has exactly one digest job, done once — none twice, none skipped
//      (the messages those jobs send are counted in digest-delivery.test.ts).
// Default size keeps CI quick (300 feeds, 5 trials); NEWSDESK_SCALE_FULL=1 runs the size
// (2,000 feeds, 20 trials). Needs NEWSDESK_TEST_POSTGRES_URL; skipped with one line otherwise.
import { rng } from '../../bench/lib/rng.js';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { PostgresStore } from '../../src/store/postgres/index.js';
import { startFeedHosts, type FeedHosts } from './feed-hosts.js';
import { killAllProcesses, sleep, startWorkerProcess, waitFor, type WorkerProcess } from './workers.js';

// Short leases prove recovery quickly, but not shorter than the stalls a loaded 2-core CI machine
// gives a worker's lease renewals: under heavy load a 1.5–2 s lease lapsed in one (then the
// language model's load, which now runs on a thread of its own, p-langid2), and the other worker
// checked the sources again. 8 s keeps the margin; the product's default is 60 s.
const LEASE_MS = '8000';
const url = process.env.NEWSDESK_TEST_POSTGRES_URL;
const FULL = process.env.NEWSDESK_SCALE_FULL === '1';
const FEEDS = FULL ? 2000 : 300;
const HOSTS = FULL ? 20 : 6;
const TRIALS = FULL ? 20 : 5;
const ITEMS = 3;
const PER_HOST = 2;
/** Checks one worker runs at once (NEWSDESK_WORKERS): at most this many are fetched twice after a kill. */
const IN_FLIGHT = 8;

if (!url) {
  test('scale proofs: workers on PostgreSQL', (t) => {
    t.skip('NEWSDESK_TEST_POSTGRES_URL is not set: the multi-worker proofs are skipped');
  });
} else {
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  const schemas: string[] = [];
  const seed = Number(process.env.NEWSDESK_SCALE_SEED ?? Date.now() % 1_000_000);
  const random = rng(seed);

  after(async () => {
    killAllProcesses();
    for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
    await admin.end();
  });

  /** A store in a schema of its own with every fixture feed added (all due now); its URL for workers. */
  async function seeded(feeds: FeedHosts): Promise<{ store: PostgresStore; database: string; schema: string }> {
    const schema = `newsdesk_proof_${process.pid}_${randomBytes(4).toString('hex')}`;
    schemas.push(schema);
    const store = await PostgresStore.open({ url: url!, schema, poolSize: 3, defaultExtractMode: 'off' });
    // One statement for all: adding 2,000 sources one by one would dominate the test's time.
    const now = Date.now();
    await store.pool.query(
      `INSERT INTO "${schema}".sources (url, kind, next_check_at, interval_seconds, extract_mode, created_at)
       SELECT u, 'feed', $2, 1800, 'off', $2 FROM unnest($1::text[]) AS u`,
      [feeds.urls, now],
    );
    const sep = url!.includes('?') ? '&' : '?';
    return { store, database: `${url}${sep}schema=${schema}`, schema };
  }

  async function workers(names: string[], database: string, env: Record<string, string> = {}): Promise<WorkerProcess[]> {
    const started = await Promise.all(
      names.map((name) =>
        startWorkerProcess(name, database, {
          NEWSDESK_WORKERS: String(IN_FLIGHT),
          NEWSDESK_PER_HOST: String(PER_HOST),
          NEWSDESK_COORDINATOR_RETRY_MS: '300',
          ...env,
        }),
      ),
    );
    return started;
  }

  const one = async (sql: string, params: unknown[] = []): Promise<number> =>
    (await admin.query<{ n: number }>(sql, params)).rows[0]?.n ?? 0;

  /** Every item of every feed stored exactly once, and no source lease left behind. */
  async function assertComplete(feeds: FeedHosts, schema: string): Promise<void> {
    const rows = (
      await admin.query<{ url: string; title: string }>(
        `SELECT s.url, e.title FROM "${schema}".entries e JOIN "${schema}".sources s ON s.id = e.source_id`,
      )
    ).rows;
    const got = rows.map((r) => `${r.url} ${r.title}`);
    const have = new Set(got);
    const want = feeds.urls.flatMap((u) => Array.from({ length: ITEMS }, (_, k) => `${u} Story ${k} of ${new URL(u).pathname}`));
    assert.equal(got.length - have.size, 0, `${got.length - have.size} entries duplicated`);
    const lost = want.filter((w) => !have.has(w)).length;
    assert.equal(lost, 0, `${lost} entries lost`);
    assert.equal(got.length, want.length);
    assert.equal(
      await one(`SELECT count(*)::int AS n FROM "${schema}".sources WHERE lease_owner IS NOT NULL`),
      0,
      'source leases left behind',
    );
    // Both workers join entries to the same stories at once: each story's stored counts are its
    // entries' (a worker's recount missed the other's uncommitted entry: docs/site-review.md).
    const miscounted = await one(
      `SELECT count(*)::int AS n FROM "${schema}".stories s CROSS JOIN LATERAL (
         SELECT count(*) AS size, count(*) FILTER (WHERE e.duplicate_of IS NULL) AS articles
         FROM "${schema}".entries e WHERE e.story_id = s.id AND e.deleted_at IS NULL) c
       WHERE s.merged_into IS NULL AND (s.size <> c.size OR s.articles <> c.articles)`,
    );
    assert.equal(miscounted, 0, `${miscounted} stories whose stored size or article count is not their entries'`);
  }

  function assertPolite(feeds: FeedHosts, ws: WorkerProcess[]): void {
    const peaks = feeds.peakConcurrency();
    for (const [host, n] of peaks)
      assert.ok(n <= PER_HOST, `${host}: ${n} requests at once across the workers\n${ws.map((w) => w.stderr()).join('\n')}`);
  }

  const allChecked = (schema: string, since: number) => async (): Promise<boolean> =>
    (await one(`SELECT count(*)::int AS n FROM "${schema}".sources WHERE last_checked_at IS NULL OR last_checked_at < $1`, [since])) === 0;

  async function stopAll(ws: WorkerProcess[]): Promise<void> {
    for (const w of ws) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
    const codes = await Promise.all(ws.map((w) => w.exited));
    ws.forEach((w, i) => {
      if (w.child.signalCode !== 'SIGKILL') assert.equal(codes[i], 0, `${w.name} did not stop cleanly:\n${w.stderr()}`);
    });
  }

  describe(`scale proofs (${FEEDS} feeds on ${HOSTS} hosts, ${TRIALS} kill trials, seed ${seed})`, { concurrency: false }, () => {
    for (const n of [2, 4]) {
      test(`${n} workers: every due source fetched exactly once per due time; nothing lost or duplicated; per-host limit held`, {
        timeout: 300_000,
      }, async (t) => {
        const feeds = await startFeedHosts({ hosts: HOSTS, feeds: FEEDS, itemsPerFeed: ITEMS, delayMs: 20 });
        const { store, database, schema } = await seeded(feeds);
        try {
          const t0 = Date.now() - 1;
          const ws = await workers(
            Array.from({ length: n }, (_, i) => `w${n}-${i}`),
            database,
          );
          const started = Date.now();
          await waitFor('every source checked', allChecked(schema, t0), 240_000);
          const firstMs = Date.now() - started;
          for (const u of feeds.urls) assert.equal(feeds.hits(u), 1, `${u} fetched ${feeds.hits(u)} times in its first due time`);
          await assertComplete(feeds, schema);
          assertPolite(feeds, ws);
          // A second due time: everything due now again (workers sleep at most a minute; the
          // store moves the next due time to now).
          const t1 = Date.now() - 1;
          await admin.query(`UPDATE "${schema}".sources SET next_check_at = $1`, [t1]);
          await waitFor('every source checked again', allChecked(schema, t1), 240_000);
          for (const u of feeds.urls) assert.equal(feeds.hits(u), 2, `${u} fetched ${feeds.hits(u)} times over two due times`);
          await assertComplete(feeds, schema);
          assertPolite(feeds, ws);
          t.diagnostic(
            `${n} workers: first due time ${FEEDS} feeds in ${firstMs} ms; peak per host ${Math.max(...feeds.peakConcurrency().values())}`,
          );
          await stopAll(ws);
        } finally {
          await store.close();
          await feeds.close();
        }
      });
    }

    const refetched: number[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      test(`kill trial ${trial + 1}/${TRIALS}: one worker SIGKILLed at a random moment; 0 lost, 0 duplicated, every lease recovered`, {
        timeout: 300_000,
      }, async (t) => {
        const feeds = await startFeedHosts({ hosts: HOSTS, feeds: FEEDS, itemsPerFeed: ITEMS, delayMs: 60 });
        const { store, database, schema } = await seeded(feeds);
        try {
          const t0 = Date.now() - 1;
          const [victim, survivor] = await workers([`victim-${trial}`, `survivor-${trial}`], database, { NEWSDESK_LEASE_MS: LEASE_MS });
          // A random moment between the first request and four fifths of the run.
          const at = Math.floor((0.02 + 0.78 * random()) * FEEDS);
          await waitFor(`${at} requests before the kill`, async () => feeds.totalHits() >= at, 120_000);
          victim!.child.kill('SIGKILL');
          assert.equal(await victim!.exited, null);
          const killedAt = Date.now();
          await waitFor('every source checked by the survivor', allChecked(schema, t0), 240_000);
          await assertComplete(feeds, schema);
          assertPolite(feeds, [survivor!]);
          const counts = feeds.urls.map((u) => feeds.hits(u));
          assert.equal(counts.filter((c) => c === 0).length, 0, 'a source was never fetched');
          // Only what the victim had in flight is fetched again: its unrecorded checks.
          const twice = counts.filter((c) => c > 1).length;
          assert.ok(twice <= IN_FLIGHT, `${twice} sources fetched more than once`);
          assert.ok(counts.every((c) => c <= 2));
          refetched.push(twice);
          t.diagnostic(`killed after ${at} requests; survivor done ${Date.now() - killedAt} ms later; fetched twice: ${twice}`);
          await stopAll([survivor!]);
        } finally {
          await store.close();
          await feeds.close();
        }
      });
    }
    after(() => {
      if (refetched.length)
        process.stdout.write(
          `# kill trials passed: ${refetched.length}/${TRIALS}; sources fetched twice per trial: ${refetched.join(', ')}\n`,
        );
    });

    test('the leader killed while digests fall due: another takes over; each digest period exactly once, none skipped', {
      timeout: 180_000,
    }, async (t) => {
      const feeds = await startFeedHosts({ hosts: 1, feeds: 0, itemsPerFeed: 0, delayMs: 0 });
      const { store, database, schema } = await seeded(feeds);
      const PERIOD = 1000;
      const env = { NEWSDESK_DIGEST_PERIOD_MS: String(PERIOD), NEWSDESK_JOB_LEASE_MS: '1000' };
      try {
        let ws = await workers(['d1', 'd2', 'd3'], database, env);
        const leaderOf = async (): Promise<WorkerProcess | undefined> => {
          const r = await Promise.all(ws.map(async (w) => ({ w, ready: await w.readyz() })));
          const leading = r.filter((x) => x.ready?.coordinator === true).map((x) => x.w);
          assert.ok(leading.length <= 1, `${leading.length} leaders at once`);
          return leading[0];
        };
        const firstEnd = Math.floor(Date.now() / PERIOD) * PERIOD;
        let kills = 0;
        for (let k = 0; k < 3; k++) {
          await waitFor('a leader', async () => (await leaderOf()) !== undefined, 30_000);
          // Kill at a random moment within a digest period, then bring a fresh worker in.
          await sleep(Math.floor(random() * PERIOD * 1.5));
          const leader = (await leaderOf())!;
          leader.child.kill('SIGKILL');
          assert.equal(await leader.exited, null);
          kills++;
          ws = [...ws.filter((w) => w !== leader), ...(await workers([`d${4 + k}`], database, env))];
        }
        await waitFor('a leader after the last kill', async () => (await leaderOf()) !== undefined, 30_000);
        const lastEnd = Math.floor(Date.now() / PERIOD) * PERIOD;
        // Every period up to now gets its job and it is done (a job the dead leader held, if any,
        // is taken over when its lease runs out).
        await waitFor(
          'every digest period done',
          async () =>
            (await one(
              `SELECT count(*)::int AS n FROM "${schema}".jobs WHERE kind = 'digest' AND state = 'done' AND (payload->>'periodEnd')::bigint BETWEEN $1 AND $2`,
              [firstEnd, lastEnd],
            )) ===
            (lastEnd - firstEnd) / PERIOD + 1,
          60_000,
        );
        await stopAll(ws);
        const rows = (
          await admin.query<{ end: number; state: string; attempts: number; expiries: number }>(
            `SELECT (payload->>'periodEnd')::bigint AS end, state, attempts, lease_expiries AS expiries
             FROM "${schema}".jobs WHERE kind = 'digest' ORDER BY 1`,
          )
        ).rows.map((r) => ({ ...r, end: Number(r.end) }));
        const ends = rows.map((r) => r.end);
        assert.equal(new Set(ends).size, ends.length, 'a digest period was enqueued twice');
        for (let i = 1; i < ends.length; i++) assert.equal(ends[i]! - ends[i - 1]!, PERIOD, `digest periods skipped after ${ends[i - 1]}`);
        assert.ok(ends[0]! <= firstEnd && ends.at(-1)! >= lastEnd, 'the periods run from the first leader to the last');
        assert.ok(
          rows.every((r) => r.state === 'done' || r.end > lastEnd),
          'a digest job was left undone',
        );
        assert.equal(await one(`SELECT count(*)::int AS n FROM "${schema}".jobs WHERE state IN ('running', 'dead')`), 0);
        t.diagnostic(
          `leader kills: ${kills}; digest periods ${rows.length}, all once; jobs taken over after a lease ran out: ${rows.filter((r) => r.expiries > 0).length}`,
        );
      } finally {
        await store.close();
        await feeds.close();
      }
    });
  });
}
