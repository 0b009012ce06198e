// Issue 2's bad-input list, each against a real server on 127.0.0.1 through the whole poll path
// (fetch → parse → store → source health), with the outcome the issue names.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { gzipSync } from 'node:zlib';
import { feedRoute, rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { harness, type Harness } from './harness.js';

describe('bad input', () => {
  let srv: FixtureServer;
  let h: Harness;
  before(async () => {
    srv = await startFixtureServer();
    h = await harness({ totalTimeoutMs: 1500, maxBodyBytes: 2 * 1024 * 1024, allowHosts: ['127.0.0.1', '127.0.0.2', '127.0.0.3'] });
  });
  after(async () => {
    await h.close();
    await srv.close();
  });

  /** Adds a source for `path` and polls it once; returns the source afterwards. */
  async function pollPath(path: string) {
    const { source } = await h.store.sources.add({ url: `${srv.url}${path}` });
    await h.makeDue(source.id);
    const summary = await h.scheduler.pollOnce();
    return { summary, source: (await h.store.sources.get(source.id))!, id: source.id };
  }

  async function titles(sourceId: number): Promise<string[]> {
    return (await h.store.entries.list({ sourceId, limit: 100 })).items.map((e) => e.title).sort();
  }

  it('ill-formed XML: read liberally (bozo), entries stored', async () => {
    srv.route('/broken.xml', {
      headers: { 'content-type': 'application/rss+xml' },
      body:
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken & proud</title>' +
        '<item><title>First & foremost</title><link>https://b.example/1</link><description>unclosed <b>bold</description></item>' +
        '<item><title>Second</title><link>https://b.example/2</link></item>',
    });
    const { source, id, summary } = await pollPath('/broken.xml');
    assert.equal(summary.fetched, 1);
    assert.equal(source.status, 'ok');
    assert.deepEqual(await titles(id), ['First & foremost', 'Second']);
  });

  it('non-feed HTML page: clear error with an autodiscovery hint', async () => {
    srv.route('/page.html', {
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: '<!doctype html><html><head><title>Blog</title><link rel="alternate" type="application/atom+xml" href="/atom.xml"></head><body><p>Hi</p></body></html>',
    });
    srv.route('/plain.html', { headers: { 'content-type': 'text/html' }, body: '<html><body>No feeds here</body></html>' });
    const a = await pollPath('/page.html');
    assert.equal(a.source.status, 'failing');
    assert.match(a.source.lastError ?? '', /HTML page, not a feed/);
    assert.match(a.source.lastError ?? '', new RegExp(`newsdesk add ${srv.url}/atom\\.xml`));
    const b = await pollPath('/plain.html');
    assert.match(b.source.lastError ?? '', /HTML page, not a feed; add the site instead so its feed is discovered \(newsdesk add http/);
  });

  it('empty body: a clear error, retried later, nothing stored', async () => {
    srv.route('/empty.xml', { headers: { 'content-type': 'application/rss+xml' }, body: '' });
    const { source, id } = await pollPath('/empty.xml');
    assert.equal(source.errorCount, 1);
    assert.match(source.lastError ?? '', /empty body/);
    assert.notEqual(source.status, 'disabled');
    assert.ok(source.nextCheckAt > Date.now());
    assert.equal(await h.store.entries.count({ sourceId: id }), 0);
  });

  it('10 GB Content-Length lie: refused at once', async () => {
    srv.route('/lie.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(10 * 1024 ** 3) });
      res.write('<rss version="2.0"><channel>');
    });
    const { source } = await pollPath('/lie.xml');
    assert.equal(source.status, 'failing');
    assert.match(source.lastError ?? '', /announces 10737418240 bytes, more than the 2097152-byte limit/);
  });

  it('gzip bomb: capped after decompression', async () => {
    const member = gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x20));
    srv.route('/bomb.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' });
      for (let i = 0; i < 8; i++) res.write(member);
      res.end();
    });
    const { source } = await pollPath('/bomb.xml');
    assert.equal(source.status, 'failing');
    assert.match(source.lastError ?? '', /more than 2097152 bytes \(after decompression\)/);
  });

  it('slow-drip server: aborted at the total timeout', async () => {
    const timers: NodeJS.Timeout[] = [];
    srv.route('/drip.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>drip</title>');
      const t = setInterval(() => res.write('<!-- . -->'), 100);
      timers.push(t);
      res.on('close', () => clearInterval(t));
    });
    try {
      const { source, id } = await pollPath('/drip.xml');
      assert.match(source.lastError ?? '', /within 1500 ms \(total timeout\)/);
      assert.equal(source.errorCount, 1);
      assert.equal(await h.store.entries.count({ sourceId: id }), 0);
    } finally {
      for (const t of timers) clearInterval(t);
    }
  });

  it('redirect loop: stopped', async () => {
    srv.route('/loop1', { status: 302, headers: { location: '/loop2' } });
    srv.route('/loop2', { status: 301, headers: { location: '/loop1' } });
    const { source } = await pollPath('/loop1');
    assert.match(source.lastError ?? '', /redirect loop/);
    assert.equal(srv.hits('/loop1'), 1);
    assert.equal(srv.hits('/loop2'), 1);
  });

  it('404: failing and kept; 410: disabled with its reason and never polled again', async () => {
    const nf = await pollPath('/nowhere.xml');
    assert.equal(nf.source.status, 'failing');
    assert.match(nf.source.lastError ?? '', /HTTP 404/);
    srv.route('/gone.xml', { status: 410, body: 'gone' });
    const g = await pollPath('/gone.xml');
    assert.equal(g.source.status, 'disabled');
    assert.match(g.source.lastError ?? '', /410 Gone/);
    await h.makeDue(g.id);
    await h.scheduler.pollOnce();
    assert.equal(srv.hits('/gone.xml'), 1, 'a disabled source is not fetched');
    assert.ok(await h.store.sources.get(g.id), 'nor deleted');
  });

  it('429 and 503 with Retry-After: no request to that host before it, from any source', async () => {
    // A Retry-After holds the whole host (src/jobs/politeness.ts), so each answer comes from a host
    // of its own here, and the rest of this suite's host is never held.
    const busySrv = await startFixtureServer({}, { host: '127.0.0.2' });
    const downSrv = await startFixtureServer({}, { host: '127.0.0.3' });
    try {
      busySrv.route('/busy.xml', { status: 429, headers: { 'retry-after': '600' } });
      busySrv.route('/other.xml', feedRoute(rssFeed('Other', [{ title: 'o1', link: 'https://o.example/1' }])));
      const later = new Date(Date.now() + 2 * 3600_000).toUTCString();
      downSrv.route('/down.xml', { status: 503, headers: { 'retry-after': later } });
      const t0 = Date.now();
      const add = async (url: string) => {
        const { source } = await h.store.sources.add({ url });
        await h.makeDue(source.id);
        await h.scheduler.pollOnce();
        return (await h.store.sources.get(source.id))!;
      };
      const busy = await add(`${busySrv.url}/busy.xml`);
      const down = await add(`${downSrv.url}/down.xml`);
      assert.ok(busy.nextCheckAt >= t0 + 600_000, 'seconds form honoured');
      assert.ok(down.nextCheckAt >= Date.parse(later) - 1000, 'HTTP-date form honoured');
      // Another source on the busy host waits for the hold too, and is not lost: it is due after it.
      const other = await add(`${busySrv.url}/other.xml`);
      assert.equal(busySrv.hits('/other.xml'), 0, 'a held host is not asked for another feed either');
      assert.ok(other.nextCheckAt >= t0 + 600_000 - 1000, 'the other source is due when the hold ends');
      await h.scheduler.pollOnce();
      await h.scheduler.pollOnce();
      assert.equal(busySrv.hits('/busy.xml'), 1);
      assert.equal(downSrv.hits('/down.xml'), 1);
    } finally {
      await busySrv.close();
      await downSrv.close();
    }
  });

  it('wrong declared charset: the text still comes out right', async () => {
    const xml =
      '<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><title>Caf\u00e9</title>' +
      '<item><title>\u201cSmart\u201d caf\u00e9 \u2013 na\u00efve</title><link>https://c.example/1</link></item></channel></rss>';
    srv.route('/charset.xml', {
      headers: { 'content-type': 'application/rss+xml; charset=utf-8' },
      body: iconv.encode(xml, 'windows-1252'),
    });
    const { id, source } = await pollPath('/charset.xml');
    assert.equal(source.status, 'ok', source.lastError ?? '');
    assert.deepEqual(await titles(id), ['\u201cSmart\u201d caf\u00e9 \u2013 na\u00efve']);
  });

  it('billion laughs: no expansion', async () => {
    const lol = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++) lol.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    srv.route('/lol.xml', {
      headers: { 'content-type': 'application/rss+xml' },
      body:
        `<?xml version="1.0"?><!DOCTYPE rss [${lol.join('')}]><rss version="2.0"><channel><title>lol</title>` +
        '<item><title>Laughs &lol9;</title><link>https://l.example/1</link><description>&lol9;</description></item></channel></rss>',
    });
    const { id } = await pollPath('/lol.xml');
    const page = await h.store.entries.list({ sourceId: id, limit: 10 });
    for (const e of page.items) {
      assert.ok(e.title.length < 200, `title not expanded (${e.title.length} chars)`);
      assert.ok(e.text.length < 1000, `text not expanded (${e.text.length} chars)`);
    }
    assert.equal(await h.store.entries.count({ sourceId: id }), 1, 'the item itself is still read');
  });

  it('external entities: no file or network read', async () => {
    srv.route('/xxe-target', { body: 'NETWORK-SECRET' });
    srv.route('/xxe.xml', {
      headers: { 'content-type': 'application/rss+xml' },
      body:
        `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY file SYSTEM "file:///etc/passwd"><!ENTITY net SYSTEM "${srv.url}/xxe-target">]>` +
        '<rss version="2.0"><channel><title>xxe</title><item><title>Leak &file; &net;</title><link>https://x.example/1</link>' +
        '<description>&file; and &net;</description></item></channel></rss>',
    });
    const { id } = await pollPath('/xxe.xml');
    const stored = JSON.stringify((await h.store.entries.list({ sourceId: id, limit: 10 })).items);
    assert.doesNotMatch(stored, /root:/);
    assert.doesNotMatch(stored, /NETWORK-SECRET/);
    assert.equal(srv.hits('/xxe-target'), 0);
  });

  it('changed GUIDs on an unchanged feed, links moved to https://www: no duplicates', async () => {
    const stories = [
      { title: 'Alpha story', description: '<p>Alpha body text.</p>' },
      { title: 'Beta story', description: '<p>Beta body text.</p>' },
    ];
    const v1 = rssFeed(
      'Moving',
      stories.map((s, i) => ({ ...s, guid: `old-${i}`, link: `http://move.example/${i}` })),
    );
    const v2 = rssFeed(
      'Moving',
      stories.map((s, i) => ({ ...s, guid: `urn:new:${i}`, link: `https://www.move.example/${i}` })),
    );
    srv.route('/moving.xml', { body: v1 });
    const { id } = await pollPath('/moving.xml');
    assert.equal(await h.store.entries.count({ sourceId: id }), 2);
    srv.route('/moving.xml', { body: v2 });
    await h.makeDue(id);
    const s = await h.scheduler.pollOnce();
    assert.equal(s.inserted, 0);
    assert.equal(await h.store.entries.count({ sourceId: id }), 2);
  });

  it('the same item in two polls: stored once', async () => {
    srv.route('/same.xml', feedRoute(rssFeed('Same', [{ guid: 's-1', title: 'Once', link: 'https://s.example/1' }])));
    const { id } = await pollPath('/same.xml');
    srv.route(
      '/same.xml',
      feedRoute(
        rssFeed('Same', [
          { guid: 's-2', title: 'Newer', link: 'https://s.example/2' },
          { guid: 's-1', title: 'Once', link: 'https://s.example/1' },
        ]),
      ),
    );
    await h.makeDue(id);
    const s = await h.scheduler.pollOnce();
    assert.equal(s.inserted, 1);
    assert.equal(s.unchanged, 1);
    assert.deepEqual(await titles(id), ['Newer', 'Once']);
  });
});
