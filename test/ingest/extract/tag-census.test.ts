// Readability's tag queries answered from one walk while the page does not change
// (walk.ts TagCensus): after any sequence of queries and changes — removals, insertions, moves,
// renames as Readability makes them, innerHTML — every answer is the list elementsByTags walks
// for, and nothing is answered from the census once linkedom's observer record is replaced.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DomDocument, DomElement, DomNode } from '../../../src/ingest/extract/dom.js';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import { TagCensus, elementsByTags, walkList } from '../../../src/ingest/extract/walk.js';
import { pick, rng } from '../../helpers/seeded-random.js';

const TAGS = ['div', 'p', 'span', 'a', 'ul', 'li', 'h2', 'table', 'td', 'form', 'img', 'br', 'section'];
const QUERIES: string[][] = [
  ['p'],
  ['P'],
  ['div'],
  ['DIV'],
  ['a'],
  ['img'],
  ['br'],
  ['object'],
  ['h1', 'h2'],
  ['ul', 'ol'],
  ['img', 'picture', 'figure'],
  ['TD'],
  ['span', 'li', 'td', 'div', 'p'],
];

function tree(r: () => number, depth: number): string {
  let s = '';
  for (let n = 1 + Math.floor(r() * 3); n > 0; n--) {
    const x = r();
    if (x < 0.3 || depth > 3) s += 'words ';
    else if (x < 0.35) s += '<br>';
    else if (x < 0.4) s += '<img src="/i.jpg">';
    else {
      const tag = pick(r, TAGS);
      s += `<${tag}>${tree(r, depth + 1)}</${tag}>`;
    }
  }
  return s;
}

/** One change as Readability or a stage makes them; a no-op now and then. */
function change(r: () => number, doc: DomDocument, root: DomElement): void {
  const all = walkList(root, 0x1) as DomElement[];
  if (all.length === 0) return;
  const el = pick(r, all);
  const x = r();
  if (x < 0.2) el.remove();
  else if (x < 0.4) {
    // Renamed as Readability renames: a new element (upper-case name) takes the children.
    const made = doc.createElement(pick(r, ['P', 'DIV', 'SPAN', 'p']));
    while (el.firstChild) made.appendChild(el.firstChild);
    el.parentNode?.replaceChild(made, el);
  } else if (x < 0.55) {
    const other = pick(r, all);
    if (!(other as unknown as { contains(n: DomNode): boolean }).contains(el)) other.appendChild(el);
  } else if (x < 0.7) (el as unknown as { innerHTML: string }).innerHTML = tree(r, 2);
  else if (x < 0.8) el.appendChild(doc.createTextNode(' more '));
  else if (x < 0.9) el.setAttribute('class', 'changed');
  // else: nothing changes
}

test('the tag census answers every query as elementsByTags walks, through changes to the page', () => {
  const r = rng(29);
  let fromCensus = 0;
  for (let i = 0; i < 200; i++) {
    const doc = parseDocument(`<html><body><div id="page">${tree(r, 0)}</div></body></html>`);
    const census = new TagCensus();
    const body = doc.body as DomElement;
    const roots: DomNode[] = [doc as unknown as DomNode, body];
    for (let step = 0; step < 40; step++) {
      if (r() < 0.25) change(r, doc, body);
      const root = r() < 0.2 ? pick(r, roots) : body;
      const tags = pick(r, QUERIES);
      const got = census.query(root, tags);
      if (got !== undefined) fromCensus++;
      assert.deepEqual(got ?? elementsByTags(root, tags), Array.from(elementsByTags(root, tags)), `${tags} after step ${step}`);
    }
    census.clear();
  }
  assert.ok(fromCensus > 1000, `only ${fromCensus} answers from the census`);
});

test('the tag census walks where a template is, for several names, and once the page has a mutation observer', () => {
  const withTemplate = parseDocument('<html><body><p>a</p><template><p>b</p></template><p>c</p></body></html>');
  const census = new TagCensus();
  for (let k = 0; k < 3; k++) assert.equal(census.query(withTemplate.body as DomElement, ['p']), undefined);

  const doc = parseDocument('<html><body><div><p>one</p><p>two</p></div></body></html>');
  const body = doc.body as DomElement;
  census.clear();
  census.query(body, ['p']);
  assert.equal(census.query(body, ['p'])?.length, 2, 'answered from the census');
  assert.equal(census.query(body, ['p', 'div']), undefined, 'several names: walked');
  // Asking for the document's MutationObserver makes linkedom replace its observer record.
  void (doc as unknown as { defaultView: { MutationObserver: unknown } }).defaultView.MutationObserver;
  body.firstChild?.appendChild(doc.createElement('p'));
  assert.equal(census.query(body, ['p']), undefined, 'not counted any more: walked');
  assert.equal(elementsByTags(body, ['p']).length, 3);
});
