// Route tests without sockets: app.request() through the whole Hono stack.
import assert from 'node:assert/strict';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { BASE_TIME, entry, HOUR, makeApp, populatedStore } from './helpers.js';
import { forEachDialect } from '../helpers/dialects.js';

function teaserIds(page: string): number[] {
  return [...page.matchAll(/<article class="teaser"[^>]*aria-labelledby="t(\d+)"/g)].map((m) => Number(m[1]));
}
forEachDialect((d) => {
  describe('topic page', () => {
    it('lists teasers newest first with source, date, excerpt and Read more', async () => {
      const { store } = await populatedStore(d.open);
      const res = await makeApp(store).request('/');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      const page = await res.text();
      const ids = teaserIds(page);
      assert.equal(ids.length, 6);
      // w1 (-1h), a1 (-1.5h), w2 (-2h), p1 (-2.5h), w3, w4
      assert.deepEqual(ids, [1, 5, 2, 6, 3, 4]);
      assert.match(page, /<h2 id="t1"><a href="\/entries\/1">Court hears appeal over Camp Ashraf property<\/a><\/h2>/);
      assert.match(page, /<a href="\/sources\/1">Harbour Wire<\/a>/);
      assert.match(page, /<time datetime="2026-11-20T11:00:00.000Z" data-local>/);
      assert.match(page, /<a class="more" href="\/entries\/1"[^>]*>Read more<\/a>/);
      await store.close();
    });

    it('escapes titles and marks RTL entries with lang and dir', async () => {
      const { store } = await populatedStore(d.open);
      const page = await (await makeApp(store).request('/')).text();
      assert.ok(page.includes('Weather service warns of &lt;storm&gt; &amp; &quot;floods&quot;'));
      assert.ok(!page.includes('<storm>'));
      assert.match(page, /<article class="teaser" lang="ar" dir="rtl" aria-labelledby="t5">/);
      assert.match(page, /<article class="teaser" lang="fa" dir="rtl" aria-labelledby="t6">/);
      assert.match(page, /<html lang="en" dir="ltr">/);
      await store.close();
    });

    it('has landmarks, a skip link and feed autodiscovery', async () => {
      const { store } = await populatedStore(d.open);
      const page = await (await makeApp(store).request('/')).text();
      assert.match(page, /<a class="skip" href="#main">/);
      assert.match(page, /<main id="main"/);
      assert.match(page, /<nav class="main" aria-label="Main">/);
      assert.match(page, /<link rel="alternate" type="application\/rss\+xml"[^>]*href="\/feed.rss">/);
      assert.match(page, /<link rel="alternate" type="application\/atom\+xml"[^>]*href="\/feed.atom">/);
      assert.match(page, /<link rel="alternate" type="application\/feed\+json"[^>]*href="\/feed.json">/);
      assert.doesNotMatch(page, /(src|href)="https?:\/\/(?!news\.example)/, 'no external assets');
      await store.close();
    });

    it('cuts long excerpts at a boundary with an ellipsis', async () => {
      const { store } = await populatedStore(d.open);
      const page = await (await makeApp(store, { excerptChars: 120 }).request('/')).text();
      const m = /<h2 id="t1">[\s\S]*?<p class="excerpt">([^<]*)<\/p>/.exec(page);
      assert.ok(m);
      const excerpt = m[1]!;
      assert.ok(excerpt.length <= 121, excerpt);
      assert.ok(excerpt.endsWith('…'), excerpt);
      assert.equal(excerpt, 'Judges in Baghdad heard an appeal on Tuesday over farmland near the former Camp Ashraf…');
      await store.close();
    });

    it('formats dates in the reader locale from Accept-Language', async () => {
      const { store } = await populatedStore(d.open);
      const app = makeApp(store);
      const de = await (await app.request('/', { headers: { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' } })).text();
      const us = await (await app.request('/', { headers: { 'accept-language': 'en-US' } })).text();
      assert.match(de, /data-local>20\.11\.2026, 11:00 UTC</);
      assert.match(us, /data-local>Nov 20, 2026, 11:00\s?AM UTC</);
      await store.close();
    });

    it('pages by keyset without repeats or gaps while entries arrive', async () => {
      const { store, ids } = await populatedStore(d.open);
      const app = makeApp(store, { pageSize: 2 });
      const seen: number[] = [];
      let url: string | undefined = '/';
      let round = 0;
      while (url) {
        const page = await (await app.request(url)).text();
        seen.push(...teaserIds(page));
        // New stories arrive between page views; they are newer than everything already listed.
        await store.entries.saveBatch(ids.wire, [entry(`new${round}`, `Fresh story ${round}`, 'Just in.', BASE_TIME + (round + 1) * HOUR)]);
        round++;
        const older = /<a href="([^"]+)" rel="next">/.exec(page);
        url = older ? older[1]!.replace(/&amp;/g, '&') : undefined;
      }
      assert.deepEqual(seen, [1, 5, 2, 6, 3, 4]);
      // Going back to newer pages from the oldest one shows the new arrivals too.
      const first = await (await app.request('/')).text();
      assert.equal(teaserIds(first).length, 2);
      assert.match(first, /Fresh story/);
      await store.close();
    });

    it('walks back with newer links to the first page', async () => {
      const { store } = await populatedStore(d.open);
      const app = makeApp(store, { pageSize: 4 });
      const p1 = await (await app.request('/')).text();
      const older = /<a href="([^"]+)" rel="next">/.exec(p1)![1]!.replace(/&amp;/g, '&');
      const p2 = await (await app.request(older)).text();
      assert.deepEqual(teaserIds(p2), [3, 4]);
      const newer = /<a href="([^"]+)" rel="prev">/.exec(p2)![1]!.replace(/&amp;/g, '&');
      const back = await (await app.request(newer)).text();
      assert.deepEqual(teaserIds(back), [1, 5, 2, 6]);
      assert.equal((await app.request('/?older=bogus')).status, 400);
      await store.close();
    });

    it('serves a page per source', async () => {
      const { store, ids } = await populatedStore(d.open);
      const app = makeApp(store);
      const page = await (await app.request(`/sources/${ids.arabic}`)).text();
      assert.deepEqual(teaserIds(page), [5]);
      assert.match(page, /<h1>الرافدين اليوم<\/h1>/);
      assert.match(page, /href="\/sources\/2\/feed.atom"/);
      assert.equal((await app.request('/sources/999')).status, 404);
      await store.close();
    });
  });

  describe('topic pages', () => {
    it('lists the entries a topic tagged, under the topic name, with feeds', async () => {
      const { store } = await populatedStore(d.open);
      await store.topics.saveDefinition({
        id: 'mek',
        // As the topics reader stores it (topics/stored.ts): the pages read it with the same reader.
        definition: {
          id: 'mek',
          name: 'MEK / PMOI',
          description: 'One organisation under all its names.',
          entities: [{ name: 'Mojahedin-e Khalq', acronyms: ['MEK', 'PMOI'] }],
        },
      });
      for (const id of [1, 2, 5]) {
        const e = (await store.entries.get(id))!;
        await store.topics.setEntryTopics(id, e.publishedAt, [{ topicId: 'mek', matches: [] }]);
      }
      const app = makeApp(store);
      const page = await (await app.request('/topics/mek')).text();
      assert.deepEqual(teaserIds(page), [1, 5, 2]);
      assert.match(page, /<h1>MEK \/ PMOI<\/h1>/);
      assert.match(page, /One organisation under all its names\./);
      assert.match(page, /href="\/topics\/mek\/feed.rss"/);
      const feed = await app.request('/topics/mek/feed.json');
      assert.equal(((await feed.json()) as { items: unknown[] }).items.length, 3);
      assert.equal((await app.request('/topics/nothing')).status, 404);
      await store.close();
    });
  });

  describe('article page', () => {
    it('shows title, source, dates, sanitised content, original link and related placeholder', async () => {
      const { store, ids } = await populatedStore(d.open);
      await store.entries.saveBatch(ids.wire, [
        entry('x1', 'Scripted story', 'Body text.', BASE_TIME, {
          author: 'Rana Haddad',
          contentHtml: '<p>Body <b>text</b>.</p><script>alert(1)</script><img src="x" onerror="alert(2)">',
        }),
      ]);
      const app = makeApp(store);
      const res = await app.request('/entries/7');
      assert.equal(res.status, 200);
      const page = await res.text();
      assert.match(page, /<h1 id="title">Scripted story<\/h1>/);
      assert.match(page, /By <bdi>Rana Haddad<\/bdi>/);
      assert.match(page, /<b>text<\/b>/);
      assert.doesNotMatch(page, /<script>alert/);
      assert.doesNotMatch(page, /onerror/);
      assert.match(page, /<a href="https:\/\/news.example\/x1" rel="noopener noreferrer">Read the original at Harbour Wire<\/a>/);
      // No promise of a feature that does not exist yet: no "Related stories" placeholder.
      assert.doesNotMatch(page, /Related stories|class="related"/);
      assert.equal((await app.request('/entries/999')).status, 404);
      await store.close();
    });

    it('prefers the full text over the feed content', async () => {
      const { store } = await populatedStore(d.open);
      await store.entries.setFullText(1, { fullHtml: '<p>The whole article, fetched.</p>', extractStatus: 'done' });
      const page = await (await makeApp(store).request('/entries/1')).text();
      assert.match(page, /The whole article, fetched\./);
      assert.doesNotMatch(page, /<div class="content"><p>Judges/);
      await store.close();
    });

    it('lays out an RTL article right-to-left', async () => {
      const { store } = await populatedStore(d.open);
      const page = await (await makeApp(store).request('/entries/5')).text();
      assert.match(page, /<article class="entry" lang="ar" dir="rtl"/);
      await store.close();
    });
  });

  describe('sources health page', () => {
    it('shows status, last fetch, next check and error', async () => {
      const { store, ids } = await populatedStore(d.open);
      await store.sources.update(ids.persian, {
        status: 'failing',
        errorCount: 3,
        lastError: 'HTTP 503 from khabar.example',
        lastCheckedAt: BASE_TIME,
      });
      const page = await (await makeApp(store).request('/sources')).text();
      assert.match(page, /3 sources, <strong>1 failing<\/strong>/);
      assert.match(page, /class="status-failing">failing \(3 errors\)/);
      // The stored message stays off public pages (it can quote credentials or internal
      // addresses); a row without a key reads as the catalogued "other" reason.
      assert.doesNotMatch(page, /khabar\.example/);
      assert.match(page, /The check failed\./);
      assert.match(page, /<a href="\/sources\/1">Harbour Wire<\/a>/);
      await store.close();
    });
  });

  describe('search page', () => {
    const search = async (q: string, extra = ''): Promise<{ ids: number[]; page: string }> => {
      const { store } = await populatedStore(d.open);
      const page = await (await makeApp(store).request(`/search?q=${encodeURIComponent(q)}${extra}`)).text();
      await store.close();
      return { ids: teaserIds(page), page };
    };

    it('finds words and highlights them', async () => {
      const { ids, page } = await search('Ashraf');
      assert.deepEqual(ids, [1]);
      assert.match(page, /<mark>Ashraf<\/mark>/);
      assert.match(page, /<meta name="robots" content="noindex">/);
    });

    it('supports phrases, prefixes, OR and exclusion', async () => {
      assert.deepEqual((await search('"container berth"')).ids, [3]);
      assert.deepEqual((await search('"berth container"')).ids, []);
      assert.deepEqual((await search('mojahed*')).ids.sort(), [1, 2]);
      assert.deepEqual((await search('harbour OR weather')).ids.sort(), [3, 4]);
      assert.deepEqual((await search('mojahed* -Paris')).ids, [1]);
    });

    it('filters by source, language and date', async () => {
      assert.deepEqual((await search('مجاهدین OR Ashraf OR مجاهدي', '&lang=fa')).ids, [6]);
      assert.deepEqual((await search('court', '&source=2')).ids, []);
      assert.deepEqual((await search('court', '&source=1')).ids, [1]);
      assert.deepEqual((await search('mojahed*', '&from=2026-11-21')).ids, []);
      assert.deepEqual((await search('mojahed*', '&from=2026-11-20&to=2026-11-20')).ids.sort(), [1, 2]);
    });

    it('matches Arabic and Persian spellings of ya and kaf', async () => {
      // The Arabic story writes مجاهدي with Arabic ya; a Persian keyboard types ی.
      assert.deepEqual((await search('مجاهدی')).ids, [5]);
    });

    it('escapes stored text around highlights', async () => {
      const { page } = await search('storm');
      assert.match(page, /warns of &lt;<mark>storm<\/mark>&gt; &amp; &quot;floods&quot;/);
    });

    it('pages ranked results without repeats', async () => {
      const { store } = await populatedStore(d.open);
      const app = makeApp(store, { pageSize: 1 });
      const seen: number[] = [];
      let url: string | undefined = `/search?q=${encodeURIComponent('mojahed* OR storm OR berth')}`;
      while (url) {
        const page = await (await app.request(url)).text();
        seen.push(...teaserIds(page));
        const more = /<a href="([^"]+)" rel="next">More results ›<\/a>/.exec(page);
        url = more ? more[1]!.replace(/&amp;/g, '&') : undefined;
      }
      assert.deepEqual([...seen].sort(), [1, 2, 3, 4]);
      await store.close();
    });

    it('explains a query of exclusions only', async () => {
      const { ids, page } = await search('-Paris');
      assert.deepEqual(ids, []);
      assert.match(page, /role="alert"/);
    });
  });

  describe('HTTP caching and compression', () => {
    it('answers If-None-Match and If-Modified-Since with 304', async () => {
      const { store } = await populatedStore(d.open);
      const app = makeApp(store);
      const first = await app.request('/');
      const etag = first.headers.get('etag');
      const lastModified = first.headers.get('last-modified');
      assert.ok(etag && lastModified);
      const again = await app.request('/', { headers: { 'if-none-match': etag } });
      assert.equal(again.status, 304);
      assert.equal(await again.text(), '');
      assert.equal((await app.request('/', { headers: { 'if-modified-since': lastModified } })).status, 304);
      const feed = await app.request('/feed.atom');
      assert.equal((await app.request('/feed.atom', { headers: { 'if-none-match': feed.headers.get('etag')! } })).status, 304);
      // A new entry changes the page, so the old validator no longer matches.
      await store.entries.saveBatch(1, [entry('late', 'Late story', 'Text.', BASE_TIME + HOUR)]);
      const changed = await app.request('/', { headers: { 'if-none-match': etag } });
      assert.equal(changed.status, 200);
      assert.notEqual(changed.headers.get('etag'), etag);
      await store.close();
    });

    it('compresses with br or gzip as the client accepts', async () => {
      const { store } = await populatedStore(d.open);
      const app = makeApp(store);
      const plain = await (await app.request('/')).text();
      const br = await app.request('/', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
      assert.equal(br.headers.get('content-encoding'), 'br');
      assert.equal(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString(), plain);
      const gz = await app.request('/', { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(gz.headers.get('content-encoding'), 'gzip');
      assert.equal(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString(), plain);
      const none = await app.request('/', { headers: { 'accept-encoding': 'br;q=0, gzip;q=0' } });
      assert.equal(none.headers.get('content-encoding'), null);
      assert.match(none.headers.get('vary') ?? '', /Accept-Encoding/);
      await store.close();
    });
  });

  describe('operations endpoints', () => {
    it('serves /healthz and Prometheus /metrics', async () => {
      const { store } = await populatedStore(d.open);
      const app = makeApp(store);
      const h = await app.request('/healthz');
      assert.equal(h.status, 200);
      assert.deepEqual(await h.json(), { status: 'ok' });
      await app.request('/');
      await app.request('/');
      const m = await (await app.request('/metrics')).text();
      assert.match(m, /# TYPE newsdesk_http_requests_total counter/);
      assert.match(m, /newsdesk_http_requests_total\{route="\/",status="200"\} 2/);
      assert.match(m, /newsdesk_http_request_duration_seconds_bucket\{route="\/",le="\+Inf"\} 2/);
      assert.match(m, /newsdesk_sources\{status="new"\} 3/);
      assert.match(m, /newsdesk_entries 6/);
      assert.match(m, /newsdesk_fetch_queue_depth 3/);
      await store.close();
    });

    it('serves the stylesheet with immutable caching and 404s unknown paths', async () => {
      const { store } = await populatedStore(d.open);
      const app = makeApp(store);
      const page = await (await app.request('/')).text();
      const css = /<link rel="stylesheet" href="([^"]+)">/.exec(page)![1]!;
      const res = await app.request(css);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('cache-control') ?? '', /immutable/);
      assert.match(await res.text(), /prefers-color-scheme:dark/);
      assert.equal((await app.request('/nope')).status, 404);
      await store.close();
    });
  });
});
