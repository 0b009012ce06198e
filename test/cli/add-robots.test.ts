// A listing page the site's robots.txt refuses to Newsdesk is refused when it is added, not at its
// first poll (p-polite2): `newsdesk add` and the desk's preview both go through the add chain
// (chooseSource), which asks robots.txt of the listing it found; the reason is the catalogue's
// (src/locale/source-checks.ts, en/ar/fa), and nothing is stored. A page the file allows, and a
// robots.txt that cannot be read (it may come back), are added as before. Real HTTP on 127.0.0.1.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chooseSource, isChoice } from '../../src/ingest/discover/index.js';
import { HttpFetcher } from '../../src/ingest/fetch/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { discoveryNoteText } from '../../src/web/desk/discovery-notes.js';
import { type FixtureServer, startFixtureServer } from '../helpers/fixture-server.js';
import { readFixture } from '../helpers/repo.js';
import { runCli } from '../helpers/run-cli.js';

const LISTING = readFixture('listing', 'blog-articles.html');
const html = { 'content-type': 'text/html; charset=utf-8' };

async function storedUrls(db: string): Promise<string[]> {
  const store = await SqliteStore.open({ path: db });
  try {
    return (await store.sources.list()).map((s) => s.url);
  } finally {
    await store.close();
  }
}

describe('a listing page robots.txt refuses is refused at add time', () => {
  let site: FixtureServer;
  /** A site whose robots.txt cannot be read (503): nothing is refused at add time. */
  let down: FixtureServer;
  before(async () => {
    const listing = (_req: unknown, res: import('node:http').ServerResponse): void => void res.writeHead(200, html).end(LISTING);
    site = await startFixtureServer({
      '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nDisallow: /members/\n' },
      '/members/blog/': listing,
      '/blog/': listing,
    });
    down = await startFixtureServer({ '/robots.txt': { status: 503, body: 'busy' }, '/blog/': listing });
  });
  after(async () => {
    await site.close();
    await down.close();
  });

  it('newsdesk add --kind page: refused with the catalogued reason, nothing stored', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'newsdesk-add-robots-')), 'db.sqlite');
    const r = await runCli(['add', '--db', db, '--kind', 'page', `${site.url}/members/blog/`]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /robots\.txt does not allow Newsdesk to read the listing page/);
    assert.ok(
      r.stderr.includes(
        `What to do: ${site.url}/robots.txt does not allow Newsdesk (as "newsdesk") to read /members/blog/, so this listing page cannot be followed; nothing was added.`,
      ),
      r.stderr,
    );
    assert.deepEqual(await storedUrls(db), []);
    // Without --kind, the chain ends at the same listing page: refused alike.
    const any = await runCli(['add', '--db', db, `${site.url}/members/blog/`]);
    assert.equal(any.code, 1, any.stderr);
    assert.match(any.stderr, /robots\.txt does not allow Newsdesk \(as "newsdesk"\) to read \/members\/blog\//);
    assert.deepEqual(await storedUrls(db), []);
    // A page the file allows is added as before.
    const ok = await runCli(['add', '--db', db, '--kind', 'page', `${site.url}/blog/`]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(await storedUrls(db), [`${site.url}/blog/`]);
  });

  it("the desk's preview says it in the editor's language (en, ar, fa)", async () => {
    const fetcher = new HttpFetcher({
      userAgent: 'Newsdesk/0.1',
      connectTimeoutMs: 2000,
      totalTimeoutMs: 5000,
      maxBodyBytes: 1 << 20,
      maxRedirects: 5,
      allowHosts: ['127.0.0.1'],
      allowFileUrls: false,
    });
    try {
      const r = await chooseSource(fetcher, `${site.url}/members/blog/`, { kind: 'page' });
      assert.ok(!isChoice(r), 'the refused listing page was chosen');
      assert.equal(r.adviceNote.key, 'advice.robots');
      assert.equal(r.robotsRefused?.path, '/members/blog/');
      for (const lang of ['en', 'ar', 'fa'] as const) {
        const advice = discoveryNoteText(lang, r.adviceNote);
        assert.ok(advice.includes(`${site.url}/robots.txt`) && advice.includes('/members/blog/') && advice.includes('"newsdesk"'), advice);
        assert.ok(r.triedNotes.some((n) => n.key === 'tried.listingRobots'));
      }
      assert.notEqual(discoveryNoteText('ar', r.adviceNote), discoveryNoteText('en', r.adviceNote));
      assert.notEqual(discoveryNoteText('fa', r.adviceNote), discoveryNoteText('ar', r.adviceNote));
      // A robots.txt that cannot be read refuses nothing at add time: it may come back.
      const d = await chooseSource(fetcher, `${down.url}/blog/`, { kind: 'page' });
      assert.ok(isChoice(d), JSON.stringify(d));
      assert.equal(d.kind, 'page');
    } finally {
      await fetcher.close();
    }
  });
});
