// The title without the site's name the page gives itself (title.ts, `withoutSiteName`), from the
// broad-set round of 2026-12-04 (x-broad): og:site_name, the page's host and its front-page link
// name the site; a title that is only that name takes the document title's rest or the heading
// linked to the page's own address; and the page's <h1> where the title holds it with unseparated
// words around it or is cut short of it (`headlineAroundTitle`). Pages written for the rules, not
// taken from the dev sets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { prose } from './helpers.js';

function page(head: string, body: string): string {
  return `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
}

const STORY = `<div class="entry">${prose('The allotment society', 6)}</div>`;
/** A title given as og:title, which no title cleanup cuts: only the site's name goes. */
const ogTitle = (t: string): string => `<title>${t}</title><meta property="og:title" content="${t}">`;

test("the site's name at the end of the title goes when og:site_name names it", () => {
  const r = extractArticle({
    bytes: page(
      `${ogTitle('Seed Swaps Return to the Allotments - Green Fingers 101')}<meta property="og:site_name" content="Green Fingers 101">`,
      STORY,
    ),
  });
  assert.equal(r.title, 'Seed Swaps Return to the Allotments');
});

test("the site's name goes when it is the page's host, a glued '::' separator and accents folded", () => {
  const r = extractArticle({
    bytes: page(
      '<title>Seed Swaps Return to the Allotments:: Jardinière</title><link rel="canonical" href="https://www.jardiniere.example/2012/seed-swaps/">',
      STORY,
    ),
  });
  assert.equal(r.title, 'Seed Swaps Return to the Allotments');
});

test("the site's name goes when the logo link to the front page says it", () => {
  const r = extractArticle({
    bytes: page(ogTitle('Seed Swaps Return to the Allotments – Plotholder'), `<div id="logo"><a href="/">Plotholder</a></div>${STORY}`),
  });
  assert.equal(r.title, 'Seed Swaps Return to the Allotments');
});

test("a title cut to the site's name and a section takes the document title's last part", () => {
  const r = extractArticle({
    bytes: page(
      '<title>Plot Notes Weekly » Blog Archive » Seed Swaps Return to the Allotments After a Long Winter Break</title><link rel="canonical" href="http://plotnotesweekly.example/2012/11/seed-swaps/">',
      STORY,
    ),
    url: 'http://plotnotesweekly.example/2012/11/seed-swaps/',
  });
  assert.equal(r.title, 'Seed Swaps Return to the Allotments After a Long Winter Break');
});

test("a title that is only the site's name takes the heading linked to the page's own address", () => {
  const url = 'http://www.plotnotes.example/2012/11/seed-swaps/';
  const r = extractArticle({
    bytes: page(
      `<title>Plot Notes</title><link rel="canonical" href="${url}">`,
      `<h1><a href="http://www.plotnotes.example/"></a></h1><h2><a href="${url}" rel="bookmark">Seed Swaps Return to the Allotments</a></h2>${STORY}`,
    ),
  });
  assert.equal(r.title, 'Seed Swaps Return to the Allotments');
});

test('titles stay where no name of the site is at an end, or the rest would be the site again', () => {
  // The name at the end without a separator, a part that only resembles the name, another site's front page.
  const cases: [string, string, string][] = [
    [
      `${ogTitle('Why We Keep Rereading Green Fingers 101')}<meta property="og:site_name" content="Green Fingers 101">`,
      STORY,
      'Why We Keep Rereading Green Fingers 101',
    ],
    [ogTitle('Plotholder Meeting: Seed Swaps Return'), `<a href="/">Plotholders</a>${STORY}`, 'Plotholder Meeting: Seed Swaps Return'],
    [
      ogTitle('Seed Swaps Return to the Allotments - Other Site'),
      `<a href="http://othersite.example/">Other Site</a>${STORY}`,
      'Seed Swaps Return to the Allotments - Other Site',
    ],
  ];
  for (const [head, body, want] of cases) assert.equal(extractArticle({ bytes: page(head, body) }).title, want, head);
});

test("the page's <h1> is the title when the title holds it with unseparated words around it, or is cut short of it", () => {
  const glued = extractArticle({
    bytes: page(ogTitle('Seed Swaps Return to the Allotments Plot Notes'), `<h1>Seed Swaps Return to the Allotments</h1>${STORY}`),
  });
  assert.equal(glued.title, 'Seed Swaps Return to the Allotments');
  const cut = extractArticle({
    bytes: page(
      ogTitle('Seed Swaps Return to the Allotments after'),
      `<h1>Seed Swaps Return to the Allotments after the Frost</h1>${STORY}`,
    ),
  });
  assert.equal(cut.title, 'Seed Swaps Return to the Allotments after the Frost');
});

test('an <h1> that is a small part of the title, or the logo, does not replace it', () => {
  const small = extractArticle({
    bytes: page(ogTitle('Seed Swaps Return to the Allotments After a Long Winter'), `<h1>Allotments</h1>${STORY}`),
  });
  assert.equal(small.title, 'Seed Swaps Return to the Allotments After a Long Winter');
  const logo = extractArticle({
    bytes: page(ogTitle('Plot Notes Weekly Seed Swaps Return'), `<h1><a href="/">Plot Notes Weekly Seed</a></h1>${STORY}`),
  });
  assert.equal(logo.title, 'Plot Notes Weekly Seed Swaps Return');
});
