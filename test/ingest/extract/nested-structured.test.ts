// Stage 4f on structured data nested below the top of a JSON-LD block (structured-body.ts): the
// page's story object as a WebPage's `mainEntity`, in `@graph` items' `hasPart`, in arrays, and a
// LiveBlogPosting whose text is its `liveBlogUpdate`s; hostile JSON-LD (deep nesting, huge arrays,
// markup in strings). Every page here is written for the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { MAX_LD_ITEMS } from '../../../src/ingest/extract/json-ld.js';
import { STRUCTURED_MIN } from '../../../src/ingest/extract/structured-body.js';
import { cpuMs } from '../../helpers/cpu-time.js';

const URL_ = 'https://valley.example/news/2026/bridge-reopens';
const HEADLINE = 'The old valley bridge reopens after two years of repairs';

function story(n = 6): string {
  return Array.from(
    { length: n },
    (_, i) =>
      `Bridge paragraph ${i + 1}: the county engineers replaced the rusted bearings, relaid the deck in stone from the old quarry and repainted the railings in the green the villagers asked for.`,
  ).join('\n');
}

function ld(...objects: unknown[]): string {
  return objects.map((o) => `<script type="application/ld+json">${JSON.stringify(o).replaceAll('</', '<\\/')}</script>`).join('\n');
}

/** A script-rendered page: the HTML holds a shell; the story is in the JSON-LD only. */
function skeleton(head: string, title = HEADLINE): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title} | Valley Times</title>
<meta property="og:title" content="${title}">${head}</head>
<body><div id="root"><header><a href="/">Valley Times</a><nav><a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<main><h1>${title}</h1><p>Loading…</p><noscript>Please enable JavaScript to read this page.</noscript></main></div></body></html>`;
}

function article(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { '@type': 'NewsArticle', headline: HEADLINE, datePublished: '2026-12-01T07:00:00Z', articleBody: story(), ...extra };
}

const fromData = (w: string[]): boolean => w.some((x) => x.includes('structured data'));
const run = (head: string, title?: string) => extractArticle({ bytes: skeleton(head, title), url: URL_ });

test("a WebPage's mainEntity is the page's story: its articleBody is read (by the WebPage's address, the story without one)", () => {
  const r = run(
    ld({ '@context': 'https://schema.org', '@type': 'WebPage', url: URL_, mainEntity: article({ headline: 'Another wording' }) }),
  );
  assert.ok(fromData(r.warnings), r.warnings.join('; '));
  assert.equal((r.text ?? '').split('\n\n').length, 6);
  assert.match(r.text ?? '', /^Bridge paragraph 1/);
  // A list as mainEntity, inside @graph.
  const list = run(
    ld({
      '@graph': [
        { '@type': 'WebSite', name: 'Valley Times' },
        { '@type': 'ItemPage', '@id': `${URL_}#page`, mainEntity: [article()] },
      ],
    }),
  );
  assert.ok(fromData(list.warnings));
});

test("a story in an @graph item's hasPart, or in nested arrays, is found by its headline", () => {
  const part = run(ld({ '@graph': [{ '@type': 'WebPage', name: 'Valley Times news', hasPart: [{ '@type': 'WPHeader' }, article()] }] }));
  assert.ok(fromData(part.warnings));
  assert.match(part.text ?? '', /Bridge paragraph 6/);
  const arrays = run(ld([[{ '@type': 'CollectionPage', about: { '@type': 'Thing', subjectOf: [[article()]] } }]]));
  assert.ok(fromData(arrays.warnings));
});

test("nested stories of a listing (other addresses, other headlines) are not the page's", () => {
  const other = (i: number) => ({
    '@type': 'NewsArticle',
    headline: `Another valley story number ${i} about the river`,
    url: `https://valley.example/news/2026/other-${i}`,
    articleBody: story(),
  });
  const r = run(
    ld({
      '@type': 'WebPage',
      url: 'https://valley.example/news',
      mainEntity: { '@type': 'ItemList', itemListElement: [other(1), other(2)] },
    }),
  );
  assert.ok(!fromData(r.warnings));
});

test('a paywall mark anywhere around the nested story (the WebPage, a part) keeps what the page shows', () => {
  for (const head of [
    ld({ '@type': 'WebPage', url: URL_, isAccessibleForFree: false, mainEntity: article() }),
    ld({ '@type': 'WebPage', url: URL_, mainEntity: article({ hasPart: [{ '@type': 'WebPageElement', isAccessibleForFree: 'False' }] }) }),
  ]) {
    const r = run(head);
    assert.ok(!fromData(r.warnings));
    assert.ok(!(r.text ?? '').includes('Bridge paragraph'));
  }
});

const LIVE_URL = 'https://valley.example/live/flood-watch';
const LIVE_HEADLINE = 'Flood watch live: river levels along the valley';

/** Updates of a running story, newest first as live blogs print them. */
const UPDATES = [
  {
    headline: 'Footbridge closed at the mill',
    body: 'The council has closed the footbridge at the old mill after water reached the underside of the deck. A diversion runs through the market square.',
  },
  {
    headline: 'Sandbags handed out at the fire station',
    body: 'Volunteers are handing out sandbags at the fire station until eight tonight, five to a household.\nBring your own car: the crews cannot deliver.',
  },
  {
    // A headline that is only the start of the text, as some publishers write it: not repeated.
    headline: 'Good morning and welcome to our live coverage of the',
    body: 'Good morning and welcome to our live coverage of the flood watch on the river, with the warnings, the closures and your pictures as they come in.',
  },
];

function posting(updates = UPDATES, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@type': 'LiveBlogPosting',
    headline: LIVE_HEADLINE,
    url: LIVE_URL,
    articleBody: 'Follow the latest.',
    liveBlogUpdate: updates.map((u, i) => ({
      '@type': 'BlogPosting',
      headline: u.headline,
      url: `${LIVE_URL}#update-${updates.length - i}`,
      datePublished: `2026-12-04T1${8 - i}:00:00Z`,
      articleBody: u.body,
    })),
    ...extra,
  };
}

const live = (head: string) => extractArticle({ bytes: skeleton(head, LIVE_HEADLINE), url: LIVE_URL });

test('a live blog rendered by scripts gets its body from its liveBlogUpdates, in page order, headline as heading', () => {
  const r = live(ld(posting()));
  assert.ok(
    r.warnings.some((w) => w.includes('liveBlogUpdate, 3 updates')),
    r.warnings.join('; '),
  );
  assert.deepEqual((r.text ?? '').split('\n\n'), [
    'Footbridge closed at the mill',
    UPDATES[0]!.body,
    'Sandbags handed out at the fire station',
    ...UPDATES[1]!.body.split('\n'),
    UPDATES[2]!.body,
  ]);
  assert.equal((r.html ?? '').match(/<h2>/g)?.length, 2);
  assert.ok(!(r.text ?? '').includes('2026-12-04'), 'an update time kept');
  assert.equal(r.readerable, true);
  // Nested as a WebPage's mainEntity, found by the page's address on the WebPage.
  const nested = live(
    ld({ '@graph': [{ '@type': 'WebPage', url: LIVE_URL, mainEntity: posting(UPDATES, { url: undefined, headline: 'Live' }) }] }),
  );
  assert.equal(nested.text, r.text);
});

test("a live blog's updates are its parts: one update (the page's address and a fragment) is never taken as the story", () => {
  const long = UPDATES.map((u) => ({ ...u, body: `${u.body}\n${story(2)}` }));
  const r = live(ld(posting(long)));
  for (const u of long) assert.ok((r.text ?? '').includes(u.headline.slice(0, 20)) || (r.text ?? '').includes(u.body.slice(0, 40)));
  assert.equal((r.text ?? '').match(/Bridge paragraph 1/g)?.length, 3);
});

test('a live blog under the thresholds, or marked as not free, keeps what the page shows', () => {
  const short = live(ld(posting([UPDATES[0]!])));
  assert.ok(!fromData(short.warnings), `${UPDATES[0]!.body.length} < ${STRUCTURED_MIN}`);
  assert.ok(!fromData(live(ld(posting(UPDATES, { isAccessibleForFree: false }))).warnings));
  const closedUpdate = posting();
  (closedUpdate.liveBlogUpdate as Record<string, unknown>[])[1]!.isAccessibleForFree = false;
  assert.ok(!fromData(live(ld(closedUpdate)).warnings));
});

test('markup in update headlines and texts stays text: tags dropped, escaped tags escaped again in the HTML', () => {
  const hostile = [
    { headline: '<script>alert(1)</script>Bridge &lt;b&gt;closed&lt;/b&gt; <img src=x onerror=alert(2)>', body: UPDATES[0]!.body },
    {
      headline: 'Second update',
      body: `${UPDATES[1]!.body} It says &lt;iframe src=&quot;javascript:alert(3)&quot;&gt; on the <b>notice</b>.<style>p{}</style>`,
    },
    UPDATES[2]!,
  ];
  const r = live(ld(posting(hostile)));
  assert.ok(fromData(r.warnings));
  const html = r.html ?? '';
  assert.ok(!/<(?:script|img|iframe|b|style)\b/i.test(html), html);
  assert.ok(!(r.text ?? '').includes('alert(1)'));
  assert.match(r.text ?? '', /^Bridge <b>closed<\/b>$/m);
  assert.match(html, /Bridge &lt;b&gt;closed&lt;\/b&gt;/);
  assert.match(r.text ?? '', /<iframe src="javascript:alert\(3\)">/);
  assert.match(html, /&lt;iframe src="javascript:alert\(3\)"&gt;/);
});

/** Milliseconds of CPU one call takes (not wall time: a loaded machine does not stretch it). */
function timed(f: () => void): number {
  return cpuMs(f);
}

test('hostile JSON-LD: 10,000 levels of nesting, 50,000-item arrays, deep author lists do not blow up', () => {
  const deep = (inner: string, n: number) => `${'{"a":['.repeat(n)}${inner}${']}'.repeat(n)}`;
  const inner = JSON.stringify(article());
  const script = (s: string) => `<script type="application/ld+json">${s}</script>`;
  // A story 10,000 levels down is past the walk's bound: not read, no stack overflow.
  let r = run(script(deep(inner, 10_000)));
  assert.ok(!fromData(r.warnings));
  // Deep junk before the story does not hide it.
  r = run(script(`[${deep('1', 10_000)}, ${inner}]`));
  assert.ok(fromData(r.warnings));
  // A 50,000-item array before the story: read up to its bound, the story after it still found.
  const junk = JSON.stringify({ '@type': 'Thing', items: Array.from({ length: 50_000 }, (_, i) => ({ '@type': 'Thing', n: i })) });
  let ms = timed(() => {
    r = run(script(`{"@graph":[${junk},${inner}]}`));
  });
  assert.ok(fromData(r.warnings));
  assert.ok(ms < 2000, `${ms} ms`);
  // 50,000 updates (written short, to fit the page's MAX_HTML_CHARS): a bounded number read.
  const many = {
    ...posting([]),
    liveBlogUpdate: Array.from({ length: 50_000 }, (_, i) => ({ headline: `U${i}`, articleBody: `Gauge ${i}.` })),
  };
  ms = timed(() => {
    r = live(ld(many));
  });
  assert.ok(fromData(r.warnings), r.warnings.join('; '));
  const lines = (r.text ?? '').split('\n\n');
  assert.equal(lines.length, 2 * MAX_LD_ITEMS);
  assert.deepEqual(lines.slice(-2), [`U${MAX_LD_ITEMS - 1}`, `Gauge ${MAX_LD_ITEMS - 1}.`]);
  assert.ok(ms < 3000, `${ms} ms`);
  // Metadata reads the same blocks: an author or image list nested 10,000 deep (read by recursion
  // before), an array of 500,000 numbers (spread onto the stack before): no throw.
  for (const s of [
    `{"@type":"NewsArticle","author":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
    `{"@type":"NewsArticle","image":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
    `[${Array(500_000).fill('0').join(',')}]`,
  ]) {
    assert.doesNotThrow(() => run(script(s)));
  }
});
