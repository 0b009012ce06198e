// What a new operator met walking README.md and docs/deploy.md from a fresh install
// (docs/deploy.md, "Operator walk-through, 2026-12-05"): switches the usage names that were
// refused, stack traces where one sentence was due, and advice that pointed the wrong way.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OperatorError } from '../../src/config/operator-error.js';
import { readNewPassword } from '../../src/cli/read-password.js';
import { deskNewsRoute, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { runCli } from '../helpers/run-cli.js';

/** A line of a stack trace ("    at fn (file:…)"): an operator should never have to read one. */
const STACK_LINE = /^\s+at /m;

describe('operator walk-through', () => {
  let dir: string;
  let db: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'newsdesk-walk-'));
    db = join(dir, 'walk.db');
    const made = await runCli(['migrate', '--db', db]);
    assert.equal(made.code, 0, made.stderr);
  });

  it('jobs takes the switches its usage names: list --json, retry --all-dead, purge --done --dead', async () => {
    // They were picked out of the positionals after scanOptions had already refused every
    // unknown --option, so each was "unknown option" with exit status 2.
    const list = await runCli(['jobs', 'list', '--json', '--db', db]);
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual(JSON.parse(list.stdout), []);
    const retry = await runCli(['jobs', 'retry', '--all-dead', '--db', db]);
    assert.equal(retry.code, 0, retry.stderr);
    assert.match(retry.stdout, /^0 jobs queued again$/m);
    const purge = await runCli(['jobs', 'purge', '--done', '--dead', '--older-than', '1', '--db', db]);
    assert.equal(purge.code, 0, purge.stderr);
    assert.match(purge.stdout, /purged \(done and dead, finished over 1 h ago\)/);
  });

  it('jobs retry ID of no dead job says why nothing was queued and where to look', async () => {
    const r = await runCli(['jobs', 'retry', '42', '--db', db]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /job 42 is not a dead job .*newsdesk jobs list --state dead/);
  });

  it('a bad option value is one sentence naming the option, exit status 1, no stack trace', async () => {
    const r = await runCli(['sources', '--db', db], { NEWSDESK_PORT: 'abc' });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^newsdesk sources: invalid configuration:\n {2}port: "abc" is not a whole number/);
    assert.doesNotMatch(r.stderr, STACK_LINE);
  });

  it('a file that is not a SQLite store is named, without a stack trace', async () => {
    const bad = join(dir, 'notes.db');
    writeFileSync(bad, 'these are my notes, not a database\n'.repeat(200));
    const r = await runCli(['sources', '--db', bad]);
    assert.equal(r.code, 1);
    assert.ok(r.stderr.startsWith(`newsdesk sources: cannot open the SQLite store at ${bad}: file is not a database`), r.stderr);
    assert.doesNotMatch(r.stderr, STACK_LINE);
  });

  it('a PostgreSQL server that is not there is a sentence with what to check', async () => {
    // A port nothing listens on: take a free one and close it again.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const r = await runCli(['jobs', 'list', '--db', `postgres://newsdesk@127.0.0.1:${port}/newsdesk`]);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^newsdesk jobs: cannot open the PostgreSQL store at postgres:\/\/…@127\.0\.0\.1:\d+\/newsdesk: .*is PostgreSQL running/,
    );
    assert.doesNotMatch(r.stderr, STACK_LINE);
  });

  describe('a port in use', () => {
    let busy: ReturnType<typeof createServer>;
    let port: number;
    before(async () => {
      busy = createServer();
      port = await new Promise<number>((resolve) => busy.listen(0, '127.0.0.1', () => resolve((busy.address() as { port: number }).port)));
    });
    after(() => new Promise<void>((r) => busy.close(() => r())));

    it('serve says which port and how to pick another, exit status 1, no stack trace', async () => {
      const r = await runCli(['serve', '--no-poll', '--db', db, '--host', '127.0.0.1', '--port', String(port)]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, new RegExp(`newsdesk serve: port ${port} on 127\\.0\\.0\\.1 is in use: pick another with --port`));
      assert.doesNotMatch(r.stderr, STACK_LINE);
    });
  });

  it('config refuses arguments it does not take instead of showing the configured store as if it were --db', async () => {
    const r = await runCli(['config', '--db', join(dir, 'other.db')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /config takes no --db/);
    assert.equal(r.stdout, '');
    const json = await runCli(['config', '--json']);
    assert.equal(json.code, 0, json.stderr);
    assert.equal(JSON.parse(json.stdout).port, 8080);
  });

  it('add of a loopback address says to list it in allowHosts, not to check it in a browser', async () => {
    // No fixture server needed: the guard refuses the address before any connection.
    const r = await runCli(['add', '--db', db, 'http://127.0.0.1:9/feed.xml'], { NEWSDESK_ALLOW_HOSTS: '' });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /127\.0\.0\.1 is loopback/);
    assert.match(r.stderr, /What to do: .*allowHosts \(NEWSDESK_ALLOW_HOSTS=/);
    assert.doesNotMatch(r.stderr, /check the address in a browser/);
    // The site's other paths are refused alike: listing them as "tried" hid the one reason.
    assert.doesNotMatch(r.stderr, /other address/);
  });
});

describe('poll --once with nothing due', () => {
  let srv: FixtureServer;
  let dir: string;
  before(async () => {
    srv = await startFixtureServer({
      '/news.xml': deskNewsRoute(),
    });
    dir = mkdtempSync(join(tmpdir(), 'newsdesk-walk-poll-'));
  });
  after(() => srv.close());

  it('says when the next source is due and how to check now, instead of only "checked 0 sources"', async () => {
    const db = join(dir, 'poll.db');
    const empty = await runCli(['poll', '--once', '--db', db]);
    assert.equal(empty.code, 0, empty.stderr);
    assert.match(empty.stderr, /no sources to check; add one with "newsdesk add URL"/);
    assert.equal((await runCli(['add', '--db', db, `${srv.url}/news.xml`])).code, 0);
    const first = await runCli(['poll', '--once', '--db', db]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^checked 1 source in/);
    const again = await runCli(['poll', '--once', '--db', db]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^checked 0 sources in/, 'the summary line stays as scripts read it');
    assert.match(again.stderr, /no source is due now; the next is due in \d+ min \(--all checks every source now\)/);
  });
});

describe('passwords for user add / passwd', () => {
  it('an empty standard input is "no password", exit status 1, not "at least 10 characters" and the usage', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsdesk-walk-user-'));
    // runCli gives the command no stdin (/dev/null): what a script with a forgotten pipe does.
    const r = await runCli(['user', 'add', 'ana', '--db', join(dir, 'users.db')]);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^newsdesk user: no password on standard input: pipe it as the first line \(printf '%s\\n' "\$PASSWORD" \| newsdesk user …\)/,
    );
    assert.doesNotMatch(r.stderr, /Usage:/);
  });

  it('two different passwords typed on a terminal are one sentence for the operator (an OperatorError), not a bare Error', async () => {
    const stdin = process.stdin as NodeJS.ReadStream & { setRawMode?: (on: boolean) => unknown };
    const saved = { isTTY: stdin.isTTY, setRawMode: stdin.setRawMode, write: process.stderr.write };
    Object.defineProperty(stdin, 'isTTY', { value: true, configurable: true });
    stdin.setRawMode = () => stdin;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      const asked = readNewPassword();
      // Each prompt listens for its line; type one, then the other, a turn apart.
      await new Promise((r) => setImmediate(r));
      stdin.emit('data', Buffer.from('first password\r'));
      await new Promise((r) => setImmediate(r));
      stdin.emit('data', Buffer.from('other password\r'));
      await assert.rejects(
        asked,
        (e) => e instanceof OperatorError && /the two passwords are not the same; nothing was changed/.test(e.message),
      );
    } finally {
      Object.defineProperty(stdin, 'isTTY', { value: saved.isTTY, configurable: true });
      if (saved.setRawMode) stdin.setRawMode = saved.setRawMode;
      else Reflect.deleteProperty(stdin, 'setRawMode');
      process.stderr.write = saved.write;
      stdin.pause();
    }
  });
});
