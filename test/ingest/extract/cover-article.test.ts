// The wrong-body round x-wrong2: a headline's <article> that is only the story's cover (headline,
// a standfirst at most) and the story's text in the <article> right after it (prune.ts,
// otherArticles). A page written for the rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import { pruneFurniture } from '../../../src/ingest/extract/prune.js';

const para = (n: number): string =>
  `<p>In part ${n} of the documentary the clerks of the council open the envelopes of the spoiled ballots, read out what the voters wrote on them and talk about why so many people came to the polling station only to cross out every name.</p>`;

// A podcast page: the cover (the headline, a one-line standfirst, a play button), then the
// episode's description in an article of its own, then other episodes as cards.
const card = (n: number): string =>
  `<article class="card"><h3><a href="/episode-${n}">Episode ${n}: another story of the town</a></h3><p>A short teaser of the other episode number ${n} of the series.</p></article>`;
const coverPage = `<!doctype html><html lang="fr"><head><title>The voice of the spoiled ballots</title></head><body>
  <article class="cover"><h1>The voice of the spoiled ballots</h1><p>What the spoiled ballots say</p><button>Listen</button></article>
  <article class="description"><div class="main">${[1, 2, 3].map(para).join('')}</div></article>
  <section class="more"><h2>You may also like</h2>${[1, 2, 3, 4].map(card).join('')}</section>
  </body></html>`;

test("a cover's <article> does not prune the story's text in the article after it", () => {
  const doc = parseDocument(coverPage);
  pruneFurniture(doc);
  assert.ok(doc.querySelector('article.description'), 'the text after the cover stays');
  assert.equal(doc.querySelectorAll('article.card').length, 0, 'the other episodes go as before');
  const t = extractArticle({ bytes: coverPage }).text ?? '';
  assert.ok(t.includes('In part 1 of the documentary'), t);
  assert.ok(t.includes('In part 3 of the documentary'), t);
  assert.ok(!t.includes('Episode 2'), t);
});

test('a headline article holding the story still prunes the article after it', () => {
  const story = coverPage.replace('<p>What the spoiled ballots say</p>', [4, 5].map(para).join(''));
  const doc = parseDocument(story);
  pruneFurniture(doc);
  assert.equal(doc.querySelector('article.description'), null);
});
