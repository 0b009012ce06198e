// Two writers of one source's settings at once keep both their keys (p-leftovers). Before, each
// write put back the whole settings object its writer had read a moment earlier: the desk's
// settings form saving new selectors while a check was recording a pending move (a permanent
// redirect to another site, counted over checks) lost one of the two — the selectors when the
// check wrote last, the pending move when the form did. Now each writes only the keys it changed,
// applied by the store in one statement to the row as it is then. Both orders, both dialects: the
// other writer runs whole between the first one's read and its write. And the desk's form, saving
// an interval with the selectors it showed, against the API's add replacing the selectors: the
// form leaves selectors it does not change alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Source } from '../../src/domain/source.js';
import { pendingMoveOf } from '../../src/pipeline/move-policy.js';
import { planNextCheck } from '../../src/pipeline/next-check.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { makeApp } from '../web/helpers.js';
import { mountDesk } from './helpers.js';
import { hooked } from './scenes.js';

const POLICY = { defaultIntervalSeconds: 1800, minIntervalSeconds: 60, maxIntervalSeconds: 86400, maxBackoffSeconds: 3600 };
const URL_ = 'https://listing.example/news';
const ELSEWHERE = 'https://elsewhere.example/news';

/** A check that saw a permanent redirect to another site, written as the pipeline writes it. */
async function checkSeesMove(store: Store, read: Source): Promise<void> {
  const patch = planNextCheck(read, { kind: 'not-modified', movedTo: ELSEWHERE }, POLICY, Date.now());
  await store.sources.finishCheck(read.id, patch);
}

const form = { interval: '45', extractMode: 'short', sel_item: 'li.story', sel_link: 'h2 a' };

forEachDialect((d) => {
  test('a check writing its pending move after the settings form saved keeps the new selectors', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const { source } = await store.sources.add({ url: URL_, kind: 'page', settings: { selectors: { item: 'div.old' } } });
      const readByCheck = (await store.sources.get(source.id))!;
      const res = await desk.post(`/desk/sources/${source.id}/settings`, form);
      assert.equal(res.status, 200);
      await checkSeesMove(store, readByCheck);
      const s = (await store.sources.get(source.id))!;
      assert.deepEqual(s.settings.selectors, { item: 'li.story', link: 'h2 a' }, 'the editor’s selectors');
      assert.equal(pendingMoveOf(s.settings)?.url, ELSEWHERE, 'the check’s pending move');
    } finally {
      await desk.stop();
    }
  });

  test('the settings form writing after a check recorded its pending move keeps that move', async () => {
    const base = await d.open();
    const { source } = await base.sources.add({ url: URL_, kind: 'page', settings: { selectors: { item: 'div.old' } } });
    // The form's route reads the source, then the whole check runs, then the form writes.
    const store = hooked(base, 'sources', ['update', 'updateShown'], async () => checkSeesMove(base, (await base.sources.get(source.id))!));
    const desk = await mountDesk(store);
    try {
      const res = await desk.post(`/desk/sources/${source.id}/settings`, form);
      assert.equal(res.status, 200);
      const s = (await base.sources.get(source.id))!;
      assert.deepEqual(s.settings.selectors, { item: 'li.story', link: 'h2 a' }, 'the editor’s selectors');
      assert.equal(pendingMoveOf(s.settings)?.url, ELSEWHERE, 'the check’s pending move');
      assert.equal(s.intervalSeconds, 2700, 'the form’s interval');
    } finally {
      await desk.stop();
    }
  });

  test('the settings form saving its interval keeps selectors the API replaced after the form read them', async () => {
    const base = await d.open();
    const { source } = await base.sources.add({ url: URL_, kind: 'page', settings: { selectors: { item: 'li.story', link: 'h2 a' } } });
    const api = makeApp(base, { apiToken: 'sekrit-token-123' });
    const store = hooked(base, 'sources', ['update', 'updateShown'], async () => {
      const res = await api.request('/api/v1/sources', {
        method: 'POST',
        body: JSON.stringify({ url: URL_, selectors: { item: 'article', link: 'h3 a' } }),
        headers: { 'content-type': 'application/json', authorization: 'Bearer sekrit-token-123' },
      });
      assert.equal(res.status, 200);
    });
    const desk = await mountDesk(store);
    try {
      // The form as shown before the API's change: the old selectors, a new interval.
      const res = await desk.post(`/desk/sources/${source.id}/settings`, form);
      assert.equal(res.status, 200);
      const s = (await base.sources.get(source.id))!;
      assert.deepEqual(s.settings.selectors, { item: 'article', link: 'h3 a' }, 'the API’s selectors');
      assert.equal(s.intervalSeconds, 2700, 'the form’s interval');
    } finally {
      await desk.stop();
    }
  });
});
