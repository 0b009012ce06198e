// Cost of identifying the language of entries whose feed names none (src/pipeline/detect-language.ts):
// the generated corpus of bench/parse.ts (English, Arabic, Persian, Russian, Chinese) parsed and
// adapted as the pipeline does, with every language declaration removed, then adapted again with
// the guess (through the worker thread, languageGuesser). Prints µs per entry for each and the
// ratio; also the model's one-time load. Then a poll with nothing new (p-langid2): every feed's
// items saved once to a SQLite store, then saved again as a second poll would, (a) guessing every
// undeclared item before the save (as before p-langid2) and (b) asking the store which are new
// (EntryRepo.newItems) and guessing those only (none): µs per entry of each. The model's first
// load as the checking thread sees it: bench/langid-load.ts.
//
//   npx tsx bench/langid.ts [--mb 4] [--rounds 3] [--seed 42]
import { parseFeed } from '../src/ingest/parse/index.js';
import type { ParsedFeed } from '../src/ingest/parse/types.js';
import { adaptEntries } from '../src/pipeline/adapt-entry.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { languageGuesser, withGuessedLanguages } from '../src/pipeline/detect-language.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
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
await languageGuesser().guess(['warm up the model']);
console.log(`model load on the worker (once per process): ${(performance.now() - t0).toFixed(0)} ms`);

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

// A poll with nothing new: the same items again, after they were stored.
const store = await SqliteStore.open({ path: join(mkdtempSync(join(tmpdir(), 'newsdesk-langid-bench-')), 'bench.db') });
const sources: number[] = [];
for (const [i, f] of feeds.entries()) {
  const { source } = await store.sources.add({ url: `https://bench-${i}.example/feed.xml` });
  sources.push(source.id);
  const items = adaptEntries(f, Date.now());
  await store.entries.saveBatch(
    source.id,
    await withGuessedLanguages(items, languageGuesser(), await store.entries.newItems(source.id, items)),
  );
}
async function repoll(newOnly: boolean): Promise<{ ms: number; guessed: number }> {
  const start = performance.now();
  let guessed = 0;
  const counting = {
    guess: (texts: readonly string[]) => ((guessed += texts.length), languageGuesser().guess(texts)),
  };
  for (const [i, f] of feeds.entries()) {
    const items = adaptEntries(f, Date.now());
    const only = newOnly ? await store.entries.newItems(sources[i]!, items) : undefined;
    const saved = await store.entries.saveBatch(sources[i]!, await withGuessedLanguages(items, counting, only));
    if (saved.inserted.length) throw new Error('the second poll stored new entries');
  }
  return { ms: performance.now() - start, guessed };
}
const again = { all: Number.POSITIVE_INFINITY, fresh: Number.POSITIVE_INFINITY, guessedAll: 0, guessedFresh: 0 };
for (let i = 0; i < ROUNDS; i++) {
  const a = await repoll(false);
  const b = await repoll(true);
  again.all = Math.min(again.all, a.ms);
  again.fresh = Math.min(again.fresh, b.ms);
  again.guessedAll = a.guessed;
  again.guessedFresh = b.guessed;
}
console.log(`poll with nothing new, guess every undeclared item:  ${us(again.all)} µs/entry (${again.guessedAll} guessed)`);
console.log(`poll with nothing new, guess the new ones (newItems): ${us(again.fresh)} µs/entry (${again.guessedFresh} guessed)`);
await store.close();
await languageGuesser().close();
