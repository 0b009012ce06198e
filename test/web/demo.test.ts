// The demo end to end: the bundled sample feeds served on 127.0.0.1, fetched by the real
// scheduler, shown on the topic page.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { buildPipeline } from '../../src/server/pipeline.js';
import { createLogger } from '../../src/log/logger.js';
import { parseFeed } from '../../src/ingest/parse/index.js';
import type { Store } from '../../src/store/store.js';
import { fillTokens, readSampleSources, registerSampleSources, startSampleServer, type SampleServer } from '../../src/server/demo-feeds.js';
import { makeApp, testConfig } from './helpers.js';
import { SAMPLE_TOPICS_FILE } from './topic-fixtures.js';
import { forEachDialect } from '../helpers/dialects.js';

// test/web → repository root (the same from dist/test/web, which has no samples of its own).
const root = new URL(import.meta.url.includes('/dist/') ? '../../../' : '../../', import.meta.url);
const samplesDir = fileURLToPath(new URL('samples/', root));

forEachDialect((d) => {
  let server: SampleServer;
  let store: Store;

  before(async () => {
    server = await startSampleServer(`${samplesDir}feeds`);
    store = await d.open();
  });
  after(async () => {
    await server.close();
    await store.close();
  });

  describe('demo with the bundled sample feeds', () => {
    it('has eight sample outlets whose feeds parse, one of them ill-formed', () => {
      const sources = readSampleSources(samplesDir);
      assert.equal(sources.length, 8);
      const bozo: string[] = [];
      let rtl = 0;
      for (const s of sources) {
        const text = fillTokens(readFileSync(`${samplesDir}feeds/${s.file}`, 'utf8'), Date.now(), 'http://127.0.0.1:1');
        assert.doesNotMatch(text, /\{\{/, `${s.file}: every token filled`);
        const f = parseFeed({ bytes: new TextEncoder().encode(text), url: `http://127.0.0.1:1/feeds/${s.file}` });
        if (f.bozo) bozo.push(s.file);
        // The broken feed loses some items to its unclosed tags; the rest are read liberally.
        assert.ok(f.entries.length >= (f.bozo ? 5 : 10), `${s.file}: ${f.entries.length} entries`);
        if (/^(ar|fa)/.test(f.feed.language ?? '')) rtl++;
      }
      assert.deepEqual(bozo, ['harbour-courier.xml']);
      assert.equal(rtl, 2);
    });

    it('fills the topic page from the sample server through the scheduler', async () => {
      assert.equal(await registerSampleSources(store, samplesDir, server), 8);
      const config = testConfig({ allowHosts: ['127.0.0.1/32'], extractMode: 'off', topicsFile: SAMPLE_TOPICS_FILE });
      // As `newsdesk demo` does: the sample topics first, so their step tags stories as they arrive.
      const pipeline = await buildPipeline({ store, config, log: createLogger('silent'), alerts: false });
      const scheduler = new Scheduler({ store, config, log: createLogger('silent'), steps: pipeline.steps, readers: pipeline.readers });
      try {
        const summary = await scheduler.pollOnce();
        assert.equal(summary.checked, 8);
        assert.equal(summary.failed, 0);
        assert.ok(summary.inserted >= 80, `inserted ${summary.inserted}`);
      } finally {
        await scheduler.close();
        await pipeline.close();
      }
      const app = makeApp(store);
      const page = await (await app.request('/')).text();
      // One teaser per story: as many as the store has stories (and unclustered entries), up to the page size.
      const heads = (await store.entries.list({ onePerStory: true, limit: 50 })).items.length;
      assert.ok(heads >= 30, `stories on the first page: ${heads}`);
      assert.equal([...page.matchAll(/<article class="teaser"/g)].length, heads);
      assert.match(page, /<article class="teaser" lang="ar" dir="rtl"/);
      assert.match(page, /<article class="teaser" lang="fa" dir="rtl"/);
      const sources = await (await app.request('/sources')).text();
      assert.equal([...sources.matchAll(/class="status-ok">ok/g)].length, 8);
      // One organisation under several names, found by an OR search over its spellings.
      const search = await (
        await app.request(
          `/search?q=${encodeURIComponent('MKO OR MEK OR PMOI OR mojahed* OR mujahed* OR mujahid* OR مجاهدین OR مجاهدي')}&offset=0`,
        )
      ).text();
      // One teaser per story, the story's other articles folded under it: 50 hits on fewer teasers.
      const searchTeasers = [...search.matchAll(/<article class="teaser"/g)].length;
      assert.ok(searchTeasers >= 20 && searchTeasers < 50, `search teasers: ${searchTeasers}`);
      assert.ok(new Set([...search.matchAll(/href="\/entries\/(\d+)"/g)].map((m) => m[1])).size >= 40);
      // The sample topic follows the organisation under all its names and scripts, and only it.
      const topicPage = await (await app.request('/topics/mek')).text();
      // What the topic holds, read from the store; the page shows each of its stories once.
      const tagged = (await store.entries.list({ topicId: 'mek', limit: 500 })).items;
      const titles = tagged.map((e) => e.title);
      assert.equal(titles.length, 42, titles.join('\n'));
      const stories = new Set(tagged.map((e) => (e.storyId ? `s${e.storyId}` : `e${e.id}`)));
      assert.ok(stories.size < 42, 'the demo feeds carry one event from several outlets');
      assert.equal([...topicPage.matchAll(/<article class="teaser"/g)].length, stories.size);
      for (const t of [
        'Rajavi loyalists hold rival rally in Tirana', // MEK with context
        'Former members speak at Mashhad seminar on cults', // Mujahedin Khalq
        'Memoir by former Mojahedin member becomes best-seller in Germany', // bare Mojahedin near "camps"
        'الأمم المتحدة تدعو إلى تسريع إعادة توطين أعضاء مجاهدي خلق',
        'خانواده‌های جداشده‌ها مقابل اردوگاه منافقین در آلبانی تجمع کردند',
      ])
        assert.ok(
          titles.some((x) => x.replace(/&#39;/g, "'") === t),
          `on the topic page: ${t}`,
        );
      for (const t of [
        'Art exhibition by exiled Iranian painters opens in Vienna',
        'Tehran metro adds line seven extension',
        'Baghdad book fair returns with 600 publishers',
      ]) {
        assert.ok(!titles.includes(t), `not on the topic page: ${t}`);
      }
      assert.match(topicPage, /<article class="teaser" lang="ar" dir="rtl"/);
      assert.match(topicPage, /<article class="teaser" lang="fa" dir="rtl"/);
      // A second registration (a restart) adds nothing.
      assert.equal(await registerSampleSources(store, samplesDir, server), 0);
    });
  });
});
