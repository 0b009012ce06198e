// Cost of identifying the language of entries whose feed names none (src/pipeline/detect-language.ts):
// the generated corpus of bench/parse.ts (English, Arabic, Persian, Russian, Chinese) parsed and
// adapted as the pipeline does, with every language declaration removed, then adapted again with
// the guess. Prints µs per entry for each and the ratio; also the model's one-time load.
//
//   npx tsx bench/langid.ts [--mb 4] [--rounds 3] [--seed 42]
import { parseFeed } from '../src/ingest/parse/index.js';
import type { ParsedFeed } from '../src/ingest/parse/types.js';
import { adaptEntries } from '../src/pipeline/adapt-entry.js';
import { languageScorer, withGuessedLanguages } from '../src/pipeline/detect-language.js';
import { generateCorpus } from './corpus/feeds.js';
import { numberOption } from './lib/args.js';

const MB = numberOption('--mb', 4);
const ROUNDS = numberOption('--rounds', 3);
const SEED = numberOption('--seed', 42);

const docs = generateCorpus(MB * 1024 * 1024, SEED);
const feeds: ParsedFeed[] = [];
for (const d of docs) {
  const f = parseFeed({ bytes: d.bytes });
  delete f.feed.language;
  for (const e of f.entries) delete e.language;
  feeds.push(f);
}
const entries = feeds.reduce((n, f) => n + f.entries.length, 0);

let t0 = performance.now();
await languageScorer();
console.log(`model load (once per process): ${(performance.now() - t0).toFixed(0)} ms`);

async function round(guess: boolean): Promise<{ ms: number; found: number }> {
  const start = performance.now();
  let found = 0;
  for (const f of feeds) {
    const items = adaptEntries(f, Date.now());
    if (guess) await withGuessedLanguages(items);
    found += items.filter((e) => e.lang !== null).length;
  }
  return { ms: performance.now() - start, found };
}

const best = { plain: Number.POSITIVE_INFINITY, guess: Number.POSITIVE_INFINITY };
let found = 0;
for (let i = 0; i < ROUNDS; i++) {
  best.plain = Math.min(best.plain, (await round(false)).ms);
  t0 = performance.now();
  const g = await round(true);
  best.guess = Math.min(best.guess, g.ms);
  found = g.found;
}
const us = (ms: number): string => ((ms * 1000) / entries).toFixed(1);
console.log(`${docs.length} feeds, ${entries} entries, none declaring a language; best of ${ROUNDS} rounds`);
console.log(`adapt only:          ${us(best.plain)} µs/entry`);
console.log(`adapt + language:    ${us(best.guess)} µs/entry (${found} of ${entries} given a language)`);
console.log(`ratio with/without:  ${(best.guess / best.plain).toFixed(2)}×`);
