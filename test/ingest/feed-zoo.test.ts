// Real-world feed shapes a news desk meets that conformance suites do not hold, followed the whole
// way: served over HTTP on 127.0.0.1, polled by the scheduler (fetch, parse, pipeline), stored,
// then read back as the front page's teasers and the JSON API's entries. The fixtures
// (test/fixtures/feed-zoo/) are made-up outlets written for this test: an aggregator's search feed
// (RSS <source>, "Headline - Outlet" titles, a redirect host, a list of links as description),
// titleless social posts, RSS titles that mention markup, double-escaped entities, and video and
// podcast items whose only text is media:description. See docs/security.md, "Real-world feed
// shapes (p-feedzoo, 2026-12-07)".
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Entry } from '../../src/domain/entry.js';
import { decodeHtmlEntities } from '../../src/text/entities.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { fixturePath } from '../helpers/repo.js';
import { makeApp } from '../web/helpers.js';
import { defineTopics } from '../web/topic-fixtures.js';
import { harness, type Harness } from './harness.js';

const FEEDS = {
  aggregator: ['aggregator-rss.xml', 'application/rss+xml'],
  titleless: ['titleless-rss.xml', 'application/rss+xml'],
  htmlTitles: ['html-titles-rss.xml', 'application/rss+xml'],
  doubleEscaped: ['double-escaped-rss.xml', 'application/rss+xml'],
  video: ['video-atom.xml', 'application/atom+xml'],
  podcast: ['podcast-rss.xml', 'application/rss+xml'],
} as const;
type FeedName = keyof typeof FEEDS;

interface ApiEntry {
  id: number;
  title: string;
  excerpt: string;
  url: string | null;
  outlet: { name: string; url: string | null } | null;
}

/** The teasers of a listing page: id → [headline, excerpt], as a reader sees them (entities decoded). */
function teasers(page: string): Map<number, { title: string; excerpt: string; html: string }> {
  const out = new Map<number, { title: string; excerpt: string; html: string }>();
  for (const m of page.matchAll(/<article class="teaser[^"]*"[^>]*aria-labelledby="t(\d+)">([\s\S]*?)<\/article>/g)) {
    const html = m[2]!;
    const title = /<h2 id="t\d+"><a [^>]*>([\s\S]*?)<\/a><\/h2>/.exec(html)?.[1] ?? '';
    const excerpt = /<p class="excerpt">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
    // A topic page marks the matched words (<mark>): the reader sees the words.
    const text = (s: string): string => decodeHtmlEntities(s.replace(/<\/?mark>/g, ''));
    out.set(Number(m[1]), { title: text(title), excerpt: text(excerpt), html });
  }
  return out;
}

describe('real-world feed shapes, fetched, stored and shown', () => {
  let srv: FixtureServer;
  let h: Harness;
  const sourceIds = new Map<FeedName, number>();
  const stored = new Map<FeedName, Entry[]>();
  let api: Map<number, ApiEntry>;
  let front: ReturnType<typeof teasers>;

  before(async () => {
    srv = await startFixtureServer();
    // No article reads: the links point at *.example, and this test is about what the feeds say.
    h = await harness({ maxArticleFetchesPerCheck: 0 });
    for (const [name, [file, type]] of Object.entries(FEEDS) as [FeedName, readonly [string, string]][]) {
      srv.route(`/${file}`, { headers: { 'content-type': type }, body: readFileSync(fixturePath('feed-zoo', file)) });
      sourceIds.set(name, (await h.store.sources.add({ url: `${srv.url}/${file}` })).source.id);
    }
    await h.scheduler.pollOnce();
    for (const [name, id] of sourceIds) {
      const s = await h.store.sources.get(id);
      assert.equal(s?.status, 'ok', `${name}: ${s?.lastError ?? ''}`);
      stored.set(name, (await h.store.entries.list({ sourceId: id, limit: 50 })).items);
    }
    const app = makeApp(h.store, { pageSize: 50 });
    const body = (await (await app.request('/api/v1/entries?limit=50')).json()) as { items: ApiEntry[] };
    api = new Map(body.items.map((e) => [e.id, e]));
    front = teasers(await (await app.request('/')).text());
  });
  after(async () => {
    await h.close();
    await srv.close();
  });

  /** The stored entry of `feed` whose link is `url`, with its API item and front-page teaser. */
  function item(feed: FeedName, url: string): { e: Entry; a: ApiEntry; t: { title: string; excerpt: string; html: string } } {
    const e = stored.get(feed)!.find((x) => x.url === url);
    assert.ok(
      e,
      `${feed}: an entry linking ${url} (have ${stored
        .get(feed)!
        .map((x) => x.url)
        .join(', ')})`,
    );
    const a = api.get(e.id);
    const t = front.get(e.id);
    assert.ok(a && t, `entry ${e.id} is in the API and on the front page`);
    return { e, a, t };
  }

  it('aggregator items: the headline without " - Outlet" when <source> names that outlet, and only then', () => {
    const agg = (path: string): string => `https://news.aggregator.example/rss/articles/${path}?oc=5`;
    const courier = item('aggregator', agg('CBMiQWh0dHBzOi8vY291cmllci5leGFtcGxlL2ZlcnJ5'));
    for (const title of [courier.e.title, courier.a.title, courier.t.title])
      assert.equal(title, 'Harbour authority approves new ferry terminal');
    // Dashes inside the headline stay; only the tail naming the item's own outlet goes.
    const gazette = item('aggregator', agg('CBMiOmh0dHBzOi8vZ2F6ZXR0ZS5leGFtcGxlL2RvY2tz'));
    for (const title of [gazette.e.title, gazette.a.title, gazette.t.title])
      assert.equal(title, 'Dock workers - and their unions - weigh the harbour deal');
    // A tail naming another outlet than <source> does is part of what the feed said: kept.
    const wire = item('aggregator', agg('CBMiL2h0dHBzOi8vd2lyZS5leGFtcGxlL2R1ZXM'));
    assert.equal(wire.e.title, 'Harbour dues rise for the third year - Pier Review');
    // The identity is the aggregator's guid, as before: a re-poll stores nothing new.
    assert.equal(courier.e.dedupeKey, 'g:CBMiQWh0dHBzOi8vY291cmllci5leGFtcGxlL2ZlcnJ5');
  });

  it('aggregator items: the outlet <source> names is stored and served, not the aggregator', async () => {
    const byTitle = new Map(stored.get('aggregator')!.map((e) => [e.title, e]));
    const outlets = [...byTitle.values()].map((e) => api.get(e.id)!.outlet);
    assert.deepEqual(outlets, [
      { name: 'The Coastline Courier', url: 'https://courier.example' },
      { name: 'Estuary Gazette', url: 'https://gazette.example/' },
      { name: 'Harbour Wire', url: 'https://wire.example/' },
    ]);
    const first = byTitle.get('Harbour authority approves new ferry terminal')!;
    assert.equal(first.outletName, 'The Coastline Courier');
    // What a topic page's teaser reads (the summary query) carries it too.
    const page = await h.store.search.teasers({ sourceId: sourceIds.get('aggregator')!, limit: 10 }, 200);
    assert.deepEqual(
      page.items.map((t) => t.outletName),
      ['The Coastline Courier', 'Estuary Gazette', 'Harbour Wire'],
    );
    // Items that name no outlet have none.
    for (const e of stored.get('titleless')!) assert.equal(api.get(e.id)!.outlet, null);
  });

  it('titleless posts: a headline from the text, cut at a word with "…", never empty', () => {
    const long = item('titleless', 'https://social.example/@mara/113500000000000001');
    assert.equal(long.e.title, 'At the harbour authority meeting tonight the councillors finally agreed on the…');
    assert.equal(long.t.title, long.e.title);
    assert.equal(long.a.title, long.e.title);
    assert.match(long.t.excerpt, /^At the harbour authority meeting tonight/);
    const short = item('titleless', 'https://social.example/@mara/113500000000000002');
    assert.equal(short.e.title, 'Short one: vote at 7.');
    const micro = item('titleless', 'https://micro.example/2026/12/07/083000.html');
    assert.equal(micro.t.title, "Walking past the ferry slipway this morning, the contractors' fences are…");
    for (const e of stored.get('titleless')!) {
      assert.ok(e.title.trim() && !/undefined|untitled/i.test(e.title), e.title);
      // Every word of the headline is a whole word of the text.
      const words = new Set(e.text.split(/\s+/));
      for (const w of e.title.replace(/…$/, '').split(' ')) assert.ok(words.has(w), `"${w}" is a word of the post`);
    }
  });

  it('titleless posts keep their identity when polled again', async () => {
    const before = new Map(stored.get('titleless')!.map((e) => [e.id, e.dedupeKey]));
    const id = sourceIds.get('titleless')!;
    await h.makeDue(id);
    const s = await h.scheduler.pollOnce();
    assert.equal(s.inserted, 0);
    const again = (await h.store.entries.list({ sourceId: id, limit: 50 })).items;
    assert.deepEqual(new Map(again.map((e) => [e.id, e.dedupeKey])), before);
  });

  it('RSS titles that mention markup: text stays text, markup that looks like HTML is read as HTML, nothing runs', () => {
    const title = (path: string): string => item('htmlTitles', `https://webcraft.example/${path}`).t.title;
    assert.equal(title('bold'), 'Use <b> for bold, not for headings');
    assert.equal(title('fibre'), 'AT&T <3 fibre, says the harbour board');
    // On main the sanitiser read "<script>" as an element and dropped the rest: the title was "The".
    assert.equal(title('script'), 'The <script> tag and the harbour site');
    assert.equal(item('htmlTitles', 'https://webcraft.example/script').a.title, 'The <script> tag and the harbour site');
    // A close tag and known elements only: HTML, as feedparser reads it; shown as its text.
    assert.equal(title('faster'), 'Harbour site: now faster');
    // No close tag and no entity: text, shown as written, escaped.
    assert.equal(title('hacked'), '<img src=x onerror=alert(1)>Harbour board hacked?');
    for (const e of stored.get('htmlTitles')!) {
      const t = front.get(e.id)!;
      assert.doesNotMatch(t.html, /<(script|img)\b/i, 'no markup from a title reaches the page as markup');
    }
  });

  it('double-escaped entities: one level too many in an RSS title is undone; HTML bodies are shown as the publisher wrote them', () => {
    const qa = item('doubleEscaped', 'https://ledger.example/qa');
    assert.equal(qa.t.title, 'Harbour Q&A: your questions on the "ferry tax"');
    assert.equal(qa.t.excerpt, "Readers asked; the harbour board's chair answered. Part one of Q&A.");
    const stalls = item('doubleEscaped', 'https://ledger.example/stalls');
    // Two levels too many: one is undone (feedparser and Miniflux do the same).
    assert.equal(stalls.t.title, 'Fish &amp; chips stalls stay on the quay');
    // Inside HTML (CDATA), "&amp;amp;" is the text "&amp;": left as the publisher's page shows it.
    assert.match(stalls.t.excerpt, /stalls &amp; kiosks stay/);
  });

  it('the topic page shows the same headlines and excerpts', async () => {
    await defineTopics(
      h.store,
      'topics:\n  - id: harbour\n    name: Harbour\n    entities:\n      - id: terminal\n        name: ferry terminal\n        aliases: [harbour authority]\n',
    );
    const page = teasers(await (await makeApp(h.store, { pageSize: 50 }).request('/topics/harbour')).text());
    const shown = (feed: FeedName): { title: string; excerpt: string }[] =>
      stored.get(feed)!.flatMap((e) => (page.has(e.id) ? [page.get(e.id)!] : []));
    assert.deepEqual(
      shown('aggregator').map((t) => t.title),
      ['Harbour authority approves new ferry terminal'],
    );
    assert.deepEqual(
      shown('titleless').map((t) => t.title),
      ['At the harbour authority meeting tonight the councillors finally agreed on the…'],
    );
    const [video] = shown('video');
    assert.match(video?.excerpt ?? '', /^The harbour authority's full council session/);
  });

  it('media-only items: the teaser excerpt comes from media:description', () => {
    const video = item('video', 'https://video.example/watch?v=hb0001');
    assert.match(video.t.excerpt, /^The harbour authority's full council session on the new ferry terminal/);
    assert.equal(video.a.excerpt, video.t.excerpt);
    const podcast = stored.get('podcast')![0]!;
    assert.equal(podcast.text, 'Two harbour economists argue over who should pay for the new ferry terminal.');
    assert.equal(api.get(podcast.id)!.excerpt, podcast.text);
    assert.equal(front.get(podcast.id)!.excerpt, podcast.text);
  });
});
