// Arithmetic of the story-clustering scorer (scripts/stories-metrics.mjs) on tiny clusterings whose
// answers were worked out by hand, and one run of scripts/stories-eval.mjs against a stand-in command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Compiled to dist/test/stories-eval/, run from source by tsx: find the repo root either way.
const here = fileURLToPath(new URL('.', import.meta.url));
const ROOT = join(here, here.includes(`${join('dist', 'test')}`) ? '../../..' : '../..');
const M = await import(new URL(`file://${join(ROOT, 'scripts', 'stories-metrics.mjs')}`).href);

const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} != ${expected}`);

// Five articles: gold events A A A B B, predicted stories 1 1 2 2 2.
const gold = ['A', 'A', 'A', 'B', 'B'];
const pred = [1, 1, 2, 2, 2];
const langs = ['en', 'en', 'fa', 'en', 'ar'];

test('pairwise: 4 gold pairs, 4 predicted, 2 shared', () => {
  const r = M.pairwise(gold, pred);
  assert.equal(r.goldPairs, 4);
  assert.equal(r.predictedPairs, 4);
  assert.equal(r.tp, 2);
  close(r.p, 0.5, 'P');
  close(r.r, 0.5, 'R');
  close(r.f1, 0.5, 'F1');
});

test('B-cubed: per-article precision and recall averaged', () => {
  // precision 1, 1, 1/3, 2/3, 2/3; recall 2/3, 2/3, 1/3, 1, 1
  const r = M.bcubed(gold, pred);
  close(r.p, 11 / 15, 'P');
  close(r.r, 11 / 15, 'R');
  close(r.f1, 11 / 15, 'F1');
});

test('cross-language pairwise counts only pairs in different languages', () => {
  // gold: A has 2 cross pairs (en-fa twice), B 1 (en-ar); predicted: story 1 none (en-en), story 2 three.
  const r = M.pairwise(gold, pred, { langs, crossLanguage: true });
  assert.equal(r.goldPairs, 3);
  assert.equal(r.predictedPairs, 3);
  assert.equal(r.tp, 1);
  close(r.p, 1 / 3, 'P');
  close(r.r, 1 / 3, 'R');
});

test('cross-language B-cubed uses the other-language members of each cluster', () => {
  // precision over articles 2, 3, 4 (0 and 1 have no other language in their story): 0, 1/2, 1/2
  // recall over all five: 0, 0, 0, 1, 1
  const r = M.bcubed(gold, pred, { langs, crossLanguage: true });
  close(r.p, 1 / 3, 'P');
  close(r.r, 2 / 5, 'R');
  close(r.f1, 4 / 11, 'F1');
  assert.equal(r.precisionArticles, 3);
  assert.equal(r.recallArticles, 5);
});

test('a perfect clustering scores 1 whatever the labels are called', () => {
  const p = ['x', 'x', 'x', 'y', 'y'];
  for (const m of [
    M.pairwise(gold, p),
    M.bcubed(gold, p),
    M.pairwise(gold, p, { langs, crossLanguage: true }),
    M.bcubed(gold, p, { langs, crossLanguage: true }),
  ]) {
    close(m.p, 1, 'P');
    close(m.r, 1, 'R');
    close(m.f1, 1, 'F1');
  }
});

test('every article alone: pairwise recall 0, B-cubed precision 1', () => {
  const alone = gold.map((_, i) => i);
  const pw = M.pairwise(gold, alone);
  assert.equal(pw.predictedPairs, 0);
  close(pw.p, 1, 'P (nothing claimed)');
  close(pw.r, 0, 'R');
  close(pw.f1, 0, 'F1');
  const b3 = M.bcubed(gold, alone);
  close(b3.p, 1, 'P');
  close(b3.r, ((1 / 3) * 3) / 5 + ((1 / 2) * 2) / 5, 'R');
});

test('all in one story: pairwise precision is the share of gold pairs', () => {
  const one = gold.map(() => 'all');
  const pw = M.pairwise(gold, one);
  close(pw.p, 4 / 10, 'P');
  close(pw.r, 1, 'R');
  const b3 = M.bcubed(gold, one);
  close(b3.p, (3 * 3) / 5 / 5 + (2 * 2) / 5 / 5, 'P');
  close(b3.r, 1, 'R');
});

test('copies: a duplicateOf is right when it points into the same gold copy group', () => {
  const articles = [{ id: 'a' }, { id: 'b', copyOf: 'a' }, { id: 'c', copyOf: 'b' }, { id: 'd' }, { id: 'e', copyOf: 'd' }];
  const groups = M.copyGroups(articles);
  assert.deepEqual(groups, ['a', 'a', 'a', 'd', 'd']);
  const indexOf = new Map(articles.map((a, i) => [a.id, i]));
  const goldCopy = articles.map((a) => a.copyOf !== undefined);
  // b -> a right, c -> a right (same chain), d -> a wrong, e missed
  const r = M.copies(groups, goldCopy, [undefined, 'a', 'a', 'a', undefined], indexOf);
  assert.equal(r.predicted, 3);
  assert.equal(r.right, 2);
  assert.equal(r.goldCopies, 3);
  assert.equal(r.found, 2);
  close(r.p, 2 / 3, 'P');
  close(r.r, 2 / 3, 'R');
});

test('cluster stats: count and largest', () => {
  assert.deepEqual(M.clusterStats(pred), { clusters: 2, largest: 3 });
});

test('link costs: a wrong link is charged the pairs of the two events it bridges', () => {
  // Events A A A | B B; links 0-1, 1-2 (right), 2-3 (wrong: bridges A and B), 3-4 (right).
  const g = ['A', 'A', 'A', 'B', 'B'];
  const links = [
    [0, 1],
    [1, 2],
    [2, 3],
    [3, 4],
  ];
  // One chain: one component.
  assert.equal(new Set(M.components(5, links)).size, 1);
  assert.equal(new Set(M.components(5, links, 2)).size, 2);
  assert.deepEqual(M.pairCounts(g, ['s', 's', 's', 's', 's']), { right: 4, wrong: 6 });
  const costs = M.linkCosts(g, links);
  // Cutting 2-3 removes the 3 × 2 wrong pairs and splits no right one; cutting 1-2 splits article
  // 0-1 from 2 (2 right pairs A) and 0, 1 from B (4 wrong pairs).
  assert.deepEqual(costs[2], { link: 2, wrongSaved: 6, rightLost: 0 });
  assert.deepEqual(costs[1], { link: 1, wrongSaved: 4, rightLost: 2 });
  assert.deepEqual(costs[3], { link: 3, wrongSaved: 3, rightLost: 1 });
  // Only the links asked for are costed.
  assert.deepEqual(
    M.linkCosts(g, links, [2]).map((c: { link: number }) => c.link),
    [2],
  );
});

test('the link analysis refuses any split but dev', () => {
  const script = join(ROOT, 'scripts', 'stories-links.mjs');
  const r = spawnSync(process.execPath, [script, '--split', 'heldout'], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /dev only/);
});

test('the scorer feeds the command stripped articles and reads its lines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stories-eval-test-'));
  const data = join(dir, 'articles.jsonl');
  const rows = [
    {
      id: 'n1',
      title: 'S1 one',
      text: '',
      published: '2024-01-01T10:00:00Z',
      lang: 'en',
      source: 'x',
      event: 'A',
      split: 'dev',
      synthetic: true,
    },
    {
      id: 'n2',
      title: 'S1 two',
      text: '',
      published: '2024-01-01T11:00:00Z',
      lang: 'ar',
      source: 'y',
      event: 'A',
      copyOf: 'n1',
      split: 'dev',
    },
    { id: 'n3', title: 'S2 three', text: '', published: '2024-01-01T12:00:00Z', lang: 'fa', source: 'z', event: 'B', split: 'dev' },
    { id: 'n4', title: 'S9 four', text: '', lang: 'en', source: 'z', event: 'C', split: 'heldout' },
  ];
  writeFileSync(data, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  // Stand-in clusterer: story from the first word of the title, n2 a copy of n1; fails if it sees gold fields.
  const fake = join(dir, 'fake.mjs');
  writeFileSync(
    fake,
    `import { readFileSync } from 'node:fs';
const lines = readFileSync(process.argv[2], 'utf8').trim().split('\\n').map((l) => JSON.parse(l));
for (const a of lines) {
  if ('event' in a || 'copyOf' in a || 'split' in a || 'synthetic' in a) process.exit(3);
  console.log(JSON.stringify({ id: a.id, story: a.title.split(' ')[0], ...(a.id === 'n2' ? { duplicateOf: 'n1' } : {}) }));
}
`,
  );
  const out = join(dir, 'out.json');
  const script = join(ROOT, 'scripts', 'stories-eval.mjs');
  const r = spawnSync(
    process.execPath,
    [script, '--data', data, '--cmd', `${JSON.stringify(process.execPath)} ${JSON.stringify(fake)}`, '--json', out, '--check'],
    { encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr + r.stdout);
  assert.match(r.stdout, /stories-eval dev: pairwise P 1\.000 R 1\.000 F1 1\.000/);
  const res = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(res.articles, 3);
  assert.equal(res.result.copies.found, 1);
  close(res.result.xlangPairwise.f1, 1, 'xlang F1');
  // same-day baseline puts all three together: 1 right pair of 3
  close(res.baselines.sameDay.pairwise.p, 1 / 3, 'same-day P');
  // --show-errors is refused on heldout
  const refused = spawnSync(process.execPath, [script, '--data', data, '--split', 'heldout', '--show-errors', '5'], { encoding: 'utf8' });
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /dev split only/);
});
