// Stages 4 and 4b (trim.ts, inline-furniture.ts), from the third error analysis of the broad web
// set (data/extract-snippets, dev): the stock lines templates set under a story — share, rate and
// "was this helpful?" calls, comment prompts, sign-in notices — and "further reading" labels, in
// the languages the web writes in. Lines written for the rules, not taken from the set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isInlineFurniture } from '../../../src/ingest/extract/inline-furniture.js';
import { trimEdges } from '../../../src/ingest/extract/trim.js';
import { paragraphs, chosenBody, flatText } from './helpers.js';

const sentence = (n: number): string =>
  `Der Kleingartenverein beschloss auf seiner ${n}. Sitzung, die neuen Regentonnen vor den trockenen Monaten vom Dach des Geräteschuppens zu füllen.`;
const prose = (from: number, count: number): string => paragraphs(sentence, from, count);

const body = chosenBody;
const textOf = flatText;

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

// Fourth round (see "Fourth broad-set round" in docs/extract-rounds.md): credits the caption
// test missed, more stock edge lines, date and reading-time lines of other languages, button
// labels, embeds' consent notices and author boxes at the end of the body.

test('a caption credited in another language, with "(C)", an agency or a credit at its end goes', () => {
  for (const caption of [
    '. Imagen: Agencia Sur',
    'Der Vorsitzende vor dem neuen Schuppen / (C) Karl Beispiel',
    'Jane Roe/WENN.com',
    'Die Tonnen stehen am Schuppen. (Quelle: Schmidt/Unsplash/KGV)',
  ]) {
    const el = body(`<figure><img src="/a.jpg"><figcaption>${caption}</figcaption></figure>${prose(1, 4)}`);
    trimEdges(el, null);
    const t = textOf(el);
    assert.ok(!t.includes(caption), caption);
    assert.ok(t.includes(sentence(1)) && t.includes(sentence(4)), t);
  }
  const plainCaption = 'Die neuen Regentonnen am Geräteschuppen';
  const el = body(`<figure><img src="/a.jpg"><figcaption>${plainCaption}</figcaption></figure>${prose(1, 4)}`);
  trimEdges(el, null);
  assert.ok(textOf(el).includes(plainCaption), 'a caption that only says what the picture shows stays');
  // "wenn" is German for "if": only the agency's capitals (WENN) credit a picture.
  const germanCaption = 'So sieht der Schuppen aus, wenn die Tonnen voll sind';
  const de = body(`<figure><img src="/a.jpg"><figcaption>${germanCaption}</figcaption></figure>${prose(1, 4)}`);
  trimEdges(de, null);
  assert.ok(textOf(de).includes(germanCaption), 'a German caption with "wenn" stays');
});

/** Whether `line` is trimmed when it closes a story of three paragraphs (which stay). */
function trimmedAtEnd(line: string): boolean {
  const el = body(`${prose(1, 3)}<p>${line}</p>`);
  trimEdges(el, null);
  const t = textOf(el);
  assert.ok(t.includes(sentence(3)), t);
  return !t.includes(line);
}

test('more stock lines under a story: a rating call, a long sign-in notice, a letters-page prompt, an app call', () => {
  for (const line of [
    'Valora esta noticia',
    'Um den Beitrag kommentieren zu können, müssen Sie eingeloggt sein.',
    'We want to hear what you think about this article. Write a letter to the editor at letters@example.org.',
    'For the latest stories and breaking news download the Example Daily apps for iOS and Android.',
  ]) {
    assert.ok(trimmedAtEnd(line), line);
  }
  assert.ok(
    !trimmedAtEnd('Der Verein will seine Mitglieder künftig über eine eigene App auf dem iPhone erreichen, sagte der Vorsitzende.'),
  );
});

test('a German sign-in notice goes in the word orders templates write it; a sentence naming sign-in and no comment stays', () => {
  // The notice is read as what it says (comment or rate, be signed in), not as one template's sentence.
  for (const line of [
    'Du musst angemeldet sein, um einen Kommentar abzugeben.',
    'Sie müssen registriert sein, um diesen Artikel zu bewerten.',
    'Um einen Kommentar zu hinterlassen, loggen Sie sich bitte ein.',
    'Bitte melden Sie sich an, um Kommentare zu schreiben.',
  ]) {
    assert.ok(trimmedAtEnd(line), line);
  }
  for (const line of [
    'Die Abgeordneten müssen angemeldet sein, um im Ausschuss abstimmen zu dürfen, sagte die Sprecherin.',
    'Der Minister wollte sich zu den Vorwürfen nicht äußern; er müsse sich erst anmelden, sagte er.',
  ]) {
    assert.ok(!trimmedAtEnd(line), line);
  }
});

test("translated blog templates' filing sentences and rights notices under a story go", () => {
  for (const line of [
    'Der Beitrag wurde am Mittwoch, den 4. März 2020 um 15:21 Uhr veröffentlicht und wurde unter Garten, Verein abgelegt. Du kannst die Kommentare zu diesen Eintrag durch den RSS 2.0 Feed verfolgen.',
    'Erstellt am Dienstag 6. Mai 2014 um 23:30 und abgelegt unter Garten, Verein. Kommentare zu diesem Eintrag im RSS-Feed.',
    'Gartenzeitung Nord GmbH, alle Rechte vorbehalten. Nachdruck und Weitergabe nur mit Genehmigung des Verlags.',
    'Tous droits réservés. Reproduction interdite sans l’accord écrit de la rédaction du journal.',
  ]) {
    assert.ok(trimmedAtEnd(line), line);
  }
});

test('reading-time and date lines of other languages above the text go; a sentence starting so stays', () => {
  for (const line of [
    'Lesezeit: 3 Minuten',
    '5 min read',
    'Ten artykuł przeczytasz w 4 minuty',
    'Aktualisiert: 11.04.2021, 10:27',
    'Publikacja: 04.05.2021',
  ]) {
    const el = body(`<p>${line}</p>${prose(1, 3)}`);
    trimEdges(el, null);
    const t = textOf(el);
    assert.ok(!t.includes(line), line);
    assert.ok(t.includes(sentence(1)), t);
  }
  const story = 'Aktualisiert wird die Liste der Pächter jeden Monat.';
  const el = body(`<p>${story}</p>${prose(1, 3)}`);
  trimEdges(el, null);
  assert.ok(textOf(el).includes(story));
});

test('a line of button labels is furniture; a sentence starting with one is not', () => {
  for (const label of [
    'Rezept drucken',
    'Zum Rezept Drucken Pinnen',
    'Rezept drucken Bei Pinterest speichern',
    'Jump to Recipe Print Recipe',
    'Bild anzeigen Bild schließen',
  ]) {
    assert.ok(isInlineFurniture(plain(label)), label);
  }
  assert.ok(!isInlineFurniture(plain('Drucken Sie die Liste aus, bevor Sie zum Treffen kommen.')));
  const el = body(`${prose(1, 2)}<p>Rezept drucken</p>${prose(3, 2)}`);
  trimEdges(el, null);
  assert.ok(!textOf(el).includes('Rezept drucken'));
});

test("an embed's consent notice goes wherever it is in the body, also when it reads as prose", () => {
  for (const notice of [
    'Externer Inhalt',
    'Klicken Sie auf den Button, um den Inhalt von www.karten.example zu laden.',
    'Wir respektieren Ihre Privatsphäre und stellen deshalb ohne Ihr Einverständnis keine Verbindung zu Instagram her.',
    'Click here to load the content from the map service.',
  ]) {
    const el = body(`${prose(1, 2)}<p>${notice}</p>${prose(3, 2)}`);
    trimEdges(el, null);
    const t = textOf(el);
    assert.ok(!t.includes(notice), notice);
    assert.ok(t.includes(sentence(2)) && t.includes(sentence(3)), t);
  }
  const story = 'Ohne ihr Einverständnis wurde der Zaun des Nachbarn um einen halben Meter versetzt, klagt die Pächterin.';
  const el = body(`${prose(1, 2)}<p>${story}</p>${prose(3, 2)}`);
  trimEdges(el, null);
  assert.ok(textOf(el).includes(story));
});

test("an author box closing the body goes, under names pruning does not know; the story's last paragraph stays", () => {
  const bio = 'Karl Beispiel ist Gärtner aus Kiel und schreibt seit 2010 für den Vereinsboten über Regentonnen, Kompost und Obstbäume.';
  for (const box of ['saboxplugin-wrap', 'author-card details__author-card']) {
    const el = body(`${prose(1, 3)}<div class="${box}"><div class="desc"><p>${bio}</p></div></div>`);
    trimEdges(el, null);
    const t = textOf(el);
    assert.ok(!t.includes(bio), box);
    assert.ok(t.includes(sentence(3)), t);
  }
  const el = body(`${prose(1, 3)}<div class="entry-content"><p>${bio}</p></div>`);
  trimEdges(el, null);
  assert.ok(textOf(el).includes(bio));
});
