// The desk shows why an article could not be read in full: each teaser whose read failed is marked
// with the catalogued reason in the editor's language, "Full text failed (N)" lists only those
// (counted by reason), the reason comes with the listing's own query (a page costs the same
// queries for 2 failures as for 20), titles stay escaped, and "Retry full text" (a CSRF-checked
// POST, written to the audit log) queues a job that a process reading full text runs: a real page
// on 127.0.0.1, a real fetcher and extraction worker, and the reason is gone once it is read.
// Over both store dialects.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { loadConfig } from '../../src/config/load.js';
import type { Entry } from '../../src/domain/entry.js';
import { HttpFetcher } from '../../src/ingest/fetch/index.js';
import { EXTRACT_ENTRY } from '../../src/jobs/extract-entry.js';
import { createLogger } from '../../src/log/logger.js';
import { ExtractorPool } from '../../src/pipeline/steps/extractor-pool.js';
import { extractFullTextStep, type ExtractStep } from '../../src/pipeline/steps/extract-full-text.js';
import { jobHandlers } from '../../src/server/jobs.js';
import type { Pipeline } from '../../src/server/pipeline.js';
import type { Store } from '../../src/store/store.js';
import { CURATION_MESSAGES } from '../../src/web/desk/curation-messages.js';
import { formatCount } from '../../src/web/locale.js';
import { asViewer, editor, form, TEST_CSRF } from '../helpers/as-viewer.js';
import { forEachDialect } from '../helpers/dialects.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { readFixture } from '../helpers/repo.js';
import { BASE_TIME, HOUR, countedStore, steadyStamp, entry, makeApp, populatedStore, warmQueries, okText } from './helpers.js';

const escaped = (s: string): string => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const rowIds = (page: string): number[] => [...page.matchAll(/<li id="e(\d+)" class="curation-row/g)].map((m) => Number(m[1]));
/** The reason shown on a teaser's row, or undefined when the row has none. */
function rowReason(page: string, id: number): string | undefined {
  const start = page.indexOf(`<li id="e${id}" `);
  assert.ok(start >= 0, `row e${id} listed`);
  const end = page.indexOf('</li>', start);
  return /<p class="extract-failed" data-reason="([^"]+)">/.exec(page.slice(start, end))?.[1];
}

const pipelineOf = (steps: Pipeline['steps']): Pipeline => ({
  steps,
  readers: {} as Pipeline['readers'],
  topics: undefined,
  alerts: undefined,
  close: async () => undefined,
});

forEachDialect((d) => {
  describe('the desk marks failed reads in full', () => {
    let store: Store;
    let app: Hono;
    const ids = new Map<string, number>();
    let lang: 'en' | 'ar' | 'fa' | null = null;

    before(async () => {
      store = (await populatedStore(d.open)).store;
      for (const e of (await store.entries.list({ limit: 50 })).items) ids.set(e.title, e.id);
      await store.entries.setFullText(ids.get('Weather service warns of <storm> & "floods"')!, {
        fullHtml: null,
        extractStatus: 'failed',
        extractError: 'pdf',
      });
      await store.entries.setFullText(ids.get('MEK rally draws crowd in Paris suburb')!, {
        fullHtml: null,
        extractStatus: 'failed',
        extractError: 'timeout',
      });
      // Stored before reasons were kept: shown as "other".
      await store.entries.setFullText(ids.get('Harbour authority opens new container berth')!, { fullHtml: null, extractStatus: 'failed' });
      await store.entries.setFullText(ids.get('Court hears appeal over Camp Ashraf property')!, {
        fullHtml: '<p>Whole.</p>',
        extractStatus: 'done',
      });
      app = asViewer(makeApp(store), store, () => editor({ lang }));
    });

    const get = (path: string): Promise<string> => okText(app, path);

    test('each failed teaser carries its catalogued reason, in English, Arabic and Persian; the others none', async () => {
      const storm = ids.get('Weather service warns of <storm> & "floods"')!;
      const rally = ids.get('MEK rally draws crowd in Paris suburb')!;
      const berth = ids.get('Harbour authority opens new container berth')!;
      const court = ids.get('Court hears appeal over Camp Ashraf property')!;
      for (const l of ['en', 'ar', 'fa'] as const) {
        lang = l;
        const page = await get('/desk/curation');
        const m = CURATION_MESSAGES[l] as Record<string, string>;
        assert.equal(rowReason(page, storm), 'pdf');
        assert.equal(rowReason(page, rally), 'timeout');
        assert.equal(rowReason(page, berth), 'other');
        assert.equal(rowReason(page, court), undefined, 'a read that succeeded is not marked');
        for (const k of ['pdf', 'timeout', 'other'] as const) {
          const text = m['curation.extractFailed']!.replace('{reason}', m[`curation.extractReason.${k}`]!);
          assert.ok(page.includes(escaped(text)), `${l}: ${text}`);
        }
        const three = formatCount(3, l);
        assert.ok(page.includes(escaped(m['curation.failedFilter']!.replace('{n}', three))), `${l}: the filter with its count (${three})`);
        assert.ok(page.includes(`<a href="/desk/curation?failed=1">`));
        // The headline stays escaped on the marked row.
        assert.ok(page.includes('Weather service warns of &lt;storm&gt; &amp; &quot;floods&quot;'));
        assert.doesNotMatch(page, /warns of <storm>/);
      }
      lang = null;
    });

    test('"Full text failed" lists only those, newest first, with the count by reason', async () => {
      const page = await get('/desk/curation?failed=1');
      assert.deepEqual(rowIds(page), [
        ids.get('MEK rally draws crowd in Paris suburb'),
        ids.get('Harbour authority opens new container berth'),
        ids.get('Weather service warns of <storm> & "floods"'),
      ]);
      // Each count links to the list of that reason alone.
      const reasons = [...page.matchAll(/<li data-reason="([^"]+)"><a href="\/desk\/curation\?failed=1&amp;reason=\1">([^<]*)<\/a>/g)].map(
        (x) => [x[1], x[2]],
      );
      assert.deepEqual(reasons, [
        ['timeout', 'the page took too long to read: 1'],
        ['pdf', 'the link is a PDF document, not a web page: 1'],
        ['other', 'another error (see the server log): 1'],
      ]);
      assert.match(page, /<a href="\/desk\/curation">Show every teaser<\/a>/);
      // Actions on the filtered list lead back to it.
      assert.match(page, /<input type="hidden" name="failed" value="1">/);
    });

    test("a retry without the session's CSRF token is refused and queues nothing", async () => {
      const id = ids.get('MEK rally draws crowd in Paris suburb')!;
      const f = form({ _csrf: 'wrong', op: 'retry' });
      const res = await app.request(`/desk/curation/entries/${id}`, { method: 'POST', body: f.body, headers: f.headers });
      assert.equal(res.status, 403);
      assert.equal((await store.jobs.list({ kind: EXTRACT_ENTRY })).length, 0);
    });

    test('a retry queues the job, is written to the audit log, and leads back to the filtered list saying so', async () => {
      const id = ids.get('MEK rally draws crowd in Paris suburb')!;
      const f = form({ _csrf: TEST_CSRF, op: 'retry', failed: '1' });
      const res = await app.request(`/desk/curation/entries/${id}`, { method: 'POST', body: f.body, headers: f.headers });
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), `/desk/curation?done=retry&entry=${id}&failed=1#e${id}`);
      const jobs = await store.jobs.list({ kind: EXTRACT_ENTRY });
      assert.equal(jobs.length, 1);
      assert.deepEqual(jobs[0]!.payload, { entryId: id });
      const audit = await store.curation.audit({ action: 'entry.extract-retry', limit: 5 });
      assert.equal(audit.items[0]?.target, `entry:${id}`);
      assert.deepEqual(audit.items[0]?.before, { extractStatus: 'failed', extractError: 'timeout' });
      const page = await get(res.headers.get('location')!.split('#')[0]!);
      assert.match(page, /<p role="status" class="done">Retry queued: the full text of “MEK rally draws crowd in Paris suburb”/);
    });

    test('a queued retry is marked on its row and edit page (en/ar/fa), and a second press queues nothing', async () => {
      const id = ids.get('MEK rally draws crowd in Paris suburb')!;
      const storm = ids.get('Weather service warns of <storm> & "floods"')!;
      const rowOf = (page: string, rid: number): string => {
        const start = page.indexOf(`<li id="e${rid}" `);
        return page.slice(start, page.indexOf('</li>', start));
      };
      for (const l of ['en', 'ar', 'fa'] as const) {
        lang = l;
        const m = CURATION_MESSAGES[l] as Record<string, string>;
        const page = await get('/desk/curation?failed=1');
        assert.ok(rowOf(page, id).includes(`<span class="retry-queued" data-entry="${id}">${m['curation.retryQueued']}</span>`), l);
        assert.doesNotMatch(rowOf(page, id), /value="retry"/, `${l}: no button while the retry is queued`);
        assert.match(rowOf(page, storm), /value="retry"/, `${l}: the others keep theirs`);
        const edit = await get(`/desk/curation/entries/${id}`);
        assert.ok(edit.includes(m['curation.retryQueued']!), `${l}: edit page`);
        assert.doesNotMatch(edit, /value="retry"/);
      }
      lang = null;
      // Pressed again (a second tab, a double click): same way back, nothing more queued or logged.
      const f = form({ _csrf: TEST_CSRF, op: 'retry', failed: '1' });
      const res = await app.request(`/desk/curation/entries/${id}`, { method: 'POST', body: f.body, headers: f.headers });
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), `/desk/curation?done=retry-pending&entry=${id}&failed=1#e${id}`);
      assert.equal((await store.jobs.list({ kind: EXTRACT_ENTRY })).length, 1);
      assert.equal((await store.curation.audit({ action: 'entry.extract-retry', limit: 5 })).items.length, 1);
      const page = await get(res.headers.get('location')!.split('#')[0]!);
      assert.match(
        page,
        /<p role="status" class="done">A retry of the full text of “MEK rally draws crowd in Paris suburb” is already queued/,
      );
      // Running is still pending; once done, the button is back and a press queues again.
      const [job] = await store.jobs.claim(await store.clock.now(), 1, 'w', 60_000, [EXTRACT_ENTRY]);
      assert.equal(job?.payload.entryId, id);
      assert.doesNotMatch(rowOf(await get('/desk/curation'), id), /value="retry"/, 'running: still marked');
      await store.jobs.complete(job!.id, 'w', Date.now());
      assert.match(rowOf(await get('/desk/curation'), id), /value="retry"/, 'done: the button is back');
      const again = await app.request(`/desk/curation/entries/${id}`, { method: 'POST', body: f.body, headers: f.headers });
      assert.match(again.headers.get('location') ?? '', /done=retry&/);
      assert.equal((await store.jobs.list({ kind: EXTRACT_ENTRY })).length, 2);
    });

    test('the edit page shows the reason and the retry button', async () => {
      const page = await get(`/desk/curation/entries/${ids.get('Weather service warns of <storm> & "floods"')}`);
      assert.match(page, /<p class="extract-failed" data-reason="pdf">Full text failed: the link is a PDF document, not a web page<\/p>/);
      assert.match(page, /<input type="hidden" name="op" value="retry">/);
      const court = await get(`/desk/curation/entries/${ids.get('Court hears appeal over Camp Ashraf property')}`);
      assert.doesNotMatch(court, /extract-failed|value="retry"/);
    });
  });

  test('the reasons cost no query per row: the desk list reads the same for 2 failures as for 20', async () => {
    const { store, counter, list } = await countedStore(d, 25);
    steadyStamp(store);
    const app = asViewer(makeApp(store), store, () => editor());
    const cold = (path: string): Promise<number> => warmQueries(app, counter, path);
    const fail = async (from: number, to: number) => {
      for (let i = from; i < to; i++)
        await store.entries.setFullText(list[i]!.id, { fullHtml: null, extractStatus: 'failed', extractError: i % 2 ? 'fetch' : 'pdf' });
    };
    await fail(0, 2);
    const few = await cold('/desk/curation');
    const fewFiltered = await cold('/desk/curation?failed=1');
    await fail(2, 20);
    const many = await cold('/desk/curation');
    assert.equal(many, few, `${few} queries with 2 failures, ${many} with 20`);
    // Twenty retries queued: the "Retry queued" marks come with one read of the job table.
    for (let i = 0; i < 20; i++) await store.jobs.enqueue({ kind: EXTRACT_ENTRY, payload: { entryId: list[i]!.id } });
    assert.equal(await cold('/desk/curation'), many, 'the same with every retry queued');
    assert.equal((await (await app.request('/desk/curation')).text()).match(/class="retry-queued"/g)?.length, 20);
    assert.equal(await cold('/desk/curation?failed=1'), fewFiltered);
    const page = await (await app.request('/desk/curation?failed=1')).text();
    assert.equal(rowIds(page).length, 20);
  });

  test('"Retry all N" queues one reason\'s failures, at most 500 a press, skipping those queued; CSRF-checked and logged', async () => {
    const store = await d.open();
    const { source } = await store.sources.add({ url: 'https://all.example/feed.xml' });
    const n = 503;
    const saved = (
      await store.entries.saveBatch(
        source.id,
        Array.from({ length: n + 2 }, (_, i) => entry(`a${i}`, `Story ${i}`, `Text ${i}.`, BASE_TIME - i * HOUR)),
      )
    ).inserted;
    const fetchIds = saved.slice(0, n).map((e) => e.id);
    for (const id of fetchIds) await store.entries.setFullText(id, { fullHtml: null, extractStatus: 'failed', extractError: 'fetch' });
    for (const e of saved.slice(n)) await store.entries.setFullText(e.id, { fullHtml: null, extractStatus: 'failed', extractError: 'pdf' });
    // One is already queued (an editor pressed its own button).
    await store.jobs.enqueue({ kind: EXTRACT_ENTRY, payload: { entryId: fetchIds[400] } });
    const app = asViewer(makeApp(store), store, () => editor());
    const page = await (await app.request('/desk/curation?failed=1')).text();
    assert.match(
      page,
      /<li data-reason="fetch"><a href="\/desk\/curation\?failed=1&amp;reason=fetch">[^<]*<\/a> <form method="post" action="\/desk\/curation\/retry-failed" class="inline"><input type="hidden" name="_csrf" value="[^"]+"><input type="hidden" name="reason" value="fetch"><button type="submit" aria-label="Retry all 503: the page could not be fetched">Retry all 503<\/button><\/form><\/li>/,
    );
    assert.doesNotMatch(await (await app.request('/desk/curation')).text(), /retry-failed/, 'only on the filtered list');
    const press = (fields: Record<string, string>) => {
      const f = form(fields);
      return app.request('/desk/curation/retry-failed', { method: 'POST', body: f.body, headers: f.headers });
    };
    assert.equal((await press({ _csrf: 'wrong', reason: 'fetch' })).status, 403);
    assert.equal((await press({ _csrf: TEST_CSRF, reason: 'nonsense' })).status, 400);
    assert.equal((await store.jobs.list({ kind: EXTRACT_ENTRY, limit: 1000 })).length, 1, 'nothing queued by a refused press');

    // Highest id first: the 500 newest but the queued one, going on after the 500th next time.
    const first = await press({ _csrf: TEST_CSRF, reason: 'fetch' });
    assert.equal(first.status, 303);
    assert.equal(
      first.headers.get('location'),
      `/desk/curation?failed=1&done=retry-all&reason=fetch&n=500&skipped=1&left=2&after=${fetchIds[2]}`,
    );
    const jobs = async () => (await store.jobs.list({ kind: EXTRACT_ENTRY, limit: 2000 })).map((j) => j.payload.entryId as number);
    let queued = await jobs();
    assert.equal(queued.length, 501);
    assert.equal(new Set(queued).size, 501, 'no entry twice');
    assert.deepEqual(new Set(queued), new Set(fetchIds.slice(2)), 'the newest, the queued one not again');
    const audit = async () => (await store.curation.audit({ action: 'entry.extract-retry-all', limit: 5 })).items;
    assert.equal((await audit())[0]?.target, 'extract-failure:fetch');
    assert.deepEqual((await audit())[0]?.before, { failed: 501 });
    assert.deepEqual((await audit())[0]?.after, { queued: 500, skipped: 1, max: 500, left: 2 });
    // The notice says how many remain and offers the next press, which carries where this one stopped.
    const notice = await (await app.request(first.headers.get('location')!)).text();
    assert.match(
      notice,
      new RegExp(
        `<p role="status" class="done">Retry queued for 500 teasers whose full text failed \\(the page could not be fetched\\); 1 already queued were left as they were\\. At most 500 are queued per press\\. 2 more of this reason remain past these: the next press goes on from here\\. <form method="post" action="/desk/curation/retry-failed" class="inline"><input type="hidden" name="_csrf" value="[^"]+"><input type="hidden" name="reason" value="fetch"><input type="hidden" name="after" value="${fetchIds[2]}"><button type="submit" aria-label="Retry the next 2: the page could not be fetched">Retry the next 2</button></form></p>`,
      ),
    );

    const second = await press({ _csrf: TEST_CSRF, reason: 'fetch', after: String(fetchIds[2]) });
    assert.equal(second.headers.get('location'), '/desk/curation?failed=1&done=retry-all&reason=fetch&n=2&skipped=0&left=0');
    queued = await jobs();
    assert.equal(queued.length, n);
    assert.deepEqual(new Set(queued), new Set(fetchIds), 'every fetch failure once, no pdf');
    assert.deepEqual((await audit())[0]?.before, { failed: 2, after: fetchIds[2] });
    assert.doesNotMatch(await (await app.request(second.headers.get('location')!)).text(), /name="after"/, 'nothing left: no next press');

    // Presses that queue nothing write no audit row and say why, in the editor's words.
    const nothing = async (fields: Record<string, string>, location: string, sentence: string): Promise<void> => {
      const res = await press({ _csrf: TEST_CSRF, ...fields });
      assert.equal(res.headers.get('location'), location);
      const text = await (await app.request(location)).text();
      assert.ok(text.includes(`<p role="status" class="done">${escaped(sentence)}</p>`), sentence);
    };
    const en = CURATION_MESSAGES.en;
    await nothing(
      { reason: 'fetch' },
      '/desk/curation?failed=1&done=retry-all&reason=fetch&n=0&skipped=503&left=0&why=pending',
      en['curation.done.retryAllNone.pending']!.replace('{reason}', 'the page could not be fetched').replace('{skipped}', '503'),
    );
    await nothing(
      { reason: 'timeout' },
      '/desk/curation?failed=1&done=retry-all&reason=timeout&n=0&skipped=0&left=0&why=none',
      en['curation.done.retryAllNone.none']!.replace('{reason}', 'the page took too long to read'),
    );
    await nothing(
      { reason: 'fetch', after: String(fetchIds[0]) },
      '/desk/curation?failed=1&done=retry-all&reason=fetch&n=0&skipped=0&left=0&why=end',
      en['curation.done.retryAllNone.end']!.replace('{reason}', 'the page could not be fetched'),
    );
    assert.equal((await audit()).length, 2, 'only the presses that queued something are in the audit log');
    assert.equal((await jobs()).length, n);
    await store.close();
  });

  test('"Retry all" reaches every failure of a reason, press after press, past 5,000 (keyset by id)', async () => {
    const store = await d.open();
    const { source } = await store.sources.add({ url: 'https://many.example/feed.xml' });
    const n = 5_120;
    const saved = (
      await store.entries.saveBatch(
        source.id,
        Array.from({ length: n }, (_, i) => entry(`m${i}`, `Story ${i}`, `Text ${i}.`, BASE_TIME - i * HOUR)),
      )
    ).inserted;
    // A few at a time (PostgreSQL's pool takes them side by side).
    for (let i = 0; i < saved.length; i += 32)
      await Promise.all(
        saved
          .slice(i, i + 32)
          .map((e) => store.entries.setFullText(e.id, { fullHtml: null, extractStatus: 'failed', extractError: 'fetch' })),
      );
    const app = asViewer(makeApp(store), store, () => editor());
    let after: string | undefined;
    const lefts: number[] = [];
    for (let press = 1; press <= 12; press++) {
      const f = form({ _csrf: TEST_CSRF, reason: 'fetch', ...(after ? { after } : {}) });
      const res = await app.request('/desk/curation/retry-failed', { method: 'POST', body: f.body, headers: f.headers });
      const q = new URL(res.headers.get('location')!, 'http://x').searchParams;
      assert.ok(Number(q.get('n')) <= 500, `press ${press}: at most 500`);
      lefts.push(Number(q.get('left')));
      after = q.get('after') ?? undefined;
      if (!after) break;
    }
    const queued = (await store.jobs.list({ kind: EXTRACT_ENTRY, limit: 10_000 })).map((j) => j.payload.entryId as number);
    assert.equal(queued.length, n, 'every failure queued');
    assert.deepEqual(new Set(queued), new Set(saved.map((e) => e.id)));
    assert.deepEqual(lefts, [4620, 4120, 3620, 3120, 2620, 2120, 1620, 1120, 620, 120, 0], 'the count left after each press');
    await store.close();
  });

  test('"Retry all" costs no query per failure: a press that queues 480 runs as many as one that queues 10', async () => {
    const { store, counter, list } = await countedStore(d, 500);
    const reasonOf = (id: number): string => (id % 100 < 2 ? 'pdf' : id % 100 < 4 ? 'image' : 'fetch');
    for (const e of list) await store.entries.setFullText(e.id, { fullHtml: null, extractStatus: 'failed', extractError: reasonOf(e.id) });
    const app = asViewer(makeApp(store), store, () => editor());
    const press = async (reason: string): Promise<number> => {
      const f = form({ _csrf: TEST_CSRF, reason });
      counter.reset();
      const res = await app.request('/desk/curation/retry-failed', { method: 'POST', body: f.body, headers: f.headers });
      assert.equal(res.status, 303);
      return counter.count;
    };
    await (await app.request('/desk/curation?failed=1')).text(); // the session exists
    await press('image'); // and every statement a press runs has run once
    const few = await press('pdf');
    const many = await press('fetch');
    const queued = (await store.jobs.list({ kind: EXTRACT_ENTRY, limit: 1000 })).map((j) => j.payload.entryId as number);
    assert.equal(queued.filter((id) => reasonOf(id) === 'pdf').length, list.filter((e) => reasonOf(e.id) === 'pdf').length);
    assert.equal(queued.filter((id) => reasonOf(id) === 'fetch').length, list.filter((e) => reasonOf(e.id) === 'fetch').length);
    assert.equal(many, few, `${few} queries for the few, ${many} for the many`);
    await store.close();
  });

  describe('the retry job reads the page again', () => {
    let srv: FixtureServer;
    let store: Store;
    let fetcher: HttpFetcher;
    let step: ExtractStep;
    let up = false;

    before(async () => {
      srv = await startFixtureServer({
        '/articles/river': (_req, res) => {
          if (!up) return void res.writeHead(503, { 'content-type': 'text/plain' }).end('busy');
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readFixture('readmore', 'article.html'));
        },
      });
      store = await d.open();
      const config = loadConfig({ env: {}, overrides: { allowHosts: ['127.0.0.1'], maxRedirects: 2 } });
      fetcher = new HttpFetcher({ ...config, connectionsPerOrigin: 2 });
      step = extractFullTextStep({ fetcher, extractor: new ExtractorPool(1, { timeBudgetMs: 5000, hardLimitMs: 60_000, maxHeapMb: 256 }) });
    });

    after(async () => {
      await step.close();
      await fetcher.close();
      await store.close();
      await srv.close();
    });

    test('failed, retried from the desk, read: the reason is gone from the desk', async () => {
      const log = createLogger('silent');
      const { source } = await store.sources.add({ url: `${srv.url}/feed.xml`, extractMode: 'always' });
      const [e] = (
        await store.entries.saveBatch(source.id, [
          entry('river', 'Council approves river embankment plan', 'The council voted…', Date.now(), { url: `${srv.url}/articles/river` }),
        ])
      ).inserted as Entry[];
      // The first read fails (503): a fetch failure.
      await step.extractEntry(e!, store, log);
      assert.equal((await store.entries.get(e!.id))?.extractError, 'fetch');

      const app = asViewer(makeApp(store), store, () => editor());
      const f = form({ _csrf: TEST_CSRF, op: 'retry' });
      assert.equal(
        (await app.request(`/desk/curation/entries/${e!.id}`, { method: 'POST', body: f.body, headers: f.headers })).status,
        303,
      );
      const [job] = await store.jobs.list({ kind: EXTRACT_ENTRY });
      assert.ok(job);

      // Only a process with a full-text step takes such jobs.
      assert.equal(jobHandlers(store, pipelineOf([]), log)[EXTRACT_ENTRY], undefined);
      const handler = jobHandlers(store, pipelineOf([step]), log)[EXTRACT_ENTRY];
      assert.ok(handler);
      up = true;
      await handler(job, { signal: new AbortController().signal });
      const read = await store.entries.get(e!.id);
      assert.equal(read?.extractStatus, 'done');
      assert.equal(read?.extractError, null);
      assert.match(read?.fullHtml ?? '', /embankment/i);
      assert.equal(srv.hits('/articles/river'), 2);
      const page = await (await app.request('/desk/curation')).text();
      assert.equal(rowReason(page, e!.id), undefined);
      assert.match(page, /No full text failed\./);
    });
  });
});
