// Teasers never read in full (extract status "none") though their source reads full text — left so
// by the scheduler freeze of the analyst journey (finding 1, docs/desk.md), past a check's cap, or
// stored while the source's mode was "off" — are offered a read on the source's page: a count that
// leaves out those whose read is queued, and "Read N of them in full" (CSRF-checked, at most 500 a
// press, highest id first, one job per entry by its pending key, audited), then Post/Redirect/Get
// to the page with a catalogued notice (en/ar/fa). The job then reads them. Both dialects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXTRACT_ENTRY, extractEntryHandler } from '../../src/jobs/extract-entry.js';
import { createLogger } from '../../src/log/logger.js';
import type { ExtractStep } from '../../src/pipeline/steps/extract-full-text.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { newEntry } from '../helpers/entries.js';
import { mountDesk, type TestDesk } from './helpers.js';

const AT = Date.UTC(2026, 11, 1);

const jobsOf = async (store: Store): Promise<number[]> =>
  (await store.jobs.list({ kind: EXTRACT_ENTRY, limit: 2000 })).map((j) => j.payload.entryId as number).sort((a, b) => a - b);

/** The section's count, or undefined when the page offers no read. */
const offered = (page: string): number | undefined => {
  const m = /<section aria-labelledby="unread-h" data-unread="(\d+)">/.exec(page);
  return m ? Number(m[1]) : undefined;
};

const press = (desk: TestDesk, id: number, csrf?: string | null): Promise<Response> =>
  desk.post(`/desk/sources/${id}/read-unread`, {}, csrf === undefined ? {} : { csrf });

forEachDialect((d) => {
  test('never-read teasers of a source reading full text: counted, queued once, PRG notice; the job reads them', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const { source } = await store.sources.add({ url: 'https://wire.example/feed.xml', title: 'Wire', extractMode: 'short' });
      const saved = (
        await store.entries.saveBatch(source.id, [
          newEntry('Teaser one', 'A short teaser.', AT),
          newEntry('Teaser two', 'Another short teaser.', AT + 1),
          newEntry('Teaser three', 'A third.', AT + 2),
          newEntry('Long one', 'word '.repeat(200), AT + 3),
          newEntry('Read one', 'Short.', AT + 4),
          newEntry('Failed one', 'Short.', AT + 5),
        ])
      ).inserted;
      const [one, two, three, long, read, failed] = saved.map((e) => e.id) as [number, number, number, number, number, number];
      await store.entries.setFullText(read, { fullHtml: '<p>Whole.</p>', extractStatus: 'done' });
      await store.entries.setFullText(failed, { fullHtml: null, extractStatus: 'failed', extractError: 'fetch' });

      const page = await (await desk.request(`/desk/sources/${source.id}`)).text();
      assert.equal(offered(page), 3, 'the three short teasers never read (not the long one, the read or the failed one)');
      assert.match(page, /Stories stored from it whose article was never read in full, though this source reads full text: 3\./);
      assert.match(
        page,
        /<form method="post" action="\/desk\/sources\/\d+\/read-unread"><input type="hidden" name="_csrf" value="[^"]+"><p><button type="submit">Read 3 of them in full<\/button>/,
      );

      // Refused presses queue nothing.
      assert.equal((await press(desk, source.id, null)).status, 403);
      assert.equal((await press(desk, source.id, 'wrong')).status, 403);
      assert.deepEqual(await jobsOf(store), []);

      const res = await press(desk, source.id);
      assert.equal(res.status, 303);
      const to = res.headers.get('location') ?? '';
      assert.equal(to, `/desk/sources/${source.id}?done=unread&n=3&left=0`);
      assert.deepEqual(await jobsOf(store), [one, two, three]);
      const audits = desk.audits.filter((a) => a.action === 'source.read-unread');
      assert.equal(audits.length, 1);
      assert.deepEqual(audits[0]?.after, { queued: 3, left: 0, max: 500 });
      const after = await (await desk.request(to)).text();
      assert.match(after, /<p role="status">Reads in full queued: 3; each story shows its full text, or why not, once read\.<\/p>/);
      assert.equal(offered(after), undefined, 'those queued are not offered again');
      // A second press (a forged or stale form): nothing queued twice, nothing audited.
      const again = await press(desk, source.id);
      assert.equal(again.headers.get('location'), `/desk/sources/${source.id}?done=unread&n=0&left=0`);
      assert.match(
        await (await desk.request(again.headers.get('location')!)).text(),
        /<p role="status">Nothing was queued: every such story/,
      );
      assert.deepEqual(await jobsOf(store), [one, two, three]);
      assert.equal(desk.audits.filter((a) => a.action === 'source.read-unread').length, 1);

      // The job reads an entry never read (it was skipped before: only failures were read again).
      const readIds: number[] = [];
      const extract = {
        extractEntry: async (e: { id: number }, s: Pick<Store, 'entries'>) => {
          readIds.push(e.id);
          await s.entries.setFullText(e.id, { fullHtml: '<p>Now whole.</p>', extractStatus: 'done' });
          return { fullHtml: '<p>Now whole.</p>', extractStatus: 'done' };
        },
      } as unknown as ExtractStep;
      const handler = extractEntryHandler({ store, extract, log: createLogger('silent') });
      for (const j of await store.jobs.list({ kind: EXTRACT_ENTRY, limit: 10 })) await handler(j, { signal: new AbortController().signal });
      assert.deepEqual(
        readIds.sort((a, b) => a - b),
        [one, two, three],
      );
      assert.equal((await store.entries.get(two))?.extractStatus, 'done');

      // "always" offers the long one too; "off" offers nothing (and a press queues nothing).
      await store.sources.update(source.id, { extractMode: 'always' });
      assert.equal(offered(await (await desk.request(`/desk/sources/${source.id}`)).text()), 1);
      await store.sources.update(source.id, { extractMode: 'off' });
      assert.equal(offered(await (await desk.request(`/desk/sources/${source.id}`)).text()), undefined);
      assert.equal((await press(desk, source.id)).headers.get('location'), `/desk/sources/${source.id}?done=unread&n=0&left=0`);
      assert.equal((await jobsOf(store)).includes(long), false);
    } finally {
      await desk.stop();
      await store.close();
    }
  });

  test('more than 500: a press queues 500, the count and the notice say what is left, the next press the rest (en/ar/fa)', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const { source } = await store.sources.add({ url: 'https://many.example/feed.xml', extractMode: 'always' });
      const n = 503;
      const ids = (
        await store.entries.saveBatch(
          source.id,
          Array.from({ length: n }, (_, i) => newEntry(`Item ${i}`, `Text ${i}.`, AT + i)),
        )
      ).inserted
        .map((e) => e.id)
        .sort((a, b) => a - b);
      assert.equal(offered(await (await desk.request(`/desk/sources/${source.id}`)).text()), n);
      const first = await press(desk, source.id);
      assert.equal(first.headers.get('location'), `/desk/sources/${source.id}?done=unread&n=500&left=3`);
      assert.deepEqual(await jobsOf(store), ids.slice(3), 'the highest ids first');
      const page = await (await desk.request(first.headers.get('location')!)).text();
      assert.match(page, /<p role="status">Reads in full queued: 500;[^<]* Still to queue: 3 \(the next press takes them\)\.<\/p>/);
      assert.equal(offered(page), 3, 'the queued 500 are not counted');
      assert.match(page, /<button type="submit">Read 3 of them in full<\/button>/);
      const ar = await (await desk.request(first.headers.get('location')!, { headers: { 'accept-language': 'ar' } })).text();
      assert.match(ar, /<p role="status">وُضعت قراءة كاملة في الطابور لـ500 من القصص؛[^<]* بقي لوضعه في الطابور: 3 /);
      const fa = await (await desk.request(first.headers.get('location')!, { headers: { 'accept-language': 'fa' } })).text();
      assert.match(fa, /<p role="status">خواندن کامل ۵۰۰ خبر در صف گذاشته شد؛[^<]* هنوز مانده برای صف: ۳ /);
      assert.match(fa, /<h2 id="unread-h">هرگز کامل خوانده نشده<\/h2>/);
      const second = await press(desk, source.id);
      assert.equal(second.headers.get('location'), `/desk/sources/${source.id}?done=unread&n=3&left=0`);
      assert.deepEqual(await jobsOf(store), ids, 'every one once');
    } finally {
      await desk.stop();
      await store.close();
    }
  });
});
