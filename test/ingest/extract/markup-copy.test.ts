// The x-speed5 round of 2026-12-06: Readability's copy of the page's markup for its retries, kept
// as the nodes' parts and written only when read back (markup-copy.ts MarkupCopy, used by
// readability-linkedom.ts while _grabArticle runs). Random trees, changed in every way
// Readability and our stages change a tree after the copy is taken: the written markup is the
// `innerHTML` the element had when the copy was taken.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Readability } from '@mozilla/readability';
import type { DomDocument, DomElement, DomNode } from '../../../src/ingest/extract/dom.js';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import { MarkupCopy } from '../../../src/ingest/extract/markup-copy.js';
import { newReadability, tuneForLinkedom } from '../../../src/ingest/extract/readability-linkedom.js';
import { pick, rng } from '../../helpers/seeded-random.js';

const TEXTS = [
  'harbour ',
  ' ferry',
  '\n',
  '  ',
  'a < b & c > d',
  '&amp; &lt;p&gt; &#160;',
  '\u00a0x\t\ty',
  'quote " and \' apostrophe',
  'The council said on Tuesday that the plan for the harbour would cost more than expected.',
  '',
];
const TAGS = ['div', 'p', 'span', 'a', 'img', 'br', 'hr', 'input', 'ul', 'li', 'h2', 'figure', 'section', 'em', 'table', 'tr', 'td'];
const ATTRS = [
  '',
  ' class="c"',
  ' class=""',
  ' id=""',
  ' id="main"',
  ' style=""',
  ' style="display:none"',
  ' hidden',
  ' hidden=""',
  ' checked="checked"',
  ' data-x="a &amp; b &lt;c&gt; &quot;q&quot;"',
  ' href="/a?b=1&amp;c=2"',
  ' title="x\u00a0y"',
  ' src="/i.jpg" alt=""',
  ' class="a b" data-n="1"',
];

function tree(r: () => number, depth: number): string {
  let s = '';
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const k = r();
    if (k < 0.25 || depth > 5) {
      s += pick(r, TEXTS);
      continue;
    }
    if (k < 0.28) {
      s += pick(r, [
        '<!-- a note -->',
        '<title>T &amp; t</title>',
        '<textarea>a <b> &amp;</textarea>',
        '<svg viewBox="0 0 1 1"><path d="M0"/><g></g></svg>',
      ]);
      continue;
    }
    const tag = pick(r, TAGS);
    const attrs = pick(r, ATTRS) + (r() < 0.2 ? pick(r, ATTRS) : '');
    s += ['img', 'br', 'hr', 'input'].includes(tag) ? `<${tag}${attrs}>` : `<${tag}${attrs}>${tree(r, depth + 1)}</${tag}>`;
  }
  return s;
}

function elements(root: DomElement): DomElement[] {
  return Array.from(root.getElementsByTagName('*'));
}

function textNodes(root: DomNode, out: DomNode[] = []): DomNode[] {
  for (let c = root.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 3) out.push(c);
    else if (c.nodeType === 1) textNodes(c, out);
  }
  return out;
}

/** One random change of the kinds Readability and our stages make. */
function change(r: () => number, doc: DomDocument, body: DomElement): void {
  const els = elements(body);
  const el = els.length > 0 ? pick(r, els) : body;
  switch (Math.floor(r() * 9)) {
    case 0:
      if (el !== body) el.remove();
      break;
    case 1:
      el.setAttribute(pick(r, ['class', 'id', 'style', 'data-x', 'href', 'hidden']), pick(r, ['', 'z', 'a & b', '"q"']));
      break;
    case 2:
      el.removeAttribute(pick(r, ['class', 'id', 'style', 'data-x', 'href', 'src']));
      break;
    case 3: {
      const texts = textNodes(body);
      if (texts.length > 0) pick(r, texts).textContent = pick(r, TEXTS);
      break;
    }
    case 4: {
      // A rename as Readability's _setNodeTag makes it: a new element takes the children.
      if (el === body || !el.parentNode) break;
      const renamed = doc.createElement(pick(r, ['div', 'p', 'DIV', 'P']));
      while (el.firstChild) renamed.appendChild(el.firstChild);
      el.parentNode.replaceChild(renamed, el);
      break;
    }
    case 5:
      if (el !== body) body.appendChild(el);
      break;
    case 6:
      el.innerHTML = tree(r, 4);
      break;
    case 7:
      el.appendChild(doc.createElement(pick(r, ['img', 'div', 'br'])));
      break;
    default:
      body.innerHTML = tree(r, 2);
  }
}

test('a markup copy writes the innerHTML its element had when it was taken, whatever changed since', () => {
  const r = rng(51);
  let written = 0;
  for (let i = 0; i < 400; i++) {
    const doc = parseDocument(`<html><head><title>t</title></head><body class="page">${tree(r, 0)}</body></html>`);
    const body = doc.body!;
    const el =
      r() < 0.7
        ? body
        : (pick(
            r,
            elements(body).filter((e) => e.localName !== 'svg'),
          ) ?? body);
    const before = el.innerHTML;
    const copy = MarkupCopy.of(el);
    assert.ok(copy, 'linkedom serialisation recognised');
    const changes = Math.floor(r() * 12);
    for (let c = 0; c < changes; c++) change(r, doc, body);
    assert.equal(copy.markup(), before, `tree ${i}`);
    // Written back, it reads as the original markup read back would.
    const plain = parseDocument('<html><body></body></html>').body!;
    plain.innerHTML = before;
    el.innerHTML = copy.markup();
    assert.equal(el.innerHTML, plain.innerHTML);
    written++;
  }
  assert.equal(written, 400);
});

test('an element given a value it did not have, or a text changed in place, is written as it was', () => {
  const doc = parseDocument('<html><body><p class="a" data-x="1">one &amp; two<img src="/i.jpg"></p><br></body></html>');
  const body = doc.body!;
  const before = body.innerHTML;
  const copy = MarkupCopy.of(body)!;
  const p = body.firstChild as DomElement;
  p.setAttribute('class', 'b');
  p.setAttribute('data-x', '2 & 3');
  (p.firstChild as DomNode).textContent = 'changed <here>';
  (p.getElementsByTagName('img')[0] as DomElement).appendChild(doc.createTextNode('inside the image'));
  assert.equal(copy.markup(), before);
});

test("Readability's retries read back the page it had, with the copy as with its own markup", () => {
  // Short pages: every attempt finds under 500 characters, so _grabArticle writes the page's
  // markup back three times and keeps the longest attempt.
  const r = rng(7);
  let pages = 0;
  for (let i = 0; i < 60; i++) {
    const html = `<html><head><title>A short page</title></head><body><div class="comment">${tree(r, 1)}</div><div class="sidebar"><p>${pick(r, TEXTS)} ${pick(r, TEXTS)}</p></div>${tree(r, 1)}</body></html>`;
    // Plain Readability, renaming in lower case as ours does (readability-linkedom.ts _setNodeTag).
    const original = new Readability(parseDocument(html) as never, { keepClasses: true });
    const rename = original as unknown as { _setNodeTag: (n: unknown, tag: string) => unknown };
    const setNodeTag = rename._setNodeTag;
    rename._setNodeTag = (n, tag) => setNodeTag.call(original, n, tag.toLowerCase());
    const plain = original.parse();
    const reader = newReadability(Readability, parseDocument(html), { keepClasses: true });
    tuneForLinkedom(reader);
    const tuned = reader.parse();
    assert.deepEqual(tuned, plain, `page ${i}`);
    pages++;
  }
  assert.equal(pages, 60);
});
