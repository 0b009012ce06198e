// p-sourcekey: `newsdesk add` (a real process) on another spelling of an address already subscribed
// (scheme case, a fragment, the default port, an escaped unreserved character) says "already
// subscribed" and adds nothing: it stored the address as given, a second source polled beside the
// first. The address found through discovery (a page advertising the feed) is compared alike.
// Hostile: a path differing in case is another source.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Source } from '../../src/domain/source.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { runCli } from '../helpers/run-cli.js';

function freshDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'newsdesk-sourcekey-')), 'db.sqlite');
}

async function stored(db: string): Promise<Source[]> {
  const store = await SqliteStore.open({ path: db });
  try {
    return await store.sources.list();
  } finally {
    await store.close();
  }
}

describe('newsdesk add: one source per feed address', () => {
  let site: FixtureServer;
  before(async () => {
    site = await startFixtureServer({});
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet Weekly</title><link>${site.url}/</link><description>News</description>
<item><title>Council approves river embankment plan</title><link>${site.url}/s/1</link><guid>${site.url}/s/1</guid></item>
</channel></rss>`;
    for (const path of ['/paper/feed.xml', '/paper/Feed.xml'])
      site.route(path, { headers: { 'content-type': 'application/rss+xml' }, body: rss });
    // A page advertising the feed under another spelling of its address.
    site.route('/paper/', {
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: `<!doctype html><html><head><title>Quiet</title><link rel="alternate" type="application/rss+xml" title="Quiet Weekly" href="${site.url.replace('http:', 'HTTP:')}/paper/feed.xml#latest"></head><body><p>Quiet.</p></body></html>`,
    });
  });
  after(async () => {
    await site.close();
  });

  it('another spelling of a subscribed feed, given or found by discovery, is "already subscribed"; nothing added', async () => {
    const db = freshDb();
    const first = await runCli(['add', '--db', db, '--kind', 'feed', `${site.url}/paper/feed.xml`]);
    assert.equal(first.code, 0, first.stderr);
    const [was] = await stored(db);
    assert.ok(was);
    const { port } = new URL(site.url);
    for (const url of [`HTTP://127.0.0.1:${port}/paper/feed.xml#top`, `http://127.0.0.1:${port}/paper/feed.xml#x`]) {
      const r = await runCli(['add', '--db', db, '--kind', 'feed', url]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^already subscribed as #${was.id}: `), url);
    }
    const viaPage = await runCli(['add', '--db', db, `${site.url}/paper/`]);
    assert.equal(viaPage.code, 0, viaPage.stderr);
    assert.match(viaPage.stdout, new RegExp(`already subscribed as #${was.id}: `));
    assert.deepEqual(
      (await stored(db)).map((s) => s.url),
      [was.url],
    );
  });

  it('hostile: a path differing in case is another source', async () => {
    const db = freshDb();
    assert.equal((await runCli(['add', '--db', db, '--kind', 'feed', `${site.url}/paper/feed.xml`])).code, 0);
    const r = await runCli(['add', '--db', db, '--kind', 'feed', `${site.url}/paper/Feed.xml`]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /already subscribed/);
    assert.equal((await stored(db)).length, 2);
  });
});
