// An entry saved without a language (its feed names none and its three-word headline is too short
// to tell) gets one when its article is read in full and the page names none either: the text
// read says the language (src/pipeline/detect-language.ts). Real HTTP on 127.0.0.1, a real
// extraction worker, SQLite.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { extractionRig, type ExtractionRig } from '../helpers/extraction-rig.js';
import { type FixtureServer, rssFeed, startFixtureServer } from '../helpers/fixture-server.js';

const html = (body: string) => ({ headers: { 'content-type': 'text/html; charset=utf-8' }, body });

const PARAGRAPHS = [
  'Der Stadtrat hat am Dienstagabend nach einer langen Debatte beschlossen, das alte Hallenbad am Marktplatz bis zum Herbst zu sanieren.',
  'Die Kosten werden auf rund vier Millionen Euro geschätzt; ein Teil soll aus Fördermitteln des Landes kommen, der Rest aus dem städtischen Haushalt.',
  'Während der Bauarbeiten können Schulen und Vereine das Bad in der Nachbargemeinde nutzen, teilte die Verwaltung mit.',
  'Mehrere Fraktionen hatten zuvor gefordert, die Öffnungszeiten nach der Sanierung auszuweiten und die Eintrittspreise stabil zu halten.',
];
// No lang attribute anywhere: the page does not say its language.
const ARTICLE = `<!doctype html><html><head><title>Bus Radio Festival</title></head><body><main><article>
<h1>Bus Radio Festival</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}</article></main></body></html>`;

describe('an entry without a language read in full', () => {
  let srv: FixtureServer;
  let rig: ExtractionRig;

  before(async () => {
    srv = await startFixtureServer({ '/articles/bad': html(ARTICLE) });
    srv.route('/feed.xml', {
      headers: { 'content-type': 'application/rss+xml' },
      body: rssFeed('Stadtbote', [{ guid: 'bad', title: 'Bus Radio Festival', link: `${srv.url}/articles/bad` }]),
    });
    rig = await extractionRig({
      overrides: { connectTimeoutMs: 5000, totalTimeoutMs: 60_000 },
      pool: { timeBudgetMs: 5000, hardLimitMs: 180_000, maxHeapMb: 256 },
      concurrency: 1,
    });
    await rig.store.sources.add({ url: `${srv.url}/feed.xml`, extractMode: 'short' });
  });

  after(async () => {
    await rig.close();
    await srv.close();
  });

  it('takes the language of the text read', { timeout: 120_000 }, async () => {
    await rig.poll();
    const e = (await rig.byPath()).get('/articles/bad');
    assert.equal(e?.extractStatus, 'done');
    assert.equal(e?.lang, 'de');
    assert.equal(e?.dir, 'ltr');
  });
});
