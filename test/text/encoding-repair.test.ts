// Mojibake repair in both directions: double-encoded text is restored, correct text is never
// touched. The paragraphs are real (paragraphs.ts); the double encoding is made at test time the
// way a publisher's database makes it (UTF-8 bytes read as windows-1252, written out as UTF-8).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { repairMojibake } from '../../src/text/encoding-repair.js';
import { PARAGRAPHS } from './paragraphs.js';

/** UTF-8 bytes read as windows-1252 (its five undefined bytes as Latin-1 controls). */
function doubleEncode(text: string): string {
  let out = '';
  for (const b of Buffer.from(text, 'utf8')) {
    out +=
      b === 0x81 || b === 0x8d || b === 0x8f || b === 0x90 || b === 0x9d
        ? String.fromCharCode(b)
        : iconv.decode(Buffer.from([b]), 'windows-1252');
  }
  return out;
}

test('double-encoded paragraphs in every script are restored exactly', () => {
  for (const [lang, text] of Object.entries(PARAGRAPHS)) {
    const broken = doubleEncode(text);
    assert.notEqual(broken, text, lang);
    assert.equal(repairMojibake(broken), text, lang);
  }
});

test('correct paragraphs in every script are returned unchanged', () => {
  for (const [lang, text] of Object.entries(PARAGRAPHS)) assert.equal(repairMojibake(text), text, lang);
});

test('correct text that looks a little like mojibake stays as written', () => {
  const correct = [
    // rometools/rome, rss_1.0-ns-on-channel.xml: "×" and a no-break space spell a Hebrew letter in UTF-8.
    'was recorded in 1025 small quadrats (10\u00a0×\u00a010\u00a0cm).',
    // feedjira, pet_atom.xml
    'Catnip (included) provides the pièce de ré·sis·tance.',
    // Capitals before closing punctuation: real words, not lead bytes.
    'Le «CAFÉ»',
    'A IRMÃ… e o IRMÃO',
    'ÅÄÖ»',
    'SÃO PAULO – Ã ê Â',
    // Icelandic, Vietnamese and Turkish letters that are UTF-8 lead bytes when read as windows-1252.
    'Ísland, Đà Nẵng, İstanbul, ðæþ ß',
  ];
  for (const text of correct) assert.equal(repairMojibake(text), text, text);
});

test('real double-encoded publisher text is repaired', () => {
  // simplepie tests/data/feed_rss-2.0_for_file_mock.xml (RSS.com's blog feed)
  assert.equal(repairMojibake('As part of RSS.comâ€™s Q2 2022 strategy'), 'As part of RSS.com’s Q2 2022 strategy');
  assert.equal(repairMojibake('FranÃ§oise ViÃ©not'), 'Françoise Viénot');
  // feed-rs fixture/rss2/rss_2.0_ilmessaggero.xml: a replacement character, double-encoded.
  assert.equal(repairMojibake('S.P.A. ï¿½ FOR PERSONAL USE ONLY'), 'S.P.A. \ufffd FOR PERSONAL USE ONLY');
  // A byte-order mark read as text carries nothing.
  assert.equal(repairMojibake('ï»¿Headline'), 'Headline');
});

test('within one text, only the double-encoded parts change', () => {
  const mixed = `Café au lait — ${doubleEncode('Ελληνικά')} — 10\u00a0×\u00a010`;
  assert.equal(repairMojibake(mixed), 'Café au lait — Ελληνικά — 10\u00a0×\u00a010');
});
