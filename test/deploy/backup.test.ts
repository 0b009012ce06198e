// newsdesk backup: an online SQLite backup that is whole and consistent even while another
// connection writes, refuses to overwrite, and for PostgreSQL points to pg_dump.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { parseSearch } from '../../src/search/query.js';
import { backupSqlite } from '../../src/store/copy/sqlite-backup.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { runCli } from '../helpers/run-cli.js';
import { populate } from '../store/migrate-store-data.js';

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-backup-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('newsdesk backup writes a checked copy that opens as the same store', async () => {
  const path = join(dir, 'live.db');
  const store = await SqliteStore.open({ path });
  await populate(store, 30);
  const live = await store.entries.count();
  await store.close();

  const to = join(dir, 'copy.db');
  const run = await runCli(['backup', '--db', path, '--to', to]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /copy\.db: backup of .*live\.db, [\d.]+ MiB, checked/);
  assert.match(run.stderr, /^backup: /m);
  assert.equal(existsSync(`${to}.partial`), false);

  const restored = await SqliteStore.open({ path: to });
  try {
    assert.equal(await restored.entries.count(), live);
    assert.ok((await restored.search.search({ ...parseSearch('harbour'), limit: 3 })).hits.length > 0);
  } finally {
    await restored.close();
  }

  const again = await runCli(['backup', '--db', path, '--to', to]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /already exists; use --force/);
  writeFileSync(to, 'not a database');
  assert.equal((await runCli(['backup', '--db', path, '--to', to, '--force'])).code, 0);
  const check = new BetterSqlite3(to, { readonly: true });
  assert.equal(check.pragma('quick_check', { simple: true }), 'ok');
  check.close();
});

test('a backup taken while another connection writes holds whole transactions only', async () => {
  const path = join(dir, 'busy.db');
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const ins = db.prepare('INSERT INTO t (body) VALUES (?)');
  const tenRows = db.transaction(() => {
    for (let i = 0; i < 10; i++) ins.run('x'.repeat(2000));
  });
  for (let i = 0; i < 100; i++) tenRows();
  // Writes of ten rows at a time go on between the backup's steps.
  let writes = 0;
  const writer = setInterval(() => {
    if (writes++ < 20) tenRows();
  }, 1);
  try {
    let calls = 0;
    const r = await backupSqlite(path, join(dir, 'busy-copy.db'), { pagesPerStep: 2, onProgress: () => calls++ });
    assert.ok(r.pages > 100 && calls > 10, `copied in many steps (${r.pages} pages, ${calls} steps)`);
  } finally {
    clearInterval(writer);
    db.close();
  }
  const copy = new BetterSqlite3(join(dir, 'busy-copy.db'), { readonly: true });
  const { n } = copy.prepare('SELECT count(*) AS n FROM t').get() as { n: number };
  copy.close();
  assert.ok(n >= 1000 && n % 10 === 0, `a consistent state: ${n} rows`);
  assert.ok(n > 1000, `the writes made during the backup are in it (the backup API restarts when another connection writes): ${n}`);
});

test('for a PostgreSQL store it says how to back up with pg_dump, password hidden', async () => {
  const run = await runCli(['backup', '--to', join(dir, 'x.dump')], {
    NEWSDESK_DATABASE: 'postgres://desk:s3cret@db.example:5432/news?schema=desk',
  });
  assert.equal(run.code, 1);
  assert.match(run.stderr, /pg_dump --format=custom --schema=desk --file=newsdesk\.dump 'postgres:\/\/desk:\*\*\*@db\.example:5432\/news'/);
  assert.match(run.stderr, /pg_restore/);
  assert.doesNotMatch(run.stderr, /s3cret/);
});
