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
import { forEachDialect, QueryCounter } from '../helpers/dialects.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { readFixture } from '../helpers/repo.js';
import { BASE_TIME, entry, HOUR, makeApp, populatedStore } from './helpers.js';

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

    const get = async (path: string): Promise<string> => {
      const res = await app.request(path);
      assert.equal(res.status, 200, path);
      return res.text();
    };

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
      const reasons = [...page.matchAll(/<li data-reason="([^"]+)">([^<]*)<\/li>/g)].map((x) => [x[1], x[2]]);
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

    test('the edit page shows the reason and the retry button', async () => {
      const page = await get(`/desk/curation/entries/${ids.get('Weather service warns of <storm> & "floods"')}`);
      assert.match(page, /<p class="extract-failed" data-reason="pdf">Full text failed: the link is a PDF document, not a web page<\/p>/);
      assert.match(page, /<input type="hidden" name="op" value="retry">/);
      const court = await get(`/desk/curation/entries/${ids.get('Court hears appeal over Camp Ashraf property')}`);
      assert.doesNotMatch(court, /extract-failed|value="retry"/);
    });
  });

  test('the reasons cost no query per row: the desk list reads the same for 2 failures as for 20', async () => {
    const counter = new QueryCounter();
    const store = await d.open({ onQuery: counter.onQuery });
    const { source } = await store.sources.add({ url: 'https://q.example/feed.xml' });
    const list = (
      await store.entries.saveBatch(
        source.id,
        Array.from({ length: 25 }, (_, i) => entry(`q${i}`, `Story ${i}`, `Text of story ${i}.`, BASE_TIME - i * HOUR)),
      )
    ).inserted;
    const app = asViewer(makeApp(store), store, () => editor());
    const cold = async (path: string): Promise<number> => {
      await (await app.request(path)).text(); // the viewer's session and user exist from here on
      counter.reset();
      const res = await app.request(path);
      assert.equal(res.status, 200);
      await res.text();
      return counter.count;
    };
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
    assert.equal(await cold('/desk/curation?failed=1'), fewFiltered);
    const page = await (await app.request('/desk/curation?failed=1')).text();
    assert.equal(rowIds(page).length, 20);
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
