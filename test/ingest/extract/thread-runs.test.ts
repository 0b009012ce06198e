// Stage 1 (prune.ts with thread-blocks.ts), from the x-threads round of 2026-12-06: comment threads
// with no wrapper of their own (the comments set as siblings after the story's block, in the
// story's own container), threads with no avatar and no in-page control (told by name-and-date
// lines that name their writers), and name-and-date lines measured as they read (a template's
// indentation) or set loose at the head of a comment. Stories that are themselves runs of dated
// items — a live blog, a timeline, a diary, a list of dated rules — keep them. Every page here is
// written for the rule, with made-up hashed class names; each positive case fails with the rule off.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { ablation } from '../../../src/ingest/extract/ablation.js';
import { extractArticle } from '../../../src/ingest/extract/index.js';

afterEach(() => {
  ablation.off = null;
});

const sentence = (n: number): string =>
  `The ferry company said on day ${n} that the night crossing to the island would run again from May, after a winter of work on the old pier.`;
const words = (n: number): string =>
  `I took that night crossing every summer as a child, and crossing ${n} was the one where we watched the seals follow the wake to the pier.`;
const NAMES = ['Ada Moss', 'Ben Okafor', 'Chloe Lind', 'Dario Feld', 'Esme Roy', 'Farid Nour', 'Greta Holm', 'Hugo Vial'];
const TOWNS = ['', ' of Ness', ' of Kell', ' of Orr', ' of Vane', ' of Tarn'];
/** A reader's name, a different one for each of the first 48 (a long thread has many writers). */
const who = (i: number): string => `${NAMES[i % NAMES.length]}${TOWNS[Math.floor(i / NAMES.length) % TOWNS.length]}`;

/** A story's column: headline, paragraphs, then `after` in the same container (no wrapper between). */
const page = (paras: number, after: string): string =>
  `<!doctype html><html lang="en"><head><title>Night ferry returns</title></head><body><div class="a1Qz"><div class="m4Rt">` +
  `<h1>Night ferry returns</h1>${Array.from({ length: paras }, (_, i) => `<p>${sentence(i + 1)}</p>`).join('')}${after}</div></div></body></html>`;

/** An unmarked comment: the words, then "Comment #n - Posted by: Name at date" (no avatar, no link, no button). */
const flat = (i: number): string =>
  `<div class="c7Hp"><p>${words(i)}</p><span class="s2Lk">Comment #${i + 1} - Posted by: ${who(i)} at March ${(i % 27) + 1}, 2024 ${(i % 11) + 1}:0${i % 10} PM</span></div>`;
const flats = (n: number): string => `<div class="h9Cc">Comments</div>${Array.from({ length: n }, (_, i) => flat(i)).join('')}`;

const text = (html: string): string => extractArticle({ bytes: html }).text ?? '';
const off = (html: string, rule: string): string => {
  ablation.off = (r) => r === rule;
  const t = text(html);
  ablation.off = null;
  return t;
};

test('comments with no wrapper, no avatar and no control, set after the story in its column, go', () => {
  const html = page(3, flats(8));
  const t = text(html);
  assert.ok(t.includes(sentence(1)) && t.includes(sentence(3)), t);
  assert.ok(!t.includes('seals follow'), t);
  assert.ok(off(html, 'prune:thread-runs').includes('seals follow'));
});

test('a page that is 95% comments (one paragraph, 40 unwrapped comments): the paragraph alone', () => {
  const html = page(1, flats(40));
  const t = text(html);
  assert.ok(t.includes(sentence(1)), t);
  assert.ok(!t.includes('seals follow') && !t.includes('Posted by'), t);
  assert.ok(off(html, 'prune:thread-runs').includes('seals follow'));
});

test('a live blog of undated-headline updates (clock, writer, words) after its intro keeps every update', () => {
  const writers = ['by Ada Moss', 'by Ben Okafor'];
  const updates = Array.from(
    { length: 10 },
    (_, i) =>
      `<div class="u5Tr"><span class="k1Ww">1${i}:${i}5 ${writers[i % 2]}</span><p>At the pier the crew reported at check ${i + 1} that the ramp had been lowered again and cars were boarding for the night crossing.</p></div>`,
  ).join('');
  const t = text(page(1, updates));
  assert.ok(t.includes('check 1 that') && t.includes('check 10 that'), t);
  // Dated in full, every line the same words once the figures go.
  const dated = Array.from(
    { length: 10 },
    (_, i) =>
      `<div class="u5Tr"><span class="k1Ww">2 March 2024, 1${i}:${i}5 GMT</span><p>At the pier the crew reported at check ${i + 1} that the ramp had been lowered again and cars were boarding for the night crossing.</p></div>`,
  ).join('');
  const t2 = text(page(1, dated));
  assert.ok(t2.includes('check 1 that') && t2.includes('check 10 that'), t2);
});

test("a diary or timeline set as dated blocks after the story's paragraphs keeps its entries", () => {
  const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const entries = Array.from(
    { length: 6 },
    (_, i) =>
      `<div class="d3Yy"><b>${days[i]}, ${i + 4} March 2024</b><p>The divers went down at the old pier on dive ${i + 1} and brought up another row of the rotten piles from the harbour floor.</p></div>`,
  ).join('');
  const t = text(page(2, entries));
  assert.ok(t.includes('dive 1 and') && t.includes('dive 6 and'), t);
});

test('a list of dated rules, each item only its line, is no thread', () => {
  const rules = Array.from(
    { length: 5 },
    (_, i) =>
      `<li class="r6Nn">from ${i + 1} January 202${i + 2} for crossings of class ${String.fromCharCode(65 + i)} and their vehicles,</li>`,
  ).join('');
  const t = text(
    page(
      2,
      `<p>The new fares apply in steps, as the ferry board decided in its autumn meeting this year:</p><ul class="w2Pp">${rules}</ul>`,
    ),
  );
  assert.ok(t.includes('class A and') && t.includes('class E and'), t);
});

test("letters and quotes with their writers' names but no date keep their words", () => {
  const letters = Array.from(
    { length: 6 },
    (_, i) => `<div class="l4Gg"><p>${words(i)}</p><p class="q8Vv">${who(i)}, Harbour Town, 2024</p></div>`,
  ).join('');
  const t = text(page(1, letters));
  assert.ok(t.includes('crossing 0 was') && t.includes('crossing 5 was'), t);
});

test('items of one shape between the story paragraphs are its own structure, not a thread', () => {
  const mixed = Array.from({ length: 4 }, (_, i) => `${flat(i)}<p>${sentence(10 + i)}</p>`).join('');
  const t = text(page(1, mixed));
  assert.ok(t.includes('crossing 0 was') && t.includes('crossing 3 was'), t);
});

test('a thread beside the story in a table cell that holds the headline goes (permalinks, no wrapper)', () => {
  const items = Array.from(
    { length: 6 },
    (_, i) =>
      `<div class="t1Mm z${i}"><a name="c${i}"></a><div><p>${words(i)}</p></div><p class="p5Qq">Posted by: ${who(i)} at <a href="/ferry.html#c${i}">March ${i + 2}, 2024 9:0${i} AM</a></p><hr></div>`,
  ).join('');
  const html =
    `<!doctype html><html lang="en"><head><title>Night ferry returns</title></head><body><table class="o3Ss"><tr><td class="n2Dd"><a href="/">Home</a></td>` +
    `<td class="b7Kk"><div class="e1Ff"><h1>Night ferry returns</h1><p>${sentence(1)}</p><p>${sentence(2)}</p></div><div class="h9Cc">Comments</div>${items}</td></tr></table></body></html>`;
  const t = text(html);
  assert.ok(t.includes(sentence(2)) && !t.includes('seals follow'), t);
  assert.ok(off(html, 'prune:thread-runs').includes('seals follow'));
});

test("a name-and-date line is measured as it reads: a template's indentation does not make it long", () => {
  const pad = ' '.repeat(40);
  const items = Array.from(
    { length: 6 },
    (_, i) =>
      `<li class="y8Bb"><div class="f4Jj">\n${pad}<cite>${who(i)}</cite><em>wrote on March ${i + 2}, 2024${pad}at 5:0${i} pm${pad}<a href="#comment-${i}">Link</a> |\n${pad}<a href="?replytocom=${i}#respond">Reply</a>${pad}</em>\n${pad}</div><p>${words(i)}</p></li>`,
  ).join('');
  const html = page(2, `<div class="x5Tt"><ol class="g6Uu">${items}</ol></div>`);
  const t = text(html);
  assert.ok(t.includes(sentence(2)) && !t.includes('seals follow'), t);
  assert.ok(off(html, 'prune:thread-blocks').includes('seals follow'));
});

test('a wrapped thread with no avatar or control, its name and date loose at the head of each comment, goes', () => {
  const items = Array.from(
    { length: 6 },
    (_, i) =>
      `<li class="v9Dd"><a href="https://r${i}.example/">${who(i)}</a> on March ${i + 2}, 2024 4:4${i} am<div class="w1Cc"><p>${words(i)}</p></div></li>`,
  ).join('');
  const html = page(2, `<div class="x5Tt"><h2>6 Responses</h2><ol class="g6Uu">${items}</ol></div>`);
  const t = text(html);
  assert.ok(t.includes(sentence(2)) && !t.includes('seals follow'), t);
  assert.ok(off(html, 'prune:thread-blocks').includes('seals follow'));
});
