// Article text read otherwise than as written (p-hashtags, docs/topics.md): hashtags and their
// camel-case words, names hyphenated across a line break (and soft hyphens), and Cyrillic or Greek
// look-alike letters inside a Latin word. Each reading is marked (`via`) and never 'exact'; each
// has a guard that keeps it where it belongs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { matcherFrom } from './helpers.js';

const TOPICS = JSON.stringify({
  topics: [
    {
      id: 'mek',
      entities: [
        {
          name: 'Mojahedin-e Khalq',
          aliases: ["People's Mojahedin Organization of Iran", 'سازمان مجاهدین خلق', 'PMOI'],
          acronyms: ['MEK'],
          context: ['Iran'],
        },
      ],
      places: ['Camp Ashraf'],
    },
    { id: 'free', entities: [{ name: 'Free Iran' }] },
    { id: 'donald', entities: [{ name: 'Donald', aliases: ['Phone'] }] },
    { id: 'antiwar', entities: [{ name: 'Anti War Committee' }] },
    { id: 'ashraf', entities: [{ name: 'Camp Ashraf' }] },
  ],
});
const matcher = matcherFrom(TOPICS);

/** [text, reason, via] of each match of topic `id`; offsets are checked against the text. */
function found(id: string, text: string): [string, string, string | undefined][] {
  const hit = matcher.match({ title: '', text }).find((h) => h.id === id);
  return (hit?.matches ?? []).map((m) => {
    assert.equal(text.slice(m.start, m.end), m.text);
    return [m.text, m.reason, m.via];
  });
}

test("a hashtag's words match a name as the spaced words would, marked as read from a hashtag", () => {
  // Camel case: "#PeoplesMojahedin" is "Peoples Mojahedin", a shorter name of the alias.
  assert.deepEqual(found('mek', 'Supporters posted #PeoplesMojahedin all day.'), [['PeoplesMojahedin', 'variant', 'hashtag']]);
  assert.deepEqual(found('mek', 'Trending: #MojahedinKhalq'), [['MojahedinKhalq', 'variant', 'hashtag']]);
  // Camel case and digits: "#FreeIran2026" holds "Free Iran".
  assert.deepEqual(found('free', 'Rally under #FreeIran2026 in Berlin'), [['FreeIran', 'variant', 'hashtag']]);
  // Underscores join the words of an Arabic-script hashtag.
  assert.deepEqual(found('mek', 'تجمع #مجاهدین_خلق در پاریس'), [['مجاهدین_خلق', 'variant', 'hashtag']]);
  // "#MEK" is the acronym; "#FreeIran2026" names Iran, the context that lets it count.
  assert.deepEqual(found('mek', '#FreeIran2026 #MEK'), [['MEK', 'acronym', undefined]]);
  // Inside a hashtag every hump is a word: "#McDonald" holds "Donald".
  assert.deepEqual(found('donald', 'Lunch, then #McDonald'), [['Donald', 'variant', 'hashtag']]);
  // A one-word hashtag is the word as written: exact, not marked.
  assert.deepEqual(found('free', 'Free Iran, they wrote under #Iran'), [['Free Iran', 'exact', undefined]]);
});

test('camel case is split only inside a hashtag, and an acronym inside a longer hashtag never matches by itself', () => {
  // Running prose keeps "McDonald" and "iPhone" whole.
  assert.deepEqual(found('donald', 'Lunch at McDonald, then a new iPhone.'), []);
  // Not a hashtag: a "#" inside a word or an address.
  assert.deepEqual(found('mek', 'see example.org/#PeoplesMojahedin or page#PeoplesMojahedin'), []);
  // The acronym glued into a longer hashtag word, with Iran named to corroborate it: not MEK.
  for (const tag of ['#StopMEK', '#MEK2026', '#NoMEKHere', '#Stop_NoMEKHere']) {
    assert.deepEqual(found('mek', `Iran news ${tag}`), [], tag);
  }
  // Set apart by an underscore the writer put there, it is the word MEK (read through the hashtag).
  assert.deepEqual(found('mek', 'Iran news #MEK_Iran'), [['MEK', 'acronym', 'hashtag']]);
  assert.deepEqual(found('mek', 'Iran news #Free_MEK_members'), [['MEK', 'acronym', 'hashtag']]);
  // The same for a short capitals alias, matched case-sensitively like an acronym.
  assert.deepEqual(found('mek', 'Iran news #FreePMOI'), []);
  assert.deepEqual(found('mek', 'Iran news #PMOI'), [['PMOI', 'exact', undefined]]);
});

test('a name hyphenated across a line break, or with a soft hyphen, matches and is marked as such', () => {
  assert.deepEqual(found('mek', 'A statement by the Mojahe-\ndin-e Khalq on Friday.'), [
    ['Mojahe-\ndin-e Khalq', 'variant', 'hyphenation'],
  ]);
  assert.deepEqual(found('mek', "The People's Mojahe-\r\n  din Organization of Iran said."), [
    ["People's Mojahe-\r\n  din Organization of Iran", 'variant', 'hyphenation'],
  ]);
  // A soft hyphen is invisible: inside a word it is the same word (exact)...
  assert.deepEqual(found('mek', 'The Moja\u00adhedin-e Khalq said.'), [['Moja\u00adhedin-e Khalq', 'exact', undefined]]);
  // ...and where the line was broken at it, the word goes on after the line end, in any case.
  assert.deepEqual(found('mek', 'The Moja\u00ad\nhedin-e Khalq said.'), [['Moja\u00ad\nhedin-e Khalq', 'variant', 'hyphenation']]);
  assert.deepEqual(found('mek', 'The Moja\u00ad\nHedin-e Khalq said.'), [['Moja\u00ad\nHedin-e Khalq', 'variant', 'hyphenation']]);
  // A hyphen ending a line before a capital: two words, but the wrapped line does not end the phrase.
  assert.deepEqual(found('ashraf', 'Residents of Camp-\nAshraf said.'), [['Camp-\nAshraf', 'variant', 'hyphenation']]);
  // A real compound broken at its own hyphen: read as its parts when joined it is no known word.
  assert.deepEqual(found('antiwar', 'The Anti-\nwar Committee met.'), [['Anti-\nwar Committee', 'variant', 'hyphenation']]);
});

test('only a hyphen at a line end before a lower-case letter joins a word; other line ends still end a phrase', () => {
  // A capital after the hyphen is a second word, not the rest of this one.
  assert.deepEqual(found('mek', 'The Moja-\nHedin-e Khalq said.'), []);
  // A blank line after the hyphen is a paragraph's end.
  assert.deepEqual(found('mek', 'The Mojahe-\n\ndin-e Khalq said.'), []);
  assert.deepEqual(found('ashraf', 'Residents of Camp-\n\nAshraf said.'), []);
  // A line end without a hyphen ends the phrase, as before (feed text keeps a paragraph per line).
  assert.deepEqual(found('mek', 'Mojahedin-e\nKhalq'), []);
  // A dash at a line end is no hyphenation.
  assert.deepEqual(found('mek', 'The Mojahe\u2014\ndin-e Khalq said.'), []);
});

test('a Latin word with Cyrillic or Greek look-alike letters is read as Latin, only when it mixes scripts', () => {
  // "MЕK" with a Cyrillic Е (U+0415), corroborated by Iran.
  assert.deepEqual(found('mek', 'Iran: the M\u0415K said.'), [['M\u0415K', 'acronym', 'lookalike']]);
  // Cyrillic е and о inside a Latin name; a Greek Ο (U+039F) in another.
  assert.deepEqual(found('mek', 'The Mojah\u0435din-e Khalq said.'), [['Mojah\u0435din-e Khalq', 'variant', 'lookalike']]);
  assert.deepEqual(found('mek', 'Iran: PM\u039fI said.'), [['PM\u039fI', 'variant', 'lookalike']]);
  // A word wholly in Cyrillic is Cyrillic: "МЕК" is not MEK, however alike it looks.
  assert.deepEqual(found('mek', 'Iran: the \u041c\u0415\u041a said.'), []);
  // Names written in Cyrillic still match as written.
  const ru = matcherFrom(JSON.stringify({ topics: [{ id: 'n', entities: [{ name: 'Навальный' }] }] }));
  assert.deepEqual(
    ru.match({ title: '', text: 'Алексей Навальный заявил' }).map((h) => h.matches.map((m) => [m.text, m.reason, m.via])),
    [[['Навальный', 'exact', undefined]]],
  );
});

/** Matches `text` (built in the worker from `build`) against the topics above; null past the guard. */
function inWorker(build: string, guardMs: number): Promise<Record<string, number> | null> {
  const url = (p: string): string => new URL(p, import.meta.url).href;
  const code = `
    const { parentPort } = require('node:worker_threads');
    (async () => {
      const { parseTopics } = await import(${JSON.stringify(url('../../src/topics/definition.js'))});
      const { compileTopics } = await import(${JSON.stringify(url('../../src/topics/matcher.js'))});
      const m = compileTopics(parseTopics(${JSON.stringify(TOPICS)}).topics);
      const text = ${build};
      const out = { length: text.length };
      for (const h of m.match({ title: '', text })) out[h.id] = h.total;
      parentPort.postMessage(out);
    })();`;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true });
    const guard = setTimeout(() => {
      void w.terminate();
      resolve(null);
    }, guardMs);
    w.once('message', (n: Record<string, number>) => {
      clearTimeout(guard);
      void w.terminate();
      resolve(n);
    });
    w.once('error', (e) => {
      clearTimeout(guard);
      reject(e);
    });
  });
}

// Hang guards, not timing tests: each text is read in one pass; the guard is far above that.
test('a 1 MB text of hashtags, mixed-script words or broken lines is read in bounded work', { timeout: 240_000 }, async () => {
  const hashtags = await inWorker(`'#FreeIran2026 #PeoplesMojahedin '.repeat(32768)`, 60_000);
  assert.deepEqual(hashtags, { length: 1_048_576, mek: 32768, free: 32768 });
  // One hashtag of a million characters, humps all along it.
  const oneTag = await inWorker(`'#' + 'FreeIran'.repeat(131072)`, 60_000);
  assert.deepEqual(oneTag, { length: 1_048_577, free: 131072 });
  // Camel humps with nothing else: every capital a word.
  const capitals = await inWorker(`'#' + 'AB'.repeat(524288)`, 60_000);
  assert.deepEqual(capitals, { length: 1_048_577 });
  const mixed = await inWorker(`'M\\u0415K Iran '.repeat(131072)`, 60_000);
  assert.deepEqual(mixed, { length: 1_179_648, mek: 131072 });
  const broken = await inWorker(`'Mojahe-\\ndin-e Khalq '.repeat(52429)`, 60_000);
  assert.deepEqual(broken, { length: 1_048_580, mek: 52429 });
  // Soft hyphens and hyphens with line ends but no word after them.
  const dangling = await inWorker(`'a\\u00ad \\n- \\n-\\n'.repeat(131072)`, 60_000);
  assert.deepEqual(dangling, { length: 1_179_648 });
});
