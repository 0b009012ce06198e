// Stage 1 (prune.ts), x-opening2: a consent manager's short name ("cmp") is also the prefix a
// component library gives every part of a page (Adobe Experience Manager's Core Components:
// `cmp cmp-text`, `cmp cmp-image`). Such a page's story is a run of sibling text components, and
// the short ones are not consent notices. Each page is built for the rule, not taken from a set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';

const sentence = (n: number): string =>
  `The allotment society agreed on its ${n}th meeting that the new water butts would be filled from the roof of the tool shed before the dry months.`;

function extract(html: string): string {
  return extractArticle({ bytes: html }).text ?? '';
}

const cookieText =
  'Privacy and cookies: this site uses cookies. By continuing to use this website you agree to their use. To find out more, including how to control cookies, see our cookie policy here.';

test('short text components named with the consent managers\' "cmp" prefix are the story, not notices', () => {
  const text = (n: number, count: number): string =>
    `<div class="cmp cmp-text grid-column"><p>${Array.from({ length: count }, (_, i) => sentence(n + i)).join('</p><p>')}</p></div>`;
  const image = (n: number): string =>
    `<div class="cmp cmp-image grid-column"><img src="/fig${n}.png" alt=""><span class="cmp-image--title">Figure ${n}: the shed</span></div>`;
  const html = `<!doctype html><html lang="en"><head><title>Water butts</title></head><body>
    <header><h1>Water butts</h1></header>
    <div class="grid">${text(1, 2)}${image(1)}${text(3, 1)}${image(2)}${text(4, 6)}${image(3)}${text(10, 5)}</div>
    </body></html>`;
  const out = extract(html);
  assert.ok(out.startsWith(sentence(1)), out.slice(0, 300));
  assert.ok(out.includes(sentence(3)), out);
  assert.ok(out.includes(sentence(14)), out);
});

test('a consent notice named "cmp" set once beside the story is still furniture', () => {
  const html = `<!doctype html><html lang="en"><head><title>Water butts</title></head><body>
    <div class="post"><h2><a href="/water-butts">Water butts</a></h2><p>${sentence(1)}</p></div>
    <div class="cmp"><p>${cookieText}</p><button>Accept</button></div>
    <div class="sidebar"><p>Short line.</p></div>
    </body></html>`;
  const out = extract(html);
  assert.ok(out.includes(sentence(1)), out);
  assert.ok(!out.includes('this site uses cookies'), out);
});
