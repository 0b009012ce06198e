// Bylines that name someone, and dates in figures written day first (x-names): made-up pages,
// each assertion failing on the build before the round (checked against main's dist).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { prose } from './helpers.js';
import { figureOrder } from '../../../src/ingest/extract/dates.js';

const URL = 'https://harbour.example/news/ferry-link';

/** A page whose byline elements stand in its header (before the story, where Readability does not take them), `extra` after the story. */
function page(top: string, opts: { lang?: string; head?: string; extra?: string; seed?: string } = {}) {
  const html = `<!DOCTYPE html><html${opts.lang === undefined ? ' lang="en"' : opts.lang ? ` lang="${opts.lang}"` : ''}><head><title>Ferry link approved</title>${opts.head ?? ''}</head><body>
<header>${top}<nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article><h1>Ferry link approved</h1>
${prose(opts.seed ?? 'The ferry story', 8)}
</article>${opts.extra ?? ''}</main></body></html>`;
  return extractArticle({ bytes: Buffer.from(html), url: URL });
}

test("a byline element named after its own word is a label or a control, not a name: the next byline's name is read", () => {
  const follow = '<div class="author-info"><a class="author-info__follow-button" href="/login">Follow</a></div>';
  assert.equal(page(follow).byline, null);
  assert.equal(page(`${follow}<span class="byline__name">Jane Roe</span>`).byline, 'Jane Roe');
  // A menu item whose id is made of its link's address.
  assert.equal(page('<ul><li id="httpharbourexampleauthors-ss"><a href="/authors/">Authors</a></li></ul>').byline, null);
});

test('one word the page writes in lower case as a word of its text is a common word, not a name; a name in an address is still one', () => {
  const about = '<a rel="author" href="/about">About</a>';
  assert.equal(page(about, { seed: 'A story about the ferry' }).byline, null);
  const vortex = '<a rel="author" href="/author/vortex/">Vortex</a>';
  assert.equal(page(vortex, { seed: 'Write to vortex.cannon@example.org: the ferry' }).byline, 'Vortex');
});

test("a byline in lower-case words names no one and ends the search: a later byline is a teaser's", () => {
  const teasers =
    '<div class="teaser"><p><em class="byline">By staff writers</em> A storm.</p></div><div class="teaser"><p><em class="byline">Liz Thomas</em> A show.</p></div>';
  assert.equal(page(teasers).byline, null);
  // One word in lower case is a handle, kept as the page gives it; names in scripts without capitals are kept.
  assert.equal(page('<span class="author">gizzmo</span>').byline, 'gizzmo');
  assert.equal(page('<span class="author">谢若含</span>', { lang: 'zh' }).byline, '谢若含');
  assert.equal(page('<span class="author">محمد علي</span>', { lang: 'ar' }).byline, 'محمد علي');
});

test('the word that introduces a cut date, a label after one word and a clause in lower case go with the fields they belong to', () => {
  const ebert =
    '<span class="byline"> By <span class="vcard author">Roger Ebert</span> on <abbr class="published" title="2012-11-08">November 8, 2012 11:04 PM</abbr> </span>';
  assert.equal(page(ebert).byline, 'Roger Ebert');
  const filed =
    '<div id="post-author">Article by <a href="/Steph">Steph,</a> filed under <a href="/cat/cities">Cities &amp; Urbanism</a> in the <a href="/cat/arch">Architecture</a> category.</div>';
  assert.equal(page(filed).byline, 'Steph');
});

test("a date field in another language's words ends the names", () => {
  const by = '<div class="author-info__txt"><span>Sara Zinnecker</span> <span>Stand: 05. Februar 2020</span></div>';
  assert.equal(page(by, { lang: 'de' }).byline, 'Sara Zinnecker');
});

test("a testimonial's or a quotation's author is no byline of the story", () => {
  const quote =
    '<div class="row testimonial-author"><div class="testimonial-author-info"><div>Kundin A.K.</div><div>Ein Partner-Service</div></div></div>';
  assert.equal(page(quote, { lang: 'de' }).byline, null);
  assert.equal(page('<blockquote><p>Ferries!</p><span class="author">Jane Roe</span></blockquote>').byline, null);
});

test('the page language tells the order of day and month in figures (CLDR through Intl); English without a region does not', () => {
  assert.deepEqual(figureOrder('en-GB'), { dayFirst: true, separator: '/' });
  assert.deepEqual(figureOrder('en-US'), { dayFirst: false, separator: '/' });
  assert.deepEqual(figureOrder('de-DE'), { dayFirst: true, separator: '.' });
  assert.equal(figureOrder('en'), null);
  assert.equal(figureOrder('ja'), null);
  assert.equal(figureOrder('zz'), null);
  assert.equal(figureOrder(null), null);
});

test('a date in figures, day first, is read by the figures or by the page language, never guessed', () => {
  const meta = (v: string) => `<meta property="article:published_time" content="${v}">`;
  // The page's language writes day first with this mark.
  assert.equal(page('', { lang: 'fr', head: meta('06/12/2026 10:30') }).published, '2026-12-06T10:30:00');
  assert.equal(page('<div class="pubdate">6.12.2026</div>', { lang: 'de' }).published, '2026-12-06');
  // Month first where the language writes it so.
  assert.equal(page('', { lang: 'en-US', head: meta('06/12/2026 10:30') }).published, '2026-06-12T10:30:00');
  // A day above 12 says which is the day, whatever the language.
  assert.equal(page('', { head: meta('13/06/2026') }).published, '2026-06-13');
  assert.equal(page('<div class="pubdate">13.06.2026</div>', { lang: '' }).published, '2026-06-13');
  // Ambiguous without evidence: English without a region, no language, or another mark than the language's.
  assert.equal(page('', { head: meta('06/12/2026 10:30') }).published, null);
  assert.equal(page('', { lang: '', head: meta('06/12/2026') }).published, null);
  assert.equal(page('', { lang: 'de', head: meta('11/01/2023 12:43:42') }).published, null);
});
