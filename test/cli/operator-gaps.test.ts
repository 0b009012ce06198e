// Three things an operator expects of the command line, each closed after the CLI review of
// 2026-12-05: `user disable` / `user enable` (the desk could disable a user, the terminal could
// only list the state), and `--topics FILE` for `worker` and `poll` as `serve` takes it.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { cliCommand } from '../helpers/repo.js';
import { cliEnv, runCli } from '../helpers/run-cli.js';

const TOPICS = `topics:
  - id: harbour
    name: Harbour works
    entities:
      - name: Harbour works
        aliases: [harbour extension]
`;

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'newsdesk-op-gaps-'));
}

async function withStore<T>(db: string, fn: (store: SqliteStore) => Promise<T>): Promise<T> {
  const store = await SqliteStore.open({ path: db });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function openSession(store: SqliteStore, userId: number, id: string): Promise<void> {
  await store.accounts.createSession({ id: id.padEnd(64, '0'), userId, csrf: 'c', createdAt: Date.now(), expiresAt: Date.now() + 1e9 });
}

describe('newsdesk user disable / enable', () => {
  it('disables a user, ends their sessions and records it; enables them again', async () => {
    const db = join(tempDir(), 'db.sqlite');
    const ids = await withStore(db, async (store) => {
      const ana = (await store.accounts.createUser({ name: 'Ana', role: 'admin', passwordHash: 'x' }))!;
      const edda = (await store.accounts.createUser({ name: 'Edda', role: 'editor', passwordHash: 'x' }))!;
      await openSession(store, edda.id, 'a');
      await openSession(store, edda.id, 'b');
      return { ana: ana.id, edda: edda.id };
    });

    const off = await runCli(['user', 'disable', 'edda', '--db', db]);
    assert.equal(off.code, 0, off.stderr);
    assert.equal(off.stdout, 'Edda disabled; 2 sessions ended\n');
    const list = await runCli(['user', 'list', '--db', db]);
    assert.match(list.stdout, /^Edda\s+editor\s+disabled$/m);
    assert.match(list.stdout, /^Ana\s+admin\s+active$/m);
    await withStore(db, async (store) => {
      assert.equal((await store.accounts.getUser(ids.edda))?.disabled, true);
      for (const s of ['a', 'b']) assert.notEqual((await store.accounts.getSession(s.padEnd(64, '0')))?.session.revokedAt, null);
      const audit = await store.curation.audit({ action: 'user.disable', limit: 10 });
      assert.equal(audit.items.length, 1);
      assert.equal(audit.items[0]?.actorName, 'command line');
      assert.equal(audit.items[0]?.target, `user:${ids.edda}`);
    });

    const again = await runCli(['user', 'disable', 'Edda', '--db', db]);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout, 'Edda was already disabled; 0 sessions ended\n');

    const on = await runCli(['user', 'enable', 'Edda', '--db', db]);
    assert.equal(on.code, 0, on.stderr);
    assert.equal(on.stdout, 'Edda enabled\n');
    assert.match((await runCli(['user', 'list', '--db', db])).stdout, /^Edda\s+editor\s+active$/m);
    const onAgain = await runCli(['user', 'enable', 'Edda', '--db', db]);
    assert.equal(onAgain.code, 0);
    assert.equal(onAgain.stdout, 'Edda was not disabled\n');
    await withStore(db, async (store) => {
      assert.equal((await store.accounts.getUser(ids.edda))?.disabled, false);
      assert.equal((await store.curation.audit({ action: 'user.enable', limit: 10 })).items.length, 1, 'only the change is recorded');
    });
  });

  it('refuses to disable the last active admin, says what to do, and changes nothing', async () => {
    const db = join(tempDir(), 'db.sqlite');
    await withStore(db, async (store) => {
      const ana = (await store.accounts.createUser({ name: 'Ana', role: 'admin', passwordHash: 'x' }))!;
      await openSession(store, ana.id, 'c');
      // A disabled admin does not count: Ana is still the last active one.
      const old = (await store.accounts.createUser({ name: 'Old', role: 'admin', passwordHash: 'x' }))!;
      await store.accounts.updateUser(old.id, { disabled: true });
    });
    const r = await runCli(['user', 'disable', 'Ana', '--db', db]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /Ana is the last active admin and cannot be disabled/);
    assert.match(r.stderr, /newsdesk user add NAME --admin/);
    await withStore(db, async (store) => {
      const ana = (await store.accounts.findUser('ana'))!;
      assert.equal(ana.disabled, false);
      assert.equal((await store.accounts.getSession('c'.padEnd(64, '0')))?.session.revokedAt, null);
      assert.equal((await store.curation.audit({ limit: 10 })).items.length, 0);
      // With a second active admin, the first one may go.
      await store.accounts.updateUser((await store.accounts.findUser('old'))!.id, { disabled: false });
    });
    assert.equal((await runCli(['user', 'disable', 'Ana', '--db', db])).code, 0);
  });

  it('an unknown name exits 1 and a missing one 2, as the other user subcommands do; --help names both', async () => {
    const db = join(tempDir(), 'db.sqlite');
    await withStore(db, async (store) => void (await store.accounts.createUser({ name: 'Ana', role: 'admin', passwordHash: 'x' })));
    const unknown = await runCli(['user', 'disable', 'nobody', '--db', db]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no user named nobody; "newsdesk user list" lists them/);
    const enableUnknown = await runCli(['user', 'enable', 'nobody', '--db', db]);
    assert.equal(enableUnknown.code, 1);
    const missing = await runCli(['user', 'enable', '--db', db]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /give one NAME/);
    const help = await runCli(['help', 'user']);
    assert.match(help.stdout, /newsdesk user disable NAME/);
    assert.match(help.stdout, /newsdesk user enable NAME/);
  });
});

function spawnCli(args: string[]): { p: ChildProcess; out: () => string; err: () => string; closed: Promise<number | null> } {
  const { cmd, args: base } = cliCommand();
  const p = spawn(cmd, [...base, ...args], { env: cliEnv({ NEWSDESK_LOG_LEVEL: 'error' }), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  p.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  p.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const closed = new Promise<number | null>((resolve) => p.on('close', (code) => resolve(code)));
  return { p, out: () => out, err: () => err, closed };
}

describe('--topics FILE for worker and poll, as serve takes it', () => {
  it('poll --once tags with the named file (its topics are stored) and refuses a missing one before it starts', async () => {
    const dir = tempDir();
    const db = join(dir, 'db.sqlite');
    const topics = join(dir, 'topics.yaml');
    writeFileSync(topics, TOPICS);
    const r = await runCli(['poll', '--once', '--topics', topics, '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    await withStore(db, async (store) => {
      assert.deepEqual(
        (await store.topics.listDefinitions()).map((d) => d.id),
        ['harbour'],
      );
    });
    const missing = await runCli(['poll', '--once', '--topics', join(dir, 'nope.yaml'), '--db', join(dir, 'other.sqlite')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /--topics .*nope\.yaml: cannot read topics file .*no such file/);
    assert.doesNotMatch(missing.stderr, /\n\s+at /, 'no stack trace');
    const bare = await runCli(['poll', '--once', '--topics']);
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /--topics needs a value/);
  });

  it('worker --topics: the file is loaded (its topics stored) and a broken one stops it with the line', async () => {
    const dir = tempDir();
    const db = join(dir, 'db.sqlite');
    const topics = join(dir, 'topics.yaml');
    writeFileSync(topics, TOPICS);
    const w = spawnCli(['worker', '--topics', topics, '--db', db, '--port', '0', '--name', 'w-topics']);
    const until = Date.now() + 60_000;
    try {
      while (!w.out().includes('http://')) {
        if (Date.now() > until || w.p.exitCode !== null) throw new Error(`the worker did not start: ${w.err()}`);
        await new Promise((res) => setTimeout(res, 20));
      }
    } finally {
      w.p.kill('SIGTERM');
    }
    const guard = setTimeout(() => w.p.kill('SIGKILL'), 30_000);
    assert.equal(await w.closed, 0, w.err());
    clearTimeout(guard);
    await withStore(db, async (store) => {
      assert.deepEqual(
        (await store.topics.listDefinitions()).map((d) => d.id),
        ['harbour'],
      );
    });

    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'topics:\n  - id: x\n    name: [unclosed\n');
    const r = await runCli(['worker', '--topics', broken, '--db', join(dir, 'other.sqlite'), '--port', '0']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /--topics .*broken\.yaml:.*broken\.yaml:\d+:\d+/);
    assert.equal(r.stdout, '', 'nothing was served');
  });
});
