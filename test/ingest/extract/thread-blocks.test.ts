// Stage 1 (prune.ts with thread-blocks.ts), from the x-hashthreads round of 2026-12-06: a comment
// thread found by its shape alone, with no comment form and no telling names — repeated sibling
// items, most of them dated and carrying an avatar or an in-page control — while a story that is
// itself a list of dated short items (a timeline, a live blog) keeps them. Every page here is
// written for the rule, with made-up hashed class names; each positive case fails with the rule off.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { ablation } from '../../../src/ingest/extract/ablation.js';
import { extractArticle } from '../../../src/ingest/extract/index.js';

afterEach(() => {
  ablation.off = null;
});

const sentence = (n: number): string =>
  `The harbour board said on day ${n} that the old grain quay would reopen to small boats in April, after two winters of repairs to its stones.`;
const comment = (n: number): string =>
  `My grandfather unloaded barley on that quay, and story ${n} he told was of the winter the whole harbour froze and the boys walked out to the lighthouse.`;

/** One comment: avatar, name, date line (the date inside a block with children), text, a reply link; `replies` nested inside. */
const item = (n: number, replies = ''): string =>
  `<li class="k7Pq r${n % 2 ? 'o1' : 'e2'}"><div class="h3Zz"><div class="w8Aa"><img src="/av/${n}.png" width="48" height="48" alt=""><span class="n5Tt"><a href="https://reader${n}.example/">Reader ${n}</a></span></div>` +
  `<div class="d2Mm">March ${n}, 2024 <span>|</span> <a href="#c${n}">Permalink</a></div></div>` +
  `<div class="b6Vv"><p>${comment(n)}</p></div><a class="y4Ww" href="?reply=${n}#answer">Reply</a>${replies}</li>`;

const thread = (count: number): string => {
  const items: string[] = [];
  for (let i = 1; i <= count; i++) items.push(item(i, i % 3 === 0 ? `<ol class="c9Ee">${item(100 + i)}</ol>` : ''));
  return `<div class="f1Gg"><h3>${count} thoughts</h3><ol class="q2Hh">${items.join('')}</ol></div>`;
};

const page = (post: string, after: string): string =>
  `<!doctype html><html lang="en"><head><title>Grain quay to reopen</title></head><body>
  <div class="a0Bb"><div class="c1Dd"><h1>Grain quay to reopen</h1><div class="e2Ff">${post}</div></div>${after}</div></body></html>`;

const post = `<p>${sentence(1)}</p><p>${sentence(2)}</p><p>${sentence(3)}</p>`;

test('a thread with no comment form goes: avatars, permalinks and reply links on dated items of one shape', () => {
  const text = extractArticle({ bytes: page(post, thread(8)) }).text ?? '';
  assert.ok(text.includes(sentence(1)) && text.includes(sentence(3)), text);
  assert.ok(!text.includes('lighthouse'), text);
  // With the rule off, the thread stays (the named rules see nothing in these names).
  ablation.off = (rule) => rule === 'prune:thread-blocks';
  const off = extractArticle({ bytes: page(post, thread(8)) }).text ?? '';
  assert.ok(off.includes('lighthouse'), off);
});

test('a page that is 95% comments: the short post alone', () => {
  const short = `<p>${sentence(1)}</p>`;
  const html = page(short, thread(40));
  const text = extractArticle({ bytes: html }).text ?? '';
  assert.ok(text.includes(sentence(1)), text);
  assert.ok(!text.includes('lighthouse'), text);
  ablation.off = (rule) => rule === 'prune:thread-blocks';
  const off = extractArticle({ bytes: html }).text ?? '';
  assert.ok(off.includes('lighthouse'), off);
});

test('a timeline that is the story keeps its dated items', () => {
  const entries = Array.from(
    { length: 8 },
    (_, i) =>
      `<li class="t4Uu"><strong>${i + 3} May 20${10 + i}</strong> <span>The quay's ${i + 1}th repair season began, with divers checking the old stones and a crane barge moored alongside for the heavy work.</span></li>`,
  ).join('');
  const html = page(`<p>${sentence(1)}</p><ol class="g5Ii">${entries}</ol>`, '');
  const text = extractArticle({ bytes: html }).text ?? '';
  assert.ok(text.includes('3th repair season') && text.includes('8th repair season'), text);
});

test('a live blog whose updates carry times, permalinks and share buttons keeps them', () => {
  const updates = Array.from(
    { length: 6 },
    (_, i) =>
      `<div class="u3Kk"><time datetime="2024-03-02T1${i}:00">1${i}:00</time><h2>Update ${i + 1}: the tide gauge</h2>` +
      `<p>The harbour master read the tide gauge again at the quay, and at reading ${i + 1} the water stood a hand higher than the old marks on the stones.</p>` +
      `<a href="#u${i}">Link to this update</a> <button>Share</button></div>`,
  ).join('');
  const html = page(`<p>${sentence(1)}</p>`, `<div class="l8Mm">${updates}</div>`);
  const text = extractArticle({ bytes: html }).text ?? '';
  assert.ok(text.includes('reading 1 the water') && text.includes('reading 6 the water'), text);
});

test('a dated list before any prose, or above the headline, is not taken', () => {
  // The thread shape, but nothing of the story before it: nothing to tell it from the story.
  const html = `<!doctype html><html><head><title>Quay notes</title></head><body><div class="a0Bb">${thread(6)}</div></body></html>`;
  const text = extractArticle({ bytes: html }).text ?? '';
  assert.ok(text.includes('lighthouse'), text);
});
