// "Retry all"'s count of what remains past its press leaves out failures whose retry is already
// queued (an editor's own "Retry full text" on one of them, or an earlier press): they are not left
// to do, and "Retry the next N" offers only those still to queue (p-retry left it counting them).
// Both dialects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXTRACT_ENTRY } from '../../src/jobs/extract-entry.js';
import { asViewer, editor, form, TEST_CSRF } from '../helpers/as-viewer.js';
import { forEachDialect } from '../helpers/dialects.js';
import { BASE_TIME, HOUR, entry, makeApp } from './helpers.js';

forEachDialect((d) => {
  test('"Retry all": what remains past the press does not count retries already queued', async () => {
    const store = await d.open();
    try {
      const { source } = await store.sources.add({ url: 'https://left.example/feed.xml' });
      const n = 505;
      const saved = (
        await store.entries.saveBatch(
          source.id,
          Array.from({ length: n }, (_, i) => entry(`l${i}`, `Story ${i}`, `Text ${i}.`, BASE_TIME - i * HOUR)),
        )
      ).inserted;
      const ids = saved.map((e) => e.id).sort((a, b) => b - a);
      for (const id of ids) await store.entries.setFullText(id, { fullHtml: null, extractStatus: 'failed', extractError: 'fetch' });
      const app = asViewer(makeApp(store), store, () => editor());
      const post = (path: string, fields: Record<string, string>) => {
        const f = form({ _csrf: TEST_CSRF, ...fields });
        return app.request(path, { method: 'POST', body: f.body, headers: f.headers });
      };
      // Two of the five oldest (past where the first press stops) have their own retry queued.
      for (const id of [ids[501]!, ids[503]!])
        assert.equal((await post(`/desk/curation/entries/${id}`, { op: 'retry', failed: '1' })).status, 303);
      const first = await post('/desk/curation/retry-failed', { reason: 'fetch' });
      assert.equal(
        first.headers.get('location'),
        `/desk/curation?failed=1&done=retry-all&reason=fetch&n=500&skipped=0&left=3&after=${ids[499]}`,
      );
      const notice = await (await app.request(first.headers.get('location')!)).text();
      assert.match(notice, /3 more of this reason remain past these/);
      assert.match(notice, /<button type="submit" aria-label="Retry the next 3: [^"]*">Retry the next 3<\/button>/);
      const second = await post('/desk/curation/retry-failed', { reason: 'fetch', after: String(ids[499]) });
      assert.match(second.headers.get('location') ?? '', /&n=3&skipped=2&left=0$/);
      assert.equal((await store.jobs.list({ kind: EXTRACT_ENTRY, limit: 1000 })).length, n);
    } finally {
      await store.close();
    }
  });
});
