// Stage 4 (trim.ts, author-tail.ts), from the x-hashprec round of 2026-12-06: an author box that
// closes the body, found by the name the page gives as its author (meta tags, JSON-LD) in the
// box's first words, where its class names say nothing. A bio reads as prose, so the edge sweeps
// keep it otherwise. Each page here is written for the rule, with made-up names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';

const sentence = (n: number): string =>
  `The lighthouse keepers' union said on day ${n} that the station on the north cape would stay manned through the storm season, whatever the budget says.`;

const page = (author: string | null, tail: string): string =>
  `<!doctype html><html lang="en"><head><title>North cape light stays manned</title>${
    author ? `<meta name="author" content="${author}">` : ''
  }</head><body><div class="x1Aa"><div class="x2Bb"><h1>North cape light stays manned</h1>
  <div class="x3Cc">${[1, 2, 3, 4, 5].map((n) => `<p>${sentence(n)}</p>`).join('')}</div>${tail}</div></div></body></html>`;

const bio =
  '<div class="x4Dd"><img src="/avatars/ml.jpg" alt="Mara Lind" width="80" height="80"><h4 class="x5Ee">Mara Lind</h4>' +
  '<p class="x6Ff">Mara Lind has written about the coast and its people for twenty years, from the ferry strikes to the last of the herring boats. She lives on the cape.</p>' +
  '<p class="x6Ff">Her book on the lights of the north coast, written with the keepers of six stations, came out last spring and is in its second printing.</p></div>';

test("a box naming the page's author in its first words goes", () => {
  const text = extractArticle({ bytes: page('Mara Lind', bio) }).text ?? '';
  for (let n = 1; n <= 5; n++) assert.ok(text.includes(sentence(n)), text);
  assert.ok(!text.includes('has written about the coast'), text);
});

test('a byline of two names finds the box of either', () => {
  const text = extractArticle({ bytes: page('Tom Berg and Mara Lind', bio) }).text ?? '';
  assert.ok(text.includes(sentence(5)) && !text.includes('has written about the coast'), text);
});

test('the same box stays when the page names no author, or another one', () => {
  for (const author of [null, 'Ola Strand']) {
    const text = extractArticle({ bytes: page(author, bio) }).text ?? '';
    assert.ok(text.includes('has written about the coast'), `${author}: ${text}`);
  }
});

test("a closing paragraph that opens with the author's name is the story's sign-off and stays", () => {
  const signOff =
    '<p class="x7Gg">Mara Lind spent a night at the station for this story, and the keepers asked that their names be left out of it.</p>';
  const text = extractArticle({ bytes: page('Mara Lind', signOff) }).text ?? '';
  assert.ok(text.includes('Mara Lind spent a night at the station'), text);
});
