// What the hostile-input probe of the curation desk's new surfaces (p-probe, 2026-12-05) found:
// - a reason key the list does not know is quoted back in the page's sentence: it is cleaned as
//   every parameter is (NUL and line breaks as spaces), cut at whole code points (no half of a
//   surrogate pair), and a bidi override it leaves open is closed before the sentence goes on;
// - "Retry full text" is taken for a failed read (or, since p-small, one never made when the source
//   reads full text: test/desk/retry-never-read.test.ts), as only such a row offers it: a forged or
//   stale press on an article read in full or on a page without an article is refused (409, in the
//   editor's language) and queues nothing, writes no audit row;
// - the retry job itself leaves an entry whose read has not failed as it is (its stored text is
//   not dropped by a failure of the new read);
// - a failure stored with an empty reason key is "other" everywhere: the API said extractError
//   null for a failed read (against its contract) and the desk's row had no mark and no button.
// Over both store dialects.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type Database from 'better-sqlite3';
import type { Hono } from 'hono';
import type pg from 'pg';
import { EXTRACT_ENTRY, extractEntryHandler, extractEntryPayload } from '../../src/jobs/extract-entry.js';
import type { Job } from '../../src/store/jobs.js';
import { createLogger } from '../../src/log/logger.js';
import type { ExtractStep } from '../../src/pipeline/steps/extract-full-text.js';
import type { Store } from '../../src/store/store.js';
import { CURATION_MESSAGES } from '../../src/web/desk/curation-messages.js';
import { asViewer, editor, form, TEST_CSRF } from '../helpers/as-viewer.js';
import { forEachDialect } from '../helpers/dialects.js';
import { BASE_TIME, HOUR, entry, makeApp, okText } from './helpers.js';

/** Runs one statement on the store's own database (its file or schema). */
async function exec(store: Store, statement: string): Promise<void> {
  if (store.dialect === 'sqlite') (store as unknown as { db: Database.Database }).db.prepare(statement).run();
  else await (store as unknown as { pool: pg.Pool }).pool.query(statement);
}

/** The sentence saying the list has no such reason, as the page writes it (undefined if none). */
const unknownLine = (page: string): string | undefined => /<p class="filter reason" role="alert">([^<]*)<\/p>/.exec(page)?.[1];

forEachDialect((d) => {
  describe('curation desk under hostile input', () => {
    let store: Store;
    let app: Hono;
    let lang: 'en' | 'ar' | 'fa' | null = null;
    const ids: Record<'failed' | 'done' | 'notArticle' | 'unread' | 'emptyKey' | 'emptyRaw', number> = {
      failed: 0,
      done: 0,
      notArticle: 0,
      unread: 0,
      emptyKey: 0,
      emptyRaw: 0,
    };

    before(async () => {
      store = await d.open();
      const { source } = await store.sources.add({ url: 'https://probe.example/feed.xml' });
      const saved = (
        await store.entries.saveBatch(
          source.id,
          (['failed', 'done', 'notArticle', 'unread', 'emptyKey', 'emptyRaw'] as const).map((k, i) =>
            entry(k, `Story ${k}`, `Text ${k}.`, BASE_TIME - i * HOUR),
          ),
        )
      ).inserted;
      for (const e of saved) ids[e.title.slice(6) as keyof typeof ids] = e.id;
      await store.entries.setFullText(ids.failed, { fullHtml: null, extractStatus: 'failed', extractError: 'timeout' });
      await store.entries.setFullText(ids.done, { fullHtml: '<p>The whole article, read in full.</p>', extractStatus: 'done' });
      await store.entries.setFullText(ids.notArticle, { fullHtml: null, extractStatus: 'not-article', notArticle: 'too-short' });
      await store.entries.setFullText(ids.emptyKey, { fullHtml: null, extractStatus: 'failed', extractError: '' });
      app = asViewer(makeApp(store), store, () => editor({ lang }));
    });

    const get = (path: string): Promise<string> => okText(app, path);

    test('an unknown reason is quoted cleaned, cut at whole characters, its bidi override closed', async () => {
      for (const list of ['failed=1', 'noarticle=1']) {
        const rlo = unknownLine(await get(`/desk/curation?${list}&reason=%E2%80%AEevil`));
        assert.equal(rlo, 'This list has no reason “\u202eevil\u202c”, so every reason is listed.', list);
        const controls = unknownLine(await get(`/desk/curation?${list}&reason=a%00b%0D%0ASet-Cookie%3A%20x`));
        assert.equal(controls, 'This list has no reason “a b  Set-Cookie: x”, so every reason is listed.', list);
        // 59 letters and an emoji (two UTF-16 units): the 60th character is kept whole.
        const emoji = unknownLine(await get(`/desk/curation?${list}&reason=${'a'.repeat(59)}%F0%9F%98%80tail`));
        assert.equal(emoji, `This list has no reason “${'a'.repeat(59)}😀”, so every reason is listed.`, list);
        // An isolate left open is closed too; a stray closer is dropped.
        const iso = unknownLine(await get(`/desk/curation?${list}&reason=%E2%81%A7x%E2%80%AC`));
        assert.equal(iso, 'This list has no reason “\u2067x\u2069”, so every reason is listed.', list);
      }
    });

    test('"Retry full text" on a read that has not failed is refused and queues nothing (en/ar/fa)', async () => {
      for (const l of ['en', 'ar', 'fa'] as const) {
        lang = l;
        for (const k of ['done', 'notArticle'] as const) {
          const f = form({ _csrf: TEST_CSRF, op: 'retry', failed: '1' });
          const res = await app.request(`/desk/curation/entries/${ids[k]}`, { method: 'POST', body: f.body, headers: f.headers });
          assert.equal(res.status, 409, `${l} ${k}`);
          // A desk page saying so in the editor's language, with the way back to the list pressed on.
          const page = await res.text();
          assert.match(res.headers.get('content-type') ?? '', /^text\/html/, `${l} ${k}`);
          assert.ok(
            page.includes(`<p role="alert">${(CURATION_MESSAGES[l] as Record<string, string>)['curation.retryNotFailed']}</p>`),
            `${l} ${k}`,
          );
          assert.ok(page.includes(`<a href="/desk/curation?failed=1#e${ids[k]}">`), `${l} ${k}`);
        }
      }
      lang = null;
      assert.equal((await store.jobs.list({ kind: EXTRACT_ENTRY })).length, 0);
      assert.equal((await store.curation.audit({ action: 'entry.extract-retry', limit: 5 })).items.length, 0);
      const done = await store.entries.get(ids.done);
      assert.equal(done?.extractStatus, 'done');
      assert.match(done?.fullHtml ?? '', /read in full/);
      // The failed one still retries.
      const f = form({ _csrf: TEST_CSRF, op: 'retry', failed: '1' });
      const res = await app.request(`/desk/curation/entries/${ids.failed}`, { method: 'POST', body: f.body, headers: f.headers });
      assert.equal(res.status, 303);
      assert.equal((await store.jobs.list({ kind: EXTRACT_ENTRY })).length, 1);
    });

    test('the retry job reads a failed entry again, and a never-read one of a source reading full text; leaves the others', async () => {
      const read: number[] = [];
      const extract = {
        extractEntry: async (e: { id: number }) => {
          read.push(e.id);
          return { fullHtml: null, extractStatus: 'failed', extractError: 'fetch' };
        },
      } as unknown as ExtractStep;
      const handler = extractEntryHandler({ store, extract, log: createLogger('silent') });
      const job = (entryId: number): Job => ({ id: entryId, kind: EXTRACT_ENTRY, payload: extractEntryPayload(entryId) }) as unknown as Job;
      for (const k of ['done', 'notArticle', 'unread', 'failed'] as const)
        await handler(job(ids[k]), { signal: new AbortController().signal });
      // A failed read is read again, and so is one never made (status "none") for a source that
      // reads full text (its mode is "short"): the desk's "Read them in full" queues those.
      assert.deepEqual(read, [ids.unread, ids.failed]);
      // One never made for a source that reads no full text is left as it is.
      const off = (await store.sources.add({ url: 'https://off.example/feed.xml', extractMode: 'off' })).source;
      const [offEntry] = (await store.entries.saveBatch(off.id, [entry('off', 'Story off', 'Text off.', BASE_TIME)])).inserted;
      await handler(job(offEntry!.id), { signal: new AbortController().signal });
      await store.sources.remove(off.id);
      assert.deepEqual(read, [ids.unread, ids.failed]);
      const done = await store.entries.get(ids.done);
      assert.equal(done?.extractStatus, 'done');
      assert.match(done?.fullHtml ?? '', /read in full/);
    });

    test('a failure stored with an empty reason key is "other" in the API and on the desk, with its retry', async () => {
      // Written through the store (stored as no key) and as an older build or a hand edit left it.
      await exec(store, `UPDATE entries SET extract_status = 'failed', extract_error = '' WHERE id = ${ids.emptyRaw}`);
      const page = await get('/desk/curation?failed=1');
      for (const k of ['emptyKey', 'emptyRaw'] as const) {
        const api = (await (await app.request(`/api/v1/entries/${ids[k]}`)).json()) as {
          extractStatus: string;
          extractError: { key: string } | null;
        };
        assert.equal(api.extractStatus, 'failed', k);
        assert.equal(api.extractError?.key, 'other', k);
        const start = page.indexOf(`<li id="e${ids[k]}" `);
        assert.ok(start >= 0, `${k} listed`);
        const row = page.slice(start, page.indexOf('</li>', start));
        assert.match(row, /<p class="extract-failed" data-reason="other">/, k);
        assert.match(row, /value="retry"/, k);
      }
    });
  });
});
