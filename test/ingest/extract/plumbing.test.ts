// The speed plumbing gives the answers of the plain code it replaced: blockText against a
// straightforward recursive reading of the same rules, elementsByTags against linkedom's
// getElementsByTagName, squeeze and squeezedLength against the regex they stand for. Random
// trees and texts, with every kind of white space, <pre>, <br>, table cells and skipped elements.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DomElement, DomNode } from '../../../src/ingest/extract/dom.js';
import { ELEMENT_NODE, TEXT_NODE, normalizeTree, parseDocument } from '../../../src/ingest/extract/dom.js';
import { SqueezedCounter, squeeze, squeezedLength } from '../../../src/ingest/extract/squeeze.js';
import { referenceSqueezedLength } from './squeeze-reference.js';
import { Readability } from '@mozilla/readability';
import {
  fastClassName,
  fastTagName,
  joinedClasses,
  tagQuery,
  tunedDocument,
  tuneForLinkedom,
  withTunedReads,
} from '../../../src/ingest/extract/readability-linkedom.js';
import { blockText } from '../../../src/ingest/extract/text.js';
import { fallbackContent } from '../../../src/ingest/extract/fallback.js';
import { elementsByTags, measureText, squeezedTextLength, textAndLinks, walkList } from '../../../src/ingest/extract/walk.js';
import { rng } from '../../helpers/seeded-random.js';

const SPACES = [' ', ' ', ' ', '  ', '\n', '\t', '\r\n', '\u00a0', '\f', '\u2003', '\u3000', '\ufeff', '\u2028'];
const WORDS = ['harbour', 'ferry', 'مرفأ', 'council', 'x', '\ue000', '\ue001', 'a&amp;b', '1&lt;2'];

function text(r: () => number): string {
  let s = '';
  const n = Math.floor(r() * 6);
  for (let i = 0; i < n; i++) s += r() < 0.5 ? WORDS[Math.floor(r() * WORDS.length)] : SPACES[Math.floor(r() * SPACES.length)];
  return s;
}

const TAGS = ['p', 'div', 'span', 'a', 'em', 'pre', 'br', 'td', 'th', 'tr', 'li', 'ul', 'h2', 'script', 'button', 'section', 'code', 'b'];

function tree(r: () => number, depth: number): string {
  let s = '';
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    if (r() < 0.4 || depth > 4) {
      s += text(r);
      continue;
    }
    const tag = TAGS[Math.floor(r() * TAGS.length)]!;
    if (tag === 'br') s += '<br>';
    else s += `<${tag}>${tree(r, depth + 1)}</${tag}>`;
  }
  return s;
}

// The rules of text.ts, read recursively and squeezed node by node, as the code before the
// one-pass version did.
const BLOCK = new Set(
  (
    'address article aside blockquote body center dd details dialog dir div dl dt fieldset figcaption figure ' +
    'footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section summary table tbody ' +
    'thead tfoot tr td th ul caption html legend option'
  ).split(' '),
);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'svg', 'button', 'select', 'textarea']);
const CELL = new Set(['td', 'th']);

function referenceText(root: DomNode): string {
  const paras: string[] = [];
  let cur = '';
  const flush = (): void => {
    const lines = cur
      .split('\n')
      .map((l) => l.replace(/[ \t\f\r\u00a0]+/g, ' ').trim())
      .filter((l) => l.length > 0);
    if (lines.length > 0) paras.push(lines.join('\n'));
    cur = '';
  };
  const read = (node: DomNode, pre: boolean): void => {
    if (node.nodeType === TEXT_NODE) {
      const t = node.textContent ?? '';
      cur += pre ? t.replace(/ /g, '\ue000').replace(/\t/g, '\ue001') : t.replace(/\s+/g, ' ');
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const tag = (node as DomElement).localName;
    if (tag === 'br') {
      cur += '\n';
      return;
    }
    if (SKIP.has(tag)) return;
    const block = BLOCK.has(tag) && !CELL.has(tag);
    if (block) flush();
    for (let k = node.firstChild; k; k = k.nextSibling) read(k, pre || tag === 'pre');
    if (block) flush();
    else if (CELL.has(tag)) cur += '\t';
  };
  read(root, false);
  flush();
  return paras
    .join('\n\n')
    .replace(/\ue000/g, ' ')
    .replace(/\ue001/g, '\t');
}

test('blockText reads random trees as the recursive rules do', () => {
  const r = rng(11);
  for (let i = 0; i < 600; i++) {
    const html = `<html><body><div>${tree(r, 0)}</div></body></html>`;
    const body = parseDocument(html).body as DomElement;
    assert.equal(blockText(body), referenceText(body), html);
  }
});

test('elementsByTags finds what getElementsByTagName finds given the name in upper case, created names in any case included', () => {
  const r = rng(5);
  for (let i = 0; i < 200; i++) {
    const doc = parseDocument(`<html><body>${tree(r, 0)}</body></html>`);
    const body = doc.body as DomElement;
    // Elements created the way Readability creates them ("DIV", "P"), and one in mixed case.
    for (const name of ['DIV', 'P', 'Span', 'p', 'ſpan']) {
      const el = doc.createElement(name);
      el.appendChild(doc.createTextNode('made'));
      body.appendChild(el);
    }
    for (const tag of ['p', 'div', 'span', 'br', 'a', 'td']) {
      const want = Array.from(body.getElementsByTagName(tag.toUpperCase()));
      assert.deepEqual(Array.from(elementsByTags(body, [tag])), want, tag);
      assert.deepEqual(Array.from(elementsByTags(body, [tag.toUpperCase()])), want, tag);
    }
  }
});

test('squeeze and squeezedLength agree with the regex, with and without a stop', () => {
  // The character loop squeezedLength used for every text (the reference for its stop rule).
  const loop = referenceSqueezedLength;
  const r = rng(3);
  const samples = ['', ' ', 'a', 'a b', ' a', 'a ', 'a  b', 'ab cd ef', 'a\nb'];
  for (let i = 0; i < 400; i++) samples.push(text(r) + text(r));
  for (const s of samples) {
    assert.equal(squeeze(s), s.replace(/\s+/g, ' '), JSON.stringify(s));
    assert.equal(squeezedLength(s), s.replace(/\s+/g, ' ').trim().length, JSON.stringify(s));
    for (const stop of [0, 1, 2, 3, 4, 5, 7.5, 10])
      assert.equal(squeezedLength(s, stop), loop(s, stop), `${JSON.stringify(s)} stop ${stop}`);
  }
});

type TagQuery = (this: DomNode, tagName: string) => ArrayLike<DomElement>;

function tagNameOwner(node: object): object {
  for (let p: object | null = Object.getPrototypeOf(node); p; p = Object.getPrototypeOf(p)) {
    if (Object.hasOwn(p, 'tagName')) return p;
  }
  throw new Error('no tagName');
}

test("fastTagName reads what linkedom's tagName getter reads, for the document's elements and others", () => {
  const r = rng(21);
  const doc = parseDocument(`<html><body>${tree(r, 0)}<svg><path d="M0"></path></svg><my-widget></my-widget></body></html>`);
  const other = parseDocument('<html><body><p>x</p></body></html>');
  for (const name of ['DIV', 'P', 'Span', 'ſpan']) (doc.body as DomElement).appendChild(doc.createElement(name));
  const get = Object.getOwnPropertyDescriptor(tagNameOwner(doc.documentElement), 'tagName')?.get as () => unknown;
  const fast = fastTagName(() => doc, get);
  const idle = fastTagName(() => null, get);
  const all = [
    ...Array.from(doc.getElementsByTagName('*')),
    ...Array.from(doc.querySelectorAll('*')),
    ...Array.from(other.querySelectorAll('*')),
  ];
  assert.ok(all.length > 10);
  for (const el of all) {
    assert.equal(fast.call(el), get.call(el), el.localName);
    assert.equal(idle.call(el), get.call(el), el.localName);
  }
});

function tagQueryOwner(node: object): { getElementsByTagName: TagQuery } {
  for (let p: object | null = Object.getPrototypeOf(node); p; p = Object.getPrototypeOf(p)) {
    if (Object.hasOwn(p, 'getElementsByTagName')) return p as { getElementsByTagName: TagQuery };
  }
  throw new Error('no getElementsByTagName');
}

test("tagQuery gives linkedom's getElementsByTagName lists, from documents and elements, names in any case", () => {
  const r = rng(9);
  for (let i = 0; i < 150; i++) {
    const doc = parseDocument(`<html><head><title>t</title></head><body>${tree(r, 0)}</body></html>`);
    const body = doc.body as DomElement;
    for (const name of ['DIV', 'P', 'Span', 'ſpan']) body.appendChild(doc.createElement(name));
    const original = tagQueryOwner(doc).getElementsByTagName;
    const fast = tagQuery(original);
    const roots: DomNode[] = [doc, body, ...Array.from(body.getElementsByTagName('div')).slice(0, 3)];
    for (const root of roots) {
      for (const tag of ['p', 'P', 'div', 'DIV', 'span', 'Span', 'a', 'td', 'title', '*', 'nothing']) {
        const want = original.call(root, tag);
        const got = fast.call(root, tag);
        assert.deepEqual(Array.from(got), Array.from(want), tag);
        assert.equal(Object.getPrototypeOf(got), Object.getPrototypeOf(want), 'same list type');
      }
    }
  }
});

test("a tuned Readability's fast tag queries and names are on only while its parse() runs, also when parse() throws", () => {
  const html = `<html><head><title>Harbour</title></head><body><article><h1>Harbour</h1>${'<p>The harbour works go on through the winter, the authority said on Tuesday, and ferries keep running.</p>'.repeat(8)}</article></body></html>`;
  const doc = parseDocument(html);
  const owner = tagQueryOwner(doc);
  const names = tagNameOwner(doc.documentElement);
  let during: DomNode | null = null;
  const reader = new Readability(doc as never) as unknown as {
    parse(): { textContent?: string } | null;
    _grabArticle: (p?: unknown) => unknown;
  };
  const grab = reader._grabArticle;
  reader._grabArticle = function (this: unknown, page?: unknown): unknown {
    during = tunedDocument();
    return grab.call(this, page);
  };
  tuneForLinkedom(reader);
  const tuned = reader.parse();
  assert.equal(during, doc, 'on during parse');
  assert.equal(tunedDocument(), null, 'off after parse');
  const plain = new Readability(parseDocument(html) as never).parse() as { textContent?: string; content?: string } | null;
  assert.equal(tuned?.textContent, plain?.textContent);
  // The debug message's serialisation is skipped, not the article's.
  assert.ok((plain?.content ?? '').length > 500);
  assert.equal((tuned as { content?: string } | null)?.content, plain?.content);
  const kept = new Readability(parseDocument(html) as never, { serializer: (node) => node }) as unknown as {
    parse(): { content: DomElement } | null;
  };
  tuneForLinkedom(kept);
  const body = kept.parse()?.content;
  assert.ok(body && !Object.hasOwn(body, 'innerHTML'), 'the one-read getter is gone after parse()');
  assert.equal(body.innerHTML, plain?.content);

  // The dispatchers are installed once: a second parse leaves linkedom's members as they are.
  const query = owner.getElementsByTagName;
  const tagName = Object.getOwnPropertyDescriptor(names, 'tagName');
  const again = new Readability(parseDocument(html) as never);
  tuneForLinkedom(again);
  assert.equal(again.parse()?.textContent, plain?.textContent);
  assert.equal(owner.getElementsByTagName, query, 'query installed once');
  assert.deepEqual(Object.getOwnPropertyDescriptor(names, 'tagName'), tagName, 'tagName installed once');

  const failing = new Readability(parseDocument(html) as never) as unknown as { parse(): unknown; _grabArticle: () => unknown };
  failing._grabArticle = () => {
    throw new Error('boom');
  };
  tuneForLinkedom(failing);
  assert.throws(() => failing.parse(), /boom/);
  assert.equal(tunedDocument(), null, 'off after a throw');
});

test("walkList visits what linkedom's tree walker visits, for every mask and root, before and after the tree changes", () => {
  const r = rng(17);
  for (let i = 0; i < 120; i++) {
    const doc = parseDocument(`<html><head><title>t</title></head><body>${tree(r, 0)}<!-- note --><div>${tree(r, 1)}</div></body></html>`);
    const body = doc.body as DomElement;
    // Nodes moved, removed and created after parsing, as the stages and Readability do.
    const made = doc.createElement('DIV');
    made.appendChild(doc.createTextNode('made'));
    body.insertBefore(made, body.firstChild);
    const divs = body.getElementsByTagName('div');
    if (divs.length > 1) divs[divs.length - 1]!.remove();
    const roots: DomNode[] = [doc, doc.documentElement, body, made, ...Array.from(body.getElementsByTagName('p')).slice(0, 2)];
    if (body.firstChild?.firstChild) roots.push(body.firstChild.firstChild); // a text node
    for (const root of roots) {
      for (const mask of [0x1, 0x4, 0x5, 0x80, 0x81, 0xffffffff]) {
        const walker = doc.createTreeWalker(root, mask);
        const want: DomNode[] = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) want.push(n);
        const got = walkList(root, mask);
        assert.equal(got.length, want.length, `mask ${mask}`);
        assert.ok(
          got.every((n, k) => n === want[k]),
          `mask ${mask}`,
        );
      }
    }
  }
});

test("a tuned Readability's byline test answers as the original, on random elements and names", () => {
  const r = rng(11);
  const tuned = new Readability(parseDocument('<html><body><p>x</p></body></html>') as never) as unknown as Record<string, unknown>;
  const original = tuned._isValidByline as (node: DomElement, matchString: string) => boolean;
  tuneForLinkedom(tuned);
  const fast = tuned._isValidByline as (node: DomElement, matchString: string) => boolean;
  assert.notEqual(fast, original, 'Readability 0.6 has the byline test as the override expects it');
  const rels = ['', 'author', 'Author', 'nofollow'];
  const props = ['', 'author', 'name', 'authorName', 'creator'];
  const names = ['', 'byline', 'post-author', 'dateline', 'entry', 'writtenby', 'Byline x', 'comment'];
  for (let i = 0; i < 400; i++) {
    const attrs = [rels, props].map((xs, k) => {
      const v = xs[Math.floor(r() * xs.length)]!;
      return v === '' && r() < 0.5 ? '' : ` ${k === 0 ? 'rel' : 'itemprop'}="${v}"`;
    });
    const inner = r() < 0.3 ? 'x'.repeat(Math.floor(r() * 150)) : tree(r, 2);
    const el = parseDocument(`<html><body><div id="t"${attrs.join('')}>${inner}</div></body></html>`).querySelector('#t') as DomElement;
    const name = `${names[Math.floor(r() * names.length)]} ${names[Math.floor(r() * names.length)]}`;
    assert.equal(fast.call(tuned, el, name), original.call(tuned, el, name), `${attrs.join('')} ${name}`);
  }
});

// fallback.ts as it was written with linkedom's selector query and tag query.
function referenceFallback(doc: ReturnType<typeof parseDocument>): DomElement | null {
  const linkText = (el: DomElement): number => {
    const links = el.getElementsByTagName('a');
    let n = 0;
    for (let i = 0; i < links.length; i++) n += (links[i]!.textContent ?? '').trim().length;
    return n;
  };
  const scores = new Map<DomElement, number>();
  const paras = doc.querySelectorAll('p, pre, blockquote, h2, h3, h4, li, tr');
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i]!;
    const t = (p.textContent ?? '').trim();
    if (t.length < 25) continue;
    const value = Math.max(0, t.length - 2 * linkText(p));
    if (value === 0) continue;
    let ancestor = p.parentElement;
    for (let share = 1; ancestor && share >= 0.25; share /= 2) {
      scores.set(ancestor, (scores.get(ancestor) ?? 0) + value * share);
      ancestor = ancestor.parentElement;
    }
  }
  let best: DomElement | null = null;
  let bestScore = 0;
  for (const [el, sc] of scores) {
    if (sc > bestScore) {
      best = el;
      bestScore = sc;
    }
  }
  return best ?? doc.body;
}

test('fallbackContent names the block the selector-query version named, templates and upper-case names included', () => {
  const r = rng(23);
  const para = ['p', 'li', 'blockquote', 'h2', 'tr', 'pre'];
  for (let i = 0; i < 300; i++) {
    let html = '';
    for (let k = 0; k < 1 + Math.floor(r() * 5); k++) {
      const wrap = ['div', 'section', 'ul', 'template', 'table'][Math.floor(r() * 5)]!;
      let inner = '';
      for (let j = 0; j < Math.floor(r() * 6); j++) {
        const tag = para[Math.floor(r() * para.length)]!;
        const words = 'harbour ferry council '.repeat(Math.floor(r() * 4));
        inner += `<${tag}>${words}${r() < 0.4 ? `<a href="/x">${'link text '.repeat(Math.floor(r() * 4))}</a>` : ''}${tree(r, 3)}</${tag}>`;
      }
      html += `<${wrap}>${inner}</${wrap}>`;
    }
    // Some pages go on after </html>: the document's query finds that content too.
    const after = r() < 0.2 ? `<div><p>${'content after the end of the page '.repeat(3)}</p></div>` : '';
    const doc = parseDocument(`<html><body>${html}</body></html>${after}`);
    // Readability renames elements as "P"/"DIV"; such names must count as the selector counts them.
    const body = doc.body!;
    if (r() < 0.5 && body.firstChild) {
      const made = doc.createElement(r() < 0.5 ? 'P' : 'DIV');
      made.textContent = 'a paragraph the scorer made, long enough to count';
      body.appendChild(made);
      const a = doc.createElement('A');
      a.textContent = 'an upper-case link element';
      made.appendChild(a);
    }
    assert.equal(fallbackContent(doc), referenceFallback(doc), html);
  }
});

test("a tuned Readability's empty-element test and link density answer as the originals, on every element of random trees", () => {
  const r = rng(31);
  for (let i = 0; i < 150; i++) {
    const hrefs = ['/x', '#top', '#', '', 'https://example.com/#a'];
    let html = tree(r, 0);
    // Links (some to anchors, which count for less), empty blocks with only <br>/<hr>, CDATA-like text.
    html += `<div><a href="${hrefs[Math.floor(r() * hrefs.length)]}">${text(r)}</a>${text(r)}<p><br><hr></p><div>${text(r)}</div></div>`;
    const doc = parseDocument(`<html><body>${html}</body></html>`);
    const reader = new Readability(doc as never) as unknown as Record<string, unknown>;
    const empty = reader._isElementWithoutContent as (n: DomNode) => boolean;
    const density = reader._getLinkDensity as (e: DomElement) => number;
    const textDensity = reader._getTextDensity as (e: DomElement, tags: string[]) => number;
    tuneForLinkedom(reader);
    const fastTextDensity = reader._getTextDensity as (e: DomElement, tags: string[]) => number;
    assert.notEqual(fastTextDensity, textDensity, 'Readability 0.6 has text density as the override expects it');
    const fastEmpty = reader._isElementWithoutContent as (n: DomNode) => boolean;
    const fastDensity = reader._getLinkDensity as (e: DomElement) => number;
    assert.notEqual(fastEmpty, empty, 'Readability 0.6 has the empty-element test as the override expects it');
    assert.notEqual(fastDensity, density, 'Readability 0.6 has link density as the override expects it');
    for (const n of walkList(doc.documentElement, 0x1 | 0x4)) {
      assert.equal(fastEmpty.call(reader, n), empty.call(reader, n), html);
      if (n.nodeType !== ELEMENT_NODE) continue;
      const el = n as DomElement;
      assert.equal(fastDensity.call(reader, el), density.call(reader, el), html);
      for (const tags of [
        ['H1', 'H2'],
        ['SPAN', 'LI', 'TD', 'DIV', 'P', 'PRE', 'UL'],
      ])
        assert.equal(fastTextDensity.call(reader, el, tags), textDensity.call(reader, el, tags), html);
    }
  }
});

test('squeezedTextLength and SqueezedCounter count what squeezedLength counts of the joined text', () => {
  const r = rng(41);
  for (let i = 0; i < 300; i++) {
    const pieces: string[] = [];
    for (let k = Math.floor(r() * 5); k > 0; k--) pieces.push(text(r));
    const count = new SqueezedCounter();
    for (const p of pieces) count.add(p);
    assert.equal(count.length, squeezedLength(pieces.join('')), JSON.stringify(pieces));
  }
  // Prose beside inline elements: clean text with one space (or two) at either end, and pieces
  // that are only spaces — the counter's shortcut for a single space at the ends.
  const ends = ['', ' ', '  ', '\n'];
  for (let i = 0; i < 400; i++) {
    const pieces: string[] = [];
    for (let k = 1 + Math.floor(r() * 5); k > 0; k--) {
      const words: string[] = [];
      for (let w = Math.floor(r() * 4); w > 0; w--) words.push(WORDS[Math.floor(r() * WORDS.length)]!);
      pieces.push(ends[Math.floor(r() * ends.length)]! + words.join(' ') + ends[Math.floor(r() * ends.length)]!);
    }
    const count = new SqueezedCounter();
    for (const p of pieces) count.add(p);
    assert.equal(count.length, squeezedLength(pieces.join('')), JSON.stringify(pieces));
  }
  for (let i = 0; i < 100; i++) {
    const doc = parseDocument(`<html><body>${tree(r, 0)}<div>${tree(r, 1)}<![CDATA[ x  y ]]></div></body></html>`);
    for (const n of walkList(doc.documentElement, 0x1)) {
      const el = n as DomElement;
      const full = squeezedLength(el.textContent ?? '');
      assert.equal(squeezedTextLength(el), full);
      // With a stop: the length under it, a floor at or over it.
      const stop = 1 + Math.floor(r() * 12);
      const upTo = squeezedTextLength(el, stop);
      if (full < stop) assert.equal(upTo, full);
      else assert.ok(upTo >= stop && upTo <= full, `${upTo} of ${full}, stop ${stop}`);
    }
  }
  // The stop ends the count: a long block is not counted to its end.
  const long = parseDocument(
    `<html><body><div>${'<p>The ferry crossed the harbour at <a href="/x">nine</a>.</p>'.repeat(200)}</div></body></html>`,
  );
  const div = long.querySelector('div') as DomElement;
  const upTo = squeezedTextLength(div, 100);
  assert.ok(upTo >= 100 && upTo < 200, `${upTo}`);
  assert.ok(squeezedTextLength(div) > 5000);
});

// textAndLinks and measureText as read through parents (the walk they replaced): each text node's
// squeezed length, and whether an <a> below the root (or the root itself, for measureText) holds it.
function linkedText(root: DomElement, rootCounts: boolean): Array<{ s: string; inLink: boolean }> {
  const out: Array<{ s: string; inLink: boolean }> = [];
  const read = (node: DomNode, inLink: boolean): void => {
    for (let k = node.firstChild; k; k = k.nextSibling) {
      if (k.nodeType === TEXT_NODE) out.push({ s: k.textContent ?? '', inLink });
      else if (k.nodeType === ELEMENT_NODE) read(k, inLink || (k as DomElement).localName === 'a');
    }
  };
  read(root, rootCounts && root.localName === 'a');
  return out;
}

test('textAndLinks and measureText read the text and link text a walk through parents reads', () => {
  const r = rng(43);
  for (let i = 0; i < 120; i++) {
    const doc = parseDocument(
      `<html><body>${tree(r, 0)}<a href="/x">${tree(r, 2)}<span><a>${text(r)}</a>${text(r)}</span></a>${tree(r, 1)}</body></html>`,
    );
    for (const n of walkList(doc.documentElement, 0x1)) {
      const el = n as DomElement;
      const parts = linkedText(el, false);
      const want = { text: 0, links: 0 };
      for (const p of parts) {
        want.text += squeezedLength(p.s);
        if (p.inLink) want.links += squeezedLength(p.s);
      }
      assert.deepEqual(textAndLinks(el), want);
      const all = linkedText(el, true);
      const str = squeeze(all.map((p) => p.s).join('')).trim();
      const links = all.filter((p) => p.inLink).reduce((sum, p) => sum + squeezedLength(p.s), 0);
      assert.deepEqual(measureText(el), { text: str.length, links: Math.min(links, str.length), str });
    }
  }
});

test("normalizeTree on linkedom's list does what it does through the tree walker: depth, comments, index", () => {
  const r = rng(47);
  const shape = (doc: ReturnType<typeof parseDocument>): string => doc.documentElement.outerHTML;
  for (let i = 0; i < 150; i++) {
    // Deep runs, comments (inside what is collapsed, too), indexed and itemprop elements.
    const deep = Math.floor(r() * 8);
    const html = `<html><head><title>t</title><!-- c --><meta name="a" content="b"></head><body>${'<div><!-- in -->'.repeat(deep)}<p itemprop="x">${tree(r, 0)}</p><h2>${text(r)}<a href="/y">${text(r)}</a></h2>${'</div>'.repeat(deep)}${tree(r, 1)}<!-- end --></body></html>`;
    for (const maxDepth of [2, 4, 6, 180]) {
      const a = parseDocument(html);
      const b = parseDocument(html);
      const fast = normalizeTree(a, maxDepth);
      const walked = normalizeTree(b, maxDepth, true);
      assert.equal(shape(a), shape(b), html);
      assert.equal(fast.collapsed, walked.collapsed);
      assert.equal(fast.elements, walked.elements);
      const names = (info: typeof fast): string[] =>
        [...info.index.byTag].map(([t, els]) => `${t}:${els.map((e) => e.outerHTML).join('|')}`);
      assert.deepEqual(names(fast), names(walked));
      assert.deepEqual(
        fast.index.itemprop.map((e) => e.outerHTML),
        walked.index.itemprop.map((e) => e.outerHTML),
      );
    }
  }
});

function classNameOwner(node: object): object {
  for (let p: object | null = Object.getPrototypeOf(node); p; p = Object.getPrototypeOf(p)) {
    if (Object.hasOwn(p, 'className')) return p;
  }
  throw new Error('no className');
}

test("fastClassName reads what linkedom's className getter reads, after every way classes change", () => {
  const r = rng(53);
  const CLASSES = ['a', 'b', 'comment', 'x-y', 'a', ' ', '  ', '\t', '\n', 'ſ', 'B'];
  const classAttr = (): string => {
    let s = '';
    for (let k = Math.floor(r() * 5); k > 0; k--) s += CLASSES[Math.floor(r() * CLASSES.length)];
    return s;
  };
  let html = '';
  for (let i = 0; i < 60; i++)
    html += r() < 0.2 ? `<p>${text(r)}</p>` : `<div class="${classAttr()}"><span class="${classAttr()}">x</span></div>`;
  const doc = parseDocument(`<html><body>${html}<svg class="s"><path class="p"></path></svg></body></html>`);
  const other = parseDocument('<html><body><p class="q r q">x</p></body></html>');
  const get = Object.getOwnPropertyDescriptor(classNameOwner(doc.documentElement), 'className')?.get as () => unknown;
  const fast = fastClassName(() => doc, get);
  const idle = fastClassName(() => null, get);
  const els = Array.from(doc.querySelectorAll('*'));
  // Classes changed through the attribute, the token list and the property, as Readability and the stages do.
  els.forEach((el, k) => {
    const list = (el as unknown as { classList: { add(...t: unknown[]): void; remove(t: string): void } }).classList;
    if (k % 7 === 1) el.setAttribute('class', classAttr());
    if (k % 7 === 2) list.add('added', 'a');
    if (k % 7 === 3) list.remove('a');
    if (k % 7 === 4) el.removeAttribute('class');
    if (k % 7 === 5) (el as unknown as { className: string }).className = classAttr();
    if (k % 11 === 6) list.add(7); // a token that is not a string
  });
  const all = [...els, ...Array.from(other.querySelectorAll('*'))];
  for (const el of all) {
    assert.equal(fast.call(el), get.call(el), el.outerHTML);
    assert.equal(idle.call(el), get.call(el), el.outerHTML);
  }
  assert.equal(joinedClasses(new Set()), '');
  assert.equal(joinedClasses(new Set(['a', 'b'])), 'a b');
  assert.equal(joinedClasses(new Set(['a', null])), undefined);
});

test('withTunedReads answers getAttribute("class") as linkedom does, and only while it runs', () => {
  const doc = parseDocument('<html><body><div class="share  tools share"><p class="">x</p><p>y</p></div></body></html>');
  const els = Array.from(doc.querySelectorAll('*'));
  const before = els.map((el) => el.getAttribute('class'));
  const during = withTunedReads(doc, () => {
    assert.equal(tunedDocument(), doc);
    return els.map((el) => el.getAttribute('class'));
  });
  assert.equal(tunedDocument(), null);
  assert.deepEqual(during, before);
  assert.deepEqual(before.slice(-3), ['share tools', '', '']);
});
