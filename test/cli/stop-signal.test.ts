// SIGTERM to real `newsdesk serve` and `newsdesk poll --once` processes at several points of their
// lives: while the store is being opened (start-up, migrations), while serving, and while a check
// hangs mid-body. Each must end in order with exit status 0 — before, a stop during start-up or
// during `poll --once` ended the process at once with status 143 (Node's default for SIGTERM).
//
// The earliest point a test can aim at is the store's file appearing: before that, Node may not
// have run a line of Newsdesk yet (its own start takes a quarter of a second on a busy machine),
// and a signal then ends it at once whatever Newsdesk does — with nothing open to lose.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { listenForStop, restoreDefaultStop, stopRequested, untilStopRequested } from '../../src/cli/stop-signal.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { startFixtureServer, type FixtureServer, hangingFeedRoute } from '../helpers/fixture-server.js';
import { cliCommand } from '../helpers/repo.js';
import { cliEnv } from '../helpers/run-cli.js';

interface Running {
  p: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(args: string[], env: Record<string, string> = {}): Running {
  const { cmd, args: base } = cliCommand();
  const p = spawn(cmd, [...base, ...args], {
    env: cliEnv({ NEWSDESK_LOG_LEVEL: 'info', NEWSDESK_TOTAL_TIMEOUT_MS: '120000', NEWSDESK_STOP_DEADLINE_MS: '300', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  p.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  p.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    p.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { p, stdout: () => out, stderr: () => err, closed };
}

async function waitFor(what: string, r: Running, ready: () => boolean, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > until || r.p.exitCode !== null) {
      r.p.kill('SIGKILL');
      throw new Error(`never ${what}: ${r.stderr()}`);
    }
    await new Promise((res) => setTimeout(res, 2));
  }
}

/** SIGTERM, then the exit (a guard kills a build that would hang the suite). */
async function terminate(r: Running): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  r.p.kill('SIGTERM');
  const guard = setTimeout(() => r.p.kill('SIGKILL'), 30_000);
  try {
    return await r.closed;
  } finally {
    clearTimeout(guard);
  }
}

describe('SIGTERM stops long-running commands in order, exit status 0', () => {
  let srv: FixtureServer;
  let dir: string;
  const open: Array<{ destroy(): void }> = [];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'newsdesk-sigterm-'));
    srv = await startFixtureServer();
    srv.route('/hang.xml', hangingFeedRoute(open));
  });
  after(async () => {
    for (const r of open) r.destroy();
    await srv.close();
  });

  it('serve, while it opens the store (start-up, migrations)', async () => {
    const db = join(dir, 'startup.db');
    const r = start(['serve', '--db', db, '--host', '127.0.0.1', '--port', '0']);
    await waitFor('opened the store', r, () => existsSync(db));
    const end = await terminate(r);
    assert.deepEqual(end, { code: 0, signal: null }, r.stderr());
    assert.match(r.stderr(), /stopped during start-up, as asked/);
    assert.equal(r.stdout(), '', 'it never announced a URL it would not serve');
  });

  it('serve, while serving', async () => {
    const db = join(dir, 'serving.db');
    const r = start(['serve', '--db', db, '--host', '127.0.0.1', '--port', '0']);
    await waitFor('printed its URL', r, () => /^http:\/\//m.test(r.stdout()));
    const end = await terminate(r);
    assert.deepEqual(end, { code: 0, signal: null }, r.stderr());
    assert.match(r.stderr(), /stopping…/);
  });

  for (const thread of ['true', 'false']) {
    it(`serve, while a check hangs mid-body (ingestThread=${thread}): released unrecorded`, async () => {
      const db = join(dir, `poll-${thread}.db`);
      const store = await SqliteStore.open({ path: db });
      const { source } = await store.sources.add({ url: `${srv.url}/hang.xml` });
      await store.close();
      const hits = srv.hits('/hang.xml');
      const r = start(['serve', '--db', db, '--host', '127.0.0.1', '--port', '0'], { NEWSDESK_INGEST_THREAD: thread });
      await waitFor('fetched the hanging feed', r, () => srv.hits('/hang.xml') > hits);
      const end = await terminate(r);
      assert.deepEqual(end, { code: 0, signal: null }, r.stderr());
      const again = await SqliteStore.open({ path: db });
      try {
        const s = (await again.sources.get(source.id))!;
        assert.equal(s.lastCheckedAt, null, 'the stopped check was recorded');
        assert.equal(s.errorCount, 0);
      } finally {
        await again.close();
      }
    });
  }

  it('poll --once, while a check hangs: the summary, then exit status 0', async () => {
    const db = join(dir, 'once.db');
    const store = await SqliteStore.open({ path: db });
    await store.sources.add({ url: `${srv.url}/hang.xml` });
    await store.close();
    const hits = srv.hits('/hang.xml');
    const r = start(['poll', '--once', '--db', db]);
    await waitFor('fetched the hanging feed', r, () => srv.hits('/hang.xml') > hits);
    const end = await terminate(r);
    assert.deepEqual(end, { code: 0, signal: null }, r.stderr());
    assert.match(r.stdout(), /^checked 0 sources in .*0 failed/m);
    assert.match(r.stderr(), /stopped before every due source was checked/);
  });

  it('a command that does not run until stopped still ends at once on SIGTERM', async () => {
    // `sources` holds nothing worth an orderly stop: Node's default (status 143) is kept for it.
    // The signal comes while it waits on its store: a PostgreSQL server that never answers.
    const { createServer } = await import('node:net');
    const silent = createServer(() => undefined);
    const port = await new Promise<number>((res) => silent.listen(0, '127.0.0.1', () => res((silent.address() as { port: number }).port)));
    try {
      let connected = false;
      silent.on('connection', () => (connected = true));
      const r = start(['sources', '--db', `postgres://nobody@127.0.0.1:${port}/none`]);
      await waitFor('connected', r, () => connected);
      const end = await terminate(r);
      assert.equal(end.signal, 'SIGTERM', r.stderr());
    } finally {
      silent.close();
    }
  });
});

it('once a command has answered a stop and returned, the default comes back without raising that stop again', async () => {
  // What the dispatcher does after run(): a process kept alive by a forgotten handle must end on
  // the next SIGTERM, and the stop already answered must not kill it (this test's process).
  const before = process.listenerCount('SIGTERM');
  listenForStop();
  assert.equal(process.listenerCount('SIGTERM'), before + 1);
  const asked = untilStopRequested();
  process.emit('SIGTERM', 'SIGTERM');
  assert.equal(await asked, 'SIGTERM');
  assert.equal(stopRequested(), true);
  restoreDefaultStop(false);
  assert.equal(process.listenerCount('SIGTERM'), before);
});
