// The real-data set's wiring, on a six-row CSV written here (not the committed data): the import
// (scripts/import-uci-news.mjs) turns UCI News Aggregator rows into the cluster contract plus
// gold, in time order, split by story; `stories-eval --set uci` scores a stand-in command on it.
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
const IMPORT = join(ROOT, 'scripts', 'import-uci-news.mjs');
const EVAL = join(ROOT, 'scripts', 'stories-eval.mjs');
const { splitOf } = (await import(new URL(`file://${IMPORT}`).href)) as { splitOf(story: string): string };

const T0 = 1_700_000_000_000;
// Row 3 is earlier than row 2 (the output is in time order); row 5 quotes a comma and doubled
// quotes; row 1's URL has the CSV's `\?`; the last row is cut short, as the public slice's is.
const CSV = [
  'ID,TITLE,URL,PUBLISHER,CATEGORY,STORY,HOSTNAME,TIMESTAMP',
  `1,Harbor bridge reopens to traffic,http://a.example/1\\?x=1,Alpha News,b,S1,a.example,${T0}`,
  `2,Harbor bridge reopened after repairs,http://b.example/2,Beta Post,b,S1,b.example,${T0 + 3000}`,
  `3,Comet seen over the northern sky,http://c.example/3,Gamma Daily \\(blog\\),t,S2,c.example,${T0 + 1000}`,
  `4,Comet visible tonight,http://d.example/4,Delta Wire,t,S2,d.example,${T0 + 4000}`,
  `5,"Harbor ""toll"" cut, council says",http://e.example/5,Alpha News,b,S3,e.example,${T0 + 5000}`,
  '6,Comet tail,http://f.exa',
].join('\n');

interface Line {
  id: string;
  title: string;
  text: string;
  url: string;
  published: string;
  lang: string;
  source: string;
  event: string;
  split: string;
  synthetic: boolean;
}

function setUp(): { dir: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'uci-import-'));
  writeFileSync(join(dir, 'raw.csv'), CSV);
  const out = join(dir, 'articles.jsonl.gz');
  const r = spawnSync(process.execPath, [IMPORT, join(dir, 'raw.csv'), '--out', out], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /5 headlines, 3 stories .*1 incomplete rows dropped/);
  return { dir, out };
}

test('import: complete rows in time order, in the cluster contract plus gold, split by story', () => {
  const { dir, out } = setUp();
  const lines = gunzipSync(readFileSync(out))
    .toString('utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
  assert.deepEqual(
    lines.map((l) => l.id),
    ['uci-1', 'uci-3', 'uci-2', 'uci-4', 'uci-5'],
  );
  const first = lines[0] as Line;
  assert.equal(first.url, 'http://a.example/1?x=1');
  assert.equal(first.text, '');
  assert.equal(first.lang, 'en');
  assert.equal(first.source, 'Alpha News');
  assert.equal(first.published, new Date(T0).toISOString());
  assert.equal(first.synthetic, false);
  assert.equal(lines[4]?.title, 'Harbor "toll" cut, council says');
  assert.equal(lines[1]?.source, 'Gamma Daily (blog)');
  for (const l of lines) assert.equal(l.split, splitOf(l.event));
  // --check: the file is what a rebuild gives.
  const c = spawnSync(process.execPath, [IMPORT, join(dir, 'raw.csv'), '--out', out, '--check'], { encoding: 'utf8' });
  assert.equal(c.status, 0, c.stderr);
});

test('stories-eval --set uci scores a command on the imported file (one language, no gold copies)', () => {
  const { dir, out } = setUp();
  // Stand-in clusterer: the story is the headline's first word; the third line is called a copy
  // of the first.
  const r = runStoriesEval(
    EVAL,
    dir,
    'uci',
    out,
    `import { readFileSync } from 'node:fs';
const rows = readFileSync(process.argv[2], 'utf8').trim().split('\\n').map((l) => JSON.parse(l));
rows.forEach((r, i) => {
  const o = { id: r.id, story: r.title.split(' ')[0].toLowerCase() };
  if (i === 2) o.duplicateOf = rows[0].id;
  console.log(JSON.stringify(o));
});
`,
  );
  assert.equal(r.status, 0, r.stderr);
  // Predicted: harbor {1,2,5}, comet {3,4}: 4 pairs; gold S1 {1,2}, S2 {3,4}, S3 {5}: 2 pairs, both found.
  const res = r.json as {
    set: string;
    result: {
      pairwise: { p: number; r: number };
      multilingual: boolean;
      copies: unknown;
      dupsInStory: { predicted: number; inStory: number };
    };
  };
  assert.equal(res.set, 'uci');
  assert.equal(res.result.pairwise.p, 0.5);
  assert.equal(res.result.pairwise.r, 1);
  assert.equal(res.result.multilingual, false);
  assert.equal(res.result.copies, null);
  // uci-2 said to copy uci-1: both of story S1.
  assert.deepEqual(res.result.dupsInStory, { predicted: 1, inStory: 1 });
  assert.match(r.stdout, /stories-eval uci all: pairwise P 0\.500 R 1\.000 F1 0\.667 \| .*duplicateOf 1\/1 in one gold story/);
  assert.doesNotMatch(r.stdout, /xlang/);
});
