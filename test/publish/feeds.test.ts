// Feeds out, read back with our own parser: every format valid and complete.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFeed } from '../../src/ingest/parse/index.js';
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
        sourceName: 'Harbour Wire',
        sourceUrl: 'https://wire.example/feed.xml',
        lang: 'en',
        categories: ['Iraq', 'Courts'],
      },
      {
        id: 'https://desk.example/entries/2',
        url: 'https://desk.example/entries/2',
        title: 'محكمة عراقية تنظر في قضية',
        summary: 'نظرت محكمة في بغداد اليوم\u0001 في دعوى.',
        published: T - 7200_000,
        sourceName: 'الرافدين',
        sourceUrl: 'https://rafidain.example/rss',
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
    assert.ok(f.feed.authors?.length);
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
});
