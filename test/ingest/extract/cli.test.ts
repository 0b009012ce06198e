import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliCommand, FIXTURES } from './helpers.js';

const FIELDS = [
  'path',
  'url',
  'title',
  'byline',
  'published',
  'lang',
  'dir',
  'siteName',
  'excerpt',
  'leadImage',
  'canonicalUrl',
  'html',
  'text',
  'readerable',
];

function run(args: string[]): { status: number | null; lines: Array<Record<string, unknown>>; stderr: string } {
  const { cmd, args: base } = cliCommand();
  const res = spawnSync(cmd, [...base, 'extract', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const lines = res.stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { status: res.status, lines, stderr: res.stderr };
}

test('one NDJSON object per file, every field present, paths as given', () => {
  const a = join(FIXTURES, 'article.html');
  const b = join(FIXTURES, 'not-article.html');
  const r = run(['--url', 'http://fakehost/test/page.html', a, b]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.lines.length, 2);
  for (const line of r.lines) for (const f of FIELDS) assert.ok(f in line, `missing ${f}`);
  const art = r.lines.find((l) => l.path === a);
  assert.ok(art);
  assert.equal(art.url, 'http://fakehost/test/page.html');
  assert.equal(art.title, 'Harbour council approves new ferry link');
  assert.equal(art.readerable, true);
  // Not found is null, not absent or empty.
  const other = r.lines.find((l) => l.path === b);
  assert.ok(other);
  assert.equal(other.byline, null);
  assert.equal(other.readerable, false);
});

test('a failing file gets an error line, the others still extract, exit status 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-extract-'));
  try {
    const good = join(dir, 'good.html');
    writeFileSync(good, '<html><head><title>Fine page</title></head><body><p>Hello.</p></body></html>');
    const missing = join(dir, 'missing.html');
    const r = run([missing, dir, good]);
    assert.equal(r.status, 1);
    assert.equal(r.lines.length, 3);
    const [m, d, g] = r.lines as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
    assert.equal(m.path, missing);
    assert.match(String(m.error), /ENOENT|no such file/);
    assert.equal(d.path, dir);
    assert.match(String(d.error), /not a regular file/);
    assert.equal(g.path, good);
    assert.equal(g.title, 'Fine page');
    assert.equal(g.url, null);
    assert.match(r.stderr, /missing\.html/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a bad command line is a usage error with status 2', () => {
  assert.equal(run([]).status, 2);
  assert.equal(run(['--url', 'not a url', 'x.html']).status, 2);
  assert.equal(run(['--bogus', 'x.html']).status, 2);
});
