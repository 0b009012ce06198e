// The real multilingual set's wiring, on a small corpus written here (not the committed data): the
// import (scripts/import-itn.mjs) turns "In the news" blurbs keyed by Wikidata item into the
// cluster contract plus gold; `stories-eval --set itn` scores a stand-in command on it, with the
// cross-language figures per language pair.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { runStoriesEval } from '../helpers/stories-eval-run.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const ROOT = join(here, here.includes(`${join('dist', 'test')}`) ? '../../..' : '../..');
const IMPORT = join(ROOT, 'scripts', 'import-itn.mjs');
const EVAL = join(ROOT, 'scripts', 'stories-eval.mjs');
const { splitOf } = (await import(new URL(`file://${IMPORT}`).href)) as { splitOf(event: string): string };

const DAY = 86_400;
const T0 = Date.UTC(2022, 10, 1) / 1000; // seconds, as the corpus keys its blurbs
const PLACEHOLDER = Date.UTC(2021, 3, 20) / 1000; // the bot's date before the corpus began
const b = (lang: string, blurb: string) => ({ lang, keyword: 'k', blurb });

const CORPUS = {
  // A flood: en twice (one repeat of the same text), ar, fa with the placeholder date, ru dropped.
  Q1: {
    [`${T0}.0`]: b('en', 'A <b><a href="x">flood</a></b> kills 40 people in Valdora &amp; nearby towns.'),
    [`${T0 + 3600}.0`]: b('ar', 'فيضان يقتل 40 شخصا في فالدورا'),
    [`${T0 + 7200}.0`]: b('en', 'A <b><a href="x">flood</a></b> kills 40 people in Valdora &amp; nearby towns.'),
    [`${T0 + 9000}.0`]: b('ru', 'Наводнение в Валдоре'),
    [`${PLACEHOLDER}.0`]: b('fa', 'سیل در والدورا ۴۰ کشته برجای گذاشت'),
  },
  // A person's item: an election win, then a resignation 40 days later (two episodes); its fa
  // blurb has only the placeholder date, so it cannot be placed and is dropped.
  Q2: {
    [`${T0}.0`]: b('en', 'Mara Ilves wins the presidential election in Estlandia.'),
    [`${T0 + 40 * DAY}.0`]: b('en', 'Mara Ilves resigns as president of Estlandia.'),
    [`${PLACEHOLDER}.0`]: b('fa', 'مارا ایلوس استعفا داد'),
  },
  // Two laureates' items carry the same en blurb: one event, the blurb kept once.
  Q3: { [`${T0 + DAY}.0`]: b('en', 'The Nobel Prize in Physics is awarded to A. Berg and C. Dahl.') },
  Q4: {
    [`${T0 + DAY}.0`]: b('en', 'The Nobel Prize in Physics is awarded to A. Berg and C. Dahl.'),
    [`${T0 + DAY + 600}.0`]: b('ar', 'جائزة نوبل في الفيزياء لبيرغ وداهل'),
  },
};

interface Line {
  id: string;
  title: string;
  text: string;
  published: string;
  lang: string;
  source: string;
  event: string;
  wikidata: string;
  split: string;
  synthetic: boolean;
  dateImputed?: boolean;
}

function setUp(): { dir: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'itn-import-'));
  writeFileSync(join(dir, 'corpus.json'), JSON.stringify(CORPUS));
  const out = join(dir, 'articles.jsonl.gz');
  const r = spawnSync(process.execPath, [IMPORT, join(dir, 'corpus.json'), '--out', out], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return { dir, out };
}

function readLines(out: string): Line[] {
  return gunzipSync(readFileSync(out))
    .toString('utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
}

test('import: en/ar/fa blurbs as headlines, items sharing a blurb as one event, episodes, placeholder dates', () => {
  const { dir, out } = setUp();
  const lines = readLines(out);
  const view = lines.map((l) => `${l.lang} ${l.event}${l.dateImputed ? ' imputed' : ''}: ${l.title}`);
  assert.deepEqual(view, [
    'en Q1#1: A flood kills 40 people in Valdora & nearby towns.',
    'fa Q1#1 imputed: سیل در والدورا ۴۰ کشته برجای گذاشت',
    'en Q2#1: Mara Ilves wins the presidential election in Estlandia.',
    'ar Q1#1: فيضان يقتل 40 شخصا في فالدورا',
    'en Q3+1#1: The Nobel Prize in Physics is awarded to A. Berg and C. Dahl.',
    'ar Q3+1#1: جائزة نوبل في الفيزياء لبيرغ وداهل',
    'en Q2#2: Mara Ilves resigns as president of Estlandia.',
  ]);
  const fa = lines[1] as Line;
  assert.equal(fa.published, new Date(T0 * 1000).toISOString(), "the episode's first dated mention");
  for (const l of lines) {
    assert.equal(l.text, '');
    assert.equal(l.synthetic, false);
    assert.equal(l.split, splitOf(l.event));
    assert.equal(l.source, `${l.lang}.wikipedia.org In the news`);
  }
  const c = spawnSync(process.execPath, [IMPORT, join(dir, 'corpus.json'), '--out', out, '--check'], { encoding: 'utf8' });
  assert.equal(c.status, 0, c.stderr);
});

test('stories-eval --set itn scores a command and breaks the cross-language pairs down by language pair', () => {
  const { dir, out } = setUp();
  // Stand-in clusterer: every article of one language in one story.
  const r = runStoriesEval(
    EVAL,
    dir,
    'itn',
    out,
    `import { readFileSync } from 'node:fs';
for (const l of readFileSync(process.argv[2], 'utf8').trim().split('\\n')) {
  const r = JSON.parse(l);
  console.log(JSON.stringify({ id: r.id, story: r.lang }));
}
`,
  );
  assert.equal(r.status, 0, r.stderr);
  const res = r.json as {
    set: string;
    result: { multilingual: boolean; byLanguagePair: Record<string, { goldPairs: number; tp: number }> };
  };
  assert.equal(res.set, 'itn');
  assert.equal(res.result.multilingual, true);
  // Gold cross-language pairs: Q1 en–ar, en–fa, ar–fa; Q3+1 en–ar. One story per language finds none.
  const pairs = Object.fromEntries(Object.entries(res.result.byLanguagePair).map(([k, v]) => [k, [v.goldPairs, v.tp]]));
  assert.deepEqual(pairs, { 'ar-en': [2, 0], 'ar-fa': [1, 0], 'en-fa': [1, 0] });
  assert.match(r.stdout, /by language pair: ar-en P \S+ R 0\.000 F1 0\.000 \(2 gold pairs\)/);
});
