// Fresh-page round of 2026-12-05 night (docs/extract-rounds.md, "Fresh-page round"): lines of the
// story that the edge trim cut on pages of data/extract-fresh, made more careful. Each test fails
// without its change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trimEdges } from '../../../src/ingest/extract/trim.js';
import { chosenBody, flatText, prose } from './helpers.js';

test('linked items of a run the text sets itself stay when their unlinked siblings stay', () => {
  // A list of places set as paragraphs, some of them linked: after the last prose paragraph the
  // linked ones read as navigation, the unlinked ones after them as short lines that stay. Cut,
  // the list had holes; the run is the text's.
  const places = ['Brazil', 'Bahrain', 'Sri Lanka', 'Jakarta', 'Hong Kong']
    .map((p) => `<p><a href="/tour/${p.toLowerCase().replace(' ', '-')}">${p}</a></p>`)
    .join('');
  const body = chosenBody(
    `${prose('The tour', 3)}<p>Here are the places we will visit in the first half of the year, not counting the ones at home:</p>${places}<p>Belgium</p><p>South Africa</p><p>Italy</p>`,
  );
  trimEdges(body);
  const text = flatText(body);
  for (const p of ['Brazil', 'Bahrain', 'Hong Kong', 'Belgium', 'Italy']) assert.match(text, new RegExp(p));
});

test('a link rail after the text still goes when the lines kept after it are of another container or another kind', () => {
  const rail = ['One', 'Two', 'Three'].map((p) => `<p><a href="/story/${p}">Story number ${p} of the rail</a></p>`).join('');
  const body = chosenBody(`${prose('The story', 3)}<div class="rail">${rail}</div><div><p>Powered by a blog</p></div>`);
  trimEdges(body);
  assert.doesNotMatch(flatText(body), /Story number/);
  // A stock line is furniture whatever stands after it: classed without its links it is still bad.
  const body2 = chosenBody(`${prose('The story', 3)}<p><a href="/share">Share this</a></p><p>Short closing words</p>`);
  trimEdges(body2);
  assert.doesNotMatch(flatText(body2), /Share this/);
  assert.match(flatText(body2), /Short closing words/);
  // A line another rule removes (a "See also:" pointer) stays removed, whatever the sweep gives back.
  const body3 = chosenBody(
    `${prose('The story', 3)}<p>See also: <a href="/other">Another story about the storm and the town</a></p><p>Short closing words</p>`,
  );
  trimEdges(body3);
  assert.doesNotMatch(flatText(body3), /See also/);
});

test("a bracketed note naming the text's source first and the picture's after it stays", () => {
  const body = chosenBody(
    `${prose('The letter', 4)}<p>(Sources: <a href="/b">The Collected Letters</a> &amp; <a href="/c">The Book of Letters</a>; Image: the writer in 1934, via <a href="/w">an archive</a>.)</p>`,
  );
  trimEdges(body);
  assert.match(flatText(body), /Sources: The Collected Letters/);
  // One source, or the picture's first: the picture's credit, which goes as before.
  const body2 = chosenBody(
    `${prose('The letter', 4)}<p>(Quelle: Fleischmann/Unsplash/DJV)</p><p>(Photo: Jane Doe; Source: the archive)</p>`,
  );
  trimEdges(body2);
  assert.doesNotMatch(flatText(body2), /Quelle|Photo: Jane/);
});

test('a sentence that opens with "Posted" is not a date line; a date line still goes', () => {
  const body = chosenBody(
    `<p>Posted Aug 9th 2012 1:50PM</p><p>Posted Friday #144 of the Startup Podcast - which was show #28 from June, 2009.</p>${prose('The show', 3)}`,
  );
  trimEdges(body);
  const text = flatText(body);
  assert.match(text, /Posted Friday #144/);
  assert.doesNotMatch(text, /Posted Aug 9th/);
});
