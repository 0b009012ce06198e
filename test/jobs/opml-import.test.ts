// OPML imports as stored jobs, over both dialects: progress recorded beside the job only by its
// lease holder, a runner that takes a dead runner's import over resumes from the recorded
// progress and subscribes no feed twice, a bad payload goes dead with its reason at once, and
// failures past the listed ones are counted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  importPayload,
  importProgress,
  MAX_LISTED_FAILURES,
  OPML_IMPORT,
  opmlImportHandler,
  type ImportFeed,
} from '../../src/jobs/opml-import.js';
import { JobRunner } from '../../src/jobs/runner.js';
import { createLogger } from '../../src/log/logger.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';

const log = createLogger('silent');

const feeds = (n: number, host = 'import'): ImportFeed[] =>
  Array.from({ length: n }, (_, i) => ({
    url: `https://${host}${i}.example/feed`,
    title: `Feed ${i}`,
    siteUrl: null,
    categories: ['World'],
  }));

// A bound on the wait, not a timing: generous for a loaded 2-core CI machine.
async function until(cond: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function runner(store: Store, owner: string): JobRunner {
  return new JobRunner({
    jobs: store.jobs,
    handlers: { [OPML_IMPORT]: opmlImportHandler(store) },
    owner,
    log,
    leaseMs: 2000,
    pollMs: 20,
  });
}

forEachDialect((d) => {
  test('progress is recorded beside a job by its lease holder only, and read back with the job', async () => {
    const store = await d.open();
    const { job } = await store.jobs.enqueue({ kind: 'k' }, 0);
    assert.equal(job.progress, null);
    assert.equal(await store.jobs.recordProgress(job.id, 'a', { done: 1 }), false, 'not running: nobody holds it');
    await store.jobs.claim(1000, 1, 'a', 10_000, ['k']);
    assert.equal(await store.jobs.recordProgress(job.id, 'b', { done: 1 }), false, 'another runner cannot write');
    assert.equal(await store.jobs.recordProgress(job.id, 'a', { done: 2, note: 'ok' }), true);
    assert.deepEqual((await store.jobs.get(job.id))?.progress, { done: 2, note: 'ok' });
    await store.close();
  });

  test('an OPML import runs as a job: every feed subscribed once, existing ones counted, categories kept', async () => {
    const store = await d.open();
    await store.sources.add({ url: 'https://import1.example/feed' });
    const { job } = await store.jobs.enqueue({ kind: OPML_IMPORT, payload: importPayload(feeds(60)) });
    const r = runner(store, 'one');
    r.start();
    try {
      await until(async () => (await store.jobs.get(job.id))?.state === 'done');
    } finally {
      await r.stop(1000);
    }
    const p = importProgress((await store.jobs.get(job.id))!);
    assert.deepEqual(
      { done: p.done, total: p.total, added: p.added, existing: p.existing, failedCount: p.failedCount },
      {
        done: 60,
        total: 60,
        added: 59,
        existing: 1,
        failedCount: 0,
      },
    );
    assert.equal((await store.sources.list()).length, 60);
    assert.deepEqual((await store.sources.getByUrl('https://import7.example/feed'))?.settings.categories, ['World']);
    await store.close();
  });

  test('a runner taking over a dead runner’s import resumes from its recorded progress; no feed twice', async () => {
    const store = await d.open();
    const { job } = await store.jobs.enqueue({ kind: OPML_IMPORT, payload: importPayload(feeds(80, 'resume')) });
    // The first runner claims it, subscribes 30 feeds, records that, and dies (its lease runs out).
    const [claimed] = await store.jobs.claim(await store.clock.now(), 1, 'dead', 1, [OPML_IMPORT]);
    assert.ok(claimed);
    for (const f of feeds(30, 'resume')) await store.sources.add({ url: f.url });
    await store.jobs.recordProgress(job.id, 'dead', { done: 30, total: 80, added: 30, existing: 0, failed: [], failedCount: 0 });
    await new Promise((r) => setTimeout(r, 10));
    const r = runner(store, 'heir');
    r.start();
    try {
      await until(async () => (await store.jobs.get(job.id))?.state === 'done');
    } finally {
      await r.stop(1000);
    }
    const after = (await store.jobs.get(job.id))!;
    assert.equal(after.leaseExpiries, 1);
    const p = importProgress(after);
    assert.equal(p.done, 80);
    assert.equal(p.added, 80, 'the 30 before the takeover and the 50 after it');
    assert.equal(p.existing, 0, 'nothing before the recorded progress was done again');
    assert.equal((await store.sources.list()).length, 80);
    await store.close();
  });

  test('a payload without feeds goes dead with its reason at once; failures past the listed ones are counted', async () => {
    const store = await d.open();
    const { job: bad } = await store.jobs.enqueue({ kind: OPML_IMPORT, payload: { feeds: 'nope' } });
    const many = Array.from({ length: MAX_LISTED_FAILURES + 5 }, (_, i) => ({
      url: `not a url ${i}`,
      title: null,
      siteUrl: null,
      categories: [],
    }));
    const { job: failing } = await store.jobs.enqueue({ kind: OPML_IMPORT, payload: importPayload(many) });
    const failingSources: ImportFeed[] = many;
    const handler = opmlImportHandler({
      sources: {
        add: async (s) => {
          if (failingSources.some((f) => f.url === s.url)) throw new Error(`${s.url} is not an address`);
          return store.sources.add(s);
        },
      },
      jobs: store.jobs,
    });
    const r = new JobRunner({ jobs: store.jobs, handlers: { [OPML_IMPORT]: handler }, owner: 'x', log, leaseMs: 2000, pollMs: 20 });
    r.start();
    try {
      await until(async () => (await store.jobs.get(bad.id))?.state === 'dead' && (await store.jobs.get(failing.id))?.state === 'done');
    } finally {
      await r.stop(1000);
    }
    const dead = (await store.jobs.get(bad.id))!;
    assert.equal(dead.attempts, 1, 'not retried');
    assert.match(dead.lastError ?? '', /no feed list/);
    const p = importProgress((await store.jobs.get(failing.id))!);
    assert.equal(p.failed.length, MAX_LISTED_FAILURES);
    assert.equal(p.failedCount, MAX_LISTED_FAILURES + 5);
    assert.match(p.failed[0]!.problem, /not an absolute address/);
    await store.close();
  });
});
