// The x-speed5 round of 2026-12-06: the one-pass finder (fallback.ts), which the second look's
// preview runs on every page, counts each paragraph's and each link's trimmed text without
// joining it (trimmedTextLength). It chooses what the finder written with `textContent.trim()`
// chooses: the reference below, on random pages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DomDocument, DomElement } from '../../../src/ingest/extract/dom.js';
import { childElements, parseDocument } from '../../../src/ingest/extract/dom.js';
import { contentWithin, fallbackContent } from '../../../src/ingest/extract/fallback.js';
import { pick, rng } from '../../helpers/seeded-random.js';

const TEXTS = [
  ' ',
  '\n  ',
  '\u00a0',
  'short',
  'The council said on Tuesday that the plan for the harbour would cost more.',
  '  Residents asked why the report had not been published earlier.  ',
  'ferry\tservices\u2028',
  '',
  // Links padded with white space: a link's trimmed length is what counts against its paragraph.
  `${' '.repeat(30)}council${'\n'.repeat(30)}`,
];
const TAGS = ['div', 'p', 'li', 'ul', 'a', 'a', 'a', 'span', 'blockquote', 'section', 'h2', 'pre', 'table', 'tr', 'td', 'em'];

function tree(r: () => number, depth: number): string {
  let s = '';
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    if (r() < 0.35 || depth > 5) {
      s += pick(r, TEXTS);
      continue;
    }
    const tag = pick(r, TAGS);
    s += `<${tag}${tag === 'a' ? ' href="/x"' : ''}>${tree(r, depth + 1)}</${tag}>`;
  }
  return s;
}

/** The finder as written before: each paragraph's and link's text joined and trimmed. */
function reference(paras: DomElement[], stop: DomElement | null): DomElement | null {
  const scores = new Map<DomElement, number>();
  for (const p of paras) {
    const text = (p.textContent ?? '').trim();
    if (text.length < 25) continue;
    let links = 0;
    for (const a of Array.from(p.getElementsByTagName('a'))) links += (a.textContent ?? '').trim().length;
    const value = Math.max(0, text.length - 2 * links);
    if (value === 0) continue;
    let ancestor = p.parentElement;
    for (let share = 1; ancestor && ancestor !== stop && share >= 0.25; share /= 2) {
      scores.set(ancestor, (scores.get(ancestor) ?? 0) + value * share);
      ancestor = ancestor.parentElement;
    }
  }
  let best: DomElement | null = null;
  let bestScore = 0;
  for (const [el, s] of scores) {
    if (s > bestScore) {
      best = el;
      bestScore = s;
    }
  }
  return best;
}

function paragraphsOf(root: DomDocument | DomElement): DomElement[] {
  return Array.from(root.querySelectorAll('p, pre, blockquote, h2, h3, h4, li, tr'));
}

test('the one-pass finder chooses what it chose reading joined and trimmed texts, on random pages', () => {
  const r = rng(11);
  let chosen = 0;
  for (let i = 0; i < 500; i++) {
    const doc = parseDocument(`<html><body>${tree(r, 0)}</body></html>`);
    const want = reference(paragraphsOf(doc), null) ?? doc.body;
    // Compared by identity: a failed deep comparison of two linkedom trees would not end.
    assert.ok(fallbackContent(doc) === want, `page ${i}`);
    if (want !== doc.body) chosen++;
    const box = childElements(doc.body!)[0];
    if (box) assert.ok(contentWithin(box) === reference(paragraphsOf(box), box.parentElement), `box ${i}`);
  }
  assert.ok(chosen > 100, `${chosen}`);
});
