// Comments, scripts and styles cut before parsing (src/ingest/extract/non-content.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { stripNonContent } from '../../../src/ingest/extract/non-content.js';

test('comments, scripts and styles go; JSON-LD and the text between them stay', () => {
  const ld = '<script type="application/ld+json">{"headline":"x"}</script>';
  assert.equal(stripNonContent(`a<!-- c --><SCRIPT src=x>var s = "<p>";</Script >b<style>p{}</style>${ld}c`), `ab${ld}c`);
  // In the tokenizer's order: a script start inside a comment is comment text, a comment start
  // inside a script is script text.
  assert.equal(stripNonContent('a<!-- <script> -->b<script>var c = "<!--";</script>d'), 'abd');
  // An end tag ends at its ">" whatever stands before it; "</scripts>" is no end tag.
  assert.equal(stripNonContent('a<script>x</scripts>y</script\n<!--junk-->b'), 'ab');
  assert.equal(stripNonContent('a<scripts>b</scripts>'), 'a<scripts>b</scripts>');
  assert.equal(stripNonContent('plain text, no markup'), 'plain text, no markup');
});

test('what is never closed is left for the parser, which reads it to the end of the page', () => {
  for (const s of ['a<!-- open', 'a<script>open', 'a<script', 'a<style>x</style', 'a<b>c</b><script x="1"']) {
    assert.equal(stripNonContent(s), s);
  }
  assert.equal(stripNonContent('a<!--x-->b<script>open'), 'ab<script>open');
});

// A regular expression with a lazy body and an end tag of any length retried from each of these
// to the end of the page: minutes for 2 MB. The scan reads each character a bounded number of
// times; the test's timeout is far above what it takes (well under a second).
test('a page of many unfinished end tags is read in one pass', { timeout: 60_000 }, () => {
  const junk = '</script x'.repeat(200_000);
  assert.equal(stripNonContent(`<p>a</p><script>${junk}`), `<p>a</p><script>${junk}`);
  assert.equal(stripNonContent(`<script>${junk}>b`), 'b');
  // Nothing after the junk closes a tag: a ">" anywhere behind it would end the first try there.
  const page = `<html><head><title>Junk</title></head><body><p>Only this line.</p><script>${junk}`;
  const r = extractArticle({ bytes: Buffer.from(page), url: 'https://paper.example/junk' });
  assert.doesNotMatch(r.text ?? '', /script x/);
});
