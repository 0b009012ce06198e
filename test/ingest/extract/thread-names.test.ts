// Stage 1 (thread-blocks.ts with thread-names.ts), from the x-threads2 round of 2026-12-07: a
// comment thread with no dates, avatars or controls — each comment a name line in a block of its
// own, then the writer's words — known by its names (half or more distinct, one writer speaking
// twice or replies nested). Real bodies made of repeated blocks (an interview's speaker turns, a
// profile list, a story's sections between paragraphs) keep them. Every page is written for the
// rule, with made-up hashed class names; the positive case fails with the rule off.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { ablation } from '../../../src/ingest/extract/ablation.js';
import { extractArticle } from '../../../src/ingest/extract/index.js';

afterEach(() => {
  ablation.off = null;
});

const sentence = (n: number): string =>
  `The river trust said on day ${n} that the old weir would be taken down in spring, so that salmon can reach the upper pools again.`;
const reply = (n: number): string =>
  `We fished below that weir for years and never saw a salmon past it, so reply ${n} is simply to say thank you to the trust for this.`;

/** A story (headline, `paras` paragraphs) and `after` it, in one column with made-up hashed names. */
const page = (paras: number, after: string): string =>
  `<!doctype html><html lang="en"><head><title>The old weir comes down</title></head><body><div class="k2Vb"><div class="q8Ls">` +
  `<h1>The old weir comes down</h1>${Array.from({ length: paras }, (_, i) => `<p>${sentence(i + 1)}</p>`).join('')}</div>${after}</div></body></html>`;

/** One comment: the writer's name in a block of its own, then the words (no date, avatar or control). */
const comment = (name: string, i: number): string =>
  `<div class="r5Tn"><div class="u1Xe">${name}</div><div class="w3Pa"><p>${reply(i)}</p></div></div>`;
const WRITERS = ['riverwatcher', 'Jo Brennan', 'Guest', 'Tam Okoye', 'riverwatcher', 'Guest', 'Ines Vale'];
const thread = (names: string[]): string =>
  `<div class="y7Fc"><div class="z0Hd">${names.length} replies</div>${names.map((n, i) => comment(n, i)).join('')}</div>`;

const text = (html: string): string => extractArticle({ bytes: html }).text ?? '';
const off = (html: string, rule: string): string => {
  ablation.off = (r) => r === rule;
  const t = text(html);
  ablation.off = null;
  return t;
};

test('an undated, unmarked thread of name lines and words, one writer speaking twice, goes after the story', () => {
  const html = page(3, thread(WRITERS));
  const t = text(html);
  assert.ok(t.includes(sentence(1)) && t.includes(sentence(3)), t);
  assert.ok(!t.includes('thank you to the trust') && !t.includes('riverwatcher'), t);
  assert.ok(off(html, 'prune:thread-names').includes('thank you to the trust'));
});

test('replies nested beside the comments count as a conversation when no name repeats', () => {
  const names = ['Ola Berg', 'Kit Marsh', 'Ruth Imre', 'Sol Dane'];
  const nestedReply = `<div class="d4Rp">${comment('Ana Lutz', 9)}</div>`;
  const html = page(3, `<div class="y7Fc">${names.map((n, i) => comment(n, i)).join('')}${nestedReply}</div>`);
  const t = text(html);
  assert.ok(!t.includes('thank you to the trust'), t);
  assert.ok(off(html, 'prune:thread-names').includes('thank you to the trust'));
});

test('an interview set as speaker blocks (two speakers over and over) is the story and stays', () => {
  const turns = Array.from({ length: 8 }, (_, i) => comment(i % 2 === 0 ? 'Interviewer' : 'Mara Quill', i)).join('');
  const t = text(page(2, `<div class="y7Fc">${turns}</div>`));
  assert.ok(t.includes('reply 0 is simply') && t.includes('reply 7 is simply'), t);
});

test('a list of people, each a name block and a paragraph, none named twice and none nested, stays', () => {
  const people = ['Ola Berg', 'Kit Marsh', 'Ruth Imre', 'Sol Dane', 'Ana Lutz'];
  const t = text(page(2, `<div class="y7Fc">${people.map((n, i) => comment(n, i)).join('')}</div>`));
  for (let i = 0; i < people.length; i++) assert.ok(t.includes(`reply ${i} is simply`), t);
});

test("a story's sections (a short title block, then words) set between its paragraphs stay", () => {
  const titles = ['Spring', 'Summer', 'Spring', 'Autumn', 'Winter'];
  const body = titles.map((n, i) => `${comment(n, i)}<p>${sentence(10 + i)}</p>`).join('');
  const t = text(page(2, `<div class="y7Fc">${body}</div>`));
  for (let i = 0; i < titles.length; i++) assert.ok(t.includes(`reply ${i} is simply`), t);
});

// r-threads (hostile review): real bodies of name-led turns that pass rules 1-3 — a record whose
// few speakers each speak twice, a letters page where "Name withheld" signs twice — set in the
// story's column beside its paragraphs, where a comment system never sets its thread.
const turn = (name: string, i: number): string =>
  `<div class="p3Qa"><p class="m6Tr">${name}</p><p>${sentence(20 + i).replace('The river trust said', 'I told the committee')}</p></div>`;
const said = (i: number): string => sentence(20 + i).replace('The river trust said', 'I told the committee');
const HEARING = [
  'The Chair',
  'Dr. Lena Sato',
  'The Chair',
  'Ms. Amal Haddad',
  'Sen. Ruth Calder (D-NY)',
  'Dr. Lena Sato',
  'Ms. Amal Haddad',
  'Sen. Ruth Calder (D-NY)',
];
/** A story column: headline, an intro paragraph, `inner`, in one block with made-up hashed names. */
const column = (inner: string, dek = ''): string =>
  `<!doctype html><html lang="en"><head><title>The weir hearing</title></head><body><div class="k2Vb"><div class="g7Hd"><h1>The weir hearing</h1>${dek}</div>` +
  `<div class="q8Ls"><p>${sentence(1)}</p>${inner}</div><div class="f0Ot">About us</div></div></body></html>`;

test("a hearing's record (four speakers, each twice) right after the story's intro paragraph is the story and stays", () => {
  const t = text(column(`<div class="y7Fc">${HEARING.map((n, i) => turn(n, i)).join('')}</div>`));
  for (let i = 0; i < HEARING.length; i++) assert.ok(t.includes(said(i)), t);
});

test("a record's turns set as siblings of the story's paragraphs stay (the block is the story's column)", () => {
  const dek = `<p>${sentence(2)}</p>`;
  const t = text(column(HEARING.map((n, i) => turn(n, i)).join(''), dek));
  for (let i = 0; i < HEARING.length; i++) assert.ok(t.includes(said(i)), t);
});

test('a letters page wrapped twice below the intro, "Name withheld" signing twice, stays', () => {
  const writers = [
    'Jane Moss, Leeds',
    'Name withheld',
    'Oliver Tran, Cardiff',
    'Ruth Akande, Bristol',
    'Name withheld',
    'Ines Garza, Hull',
  ];
  const t = text(column(`<div class="e2Mb"><div class="y7Fc">${writers.map((n, i) => turn(n, i)).join('')}</div></div>`));
  for (let i = 0; i < writers.length; i++) assert.ok(t.includes(said(i)), t);
});

test("a thread in its own box after the story, beside one short paragraph of the site's comment note, still goes", () => {
  const note = `<p>Comments are read before they appear; keep to the subject of the story and be civil to one another, please.</p>`;
  const html = page(4, `<div class="c9Wd">${note}${thread(WRITERS)}</div>`);
  const t = text(html);
  assert.ok(t.includes(sentence(1)) && !t.includes('thank you to the trust'), t);
  assert.ok(off(html, 'prune:thread-names').includes('thank you to the trust'));
});
