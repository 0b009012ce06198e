// A page must be garbage once its extraction returns — also to the collector of V8's young
// generation, which treats weak references as strong. Three things kept every page alive there,
// so that each page's tree and text were promoted to the old generation and stayed until the next
// full collection: linkedom's `parseHTML` (its window, kept in a WeakMap whose value holds the
// document), the accessor our tuned `parse()` puts on the returned body (closures over the
// element), and Readability's constructor (closures over a context that holds the document).
// Each test measures how much of the old generation a page leaves behind after two collections
// of the young generation, against a page that is kept on purpose (README, "Speed and memory
// round (x-speed2)").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Readability } from '@mozilla/readability';
import type { DomDocument, DomElement } from '../../../src/ingest/extract/dom.js';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { withoutListenerEntries } from '../../../src/ingest/extract/listener-entries.js';
import { newReadability, tuneForLinkedom } from '../../../src/ingest/extract/readability-linkedom.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as (opts?: { type: 'minor' | 'major' }) => void;

function oldGeneration(): number {
  let used = 0;
  for (const s of v8.getHeapSpaceStatistics())
    if (s.space_name === 'old_space' || s.space_name === 'large_object_space') used += s.space_used_size;
  return used;
}

const PAGES = 30;

/**
 * Bytes the old generation grows by when `make` runs PAGES times and two young-generation
 * collections follow. A page kept until the next full collection is promoted whole; the last page
 * or two may be promoted for other reasons (a collection in the middle of one), so the tests
 * compare with PAGES pages kept on purpose.
 */
function leftBehind(make: () => void): number {
  for (let i = 0; i < 5; i++) withoutListenerEntries(make); // compiled and warm before measuring
  gc();
  const before = oldGeneration();
  for (let i = 0; i < PAGES; i++) withoutListenerEntries(make);
  gc({ type: 'minor' });
  gc({ type: 'minor' });
  return oldGeneration() - before;
}

function page(paragraphs: number): string {
  const body: string[] = [];
  for (let i = 0; i < paragraphs; i++) {
    body.push(
      `<p class="para p${i % 7}">Paragraph ${i} says the <a href="/topic/${i}">harbour plan</a> would cost more than the council expected, and residents asked why.</p>`,
    );
  }
  return `<!DOCTYPE html><html lang="en"><head><title>A long story | Example</title></head><body><div class="site"><nav class="menu"><a href="/">Home</a><a href="/news">News</a></nav><main><article><h1>A long story</h1><div class="story-body">${body.join('\n')}</div></article></main><footer class="footer"><p>© Example</p></footer></div></body></html>`;
}

const PAGE = page(40);
const OPTIONS = { keepClasses: true, serializer: (node: DomElement): DomElement => node };
const kept: DomDocument[] = [];
// What pages that stay alive leave behind: their parsed trees, promoted.
const KEPT = leftBehind(() => {
  kept.push(parseDocument(PAGE));
});
kept.length = 0;

test('pages kept on purpose are promoted (the measure can see them)', () => {
  assert.ok(KEPT > PAGES * 20_000, `${PAGES} kept pages left ${KEPT} bytes`);
});

test('a parsed page is not kept once dropped', () => {
  const left = leftBehind(() => {
    parseDocument(PAGE);
  });
  assert.ok(left < KEPT / 2, `left ${left} bytes behind; ${PAGES} kept pages ${KEPT}`);
});

test('a Readability instance made by newReadability does not keep its page', () => {
  const left = leftBehind(() => {
    newReadability(Readability<DomElement>, parseDocument(PAGE), OPTIONS);
  });
  assert.ok(left < KEPT / 2, `left ${left} bytes behind; ${PAGES} kept pages ${KEPT}`);
});

test("a tuned parse() does not keep its page through the body's one-read accessor", () => {
  const left = leftBehind(() => {
    const reader = newReadability(Readability<DomElement>, parseDocument(PAGE), OPTIONS);
    tuneForLinkedom(reader);
    reader.parse();
  });
  assert.ok(left < KEPT / 2, `left ${left} bytes behind; ${PAGES} kept pages ${KEPT}`);
});

test('extractArticle does not keep its page', () => {
  const bytes = new TextEncoder().encode(PAGE);
  const left = leftBehind(() => {
    extractArticle({ bytes, url: 'https://example.com/news/1' });
  });
  assert.ok(left < KEPT * 0.6, `left ${left} bytes behind; ${PAGES} kept pages ${KEPT}`);
});

test('newReadability makes the instance the constructor makes on the page itself', () => {
  const doc = parseDocument(PAGE);
  const other = parseDocument(PAGE);
  const made = newReadability(Readability<DomElement>, doc, OPTIONS) as unknown as Record<string, unknown>;
  const plain = new Readability<DomElement>(other as never, OPTIONS as never) as unknown as Record<string, unknown>;
  assert.deepEqual(Object.keys(made), Object.keys(plain));
  assert.equal(made._doc, doc);
  for (const k of Object.keys(plain)) {
    if (k === '_doc') continue;
    if (typeof plain[k] === 'function') assert.equal(String(made[k]), String(plain[k]), k);
    else assert.deepEqual(made[k], plain[k], k);
  }
  const a = (made as unknown as Readability<DomElement>).parse();
  const b = (plain as unknown as Readability<DomElement>).parse();
  assert.equal(a?.textContent, b?.textContent);
});

test('newReadability leaves a document the constructor rejects to the constructor', () => {
  const empty = { documentElement: null, firstChild: null } as unknown as DomDocument;
  assert.throws(() => newReadability(Readability<DomElement>, empty, OPTIONS), /First argument to Readability constructor/);
});
