// `newsdesk add` applies the desk's checks before anything is fetched or stored (p-addcheck): a
// listing selector the reader cannot compile and an address that is not http(s) are refused with
// the usage-error status (2), one line naming the option and the value (escaped, cut when long)
// and what to do; no source is stored. A title is cleaned as the desk cleans it. One module holds
// the checks for the desk, the CLI and the API (src/ingest/listing/source-checks.ts).
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { readFixture } from '../helpers/repo.js';
import { runCli } from '../helpers/run-cli.js';

const html = (body: string) => ({ headers: { 'content-type': 'text/html; charset=utf-8' }, body });

function freshDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'newsdesk-addcheck-')), 'db.sqlite');
}

async function storedSources(db: string): Promise<{ url: string; title: string | null; settings: Record<string, unknown> }[]> {
  const store = await SqliteStore.open({ path: db });
  try {
    return (await store.sources.list()).map((s) => ({ url: s.url, title: s.title, settings: s.settings }));
  } finally {
    await store.close();
  }
}

/** The first line of stderr (the refusal; the usage follows it after a blank line). */
const firstLine = (stderr: string): string => stderr.split('\n')[0] ?? '';

describe('newsdesk add checks what the desk checks', () => {
  let site: FixtureServer;
  before(async () => {
    // Two teasers in <div class="story"> blocks: usable with --selector item=div.story.
    site = await startFixtureServer({ '/': html(readFixture('readmore', 'thin.html')) });
  });
  after(async () => {
    await site.close();
  });

  it('a selector the listing reader cannot use is refused, even one the first read never applies (next)', async () => {
    const db = freshDb();
    const r = await runCli(['add', '--db', db, '--selector', 'item=div.story', '--selector', 'next=a[', `${site.url}/`]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(
      firstLine(r.stderr),
      'newsdesk add: --selector next="a[": the selector is not CSS the listing reader can use. Fix it or leave it out; nothing was saved.',
    );
    assert.match(r.stderr, /Usage: newsdesk add/);
    assert.deepEqual(await storedSources(db), []);
    // The same site with usable selectors is added, with them stored.
    const ok = await runCli(['add', '--db', db, '--selector', 'item=div.story', '--selector', 'next=a.more', `${site.url}/`]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(
      (await storedSources(db)).map((s) => s.settings.selectors),
      [{ item: 'div.story', next: 'a.more' }],
    );
  });

  it('markup pasted as a selector is refused before the page is fetched', async () => {
    const db = freshDb();
    const seen = site.requests.length;
    const r = await runCli(['add', '--db', db, '--selector', 'item=<img src=x onerror=alert(1)>', `${site.url}/`]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(
      firstLine(r.stderr),
      'newsdesk add: --selector item="<img src=x onerror=alert(1)>": the selector is not CSS the listing reader can use. Fix it or leave it out; nothing was saved.',
    );
    assert.equal(site.requests.length, seen, 'nothing fetched');
    assert.deepEqual(await storedSources(db), []);
  });

  it('the refused value is escaped and cut: no override or escape reaches the terminal, one line', async () => {
    const db = freshDb();
    // Under the length limit (a longer one is refused for its length first), over the echo's cut.
    const hostile = `h3\u202e a[\u001b[2J${'x'.repeat(280)}`;
    const r = await runCli(['add', '--db', db, '--selector', 'item=div.story', '--selector', `title=${hostile}`, `${site.url}/`]);
    assert.equal(r.code, 2, r.stderr);
    const line = firstLine(r.stderr);
    assert.match(
      line,
      /^newsdesk add: --selector title="h3\\u202e a\[\\u001b\[2Jx+…": the selector is not CSS the listing reader can use\. Fix it or leave it out/,
    );
    assert.ok(line.length < 240, `one short line (${line.length} characters)`);
    assert.doesNotMatch(r.stderr, /[\u001b\u202e]/);
    assert.deepEqual(await storedSources(db), []);
  });

  it('an address that is not http(s) is refused before anything is fetched or stored', async () => {
    const db = freshDb();
    const port = new URL(site.url).port;
    for (const [given, shown] of [
      [`ftp://127.0.0.1:${port}/`, `"ftp://127.0.0.1:${port}/"`],
      ['javascript:alert(1)', '"javascript:alert(1)"'],
    ] as const) {
      const r = await runCli(['add', '--db', db, given]);
      assert.equal(r.code, 2, `${given}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.equal(
        firstLine(r.stderr),
        `newsdesk add: URL ${shown} is not an http or https address; only http(s) feeds, sitemaps and pages can be subscribed to`,
      );
    }
    // file: is the command line's own case: refused, with the option that allows it for local use.
    const file = await runCli(['add', '--db', db, 'file:///etc/passwd']);
    assert.equal(file.code, 2);
    assert.equal(
      firstLine(file.stderr),
      'newsdesk add: URL "file:///etc/passwd" is a file: address and file URLs are off; give an http(s) address, or set allowFileUrls (NEWSDESK_ALLOW_FILE_URLS=1) for local use',
    );
    const bad = await runCli(['add', '--db', db, 'http://[::1']);
    assert.equal(bad.code, 2);
    assert.match(
      firstLine(bad.stderr),
      /^newsdesk add: URL "http:\/\/\[::1" is not a web address; give one that starts with http:\/\/ or https:\/\//,
    );
    assert.deepEqual(await storedSources(db), []);
  });

  it('a title is cleaned as the desk cleans it (controls as spaces, trimmed)', async () => {
    const db = freshDb();
    const r = await runCli(['add', '--db', db, '--title', ' Quiet\u001b[2JWeekly\u0085 ', '--selector', 'item=div.story', `${site.url}/`]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      (await storedSources(db)).map((s) => s.title),
      ['Quiet [2JWeekly'],
    );
  });
});
