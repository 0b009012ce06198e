// The story's text from the page's structured data (structured-body.ts): pages rendered by
// scripts serve a skeleton while their JSON-LD story object carries the whole text in
// `articleBody`. Every page here is written for the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { MAX_ARTICLE_BODY_CHARS, bodyParagraphs } from '../../../src/ingest/extract/structured-body.js';
import { prose } from './helpers.js';

const URL_ = 'https://harbour.example/news/2026/ferry-timetable';
const HEADLINE = 'Night ferries return to the island timetable';

/** Six paragraphs of a story about the ferries, one per line as publishers write articleBody. */
function story(n = 6): string {
  return Array.from(
    { length: n },
    (_, i) =>
      `Ferry paragraph ${i + 1}: the harbour board restored the late crossings after islanders, nurses on night shifts and the two island schools asked for them, and the operator hired four more deckhands.`,
  ).join('\n');
}

function ld(...objects: unknown[]): string {
  // "</" written as "<\/", as publishers do, so that a "</script>" in a text does not end the block.
  return objects.map((o) => `<script type="application/ld+json">${JSON.stringify(o).replaceAll('</', '<\\/')}</script>`).join('\n');
}

function article(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: HEADLINE,
    url: URL_,
    datePublished: '2026-11-30T08:00:00Z',
    author: { '@type': 'Person', name: 'Ines Marlow' },
    articleBody: story(),
    ...extra,
  };
}

/** A Next.js-like page: the story is rendered by scripts, the HTML holds a shell and a notice. */
function skeleton(head: string, visible = '<p>Loading…</p>'): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${HEADLINE} | Harbour Post</title>
<meta property="og:title" content="${HEADLINE}">${head}</head>
<body><div id="__next"><header><a href="/">Harbour Post</a><nav><a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<main><h1>${HEADLINE}</h1>${visible}<noscript>You need to enable JavaScript to run this app.</noscript></main></div>
<script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{}}}</script></body></html>`;
}

const fromData = (w: string[]): boolean => w.some((x) => x.includes('structured data'));

test('a script-rendered page gets its story from its own JSON-LD articleBody, paragraph by paragraph', () => {
  const r = extractArticle({
    bytes: skeleton(ld({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebSite', name: 'Harbour Post' }, article()] })),
    url: URL_,
  });
  const paras = (r.text ?? '').split('\n\n');
  assert.equal(paras.length, 6);
  assert.match(paras[0] ?? '', /^Ferry paragraph 1: the harbour board/);
  assert.equal((r.html ?? '').match(/<p>/g)?.length, 6);
  assert.ok(fromData(r.warnings), r.warnings.join('; '));
  assert.equal(r.readerable, true);
  // Metadata as before.
  assert.equal(r.title, HEADLINE);
  assert.equal(r.byline, 'Ines Marlow');
  assert.match(r.published ?? '', /^2026-11-30/);
});

test('the story object is found in an array and by its address with a tracking query', () => {
  const r = extractArticle({
    bytes: skeleton(ld([{ '@type': 'BreadcrumbList', itemListElement: [] }, article({ '@type': ['ReportageNewsArticle'] })])),
    url: `${URL_}?utm_source=feed#top`,
  });
  assert.ok(fromData(r.warnings));
  assert.match(r.text ?? '', /Ferry paragraph 6/);
});

test('markup and entities inside articleBody come out as text, never as live HTML', () => {
  const body = [
    'Ferry paragraph one &amp; its <b>bold</b> claim that fares stay at &pound;3 &#8212; the board said &quot;for now&quot;, and islanders cheered at the quay.',
    '<script>alert("x")</script>Ferry paragraph two quotes the sign: &lt;img src=x onerror=alert(1)&gt; was written on the ticket office wall as a joke by a student.',
    `Ferry paragraph three. ${'The crossings run at eleven, at one and at three, every night of the week, from the first of December. '.repeat(4)}`,
  ].join('<br>');
  const r = extractArticle({ bytes: skeleton(ld(article({ articleBody: body }))), url: URL_ });
  assert.ok(fromData(r.warnings));
  const html = r.html ?? '';
  assert.ok(!/<(?:b|script|img)\b/i.test(html), html);
  assert.ok(!(r.text ?? '').includes('alert("x")'));
  assert.match(r.text ?? '', /one & its bold claim that fares stay at &pound;3 — the board said "for now"/);
  // The escaped tag in the text stays text: escaped again in the HTML.
  assert.match(r.text ?? '', /<img src=x onerror=alert\(1\)>/);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.equal((r.text ?? '').split('\n\n').length, 3);
});

test('a paywalled story object keeps what the page shows: articleBody is what the publisher withholds', () => {
  for (const flag of [false, 'False']) {
    const r = extractArticle({ bytes: skeleton(ld(article({ isAccessibleForFree: flag }))), url: URL_ });
    assert.ok(!fromData(r.warnings), `isAccessibleForFree ${String(flag)}`);
    assert.ok(!(r.text ?? '').includes('Ferry paragraph'));
    assert.ok(r.warnings.some((w) => w.includes('paywall')));
  }
  const part = article({ hasPart: { '@type': 'WebPageElement', isAccessibleForFree: 'false', cssSelector: '.locked' } });
  assert.ok(!fromData(extractArticle({ bytes: skeleton(ld(part)), url: URL_ }).warnings));
});

test('a teaser-only articleBody, shorter than the body on the page, leaves the page body', () => {
  const visible = `<article>${prose('Harbour', 4)}</article>`;
  const teaser = article({
    articleBody:
      'The harbour board restored the late crossings. Read the full story on our app, where subscribers get every crossing time first.',
  });
  const r = extractArticle({ bytes: skeleton(ld(teaser), visible), url: URL_ });
  assert.ok(!fromData(r.warnings));
  assert.match(r.text ?? '', /Harbour paragraph 4/);
  // A longer articleBody but not twice the page's body: the page's body stays too.
  const near = article({ articleBody: story(5) });
  assert.ok(!fromData(extractArticle({ bytes: skeleton(ld(near), visible), url: URL_ }).warnings));
});

test("a listing's story objects are other stories: none is taken", () => {
  const other = (i: number) => ({
    '@type': 'NewsArticle',
    headline: `Another harbour story number ${i} about the quay`,
    url: `https://harbour.example/news/2026/other-${i}`,
    articleBody: story(),
  });
  const r = extractArticle({ bytes: skeleton(ld({ '@context': 'https://schema.org', '@graph': [other(1), other(2)] })), url: URL_ });
  assert.ok(!fromData(r.warnings));
  // Two different stories both titled like the page: which is the page's is not known.
  const twins = [article({ url: undefined }), article({ url: undefined, articleBody: story(7) })];
  assert.ok(!fromData(extractArticle({ bytes: skeleton(ld(...twins)), url: URL_ }).warnings));
  // One of several objects is the page's (by headline, no address given): that one.
  const mine = extractArticle({ bytes: skeleton(ld(other(1), article({ url: undefined }), other(2))), url: URL_ });
  assert.ok(fromData(mine.warnings));
});

test('bad JSON-LD: broken JSON, articleBody as an object or a list, a huge body', () => {
  const broken = `<script type="application/ld+json">{"@type":"NewsArticle","headline":"${HEADLINE}","articleBody":"${story()}"</script>`;
  assert.ok(!fromData(extractArticle({ bytes: skeleton(broken), url: URL_ }).warnings));

  const asObject = extractArticle({ bytes: skeleton(ld(article({ articleBody: { text: story() } }))), url: URL_ });
  assert.ok(!fromData(asObject.warnings));

  // A list of strings (the same text twice counts once); a value object.
  const list = extractArticle({
    bytes: skeleton(ld(article({ articleBody: [story(3), story(3), 'Closing line of the ferry story.'] }))),
    url: URL_,
  });
  assert.ok(fromData(list.warnings));
  assert.equal((list.text ?? '').split('\n\n').length, 4);
  const value = extractArticle({ bytes: skeleton(ld(article({ articleBody: { '@value': story() } }))), url: URL_ });
  assert.ok(fromData(value.warnings));

  // Read up to MAX_ARTICLE_BODY_CHARS only.
  const huge = `${'Ferry line that goes on. '.repeat(20)}\n`.repeat(Math.ceil((MAX_ARTICLE_BODY_CHARS * 1.5) / 501));
  const paras = bodyParagraphs(huge);
  assert.ok(paras.join('\n\n').length <= MAX_ARTICLE_BODY_CHARS + 2 * paras.length);
  const r = extractArticle({ bytes: skeleton(ld(article({ articleBody: huge }))), url: URL_ });
  assert.ok(fromData(r.warnings));
  assert.ok((r.text ?? '').length <= MAX_ARTICLE_BODY_CHARS * 1.01);
});

test('a page whose own body is long keeps it even when articleBody is longer still', () => {
  const visible = `<article>${prose('Quay', 14)}</article>`;
  const long = article({ articleBody: `${story(30)}\n${story(30)}` });
  const r = extractArticle({ bytes: skeleton(ld(long), visible), url: URL_ });
  assert.ok(!fromData(r.warnings));
  assert.match(r.text ?? '', /Quay paragraph 14/);
});

test('articleBody: scripts and styles go with their content, and an unclosed one takes the rest with it', () => {
  assert.deepEqual(bodyParagraphs('First line.<SCRIPT type="x">var a = "<p>";</Script >Second line.<style>p{}</style>\nThird line.'), [
    'First line.',
    'Second line.',
    'Third line.',
  ]);
  // As a browser reads it: after an unclosed <script> everything is the script's, not text.
  assert.deepEqual(bodyParagraphs(`Kept line.\n<script>${'<script>'.repeat(5)}tracking();\nnot text`), ['Kept line.']);
  // Many unclosed openings still give the text before them, in one pass.
  assert.deepEqual(bodyParagraphs(`Kept line.\n${'<script>x'.repeat(100_000)}`), ['Kept line.']);
});
