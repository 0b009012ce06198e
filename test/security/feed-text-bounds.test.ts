// Names and titles a hostile feed sends, on both dialects (probe of 2026-12-05, branch c-probe):
// - a feed title typed as HTML (Atom `type="html"`) became the source's name as markup, shown
//   escaped on every page, in the desk, the OPML export and the feeds out ("<b>Atom</b> <img …>");
// - titles, author names and categories of any length were stored and shown whole: one 15 MB feed
//   of 200 items with 60,000-character titles made the home page 10 MB (1.5 s a render).
// A feed with both is subscribed and refreshed through the pipeline; the source's name is text,
// every name is bounded, and the home page the store renders stays small.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { discoverFeeds } from '../../src/ingest/discover/index.js';
import type { HttpFetcher } from '../../src/ingest/fetch/index.js';
import { findEmail } from '../../src/ingest/parse/adapter/people.js';
import { parseFeed } from '../../src/ingest/parse/index.js';
import { refreshSource } from '../../src/pipeline/index.js';
import { cleanUrlText } from '../../src/domain/safe-url.js';
import { sanitizeHtml } from '../../src/sanitize/index.js';
import { MAX_CATEGORIES, MAX_CATEGORY_CHARS, MAX_NAME_CHARS, MAX_TITLE_CHARS, shortText } from '../../src/text/short-text.js';
import { forEachDialect } from '../helpers/dialects.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { loopbackFetcher } from '../helpers/loopback-fetcher.js';
import { makeApp } from '../web/helpers.js';
import { cpuMs } from '../helpers/cpu-time.js';

const POLICY = { defaultIntervalSeconds: 1800, minIntervalSeconds: 60, maxIntervalSeconds: 86400, maxBackoffSeconds: 86400 };
const log = pino({ level: 'silent' });

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title type="html">&lt;b&gt;Tom &amp;amp; Jerry&lt;/b&gt; &lt;img src="https://evil.example/x.png"&gt; Wire</title>
<id>urn:uuid:0b4e5a1c-hostile</id><updated>2026-12-04T10:00:00Z</updated>
<entry><title type="html">&lt;i&gt;Cats&lt;/i&gt; &amp;amp; dogs</title><id>urn:e1</id><updated>2026-12-04T09:00:00Z</updated>
<link href="https://news.example/e1"/><content type="html">&lt;p&gt;Body.&lt;/p&gt;</content></entry>
</feed>`;

const WORDS = 'lorem ipsum dolor sit amet ';
const long = (n: number): string => WORDS.repeat(Math.ceil(n / WORDS.length)).slice(0, n);
const ITEMS = 12;
const RSS = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>${'T'.repeat(100_000)}</title><link>https://big.example/</link><description>d</description>
${Array.from(
  { length: ITEMS },
  (_, i) => `<item><title>Big${i} ${long(20_000)}</title><link>https://big.example/${i}</link><guid>b${i}</guid>
<author>${'a'.repeat(5_000)}</author>${Array.from({ length: 80 }, (_, k) => `<category>${k} ${long(400)}</category>`).join('')}
<description>Short body ${i}.</description><pubDate>${new Date(Date.UTC(2026, 11, 4, 12) - i * 60_000).toUTCString()}</pubDate></item>`,
).join('\n')}
</channel></rss>`;

describe('names and titles from a hostile feed', () => {
  let srv: FixtureServer;
  let fetcher: HttpFetcher;
  before(async () => {
    srv = await startFixtureServer({
      '/html-title.atom': { headers: { 'content-type': 'application/atom+xml' }, body: ATOM },
      '/big.rss': { headers: { 'content-type': 'application/rss+xml' }, body: RSS },
    });
    fetcher = loopbackFetcher();
  });
  after(async () => {
    await fetcher.close();
    await srv.close();
  });

  test('shortText: HTML read as text, one line, cut with an ellipsis, no lone surrogate', () => {
    assert.equal(shortText('<b>Tom &amp; Jerry</b>\n<script>x()</script>', 'text/html', 300), 'Tom & Jerry');
    assert.equal(shortText('a  b\n\tc\u0000', 'text/plain', 300), 'a b c');
    const cut = shortText(long(10_000), undefined, 100);
    assert.ok(cut.length <= 100 && cut.endsWith('…'), cut);
    const emoji = shortText('😀'.repeat(5_000), undefined, 301);
    assert.ok(emoji.length <= 301 && !/[\ud800-\udbff](?![\udc00-\udfff])/.test(emoji), emoji.slice(-4));
  });

  test('an author name of 100,000 letters is read in linear time (the address finder does not backtrack)', async () => {
    const author = 'a'.repeat(100_000);
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>x</title><guid>1</guid><author>${author}</author><dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">${'b@'.repeat(50_000)}</dc:creator></item>
<item><title>y</title><guid>2</guid><author>Jane Doe &lt;jane@${'c.'.repeat(50_000)}&gt;</author></item></channel></rss>`;
    let f: ReturnType<typeof parseFeed> | undefined;
    const ms = cpuMs(() => {
      f = parseFeed({ bytes: new TextEncoder().encode(xml), url: 'https://feeds.example/f.xml' });
    });
    // Before: about 60 s on an idle machine (0.2 s for 5,000 letters, growing with the square).
    assert.ok(ms < 5_000, `${ms} ms of CPU`);
    assert.equal(f?.entries[0]?.authors?.[0]?.name?.length, 100_000);
    // The finder reads addresses as before.
    assert.equal(findEmail('me@example.com (Jane Doe)'), 'me@example.com');
    assert.equal(findEmail('Jane <jane.doe+news@mail.example.co.uk>'), 'jane.doe+news@mail.example.co.uk');
    assert.equal(findEmail('x mailto:a@[10.0.0.1]?subject=Hi there'), 'a@[10.0.0.1]?subject=Hi');
    assert.equal(findEmail('a@b.c1 then z@host.example.org'), 'z@host.example.org');
    assert.equal(findEmail('no address @ all'), undefined);
  });

  test('an address with a long run of spaces or commas inside is cleaned in linear time', () => {
    const spaces = ' '.repeat(200_000);
    let cleaned = '';
    let html = '';
    const ms = cpuMs(() => {
      cleaned = cleanUrlText(` https://x.example/a${spaces}b \t`);
      html = sanitizeHtml(`<a href=" /a${spaces}b">x</a><img srcset="/i.png 1x, /j${','.repeat(200_000)}x,">`, {
        baseUrl: 'https://x.example/',
      });
    });
    assert.equal(cleaned, `https://x.example/a${spaces}b`);
    // Before: about 70 s for each (the trim patterns retried from every space or comma of the run).
    assert.ok(ms < 5_000, `${ms} ms of CPU`);
    assert.match(html, /^<a href="https:\/\/x\.example\/a(%20)+b">x<\/a><img srcset="https:\/\/x\.example\/i\.png 1x" \/>$/);
    let p = '';
    const styled = cpuMs(() => {
      p = sanitizeHtml(`<p style="color: red${spaces}!important; font-family: a${spaces}b">x</p>`);
    });
    assert.ok(styled < 5_000, `${styled} ms of CPU`);
    assert.equal(p, '<p style="color: red !important;">x</p>');
  });

  forEachDialect((d) => {
    test(`an HTML-typed feed title names the source as text (${d.name})`, async () => {
      const store = await d.open();
      const found = await discoverFeeds(fetcher, `${srv.url}/html-title.atom`);
      const f = found.feeds[0]!;
      assert.equal(f.title, 'Tom & Jerry Wire');
      // Stored without a name: the check names it from the feed (a source added by OPML, or by
      // the API without a title).
      const { source } = await store.sources.add({ url: f.url, title: null, siteUrl: null });
      const r = await refreshSource(source, { store, fetcher, policy: POLICY, log });
      assert.equal(r.outcome.kind, 'fetched', JSON.stringify(r.outcome));
      assert.equal((await store.sources.get(source.id))!.title, 'Tom & Jerry Wire');
      const e = (await store.entries.list({ sourceId: source.id, limit: 5 })).items[0]!;
      assert.equal(e.title, 'Cats & dogs');
      const app = makeApp(store);
      for (const path of ['/', `/sources/${source.id}`, `/sources/${source.id}/feed.atom`, '/api/v1/sources']) {
        const body = await (await app.request(path)).text();
        assert.doesNotMatch(body, /&lt;b&gt;|<b>|\\u003cb|img src/i, path);
      }
    });

    test(`titles, authors and categories are bounded; the home page stays small (${d.name})`, async () => {
      const store = await d.open();
      const found = await discoverFeeds(fetcher, `${srv.url}/big.rss`);
      const f = found.feeds[0]!;
      assert.ok(f.title !== undefined && f.title.length <= MAX_NAME_CHARS && f.title.endsWith('…'), String(f.title?.length));
      const { source } = await store.sources.add({ url: f.url, title: null, siteUrl: null });
      const r = await refreshSource(source, { store, fetcher, policy: POLICY, log });
      assert.equal(r.outcome.kind, 'fetched', JSON.stringify(r.outcome));
      const title = (await store.sources.get(source.id))!.title ?? '';
      assert.ok(title.length <= MAX_NAME_CHARS && title.startsWith('TTT'), String(title.length));
      const items = (await store.entries.list({ sourceId: source.id, limit: 50 })).items;
      assert.equal(items.length, ITEMS);
      for (const e of items) {
        assert.ok(e.title.length <= MAX_TITLE_CHARS && /^Big\d+ lorem/.test(e.title) && e.title.endsWith('…'), String(e.title.length));
        assert.ok((e.author ?? '').length <= MAX_NAME_CHARS && e.author!.startsWith('aaa'), String(e.author?.length));
        assert.ok(e.categories.length <= MAX_CATEGORIES && e.categories.length > 0, String(e.categories.length));
        for (const c of e.categories) assert.ok(c.length <= MAX_CATEGORY_CHARS, String(c.length));
      }
      // Before: 12 titles of 20,000 characters, each twice on the home page (about 480 kB).
      const app = makeApp(store);
      for (const path of ['/', `/sources/${source.id}`, '/feed.json', '/api/v1/entries']) {
        const res = await app.request(path);
        assert.equal(res.status, 200, path);
        const size = (await res.text()).length;
        assert.ok(size < 120_000, `${path}: ${size} characters`);
      }
    });
  });
});
