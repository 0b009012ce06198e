// The ingest commands end to end, as a user runs them: add (with discovery), sources, poll --once,
// export-opml, import-opml, remove; against a fixture server on 127.0.0.1.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { runCli } from '../helpers/run-cli.js';

const run = runCli;

describe('ingest CLI', () => {
  let srv: FixtureServer;
  let db: string;
  let dir: string;
  before(async () => {
    srv = await startFixtureServer({
      '/': {
        headers: { 'content-type': 'text/html' },
        body: '<html><head><title>Site</title><link rel="alternate" type="application/rss+xml" title="Site news" href="/news.xml"></head><body></body></html>',
      },
      '/news.xml': {
        headers: { 'content-type': 'application/rss+xml' },
        body: rssFeed('Site news', [
          { guid: 'n1', title: 'Hello', link: 'https://s.example/1' },
          { guid: 'n2', title: 'World', link: 'https://s.example/2' },
        ]),
      },
      '/other.xml': {
        headers: { 'content-type': 'application/rss+xml' },
        body: rssFeed('Other', [{ guid: 'o1', title: 'Other one', link: 'https://o.example/1' }]),
      },
    });
    dir = mkdtempSync(join(tmpdir(), 'newsdesk-cli-'));
    db = join(dir, 'cli.db');
  });
  after(() => srv.close());

  it('add: discovers the feed of a site URL and says what it chose', async () => {
    const r = await run(['add', '--db', db, `${srv.url}/`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /is a web page; found 1 feed:/);
    assert.match(r.stdout, new RegExp(`added #1: Site news <${srv.url}/news\\.xml>`));
    const again = await run(['add', '--db', db, `${srv.url}/news.xml`]);
    assert.match(again.stdout, /already subscribed as #1/);
  });

  it('add: refuses loopback without the allowlist, with the reason', async () => {
    const r = await run(['add', '--db', db, `${srv.url}/other.xml`], { NEWSDESK_ALLOW_HOSTS: '' });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /found no feed/);
    assert.match(r.stderr, /127\.0\.0\.1 is loopback/);
  });

  it('poll --once stores entries and sources shows the health table', async () => {
    const p = await run(['poll', '--once', '--db', db]);
    assert.equal(p.code, 0, p.stderr);
    assert.match(p.stdout, /checked 1 source in [\d.]+s: 1 fetched, 0 not modified, 0 failed; 2 new entries/);
    assert.match(p.stderr, /poll: 1\/1 sources/, 'plain progress lines when CI=true');
    const s = await run(['sources', '--db', db]);
    assert.equal(s.code, 0);
    const lines = s.stdout.trim().split('\n');
    assert.match(lines[0]!, /^ID\s+STATUS\s+SOURCE\s+LAST CHECK\s+NEXT CHECK\s+ERRORS\s+LAST ERROR$/);
    assert.match(lines[1]!, /^1\s+ok\s+Site news <http:\/\/127\.0\.0\.1:\d+\/news\.xml>\s+\d+s ago\s+in \d+m\s+0$/);
    const j = JSON.parse((await run(['sources', '--db', db, '--json'])).stdout) as { id: number; status: string }[];
    assert.deepEqual(
      j.map((x) => [x.id, x.status]),
      [[1, 'ok']],
    );
  });

  it('import-opml and export-opml round-trip folders', async () => {
    const opml = join(dir, 'subs.opml');
    writeFileSync(
      opml,
      `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
      <outline text="Local"><outline type="rss" text="Other" xmlUrl="${srv.url}/other.xml"/></outline>
      <outline type="rss" text="News" xmlUrl="${srv.url}/news.xml"/></body></opml>`,
    );
    const i = await run(['import-opml', '--db', db, opml]);
    assert.equal(i.code, 0, i.stderr);
    assert.match(i.stdout, /imported 2 feeds from .*: 1 new, 1 already subscribed/);
    assert.match(i.stderr, /import: 2\/2 feeds/);
    const e = await run(['export-opml', '--db', db]);
    assert.equal(e.code, 0);
    assert.match(
      e.stdout,
      /<outline text="Local" title="Local">\s*<outline type="rss" text="Other" title="Other" xmlUrl="http:\/\/127\.0\.0\.1:\d+\/other\.xml"\/>\s*<\/outline>/,
    );
    assert.match(e.stdout, /xmlUrl="http:\/\/127\.0\.0\.1:\d+\/news\.xml"/);
    assert.equal(e.stderr, '', 'only feeds: nothing left out, nothing said');
  });

  it('export-opml names the news sitemaps and listing pages it leaves out (2026-12-06 journey)', async () => {
    const own = join(mkdtempSync(join(tmpdir(), 'newsdesk-export-')), 'x.db');
    const { SqliteStore } = await import('../../src/store/sqlite/index.js');
    const store = await SqliteStore.open({ path: own });
    await store.sources.add({ url: `${srv.url}/news.xml`, title: 'News' });
    await store.sources.add({ url: `${srv.url}/sitemap-news.xml`, kind: 'sitemap', title: 'Khabar Wire' });
    await store.sources.add({ url: `${srv.url}/latest/`, kind: 'page', title: 'Chad Observer' });
    await store.close();
    const e = await run(['export-opml', '--db', own]);
    assert.equal(e.code, 0);
    assert.match(e.stdout, /xmlUrl="http:\/\/127\.0\.0\.1:\d+\/news\.xml"/);
    assert.doesNotMatch(e.stdout, /sitemap-news|latest/);
    assert.match(
      e.stderr,
      /^export-opml: left out 2 sources that OPML cannot hold \(only feeds go in it\); add them again with "newsdesk add URL":$/m,
    );
    assert.match(e.stderr, /^ {2}Khabar Wire <http:\/\/127\.0\.0\.1:\d+\/sitemap-news\.xml> \(news sitemap\)$/m);
    assert.match(e.stderr, /^ {2}Chad Observer <http:\/\/127\.0\.0\.1:\d+\/latest\/> \(listing page\)$/m);
  });

  it('remove by id and by URL', async () => {
    const byId = await run(['remove', '--db', db, '1']);
    assert.equal(byId.code, 0);
    assert.match(byId.stdout, /removed #1: Site news .* and its 2 entries/);
    const byUrl = await run(['remove', '--db', db, `${srv.url}/other.xml`]);
    assert.equal(byUrl.code, 0);
    const missing = await run(['remove', '--db', db, '99']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no source 99/);
    assert.match((await run(['sources', '--db', db])).stdout, /no sources yet/);
  });
});
