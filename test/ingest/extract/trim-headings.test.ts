// Stage 4 (trim.ts), from the second error analysis of the broad web set (data/extract-snippets,
// dev): a heading left at the end of the body titles nothing. Each test builds its own small
// page, written for the rule, not taken from the set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trimEdges } from '../../../src/ingest/extract/trim.js';
import { paragraphs, chosenBody, flatText } from './helpers.js';

const sentence = (n: number): string =>
  `The allotment society agreed on its ${n}th meeting that the new water butts would be filled from the roof of the tool shed before the dry months.`;
const prose = (from: number, count: number): string => paragraphs(sentence, from, count);

/** A body as the scorer would have chosen it: `html` in a <div> of a page of its own. */
const body = chosenBody;
const textOf = flatText;

test('a heading left at the end of the body titles nothing and goes', () => {
  const el = body(`<h2>Water butts</h2>${prose(1, 3)}<h2>More on this topic</h2><h3>Popular posts</h3>`);
  trimEdges(el, null);
  const t = textOf(el);
  assert.ok(t.includes('Water butts') && t.includes(sentence(3)), t);
  assert.ok(!t.includes('More on this topic') && !t.includes('Popular posts'), t);
});

test('a heading goes once the link rail it titled is trimmed', () => {
  const rail = `<ul>${[1, 2, 3].map((i) => `<li><a href="/s/${i}">Another story ${i}</a></li>`).join('')}</ul>`;
  const el = body(`${prose(1, 3)}<div class="box"><h3>Further reading:</h3><p><a href="/x">Archive</a></p>${rail}</div>`);
  trimEdges(el, null);
  assert.ok(!textOf(el).includes('Further reading'), textOf(el));
});

test('headings followed by text, a closing line and a sentence set as a heading stay', () => {
  const el = body(`${prose(1, 2)}<h2>What happens next</h2>${prose(3, 1)}<p>Jane Doe</p>`);
  trimEdges(el, null);
  assert.ok(textOf(el).includes('What happens next') && textOf(el).includes('Jane Doe'), textOf(el));
  const quote = body(`${prose(1, 3)}<h4>The water stays on the allotment.</h4>`);
  trimEdges(quote, null);
  assert.ok(textOf(quote).includes('The water stays on the allotment.'), textOf(quote));
});
