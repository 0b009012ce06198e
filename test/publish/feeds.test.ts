// Feeds out, read back with our own parser and with the readers others use (feedsmith,
// rss-parser, a strict XML parser, an HTML parser for what readers render): every format valid and
// complete, each item naming the feed it came from, plain text shown as text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFeed as feedsmith } from 'feedsmith';
import { parseHTML } from 'linkedom';
import RssParser from 'rss-parser';
import { SaxesParser } from 'saxes';
import { parseFeed } from '../../src/ingest/parse/index.js';
import { htmlToText } from '../../src/text/html-to-text.js';
import { toAtom } from '../../src/publish/atom.js';
import { toJsonFeed } from '../../src/publish/json-feed.js';
import type { OutFeed } from '../../src/publish/model.js';
import { toRss } from '../../src/publish/rss.js';
import { makeApp, populatedStore } from '../web/helpers.js';

const T = Date.UTC(2026, 10, 20, 12, 0, 0);

function sample(): OutFeed {
  return {
    title: 'All stories · Newsdesk',
    description: 'Newest stories & more',
    homeUrl: 'https://desk.example/',
    selfUrl: 'https://desk.example/feed.rss',
    updated: T,
    items: [
      {
        id: 'https://desk.example/entries/1',
        url: 'https://desk.example/entries/1',
        externalUrl: 'https://news.example/a',
        title: 'Court hears <appeal> & "more"',
        summary: 'Judges heard an appeal.',
        contentHtml: '<p>Judges <b>heard</b> an appeal.</p>',
        published: T - 3600_000,
        updated: T - 1800_000,
        author: 'Rana Haddad',
        source: {
          id: 'urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6',
          title: 'Harbour Wire',
          feedUrl: 'https://wire.example/feed.xml',
          siteUrl: 'https://wire.example/',
          updated: T - 600_000,
          author: 'Harbour Wire Desk',
        },
        lang: 'en',
        categories: ['Iraq', 'Courts'],
      },
      {
        id: 'https://desk.example/entries/2',
        url: 'https://desk.example/entries/2',
        title: 'محكمة عراقية تنظر في قضية',
        summary: 'نظرت محكمة في بغداد اليوم\u0001 في دعوى.',
        published: T - 7200_000,
        source: { id: 'https://rafidain.example/rss', title: 'الرافدين', feedUrl: 'https://rafidain.example/rss', author: 'الرافدين' },
        lang: 'ar',
      },
    ],
  };
}

function parse(text: string, type: string) {
  return parseFeed({ bytes: new TextEncoder().encode(text), url: 'https://desk.example/feed', headers: { 'content-type': type } });
}

describe('feeds out', () => {
  it('writes RSS 2.0 with every required element', () => {
    const xml = toRss(sample());
    for (const re of [
      /<channel>\s*<title>[^<]+<\/title>\s*<link>https:\/\/desk.example\/<\/link>\s*<description>[^<]+<\/description>/,
      /<rss version="2.0"/,
    ])
      assert.match(xml, re);
    assert.ok(!xml.includes('\u0001'), 'control characters are not allowed in XML');
    const f = parse(xml, 'application/rss+xml');
    assert.equal(f.version, 'rss20');
    assert.equal(f.bozo, false, f.bozoReason);
    assert.equal(f.feed.title, 'All stories · Newsdesk');
    assert.equal(f.feed.link, 'https://desk.example/');
    assert.equal(f.entries.length, 2);
    const [a, b] = f.entries;
    assert.equal(a!.title, 'Court hears <appeal> & "more"');
    assert.equal(a!.link, 'https://desk.example/entries/1');
    assert.equal(a!.id, 'https://desk.example/entries/1');
    assert.equal(a!.published, new Date(T - 3600_000).toISOString().replace('.000Z', 'Z'));
    assert.equal(a!.authors?.[0]?.name, 'Rana Haddad');
    assert.ok(a!.content?.some((c) => c.value.includes('<b>heard</b>')));
    assert.deepEqual(
      a!.categories?.map((c) => c.term),
      ['Iraq', 'Courts'],
    );
    assert.equal(b!.title, 'محكمة عراقية تنظر في قضية');
  });

  it('writes Atom 1.0 with id, title, updated and author', () => {
    const xml = toAtom({ ...sample(), selfUrl: 'https://desk.example/feed.atom' });
    const f = parse(xml, 'application/atom+xml');
    assert.equal(f.version, 'atom10');
    assert.equal(f.bozo, false, f.bozoReason);
    assert.equal(f.feed.id, 'https://desk.example/feed.atom');
    assert.equal(f.feed.title, 'All stories · Newsdesk');
    assert.ok(f.feed.updated);
    // An aggregate has no author of its own: each entry's <source> carries one (see below).
    assert.equal(f.feed.authors, undefined);
    for (const e of f.entries) {
      assert.ok(e.id && e.title && e.updated, JSON.stringify(e));
      assert.ok(e.link?.startsWith('https://desk.example/entries/'));
    }
    assert.equal(f.entries[0]!.updated, '2026-11-20T11:30:00Z');
    assert.equal(f.entries[1]!.language, 'ar');
    assert.ok(f.entries[0]!.content?.some((c) => c.value.includes('<b>heard</b>')));
  });

  it('writes JSON Feed 1.1 with ids and content', () => {
    const text = toJsonFeed({ ...sample(), selfUrl: 'https://desk.example/feed.json' });
    const doc = JSON.parse(text) as {
      version: string;
      title: string;
      items: { id: string; content_html?: string; content_text?: string }[];
    };
    assert.equal(doc.version, 'https://jsonfeed.org/version/1.1');
    for (const it of doc.items) assert.ok(it.id && (it.content_html || it.content_text));
    const f = parse(text, 'application/feed+json');
    assert.equal(f.version, 'json11');
    assert.equal(f.bozo, false, f.bozoReason);
    assert.equal(f.feed.title, 'All stories · Newsdesk');
    assert.equal(f.entries.length, 2);
    assert.equal(f.entries[0]!.title, 'Court hears <appeal> & "more"');
    assert.equal(f.entries[0]!.link, 'https://desk.example/entries/1');
  });

  it('serves page, source and search feeds that parse back', async () => {
    const { store, ids } = await populatedStore();
    const app = makeApp(store, { baseUrl: 'https://desk.example' });
    const cases: [string, string, number][] = [
      ['/feed.rss', 'rss20', 6],
      ['/feed.atom', 'atom10', 6],
      ['/feed.json', 'json11', 6],
      [`/sources/${ids.wire}/feed.rss`, 'rss20', 4],
      [`/sources/${ids.arabic}/feed.atom`, 'atom10', 1],
      ['/search/feed.rss?q=mojahed*', 'rss20', 2],
      ['/search/feed.json?q=%22container+berth%22', 'json11', 1],
    ];
    for (const [url, version, n] of cases) {
      const res = await app.request(url);
      assert.equal(res.status, 200, url);
      const f = parse(await res.text(), res.headers.get('content-type')!);
      assert.equal(f.version, version, url);
      assert.equal(f.bozo, false, `${url}: ${f.bozoReason}`);
      assert.equal(f.entries.length, n, url);
      assert.ok(
        f.entries.every((e) => e.link?.startsWith('https://desk.example/entries/')),
        url,
      );
    }
    assert.equal((await app.request('/search/feed.rss')).status, 400);
    await store.close();
  });

  it("names each Atom entry's source feed by its own id, with updated and author; nothing is credited to Newsdesk", async () => {
    const xml = toAtom({ ...sample(), selfUrl: 'https://desk.example/feed.atom' });
    strictXml(xml);
    // Our parser.
    const ours = parse(xml, 'application/atom+xml');
    assert.equal(ours.entries[0]!.source?.id, 'urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6');
    assert.equal(ours.entries[1]!.source?.id, 'https://rafidain.example/rss');
    assert.deepEqual(ours.entries[1]!.authors ?? [], []);
    // A standard reader: the source keeps id, updated, links and author.
    const doc = feedsmith(xml);
    assert.equal(doc.format, 'atom');
    const [a, b] = (doc.feed as { entries: AtomEntry[] }).entries;
    assert.equal(a!.source?.id, 'urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6');
    assert.equal(a!.source?.updated, '2026-11-20T11:50:00Z');
    assert.deepEqual(a!.source?.authors, [{ name: 'Harbour Wire Desk' }]);
    assert.deepEqual(
      a!.source?.links?.map((l) => [l.rel, l.href]),
      [
        ['self', 'https://wire.example/feed.xml'],
        ['alternate', 'https://wire.example/'],
      ],
    );
    assert.deepEqual(a!.authors, [{ name: 'Rana Haddad' }]);
    // The entry without a byline is by its source's author (RFC 4287 §4.2.1), and no feed-level
    // author exists that a reader could hand it instead.
    assert.equal(b!.authors, undefined);
    assert.deepEqual(b!.source?.authors, [{ name: 'الرافدين' }]);
    assert.equal((doc.feed as { authors?: unknown }).authors, undefined);
    const viaRssParser = await new RssParser().parseString(xml);
    for (const it of viaRssParser.items) assert.notEqual(it.creator ?? it.author, 'Newsdesk');
    assert.doesNotMatch(xml, /<name>Newsdesk<\/name>/);
  });

  it('gives JSON Feed items their source as author when they name none', () => {
    const doc = JSON.parse(toJsonFeed(sample())) as { authors?: unknown; items: { authors: { name: string }[] }[] };
    assert.equal(doc.authors, undefined);
    assert.deepEqual(
      doc.items.map((i) => i.authors),
      [[{ name: 'Rana Haddad' }], [{ name: 'الرافدين' }]],
    );
  });

  it('writes an RSS description that every reader shows as the plain text it is', async () => {
    const text = 'Use <b> for bold, &amp; for "&" — 3 < 4 ]]> done';
    const f = sample();
    f.items[0]!.summary = text;
    const xml = toRss(f);
    strictXml(xml);
    // Our parser reads <description> as HTML, as readers do; its text is the original.
    const ours = parse(xml, 'application/rss+xml');
    assert.equal(ours.entries[0]!.summaryType, 'text/html');
    assert.equal(htmlToText(ours.entries[0]!.summary!), text);
    // feedsmith hands the HTML over; a reader renders it: the text on screen is the original.
    const item = (feedsmith(xml).feed as { items: { description?: string }[] }).items[0]!;
    const rendered = parseHTML(`<!doctype html><html><body>${item.description}</body></html>`).document;
    assert.equal(rendered.body.textContent, text);
    assert.equal(rendered.querySelector('b'), null);
    // rss-parser's text rendering of the description: the original too.
    const viaRssParser = await new RssParser().parseString(xml);
    assert.equal(viaRssParser.items[0]!.contentSnippet, text);
  });

  it("builds each item's source from the stored feed metadata, one query for the page", async () => {
    const { store, ids } = await populatedStore();
    await store.sources.setFeedMeta(ids.wire, {
      id: 'tag:wire.example,2026:feed',
      updated: '2026-11-19T08:00:00Z',
      authors: [{ name: 'Wire Desk', email: 'desk@wire.example' }],
    });
    await store.sources.setFeedMeta(ids.arabic, { id: '12345', title: 'x' });
    const calls = { one: 0, many: 0 };
    const { getFeedMeta, getFeedMetas } = store.sources;
    store.sources.getFeedMeta = (id) => {
      calls.one++;
      return getFeedMeta.call(store.sources, id);
    };
    store.sources.getFeedMetas = (list) => {
      calls.many++;
      return getFeedMetas.call(store.sources, list);
    };
    const app = makeApp(store, { baseUrl: 'https://desk.example' });
    const xml = await (await app.request('/feed.atom')).text();
    assert.deepEqual(calls, { one: 0, many: 1 });
    const entries = (feedsmith(xml).feed as { entries: AtomEntry[] }).entries;
    assert.equal(entries.length, 6);
    const bySource = new Map(entries.map((e) => [e.source?.title?.value, e.source]));
    const wire = bySource.get('Harbour Wire')!;
    assert.equal(wire.id, 'tag:wire.example,2026:feed');
    assert.equal(wire.updated, '2026-11-19T08:00:00Z');
    assert.deepEqual(wire.authors, [{ name: 'Wire Desk' }]);
    assert.equal(wire.links?.[0]?.href, 'https://wire.example/feed.xml');
    // "12345" is no IRI, so not an Atom id: the feed's address stands in; no author: the outlet.
    const arabic = bySource.get('الرافدين اليوم')!;
    assert.equal(arabic.id, 'https://rafidain.example/rss');
    assert.deepEqual(arabic.authors, [{ name: 'الرافدين اليوم' }]);
    const persian = bySource.get('خبرنامه')!;
    assert.equal(persian.id, 'https://khabar.example/atom');
    assert.equal(persian.updated, undefined);
    await store.close();
  });
});

interface AtomEntry {
  authors?: { name: string }[];
  source?: {
    id?: string;
    updated?: string;
    title?: { value?: string };
    authors?: { name: string }[];
    links?: { rel?: string; href: string }[];
  };
}

/** Parses with saxes, a strict XML 1.0 parser: any well-formedness error throws. */
function strictXml(xml: string): void {
  const p = new SaxesParser({ xmlns: true });
  p.on('error', (e) => {
    throw e;
  });
  p.write(xml).close();
}
