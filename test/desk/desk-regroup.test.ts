// "Re-group stored stories now" on the desk's settings page (p-deskfollow): the press queues the
// re-clustering job (src/jobs/recluster.ts) so stored stories follow a changed setting without an
// operator; editors only, CSRF-checked, Post/Redirect/Get with a notice, audited when it queued a
// job; refused while a run records progress, a no-op while a re-clustering job is queued; the page
// shows the running or last run (state, started, done of total) from one read of the store's
// progress. GET on the press is 405. en/ar/fa. Both dialects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Viewer } from '../../src/auth/viewer.js';
import { JOB_KINDS } from '../../src/jobs/periodic.js';
import { RECLUSTER_PENDING_KEY, recluster } from '../../src/jobs/recluster.js';
import type { Store } from '../../src/store/store.js';
import { OnlineStoryClusterer } from '../../src/stories/clusterer.js';
import { CURATION_MESSAGES } from '../../src/web/desk/curation-messages.js';
import { forEachDialect } from '../helpers/dialects.js';
import { newEntry } from '../helpers/entries.js';
import { CSRF, mountDesk } from './helpers.js';

const READER: Viewer = { userId: 9, name: 'Rita Reader', role: 'reader', lang: null, via: 'session', scope: 'write', csrf: CSRF };
const MIN = 60_000;
const en = CURATION_MESSAGES.en;

const reclusterJobs = async (store: Store) => store.jobs.list({ kind: JOB_KINDS.recluster, limit: 100 });

/** The progress line's state, and its done/total. */
const runOf = (page: string): { state: string; done: number; total: number } | undefined => {
  const m = /<p class="note" data-recluster="(\w+)" data-done="(\d+)" data-total="(\d+)">/.exec(page);
  return m ? { state: m[1]!, done: Number(m[2]), total: Number(m[3]) } : undefined;
};

const pressForm = `<form method="post" action="/desk/settings/regroup"><input type="hidden" name="_csrf" value="${CSRF}"><p><button type="submit">${en['settings.regroup.press']}</button></p></form>`;

/** Finishes every claimed or queued re-clustering job (as a worker would, without running it). */
async function finishJobs(store: Store): Promise<void> {
  const claimed = await store.jobs.claim(await store.clock.now(), 10, 'test-worker', 30_000, [JOB_KINDS.recluster]);
  for (const j of claimed) assert.ok(await store.jobs.complete(j.id, 'test-worker', Date.now()));
}

forEachDialect((d) => {
  test('the press queues one re-clustering job, audited, 303 with a notice; again while queued: nothing more', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const first = await (await desk.request('/desk/settings')).text();
      assert.ok(first.includes(`<h2 id="regroup-h">${en['settings.regroup.heading']}</h2>`));
      assert.deepEqual(runOf(first), { state: 'idle', done: 0, total: 0 });
      assert.ok(first.includes(en['settings.regroup.idle']));
      assert.ok(first.includes(pressForm), 'the press, with the session token');
      assert.ok(first.includes('the press below'), 'the setting says how stored stories follow it');

      const res = await desk.post('/desk/settings/regroup', {});
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/desk/settings?regroup=queued');
      const jobs = await reclusterJobs(store);
      assert.equal(jobs.length, 1);
      assert.equal(jobs[0]!.state, 'queued');
      assert.equal(jobs[0]!.pendingKey, RECLUSTER_PENDING_KEY);
      assert.deepEqual(
        desk.audits.map((a) => [a.action, a.target, a.before, a.after, a.actorName]),
        [['stories.recluster', 'stories:all', null, { job: jobs[0]!.id, clusterPlaces: false }, 'Edith Editor']],
      );
      const after = await (await desk.request('/desk/settings?regroup=queued')).text();
      assert.match(after, new RegExp(`<p role="status" class="done">${en['settings.regroup.notice.queued']}</p>`));

      // Pressed again while it waits for a worker: nothing queued, nothing audited, said so.
      const again = await desk.post('/desk/settings/regroup', {});
      assert.equal(again.status, 303);
      assert.equal(again.headers.get('location'), '/desk/settings?regroup=pending');
      assert.equal((await reclusterJobs(store)).length, 1);
      assert.equal(desk.audits.length, 1);
      assert.ok((await (await desk.request('/desk/settings?regroup=pending')).text()).includes(en['settings.regroup.notice.pending']));

      // A periodic re-clustering queued (no pending key of the desk's) counts as queued too.
      await finishJobs(store);
      await store.jobs.enqueue({ kind: JOB_KINDS.recluster, dedupeKey: 'recluster:1', payload: { periodEnd: 1 } });
      assert.equal((await desk.post('/desk/settings/regroup', {})).headers.get('location'), '/desk/settings?regroup=pending');
      assert.equal((await reclusterJobs(store)).length, 2);
      // Once nothing is queued, a press queues again.
      await finishJobs(store);
      assert.equal((await desk.post('/desk/settings/regroup', {})).headers.get('location'), '/desk/settings?regroup=queued');
      assert.equal((await reclusterJobs(store)).length, 3);
      assert.equal(desk.audits.length, 2);

      // A forged form queues nothing; the press's address takes POST only.
      await finishJobs(store);
      assert.equal((await desk.post('/desk/settings/regroup', {}, { csrf: 'not-the-token' })).status, 403);
      assert.equal((await desk.post('/desk/settings/regroup', {}, { csrf: null })).status, 403);
      const get = await desk.request('/desk/settings/regroup');
      assert.equal(get.status, 405);
      assert.equal(get.headers.get('allow'), 'POST');
      assert.equal((await reclusterJobs(store)).length, 3);
      assert.equal(desk.audits.length, 2);
    } finally {
      await desk.stop();
    }
  });

  test('refused while a run records progress; a run that went silent is over; the page shows each state from one read', async () => {
    let reads = 0;
    const store = await d.open({ onQuery: (sql) => void (/\bstory_recluster\b/.test(sql) && /^\s*SELECT/i.test(sql) && reads++) });
    const desk = await mountDesk(store);
    try {
      const now = Date.now();
      await store.stories.startRecluster(100, now - 2 * MIN);
      await store.stories.recordRecluster({ publishedAt: 1, entryId: 30 }, 30, now - MIN);
      reads = 0;
      const page = await (await desk.request('/desk/settings')).text();
      assert.equal(reads, 1, 'one read of the progress per page');
      assert.deepEqual(runOf(page), { state: 'running', done: 30, total: 100 });
      assert.match(page, /Re-grouping now: started [^;<]+ UTC; 30 of 100 articles done\./);
      assert.match(page, /<button type="submit" disabled>Re-group stored stories now<\/button>/);

      const refused = await desk.post('/desk/settings/regroup', {});
      assert.equal(refused.status, 409);
      const said = await refused.text();
      assert.match(said, /<p role="alert" data-refused="running">A re-grouping is running now \(30 of 100 articles done\)/);
      assert.equal((await reclusterJobs(store)).length, 0);
      assert.equal(desk.audits.length, 0);

      // Its process died: nothing recorded for longer than a live run goes without; a press queues.
      await store.stories.startRecluster(100, now - 30 * MIN);
      await store.stories.recordRecluster({ publishedAt: 1, entryId: 40 }, 40, now - 20 * MIN);
      const stopped = await (await desk.request('/desk/settings')).text();
      assert.deepEqual(runOf(stopped), { state: 'stopped', done: 40, total: 100 });
      assert.ok(stopped.includes('The last re-grouping stopped before the end'));
      assert.doesNotMatch(stopped, /disabled/);
      assert.equal((await desk.post('/desk/settings/regroup', {})).status, 303);
      const [job] = await reclusterJobs(store);
      assert.ok(job);

      // The job run as the worker runs it: the page shows the finished run.
      const source = (await store.sources.add({ url: 'https://rg.example/feed.xml' })).source;
      await store.entries.saveBatch(source.id, [
        newEntry('Floods in the north', 'Rivers rose.', now - 3_600_000),
        newEntry('Rain ends', 'Dry.', now),
      ]);
      const [claimed] = await store.jobs.claim(await store.clock.now(), 1, 'test-worker', 30_000, [JOB_KINDS.recluster]);
      assert.equal(claimed?.id, job.id);
      await recluster({ store, create: (choice) => new OnlineStoryClusterer(choice) });
      await store.jobs.complete(job.id, 'test-worker', Date.now());
      reads = 0;
      const done = await (await desk.request('/desk/settings')).text();
      assert.equal(reads, 1);
      assert.deepEqual(runOf(done), { state: 'done', done: 2, total: 2 });
      assert.match(done, /Last re-grouped: started [^;<]+ UTC, finished [^;<]+ UTC; 2 of 2 articles\./);
    } finally {
      await desk.stop();
    }
  });

  test('the press an editor sees is refused to a reader (403) and to the signed out (sign in); nothing queued or audited', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    const reader = await mountDesk(store, { viewer: READER });
    const anonymous = await mountDesk(store, { viewer: undefined });
    try {
      assert.ok((await (await desk.request('/desk/settings')).text()).includes(pressForm));
      assert.equal((await reader.post('/desk/settings/regroup', {})).status, 403);
      const out = await anonymous.post('/desk/settings/regroup', {});
      assert.notEqual(out.status, 200);
      assert.doesNotMatch(out.headers.get('location') ?? '', /regroup=/);
      const page = await anonymous.request('/desk/settings');
      assert.ok([302, 303].includes(page.status), String(page.status));
      assert.equal(page.headers.get('location'), '/login?next=%2Fdesk%2Fsettings');
      assert.equal((await reclusterJobs(store)).length, 0);
      assert.equal(reader.audits.length + anonymous.audits.length + desk.audits.length, 0);
    } finally {
      await anonymous.stop();
      await reader.stop();
      await desk.stop();
    }
  });
});

test('the press and its progress are written in Arabic and Persian too', async () => {
  const { SqliteStore } = await import('../../src/store/sqlite/index.js');
  const store = await SqliteStore.open({ path: ':memory:' });
  const desk = await mountDesk(store);
  try {
    await store.stories.startRecluster(1200, Date.now());
    await store.stories.recordRecluster({ publishedAt: 1, entryId: 1 }, 500, Date.now());
    for (const lang of ['ar', 'fa'] as const) {
      const page = await (await desk.request('/desk/settings', { headers: { 'accept-language': lang } })).text();
      for (const key of ['settings.regroup.heading', 'settings.regroup.help', 'settings.regroup.press'] as const) {
        assert.ok(page.includes(CURATION_MESSAGES[lang][key]!), `${lang} ${key}`);
        assert.notEqual(CURATION_MESSAGES[lang][key], en[key]);
      }
      assert.ok(!page.includes(en['settings.regroup.help']));
      // Counts in the interface's digits.
      assert.ok(page.includes(lang === 'fa' ? '۵۰۰ از ۱۲۰۰' : '500 من 1200'), lang);
      const refused = await desk.request('/desk/settings/regroup', {
        method: 'POST',
        body: new URLSearchParams({ _csrf: CSRF }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': lang },
      });
      assert.equal(refused.status, 409);
      assert.ok((await refused.text()).includes(CURATION_MESSAGES[lang]['settings.regroup.refused']!.split('(')[0]!), lang);
    }
    for (const key of Object.keys(en).filter((k) => k.startsWith('settings.regroup.') || k === 'audit.act.stories.recluster'))
      for (const lang of ['ar', 'fa'] as const) assert.ok(CURATION_MESSAGES[lang][key as keyof typeof en], `${lang} ${key}`);
  } finally {
    await desk.stop();
    await store.close();
  }
});
