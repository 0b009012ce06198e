// The evaluation set (data/stories-eval, synthetic en/ar/fa coverage of 94 events) run through
// the clusterer the way `newsdesk cluster` runs it, scored with the shared metrics. Fails below the
// issue's goals on the heldout split (pairwise and B-cubed F1 ≥ 0.92 overall, ≥ 0.85 across
// languages); the figures are printed either way. Thresholds were tuned on the dev split only.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { OnlineStoryClusterer } from '../../src/stories/clusterer.js';
import { parseArticleLine } from '../../src/stories/input.js';
import { StoryIds } from '../../src/stories/story-ids.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const ROOT = join(here, here.includes(`${join('dist', 'test')}`) ? '../../..' : '../..');

interface Metric {
  p: number;
  r: number;
  f1: number;
}
interface Metrics {
  pairwise(gold: string[], pred: string[], o?: { langs: string[]; crossLanguage: boolean }): Metric;
  bcubed(gold: string[], pred: string[], o?: { langs: string[]; crossLanguage: boolean }): Metric;
}
const M = (await import(new URL(`file://${join(ROOT, 'scripts', 'stories-metrics.mjs')}`).href)) as Metrics;

interface Row {
  id: string;
  event: string;
  lang: string;
  split: string;
  copyOf?: string;
  [k: string]: unknown;
}

function run(split: string): { line: string; goal: string[]; floor: string[] } {
  const rows = readFileSync(join(ROOT, 'data', 'stories-eval', 'articles.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Row)
    .filter((r) => r.split === split);
  const c = new OnlineStoryClusterer();
  const ids = new StoryIds();
  const answers = rows.map((r) => {
    // Only the contract's fields reach the clusterer: the gold labels stay here.
    const { id, title, text, url, published, lang, source } = r;
    const parsed = parseArticleLine(JSON.stringify({ id, title, text, url, published, lang, source }));
    if (!parsed.ok) throw new Error(`${r.id}: ${parsed.error}`);
    const a = c.add(parsed.article);
    ids.note(a);
    return a;
  });
  const gold = rows.map((r) => r.event);
  const pred = answers.map((a) => ids.resolve(a.story));
  const langs = rows.map((r) => r.lang);
  const pw = M.pairwise(gold, pred);
  const b3 = M.bcubed(gold, pred);
  const xpw = M.pairwise(gold, pred, { langs, crossLanguage: true });
  const xb3 = M.bcubed(gold, pred, { langs, crossLanguage: true });
  const goldCopies = rows.filter((r) => r.copyOf !== undefined).length;
  const found = answers.filter((a, i) => a.duplicateOf !== undefined && rows[i]?.copyOf !== undefined).length;
  const f = (x: number) => x.toFixed(3);
  const line = `stories ${split}: pairwise P ${f(pw.p)} R ${f(pw.r)} F1 ${f(pw.f1)} | bcubed P ${f(b3.p)} R ${f(b3.r)} F1 ${f(b3.f1)} | xlang pairwise F1 ${f(xpw.f1)} bcubed F1 ${f(xb3.f1)} | copies flagged ${found}/${goldCopies} | ${new Set(pred).size} stories (${rows.length} articles)`;
  console.log(line);
  const goal: string[] = [];
  if (pw.f1 < 0.92) goal.push(`pairwise F1 ${f(pw.f1)} < 0.92`);
  if (b3.f1 < 0.92) goal.push(`B-cubed F1 ${f(b3.f1)} < 0.92`);
  // The floor is the cross-language goal applied to every figure: below it the engine has
  // regressed, whatever the tuning.
  const floor: string[] = [];
  for (const [name, x] of [
    ['pairwise F1', pw.f1],
    ['B-cubed F1', b3.f1],
    ['cross-language pairwise F1', xpw.f1],
    ['cross-language B-cubed F1', xb3.f1],
  ] as const) {
    if (x < 0.85) floor.push(`${name} ${f(x)} < 0.85`);
  }
  return { line, goal, floor };
}

const heldout = run('heldout');

test('story clustering stays above the floor (0.85) on the heldout split', () => {
  assert.deepEqual(heldout.floor, [], heldout.line);
});

// Issue 10's goals (pairwise and B-cubed F1 ≥ 0.92 overall). Tuned on dev only; the heldout split
// is read here and by `scripts/stories-eval.mjs --split heldout`, never while tuning.
test('story clustering meets the issue goals on the heldout split', () => {
  assert.deepEqual(heldout.goal, [], heldout.line);
});
