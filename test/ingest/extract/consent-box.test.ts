// Stage 1 (prune.ts, consent-box.ts), from the x-hashprec round of 2026-12-06: a cookie notice
// found by its shape — a few buttons, a sentence or two, the word for cookies — where its class
// names say nothing (CSS modules, hashed names). On a short post such a notice can be the longest
// prose of the page, and without the rule the page comes back as the notice. Each page here is
// written for the rule, with made-up names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';

const post = ['The ferry to the outer islands runs again from Monday.', 'Tickets are sold on board.'];

const notice = (controls: string): string =>
  `<div class="q81Zr"><div class="w2Kx" data-hide-timeout="30"><form method="post">${controls}
  Privacy and cookies: this site uses cookies, small files kept by your browser, to remember your settings, to count visits and to show the pages faster. By going on you accept their use on this site.
  <br>You can read how to refuse, block or delete them, and which ones we set, in our <a href="/cookie-policy">cookie policy</a>.</form></div></div>`;

const page = (tail: string): string =>
  `<!doctype html><html lang="en"><head><title>Island ferry back from Monday</title></head><body>
  <div class="a9Tq"><div class="m3Lw"><h1>Island ferry back from Monday</h1><div class="p0Zc">
  <p>${post[0]}</p><p>${post[1]}</p></div></div></div><div class="f1Rr"><p>Harbour News, Quay Street 4</p></div>${tail}</body></html>`;

test('a cookie notice with an accept button is not taken for a short post', () => {
  const text = extractArticle({ bytes: page(notice('<input type="submit" value="Close and accept">')) }).text ?? '';
  for (const line of post) assert.ok(text.includes(line), text);
  assert.ok(!text.includes('this site uses cookies'), text);
});

test('a notice answered by two buttons goes the same way', () => {
  const text = extractArticle({ bytes: page(notice('<button>Accept</button><button>Refuse</button>')) }).text ?? '';
  assert.ok(text.includes(post[0] ?? ''), text);
  assert.ok(!text.includes('this site uses cookies'), text);
});

test('a box in the story that says cookies beside a button stays', () => {
  const story = (box: string): string =>
    `<!doctype html><html lang="en"><head><title>Oat cookies for the ferry</title></head><body>
    <div class="a9Tq"><h1>Oat cookies for the ferry</h1>
    <p>The galley of the island ferry has baked the same oat cookies since the first crossing, and the crew still weighs the oats by hand every morning.</p>
    ${box}
    <p>Passengers who ask nicely are given the recipe on a card, and the cook says the secret is a pinch of salt and a very hot oven.</p></div></body></html>`;
  const card =
    '<div class="r5Yy"><span>These oat cookies keep for a week in a closed tin, longer in the cold.</span> <button>Print recipe</button></div>';
  const a = extractArticle({ bytes: story(card) }).text ?? '';
  assert.ok(a.includes('These oat cookies keep for a week'), a);
});
