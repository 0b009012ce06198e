// A webhook's secretFile is a path a desk editor writes (docs/alerts.md). The night probe of
// 2026-12-04 (docs/security.md) found it read whole and synchronously whenever topics load: a FIFO
// blocked the ingest thread for good (the desk's save never answered, fetch now neither, and a
// restart reloads the stored topic), and /dev/zero grew the process until it died. Now only a
// regular file of at most 64 KiB is read, opened without blocking.
//
// Each case runs in a child process with a memory cap and a time limit, so the build before the fix
// fails these tests (a timeout, an abort, a large file taken as a secret) without harming the machine.
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { readSecretFile } from '../../src/config/secret.js';

/** src/config/secret.ts MAX_SECRET_FILE_BYTES (not imported: the build before the fix has no such export). */
const MAX_SECRET_FILE_BYTES = 64 * 1024;

const SETTINGS = fileURLToPath(new URL('../../src/alerts/settings.js', import.meta.url));
const DEFINITION = fileURLToPath(new URL('../../src/topics/definition.js', import.meta.url));

const CHILD = `
const [settings, definition, path] = process.argv.slice(1);
const { resolveAlerts } = await import(settings);
const { parseTopicsValue } = await import(definition);
const r = parseTopicsValue([{ id: 'x', entities: [{ name: 'Camp Ashraf' }], alerts: { webhook: { url: 'https://h.example/', secretFile: path } } }]);
const out = resolveAlerts(r.topics, { env: {} });
const hook = out.alerts.get('x')?.webhook;
process.stdout.write(JSON.stringify({ problems: out.problems, hasSecret: Boolean(hook && hook.secret) }));
`;

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
}

/** Resolves the secret of a topic whose secretFile is `path`, in a child capped at ~1.5 GB and 10 s. */
function resolveInChild(path: string): Promise<ChildResult> {
  return new Promise((resolve) => {
    const child = spawn(
      'sh',
      [
        '-c',
        'ulimit -v 1500000; exec "$0" --input-type=module -e "$1" "$2" "$3" "$4"',
        process.execPath,
        CHILD,
        SETTINGS,
        DEFINITION,
        path,
      ],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    let stdout = '';
    let timedOut = false;
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString();
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, 10_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut, stdout });
    });
  });
}

describe('secret files are read only when they are small regular files', { skip: process.platform === 'win32' }, () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'newsdesk-secret-file-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const refused = async (path: string, reason: RegExp): Promise<void> => {
    const r = await resolveInChild(path);
    assert.equal(r.timedOut, false, `reading ${path} did not return within 10 s`);
    assert.equal(r.code, 0, `the child died reading ${path} (signal ${r.signal})`);
    const out = JSON.parse(r.stdout) as { problems: string[]; hasSecret: boolean };
    assert.equal(out.hasSecret, false);
    assert.equal(out.problems.length, 1);
    assert.match(out.problems[0]!, reason);
  };

  test('a FIFO is refused at once instead of blocking the thread that loads topics', async () => {
    const fifo = join(dir, 'hook.fifo');
    execFileSync('mkfifo', [fifo]);
    await refused(fifo, /secretFile: cannot read .*hook\.fifo: not a regular file/);
  });

  test('/dev/zero is refused instead of being read until memory runs out', async () => {
    await refused('/dev/zero', /secretFile: cannot read \/dev\/zero: not a regular file/);
  });

  test('a file larger than 64 KiB is no secret', async () => {
    const big = join(dir, 'big.log');
    writeFileSync(big, 'x'.repeat(MAX_SECRET_FILE_BYTES + 1));
    await refused(big, /secretFile: cannot read .*big\.log: larger than 65536 bytes/);
  });

  test('an ordinary secret file still works, for webhooks and for *_FILE options', async () => {
    const file = join(dir, 'hook');
    writeFileSync(file, 'a-webhook-secret-0123456789\n');
    const r = await resolveInChild(file);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), { problems: [], hasSecret: true });
    assert.equal(readSecretFile('NEWSDESK_API_TOKEN_FILE', file), 'a-webhook-secret-0123456789');
    // In this process only a file that is safe to read whole before the fix too.
    const big = join(dir, 'big-option');
    writeFileSync(big, 'y'.repeat(MAX_SECRET_FILE_BYTES + 1));
    assert.throws(
      () => readSecretFile('NEWSDESK_API_TOKEN_FILE', big),
      /cannot read NEWSDESK_API_TOKEN_FILE=.*big-option: larger than 65536 bytes/,
    );
  });
});
