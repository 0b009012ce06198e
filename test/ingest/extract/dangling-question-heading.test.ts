// A question set as a heading at the end of the body, with nothing kept after it (trim.ts,
// isDanglingHeading): it introduced what the trim took (a booking widget's links, a teaser box)
// and titles nothing. Among the story's paragraphs, or with its answer after it, it stays.
// The page is written for the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';

const paragraphs = [
  'The cycle path along the canal was finished last week, and on Sunday the first guided tour took about forty riders from the old harbour to the lock at the edge of the city.',
  'The route is almost flat and runs for eighteen kilometres, most of it on the former towpath, with benches and a water tap at the halfway point where the canal meets the river.',
  'The city plans to add signposts in the spring and to light the section under the railway bridge, which riders said was the only stretch that felt unsafe after dark.',
];

const page = (middle: string, tail: string): string =>
  `<!doctype html><html lang="en"><head><title>Canal cycle path opens | City Journal</title></head><body><div id="main"><h1>Canal cycle path opens</h1><div class="story"><p>${paragraphs[0]}</p>${middle}<p>${paragraphs[1]}</p><p>${paragraphs[2]}</p>${tail}</div></div></body></html>`;

const widget =
  '<div class="tours"><a href="https://tours.example.com/a">Harbour tour</a> <a href="https://tours.example.com/b">Lock tour</a> <a href="https://tours.example.com/c">All tours</a></div>';

test('a question heading closing the body over a widget the trim took goes', () => {
  const text = extractArticle({ bytes: page('', `<h3>Want to join the next tour</h3>${widget}`) }).text ?? '';
  assert.ok(!text.includes('Want to join'), text);
  const asked = extractArticle({ bytes: page('', `<h3>Want to join the next tour?</h3>${widget}`) }).text ?? '';
  assert.ok(!asked.includes('Want to join'), asked);
  assert.ok(asked.includes('unsafe after dark.'), asked);
});

test('a question heading among the paragraphs, or answered after it, stays; so does a statement heading', () => {
  const inner = extractArticle({ bytes: page('<h3>Who will maintain it?</h3>', '') }).text ?? '';
  assert.ok(inner.includes('Who will maintain it?'), inner);
  const answered =
    extractArticle({
      bytes: page(
        '',
        '<h3>Who will maintain it?</h3><p>The canal authority will keep the path clear and repair the surface, under an agreement signed with the city in January.</p>',
      ),
    }).text ?? '';
  assert.ok(answered.includes('Who will maintain it?'), answered);
  const statement = extractArticle({ bytes: page('', `<h3>The path is open to all.</h3>${widget}`) }).text ?? '';
  assert.ok(statement.includes('The path is open to all.'), statement);
});
