// Stage 4 (trim.ts, share-bars.ts), from the share-bars round of 2026-12-06 (x-sharebars): a share
// bar recognised by where its links go when its class names say nothing (CSS modules, hashed
// names): a row of button links — an icon or one word each — most of them to social sites or share
// endpoints, with at most a short label. Each page here is written for the rule, with made-up names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';

const sentence = (n: number): string =>
  `The harbour board said on day ${n} that the old crane on the east quay would be restored over the winter and opened to visitors in May.`;

const icon = '<svg viewBox="0 0 10 10"><path d="M0 0h10v10z"></path></svg>';
// A bar set as one line of links (the scorer's own cleaning takes most bars built of boxes; one
// set in a paragraph stays, and between paragraphs the edge trim does not reach it).
const bar = (label: string): string =>
  `<p class="k3Xq">${label} <a href="https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fexample.org%2Fcrane">${icon}Facebook</a>
  <a href="https://twitter.com/intent/tweet?url=https%3A%2F%2Fexample.org%2Fcrane">${icon}Twitter</a>
  <a href="https://example.org/crane?share=pocket">${icon}Pocket</a>
  <a href="mailto:?subject=Crane&amp;body=https%3A%2F%2Fexample.org%2Fcrane">${icon}E-Mail</a></p>`;

const page = (middle: string): string =>
  `<!doctype html><html lang="en"><head><title>Old crane to be restored</title></head><body>
  <div class="a1Bc"><div class="d4Ef"><h1>Old crane to be restored</h1>
  <div class="g7Hi"><p>${sentence(1)}</p><p>${sentence(2)}</p>${middle}<p>${sentence(3)}</p><p>${sentence(4)}</p><p>${sentence(5)}</p></div></div></div></body></html>`;

test('a row of one-word links to social sites and share endpoints goes, wherever it sits in the body', () => {
  const text = extractArticle({ bytes: page(bar('Pass it on:')) }).text ?? '';
  for (let n = 1; n <= 5; n++) assert.ok(text.includes(sentence(n)), text);
  for (const word of ['Facebook', 'Twitter', 'Pocket', 'E-Mail', 'Pass it on:']) assert.ok(!text.includes(word), `${word} in ${text}`);
});

test('links to social sites inside a sentence, or named by more than a word, stay', () => {
  const follow =
    '<p class="h5Tt">Follow the harbour board on <a href="https://twitter.com/harbour">Twitter</a> and <a href="https://www.facebook.com/harbour">Facebook</a> for the opening date and the tours of the quay.</p>';
  const names =
    '<p class="h5Tt"><a href="https://www.instagram.com/jane">Jane Moss</a> · <a href="https://twitter.com/port">Port News</a></p>';
  const a = extractArticle({ bytes: page(follow) }).text ?? '';
  assert.ok(a.includes('Follow the harbour board on Twitter and Facebook'), a);
  const b = extractArticle({ bytes: page(names) }).text ?? '';
  assert.ok(b.includes('Jane Moss') && b.includes('Port News'), b);
});
