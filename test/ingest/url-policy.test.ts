// One URL policy (src/domain/safe-url.ts) on every path a URL is stored or rendered: the scheme is
// judged after the controls a URL parser ignores are gone, so `java<TAB>script:`,
// `\x01javascript:` and `jav&#x0A;ascript:` never come out as javascript: — not from the parser,
// not from discovery, not from a refresh, and not from a page, feed, API response or OPML export
// rendering data an older version stored.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { cleanUrlText, safeHref, safeHttpUrl } from '../../src/domain/safe-url.js';
import { sourceName } from '../../src/domain/source-name.js';
import { discoverFeeds } from '../../src/ingest/discover/index.js';
import type { HttpFetcher } from '../../src/ingest/fetch/index.js';
import { loopbackFetcher } from '../helpers/loopback-fetcher.js';
import { resolveHttpUrl } from '../../src/ingest/listing/normalize-url.js';
import { readOpml } from '../../src/ingest/opml/read-opml.js';
import { parseSitemap } from '../../src/ingest/sitemap/parse.js';
import { writeOpml } from '../../src/ingest/opml/write-opml.js';
import { resolveUrl } from '../../src/ingest/parse/urls.js';
import { refreshSource } from '../../src/pipeline/index.js';
import { writeFeed } from '../../src/publish/index.js';
import type { OutFeed } from '../../src/publish/model.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { makeApp } from '../web/helpers.js';
import { parseText } from './parse/helpers.js';

/** The bypass variants as they reach us in a document (XML text, where an entity is decoded). */
const XML_VARIANTS = ['java&#x09;script:alert(1)', 'jav&#x0A;ascript:alert(1)', '&#x01;javascript:alert(1)', ' &#x0D;JaVaScRiPt:alert(1)'];
/** The same after decoding, as strings (JSON Feed, stored data). */
const DECODED = [
  'java\tscript:alert(1)',
  'jav\nascript:alert(1)',
  '\x01javascript:alert(1)',
  ' \rJaVaScRiPt:alert(1)',
  'java\x00script:alert(1)',
];

/** What a browser would make of an href: the URL standard's reading, relative to a page. */
function browserScheme(href: string): string {
  try {
    return new URL(href, 'https://desk.example/page').protocol;
  } catch {
    return 'invalid';
  }
}

function assertNoScript(values: Array<string | null | undefined>, where: string): void {
  for (const v of values) {
    if (!v) continue;
    assert.notEqual(browserScheme(v), 'javascript:', `${where}: ${JSON.stringify(v)} is a javascript: link`);
    assert.doesNotMatch(cleanUrlText(v), /^javascript:/i, `${where}: ${JSON.stringify(v)}`);
  }
}

describe('the URL policy', () => {
  it('refuses every bypass variant, with or without a base', () => {
    for (const v of DECODED) {
      assert.equal(safeHttpUrl(v), undefined, JSON.stringify(v));
      assert.equal(safeHttpUrl(v, 'https://site.example/'), undefined, JSON.stringify(v));
      assert.equal(safeHref(v), undefined, JSON.stringify(v));
      assert.equal(safeHref(v, { mailto: true }), undefined, JSON.stringify(v));
    }
  });

  it('keeps http(s) as written, resolves relative ones, allows mailto only where meant', () => {
    assert.equal(safeHttpUrl('https://site.example/À?q=1'), 'https://site.example/À?q=1');
    assert.equal(safeHttpUrl('  https://site.example/a\t '), 'https://site.example/a');
    assert.equal(safeHttpUrl('/a/b', 'https://site.example/x/'), 'https://site.example/a/b');
    assert.equal(safeHttpUrl('/a/b'), undefined, 'relative without a base is no address');
    assert.equal(safeHttpUrl('http://'), undefined);
    assert.equal(safeHref('mailto:ed@site.example'), undefined);
    assert.equal(safeHref('mailto:ed@site.example', { mailto: true }), 'mailto:ed@site.example');
    for (const bad of ['data:text/html,x', 'vbscript:x', 'file:///etc/passwd', 'ftp://x.example/'])
      assert.equal(safeHref(bad), undefined, bad);
  });
});

describe('parse', () => {
  for (const v of XML_VARIANTS) {
    it(`never emits javascript: from ${JSON.stringify(v)}`, () => {
      const rss = `<rss version="2.0"><channel><title>t</title><link>${v}</link><image><url>${v}</url><link>${v}</link></image>
        <item><title>a</title><link>${v}</link><comments>${v}</comments><enclosure url="${v}" type="image/png"/></item>
        <item><title>b</title><guid isPermaLink="true">${v}</guid></item>
        <item><title>c</title><guid>${v}</guid></item></channel></rss>`;
      for (const base of [undefined, 'https://site.example/feed.xml']) {
        const r = parseText(rss, base ? { url: base } : {});
        assertNoScript([r.feed.link, r.feed.image?.href, r.feed.image?.link, ...(r.feed.links ?? []).map((l) => l.href)], 'feed');
        for (const e of r.entries) {
          assertNoScript(
            [e.link, e.comments, ...(e.links ?? []).map((l) => l.href), ...(e.enclosures ?? []).map((x) => x.href)],
            `entry ${e.title}`,
          );
        }
      }
      const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><link href="${v}"/><entry><id>urn:x</id><link href="${v}"/><author><uri>${v}</uri></author></entry></feed>`;
      const a = parseText(atom, { url: 'https://site.example/atom' });
      assertNoScript([a.feed.link, a.entries[0]?.link, a.entries[0]?.authors?.[0]?.uri], 'atom');
    });
  }

  it('JSON Feed strings carrying controls are refused too', () => {
    for (const v of DECODED) {
      const json = JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 't',
        home_page_url: v,
        items: [{ id: '1', url: v, external_url: v, authors: [{ name: 'a', url: v }] }],
      });
      const r = parseText(json, { url: 'https://site.example/feed.json' });
      assertNoScript([r.feed.link, r.entries[0]?.link, r.entries[0]?.source?.url, r.entries[0]?.authors?.[0]?.uri], JSON.stringify(v));
    }
  });

  it('resolveUrl judges the scheme after cleaning, not on the raw string', () => {
    for (const v of DECODED) {
      assert.equal(resolveUrl(undefined, v), '', JSON.stringify(v));
      assert.equal(resolveUrl('https://site.example/', v), '', JSON.stringify(v));
    }
    assert.equal(resolveUrl('https://site.example/a/', 'b'), 'https://site.example/a/b');
  });
});

describe('listing pages and sitemaps', () => {
  it('resolve no bypass variant to a link', () => {
    for (const v of DECODED) {
      assert.equal(resolveHttpUrl(v, 'https://site.example/news/'), undefined, JSON.stringify(v));
      assert.equal(resolveHttpUrl(v, undefined), undefined, JSON.stringify(v));
    }
    const locs = XML_VARIANTS.map((v) => `<url><loc>${v}</loc></url>`).join('');
    const sm = parseSitemap(
      `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs}<url><loc>https://site.example/a</loc></url></urlset>`,
      'https://site.example/sitemap.xml',
    );
    assert.deepEqual(
      sm.urls.map((u) => u.loc),
      ['https://site.example/a'],
    );
  });
});

describe('discovery and refresh store only http(s) site URLs', () => {
  let srv: FixtureServer;
  let fetcher: HttpFetcher;
  before(async () => {
    srv = await startFixtureServer();
    fetcher = loopbackFetcher();
    XML_VARIANTS.forEach((v, i) => {
      srv.route(`/f${i}.xml`, {
        headers: { 'content-type': 'application/rss+xml' },
        body: `<?xml version="1.0"?><rss version="2.0"><channel><title>F${i}</title><link>${v}</link><item><guid>g${i}</guid><title>x</title><link>${v}</link></item></channel></rss>`,
      });
    });
  });
  after(async () => {
    await fetcher.close();
    await srv.close();
  });

  it('discover leaves siteUrl out', async () => {
    for (let i = 0; i < XML_VARIANTS.length; i++) {
      const r = await discoverFeeds(fetcher, `${srv.url}/f${i}.xml`);
      assert.equal(r.feeds.length, 1);
      assertNoScript([r.feeds[0]!.siteUrl], XML_VARIANTS[i]!);
    }
  });

  it('a refresh stores neither the site URL nor entry links', async () => {
    const store = await SqliteStore.open({ path: ':memory:' });
    try {
      for (let i = 0; i < XML_VARIANTS.length; i++) {
        const { source } = await store.sources.add({ url: `${srv.url}/f${i}.xml` });
        await refreshSource(source, {
          store,
          fetcher,
          policy: { defaultIntervalSeconds: 1800, minIntervalSeconds: 60, maxIntervalSeconds: 86400, maxBackoffSeconds: 86400 },
          log: pino({ level: 'silent' }),
        });
        const after = (await store.sources.get(source.id))!;
        assert.equal(after.status, 'ok');
        assert.equal(after.siteUrl, null, XML_VARIANTS[i]);
        const page = await store.entries.list({ sourceId: source.id, limit: 10 });
        assert.equal(page.items.length, 1);
        assert.equal(page.items[0]!.url, null, XML_VARIANTS[i]);
      }
    } finally {
      await store.close();
    }
  });
});

describe('OPML import', () => {
  it('takes neither a feed nor a site URL that is javascript: in disguise', () => {
    const outlines = DECODED.map(
      (v, i) =>
        `<outline text="s${i}" xmlUrl="${v.replace(/[\x00-\x1f]/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`)}" htmlUrl="${v.replace(/[\x00-\x1f]/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`)}"/>`,
    ).join('');
    const doc = readOpml(
      `<opml version="2.0"><body>${outlines}<outline text="ok" xmlUrl="https://ok.example/f" htmlUrl="java&#x09;script:alert(1)"/></body></opml>`,
    );
    assert.deepEqual(
      doc.feeds.map((f) => [f.url, f.siteUrl]),
      [['https://ok.example/f', undefined]],
    );
  });
});

describe('rendering data an older version stored', () => {
  const BAD = 'java\tscript:alert(1)';

  it('pages, the API and OPML export never link it', async () => {
    const store = await SqliteStore.open({ path: ':memory:' });
    try {
      const { source } = await store.sources.add({ url: 'https://safe.example/feed.xml', title: 'Old' });
      await store.sources.update(source.id, { siteUrl: BAD });
      const saved = await store.entries.saveBatch(
        source.id,
        [
          {
            dedupeKey: 'k1',
            fingerprint: 'f1',
            url: BAD,
            title: 'Old story',
            author: null,
            contentHtml: null,
            text: 'text',
            lang: 'en',
            dir: 'ltr',
            publishedAt: Date.now(),
            updatedAt: null,
            leadImage: '\x01javascript:alert(2)',
            categories: [],
          },
        ],
        Date.now(),
      );
      const id = saved.inserted[0]!.id;
      const app = makeApp(store);
      const pages = [`/sources/${source.id}`, `/entries/${id}`];
      for (const p of pages) {
        const body = await (await app.request(p)).text();
        const hrefs = [...body.matchAll(/\bhref="([^"]*)"/g)].map((m) => m[1]!.replace(/&#9;|&#x9;/gi, '\t'));
        assertNoScript(hrefs, p);
        assert.ok(!/href="java/i.test(body), `${p} links the stored javascript: URL`);
      }
      for (const p of [
        '/api/v1/sources',
        `/api/v1/entries/${id}`,
        `/sources/${source.id}/feed.json`,
        `/sources/${source.id}/feed.atom`,
        `/sources/${source.id}/feed.rss`,
      ]) {
        const body = await (await app.request(p)).text();
        assert.ok(!body.includes('script:alert'), `${p}: ${body.slice(0, 400)}`);
      }
      const opml = writeOpml(await store.sources.list());
      assert.ok(!opml.includes('script:alert'), opml);
    } finally {
      await store.close();
    }
  });

  it('feeds out drop an unsafe original link whatever the format', () => {
    const feed: OutFeed = {
      title: 't',
      description: 'd',
      homeUrl: 'https://desk.example/',
      selfUrl: 'https://desk.example/feed',
      updated: 0,
      items: [
        {
          id: 'https://desk.example/entries/1',
          url: 'https://desk.example/entries/1',
          externalUrl: BAD,
          title: 'x',
          summary: 's',
          published: 0,
          source: {
            id: 'https://s.example/f',
            title: 'S',
            feedUrl: 'https://s.example/f',
            siteUrl: '\x01javascript:alert(1)',
            author: 'S',
          },
        },
      ],
    };
    for (const f of ['rss', 'atom', 'json'] as const) assert.ok(!writeFeed(f, feed).includes('script:alert'), f);
  });
});

describe('source names', () => {
  it('a site URL with no host falls back to the feed host', () => {
    assert.equal(sourceName({ title: null, siteUrl: 'file:///x', url: 'https://www.feeds.example/rss' }), 'feeds.example');
    assert.equal(sourceName({ title: '  ', siteUrl: 'mailto:x@y.example', url: 'https://feeds.example/rss' }), 'feeds.example');
    // A local file is named by its own name, not its path: the name is public, the path is not.
    assert.equal(sourceName({ title: null, siteUrl: null, url: 'file:///srv/feeds/news%20feed.xml' }), 'news feed.xml');
    assert.equal(sourceName({ title: null, siteUrl: null, url: 'file:///' }), 'file');
    assert.equal(sourceName({ title: null, siteUrl: null, url: 'file:///srv/bad%E0.xml?x=/y' }), 'bad%E0.xml');
  });
});
