// The x-holds round of 2026-12-06: stage 1 (prune.ts) asks, of every furniture candidate and of
// every ancestor of each button and e-mail field it climbs from, whether the block holds the
// headline or the marked-up body. That was a walk of the block's whole subtree on every question;
// on a deep page whose class names are hashed (reddit's, 1.7 MB: hundreds of comment controls left
// in place) the same subtrees were walked again and again, 27 s and more in stage 1. Now the
// holders are found once per prune (articleHolders) and each question is a set lookup.
// 1. On random trees (headlines, marked bodies, <template>s, nesting of every kind) the set holds
//    exactly the elements the walk answered yes for.
// 2. On a generated deep page with many controls, pruning reads `itemprop` a bounded number of
//    times per element (a count, not a timing): the walk read it once per element of every asked
//    subtree.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DomDocument, DomElement } from '../../../src/ingest/extract/dom.js';
import { consentBox, consentBoxes, isAnswerControl } from '../../../src/ingest/extract/consent-box.js';
import { childElements, parseDocument } from '../../../src/ingest/extract/dom.js';
import { articleHolders, pruneFurniture } from '../../../src/ingest/extract/prune.js';
import { allElements, elementsByTags, elementsNamed, someElement } from '../../../src/ingest/extract/walk.js';
import { pick, rng } from '../../helpers/seeded-random.js';

const ARTICLE_BODY = new Set(['articleBody', 'articlebody']);

/** The question as stage 1 asked it before x-holds: a walk of `el`'s subtree. */
function holdsByWalk(el: DomElement, headlines: Set<DomElement> | null): boolean {
  return someElement(
    el,
    (d, inTemplate) =>
      (d.localName === 'h1' && (headlines === null || headlines.has(d))) ||
      (!inTemplate && ARTICLE_BODY.has(d.getAttribute('itemprop') ?? '')),
  );
}

const TAGS = ['div', 'section', 'article', 'span', 'template', 'ul', 'li', 'p', 'h1', 'h2', 'main', 'aside'];
const PROPS = ['articleBody', 'articlebody', 'ArticleBody', 'articleBody author', 'author', 'headline'];

function tree(r: () => number, depth: number): string {
  let out = '';
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const roll = r();
    if (roll < 0.2 || depth <= 0) {
      out += pick(r, ['words', ' ', 'a line of text', '']);
      continue;
    }
    const tag = pick(r, TAGS);
    const attr = r() < 0.2 ? ` itemprop="${pick(r, PROPS)}"` : '';
    out += `<${tag}${attr}>${tree(r, depth - 1)}</${tag}>`;
  }
  return out;
}

test('articleHolders holds exactly the elements whose subtree the old walk found the headline or the marked body in', () => {
  const r = rng(41);
  let holders = 0;
  let others = 0;
  let inTemplates = 0;
  for (let i = 0; i < 400; i++) {
    const doc = parseDocument(`<!doctype html><html><head><title>t</title></head><body>${tree(r, 2 + Math.floor(r() * 5))}</body></html>`);
    const body = doc.body as DomElement;
    const h1s = elementsNamed(body, 'h1');
    // null (any <h1> guards), or a random part of them as the page's headlines.
    const headlines = r() < 0.4 ? null : new Set(h1s.filter(() => r() < 0.5));
    const set = articleHolders(body, h1s, headlines);
    for (const el of [body, ...allTemplated(body)]) {
      const want = holdsByWalk(el, headlines);
      if (set.has(el) !== want) assert.fail(`${i}: <${el.localName}> ${want ? 'holds' : 'does not hold'} in ${body.innerHTML}`);
      if (want) holders++;
      else others++;
    }
    if (elementsNamed(body, 'template').some((t) => someElement(t, (d) => ARTICLE_BODY.has(d.getAttribute('itemprop') ?? ''))))
      inTemplates++;
  }
  // The random trees exercise both answers and marked bodies inside templates.
  assert.ok(holders > 1000 && others > 1000 && inTemplates > 20, `${holders} ${others} ${inTemplates}`);
});

/** Every element under `root`, a template's contents included. */
function allTemplated(root: DomElement): DomElement[] {
  const out: DomElement[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const el = stack.pop() as DomElement;
    for (const k of childElements(el)) {
      out.push(k);
      stack.push(k);
    }
  }
  return out;
}

/** A story, then a deep thread whose every level holds a comment, a reply button and the next level (hashed names, as reddit's). */
function deepPage(levels: number): string {
  let thread = '';
  for (let i = levels; i > 0; i--) {
    thread = `<div class="z${i}a"><div class="z${i}b"><span>user${i}</span> <span>${i}h</span></div><div class="z${i}c"><p>Reply ${i}.</p></div><div class="z${i}d"><button>Reply</button><button>Share</button><input type="email"></div>${thread}</div>`;
  }
  return `<!doctype html><html><head><title>Harbour ferry runs again</title></head><body><div class="q1"><h1>Harbour ferry runs again</h1>
  <div itemprop="articleBody"><p>The ferry to the outer islands runs again from Monday, after the winter's repairs to its engines and hull.</p></div></div>
  <div class="q2">${thread}</div></body></html>`;
}

/** Calls of `getAttribute('itemprop')` on `doc`'s elements while `run` runs. */
function itempropReads(doc: DomDocument, run: () => void): number {
  let proto: object | null = doc.body;
  while (proto && !Object.hasOwn(proto, 'getAttribute')) proto = Object.getPrototypeOf(proto);
  assert.ok(proto, 'no getAttribute on the prototype chain');
  const holder = proto as { getAttribute: (this: DomElement, name: string) => string | null };
  const original = holder.getAttribute;
  let n = 0;
  holder.getAttribute = function (this: DomElement, name: string): string | null {
    if (name === 'itemprop') n++;
    return original.call(this, name);
  };
  try {
    run();
  } finally {
    holder.getAttribute = original;
  }
  return n;
}

test('pruning a deep page with many controls reads each element a bounded number of times, not once per asked subtree', () => {
  for (const levels of [40, 120]) {
    const doc = parseDocument(deepPage(levels));
    const elements = allElements(doc.body as DomElement).length;
    const reads = itempropReads(doc, () => pruneFurniture(doc));
    // Once for the holders, once more for a person box's markup (person-box.ts reads it only on
    // an element with itemscope): at most twice per element, whatever the depth.
    assert.ok(reads <= 2 * elements, `${levels} levels: ${reads} reads of itemprop for ${elements} elements`);
  }
});

const NOTICE_PARTS = [
  '<button>Accept</button>',
  '<button>Refuse</button>',
  '<input type="submit" value="OK">',
  '<input type="text">',
  'This site uses cookies to count visits and remember settings.',
  'We bake oat cookies.',
  'A line of the story that runs on long enough to be a paragraph of prose, with clauses and commas in it.',
  '<h2>Settings</h2>',
];

function noticeTree(r: () => number, depth: number): string {
  let out = '';
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    if (r() < 0.35 || depth <= 0) {
      out += pick(r, NOTICE_PARTS);
      continue;
    }
    const tag = pick(r, ['div', 'div', 'section', 'p', 'form', 'article', 'span']);
    out += `<${tag}>${noticeTree(r, depth - 1)}</${tag}>`;
  }
  return out;
}

test("consentBoxes, its climbs and verdicts shared by a page's controls, answers as consentBox asked afresh for each", () => {
  const r = rng(7);
  let notices = 0;
  let asked = 0;
  for (let i = 0; i < 300; i++) {
    const title = r() < 0.5 ? '<h1>Harbour ferry</h1>' : '';
    const doc = parseDocument(
      `<!doctype html><html><head><title>Harbour ferry</title></head><body>${title}${noticeTree(r, 2 + Math.floor(r() * 5))}</body></html>`,
    );
    const body = doc.body as DomElement;
    const holders = articleHolders(body, elementsNamed(body, 'h1'), null);
    const refused = (el: DomElement): boolean => holders.has(el);
    const shared = consentBoxes(body, refused);
    for (const el of allTemplated(body)) {
      if (!isAnswerControl(el)) continue;
      const want = consentBox(el, body, refused);
      if (shared(el) !== want) assert.fail(`${i}: ${body.innerHTML}`);
      asked++;
      if (want) notices++;
    }
  }
  assert.ok(asked > 500 && notices > 30, `${asked} ${notices}`);
});

/** The elements under `root` in document order, none inside a <template> strictly below it: what querySelectorAll('*') gives. */
function outsideTemplates(root: DomElement): DomElement[] {
  const out: DomElement[] = [];
  const visit = (el: DomElement): void => {
    for (const k of childElements(el)) {
      out.push(k);
      if (k.localName !== 'template') visit(k);
    }
  };
  visit(root);
  return out;
}

test('allElements and elementsByTags step over a template below the root, from any root, as the climb from each element did', () => {
  const r = rng(13);
  let skipped = 0;
  for (let i = 0; i < 300; i++) {
    const doc = parseDocument(`<!doctype html><html><head><title>t</title></head><body>${tree(r, 2 + Math.floor(r() * 5))}</body></html>`);
    const body = doc.body as DomElement;
    const everything = allTemplated(body);
    for (const root of [body, ...everything]) {
      const want = outsideTemplates(root);
      const got = allElements(root);
      if (got.length !== want.length || got.some((el, j) => el !== want[j])) assert.fail(`${i}: <${root.localName}> in ${body.innerHTML}`);
      const ps = elementsByTags(root, ['p', 'SPAN']);
      const wantPs = want.filter((el) => el.localName === 'p' || el.localName === 'span');
      if (ps.length !== wantPs.length || wantPs.some((el, j) => ps[j] !== el))
        assert.fail(`${i}: tags under <${root.localName}> in ${body.innerHTML}`);
      skipped += allTemplated(root).length - want.length;
    }
    const all = allElements(doc as unknown as DomElement);
    const wantAll = outsideTemplates(doc.documentElement as DomElement);
    assert.equal(all.length, wantAll.length + 1);
  }
  assert.ok(skipped > 1000, `${skipped}`);
});
