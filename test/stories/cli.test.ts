// `newsdesk cluster`: the contract scoring tools depend on (one line per input, in order), the
// errors for bad lines, the help text.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const ROOT = join(here, here.includes(`${join('dist', 'test')}`) ? '../../..' : '../..');
const CLI = join(ROOT, 'dist', 'src', 'cli', 'index.js');

function cluster(lines: string[], ...args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'cluster-cli-'));
  const file = join(dir, 'in.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return spawnSync(process.execPath, [CLI, 'cluster', ...args, file], { encoding: 'utf8' });
}

const WIRE =
  'Albanian police on Monday searched the Manez camp that houses about 2,500 members of the exiled opposition group and removed more than 150 computers, a police statement said. The operation was ordered by the special prosecutor.';

test('one output line per input line, in order, with stories and copies', () => {
  const r = cluster([
    JSON.stringify({
      id: 'a',
      title: 'Police search Manez camp',
      text: WIRE,
      url: 'https://wire.example/1',
      published: '2026-03-03T10:00:00Z',
      lang: 'en',
    }),
    JSON.stringify({
      id: 'b',
      title: 'Manez camp searched',
      text: WIRE,
      url: 'https://m.wire.example/1?utm_source=x',
      published: '2026-03-03T11:00:00Z',
      lang: 'en',
    }),
    JSON.stringify({ id: 7, title: 'Wheat harvest forecast cut after drought', text: '', published: '2026-03-03T12:00:00Z' }),
  ]);
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { id: string; story: string; duplicateOf?: string });
  assert.deepEqual(out, [
    { id: 'a', story: 'a' },
    { id: 'b', story: 'a', duplicateOf: 'a' },
    { id: '7', story: '7' },
  ]);
});

test('pageUrl (the page’s own address) folds a copy reached under another URL', () => {
  const r = cluster([
    JSON.stringify({ id: 'o', title: 'Wheat harvest forecast cut after drought', text: '', url: 'https://farm.example/wheat' }),
    JSON.stringify({
      id: 'p',
      title: 'Teachers strike over unpaid salaries',
      text: '',
      url: 'https://partner.example/9',
      pageUrl: 'https://farm.example/wheat?utm_source=partner',
    }),
    JSON.stringify({ id: 'q', title: 'Museum returns looted manuscripts', text: '', url: 'https://partner.example/10', pageUrl: 7 }),
  ]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /:3: warning: "pageUrl" must be a string; ignored/);
  const out = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { id: string; story: string; duplicateOf?: string });
  assert.deepEqual(out, [
    { id: 'o', story: 'o' },
    { id: 'p', story: 'o', duplicateOf: 'o' },
    { id: 'q', story: 'q' },
  ]);
});

test('lines without an article are reported with their line number and skipped (exit status 1); bad fields only warn', () => {
  const r = cluster([
    JSON.stringify({ id: 'a', title: 'Fine', text: '' }),
    '{not json',
    JSON.stringify({ id: 'b', text: 'no title' }),
    JSON.stringify({ id: 'a', title: 'Same id again', text: '' }),
    JSON.stringify({ id: 'c', title: 'Bad date', published: 'soon' }),
    JSON.stringify({ title: 'No id' }),
    JSON.stringify({ id: 'd', title: 'Fine too', text: '' }),
  ]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /:2: invalid JSON/);
  assert.match(r.stderr, /:3: warning: "title" is missing/);
  assert.match(r.stderr, /:4: duplicate id "a"/);
  assert.match(r.stderr, /:5: warning: "published" is not a date/);
  assert.match(r.stderr, /:6: "id" is required/);
  assert.match(r.stderr, /3 line\(s\) skipped/);
  const ids = r.stdout
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { id: string }).id);
  assert.deepEqual(ids, ['a', 'b', 'c', 'd']);
});

test('warnings alone leave the exit status 0', () => {
  const r = cluster([JSON.stringify({ id: 'a', title: 'Undated', published: 'soon' }), JSON.stringify({ id: 'b', title: 'x', lang: 7 })]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /:2: warning: "lang" must be a string; ignored/);
  assert.equal(r.stdout.trim().split('\n').length, 2);
});

test('usage errors and help', () => {
  const help = spawnSync(process.execPath, [CLI, 'help', 'cluster'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /newsdesk cluster \[--topics FILE\] \[--window 72h\] \[--places\] ARTICLES.jsonl/);
  const bad = cluster([], '--window', 'soon');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--window takes a duration/);
  const missing = spawnSync(process.execPath, [CLI, 'cluster', join(ROOT, 'no-such-file.jsonl')], { encoding: 'utf8' });
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /cannot read/);
});

test('--window: a bad window is a usage error saying what to give, exit 2; in range runs (p-edges)', () => {
  const line = JSON.stringify({ id: 'a', title: 'Police search Manez camp', text: WIRE, published: '2026-03-03T10:00:00Z' });
  const cases: [string, RegExp][] = [
    ['-5', /--window takes a duration such as 72h, 3d or 90m, not "-5"/],
    ['NaN', /--window takes a duration/],
    ['soon', /--window takes a duration/],
    ['0', /--window takes a duration/],
    // Many digits read as Infinity, and were taken as a window.
    ['9'.repeat(400), /--window "9{40}…" is too long \(at most 9007199254740991ms\): give a duration such as 72h/],
    ['99999999999999999999999w', /is too long/],
    // Under a millisecond: publication times are whole milliseconds.
    ['0.0000001ms', /is shorter than 1ms: give a duration such as 72h/],
  ];
  for (const [value, message] of cases) {
    for (const args of [['--window', value], [`--window=${value}`]]) {
      const r = cluster([line], ...args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
      assert.equal(r.stdout, '', 'nothing clustered');
    }
  }
  for (const value of ['1ms', '90m', '72h', '1000000w']) {
    const r = cluster([line], '--window', value);
    assert.equal(r.status, 0, `${value}: ${r.stderr}`);
    assert.equal(r.stdout.trim().split('\n').length, 1);
  }
});

test('--places: country names across scripts join a Persian headline to the English report of the same country', () => {
  const lines = [
    {
      id: 'niger-en',
      title: 'Floods in Niger leave thousands homeless',
      text: 'Floodwaters have swept through villages across Niger after days of heavy rain, leaving thousands of families without shelter, aid workers said. Roads to the south were cut and schools were turned into shelters for the displaced.',
      published: '2026-09-08T08:00:00Z',
      lang: 'en',
    },
    { id: 'nigeria-en', title: 'Floods in Nigeria', text: '', published: '2026-09-08T09:00:00Z', lang: 'en' },
    { id: 'niger-fa', title: 'سیل در نیجر هزاران نفر را بی‌خانمان کرد', text: '', published: '2026-09-08T11:00:00Z', lang: 'fa' },
  ].map((l) => JSON.stringify(l));
  const storyOf = (stdout: string) =>
    new Map(
      stdout
        .trim()
        .split('\n')
        .map((l) => [JSON.parse(l).id, JSON.parse(l).story]),
    );
  const on = cluster(lines, '--places');
  assert.equal(on.status, 0, on.stderr);
  assert.equal(storyOf(on.stdout).get('niger-fa'), 'niger-en');
  const off = cluster(lines);
  assert.equal(storyOf(off.stdout).get('niger-fa'), 'nigeria-en');
});

test('--topics: entities from the topics file are used; a broken topics file is an error', () => {
  const ok = cluster(
    [
      JSON.stringify({
        id: 'a',
        title: 'Mojahedin-e Khalq members protest in Tirana',
        text: '',
        published: '2026-03-03T10:00:00Z',
        lang: 'en',
      }),
    ],
    '--topics',
    join(ROOT, 'samples', 'topics.yaml'),
  );
  assert.equal(ok.status, 0, ok.stderr);
  const dir = mkdtempSync(join(tmpdir(), 'cluster-topics-'));
  writeFileSync(join(dir, 'bad.yaml'), 'topics: [ {');
  const bad = cluster([JSON.stringify({ id: 'a', title: 'x', text: '' })], '--topics', join(dir, 'bad.yaml'));
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /newsdesk cluster: /);
});
