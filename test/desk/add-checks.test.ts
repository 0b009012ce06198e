// The desk's add confirmation carries the preview's settings back in a hidden field: selectors in
// them (only a hand-made request puts any there) pass the same check as the settings form's and
// the command line's (src/ingest/listing/source-checks.ts), or nothing is stored (p-addcheck).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADMIN, withDesk } from './helpers.js';

describe('the desk add confirmation checks the selectors it is sent', () => {
  test('a forged unusable selector is refused with nothing stored; usable ones are stored as checked', async () => {
    await withDesk(async (desk, store) => {
      const add = (settings: unknown) =>
        desk.post('/desk/sources/add', {
          url: 'https://forged.example/news',
          kind: 'page',
          siteUrl: '',
          pending: '',
          title: ' Forged\u0007 ',
          extractMode: 'short',
          settings: JSON.stringify(settings),
        });
      for (const bad of [{ selectors: { item: 'div.story', next: 'a[' } }, { selectors: { headline: 'h2' } }, { selectors: 'a[' }]) {
        const res = await add(bad);
        assert.equal(res.status, 400, JSON.stringify(bad));
      }
      assert.deepEqual(await store.sources.list(), []);
      const ok = await add({ selectors: { item: ' div.story ', title: 'h3 a' } });
      assert.equal(ok.status, 303);
      const [s] = await store.sources.list();
      assert.deepEqual(s?.settings, { selectors: { item: 'div.story', title: 'h3 a' } });
      assert.equal(s?.title, 'Forged');
    }, ADMIN);
  });
});
