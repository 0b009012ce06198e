// The x-speed3 round's shared reads answer what the reads they replace answered: elementsNamed
// against linkedom's getElementsByTagName, textInLinks on linkedom's node list against the walk through children, lastSqueezed against squeeze, the blocks below a heading
// read once (headBlocks, headBlocksOnce) against the head and title-story readings done apart,
// and the preview given its headline against the preview finding it. Random trees and pages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DomElement } from '../../../src/ingest/extract/dom.js';
import { leadsAway, parseDocument } from '../../../src/ingest/extract/dom.js';
import { headlineH1, titleHeading } from '../../../src/ingest/extract/fallback.js';
import { MAX_PARAGRAPH, NOT_PROSE, blocksAfter, headBlocks, headBlocksOnce, readHead } from '../../../src/ingest/extract/opening.js';
import { pruneFurniture } from '../../../src/ingest/extract/prune.js';
import { previewSecondLook } from '../../../src/ingest/extract/second-look.js';
import { lastSqueezed, squeeze } from '../../../src/ingest/extract/squeeze.js';
import { readTitleStory } from '../../../src/ingest/extract/title-story.js';
import { isCaption } from '../../../src/ingest/extract/trim.js';
import { elementsByTags, elementsNamed, textInLinks, textInLinksByChildren } from '../../../src/ingest/extract/walk.js';
import { rng, pick } from '../../helpers/seeded-random.js';

const TAGS = ['p', 'div', 'span', 'a', 'img', 'template', 'td', 'section', 'P', 'em'];

function tree(r: () => number, depth: number): string {
  let s = '';
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    if (r() < 0.3 || depth > 4) {
      s += pick(r, ['harbour ', ' ferry', '\n', 'council']);
      continue;
    }
    const tag = pick(r, TAGS);
    if (tag === 'img') s += '<img src="/a.jpg">';
    else if (tag === 'td') s += `<table><tr><td>${tree(r, depth + 1)}</td></tr></table>`;
    else s += `<${tag}>${tree(r, depth + 1)}</${tag}>`;
  }
  return s;
}

test("elementsNamed gives linkedom's getElementsByTagName list, templates and created names included", () => {
  const r = rng(11);
  for (let i = 0; i < 200; i++) {
    const doc = parseDocument(`<html><body>${tree(r, 0)}</body></html>`);
    const body = doc.body as DomElement;
    // Elements created the way Readability creates them ("P", "DIV"), which a lower-case name misses.
    for (const name of ['P', 'DIV', 'p', 'Img']) {
      const el = doc.createElement(name);
      el.appendChild(doc.createTextNode('made'));
      (r() < 0.5 ? body : (body.children[0] ?? body)).appendChild(el);
    }
    const roots = [body, ...Array.from(elementsByTags(body, ['div', 'section', 'template']))];
    for (const root of roots) {
      for (const name of ['p', 'img', 'div', 'td', 'P', 'IMG', 'em']) {
        assert.deepEqual(elementsNamed(root, name), Array.from(root.getElementsByTagName(name)), `${name} in ${root.localName}`);
      }
    }
  }
});

test('lastSqueezed answers what squeeze answers, for texts repeated, alternating and equal but not the same string', () => {
  const r = rng(3);
  const texts = ['', ' a  b ', 'a\nb', 'plain words', '\u00a0x\t\ty\u2028', 'a  b'];
  const squeezed = lastSqueezed();
  for (let i = 0; i < 2000; i++) {
    // A copy of equal content made afresh now and then (a different string object).
    const t = r() < 0.2 ? [...pick(r, texts)].join('') : pick(r, texts);
    assert.equal(squeezed(t), squeeze(t), JSON.stringify(t));
  }
});

const SENTENCE = 'The council said on Tuesday that the new harbour plan would cost more than expected, residents said.';

function page(r: () => number): string {
  const block = (): string => {
    const k = r();
    const text = Array.from({ length: 1 + Math.floor(r() * 4) }, () => SENTENCE).join(' ');
    if (k < 0.35) return `<p>${text}</p>`;
    if (k < 0.45) return `<figure><img src="/a.jpg"><figcaption>${SENTENCE}</figcaption></figure>`;
    if (k < 0.55) return `<div class="${pick(r, ['caption', 'credit', 'photo-caption', 'story'])}">${text}</div>`;
    if (k < 0.65) return `<ul><li>${text}</li><li>${SENTENCE}</li></ul>`;
    if (k < 0.75) return `<p><a href="/other">${SENTENCE}</a></p>`;
    if (k < 0.82) return `<h2>${pick(r, ['The harbour plan', 'More stories', 'Council vote'])}</h2>`;
    if (k < 0.9) return `<p>${'Long. '.repeat(MAX_PARAGRAPH / 5)}</p>`;
    return `<div><p>${text}</p><p>Short.</p></div>`;
  };
  const blocks = (n: number): string => Array.from({ length: n }, block).join('');
  const heading = pick(r, [
    '<h1>The harbour plan</h1>',
    '<h2>The harbour plan</h2>',
    '<h1>Harbour Daily</h1><h2>The harbour plan</h2>',
    '',
  ]);
  return `<html><head><title>The harbour plan | Harbour Daily</title></head><body>
    <header><h1><a href="/">Harbour Daily</a></h1></header>
    ${r() < 0.5 ? '<article>' : '<div>'}${blocks(Math.floor(r() * 3))}${heading}<div class="body">${blocks(Math.floor(r() * 12))}</div>${blocks(Math.floor(r() * 3))}${r() < 0.5 ? '</article>' : '</div>'}
  </body></html>`;
}

// The head and title-story readings as they were written before they shared headBlocks: each its
// own walk below its own heading, the title story stopping at its second prose block.
function headApart(doc: ReturnType<typeof parseDocument>, h1s: ArrayLike<DomElement>): Array<{ str: string; prose: boolean }> | null {
  const h = headlineH1(doc, h1s);
  const root = doc.body;
  if (!h || !root) return null;
  const above = new Map<DomElement, boolean>();
  const head: Array<{ str: string; prose: boolean }> = [];
  let prose = 0;
  for (const b of blocksAfter(h, 8)) {
    const p = b.cls === 'good' && b.text <= MAX_PARAGRAPH && !NOT_PROSE.has(b.el.localName) && !isCaption(b.el, root, above);
    if (p) prose++;
    head.push({ str: b.str, prose: p });
  }
  return prose >= 2 ? head : null;
}

function titleStoryApart(doc: ReturnType<typeof parseDocument>, headings: ArrayLike<DomElement>): { prose: string[] } | null {
  const h = titleHeading(doc, headings);
  const root = doc.body;
  if (!h || !root) return null;
  const above = new Map<DomElement, boolean>();
  const prose: string[] = [];
  for (const b of blocksAfter(h, 8)) {
    if (b.cls === 'good' && b.text <= MAX_PARAGRAPH && !NOT_PROSE.has(b.el.localName) && !isCaption(b.el, root, above)) {
      prose.push(b.str);
      if (prose.length === 2) break;
    }
  }
  return prose.length > 0 ? { prose } : null;
}

test('the head, the title story and the preview read once below a shared headline answer as read apart', () => {
  const r = rng(7);
  let shared = 0;
  let titled = 0;
  let headed = 0;
  for (let i = 0; i < 300; i++) {
    const html = page(r);
    const doc = parseDocument(html);
    pruneFurniture(doc);
    const body = doc.body as DomElement;
    const h1s = elementsByTags(body, ['h1']);
    const headings = elementsByTags(body, ['h1', 'h2', 'h3']);
    const wantHead = headApart(doc, h1s);
    const wantTitle = titleStoryApart(doc, headings);
    const wantPreview = previewSecondLook(doc, h1s);
    const h1 = headlineH1(doc, h1s);
    const below = headBlocksOnce();
    assert.deepEqual(previewSecondLook(doc, undefined, h1), wantPreview);
    assert.deepEqual(readHead(doc, undefined, h1, below), wantHead);
    assert.deepEqual(readTitleStory(doc, headings, below), wantTitle);
    // The defaults, each reading on its own.
    assert.deepEqual(readHead(doc, h1s), wantHead);
    assert.deepEqual(readTitleStory(doc, headings), wantTitle);
    if (h1 && h1 === titleHeading(doc, headings)) shared++;
    if (wantTitle) titled++;
    if (wantHead) headed++;
  }
  // The pages exercise both the shared heading and separate ones, with and without a story found.
  assert.ok(shared > 30 && shared < 270, `shared ${shared}`);
  assert.ok(titled > 30 && headed > 30, `titled ${titled} headed ${headed}`);
});

test('headBlocksOnce reads again only for another heading', () => {
  const doc = parseDocument(
    `<html><body><h1>One heading here</h1><p>${SENTENCE}</p><h2>Two heading here</h2><p>${SENTENCE} ${SENTENCE}</p></body></html>`,
  );
  const body = doc.body as DomElement;
  const [h1, h2] = elementsByTags(body, ['h1', 'h2']) as DomElement[];
  const below = headBlocksOnce();
  const first = below(h1!, body);
  assert.equal(below(h1!, body), first, 'the same list for the same heading');
  assert.deepEqual(below(h2!, body), headBlocks(h2!, body));
  assert.deepEqual(below(h1!, body), headBlocks(h1!, body));
  assert.notEqual(below(h1!, body), undefined);
});

const LINK_TAGS = ['a', 'a', 'span', 'em', 'script', 'button', 'br', 'img', 'p', 'svg'];
const HREFS = ['/x', '#top', '', ' https://example.com/a ', 'javascript:void(0)', null];

function linkTree(r: () => number, depth: number): string {
  let s = '';
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    if (r() < 0.35 || depth > 4) {
      s += pick(r, ['harbour ', ' ferry  line', '\n', 'council', '\u00a0 ']);
      continue;
    }
    const tag = pick(r, LINK_TAGS);
    if (tag === 'br' || tag === 'img') s += `<${tag}>`;
    else if (tag === 'a') {
      const href = pick(r, HREFS);
      s += `<a${href === null ? '' : ` href="${href}"`}>${linkTree(r, depth + 1)}</a>`;
    } else s += `<${tag}>${linkTree(r, depth + 1)}</${tag}>`;
  }
  return s;
}

test("textInLinks on linkedom's node list counts what the walk through children counts, nested links and skipped elements included", () => {
  const r = rng(19);
  const skip = new Set(['script', 'button', 'svg']);
  let linked = 0;
  for (let i = 0; i < 300; i++) {
    const doc = parseDocument(`<html><body><p>${linkTree(r, 0)}</p></body></html>`);
    const body = doc.body as DomElement;
    // Links nested by DOM calls (the parser never nests them), in and around skipped elements.
    const as = elementsNamed(body, 'a');
    if (as.length >= 2 && r() < 0.5) as[0]!.appendChild(as[as.length - 1]!);
    const spans = elementsNamed(body, 'span');
    if (spans.length > 0 && as.length > 0 && r() < 0.3)
      as[0]!.appendChild(doc.createElement('script')).appendChild(doc.createTextNode('x()'));
    for (const el of [body, ...Array.from(elementsByTags(body, ['p', 'a', 'span', 'em', 'script']))]) {
      const want = textInLinksByChildren(el, skip, leadsAway);
      assert.deepEqual(textInLinks(el, skip, leadsAway), want, el.outerHTML);
      if (want.links > 0) linked++;
    }
  }
  assert.ok(linked > 100, `linked ${linked}`);
});
