// Stage 1 (prune.ts), from the hashed-class-names round of 2026-12-05 (x-noclass): a comment thread
// recognised by its place and shape when its class names say nothing (CSS modules, hashed names):
// the block just before a comment form that repeats one shape of child, most children carrying a
// short name-and-date line. Each page here is written for the rule, with made-up hashed names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ablation } from '../../../src/ingest/extract/ablation.js';
import { extractArticle } from '../../../src/ingest/extract/index.js';

const sentence = (n: number): string =>
  `The ferry company said on day ${n} that the night crossing to the island would run again from spring, with a smaller boat and two crews.`;
const comment = (n: number): string =>
  `I took that night boat every week for years, and number ${n} of my memories is the cook singing in the galley while the sea rolled under us all.`;

const item = (n: number, stamp: string): string =>
  `<li class="x9Qa k2Lm"><div class="p0Zr"><b>Reader ${n}</b> <a href="#r${n}">${stamp}</a></div><div class="t7Hh"><p>${comment(n)}</p></div><a class="u8Yy" href="#f">Reply</a></li>`;

const page = (items: string, withForm = true): string =>
  `<!doctype html><html lang="en"><head><title>Night ferry returns</title></head><body>
  <div class="a1Bc"><div class="d4Ef"><h1>Night ferry returns</h1>
  <div class="g7Hi"><p>${sentence(1)}</p><p>${sentence(2)}</p></div></div>
  <div class="j1Kl"><h3>9 replies</h3><ol class="m2No">${items}</ol>
  ${withForm ? '<div class="q3Rs"><form action="/post"><textarea name="c"></textarea><button>Send</button></form></div>' : ''}</div></div></body></html>`;

const thread = (stamp: (n: number) => string): string => Array.from({ length: 9 }, (_, i) => item(i + 1, stamp(i + 1))).join('');

test('a dated thread of same-shape items before a comment form goes, whatever its names', () => {
  const text = extractArticle({ bytes: page(thread((n) => `March ${n}, 2024 at 9:${10 + n} pm`)) }).text ?? '';
  assert.ok(text.includes(sentence(1)) && text.includes(sentence(2)), text);
  assert.ok(!text.includes('cook singing'), text);
});

test('a <time> stamp is a date line too', () => {
  const text = extractArticle({ bytes: page(thread((n) => `<time datetime="2024-03-0${n % 9}">${n} days ago</time>`)) }).text ?? '';
  assert.ok(text.includes(sentence(1)), text);
  assert.ok(!text.includes('cook singing'), text);
});

test('items without dates, or no comment form after them, are left to the other stages', () => {
  // Undated items: not recognised as a thread by this rule (the page's own text still comes back).
  const undated = extractArticle({ bytes: page(thread((n) => `permalink ${String.fromCharCode(96 + n)}`)) }).text ?? '';
  assert.ok(undated.includes('cook singing'), undated);
  // No form: nothing marks the block as a thread for this rule (thread-blocks.ts takes it by its
  // in-page links since x-hashthreads; thread-blocks.test.ts), so that one is switched off here.
  ablation.off = (rule) => rule === 'prune:thread-blocks';
  const noForm =
    extractArticle({
      bytes: page(
        thread((n) => `March ${n}, 2024`),
        false,
      ),
    }).text ?? '';
  ablation.off = null;
  assert.ok(noForm.includes('cook singing'), noForm);
});
