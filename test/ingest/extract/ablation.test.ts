// The dev-only stage switches (src/ingest/extract/ablation.ts) that scripts/extract-ablate.mjs
// uses: unset, they change nothing; set, a rule asks only when it is about to act, and answering
// true switches that rule off for the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type Switch, ablation } from '../../../src/ingest/extract/ablation.js';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { prose } from './helpers.js';

const URL_ = 'https://paper.example/news/2025/page';
const bar = ['Facebook', 'Twitter', 'E-mail'].map((s) => `<li><a href="https://share.example/${s}">${s}</a></li>`).join('');
const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Rain returns</title></head><body>
<article><h1>Rain returns</h1><ul class="share-buttons">${bar}</ul>${prose('The storm', 6)}</article></body></html>`;

function run(off: Switch | null): { asked: Set<Switch>; text: string } {
  const asked = new Set<Switch>();
  ablation.off = (rule) => {
    asked.add(rule);
    return rule === off;
  };
  try {
    return { asked, text: extractArticle({ bytes: Buffer.from(html), url: URL_ }).text ?? '' };
  } finally {
    ablation.off = null;
  }
}

test('ablation hook: unset or answering false, the output is the same; answering true for a rule switches it off', () => {
  const plain = extractArticle({ bytes: Buffer.from(html), url: URL_ }).text ?? '';
  assert.doesNotMatch(plain, /Twitter/);
  const none = run(null);
  assert.equal(none.text, plain);
  // The share bar is pruned, and the prune stage acts: both asked. Rules that do not act here are not.
  assert.ok(none.asked.has('prune:share'));
  assert.ok(none.asked.has('prune'));
  assert.ok(!none.asked.has('prune:comments'));
  assert.ok(!none.asked.has('second-look'));
  assert.equal(run('prune:comments').text, plain);
});

test('ablation hook: a stage switched off leaves the page as without it (a story served only inside <noscript>)', () => {
  const para = (n: number): string =>
    `<p>In the spring of the year number ${n} the town council decided to rebuild the old stone bridge over the river, because the water had worn away its eastern pillar during the long floods.</p>`;
  const paras = [1, 2, 3, 4, 5, 6, 7, 8, 9].map(para).join('');
  const page = `<!doctype html><html lang="en"><head><title>The bridge will be rebuilt</title></head><body>
  <div class="header"><h2><a href="/">Town Notes</a></h2><div class="desc">News and notes from the town hall, the river and the market square</div></div>
  <div class="main"><div class="post"><h2 class="title">The bridge will be rebuilt</h2>
  <div class="post-body"><script type="text/template">${paras}</script><noscript>${paras}</noscript></div></div></div></body></html>`;
  const text = (off: Switch | null): string => {
    ablation.off = (rule) => rule === off;
    try {
      return extractArticle({ bytes: page }).text ?? '';
    } finally {
      ablation.off = null;
    }
  };
  assert.match(text(null), /year number 9 the town council/);
  assert.match(text('prune:comments'), /year number 9 the town council/);
  assert.doesNotMatch(text('noscript'), /year number 9 the town council/);
});
