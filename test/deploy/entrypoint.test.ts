// deploy/docker-entrypoint.sh without Docker: role parsing and usage errors (against a stand-in
// newsdesk that prints what it was asked to run), waiting for a database that is not there yet,
// and the real newsdesk behind it: migrate, a web role answering its healthcheck, and SIGTERM
// reaching Node directly because the role's process replaced the shell.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { cliCommand, repoRoot } from '../helpers/repo.js';

const script = join(repoRoot(), 'deploy', 'docker-entrypoint.sh');
const dir = mkdtempSync(join(tmpdir(), 'newsdesk-entrypoint-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in newsdesk: prints its arguments; `migrate` fails while the countdown file says so. */
const fake = join(dir, 'fake-newsdesk');
writeFileSync(
  fake,
  `#!/bin/sh
echo "newsdesk $*"
if [ "$1" = migrate ] && [ -f "$COUNTDOWN" ]; then
  n=$(cat "$COUNTDOWN")
  if [ "$n" -gt 0 ]; then echo $((n - 1)) > "$COUNTDOWN"; echo "connect ECONNREFUSED" >&2; exit 1; fi
fi
exit 0
`,
);
chmodSync(fake, 0o755);

const realBin = (): string => {
  const { cmd, args } = cliCommand();
  return [cmd, ...args].join(' ');
};

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(args: string[], env: Record<string, string>): { child: ChildProcess; result: Promise<Run>; stdout: () => string } {
  const child = spawn('sh', [script, ...args], {
    env: { PATH: process.env.PATH ?? '', NEWSDESK_LOG_LEVEL: 'error', NEWSDESK_ALLOW_HOSTS: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const result = new Promise<Run>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, result, stdout: () => stdout };
}

const run = (args: string[], env: Record<string, string> = {}): Promise<Run> => start(args, { NEWSDESK_BIN: fake, ...env }).result;

describe('role parsing', () => {
  test('no role, an unknown role: usage on stderr, exit 64; help: exit 0', async () => {
    const none = await run([]);
    assert.equal(none.code, 64);
    assert.match(none.stderr, /roles: web \| worker \| all \| migrate/);
    assert.equal(none.stdout, '');
    const unknown = await run(['frobnicate', '--x']);
    assert.equal(unknown.code, 64);
    assert.match(unknown.stderr, /unknown role "frobnicate"/);
    assert.equal(unknown.stdout, '', 'nothing was run');
    assert.equal((await run(['--help'])).code, 0);
  });

  test('each role runs migrations first, then its command with the remaining arguments', async () => {
    const web = await run(['web', '--port', '9000']);
    assert.equal(web.code, 0, web.stderr);
    assert.deepEqual(web.stdout.trim().split('\n'), ['newsdesk migrate', 'newsdesk serve --no-poll --port 9000']);
    assert.deepEqual((await run(['worker'])).stdout.trim().split('\n'), ['newsdesk migrate', 'newsdesk worker']);
    assert.deepEqual((await run(['all'])).stdout.trim().split('\n'), ['newsdesk migrate', 'newsdesk serve']);
    assert.deepEqual((await run(['migrate', '--db', 'x.db'])).stdout.trim().split('\n'), ['newsdesk migrate --db x.db']);
    assert.deepEqual((await run(['newsdesk', 'sources', 'list'])).stdout.trim(), 'newsdesk sources list');
    assert.deepEqual(
      (await run(['worker'], { NEWSDESK_MIGRATE: '0' })).stdout.trim(),
      'newsdesk worker',
      'NEWSDESK_MIGRATE=0 skips migrations',
    );
  });

  test('waits for the database: retries migrate until it succeeds, or gives up after the wait', async () => {
    const countdown = join(dir, 'countdown');
    writeFileSync(countdown, '2');
    const late = await run(['worker'], { COUNTDOWN: countdown, NEWSDESK_DB_WAIT_SECONDS: '30' });
    assert.equal(late.code, 0, late.stderr);
    assert.equal((late.stderr.match(/waiting for the database/g) ?? []).length, 2);
    assert.match(late.stdout, /newsdesk worker$/m);

    writeFileSync(countdown, '1000');
    const never = await run(['web'], { COUNTDOWN: countdown, NEWSDESK_DB_WAIT_SECONDS: '2' });
    assert.equal(never.code, 1);
    assert.match(never.stderr, /ECONNREFUSED/);
    assert.match(never.stderr, /not ready after 2 s/);
    assert.doesNotMatch(never.stdout, /serve/, 'the role never started');
  });
});

describe('with the real newsdesk', () => {
  test('migrate creates the schema; a PostgreSQL server that is not there is waited for, then reported', async () => {
    const db = join(dir, 'm.db');
    const r = await start(['migrate'], { NEWSDESK_BIN: realBin(), NEWSDESK_DATABASE: `sqlite:${db}` }).result;
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /applied migration\(s\)/);
    const check = new BetterSqlite3(db, { readonly: true });
    const tables = check.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name = 'entries'").all();
    check.close();
    assert.equal(tables.length, 1);

    const down = await start(['web'], {
      NEWSDESK_BIN: realBin(),
      NEWSDESK_DATABASE: 'postgres://newsdesk:pw@127.0.0.1:1/newsdesk',
      NEWSDESK_DB_WAIT_SECONDS: '1',
    }).result;
    assert.equal(down.code, 1);
    assert.match(down.stderr, /cannot connect to postgres:\/\/newsdesk:\*\*\*@127\.0\.0\.1:1\/newsdesk/);
    assert.match(down.stderr, /not ready after 1 s/);
  });

  test('web answers the healthcheck role, and SIGTERM stops it cleanly', async () => {
    const port = await freePort();
    const env = {
      NEWSDESK_BIN: realBin(),
      NEWSDESK_DATABASE: `sqlite:${join(dir, 'web.db')}`,
      NEWSDESK_HOST: '127.0.0.1',
      NEWSDESK_PORT: String(port),
    };
    const before = await start(['healthcheck'], env).result;
    assert.equal(before.code, 1, 'nothing listens yet');
    assert.match(before.stderr, /ECONNREFUSED/);

    const web = start(['web'], env);
    for (let i = 0; i < 600 && !/http:\/\/127\.0\.0\.1:\d+/.test(web.stdout()); i++) await new Promise((r) => setTimeout(r, 50));
    assert.match(web.stdout(), new RegExp(`http://127\\.0\\.0\\.1:${port}`));
    const pid = web.child.pid!;
    const cmdline = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0') : [];
    if (cmdline.length > 0)
      assert.ok(cmdline.includes('serve') && cmdline.includes('--no-poll'), `the shell was replaced by newsdesk: ${cmdline.join(' ')}`);

    const health = await start(['healthcheck'], env).result;
    assert.equal(health.code, 0, health.stderr);

    web.child.kill('SIGTERM');
    const end = await web.result;
    assert.equal(end.code, 0, end.stderr);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}
