// The source catalog (names on every teaser, feeds out) is read once per store change. A request
// that has seen a newer change than the read under way must not be handed that read's answer: the
// catalog used to make it wait for the older read and return it, so a source renamed (or added)
// just before the request showed its old name (or "Source N") until the next change. Each stamp now
// has its own read, shared by the callers of that stamp only (src/web/per-stamp.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Source } from '../../src/domain/source.js';
import type { Store } from '../../src/store/store.js';
import { SourceCatalog } from '../../src/web/catalog.js';
import { forEachDialect } from '../helpers/dialects.js';

/** Holds each read of the sources back, once its rows are read, until `release` is called. */
function heldReads(store: Store): { calls: number; firstRead: Promise<void>; release: () => void } {
  let release = () => {};
  let firstRead = () => {};
  const open = new Promise<void>((r) => (release = r));
  const gate = { calls: 0, firstRead: new Promise<void>((r) => (firstRead = r)), release: () => release() };
  const real = store.sources.list.bind(store.sources);
  store.sources.list = async (): Promise<Source[]> => {
    gate.calls++;
    const rows = await real();
    firstRead();
    await open;
    return rows;
  };
  return gate;
}

forEachDialect((d) => {
  test('a request of a newer store change gets the sources as of that change, not a read begun before it', async () => {
    const store = await d.open();
    const { source } = await store.sources.add({ url: 'https://renamed.example/feed.xml', title: 'Old name' });
    const reads = heldReads(store);
    const catalog = new SourceCatalog(store);

    const before = catalog.current('s1');
    const alsoBefore = catalog.current('s1');
    // The s1 read has its rows; the source is renamed (the store's stamp moves to s2).
    await reads.firstRead;
    await store.sources.update(source.id, { title: 'New name' });
    const after = catalog.current('s2');
    reads.release();

    const [b1, b2, a] = await Promise.all([before, alsoBefore, after]);
    assert.equal(b1.get(source.id)?.name, 'Old name');
    assert.equal(b2, b1, 'callers of one change share one read');
    assert.equal(a.get(source.id)?.name, 'New name', 'the newer change is not answered with the older read');
    assert.equal(reads.calls, 2, 'one read per change');
    // Kept for its change: asked again, no read.
    assert.equal(await catalog.current('s2'), a);
    assert.equal(reads.calls, 2);
  });

  test('a failed read of the sources is not kept: the next request reads again', async () => {
    const store = await d.open();
    await store.sources.add({ url: 'https://down.example/feed.xml', title: 'Down' });
    const catalog = new SourceCatalog(store);
    const list = store.sources.list.bind(store.sources);
    store.sources.list = async () => {
      throw new Error('the store is down');
    };
    await assert.rejects(catalog.current('s1'), /the store is down/);
    store.sources.list = list;
    const map = await catalog.current('s1');
    assert.deepEqual(
      [...map.values()].map((s) => s.name),
      ['Down'],
    );
  });
});
