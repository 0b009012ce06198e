// Runs `newsdesk match` as the scoring tools do: a child process, files in, JSON lines out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ISSUE_TOPICS_JSON, ROOT } from './helpers.js';

const fromSource = import.meta.url.endsWith('.ts');
const cli = fromSource ? ['--import', 'tsx', join(ROOT, 'src', 'cli', 'index.ts')] : [join(ROOT, 'dist', 'src', 'cli', 'index.js')];

function run(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...cli, 'match', ...args], { cwd: ROOT, encoding: 'utf8', input });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-match-'));
const topicsPath = join(dir, 'topics.json');
writeFileSync(topicsPath, ISSUE_TOPICS_JSON);

test('match writes one line per article with UTF-16 offsets into the original fields', () => {
  const articles = [
    { id: 'a1', title: 'Iraq and the MKO', text: '😀 The Mujahedin-e Khalq, an Iranian group, said…', lang: 'en' },
    { id: 2, title: 'Solvents', text: 'MEK prices rose.' },
    { id: 'a3', title: 'خبر', text: 'بیانیه سازمان مجاهدین خلق' },
  ];
  const input = join(dir, 'articles.jsonl');
  writeFileSync(input, articles.map((a) => JSON.stringify(a)).join('\n') + '\n');
  const r = run(['--topics', topicsPath, input]);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout
    .trim()
    .split('\n')
    .map(
      (l) =>
        JSON.parse(l) as {
          id: unknown;
          topics: { id: string; matches: { field: 'title' | 'text'; start: number; end: number; text: string; alias: string }[] }[];
        },
    );
  assert.equal(lines.length, 3);
  assert.deepEqual(lines[0], {
    id: 'a1',
    topics: [
      {
        id: 'mek',
        matches: [
          { field: 'title', start: 13, end: 16, text: 'MKO', alias: 'MKO' },
          { field: 'text', start: 7, end: 24, text: 'Mujahedin-e Khalq', alias: 'Mojahedin-e Khalq' },
        ],
      },
    ],
  });
  for (const m of lines[0]!.topics[0]!.matches) {
    const field = articles[0]![m.field];
    assert.equal(field.slice(m.start, m.end), m.text);
  }
  assert.deepEqual(lines[1], { id: 2, topics: [] });
  assert.equal(lines[2]!.topics[0]!.matches[0]!.alias, 'سازمان مجاهدین خلق');
});

test('a bad line is reported with its number, the rest still processed, exit non-zero', () => {
  const input = [
    '{"id":"x","title":"","text":"The Mojahedin-e Khalq"}',
    '{not json',
    '',
    '"a string"',
    '{"id":"y","title":"Rain","text":"Rain."}',
  ].join('\n');
  const r = run(['--topics', topicsPath, '-'], input);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /:2: invalid JSON/);
  assert.match(r.stderr, /:4: expected a JSON object/);
  const ids = r.stdout
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { id: string }).id);
  assert.deepEqual(ids, ['x', 'y']);
});

test('--explain adds entity and reason; a broken topics file is an error with line and column', () => {
  const ok = run(['--topics', topicsPath, '--explain', '-'], '{"id":1,"title":"","text":"Mujahidin Khalq"}\n');
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /"reason":"variant"/);
  assert.match(ok.stdout, /"entity":"mojahedin-e-khalq"/);
  const badTopics = join(dir, 'bad.yaml');
  writeFileSync(badTopics, 'topics:\n  - id: x\n    name: X\n    entities:\n      - name: Camp Ashraf\n        aliases: [Z]\n');
  const bad = run(['--topics', badTopics, '-'], '{"id":1}\n');
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /bad\.yaml:6:\d+: .*single letter/);
  const usage = run(['-'], '');
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /--topics FILE is required/);
});
