// p-sourcekey: one source per feed address, whatever path added it. The desk's add form and the
// API stored the address as given and looked it up as given, so `HTTPS://Wire.EXAMPLE:443/%66eed.xml#top`
// added beside `https://wire.example/feed.xml` became a second source, polled twice. The store's
// add and getByUrl now find a source by feedKey (src/domain/feed-key.ts, migration 46): the add is
// answered as "already subscribed" on the desk and as the known source (200) by the API; the
// address stays as first typed. Hostile: spellings a server may answer differently stay two
// sources. Sources stored twice before migration 46 stay as they are, and are found exact first.
// Both dialects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { deskConfig, mountDesk } from './helpers.js';

const TOKEN = 'p-sourcekey-token-0123456789';
const WIRE = 'https://wire.example/feed.xml';

/** Other spellings of WIRE: scheme and host case, the default port, an escaped unreserved character, a fragment. */
const SAME = [
  'HTTPS://Wire.EXAMPLE/feed.xml',
  'https://wire.example:443/feed.xml',
  'https://wire.example/%66eed.xml',
  'https://wire.example/feed.xml#top',
  'HTTPS://WIRE.example:443/%66%65ed.xml#x',
];

/** Spellings a server may answer differently from WIRE (or from each other): each its own source. */
const APART = [
  'https://wire.example/Feed.xml',
  'https://wire.example/feed.xml/',
  'http://wire.example/feed.xml',
  'https://wire.example:8443/feed.xml',
  'https://wire.example/feed.xml?a=1&b=2',
  'https://wire.example/feed.xml?b=2&a=1',
  'https://wire.example/a%2Fb.xml',
  'https://wire.example/a/b.xml',
  'https://news.wire.example/feed.xml',
];

const form = (url: string) => ({ url, kind: 'feed', title: '', siteUrl: '', settings: '{}', extractMode: 'short' });

async function urls(store: Store): Promise<string[]> {
  return (await store.sources.list()).map((s) => s.url);
}

forEachDialect((d) => {
  test('desk: another spelling of a known address is that source ("already a source"), the address kept as first typed', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const first = await desk.post('/desk/sources/add', form(WIRE));
      assert.equal(first.status, 303);
      const [s] = await store.sources.list();
      assert.ok(s);
      for (const url of SAME) {
        const res = await desk.post('/desk/sources/add', form(url));
        assert.equal(res.status, 303, url);
        assert.equal(res.headers.get('location'), `/desk/sources/${s.id}?done=exists`, url);
      }
      assert.deepEqual(await urls(store), [WIRE]);
      // The preview of another spelling names the known source.
      assert.equal((await store.sources.getByUrl(SAME[4]!))?.id, s.id);
    } finally {
      await desk.stop();
    }
  });

  test('API: POST /api/v1/sources with another spelling answers the known source (200), nothing added', async () => {
    const store = await d.open();
    const desk = await mountDesk(store, { config: deskConfig({ apiToken: TOKEN }) });
    const post = (url: string) =>
      desk.request('/api/v1/sources', {
        method: 'POST',
        body: JSON.stringify({ url, kind: 'feed' }),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      });
    try {
      const first = await post(WIRE);
      assert.equal(first.status, 201);
      const id = ((await first.json()) as { id: number }).id;
      for (const url of SAME) {
        const res = await post(url);
        assert.equal(res.status, 200, url);
        assert.equal(((await res.json()) as { id: number }).id, id, url);
      }
      assert.deepEqual(await urls(store), [WIRE]);
    } finally {
      await desk.stop();
    }
  });

  test('hostile: path case, a trailing slash, scheme, port, query order, %2F and host stay apart', async () => {
    const store = await d.open();
    const desk = await mountDesk(store, { config: deskConfig({ apiToken: TOKEN }) });
    try {
      assert.equal((await desk.post('/desk/sources/add', form(WIRE))).status, 303);
      for (const url of APART) {
        const res = await desk.request('/api/v1/sources', {
          method: 'POST',
          body: JSON.stringify({ url, kind: 'feed' }),
          headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        });
        assert.equal(res.status, 201, url);
      }
      assert.equal((await store.sources.list()).length, 1 + APART.length);
      for (const url of APART) assert.equal((await store.sources.getByUrl(url))?.url, url);
      // Text no URL parser reads is its own key: found by itself only.
      assert.equal(await store.sources.getByUrl('not a url'), undefined);
    } finally {
      await desk.stop();
    }
  });

  test('store: a moved address moves its key; concurrent adds of two spellings make one source', async () => {
    const store = await d.open();
    try {
      const { source } = await store.sources.add({ url: WIRE });
      await store.sources.update(source.id, { url: 'https://wire.example/moved.xml' });
      assert.equal((await store.sources.getByUrl('HTTPS://WIRE.EXAMPLE/moved.xml#x'))?.id, source.id);
      assert.equal(await store.sources.getByUrl(SAME[0]!), undefined);
      const both = await Promise.all([
        store.sources.add({ url: 'https://other.example/feed' }),
        store.sources.add({ url: 'HTTPS://Other.Example:443/feed' }),
      ]);
      assert.deepEqual(both.map((b) => b.created).sort(), [false, true]);
      assert.equal(both[0].source.id, both[1].source.id);
      assert.equal((await store.sources.list()).length, 2);
    } finally {
      await store.close();
    }
  });

  test('migration 46: two spellings stored before it both stay; a lookup finds the exact one first, else the oldest', async () => {
    const at = await d.at(45);
    const rows: [number, string][] = [
      [1, 'https://wire.example/feed.xml'],
      [2, 'HTTPS://Wire.Example/feed.xml'],
      [3, 'https://else.example/f'],
    ];
    if (at.dialect === 'sqlite') {
      const ins = at.db.prepare('INSERT INTO sources (id, url, next_check_at, interval_seconds, created_at) VALUES (?, ?, 0, 600, 0)');
      for (const [id, url] of rows) ins.run(id, url);
    } else {
      for (const [id, url] of rows)
        await at.pool.query('INSERT INTO sources (id, url, next_check_at, interval_seconds, created_at) VALUES ($1, $2, 0, 600, 0)', [
          id,
          url,
        ]);
    }
    const store = await at.open();
    try {
      assert.deepEqual(
        await urls(store),
        rows.map(([, url]) => url),
      );
      assert.equal((await store.sources.getByUrl(rows[1]![1]))?.id, 2);
      assert.equal((await store.sources.getByUrl(rows[0]![1]))?.id, 1);
      assert.equal((await store.sources.getByUrl('https://wire.example:443/feed.xml#a'))?.id, 1);
      const again = await store.sources.add({ url: 'https://WIRE.example/%66eed.xml' });
      assert.deepEqual([again.created, again.source.id], [false, 1]);
      assert.equal((await store.sources.getByUrl('https://else.example:443/f'))?.id, 3);
    } finally {
      await store.close();
    }
  });

  if (d.name === 'sqlite')
    test('SQLite: the lookup by key reads two indexes, never the whole table', async () => {
      const at = await d.at(46);
      if (at.dialect !== 'sqlite') return;
      const plan = (
        at.db
          .prepare('EXPLAIN QUERY PLAN SELECT * FROM sources WHERE feed_key = @key OR url = @url ORDER BY url = @url DESC, id LIMIT 1')
          .all({ key: 'k', url: 'u' }) as { detail: string }[]
      ).map((r) => r.detail);
      at.db.close();
      assert.ok(
        plan.some((p) => p.includes('USING INDEX sources_feed_key')),
        plan.join('; '),
      );
      assert.ok(!plan.some((p) => /^SCAN sources\b/.test(p)), plan.join('; '));
    });
});
