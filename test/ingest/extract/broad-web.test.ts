// Rules from the error analysis of the broad web set (data/extract-snippets, dev): each test
// builds its own small page, written for the rule (the second look at a short body).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DomElement } from '../../../src/ingest/extract/dom.js';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import { secondLook } from '../../../src/ingest/extract/second-look.js';
import { paragraphs } from './helpers.js';

const sentence = (n: number): string =>
  `The ferry operator said on Tuesday that crossing ${n} would run on the winter timetable, with the last boat leaving the harbour at nine in the evening.`;
const prose = (from: number, count: number): string => paragraphs(sentence, from, count);

const page = (notice: string, story: string): string =>
  `<!doctype html><html lang="en"><head><title>Winter timetable</title></head><body>
   <div class="dialog-content">${notice}</div>
   <div id="main"><h1>Winter timetable</h1><div class="entry">${story}</div></div></body></html>`;
const notice =
  '<p>Confirm your age to watch programmes with an age rating at any time of day. You will need an identity document for this check.</p>';

/** A body as the scorer would have chosen it: `html` in a <div> of a page of its own. */
function body(html: string): { el: DomElement; text: string } {
  const el = parseDocument(`<html><body><div id="chosen">${html}</div></body></html>`).querySelector('#chosen') as DomElement;
  return { el, text: el.textContent ?? '' };
}

test('a short body gives way to a block holding several times its prose', () => {
  const chosen = body(notice);
  const found = secondLook(chosen.el, chosen.text, () => parseDocument(page(notice, prose(1, 6))), 'Winter timetable');
  assert.ok(found, 'the story block is found');
  assert.ok(found.text.includes(sentence(1)) && found.text.includes(sentence(6)), found.text);
  assert.ok(!found.text.includes('Confirm your age'), found.text);
});

test('a short post stays beside a sidebar of links or teaser titles longer than it', () => {
  const chosen = body(prose(1, 3));
  const rail = `<ul>${Array.from({ length: 30 }, (_, i) => `<li><a href="/s/${i}">Ferry timetable changes announced for the harbour, part ${i}</a></li>`).join('')}</ul>`;
  assert.equal(
    secondLook(chosen.el, chosen.text, () => parseDocument(page(rail, prose(1, 3))), 'Winter timetable'),
    null,
  );
});

test('a short body stays when no other block holds much more prose, and a long one is never second-guessed', () => {
  const chosen = body(prose(1, 2));
  assert.equal(
    secondLook(chosen.el, chosen.text, () => parseDocument(page(notice, prose(1, 3))), 'Winter timetable'),
    null,
  );
  const long = body(prose(1, 12));
  assert.equal(
    secondLook(
      long.el,
      long.text,
      () => {
        throw new Error('no second parse for a long body');
      },
      'Winter timetable',
    ),
    null,
  );
});
