// Metadata from the page's own story object wherever the JSON-LD nests it (metadata.ts,
// ld-stories.ts): Yoast-style @graph with an author given by reference, a NewsArticle as a
// WebPage's mainEntity, a listing's stories (not the page's), nested paywall marks, authors as a
// list of Persons and Organizations, and hostile JSON-LD on these paths. Every page here is
// written for the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeTree, parseDocument } from '../../../src/ingest/extract/dom.js';
import { MAX_DEPTH, extractArticle } from '../../../src/ingest/extract/index.js';
import { type PageMetadata, readMetadata } from '../../../src/ingest/extract/metadata.js';
import { cpuMs } from '../../helpers/cpu-time.js';

const SITE = 'https://fjord-gazette.example';
const URL_ = `${SITE}/2026/11/ferry-timetable-changes`;
const HEADLINE = 'Winter ferry timetable cuts two evening crossings';
const PAYWALL_WARNING = 'the page marks its article as not free to read (paywall); content may be a teaser';

function ld(...objects: unknown[]): string {
  return objects.map((o) => `<script type="application/ld+json">${JSON.stringify(o).replaceAll('</', '<\\/')}</script>`).join('\n');
}

const PROSE = Array.from(
  { length: 6 },
  (_, i) =>
    `<p>Ferry paragraph ${i + 1}: the operator says the two late crossings carried fewer than a dozen cars a night last winter, and the harbour board agreed to move the crews to the morning runs, which fill early.</p>`,
).join('');

/** An article page without a byline or date in its HTML or <meta>: only the JSON-LD names them. */
function page(head: string, title = HEADLINE, ogTitle = title): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title} | Fjord Gazette</title>
<meta property="og:title" content="${ogTitle}">${head}</head>
<body><header><a href="/">Fjord Gazette</a><nav><a href="/news">News</a> <a href="/ferries">Ferries</a></nav></header>
<main><article><h1>${title}</h1>${PROSE}</article></main><footer><p>© Fjord Gazette</p></footer></body></html>`;
}

function meta(html: string, url = URL_): PageMetadata {
  const doc = parseDocument(html);
  const { index } = normalizeTree(doc, MAX_DEPTH);
  return readMetadata(doc, index, url, {}, url);
}

test('Yoast-style @graph: the author given by @id is the Person of the same graph; datePublished, not dateModified', () => {
  const graph = {
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'WebPage', '@id': `${URL_}/#webpage`, url: `${URL_}/`, name: `${HEADLINE} | Fjord Gazette` },
      {
        '@type': 'Article',
        '@id': `${URL_}/#article`,
        isPartOf: { '@id': `${URL_}/#webpage` },
        mainEntityOfPage: { '@id': `${URL_}/#webpage` },
        headline: HEADLINE,
        author: { '@id': `${SITE}/#/schema/person/4f1c` },
        datePublished: '2026-11-28T06:30:00+00:00',
        dateModified: '2026-12-02T18:05:00+00:00',
        publisher: { '@id': `${SITE}/#organization` },
      },
      { '@type': 'Person', '@id': `${SITE}/#/schema/person/4f1c`, name: 'Ingrid Solberg' },
      { '@type': 'Organization', '@id': `${SITE}/#organization`, name: 'Fjord Gazette' },
      { '@type': 'WebSite', '@id': `${SITE}/#website`, name: 'Fjord Gazette' },
    ],
  };
  const m = meta(page(ld(graph)));
  assert.equal(m.byline, 'Ingrid Solberg');
  assert.equal(m.published, '2026-11-28T06:30:00+00:00');
  assert.equal(m.title, HEADLINE);
  const r = extractArticle({ bytes: page(ld(graph)), url: URL_ });
  assert.equal(r.byline, 'Ingrid Solberg');
  assert.equal(r.published, '2026-11-28T06:30:00+00:00');
  // A reference to a Person of another block is not followed (another graph's ids are its own).
  const split = { ...graph, '@graph': graph['@graph'].filter((o) => o['@type'] !== 'Person') };
  const other = { '@context': 'https://schema.org', '@type': 'Person', '@id': `${SITE}/#/schema/person/4f1c`, name: 'Somebody Else' };
  assert.equal(meta(page(ld(split, other))).byline, null);
});

test("a NewsArticle as a WebPage's mainEntity gives the title, byline and date", () => {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'WebPage',
    url: URL_,
    name: 'Ferries | Fjord Gazette',
    mainEntity: {
      '@type': 'NewsArticle',
      headline: HEADLINE,
      author: { '@type': 'Person', name: 'Per Aasen' },
      datePublished: '2026-11-28T06:30:00Z',
      dateModified: '2026-11-30T09:00:00Z',
    },
  };
  // The page's social title is a different wording: the story is the page's by its place, not its title.
  const html = page(ld(data), HEADLINE, 'Evening ferries cut');
  const m = meta(html);
  assert.equal(m.title, HEADLINE);
  assert.equal(m.byline, 'Per Aasen');
  assert.equal(m.published, '2026-11-28T06:30:00Z');
  const r = extractArticle({ bytes: html, url: URL_ });
  assert.equal(r.byline, 'Per Aasen');
  assert.equal(r.published, '2026-11-28T06:30:00Z');
  // Only a dateModified: no date from the story (never the change date as the publication date).
  const changed = { ...data, mainEntity: { ...data.mainEntity, datePublished: undefined } };
  assert.equal(meta(page(ld(changed), HEADLINE, 'Evening ferries cut')).published, null);
});

/** A topic page listing five stories, each with its own address, in @graph beside an ItemList of references. */
function listing(pageUrl: string): string {
  const stories = Array.from({ length: 5 }, (_, i) => ({
    '@type': 'NewsArticle',
    '@id': `${SITE}/2026/11/story-${i + 1}#article`,
    url: `${SITE}/2026/11/story-${i + 1}`,
    headline: `Listed story number ${i + 1} about the harbour works`,
    author: { '@type': 'Person', name: `Reporter ${i + 1}` },
    datePublished: `2026-11-2${i}T08:00:00Z`,
  }));
  const data = {
    '@context': 'https://schema.org',
    '@graph': [
      ...stories,
      { '@type': 'CollectionPage', '@id': `${pageUrl}#page`, url: pageUrl, name: 'Harbour news' },
      {
        '@type': 'ItemList',
        itemListElement: stories.map((s, i) => ({ '@type': 'ListItem', position: i + 1, item: { '@id': s['@id'] } })),
      },
    ],
  };
  return `<!DOCTYPE html><html lang="en"><head><title>Harbour news | Fjord Gazette</title>
<meta property="og:title" content="Harbour news">${ld(data)}</head><body><main><h1>Harbour news</h1>
${stories.map((s) => `<article><h2><a href="${s.url}">${s.headline}</a></h2><p>A short teaser of the story.</p></article>`).join('')}
</main></body></html>`;
}

test("a listing's five NewsArticles are not the page's story; the one at the page's address is", () => {
  const topic = `${SITE}/topics/harbour`;
  const m = meta(listing(topic), topic);
  assert.equal(m.title, 'Harbour news');
  assert.equal(m.byline, null);
  assert.equal(m.published, null);
  assert.equal(m.ownStory, null);
  // Read at the third story's address (the same markup served there), the third is the page's.
  const third = `${SITE}/2026/11/story-3`;
  const at = meta(listing(third), third);
  assert.equal(at.title, 'Listed story number 3 about the harbour works');
  assert.equal(at.byline, 'Reporter 3');
  assert.equal(at.published, '2026-11-22T08:00:00Z');
  // Nested in the ItemList (listItem.item), the same.
  const nested = {
    '@context': 'https://schema.org',
    '@type': 'ItemList',
    itemListElement: Array.from({ length: 5 }, (_, i) => ({
      '@type': 'ListItem',
      item: { '@type': 'NewsArticle', url: `${SITE}/x/${i}`, headline: `Nested listed story ${i}`, author: { name: `R${i}` } },
    })),
  };
  const n = meta(page(ld(nested), 'Harbour news'), topic);
  assert.equal(n.title, 'Harbour news');
  assert.equal(n.byline, null);
});

test('a nested isAccessibleForFree false, on the story object or around it, gives the paywall warning', () => {
  const story = { '@type': 'NewsArticle', headline: HEADLINE, datePublished: '2026-11-28T06:30:00Z' };
  const marks = [
    // on the story object, nested as mainEntity
    { '@context': 'https://schema.org', '@type': 'WebPage', url: URL_, mainEntity: { ...story, isAccessibleForFree: false } },
    // on a part of the story object (the paywalled section)
    {
      '@context': 'https://schema.org',
      '@type': 'WebPage',
      url: URL_,
      mainEntity: { ...story, hasPart: { '@type': 'WebPageElement', isAccessibleForFree: 'False', cssSelector: '.locked' } },
    },
    // around it: a WebPage inside @graph whose mainEntity is the story
    {
      '@graph': [
        { '@type': 'WebSite', name: 'Fjord Gazette' },
        { '@type': 'ItemPage', isPartOf: { isAccessibleForFree: false }, mainEntity: story },
      ],
    },
  ];
  for (const data of marks) {
    const html = page(ld(data));
    assert.equal(meta(html).paywalled, true, JSON.stringify(data));
    const r = extractArticle({ bytes: html, url: URL_ });
    assert.equal(r.warnings.filter((w) => w === PAYWALL_WARNING).length, 1, r.warnings.join('; '));
  }
  // Free (or unmarked) stays without the warning.
  const free = extractArticle({
    bytes: page(ld({ '@type': 'WebPage', url: URL_, mainEntity: { ...story, isAccessibleForFree: true } })),
    url: URL_,
  });
  assert.ok(!free.warnings.some((w) => w.includes('paywall')), free.warnings.join('; '));
});

test('an author list of Persons and Organizations, one by reference, gives every name once, in order', () => {
  const data = {
    '@context': 'https://schema.org',
    '@graph': [
      {
        '@type': 'WebPage',
        '@id': `${URL_}#webpage`,
        url: URL_,
        mainEntity: {
          '@type': 'ReportageNewsArticle',
          headline: HEADLINE,
          author: [
            { '@type': 'Person', name: 'Ola Nordmann' },
            { '@id': `${SITE}/people/kari` },
            { '@type': 'Organization', name: 'Nordic Wire' },
            { '@type': 'Person', name: 'Ola Nordmann' },
          ],
        },
      },
      { '@type': 'Person', '@id': `${SITE}/people/kari`, name: 'Kari Holm' },
    ],
  };
  const html = page(ld(data), HEADLINE, 'Ferries cut');
  assert.equal(meta(html).byline, 'Ola Nordmann, Kari Holm, Nordic Wire');
  assert.equal(extractArticle({ bytes: html, url: URL_ }).byline, 'Ola Nordmann, Kari Holm, Nordic Wire');
});

/** Milliseconds of CPU one call takes (not wall time: a loaded machine does not stretch it). */
function timed(f: () => void): number {
  return cpuMs(f);
}

test('hostile JSON-LD on the story paths: a 10,000-deep mainEntity chain, 50,000 stories in @graph, a 1 MB headline', () => {
  const story = JSON.stringify({ '@type': 'NewsArticle', headline: 'The story at the bottom', author: { name: 'Deep Writer' } });
  const chain = (n: number) => `${`{"@type":"WebPage","url":"${URL_}","mainEntity":`.repeat(n)}${story}${'}'.repeat(n)}`;
  const script = (s: string) => `<script type="application/ld+json">${s}</script>`;
  let m = meta(page(''));
  // 10,000 levels: past the walk's bound, not read; no stack overflow, bounded time.
  let ms = timed(() => {
    m = meta(page(script(chain(10_000))));
  });
  assert.equal(m.title, HEADLINE);
  assert.equal(m.byline, null);
  assert.ok(ms < 2000, `${ms} ms`);
  assert.doesNotThrow(() => extractArticle({ bytes: page(script(chain(10_000))), url: URL_ }));
  // A few levels down it is the page's story (each WebPage at the page's address).
  assert.equal(meta(page(script(chain(3)))).byline, 'Deep Writer');
  // 50,000 stories in @graph (written short, to fit the page's MAX_HTML_CHARS): a bounded number
  // read, none of them the page's (a listing), the page's own titles kept.
  const many = `{"@graph":[${Array.from({ length: 50_000 }, (_, i) => `{"@type":"NewsArticle","headline":"S${i}","author":"A${i}"}`).join(',')}]}`;
  ms = timed(() => {
    m = meta(page(script(many)));
  });
  assert.equal(m.title, HEADLINE);
  assert.equal(m.byline, null);
  assert.ok(ms < 2000, `${ms} ms`);
  // A headline 1 MB long, as the mainEntity of the page's WebPage: the title is what a 1 MB
  // og:title gives (the extractor passes titles whole; the store cuts them to MAX_TITLE_CHARS).
  const long = 'Ferry '.repeat(175_000).trim();
  const nestedLong = page(ld({ '@type': 'WebPage', url: URL_, mainEntity: { '@type': 'NewsArticle', headline: long } }), 'Short', 'Short');
  const ogLong = page('', 'Short', long);
  ms = timed(() => {
    m = meta(nestedLong);
  });
  assert.equal(m.title, meta(ogLong).title);
  assert.equal(m.title?.length, long.length);
  assert.ok(ms < 2000, `${ms} ms`);
  assert.doesNotThrow(() => extractArticle({ bytes: nestedLong, url: URL_ }));
});
