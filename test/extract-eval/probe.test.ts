// The matching of scripts/extract-probe-lib.mjs (the probe on Postlight Parser's pages) on small
// hand-made examples, and the shape of data/extract-probe's manifest (structure only: no page is
// extracted, scored or printed). Reads nothing from ../shared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../helpers/repo.js';

type Lib = {
  START_WORDS: number;
  decodeRefs(s: string): string;
  findOpening(expected: string, output: string): { found: boolean; word: number | null };
  openingMatch(expected: string, output: string, startWords?: number): { found: boolean; atStart: boolean; word: number | null };
  isEmptyText(text: string): boolean;
  titleMatch(expected: string, got: string | null): boolean;
  authorMatch(expected: string, got: string | null): boolean;
  dateMatch(expected: string, got: string | null): boolean;
};

const lib = (await import(pathToFileURL(join(repoRoot(), 'scripts', 'extract-probe-lib.mjs')).href)) as Lib;

const OPENING = 'The man who the police said sowed terror across two states, setting off';

test('opening: found on lower-cased words without punctuation, anywhere in the output', () => {
  const out = `Lead text here.\n\nTHE MAN WHO THE POLICE SAID “SOWED TERROR” ACROSS TWO STATES — SETTING OFF bombs.`;
  assert.deepEqual(lib.findOpening(OPENING, out), { found: true, word: 3 });
  // A word missing from the output is no match.
  assert.equal(lib.findOpening(OPENING, 'The man who the police said sowed terror across states, setting off').found, false);
  assert.equal(lib.findOpening(OPENING, '').found, false);
  assert.equal(lib.findOpening('', 'anything').found, false);
});

test('opening: words glued across blocks and split drop caps still match (tokens joined without spaces)', () => {
  // cheerio's .text() of the content glues a caption to the body and splits a drop cap.
  assert.ok(lib.findOpening('Photo: AP.Houston has promoted its coordinator', 'Photo: AP\n\nHouston has promoted its coordinator').found);
  assert.ok(lib.findOpening('T he Smithsonian’s National Museum opens', 'The Smithsonian’s National Museum opens on Saturday').found);
  // Japanese: every character a token.
  assert.ok(lib.findOpening('東京都は 新しい計画を発表した', '速報。東京都は新しい計画を発表した。').found);
});

test('opening: at the start only when the match begins within the first START_WORDS tokens', () => {
  assert.equal(lib.START_WORDS, 40);
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
  assert.deepEqual(lib.openingMatch(OPENING, `${filler(39)} ${OPENING}`), { found: true, word: 39, atStart: true });
  assert.deepEqual(lib.openingMatch(OPENING, `${filler(40)} ${OPENING}`), { found: true, word: 40, atStart: false });
  assert.deepEqual(lib.openingMatch(OPENING, filler(10)), { found: false, word: null, atStart: false });
});

test('character references in an expectation are decoded; empty output has no token', () => {
  assert.equal(lib.decodeRefs('a &#151; b &amp; c &#x41; &nbsp;'), 'a \u0097 b & c A &nbsp;');
  assert.ok(lib.findOpening('&#151; -- Hillary Clinton has an explanation', 'Hillary Clinton has an explanation for it').found);
  assert.ok(lib.isEmptyText(' — … \n'));
  assert.ok(!lib.isEmptyText('a'));
});

test('title: equal token sequences', () => {
  assert.ok(
    lib.titleMatch('Nikki Haley to Resign as Trump’s Ambassador to the U.N.', 'nikki haley to resign as trump’s ambassador to the u n'),
  );
  assert.ok(!lib.titleMatch('Nikki Haley to Resign', 'Nikki Haley to Resign - The New York Times'));
  assert.ok(!lib.titleMatch('Nikki Haley to Resign', null));
});

test('author: a leading "by" dropped, then one holds the other at word boundaries', () => {
  const e = 'Marc Santora, William K. Rashbaum, Al Baker and Adam Goldman';
  assert.ok(lib.authorMatch(e, 'By Marc Santora'));
  assert.ok(lib.authorMatch('Travis Haney', 'By TRAVIS HANEY | 247Sports'));
  assert.ok(!lib.authorMatch(e, 'By'));
  assert.ok(!lib.authorMatch(e, null));
  // Word boundaries: "Al" does not match inside "Alan".
  assert.ok(!lib.authorMatch('Alan Baker', 'Al'));
});

test('date: the same calendar day, written or in UTC; a date without time in any time zone', () => {
  assert.ok(lib.dateMatch('2016-09-19T11:46:01.000Z', '2016-09-19T07:46:01-04:00'));
  // 01:00 UTC on the 19th is 21:00 on the 18th in New York: the written day counts.
  assert.ok(lib.dateMatch('2016-09-19T01:00:00.000Z', '2016-09-18T21:00:00-04:00'));
  // Midnight in Tokyo on the 26th is 15:00 UTC on the 25th.
  assert.ok(lib.dateMatch('2019-04-25T15:00:00.000Z', '2019-04-26'));
  assert.ok(!lib.dateMatch('2019-04-25T15:00:00.000Z', '2019-04-28'));
  assert.ok(!lib.dateMatch('2016-09-19T11:46:01.000Z', '2016-09-21T11:46:01Z'));
  assert.ok(!lib.dateMatch('2016-09-19T11:46:01.000Z', null));
});

type Entry = {
  id: string;
  source: string;
  url: string;
  site: string;
  lang: string | null;
  split: string;
  known_in: string[];
  fixture: string;
  opening_words: number;
  expected: { opening: string; title?: string | null };
  html: string;
};

test('data/extract-probe: well-formed manifest, files present, split by site, no dev site held out elsewhere', () => {
  const root = repoRoot();
  const dir = join(root, 'data', 'extract-probe');
  const rows = readFileSync(join(dir, 'manifest.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Entry);
  assert.ok(rows.length >= 100, `${rows.length} pages`);
  const ids = new Set<string>();
  const splitOf = new Map<string, string>();
  for (const e of rows) {
    assert.match(e.id, /^postlight-[\w.-]+$/, e.id);
    assert.ok(!ids.has(e.id), `duplicate ${e.id}`);
    ids.add(e.id);
    assert.equal(e.source, 'postlight');
    assert.ok(existsSync(join(dir, e.html)), e.html);
    assert.ok(e.expected.opening.trim().length > 0, e.id);
    assert.ok(['dev', 'heldout'].includes(e.split), e.split);
    assert.equal(splitOf.get(e.site) ?? e.split, e.split, `site ${e.site} in both splits`);
    splitOf.set(e.site, e.split);
    // The hash rule: a site the hash puts in heldout is heldout.
    const h = Number.parseInt(createHash('sha256').update(`extract-probe:${e.site}`).digest('hex').slice(0, 8), 16) % 1000;
    if (h < 350) assert.equal(e.split, 'heldout', e.site);
  }
  for (const set of ['extract-eval', 'extract-snippets', 'extract-extra', 'extract-fresh']) {
    for (const l of readFileSync(join(root, 'data', set, 'manifest.jsonl'), 'utf8').split('\n')) {
      if (!l.trim()) continue;
      const p = JSON.parse(l) as { site: string; split: string };
      if (p.split === 'heldout') assert.notEqual(splitOf.get(p.site), 'dev', `${p.site} is heldout in ${set} but dev here`);
    }
  }
  const dev = rows.filter((e) => e.split === 'dev').length;
  assert.ok(dev > rows.length * 0.35 && dev < rows.length * 0.65, `dev ${dev} of ${rows.length}`);
});
