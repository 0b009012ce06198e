// The second look's preview (issue 11, speed): read off the pruned first parse, it must only ever
// spare a re-parse the second look would have thrown away — never change what it returns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DomDocument, DomElement } from '../../../src/ingest/extract/dom.js';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import { pruneFurniture } from '../../../src/ingest/extract/prune.js';
import { HeadlineBlock, previewSecondLook, secondLook } from '../../../src/ingest/extract/second-look.js';
import { proseLength, trimEdges } from '../../../src/ingest/extract/trim.js';
import { squeeze, squeezedLength } from '../../../src/ingest/extract/squeeze.js';
import { rng } from '../../../bench/lib/rng.js';
import { paragraphs } from './helpers.js';

const sentence = (n: number): string =>
  `The ferry operator said on Tuesday that crossing ${n} would run on the winter timetable, with the last boat leaving the harbour at nine in the evening.`;
const prose = (from: number, count: number): string => paragraphs(sentence, from, count);
const rail = `<ul>${Array.from({ length: 30 }, (_, i) => `<li><a href="/s/${i}">Ferry timetable changes for the harbour, part ${i}</a></li>`).join('')}</ul>`;
const notice = '<p>Confirm your age to watch programmes with an age rating at any time of day. You will need an identity document.</p>';

const page = (side: string, story: string): string =>
  `<!doctype html><html lang="en"><head><title>Winter timetable</title></head><body>
   <div class="dialog-content">${side}</div><nav><a href="/">Home</a></nav>
   <div id="main"><h1>Winter timetable</h1><div class="entry">${story}</div></div>
   <div class="comments"><p>${sentence(99)}</p></div></body></html>`;

/** A body as the scorer would have chosen it: `html` in a <div> of a page of its own. */
function body(html: string): { el: DomElement; text: string } {
  const el = parseDocument(`<html><body><div id="chosen">${html}</div></body></html>`).querySelector('#chosen') as DomElement;
  return { el, text: el.textContent ?? '' };
}

function preview(html: string): ReturnType<typeof previewSecondLook> {
  const doc = parseDocument(html);
  pruneFurniture(doc);
  return previewSecondLook(doc);
}

test('with or without the preview, the second look returns the same; ruled out, it parses nothing', () => {
  const cases: Array<[string, string]> = [
    [notice, page(notice, prose(1, 6))], // the story wins
    [prose(1, 3), page(rail, prose(1, 3))], // a rail: a list, never the article
    [prose(1, 2), page(notice, prose(1, 3))], // not twice the prose
    [notice, page(notice, prose(1, 1))],
    [prose(1, 4), page(prose(20, 9), prose(1, 4))], // a longer block beside the story
  ];
  for (const [chosenHtml, html] of cases) {
    const a = body(chosenHtml);
    const without = secondLook(a.el, a.text, () => parseDocument(html), 'Winter timetable');
    const b = body(chosenHtml);
    let parses = 0;
    const withPreview = secondLook(
      b.el,
      b.text,
      () => {
        parses++;
        return parseDocument(html);
      },
      'Winter timetable',
      preview(html),
    );
    assert.equal(withPreview?.text ?? null, without?.text ?? null, html);
    if (without === null && parses > 0) {
      // Parsed for nothing: the preview must at least have been no proof (it is a bound, not the answer).
      const p = preview(html);
      assert.ok(p.block && p.text >= 2 * Math.max(proseLength(b.el), 200), 'a re-parse the preview could have ruled out');
    }
  }
  const short = body(prose(1, 2));
  assert.equal(
    secondLook(
      short.el,
      short.text,
      () => {
        throw new Error('the preview rules this page out: no second parse');
      },
      'Winter timetable',
      preview(page(notice, prose(1, 3))),
    ),
    null,
  );
});

/** A random page of nested blocks, links, lists, captions and white space. */
function randomPage(seed: number): string {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const words = ['ferry', 'harbour', 'Read more', 'Photo: AP', 'timetable', 'winter', 'By Jane Doe', '©', 'the', 'council'];
  const text = (): string => {
    const n = 1 + Math.floor(r() * 30);
    let s = '';
    for (let i = 0; i < n; i++) s += pick([' ', '  ', '\n', '\t', '']) + pick(words);
    return s + pick(['', ' ', '.\n']);
  };
  const node = (depth: number): string => {
    if (depth > 4 || r() < 0.3) return r() < 0.3 ? `<a href="/x">${text()}</a>` : text();
    const tag = pick(['div', 'p', 'ul', 'li', 'section', 'span', 'figure', 'figcaption', 'h2', 'blockquote', 'table', 'td']);
    const cls = pick(['', ' class="caption"', ' class="card"', ' class="entry"', ' class="related"']);
    const n = 1 + Math.floor(r() * 5);
    let inner = '';
    for (let i = 0; i < n; i++) inner += node(depth + 1);
    return `<${tag}${cls}>${inner}</${tag}>`;
  };
  return `<html><head><title>Winter timetable</title></head><body>${node(0)}${node(0)}${node(0)}</body></html>`;
}

test('trimmed, a block never holds more prose than its squeezed text before trimming (the bound the preview relies on)', () => {
  for (let seed = 1; seed <= 300; seed++) {
    const doc: DomDocument = parseDocument(randomPage(seed));
    for (const el of Array.from(doc.querySelectorAll('div, section, ul, blockquote, figure, body'))) {
      const before = squeezedLength(el.textContent ?? '');
      trimEdges(el, 'Winter timetable');
      assert.ok(proseLength(el) <= before, `seed ${seed}: prose ${proseLength(el)} > text ${before}`);
    }
  }
});

test("the preview counts its block's text only as far as a short body can ask", () => {
  // A block of the whole story: counted to the cap (twice SHORT_TEXT), a floor past it.
  const p = preview(page(notice, prose(1, 60)));
  assert.ok(p.block && p.text >= 3000 && p.text < 3200, `${p.text}`);
  // A short one is counted whole.
  const q = preview(page(notice, prose(1, 3)));
  const doc = parseDocument(page(notice, prose(1, 3)));
  pruneFurniture(doc);
  assert.ok(q.block && q.text < 3000);
  assert.equal(q.text, squeezedLength(doc.querySelector('.entry')?.textContent ?? ''));
});

test("the headline block's squeezed text and length are the raw text's, whenever asked", () => {
  const r = rng(5);
  const bits = ['ferry', ' ', '  ', '\n', '\t ', 'harbour', '\u00a0'];
  for (let i = 0; i < 300; i++) {
    let raw = '';
    for (let k = Math.floor(r() * 30); k > 0; k--) raw += bits[Math.floor(r() * bits.length)];
    const n = Math.floor(r() * 120);
    const h = new HeadlineBlock(raw, -1);
    assert.equal(h.shorterThan(n), squeeze(raw).length < n, JSON.stringify(raw));
    assert.equal(h.str, squeeze(raw));
    assert.equal(h.text, squeeze(raw).length);
  }
});
