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
  assert.equal(takes(page(post, thread(8))), true);
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

/** Whether the thread-blocks rule is about to act on page `html` (the ablation hook is asked then). */
function takes(html: string): boolean {
  let asked = false;
  ablation.off = (rule) => {
    if (rule === 'prune:thread-blocks') asked = true;
    return false;
  };
  extractArticle({ bytes: html });
  ablation.off = null;
  return asked;
}

test('a list of dated teasers with thumbnails (text mostly links) is no thread', () => {
  const teasers = Array.from(
    { length: 6 },
    (_, i) =>
      `<div class="s1Tt"><a href="/harbour/report-${i}"><img src="/t/${i}.jpg" width="40" height="30" alt=""></a>` +
      `<a href="/harbour/report-${i}#top"><span>Harbour board report number ${i + 1} on the grain quay works and the new moorings</span> (1${i}.11.2021)</a></div>`,
  ).join('');
  const html = page(`<p>${sentence(1)}</p><p>Earlier reports on the works:</p><div class="v2Rr">${teasers}</div>`, '');
  // Other stages may drop such a list from a story; this rule does not take it.
  assert.equal(takes(html), false);
});

test("a list of whole stories, each dated with its author's picture, is no thread", () => {
  const long = (i: number): string => Array.from({ length: 12 }, (_, k) => sentence(10 * i + k)).join(' ');
  const stories = Array.from(
    { length: 4 },
    (_, i) =>
      `<div class="x5Ss"><img src="/a/${i}.png" width="32" height="32" alt=""><span>Harbour desk, ${i + 2} May 2024</span>` +
      `<p>${long(i)}</p><a href="#s${i}">Link</a></div>`,
  ).join('');
  const html = page(`<p>${sentence(1)}</p>`, `<div class="w7Qq">${stories}</div>`);
  assert.equal(takes(html), false);
  const text = extractArticle({ bytes: html }).text ?? '';
  assert.ok(text.includes(sentence(30)) && text.includes(sentence(0)), text);
});

test('a thread as a definition list (name and date in the <dt>, the words in the <dd>) goes', () => {
  const pairs = Array.from(
    { length: 6 },
    (_, i) => `<dt><a href="#n${i}">${i + 1}.</a> Reader ${i + 1} - August ${i + 2}, 2012</dt><dd><p>${comment(i)}</p></dd>`,
  ).join('');
  const html = page(post, `<div class="p4Ll"><dl>${pairs}</dl></div>`);
  assert.equal(takes(html), true);
  const text = extractArticle({ bytes: html }).text ?? '';
  assert.ok(text.includes(sentence(1)) && !text.includes('lighthouse'), text);
});

test('an age is a date line too ("11 days ago", "vor 3 Stunden")', () => {
  const items = Array.from(
    { length: 5 },
    (_, i) =>
      `<li class="g2Aa"><img src="/av/${i}.png" width="60" height="60" alt=""><cite><a href="https://r${i}.example/">Reader ${i}</a> <span>${i % 2 ? `vor ${i + 2} Stunden` : `${i + 2} days ago`}</span></cite><div class="h1Bb"><p>${comment(i)}</p></div></li>`,
  ).join('');
  const html = page(post, `<ol class="k3Cc">${items}</ol>`);
  assert.equal(takes(html), true);
});

test("the story's own notes beside its paragraphs (dated, back-linked citations) are no thread", () => {
  const notes = Array.from(
    { length: 6 },
    (_, i) =>
      `<li id="n${i}"><span><b><a href="#r${i}">^</a></b></span> <span><cite>Harbour Board (${i + 3} March 2008). <a href="https://board.example/r${i}">Quay survey ${i + 1}</a>. Retrieved ${i + 4} May 2015.</cite></span></li>`,
  ).join('');
  const html = page(
    `<p>${sentence(1)}</p><p>${sentence(2)}</p><h2>Notes</h2><div class="r8Ff"><ol class="q1Zz">${notes}</ol></div><p>${sentence(3)}</p>`,
    '',
  );
  assert.equal(takes(html), false);
});
