// An operator's day with the CLI (docs/deploy.md, "An operator's day with the CLI, 2026-12-05"):
// poll --once from cron, --db and the config file for every command, serve's topics file, and the
// one sentence a newcomer gets for a mistyped option or a store that cannot be opened.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config/load.js';
import { createLogger } from '../../src/log/logger.js';
import { startTopics } from '../../src/server/topics.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { parseTopics } from '../../src/topics/definition.js';
import { deskNewsRoute, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { repoRoot } from '../helpers/repo.js';
import { runCli } from '../helpers/run-cli.js';

const STACK_LINE = /^\s+at /m;

const TOPICS = `topics:\n  - id: court\n    name: The court\n    entities:\n      - name: Supreme Court\n`;

describe('an operator’s day', () => {
  let srv: FixtureServer;
  let dir: string;
  before(async () => {
    srv = await startFixtureServer({
      '/news.xml': deskNewsRoute(),
      '/gone.xml': { status: 404, body: 'not here' },
    });
    dir = mkdtempSync(join(tmpdir(), 'newsdesk-day-'));
  });
  after(() => srv.close());

  it('poll --once exits 3 when some sources failed, says how many and where to look; 0 when all were fine', async () => {
    const db = join(dir, 'cron.db');
    const store = await SqliteStore.open({ path: db });
    await store.sources.add({ url: `${srv.url}/news.xml` });
    const bad = (await store.sources.add({ url: `${srv.url}/gone.xml` })).source;
    await store.close();
    const r = await runCli(['poll', '--once', '--db', db]);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stdout, /^checked 2 sources in .*: 1 fetched, 0 not modified, 1 failed/m);
    assert.match(r.stderr, /^poll: 1 of 2 sources failed \(exit status 3\); "newsdesk sources" shows why/m);
    // Once the failing source is gone, the same command is a success again.
    assert.equal((await runCli(['remove', '--db', db, String(bad.id)])).code, 0);
    const ok = await runCli(['poll', '--once', '--all', '--db', db]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.doesNotMatch(ok.stderr, /failed/);
    // The exit statuses are in the usage, where an operator writing the cron line looks.
    assert.match((await runCli(['poll', '--help'])).stdout, /3 when some failed/);
  });

  it('add and alerts honour --db over the config file’s database', async () => {
    const configured = join(dir, 'configured.db');
    const given = join(dir, 'given.db');
    const config = join(dir, 'newsdesk.yaml');
    writeFileSync(config, `database: sqlite:${configured}\nlogLevel: warn\nlogFormat: json\n`);
    const env = { NEWSDESK_CONFIG: config, NEWSDESK_LOG_LEVEL: undefined };
    const add = await runCli(['add', '--db', given, `${srv.url}/news.xml`], env);
    assert.equal(add.code, 0, add.stderr);
    const status = await runCli(['alerts', 'status', '--db', given], env);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /next due: nothing queued/);
    assert.equal(existsSync(configured), false, 'the config file’s store was not touched');
    const store = await SqliteStore.open({ path: given });
    try {
      assert.deepEqual(
        (await store.sources.list()).map((s) => s.url),
        [`${srv.url}/news.xml`],
      );
    } finally {
      await store.close();
    }
  });

  it('every command that takes --db reads its options through configWithDb (or openStoreWithDb)', () => {
    // The one place where --db, the config file and the environment are put together, and the
    // logger set up from them; add and alerts had copies that skipped the logger.
    const commands = join(repoRoot(), 'src', 'cli', 'commands');
    // demo: an SQLite file of its own; migrate-store: --from and --to; config: refuses --db.
    const own = new Set(['demo.ts', 'migrate-store.ts', 'config.ts']);
    const strays = readdirSync(commands)
      .filter((f) => f.endsWith('.ts') && !own.has(f))
      .filter((f) => {
        const text = readFileSync(join(commands, f), 'utf8');
        return /'--db'/.test(text) && (!/configWithDb|openStoreWithDb/.test(text) || /loadConfig\(|databaseOption\(/.test(text));
      });
    assert.deepEqual(strays, []);
  });

  describe('serve and its topics file', () => {
    it('a --topics file that is not there stops serve with one sentence, before the store is made', async () => {
      const db = join(dir, 'topics-explicit.db');
      const missing = join(dir, 'no-such-topics.yaml');
      const r = await runCli(['serve', '--db', db, '--port', '0', '--topics', missing]);
      assert.equal(r.code, 1, r.stderr);
      assert.match(
        r.stderr,
        new RegExp(
          `^newsdesk serve: --topics ${missing.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: cannot read topics file .*: no such file — fix the path`,
        ),
      );
      assert.doesNotMatch(r.stderr, STACK_LINE);
      assert.equal(existsSync(db), false);
    });

    it('a configured topics file that is not there: a warning naming it, and the stored topics tag meanwhile', async () => {
      const store = await SqliteStore.open({ path: ':memory:' });
      try {
        assert.ok(parseTopics(TOPICS).ok);
        const lines: string[] = [];
        const log = createLogger('warn', { format: 'json', destination: { write: (l: string) => lines.push(l) } });
        // Stored by a first run with the file (a retag does the same).
        const first = join(dir, 'topics.yaml');
        writeFileSync(first, TOPICS);
        const withFile = await startTopics({ store, config: loadConfig({ env: { NEWSDESK_TOPICS: first } }), log, deskWatchMs: 0 });
        await withFile.stop();
        const missing = join(dir, 'moved-away.yaml');
        const t = await startTopics({ store, config: loadConfig({ env: { NEWSDESK_TOPICS: missing } }), log, deskWatchMs: 0 });
        try {
          assert.deepEqual(
            t.registry.topics.map((x) => x.id),
            ['court'],
            'the stored set tags new entries (it was empty before)',
          );
          const warning = lines.map((l) => JSON.parse(l) as { msg: string; file?: string }).find((l) => l.file === missing);
          assert.ok(warning, lines.join('\n'));
          assert.match(
            warning.msg,
            /topics file not loaded \(cannot read topics file .*: no such file\); tagging with the 1 stored topic\(s\) instead/,
          );
        } finally {
          await t.stop();
        }
      } finally {
        await store.close();
      }
    });
  });

  describe('what a newcomer gets wrong', () => {
    it('a mistyped option is named with the nearest one the command takes', async () => {
      const r = await runCli(['poll', '--onse']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^newsdesk poll: unexpected argument --onse \(did you mean --once\?\)/);
      const far = await runCli(['sources', '--colour']);
      assert.match(far.stderr, /^newsdesk sources: unexpected argument --colour\n/, 'no guess when nothing is near');
    });

    it('a database in a folder that does not exist is refused with what to do, and no folder is made', async () => {
      const folder = join(dir, 'typo', 'nested');
      const r = await runCli(['sources', '--db', join(folder, 'newsdesk.db')]);
      assert.equal(r.code, 1);
      assert.match(
        r.stderr,
        /^newsdesk sources: cannot open the SQLite store at .*: its folder .*typo\/nested does not exist; create it \(mkdir -p /,
      );
      assert.doesNotMatch(r.stderr, STACK_LINE);
      assert.equal(existsSync(join(dir, 'typo')), false);
    });

    it('a read-only database file says it is read-only and how to fix it', async (t) => {
      const db = join(dir, 'readonly.db');
      (await SqliteStore.open({ path: db })).close();
      chmodSync(db, 0o444);
      chmodSync(dir, 0o755);
      // root writes any file: the command runs as nobody then (spawn's uid), as a service user would.
      const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
      if (process.getuid?.() === 0 && !existsSync('/proc/self')) return t.skip('needs Linux to run as another user');
      const r = await runCli(['add', '--db', db, `${srv.url}/news.xml`], {}, asNobody);
      assert.equal(r.code, 1, r.stderr);
      assert.match(
        r.stderr,
        /^newsdesk add: cannot open the SQLite store at .*readonly\.db: attempt to write a readonly database; the file is read-only for uid \d+: make it writable/,
      );
      assert.doesNotMatch(r.stderr, STACK_LINE);
    });

    it('a command that only reads or changes a store refuses a mistyped file instead of making an empty one', async () => {
      const typo = join(dir, 'newsdsek.db');
      for (const args of [['sources'], ['export-opml'], ['jobs', 'list'], ['remove', '1']]) {
        const r = await runCli([...args, '--db', typo]);
        assert.equal(r.code, 1, `${args[0]}: ${r.stderr}`);
        assert.match(r.stderr, new RegExp(`^newsdesk ${args[0]}: there is no Newsdesk store at .*newsdsek\\.db: correct --db`, 'm'));
        assert.doesNotMatch(r.stderr, STACK_LINE);
        assert.equal(existsSync(typo), false, `${args[0]} made the file`);
      }
      // Commands that make a store still do.
      assert.equal((await runCli(['add', '--db', typo, `${srv.url}/news.xml`])).code, 0);
      assert.equal((await runCli(['sources', '--db', typo])).code, 0);
    });

    it('a PostgreSQL URL that refuses the connection is one sentence with what to check', async () => {
      const r = await runCli(['sources', '--db', 'postgres://newsdesk@127.0.0.1:1/newsdesk']);
      assert.equal(r.code, 1);
      assert.match(
        r.stderr,
        /^newsdesk sources: cannot open the PostgreSQL store at postgres:\/\/…@127\.0\.0\.1:1\/newsdesk: .*ECONNREFUSED.*is PostgreSQL running/,
      );
      assert.doesNotMatch(r.stderr, STACK_LINE);
    });
  });
});
