// Text standing loose in a container beside its blocks (trim.ts, wrapLooseText): stage 4 sees each
// run of it as a paragraph. Pages written for the rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import type { DomElement } from '../../../src/ingest/extract/dom.js';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { blockText } from '../../../src/ingest/extract/text.js';
import { blocksOf, wrapLooseText } from '../../../src/ingest/extract/trim.js';

const para = (n: number): string =>
  `<p>Paragraph ${n} of the report on the river, in which the council, the anglers, and the farmers along the banks describe, each in their own words, what the dry summer has done to the water.</p>`;

const page = (article: string): string =>
  `<!doctype html><html lang="en"><head><title>The dry river | Valley News</title></head><body>
   <nav><a href="/">Home</a> <a href="/news">News</a></nav>
   <h1>The dry river</h1>${article}
   <footer><p>Valley News, 1 Mill Lane</p></footer></body></html>`;

test('links in a sentence standing loose in a section stay in the sentence', () => {
  // The parser closes a <p> at the <figure> inside it: the rest of the paragraph, links and all,
  // is left loose in the <section>. Each link there was a block of its own to the trim, a short
  // line of link text before the first paragraph, and went, leaving the sentence with holes.
  const body = `<article><section>
    <p><figure><img src="/river.jpg" alt=""></figure>
    Readers of this series have seen the <a href="/a">maps of the valley</a>, the <a href="/b">letters from the mill</a>, and some <a href="/c">early photographs</a>.</p>
    ${[1, 2, 3, 4, 5].map(para).join('')}
  </section></article>`;
  const r = extractArticle({ bytes: page(body) });
  const t = r.text ?? '';
  assert.ok(t.includes('Paragraph 5 of the report'), t);
  assert.ok(t.includes('seen the maps of the valley, the letters from the mill, and some early photographs.'), t);
});

test('a date line standing loose after the last paragraph goes like one in a paragraph', () => {
  const body = `<article>${[1, 2, 3, 4, 5].map(para).join('')}
    Published 4 March 2020, 10:15
  </article>`;
  const r = extractArticle({ bytes: page(body) });
  const t = r.text ?? '';
  assert.ok(t.includes('Paragraph 5 of the report'), t);
  assert.ok(!t.includes('Published 4 March'), t);
});

function bodyOf(html: string): DomElement {
  const doc = parseDocument(`<!doctype html><html><body>${html}</body></html>`);
  return doc.body as DomElement;
}

test('each run of loose text becomes one paragraph, and the text of the body is unchanged', () => {
  const root = bodyOf(
    `<div id="c"><h2>Heading</h2> Loose <b>bold</b> text<br> on two lines <p>A paragraph.</p> after <a href="/x">a link</a>
     <br> <section>Inner loose text<div>inner block</div></section></div>`,
  );
  const before = blockText(root);
  const n = wrapLooseText(root);
  assert.equal(n, 3);
  assert.equal(blockText(root), before);
  const strs = blocksOf(root).map((b) => b.str);
  assert.deepEqual(strs, ['Heading', 'Loose bold text on two lines', 'A paragraph.', 'after a link', 'Inner loose text', 'inner block']);
  // The line breaks at the edges of a run stay outside it; the one inside it stays inside.
  assert.match(root.innerHTML, /<p>\s*Loose <b>bold<\/b> text<br> on two lines\s*<\/p>/);
  assert.match(root.innerHTML, /a link<\/a><\/p>\s*<br>/);
});

test('white space, line breaks and table or list structure are not wrapped; leaf blocks are left as they are', () => {
  const html = `<div><p>One.</p>  <br> <br>  <p>Two.</p></div><table><tbody><tr><td>cell</td></tr></tbody></table>
    <ul><li>item</li></ul><div>a leaf div with <i>inline</i> text</div>`;
  const root = bodyOf(html);
  const before = root.innerHTML;
  assert.equal(wrapLooseText(root), 0);
  assert.equal(root.innerHTML, before);
});

test('an item holding a nested list has its own text wrapped, as blocksOf walks into it', () => {
  const root = bodyOf('<ul><li>Fruit<ul><li>apples</li><li>pears</li></ul></li></ul>');
  assert.equal(wrapLooseText(root), 1);
  assert.deepEqual(
    blocksOf(root).map((b) => b.str),
    ['Fruit', 'apples', 'pears'],
  );
});
