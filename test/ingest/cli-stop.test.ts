// SIGTERM to a real `newsdesk poll` process while a feed hangs mid-body (its total timeout two
// minutes away): the process ends within its stop deadline, the hanging check is released
// unrecorded, and the next start finds the source due.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { startFixtureServer, type FixtureServer, hangingFeedRoute } from '../helpers/fixture-server.js';
import { cliCommand } from '../helpers/repo.js';

describe('newsdesk poll on SIGTERM', () => {
  let srv: FixtureServer;
  const open: Array<{ destroy(): void }> = [];
  before(async () => {
    srv = await startFixtureServer();
    srv.route('/hang.xml', hangingFeedRoute(open));
  });
  after(async () => {
    for (const r of open) r.destroy();
    await srv.close();
  });

  it('stops within the deadline, releasing the hanging check', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'newsdesk-stop-')), 'stop.db');
    const store = await SqliteStore.open({ path: db });
    const { source } = await store.sources.add({ url: `${srv.url}/hang.xml` });
    await store.close();

    const { cmd, args } = cliCommand();
    const p = spawn(cmd, [...args, 'poll', '--db', db], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_OPTIONS: process.env.NODE_OPTIONS ?? '',
        NEWSDESK_ALLOW_HOSTS: '127.0.0.1',
        NEWSDESK_LOG_LEVEL: 'error',
        NEWSDESK_TOTAL_TIMEOUT_MS: '120000',
        NEWSDESK_STOP_DEADLINE_MS: '300',
        CI: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const closed = new Promise<number | null>((resolve) => p.on('close', (c) => resolve(c)));
    const until = Date.now() + 20_000;
    while (srv.hits('/hang.xml') === 0) {
      if (Date.now() > until) {
        p.kill('SIGKILL');
        throw new Error(`the poll never started: ${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    p.kill('SIGTERM');
    // Without the abort the process waits for the 120 s timeout; the guard only keeps a broken
    // build from hanging the suite.
    const guard = setTimeout(() => p.kill('SIGKILL'), 30_000);
    const code = await closed;
    clearTimeout(guard);
    assert.equal(code, 0, stderr);
    assert.match(stderr, /stopping/);

    const again = await SqliteStore.open({ path: db });
    try {
      const s = (await again.sources.get(source.id))!;
      assert.equal(s.lastCheckedAt, null, 'the stopped check was recorded');
      assert.equal(s.errorCount, 0);
      assert.deepEqual(
        (await again.sources.claimDue(await again.clock.now(), 10, 'next-start', 1000)).map((x) => x.id),
        [source.id],
      );
    } finally {
      await again.close();
    }
  });
});
