// Stage 4b (inline-furniture.ts), from the second error analysis of the broad web set
// (data/extract-snippets, dev): "read also" pointer lines in the languages the web writes in.
// Lines written for the rule, not taken from the set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DomElement } from '../../../src/ingest/extract/dom.js';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import { isInlineFurniture } from '../../../src/ingest/extract/inline-furniture.js';
import { trimEdges } from '../../../src/ingest/extract/trim.js';

/** A measured block: `label` unlinked, then `link` as link text. */
const line = (label: string, link: string) => ({ str: `${label}${link}`, text: label.length + link.length, links: link.length });

test('a pointer label and a linked headline is furniture in German, French, Spanish, Portuguese, Polish, Italian, Dutch', () => {
  for (const label of [
    'Lesen Sie auch: ',
    'À lire aussi » ',
    'Lee también: ',
    'MIRA: ',
    'Leia também: ',
    'Czytaj też: ',
    'Dowiedz się więcej: ',
    'Leggi anche: ',
    'Lees ook: ',
  ]) {
    assert.ok(isInlineFurniture(line(label, 'Town council votes to reopen the old swimming baths')), label);
  }
});

test('a pointer label alone on its line is furniture; the same words starting a sentence of the story are not', () => {
  for (const label of ['Veja também:', 'Zobacz też', 'Das könnte Sie auch interessieren!', 'Siehe auch:']) {
    assert.ok(isInlineFurniture(line(label, '')), label);
  }
  assert.ok(!isInlineFurniture(line('Lesen Sie auch, was der Bürgermeister dazu sagte: er will das Bad erhalten.', '')));
  assert.ok(!isInlineFurniture(line('Mira', '')), 'a name alone');
  assert.ok(isInlineFurniture(line('Mira: ', 'Madre de uno de los detenidos habla con la prensa')), 'Mira: with a linked headline');
});

test('a pointer line between paragraphs of a story is trimmed, the paragraphs stay', () => {
  const para = (n: number) =>
    `<p>The town council met on the ${n}th of the month and agreed that the old swimming baths would reopen after the repairs to the roof and boilers.</p>`;
  const el = parseDocument(
    `<html><body><div id="c">${para(1)}<p><strong>Czytaj też:</strong> <a href="/x">Nowy basen w centrum miasta</a></p>${para(2)}</div></body></html>`,
  ).querySelector('#c') as DomElement;
  trimEdges(el, null);
  const t = (el.textContent ?? '').replace(/\s+/g, ' ');
  assert.ok(!t.includes('Czytaj'), t);
  assert.ok(t.includes('1th') && t.includes('2th'), t);
});

test('a linked headline in capitals is furniture with an acronym plural in it ("AMAs"); a mixed-case line is not', () => {
  // x-teasers (2026-12-06): the all-capitals test read the plural "s" of an acronym as a
  // lower-case letter, so such a headline linked between paragraphs stayed in the text.
  assert.ok(isInlineFurniture(line('', 'SINGER CLEARED TO PLAY HER HITS AT THE AMAs AFTER LABEL FEUD')));
  assert.ok(isInlineFurniture(line('', 'FOUR CEOs QUIT THE BOARD OF THE HARBOUR TRUST')));
  assert.ok(!isInlineFurniture(line('', 'Singer cleared to play her hits at the AMAs after label feud')));
  assert.ok(!isInlineFurniture(line('', 'SINGER CLEARED TO PLAY HER HITS AT THE AMAS after label feud')));
});
