// Hostile review of the p-hashtags reading (r2-topics, docs/topics.md): a line end after a hyphen
// counts as a wrapped line only when the next line goes on with a letter. A next line that opens
// with a list's dash or another mark was a line the writer ended, and a phrase must not run across
// it (on main it did, and the match came out 'exact', with no `via` to say a line end was crossed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matcherFrom } from './helpers.js';

const matcher = matcherFrom(
  JSON.stringify({
    topics: [
      { id: 'ashraf', entities: [{ name: 'Camp Ashraf' }] },
      { id: 'mek', entities: [{ name: 'Mojahedin-e Khalq', acronyms: ['MEK'], context: ['Iran'] }] },
    ],
  }),
);

/** [text, reason, via] of each match of topic `id`; offsets are checked against the text. */
function found(id: string, text: string): [string, string, string | undefined][] {
  const hit = matcher.match({ title: '', text }).find((h) => h.id === id);
  return (hit?.matches ?? []).map((m) => {
    assert.equal(text.slice(m.start, m.end), m.text);
    return [m.text, m.reason, m.via];
  });
}

test("a line end after a hyphen, before a list's dash, still ends the phrase", () => {
  // A list whose first item ends in a hyphen: the next item is no part of it.
  assert.deepEqual(found('ashraf', 'Sites:\n- the old camp-\n- Ashraf museum'), []);
  assert.deepEqual(found('ashraf', 'Sites:\r\n- the old camp-\r\n  - Ashraf museum'), []);
  assert.deepEqual(found('ashraf', 'Sites: camp-\n\u2014 Ashraf'), []);
  assert.deepEqual(found('mek', 'Iran: the Mojahedin-\n-e Khalq'), []);
  // Nor does a next line that opens with a quotation mark or a bracket continue it.
  assert.deepEqual(found('ashraf', 'The camp-\n"Ashraf" sign'), []);
});

test('a wrapped line still joins, and a match across a line end is never exact', () => {
  assert.deepEqual(found('ashraf', 'Residents of Camp-\n  Ashraf said.'), [['Camp-\n  Ashraf', 'variant', 'hyphenation']]);
  assert.deepEqual(found('mek', 'The Mojahe-\r\ndin-e Khalq said.'), [['Mojahe-\r\ndin-e Khalq', 'variant', 'hyphenation']]);
  for (const text of ['a camp-\n- Ashraf', 'camp-\n\u2010Ashraf', 'camp- \n -Ashraf', 'camp-\n*Ashraf', 'camp-\n(Ashraf']) {
    for (const [, reason, via] of found('ashraf', text)) assert.ok(reason !== 'exact' && via === 'hyphenation', JSON.stringify(text));
  }
});

test('a hashtag right after an emoji or an ideograph is read, and not after a letter of any plane', () => {
  const free = JSON.stringify({ topics: [{ id: 'free', entities: [{ name: 'Free Iran' }] }] });
  const m = matcherFrom(free);
  const words = (text: string): string[] =>
    (m.match({ title: '', text }).find((h) => h.id === 'free')?.matches ?? []).map((x) => {
      assert.equal(text.slice(x.start, x.end), x.text);
      return `${x.text}/${x.via}`;
    });
  // Posts put an emoji (with its selector or skin tone) right before a hashtag.
  assert.deepEqual(words('Rally \u{1F525}#FreeIran2026'), ['FreeIran/hashtag']);
  assert.deepEqual(words('Rally \u2764\uFE0F#FreeIran'), ['FreeIran/hashtag']);
  assert.deepEqual(words('Rally \u{1F44D}\u{1F3FD}#FreeIran'), ['FreeIran/hashtag']);
  // Chinese and Japanese are written without spaces.
  assert.deepEqual(words('支持#FreeIran'), ['FreeIran/hashtag']);
  // After a letter, a digit or an address character it is still no hashtag, astral letters too.
  for (const text of ['page#FreeIran', '\u{1D400}#FreeIran', 'caf\u00e9\u200d#FreeIran', 'x.org/\u200d#FreeIran']) {
    assert.deepEqual(words(text), [], text);
  }
});
