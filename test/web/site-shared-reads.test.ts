// The site keeps its topic list and its languages per store change. A page asks for them twice at
// once (its content and its navigation); each read must run once however slow the store is. When
// only the answer was kept, a second caller that came while the first read was out read again: on a
// loaded machine the topic page made three statements more (web/query-counts failed on PostgreSQL
// under load, 14 statements for 5 teasers and 17 for 50). A store slowed here makes that certain.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { Site } from '../../src/web/site.js';
import { forEachDialect } from '../helpers/dialects.js';

/** Delays `store[repo][method]` by a few event-loop turns and counts its calls. */
function slowed<R extends 'topics' | 'search'>(store: Store, repo: R, method: string): { calls: number } {
  const seen = { calls: 0 };
  const target = store[repo] as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const real = target[method]!.bind(target);
  target[method] = async (...args: unknown[]) => {
    seen.calls++;
    await new Promise((r) => setTimeout(r, 20));
    return real(...args);
  };
  return seen;
}

forEachDialect((d) => {
  test('callers that ask at once share one read of the topics and of the languages per store change', async () => {
    const store = await d.open();
    await store.topics.saveDefinition({ id: 'mek', definition: { id: 'mek', name: 'MEK', entities: [{ name: 'Mojahedin-e Khalq' }] } });
    const defs = slowed(store, 'topics', 'listDefinitions');
    const langs = slowed(store, 'search', 'languages');
    const site = new Site(store, { pageSize: 5, excerptChars: 120, baseUrl: '' });
    const [a, b] = await Promise.all([site.topics('s1'), site.topics('s1')]);
    assert.deepEqual([a.map((t) => t.id), b.map((t) => t.id)], [['mek'], ['mek']]);
    assert.equal(defs.calls, 1, 'one read of the topics for two callers');
    await Promise.all([site.languages('s1'), site.languages('s1')]);
    assert.equal(langs.calls, 1, 'one read of the languages for two callers');
    // Kept for the stamp; read again once the store changed.
    await site.topics('s1');
    assert.equal(defs.calls, 1);
    await site.topics('s2');
    assert.equal(defs.calls, 2);
    // A failed read is not kept: the next caller reads again.
    const listDefinitions = store.topics.listDefinitions.bind(store.topics);
    store.topics.listDefinitions = async () => {
      throw new Error('the store is down');
    };
    await assert.rejects(site.topics('s3'), /the store is down/);
    store.topics.listDefinitions = listDefinitions;
    assert.deepEqual(
      (await site.topics('s3')).map((t) => t.id),
      ['mek'],
    );
    // The error page's navigation, which must not wait on the store, has the last list read.
    assert.match(site.errorPage(404, 'gone').body.toString(), /href="\/topics\/mek"/);
  });
});
