// The body grows to the headline's story block on a page without <article> (second-look.ts,
// headlineBlock): the same split story as grow-article.test.ts, built from <div>s the way table
// and <div> layouts and `--transform plain-tags` write it. Each page is written for the rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';

// Short sentences full of commas score high with Readability; long plain ones score low per
// character, so the scorer settles on the first part although the second holds more text.
const commaParagraph = (n: number): string =>
  `<p>At noon on day ${n}, in the square, the band, the teachers, three bakers, a vet and the librarian, set up chairs, hung lamps, and waited.</p>`;
const plainParagraph = (n: number): string =>
  `<p>During part ${n} of the festival the town opened the old mill by the river so that visitors could see how the grain had been ground there for two hundred years before the factory on the hill took the work away from the valley</p>`;
// A picture beside the text at two levels, so that the text block is no wrapper's only child.
const part = (inner: string): string =>
  `<div class="part"><div class="inner"><div class="copy">${inner}</div><div class="pic"><img src="/a.jpg" alt=""></div></div><div class="pic"><img src="/b.jpg" alt=""></div></div>`;
const first = [1, 2, 3, 4].map(commaParagraph).join('');
const second = [5, 6, 7, 8].map(plainParagraph).join('');

const page = (storyRest: string, after = ''): string =>
  `<!doctype html><html lang="en"><head><title>The mill opens for the festival | Valley Post</title></head><body>
   <div class="story"><div class="head"><h1>The mill opens for the festival</h1></div>${part(first)}${storyRest}</div>${after}</body></html>`;

test("a body that is one part of the headline's unmarked story block grows to the whole block", () => {
  const r = extractArticle({ bytes: page(part(second)) });
  assert.ok(r.text?.includes('At noon on day 1'), r.text ?? '');
  assert.ok(r.text?.includes('part 8 of the festival'), r.text ?? '');
});

test('a block many times the body, or mostly links, is not grown to', () => {
  // Ten more parts' worth of text beside a body of four short paragraphs: more than
  // PLAIN_GROW_MAX times the body is a column of several things (on real pages a blog's post,
  // sidebar and comments), not the rest of one story.
  const long = Array.from({ length: 10 }, (_, n) => plainParagraph(n + 5)).join('');
  const column = extractArticle({ bytes: page(part(long)) });
  assert.ok(column.text?.includes('At noon on day 1'), column.text ?? '');
  assert.ok(!column.text?.includes('part 14 of the festival'), column.text ?? '');
  // A wrapper that is mostly links (a site's menus around the story) is no story block.
  const menu = Array.from({ length: 40 }, (_, n) => `<li><a href="/section/${n}">Section number ${n}</a></li>`).join('');
  const wrapped = extractArticle({
    bytes: `<!doctype html><html lang="en"><head><title>The mill opens for the festival | Valley Post</title></head><body>
      <div class="page"><h1>The mill opens for the festival</h1><ul class="m">${menu}</ul>${part(first)}${part(second)}</div></body></html>`,
  });
  assert.ok(wrapped.text?.includes('At noon on day 1'), wrapped.text ?? '');
  assert.ok(!wrapped.text?.includes('part 8 of the festival'), wrapped.text ?? '');
});

test('plain-tags: the page with <article>, <section> and <figure> rewritten to <div>s still grows', () => {
  // The same story as grow-article.test.ts builds it, and as `--transform plain-tags` rewrites it.
  const marked = (tag: string, fig: string): string =>
    `<!doctype html><html lang="en"><head><title>The mill opens for the festival | Valley Post</title></head><body><${tag}><h1>The mill opens for the festival</h1>` +
    [first, second]
      .map(
        (t) =>
          `<${tag === 'article' ? 'section' : 'div'}><div class="w"><div class="t">${t}</div><${fig}><img src="/a.jpg" alt=""></${fig}></div><${fig}><img src="/b.jpg" alt=""></${fig}></${tag === 'article' ? 'section' : 'div'}>`,
      )
      .join('') +
    `</${tag}></body></html>`;
  for (const [tag, fig] of [
    ['article', 'figure'],
    ['div', 'div'],
  ]) {
    const r = extractArticle({ bytes: marked(tag!, fig!) });
    assert.ok(r.text?.includes('At noon on day 1') && r.text.includes('part 8 of the festival'), `${tag}: ${r.text}`);
  }
});
