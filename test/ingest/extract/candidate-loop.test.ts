// Readability's candidate loop answered from one walk (readability-linkedom.ts CandidateLoop,
// walk.ts linkDensitiesInOneWalk): every scored element's link density as its own walk gives it,
// every answer of a tuned Readability the original's at that moment, and the walk's answers
// dropped by any step that may change the page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Readability } from '@mozilla/readability';
import type { DomDocument, DomElement } from '../../../src/ingest/extract/dom.js';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import { CandidateLoop, tuneForLinkedom, withTunedReads } from '../../../src/ingest/extract/readability-linkedom.js';
import { linkDensitiesInOneWalk, linkDensityInOneWalk, walkList } from '../../../src/ingest/extract/walk.js';
import { pick, rng } from '../../helpers/seeded-random.js';

const WORDS = ['harbour', 'plan', 'council', 'said,', 'the', 'cost', 'ferry', 'a', 'report.'];
const SPACES = [' ', ' ', ' ', '  ', '\n', '\n\t', ' \n ', '\u00a0', ''];
const HREFS = ['/topic/x', '#note', 'https://a.example/#top', '', 'https://b.example/y'];
const TAGS = ['div', 'section', 'p', 'span', 'li', 'article', 'td', 'em'];

function text(r: () => number): string {
  let s = pick(r, SPACES);
  for (let n = Math.floor(r() * 6); n > 0; n--) s += pick(r, WORDS) + pick(r, SPACES);
  return s;
}

function tree(r: () => number, depth: number, inLink: boolean): string {
  let s = '';
  for (let n = 1 + Math.floor(r() * 4); n > 0; n--) {
    const x = r();
    if (x < 0.35 || depth > 4) s += text(r);
    else if (x < 0.55 && !inLink) s += `<a href="${pick(r, HREFS)}">${r() < 0.3 ? tree(r, depth + 1, true) : text(r)}</a>`;
    else if (x < 0.58) s += '<!-- c -->';
    else {
      const tag = pick(r, TAGS);
      s += `<${tag}>${tree(r, depth + 1, inLink)}</${tag}>`;
    }
  }
  return s;
}

const weight = (a: DomElement): number => {
  const href = a.getAttribute('href');
  return href && /^.+\/?#.*$/.test(href) ? 0.3 : 1;
};

/** Readability's own link density (0.6.0's source, written out): text and link lengths trimmed and squeezed. */
function original(el: DomElement): number {
  const inner = (e: DomElement): string => (e.textContent ?? '').trim().replace(/\s{2,}/g, ' ');
  const textLength = inner(el).length;
  if (textLength === 0) return 0;
  let linkLength = 0;
  const links = el.getElementsByTagName('a');
  for (let i = 0; i < links.length; i++) linkLength += inner(links[i]!).length * weight(links[i]!);
  return linkLength / textLength;
}

test('one walk gives every counted element the link density of its own walk', () => {
  const r = rng(23);
  let checked = 0;
  for (let i = 0; i < 400; i++) {
    const doc = parseDocument(`<html><body>${tree(r, 0, false)}</body></html>`);
    const body = doc.body!;
    const chosen = new Set<DomElement>();
    for (const el of walkList(body, 0x1) as DomElement[]) if (r() < 0.5) chosen.add(el);
    if (r() < 0.5) chosen.add(body);
    const all = linkDensitiesInOneWalk(body, (el) => chosen.has(el), weight);
    assert.ok(all !== null);
    assert.equal(all.size, chosen.size);
    for (const el of chosen) {
      assert.equal(all.get(el), linkDensityInOneWalk(el, weight), el.outerHTML);
      assert.equal(all.get(el), original(el), el.outerHTML);
      checked++;
    }
  }
  assert.ok(checked > 1000, `only ${checked} elements checked`);
});

test('one walk gives up where a link holds a link, as the single walk does', () => {
  const doc = parseDocument('<html><body><div><p>one two</p></div></body></html>');
  const outer = doc.createElement('a');
  outer.setAttribute('href', '/a');
  const inner = doc.createElement('a');
  inner.appendChild(doc.createTextNode('inner text'));
  outer.appendChild(inner);
  doc.body!.firstChild!.appendChild(outer);
  assert.equal(linkDensityInOneWalk(doc.body!, weight), null);
  assert.equal(
    linkDensitiesInOneWalk(doc.body!, () => true, weight),
    null,
  );
});

test('the loop answers from its walk only until another step; a changed page is measured afresh', () => {
  const doc = parseDocument(
    '<html><body><div id="a"><p id="p">Some words of the story <a href="/x">a link</a> and more words.</p></div></body></html>',
  );
  const byId = (id: string): DomElement => (doc as unknown as { getElementById(id: string): DomElement }).getElementById(id);
  const a = byId('a');
  const p = byId('p');
  (a as unknown as { readability: object }).readability = { contentScore: 1 };
  (p as unknown as { readability: object }).readability = { contentScore: 1 };
  const extra = (): void => {
    const link = doc.createElement('a');
    link.appendChild(doc.createTextNode(' more linked words here'));
    p.appendChild(link);
  };
  withTunedReads(doc as DomDocument, () => {
    for (const step of ['read', 'other'] as const) {
      const loop = new CandidateLoop();
      assert.equal(loop.density(p, doc, weight), undefined, 'not armed: the usual way answers');
      loop.scored();
      const before = original(p);
      assert.equal(loop.density(p, doc, weight), before);
      assert.equal(loop.density(a, doc, weight), original(a));
      extra();
      loop[step]();
      // Dropped: the usual way answers (undefined), so the changed page is read again.
      assert.equal(loop.density(p, doc, weight), undefined, step);
      assert.notEqual(original(p), before);
    }
    // An element the walk did not count drops the walk's answers.
    const loop = new CandidateLoop();
    loop.scored();
    assert.equal(loop.density(a, doc, weight), original(a));
    assert.equal(loop.density(doc.body as DomElement, doc, weight), undefined);
    assert.equal(loop.density(a, doc, weight), undefined);
  });
});

function page(r: () => number): string {
  const para = (): string => {
    let s = '';
    for (let n = 2 + Math.floor(r() * 5); n > 0; n--) {
      s += `${pick(r, WORDS)} ${pick(r, WORDS)}, ${pick(r, WORDS)} ${pick(r, WORDS)}${pick(r, SPACES)}`;
      if (r() < 0.3) s += `<a href="${pick(r, HREFS)}">${text(r)}</a> `;
    }
    return `<p>${s} the ferry report said the council would publish the figures.</p>`;
  };
  const block = (depth: number): string => {
    let s = '';
    for (let n = 1 + Math.floor(r() * 4); n > 0; n--) {
      const x = r();
      if (x < 0.5 || depth > 3) s += para();
      else if (x < 0.6) s += `<ul>${`<li><a href="${pick(r, HREFS)}">${text(r)}</a></li>`.repeat(1 + Math.floor(r() * 5))}</ul>`;
      else s += `<div class="${pick(r, ['story', 'wrap', 'content', 'col', 'sidebar'])}">${block(depth + 1)}</div>`;
    }
    return s;
  };
  return `<html><head><title>Harbour plan</title></head><body><div class="site">${block(0)}</div></body></html>`;
}

test('a tuned Readability asks link density and gets the original answer, every time, on random pages', () => {
  const r = rng(5);
  let asks = 0;
  for (let i = 0; i < 150; i++) {
    const html = page(r);
    const plain = new Readability(parseDocument(html) as never).parse();
    const tuned = new Readability(parseDocument(html) as never);
    tuneForLinkedom(tuned);
    type Densities = { _getLinkDensity: (el: DomElement) => number };
    const t = tuned as unknown as Densities;
    const tunedDensity = t._getLinkDensity;
    // The original on an untuned instance: the tuned one's _getInnerText is part of the loop.
    const untuned = new Readability(parseDocument('<html><body></body></html>') as never);
    const originalDensity = (Readability.prototype as unknown as Densities)._getLinkDensity;
    t._getLinkDensity = function (this: unknown, el: DomElement): number {
      const got = tunedDensity.call(this, el);
      assert.equal(got, originalDensity.call(untuned, el), el.outerHTML.slice(0, 200));
      asks++;
      return got;
    };
    assert.equal(tuned.parse()?.content, plain?.content);
  }
  assert.ok(asks > 1000, `only ${asks} asks`);
});
