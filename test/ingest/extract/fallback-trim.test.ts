// When Readability finds nothing, the one-pass finder's block is the body; its edges are trimmed
// like any other body's. The page below puts its story after </html>, where our tuned Readability's
// tag queries do not look (they start at the root element), so the finder is what answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';

const sentence = (n: number): string =>
  `The parish council agreed at its ${n}th sitting that the footbridge over the brook would be repaired before the spring floods reach the lower meadow.`;

test("the finder's body loses its trailing comment count like Readability's body would", () => {
  const story = [1, 2, 3, 4].map((n) => `<p>${sentence(n)} ${sentence(n + 10)}</p>`).join('');
  const html = `<html><head><title>Footbridge</title></head><body></body></html><div class="post">${story}<p>1 Comment</p></div>`;
  const r = extractArticle({ bytes: html, url: 'https://example.org/footbridge' });
  assert.ok(r.text?.includes(sentence(4)), String(r.text));
  assert.ok(!r.text?.includes('1 Comment'), String(r.text));
});
