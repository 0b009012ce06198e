// Two presses of "Retry full text" (or of one reason's "Retry all N") at the same instant, from two
// web processes (two stores on one database, each with its own connections): each entry is queued
// once. The desk checks for a queued retry and then inserts one; before the jobs' pending key
// (store migration 23) both presses read "none queued" and both inserted. Over both dialects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Hono } from 'hono';
import { EXTRACT_ENTRY } from '../../src/jobs/extract-entry.js';
import type { Store } from '../../src/store/store.js';
import { asViewer, editor, form, TEST_CSRF } from '../helpers/as-viewer.js';
import { type Dialect, forEachDialect } from '../helpers/dialects.js';
import { BASE_TIME, HOUR, entry, makeApp } from './helpers.js';

const HANG_GUARD = { timeout: 120_000 };

/** Two desks (two stores on one place) and `n` failed teasers of reason `reason`, newest first. */
async function twoDesks(d: Dialect, n: number, reason: string): Promise<{ a: Store; b: Store; apps: [Hono, Hono]; ids: number[] }> {
  const a = await d.open();
  const b = await d.reopen(a);
  const { source } = await a.sources.add({ url: 'https://race.example/feed.xml' });
  const saved = (
    await a.entries.saveBatch(
      source.id,
      Array.from({ length: n }, (_, i) => entry(`r${i}`, `Story ${i}`, `Text ${i}.`, BASE_TIME - i * HOUR)),
    )
  ).inserted;
  for (const e of saved) await a.entries.setFullText(e.id, { fullHtml: null, extractStatus: 'failed', extractError: reason });
  const apps: [Hono, Hono] = [
    asViewer(makeApp(a), a, () => editor()),
    asViewer(makeApp(b), b, () => editor({ name: 'Omid Editor', csrf: `${TEST_CSRF}-b` })),
  ];
  // Signed in before the race (each viewer's user and session are made on its first request).
  for (const app of apps) assert.equal((await app.request('/desk/curation')).status, 200);
  return { a, b, apps, ids: saved.map((e) => e.id) };
}

const post = (app: Hono, path: string, fields: Record<string, string>): Promise<Response> => {
  const f = form(fields);
  return Promise.resolve(app.request(path, { method: 'POST', body: f.body, headers: f.headers }));
};

/** Every extract-entry job still to do, as entry ids. */
async function queuedEntries(store: Store): Promise<number[]> {
  const jobs = await store.jobs.list({ kind: EXTRACT_ENTRY, limit: 10_000 });
  return jobs.filter((j) => j.state === 'queued' || j.state === 'running').map((j) => j.payload.entryId as number);
}

forEachDialect((d) => {
  test('"Retry full text" pressed in two processes at the same instant queues one job', HANG_GUARD, async () => {
    const rounds = 12;
    const { a, apps, ids } = await twoDesks(d, rounds, 'timeout');
    for (const id of ids) {
      const [x, y] = await Promise.all([
        post(apps[0], `/desk/curation/entries/${id}`, { _csrf: TEST_CSRF, op: 'retry', failed: '1' }),
        post(apps[1], `/desk/curation/entries/${id}`, { _csrf: `${TEST_CSRF}-b`, op: 'retry', failed: '1' }),
      ]);
      const said = [x, y].map((r) => /done=([a-z-]+)/.exec(r.headers.get('location') ?? '')?.[1]).sort();
      assert.deepEqual(said, ['retry', 'retry-pending'], `entry ${id}: one press queued it, the other was told it is queued`);
    }
    const queued = await queuedEntries(a);
    assert.deepEqual(
      queued.sort((p, q) => p - q),
      [...ids].sort((p, q) => p - q),
      'each entry queued exactly once',
    );
    assert.equal(
      (await a.curation.audit({ action: 'entry.extract-retry', limit: 100 })).items.length,
      rounds,
      'one audit row per queued retry',
    );
  });

  test('"Retry all N" pressed in two processes at the same instant queues each failure once', HANG_GUARD, async () => {
    const n = 60;
    const { a, b, apps } = await twoDesks(d, n, 'fetch');
    const press = (i: 0 | 1) => post(apps[i], '/desk/curation/retry-failed', { _csrf: i ? `${TEST_CSRF}-b` : TEST_CSRF, reason: 'fetch' });
    const counts = (r: Response) => {
      const q = new URLSearchParams((r.headers.get('location') ?? '').split('?')[1] ?? '');
      return { n: Number(q.get('n')), skipped: Number(q.get('skipped')) };
    };
    for (let round = 0; round < 3; round++) {
      const [x, y] = (await Promise.all([press(0), press(1)])).map(counts);
      const queued = await queuedEntries(a);
      assert.equal(queued.length, n, `round ${round}: ${queued.length} jobs for ${n} failures`);
      assert.equal(new Set(queued).size, n, `round ${round}: no entry twice`);
      assert.equal(x!.n + y!.n, n, `round ${round}: the two presses queued ${x!.n} + ${y!.n}`);
      assert.equal(x!.skipped + y!.skipped, n, `round ${round}: what one queued, the other skipped`);
      // The retries run (and fail again): the next round starts with none queued. Claimed at the
      // later of the two processes' clocks: on PostgreSQL each samples the server on its own, so a
      // job b queued (due at b's reading) could be some ms in a's future, left queued, and counted
      // as skipped by the next round's presses.
      const at = Math.max(await a.clock.now(), await b.clock.now());
      const claimed = await a.jobs.claim(at, n * 2, 'w', 60_000, [EXTRACT_ENTRY]);
      for (const j of claimed) await a.jobs.complete(j.id, 'w', Date.now());
    }
    assert.equal((await a.jobs.list({ kind: EXTRACT_ENTRY, limit: 10_000 })).length, 3 * n);
    assert.deepEqual(new Set(await queuedEntries(a)), new Set());
  });
});
