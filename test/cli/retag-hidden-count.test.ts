// `newsdesk retag` reports how many entries each topic tags. Since p-counts `topics.counts()`
// leaves out what editors hid (the site's topic cards), and the report took that: an operator saw
// a topic tag fewer entries than it does, as if re-tagging had missed some (r-counts, 2026-12-07).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { runCli } from '../helpers/run-cli.js';
import { entry } from '../web/helpers.js';

const TEXT = 'The Supreme Court heard the appeal on Monday and will rule within the month, the clerk said. '.repeat(3);

test('retag counts the entries a topic tags, hidden ones too', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'retag-hidden-'));
  const db = join(dir, 'news.db');
  const store = await SqliteStore.open({ path: db });
  try {
    const src = (await store.sources.add({ url: 'https://court.example/feed.xml', title: 'Court News' })).source.id;
    const now = Date.now();
    const saved = (
      await store.entries.saveBatch(src, [
        entry('a', 'Supreme Court hears the appeal', TEXT, now - 3_600_000),
        entry('b', 'Supreme Court sets a date', TEXT, now - 7_200_000),
      ])
    ).inserted;
    assert.equal(saved.length, 2);
    await store.curation.update({ kind: 'entry', id: saved[0]!.id }, { hidden: true }, { id: null, name: 'editor' }, 'entry.hide');
  } finally {
    await store.close();
  }
  const topics = join(dir, 'topics.yaml');
  writeFileSync(topics, 'topics:\n  - id: court\n    name: The court\n    entities:\n      - name: Supreme Court\n');
  const r = await runCli(['retag', '--topics', topics, '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^ {2}court: 2 entries$/m, r.stdout);
});

test('retag says "1 entry", not "1 entries"', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'retag-one-'));
  const db = join(dir, 'news.db');
  const store = await SqliteStore.open({ path: db });
  try {
    const src = (await store.sources.add({ url: 'https://court.example/feed.xml', title: 'Court News' })).source.id;
    await store.entries.saveBatch(src, [entry('a', 'Supreme Court hears the appeal', TEXT, Date.now())]);
  } finally {
    await store.close();
  }
  const topics = join(dir, 'topics.yaml');
  writeFileSync(topics, 'topics:\n  - id: court\n    name: The court\n    entities:\n      - name: Supreme Court\n');
  const r = await runCli(['retag', '--topics', topics, '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^ {2}court: 1 entry$/m, r.stdout);
});
