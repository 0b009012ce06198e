// Stage 4e (opening.ts): a story whose first paragraphs stand in a container of their own between
// the headline and the container the scorer took. Pages written for the rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';

// Long plain sentences score low per paragraph with Readability; short ones full of commas score
// high, so the scorer settles on the second container and leaves the first, its sibling, out (the
// picture keeps Readability from turning a container of one paragraph into that paragraph, a
// sibling it would append whole).
const opening = (n: number): string =>
  `<p>The opening paragraph number ${n} of the letter explains in plain words why the signatories wrote to the council about the closing of the town library before the end of the year</p>`;
const rest = (n: number): string =>
  `<p>Signatory ${n}, a teacher, a nurse, a baker, a retired judge, and a student, signed, dated, and sent it, on Monday, by post.</p>`;

const page = (intro: string): string =>
  `<!doctype html><html lang="en"><head><title>A letter on the town library | Town Post</title></head><body>
   <div class="page"><h1>A letter on the town library</h1>
   <div class="intro">${intro}<img src="/portrait.jpg" alt=""></div>
   <div class="names">${Array.from({ length: 12 }, (_, i) => rest(i + 1)).join('')}</div></div></body></html>`;

test('the opening paragraphs above the container the scorer took go in front of the body', () => {
  const r = extractArticle({ bytes: page([1, 2, 3].map(opening).join('')) });
  const t = r.text ?? '';
  assert.ok(t.includes('Signatory 12'), t);
  for (const n of [1, 2, 3]) assert.ok(t.includes(`paragraph number ${n} of`), `paragraph ${n}: ${t}`);
  assert.ok(t.indexOf('paragraph number 3 of') < t.indexOf('Signatory 1,'), 'in reading order');
  assert.ok(r.html?.includes('paragraph number 1 of'), 'in the HTML too');
});

test('a single paragraph there (a standfirst) is not added', () => {
  const r = extractArticle({ bytes: page(opening(1)) });
  const t = r.text ?? '';
  assert.ok(t.includes('Signatory 12'), t);
  assert.ok(!t.includes('paragraph number 1 of'), t);
});
