// The topic page and its companions: only matching stories, keyword in context, explain view,
// coverage chart, search within a topic, per-topic feeds, history re-tagging, the topics API.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createLogger } from '../../src/log/logger.js';
import { definitionHash } from '../../src/store/topics.js';
import { startSite } from '../../src/server/runtime.js';
import { Registry } from '../../src/metrics/registry.js';
import { entry, makeApp, populatedStore, testConfig } from './helpers.js';
import { defineTopics, sampleTopics, topicStore } from './topic-fixtures.js';
import { forEachDialect } from '../helpers/dialects.js';

function teaserIds(page: string): number[] {
  return [...page.matchAll(/<article class="teaser"[^>]*aria-labelledby="t(\d+)"/g)].map((m) => Number(m[1]));
}

/** The HTML of one teaser. */
function teaser(page: string, id: number): string {
  const m = new RegExp(`<article class="teaser"[^>]*aria-labelledby="t${id}">[\\s\\S]*?</article>`).exec(page);
  assert.ok(m, `teaser ${id} on the page`);
  return m[0];
}
forEachDialect((d) => {
  describe('topic page', () => {
    it('lists only the stories the topic matches, in every script, newest first, not the hard negatives', async () => {
      const { store, ids } = await topicStore(d.open);
      await defineTopics(store, sampleTopics());
      const res = await makeApp(store).request('/topics/mek');
      assert.equal(res.status, 200);
      const page = await res.text();
      // w1 (-1h, Mojahedin-e Khalq), a1 (-1.5h, منظمة مجاهدي خلق), w2 (-2h, MEK + People's Mojahedin…),
      // p1 (-2.5h, سازمان مجاهدین خلق), deep (-5h, MKO with "Iraqi").
      assert.deepEqual(teaserIds(page), [ids.w1, ids.a1, ids.w2, ids.p1, ids.deep]);
      for (const neg of ['solvent', 'reformist', 'court', 'w3', 'w4'])
        assert.ok(!teaserIds(page).includes(ids[neg]!), `${neg} is not on the page`);
      assert.match(page, /<h1>People&#39;s Mojahedin Organization of Iran<\/h1>/);
      // The match is highlighted in the headline, as written.
      assert.match(
        teaser(page, ids.w2!),
        /<h2 id="t\d+"><a href="\/entries\/\d+"><mark>MEK<\/mark> rally draws crowd in Paris suburb<\/a><\/h2>/,
      );
      assert.match(teaser(page, ids.a1!), /<mark>منظمة مجاهدي خلق<\/mark>/);
      await store.close();
    });

    it('pages by keyset cursors within the topic', async () => {
      const { store, ids } = await topicStore(d.open);
      await defineTopics(store, sampleTopics());
      const app = makeApp(store, { pageSize: 2 });
      const seen: number[] = [];
      let url: string | undefined = '/topics/mek';
      while (url) {
        const page = await (await app.request(url)).text();
        seen.push(...teaserIds(page));
        url = /<a href="([^"]+)" rel="next">/.exec(page)?.[1]?.replace(/&amp;/g, '&');
      }
      assert.deepEqual(seen, [ids.w1, ids.a1, ids.w2, ids.p1, ids.deep]);
      await store.close();
    });

    it('adds a keyword-in-context snippet, escaped and marked, when the lead does not name the subject', async () => {
      const { store, ids } = await topicStore(d.open);
      await defineTopics(store, sampleTopics());
      const page = await (await makeApp(store).request('/topics/mek')).text();
      const deep = teaser(page, ids.deep!);
      const kwic = /<p class="kwic">([\s\S]*?)<\/p>/.exec(deep);
      assert.ok(kwic, 'the deep mention gets a snippet');
      assert.match(kwic[1]!, /held by the <mark>MKO<\/mark> &lt;script&gt;alert\(1\)&lt;\/script&gt; until 2012, Iraqi officials said\./);
      assert.ok(kwic[1]!.includes('…'), 'cut with an ellipsis');
      assert.ok(!deep.includes('<script>'), 'no markup from the story');
      assert.doesNotMatch(/<p class="excerpt">([\s\S]*?)<\/p>/.exec(deep)![1]!, /MKO/, 'the excerpt itself lacks the subject');
      // A lead that already names the group needs no snippet.
      assert.doesNotMatch(teaser(page, ids.w2!), /class="kwic"/);
      assert.doesNotMatch(teaser(page, ids.w1!), /class="kwic"/);
      // …and gets the name marked in the excerpt instead.
      assert.match(teaser(page, ids.w1!), /<p class="excerpt">.*the <mark>Mojahedin-e Khalq<\/mark> had held/);
      await store.close();
    });

    it('explains per entry what matched: alias, field, text in context, why', async () => {
      const { store, ids } = await topicStore(d.open);
      await defineTopics(store, sampleTopics());
      const app = makeApp(store);
      const page = await (await app.request('/topics/mek')).text();
      const href = `/topics/mek/entries/${ids.deep}/explain`;
      assert.ok(teaser(page, ids.deep!).includes(`<a class="explain" href="${href}"`));
      const res = await app.request(href);
      assert.equal(res.status, 200);
      const x = await res.text();
      assert.match(x, /<h1>Why this story is in “People&#39;s Mojahedin Organization of Iran”<\/h1>/);
      assert.match(x, /<dt>Matched<\/dt><dd><bdi>MKO<\/bdi> in the text<\/dd>/);
      assert.match(x, /<dt>Name in the topic<\/dt><dd><bdi>MKO<\/bdi> \(entity Mojahedin-e Khalq\)<\/dd>/);
      assert.match(x, /acronym: matched case-sensitively as a whole word; counted because the story also mentions <bdi>Iraqi<\/bdi>/);
      assert.match(x, /<p class="context"[^>]*>…[^<]*held by the <mark>MKO<\/mark> &lt;script&gt;/);
      // A spelling variant in Persian and an Arabic exact name say so.
      const fa = await (await app.request(`/topics/mek/entries/${ids.p1}/explain`)).text();
      assert.match(fa, /<bdi>سازمان مجاهدین خلق<\/bdi> in the (title|text)/);
      assert.match(fa, /exact: the name as written in the topic|spelling variant/);
      const w2 = await (await app.request(`/topics/mek/entries/${ids.w2}/explain`)).text();
      assert.match(w2, /<bdi>MEK<\/bdi> in the title/);
      assert.match(w2, /<bdi>People&#39;s Mojahedin Organization of Iran<\/bdi> in the text/);
      // A story the topic does not match says so rather than inventing reasons.
      const no = await (await app.request(`/topics/mek/entries/${ids.solvent}/explain`)).text();
      assert.match(no, /not tagged with this topic/);
      assert.equal((await app.request(`/topics/nope/entries/${ids.w1}/explain`)).status, 404);
      assert.equal((await app.request(`/topics/mek/entries/99999/explain`)).status, 404);
      await store.close();
    });

    it('draws coverage per day as an accessible SVG with one bar a day and a table fallback', async () => {
      const { store, wire } = await topicStore(d.open);
      const now = Date.now();
      // A minute ago, but never before this UTC day began: in the first minute after midnight a
      // minute ago was yesterday, and the bar named today was empty.
      const published = now - Math.min(60_000, now % 86_400_000);
      await store.entries.saveBatch(wire, [
        entry('today', 'MEK members leave Tirana compound', 'Members of the MEK left the compound near Tirana, Albania.', published),
      ]);
      await defineTopics(store, sampleTopics());
      const app = makeApp(store);
      const page = await (await app.request('/topics/mek')).text();
      const svg = /<svg[\s\S]*?<\/svg>/.exec(page)?.[0];
      assert.ok(svg, 'an inline SVG chart');
      assert.match(svg, /role="img" aria-labelledby="coverage-title coverage-desc"/);
      assert.match(svg, /<title id="coverage-title">Coverage of People&#39;s Mojahedin Organization of Iran, stories per day<\/title>/);
      // Days as the interface writes dates ("8 November 2026"), the ISO day kept in the table's <time>.
      assert.match(svg, /<desc id="coverage-desc">\d+ (story|stories) over the 30 days from \d{1,2} \w+ \d{4} to \d{1,2} \w+ \d{4}/);
      assert.equal([...svg.matchAll(/<rect class="bar"/g)].length, 30);
      const today = new Date(now).toISOString().slice(0, 10);
      const written = new Date(now).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
      assert.ok(svg.includes(`<title>${written}: 1</title>`), 'today has one story');
      assert.ok(page.includes(`<tr><td><time datetime="${today}">${written}</time></td><td>1</td></tr>`), 'the table says the same');
      const p90 = await (await app.request('/topics/mek?days=90')).text();
      assert.equal([...p90.matchAll(/<rect class="bar"/g)].length, 90);
      await store.close();
    });

    it('searches within the topic', async () => {
      const { store, ids } = await topicStore(d.open);
      await defineTopics(store, sampleTopics());
      const app = makeApp(store);
      const page = await (await app.request('/topics/mek')).text();
      assert.match(
        page,
        /<form class="filters" action="\/search" method="get" role="search" aria-label="Search within this topic">\s*<input type="hidden" name="topic" value="mek">/,
      );
      const everywhere = teaserIds(await (await app.request('/search?q=court')).text());
      assert.ok(everywhere.includes(ids.court!) && everywhere.includes(ids.w1!), `court everywhere: ${everywhere}`);
      const within = await (await app.request('/search?q=court&topic=mek')).text();
      // w1 (court in the headline) and the deep MKO story (a court in its lead); not the harbour fine.
      assert.deepEqual(teaserIds(within), [ids.w1, ids.deep]);
      assert.match(within, /<h1>Search in People&#39;s Mojahedin Organization of Iran: court<\/h1>/);
      assert.match(within, /<option value="mek" selected>/);
      assert.match(within, /href="\/search\/feed.rss\?q=court&amp;topic=mek"/);
      assert.equal((await app.request('/search?q=court&topic=nope')).status, 404);
      await store.close();
    });

    it('has RSS, Atom and JSON Feed of the topic, linked from the page', async () => {
      const { store, ids } = await topicStore(d.open);
      await defineTopics(store, sampleTopics());
      const app = makeApp(store);
      const page = await (await app.request('/topics/mek')).text();
      assert.match(page, /<link rel="alternate" type="application\/rss\+xml"[^>]*href="\/topics\/mek\/feed.rss">/);
      assert.match(page, /<link rel="alternate" type="application\/atom\+xml"[^>]*href="\/topics\/mek\/feed.atom">/);
      assert.match(page, /<link rel="alternate" type="application\/feed\+json"[^>]*href="\/topics\/mek\/feed.json">/);
      const rss = await app.request('/topics/mek/feed.rss');
      assert.match(rss.headers.get('content-type') ?? '', /rss\+xml/);
      const rssText = await rss.text();
      assert.equal([...rssText.matchAll(/<item>/g)].length, 5);
      assert.ok(!rssText.includes('MEK solvent spill'));
      assert.match((await app.request('/topics/mek/feed.atom')).headers.get('content-type') ?? '', /atom\+xml/);
      const json = (await (await app.request('/topics/mek/feed.json')).json()) as { items: { url: string }[] };
      assert.deepEqual(
        json.items.map((i) => Number(/\/entries\/(\d+)$/.exec(i.url)![1])),
        [ids.w1, ids.a1, ids.w2, ids.p1, ids.deep],
      );
      await store.close();
    });

    it('lists the topics in the navigation and leads the home page with them', async () => {
      const { store } = await topicStore(d.open);
      await defineTopics(store, sampleTopics());
      const app = makeApp(store);
      const home = await (await app.request('/')).text();
      const nav = /<nav class="topic-nav" aria-label="Topics">[\s\S]*?<\/nav>/.exec(home)?.[0] ?? '';
      assert.match(nav, /<a href="\/topics\/mek"><bdi>People&#39;s Mojahedin Organization of Iran<\/bdi><\/a>/);
      assert.match(nav, /<a href="\/topics\/iraq-camps"><bdi>Camps Ashraf and Liberty<\/bdi><\/a>/);
      // The busiest topic leads the desk on the home page, above the stream of all stories.
      const desk = /<section class="desk"[\s\S]*?<\/section>/.exec(home)?.[0] ?? '';
      assert.match(
        desk,
        /^<section class="desk" aria-labelledby="topics-h">\s*<h2 id="topics-h">Topics followed<\/h2>\s*<ul class="topic-cards"><li><h3><a href="\/topics\/mek"><bdi>/,
      );
      assert.match(desk, /5 stories/);
      const topicPage = await (await app.request('/topics/mek')).text();
      assert.match(topicPage, /<a href="\/topics\/mek" aria-current="page">/);
      const list = await (await app.request('/topics')).text();
      assert.match(list, /<h1 id="topics-h">Topics<\/h1>/);
      assert.equal((await app.request('/topics/nope')).status, 404);
      await store.close();
    });
  });

  describe('topic history', () => {
    it('shows stories stored before the topic existed, once history is re-tagged', async () => {
      const { store, ids } = await populatedStore(d.open);
      const app = makeApp(store);
      assert.equal((await app.request('/topics/mek')).status, 404);
      await defineTopics(store, sampleTopics());
      const page = await (await app.request('/topics/mek')).text();
      const all = await store.entries.list({ limit: 10 });
      const byKey = new Map(all.items.map((e) => [e.dedupeKey, e.id]));
      assert.deepEqual(
        teaserIds(page),
        ['w1', 'a1', 'w2', 'p1'].map((k) => byKey.get(k)),
      );
      assert.doesNotMatch(page, /Re-tagging history/);
      // A story stored later is not tagged by the page, only by the pipeline: the page shows tags.
      await store.entries.saveBatch(ids.wire, [entry('later', 'MEK statement', 'The MEK said in Tirana, Albania…', Date.now())]);
      assert.equal(teaserIds(await (await app.request('/topics/mek')).text()).length, 4);
      await store.close();
    });

    it('shows re-tag progress while history is being re-tagged', async () => {
      const { store } = await populatedStore(d.open);
      const def = { id: 'mek', name: 'MEK', entities: [{ name: 'Mojahedin-e Khalq' }] };
      const hash = definitionHash(def);
      await store.topics.syncDefinitions([{ id: 'mek', definition: def, hash }]);
      await store.topics.startRetag('mek', hash, 10);
      await store.topics.recordRetag([{ id: 'mek', hash, afterId: 4, doneDelta: 4 }]);
      const app = makeApp(store);
      const page = await (await app.request('/topics/mek')).text();
      assert.match(page, /<p class="retag" role="status"><strong>Re-tagging history: 40%<\/strong>/);
      const api = (await (await app.request('/api/v1/topics')).json()) as {
        items: { id: string; retag: { status: string; percent: number } }[];
      };
      assert.deepEqual(api.items[0]!.retag, { status: 'running', percent: 40, done: 4, total: 10 });
      await store.close();
    });
  });

  describe('topics API', () => {
    it("lists topics and a topic's entries with what matched", async () => {
      const { store, ids } = await topicStore(d.open);
      await defineTopics(store, sampleTopics());
      const app = makeApp(store);
      const list = (await (await app.request('/api/v1/topics')).json()) as {
        items: { id: string; name: string; entries: number; links: { rss: string } }[];
      };
      const mek = list.items.find((t) => t.id === 'mek');
      assert.ok(mek);
      assert.equal(mek.entries, 5);
      assert.equal(mek.links.rss, 'http://localhost/topics/mek/feed.rss');
      const page1 = (await (await app.request('/api/v1/topics/mek/entries?limit=3')).json()) as {
        items: { id: number; matches: { field: string; start: number; end: number; text: string; alias: string; reason: string }[] }[];
        cursors: { older: string | null };
      };
      assert.deepEqual(
        page1.items.map((i) => i.id),
        [ids.w1, ids.a1, ids.w2],
      );
      assert.ok(page1.cursors.older);
      const page2 = (await (await app.request(`/api/v1/topics/mek/entries?limit=3&after=${page1.cursors.older}`)).json()) as typeof page1;
      assert.deepEqual(
        page2.items.map((i) => i.id),
        [ids.p1, ids.deep],
      );
      const deep = page2.items[1]!;
      assert.deepEqual(
        deep.matches.map((m) => [m.field, m.text, m.alias, m.reason]),
        [['text', 'MKO', 'MKO', 'acronym']],
      );
      const e = await store.entries.get(ids.deep!);
      assert.equal(e!.text.slice(deep.matches[0]!.start, deep.matches[0]!.end), 'MKO');
      assert.equal((await app.request('/api/v1/topics/nope/entries')).status, 404);
      const search = (await (await app.request('/api/v1/search?q=court&topic=mek')).json()) as { items: { id: number }[] };
      assert.deepEqual(
        search.items.map((i) => i.id),
        [ids.w1, ids.deep],
      );
      const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
      for (const p of ['/topics', '/topics/{id}', '/topics/{id}/entries']) assert.ok(doc.paths[p], `OpenAPI documents ${p}`);
      await store.close();
    });
  });

  describe('serve runtime with topics', () => {
    it('loads the topics file, re-tags history, and keeps the set when a reload finds a broken file', async () => {
      const { store } = await populatedStore(d.open);
      const dir = mkdtempSync(join(tmpdir(), 'newsdesk-topics-'));
      const file = join(dir, 'topics.yaml');
      writeFileSync(file, sampleTopics());
      const site = await startSite({
        store,
        config: testConfig({ topicsFile: file, host: '127.0.0.1', port: 0 }),
        log: createLogger('silent'),
        poll: false,
        metrics: new Registry(),
      });
      try {
        assert.ok(site.topics);
        assert.deepEqual(site.topics.registry.topics.map((t) => t.id).sort(), ['iraq-camps', 'mek', 'polio-campaign']);
        // History is re-tagged in the background; wait for it through the store.
        for (let i = 0; i < 1500 && (await store.topics.retagPending()).length > 0; i++) await new Promise((r) => setTimeout(r, 10));
        const page = await (await fetch(`${site.url}/topics/mek`)).text();
        assert.equal(teaserIds(page).length, 4);
        writeFileSync(file, 'topics:\n  - id: mek\n    name: [broken\n');
        const r = await site.reloadTopics();
        assert.equal(r.ok, false);
        assert.match(r.errors.join('\n'), /topics\.yaml:\d+:\d+/);
        assert.equal(site.topics.registry.topics.length, 3, 'the current set stays active');
        assert.equal(teaserIds(await (await fetch(`${site.url}/topics/mek`)).text()).length, 4);
      } finally {
        await site.stop();
        await store.close();
      }
    });
  });
});
