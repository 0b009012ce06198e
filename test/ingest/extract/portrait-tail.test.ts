// Stage 4 (trim.ts, portrait-tail.ts), from the x-authorbox round of 2026-12-07: an author box that
// closes the body, known by its shape where its class names say nothing and the byline's name is
// gone from it: one square portrait set apart from the text, a line of bio prose and a link out
// (the writer's page, site, e-mail). Each page is written for the rule, with made-up names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractArticle } from '../../../src/ingest/extract/index.js';

const sentence = (n: number): string =>
  `The ferry company said on day ${n} that the night crossing to the outer islands would run through the winter, whatever the fuel bill says.`;

/** The story's paragraphs, then `inner` inside the story's own container, then `tail` after it. */
const page = (tail: string, inner = ''): string =>
  `<!doctype html><html lang="en"><head><title>Night ferry keeps running</title></head><body><div class="q1Aa"><div class="q2Bb">
  <h1>Night ferry keeps running</h1><div class="q3Cc">${[1, 2, 3, 4, 5].map((n) => `<p>${sentence(n)}</p>`).join('')}${inner}</div>${tail}</div></div></body></html>`;

const BIO = 'Ilse Varga has covered the islands and their boats since the last cannery closed, and edits the weekend pages.';

test('a closing box of one square portrait, a bio line and a link out goes', () => {
  const box =
    `<div class="q4Dd"><span class="q5Ee"><img src="/a/iv.jpg" alt="" width="90" height="90"></span><h4>About</h4>` +
    `<p>${BIO}</p><p><a href="mailto:iv@example.org">Write to her</a></p></div>`;
  const text = extractArticle({ bytes: page('', box) }).text ?? '';
  for (let n = 1; n <= 5; n++) assert.ok(text.includes(sentence(n)), text);
  assert.ok(!text.includes('has covered the islands'), text);
});

test("near miss: a closing quote beside the speaker's square photo, with no link, is the story's and stays", () => {
  const quote =
    `<div class="q6Ff"><div class="q7Gg"><img src="/p/skipper.jpg" alt="" width="120" height="120"></div>` +
    '<p>“We have sailed that crossing in worse winters than this one, and the islands need the boat more than we need the sleep,” said the skipper, who has run it for eleven years.</p></div>';
  const text = extractArticle({ bytes: page('', quote) }).text ?? '';
  assert.ok(text.includes('We have sailed that crossing'), text);
});

test('near miss: a closing paragraph with a square thumbnail set in its own text stays', () => {
  const para =
    '<div class="q8Hh"><h3>Winter timetable</h3><p><a href="/img/t.jpg"><img src="/img/t-125.jpg" alt="" width="125" height="125"></a>' +
    'The winter timetable, with the extra Sunday sailing, is posted at both harbours and on the <a href="/timetable">company site</a> from Monday.</p></div>';
  const text = extractArticle({ bytes: page('', para) }).text ?? '';
  assert.ok(text.includes('The winter timetable, with the extra Sunday sailing'), text);
});
