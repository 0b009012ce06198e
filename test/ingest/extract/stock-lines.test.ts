// Stages 4 and 4b (trim.ts, inline-furniture.ts), from the third error analysis of the broad web
// set (data/extract-snippets, dev): the stock lines templates set under a story — share, rate and
// "was this helpful?" calls, comment prompts, sign-in notices — and "further reading" labels, in
// the languages the web writes in. Lines written for the rules, not taken from the set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DomElement } from '../../../src/ingest/extract/dom.js';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import { isInlineFurniture } from '../../../src/ingest/extract/inline-furniture.js';
import { trimEdges } from '../../../src/ingest/extract/trim.js';

const sentence = (n: number): string =>
  `Der Kleingartenverein beschloss auf seiner ${n}. Sitzung, die neuen Regentonnen vor den trockenen Monaten vom Dach des Geräteschuppens zu füllen.`;
const prose = (from: number, count: number): string => Array.from({ length: count }, (_, i) => `<p>${sentence(from + i)}</p>`).join('\n');

function body(html: string): DomElement {
  return parseDocument(`<html><body><div id="chosen">${html}</div></body></html>`).querySelector('#chosen') as DomElement;
}
const textOf = (el: DomElement): string => (el.textContent ?? '').replace(/\s+/g, ' ').trim();

test('share, rate and sign-in lines under a story go, in German and the other languages', () => {
  for (const stock of [
    'Möchten Sie den Artikel teilen?',
    'War der Artikel nützlich? (12 Stimmen)',
    'Hier können Sie den Artikel bewerten',
    'Artikel gefallen? Vergiss nicht zu teilen!',
    'Sie sind aktuell nicht eingeloggt.',
    'Kommentare schreiben',
    'Partager cet article',
    'Deja un comentario',
    'Condividi su Facebook',
    'Was this article helpful?',
  ]) {
    const el = body(`${prose(1, 3)}<p>${stock}</p>`);
    trimEdges(el, null);
    const t = textOf(el);
    assert.ok(t.includes(sentence(3)), stock);
    assert.ok(!t.includes(stock), stock);
  }
});

test('a sentence of the story that speaks of an article or of comments stays', () => {
  const line = 'Artikel 14 des Grundgesetzes schützt das Eigentum auch im Kleingarten.';
  const el = body(`${prose(1, 3)}<p>${line}</p>`);
  trimEdges(el, null);
  assert.ok(textOf(el).includes(line), textOf(el));
});

/** A measured block of unlinked text. */
const plain = (s: string) => ({ str: s, text: s.length, links: 0 });

test('"further reading" labels alone on their line are furniture; a sentence starting so is not', () => {
  for (const label of [
    'Zum Weiterlesen:',
    'Auch interessant',
    'AUCH INTERESSANT',
    'Weiterführende Links:',
    'Noch mehr Infos für dich',
    'Pour aller plus loin',
    'Noticias relacionadas',
  ]) {
    assert.ok(isInlineFurniture(plain(label)), label);
  }
  assert.ok(!isInlineFurniture(plain('Auch interessant ist, dass der Verein die Tonnen selbst bezahlt.')));
});

test('a "further reading" label between paragraphs is trimmed, the paragraphs stay', () => {
  const el = body(`${prose(1, 2)}<p>Zum Weiterlesen:</p>${prose(3, 2)}`);
  trimEdges(el, null);
  const t = textOf(el);
  assert.ok(!t.includes('Zum Weiterlesen'), t);
  assert.ok(t.includes(sentence(2)) && t.includes(sentence(3)), t);
});

test('a line ending in a picture credit is the picture caption, also without a caption name', () => {
  for (const caption of [
    'Das Hermelin ist im Winter gut getarnt. (mlharing / iStock.com)',
    'Drei Ferienzeiten gibt es im Schuljahr. Foto: Andina',
    'Die Tonnen stehen am Schuppen. (Quelle: Schmidt/Unsplash/KGV)',
    'The shed after the storm. Photograph by Jane Doe, Allotment Society',
  ]) {
    const el = body(`<div><img src="/a.jpg"></div><div>${caption}</div>${prose(1, 4)}`);
    trimEdges(el, null);
    const t = textOf(el);
    assert.ok(!t.includes(caption), caption);
    assert.ok(t.includes(sentence(1)) && t.includes(sentence(4)), t);
  }
});

test("a story's sentence ending in a text source or a unit in parentheses stays", () => {
  for (const line of [
    'Die Zahl der Gärten stieg um ein Drittel (Quelle: Statistisches Bundesamt)',
    'Berlin (dpa/AFP)',
    'Der Wind erreichte 120 (km/h)',
    'Das Gartenjahr … oder warum wir graben. © 2002, 2003 Jane Doe',
  ]) {
    const el = body(`${prose(1, 2)}<p>${line}</p>${prose(3, 2)}`);
    trimEdges(el, null);
    assert.ok(textOf(el).includes(line), line);
  }
});
