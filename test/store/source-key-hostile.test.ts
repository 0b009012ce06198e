// r2-sourcekey: hostile probes of one source per feed address (p-sourcekey). Addresses no index
// row could hold, junk left by older versions, and a migration over them (held on main); a move
// (a permanent redirect's url patch) onto another spelling of a source's address, which the store
// wrote, leaving two sources of one feed (refresh-feed's look before it can be overtaken by an add
// or another move). Both dialects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';

const WIRE = 'https://wire.example/feed.xml';

const LONG = `https://wire.example/${'%66eed/'.repeat(15_000)}x.xml`;
const LONG_OTHER = `HTTPS://WIRE.example:443/${'feed/'.repeat(15_000)}x.xml`;

forEachDialect((d) => {
  test(`${d.name}: a 100 KB address is added once, under both spellings`, async () => {
    const store = await d.open();
    const a = await store.sources.add({ url: LONG });
    assert.equal(a.created, true);
    const b = await store.sources.add({ url: LONG_OTHER });
    assert.equal(b.created, false);
    assert.equal(b.source.id, a.source.id);
    assert.equal((await store.sources.getByUrl(LONG_OTHER))?.id, a.source.id);
  });

  test(`${d.name}: migration 46 keys junk, file: and 100 KB addresses; a later add finds them`, async () => {
    const at = await d.at(45);
    const urls = ['not a url', 'file:///etc/passwd', LONG, 'HTTP://Example.COM:80/feed', ''];
    if (at.dialect === 'sqlite') {
      const ins = at.db.prepare(
        'INSERT INTO sources (url, kind, next_check_at, interval_seconds, extract_mode, settings, created_at) VALUES (?, ?, 0, 900, ?, ?, 0)',
      );
      for (const u of urls) ins.run(u, 'feed', 'short', '{}');
    } else {
      for (const u of urls)
        await at.pool.query(
          "INSERT INTO sources (url, kind, next_check_at, interval_seconds, extract_mode, settings, created_at) VALUES ($1, 'feed', 0, 900, 'short', '{}', 0)",
          [u],
        );
    }
    const store = await at.open();
    assert.equal((await store.sources.add({ url: LONG_OTHER })).created, false);
    assert.equal((await store.sources.add({ url: 'http://example.com/feed' })).created, false);
    assert.equal((await store.sources.getByUrl('not a url'))?.url, 'not a url');
    assert.equal((await store.sources.list()).length, urls.length);
  });

  test(`${d.name}: a move onto another spelling of a source's address is refused, and nothing of it written`, async () => {
    const store = await d.open();
    const wire = (await store.sources.add({ url: WIRE })).source;
    const old = (await store.sources.add({ url: 'https://wire.example/old.xml' })).source;
    for (const to of ['HTTPS://WIRE.example:443/%66eed.xml', WIRE]) {
      await assert.rejects(
        store.sources.finishCheck(old.id, { url: to, previousUrls: [{ url: old.url, movedAt: 1 }], errorCount: 3 }),
        (err: Error) => err.name === 'SourceAddressTaken' && (err as Error & { otherSourceId: number }).otherSourceId === wire.id,
      );
      const after = await store.sources.get(old.id);
      assert.equal(after?.url, old.url);
      assert.equal(after?.errorCount, 0);
      assert.deepEqual(after?.previousUrls, []);
    }
    assert.equal((await store.sources.getByUrl('https://WIRE.example/feed.xml'))?.id, wire.id);
    // A move to an address no other source has moves, key and all.
    await store.sources.finishCheck(old.id, { url: 'https://wire.example/new.xml' });
    assert.equal((await store.sources.getByUrl('HTTPS://wire.example/%6Eew.xml'))?.id, old.id);
  });

  test(`${d.name}: of two spellings stored before migration 46, either may move to a third spelling of their key`, async () => {
    const at = await d.at(45);
    const urls = [WIRE, 'HTTPS://wire.example/feed.xml'];
    if (at.dialect === 'sqlite') {
      const ins = at.db.prepare(
        "INSERT INTO sources (url, kind, next_check_at, interval_seconds, extract_mode, settings, created_at) VALUES (?, 'feed', 0, 900, 'short', '{}', 0)",
      );
      for (const u of urls) ins.run(u);
    } else {
      for (const u of urls)
        await at.pool.query(
          "INSERT INTO sources (url, kind, next_check_at, interval_seconds, extract_mode, settings, created_at) VALUES ($1, 'feed', 0, 900, 'short', '{}', 0)",
          [u],
        );
    }
    const store = await at.open();
    const [a, b] = await store.sources.list().then((l) => l.sort((x, y) => x.id - y.id));
    await store.sources.finishCheck(b!.id, { url: 'https://wire.example:443/feed.xml' });
    assert.equal((await store.sources.get(b!.id))?.url, 'https://wire.example:443/feed.xml');
    // The exact spelling of the other is still refused (the url's UNIQUE, before anything is written).
    await assert.rejects(store.sources.finishCheck(b!.id, { url: a!.url }));
  });
});
