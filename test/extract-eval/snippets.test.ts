// The snippet measure of scripts/extract-snippets-lib.mjs and scripts/extract-snippets-eval.mjs
// (trafilatura's with/without scoring), on hand-made examples and on a four-page fixture set in
// test/extract-eval/snippets-fixture, with a stand-in extractor command. Reads no data set and
// nothing from ../shared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../helpers/repo.js';

type Snippets = { with: string[]; without: string[] };
type Counts = { tp: number; fp: number; fn: number; tn: number };
type Lib = {
  snippetNorm(text: string): string;
  countPage(snippets: Snippets, text: string | null): Counts & { missed: string[]; found: string[] };
  sumCounts(counts: Counts[]): Counts & { pages: number };
  snippetScores(c: Counts): { precision: number; recall: number; accuracy: number; f: number };
};

const ROOT = repoRoot();
const FIXTURE = join(ROOT, 'test', 'extract-eval', 'snippets-fixture');
const lib = (await import(pathToFileURL(join(ROOT, 'scripts', 'extract-snippets-lib.mjs')).href)) as Lib;
const close = (a: number, b: number, msg?: string) => assert.ok(Math.abs(a - b) < 1e-12, `${msg ?? ''} ${a} != ${b}`);

test("snippetNorm folds white space as Python's \\s does, and nothing else", () => {
  assert.equal(lib.snippetNorm('  a\t\n b\u00A0c\u2009d\u3000e\u001Ff  '), 'a b c d e f');
  // U+FEFF is white space to JavaScript's \s but not to Python's: it stays.
  assert.equal(lib.snippetNorm('a\uFEFFb'), 'a\uFEFFb');
  // Case, punctuation and Unicode form are left alone.
  assert.equal(lib.snippetNorm('Ä „Zitat“'), 'Ä „Zitat“');
  assert.notEqual(lib.snippetNorm('A\u0308'), lib.snippetNorm('Ä'));
});

test('countPage: with found = tp, missed = fn; without found = fp, absent = tn', () => {
  const s = { with: ['The cat  sat', 'on the mat', 'absent words'], without: ['Cookie', 'mat.'] };
  const c = lib.countPage(s, 'The cat\n\nsat on the\u00A0mat.');
  assert.deepEqual([c.tp, c.fn, c.fp, c.tn], [2, 1, 1, 1]);
  assert.deepEqual(c.missed, ['absent words']);
  assert.deepEqual(c.found, ['mat.']);
  // Case matters, as in trafilatura's substring test.
  assert.equal(lib.countPage({ with: ['the cat'], without: [] }, 'The cat').tp, 0);
  // No output finds nothing: every "with" missed, every "without" a true negative.
  for (const t of [null, '', ' \n ']) {
    const e = lib.countPage(s, t);
    assert.deepEqual([e.tp, e.fn, e.fp, e.tn], [0, 3, 0, 2]);
  }
});

test('snippetScores: counts summed over pages, then P, R, accuracy and F worked out by hand', () => {
  // Page A: tp 2, fn 0, fp 1, tn 1.  Page B: tp 2, fn 1, fp 0, tn 1.  Page C: tp 0, fn 1, fp 0, tn 1.
  // Sum: tp 4, fn 2, fp 1, tn 3.  P = 4/5, R = 4/6, Acc = 7/10, F = 8/11 (= 2PR/(P+R)).
  const sum = lib.sumCounts([
    { tp: 2, fn: 0, fp: 1, tn: 1 },
    { tp: 2, fn: 1, fp: 0, tn: 1 },
    { tp: 0, fn: 1, fp: 0, tn: 1 },
  ]);
  assert.deepEqual(sum, { pages: 3, tp: 4, fp: 1, fn: 2, tn: 3 });
  const s = lib.snippetScores(sum);
  close(s.precision, 4 / 5);
  close(s.recall, 4 / 6);
  close(s.accuracy, 7 / 10);
  close(s.f, 8 / 11);
  close(s.f, (2 * s.precision * s.recall) / (s.precision + s.recall));
  // Empty denominators give 0, not NaN.
  assert.deepEqual(lib.snippetScores({ tp: 0, fp: 0, fn: 0, tn: 0 }), { precision: 0, recall: 0, accuracy: 0, f: 0 });
});

function runScorer(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const fake = join(FIXTURE, 'fake-extract.mjs');
  const r = spawnSync(
    process.execPath,
    [
      join(ROOT, 'scripts', 'extract-snippets-eval.mjs'),
      '--manifest',
      join(FIXTURE, 'manifest.jsonl'),
      '--systems',
      'newsdesk',
      '--cmd',
      `${JSON.stringify(process.execPath)} ${JSON.stringify(fake)}`,
      ...args,
    ],
    { encoding: 'utf8' },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('the scorer on the fixture set: the same sums, by language, and per-page counts on dev', () => {
  const dir = mkdtempSync(join(tmpdir(), 'snippets-test-'));
  try {
    const out = join(dir, 'dev.json');
    const r = runScorer(['--split', 'dev', '--json', out]);
    assert.equal(r.status, 0, r.stderr);
    // p1 (with --url): tp 2, fp 1 ("Teilen mit:" is inside the article), tn 1 (the nav's "Impressum").
    // p2: "The cat  sat" across paragraphs and "on the mat" across a no-break space are found,
    // "absent words" is not: tp 2, fn 1, tn 1.  p3: the stand-in prints an error: fn 1, tn 1.
    const j = JSON.parse(readFileSync(out, 'utf8'));
    const all = j.groups[0].bySystem.newsdesk;
    assert.deepEqual([all.tp, all.fn, all.fp, all.tn], [4, 2, 1, 3]);
    close(all.precision, 4 / 5);
    close(all.recall, 4 / 6);
    close(all.accuracy, 7 / 10);
    close(all.f, 8 / 11);
    assert.equal(j.systems.newsdesk.errors, 1);
    // Fewer than 5 pages per language: one "other" group besides "all".
    assert.deepEqual(
      j.groups.map((g: { label: string; pages: number }) => [g.label, g.pages]),
      [
        ['all', 3],
        ['lang=other', 3],
      ],
    );
    const p1 = j.perPage.find((p: { id: string }) => p.id === 'p1').newsdesk;
    assert.deepEqual(p1.found, ['Teilen mit:']);
    assert.match(r.stdout, /extract-snippets-eval dev: newsdesk P 0\.800 R 0\.667 F 0\.727 \(3 pages\)/);

    // Heldout: scored, but no per-page counts in the JSON.
    const outH = join(dir, 'heldout.json');
    const h = runScorer(['--split', 'heldout', '--json', outH]);
    assert.equal(h.status, 0, h.stderr);
    const jh = JSON.parse(readFileSync(outH, 'utf8'));
    assert.equal(jh.perPage, undefined);
    assert.deepEqual([jh.groups[0].bySystem.newsdesk.tp, jh.groups[0].bySystem.newsdesk.tn], [1, 1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the scorer refuses to show heldout pages one by one', () => {
  const worst = runScorer(['--split', 'heldout', '--show-worst', '3']);
  assert.equal(worst.status, 2);
  assert.match(worst.stderr, /dev split only/);
  const one = runScorer(['--split', 'heldout', '--id', 'p4']);
  assert.equal(one.status, 2);
  assert.match(one.stderr, /heldout page/);
});
