// A language guessed from a feed's teaser yields to the language the article's page declares
// (`<html lang>`) when it is read in full: the page is the publisher's word, the guess only ours.
// A language the feed declares is still kept over the page's. Real HTTP on 127.0.0.1, a real
// extraction worker, SQLite (the column on both dialects: test/store/entry-lang-guessed.test.ts).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { extractionRig, type ExtractionRig } from '../helpers/extraction-rig.js';
import { type FixtureServer, rssFeed, startFixtureServer } from '../helpers/fixture-server.js';

const html = (body: string) => ({ headers: { 'content-type': 'text/html; charset=utf-8' }, body });

// A bilingual outlet: English teasers in the feed, the article itself in Spanish, its page says so.
const TEASER = 'The city council voted on Tuesday night to repair the old swimming pool by the market square before autumn.';
const PARAGRAPHS = [
  'El ayuntamiento aprobó el martes por la noche, tras un largo debate, reparar la antigua piscina cubierta de la plaza del mercado antes del otoño.',
  'Los costes se estiman en unos cuatro millones de euros; una parte procederá de ayudas regionales y el resto del presupuesto municipal.',
  'Durante las obras, los colegios y los clubes podrán usar la piscina del municipio vecino, según informó la administración.',
];
const ARTICLE = (lang: string) => `<!doctype html><html lang="${lang}"><head><title>Pool to be repaired</title></head><body><main><article>
<h1>Pool to be repaired before autumn</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}</article></main></body></html>`;

describe("a guessed language and the page's own", () => {
  let srv: FixtureServer;
  let rig: ExtractionRig;

  before(async () => {
    srv = await startFixtureServer({ '/articles/pool': html(ARTICLE('es')), '/declared/pool': html(ARTICLE('es')) });
    srv.route('/feed.xml', {
      headers: { 'content-type': 'application/rss+xml' },
      body: rssFeed('City Post', [
        { guid: 'pool', title: 'Pool to be repaired before autumn', link: `${srv.url}/articles/pool`, description: TEASER },
      ]),
    });
    // The same item in a feed that declares English: the declaration is kept.
    srv.route('/declared.xml', {
      headers: { 'content-type': 'application/rss+xml' },
      body: rssFeed('City Post (en)', [
        { guid: 'pool-en', title: 'Pool to be repaired before autumn', link: `${srv.url}/declared/pool`, description: TEASER },
      ]).replace('<channel>', '<channel><language>en</language>'),
    });
    rig = await extractionRig({
      overrides: { connectTimeoutMs: 5000, totalTimeoutMs: 60_000 },
      pool: { timeBudgetMs: 5000, hardLimitMs: 180_000, maxHeapMb: 256 },
      concurrency: 1,
    });
    await rig.store.sources.add({ url: `${srv.url}/feed.xml`, extractMode: 'short' });
    await rig.store.sources.add({ url: `${srv.url}/declared.xml`, extractMode: 'short' });
  });

  after(async () => {
    await rig.close();
    await srv.close();
  });

  it('takes the page’s declaration over the teaser’s guess, and keeps a feed’s declaration', { timeout: 120_000 }, async () => {
    await rig.poll();
    const byPath = await rig.byPath();
    const guessed = byPath.get('/articles/pool');
    assert.equal(guessed?.extractStatus, 'done');
    assert.equal(guessed?.lang, 'es');
    assert.equal(guessed?.langGuessed, undefined);
    const declared = byPath.get('/declared/pool');
    assert.equal(declared?.extractStatus, 'done');
    assert.equal(declared?.lang, 'en');
  });
});
