// Logs a person can read: text lines on a terminal, JSON lines otherwise or when asked; the
// choice follows logFormat (file, NEWSDESK_LOG_FORMAT); lines written just before exit survive.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/config/options.js';
import { createLogger, type LoggerOptions } from '../../src/log/logger.js';
import { formatRecord } from '../../src/log/text-format.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { runCli } from '../helpers/run-cli.js';

function collect(opts: LoggerOptions): { lines: string[]; log: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  const log = createLogger('info', { ...opts, destination: { write: (s: string) => lines.push(s) } });
  return { lines, log };
}

const TEXT_LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO {2}scheduler: source checked sourceId=3 url=https:\/\/x\.example\/feed\n$/;

describe('logger', () => {
  it('writes JSON lines when asked, and when auto is not on a terminal', () => {
    for (const opts of [
      { format: 'json' as const, isTTY: true },
      { format: 'auto' as const, isTTY: false },
    ]) {
      const { lines, log } = collect(opts);
      log.child({ module: 'scheduler' }).info({ sourceId: 3, url: 'https://x.example/feed' }, 'source checked');
      assert.equal(lines.length, 1);
      const rec = JSON.parse(lines[0]!) as Record<string, unknown>;
      assert.equal(rec.msg, 'source checked');
      assert.equal(rec.level, 30);
      assert.equal(rec.module, 'scheduler');
      assert.equal(rec.sourceId, 3);
    }
  });

  it('writes one readable line per record when asked, and when auto is on a terminal', () => {
    for (const opts of [
      { format: 'text' as const, isTTY: false },
      { format: 'auto' as const, isTTY: true },
    ]) {
      const prev = process.env.NO_COLOR;
      process.env.NO_COLOR = '1';
      try {
        const { lines, log } = collect(opts);
        log.child({ module: 'scheduler' }).info({ sourceId: 3, url: 'https://x.example/feed' }, 'source checked');
        assert.equal(lines.length, 1);
        assert.match(lines[0]!, TEXT_LINE);
      } finally {
        if (prev === undefined) delete process.env.NO_COLOR;
        else process.env.NO_COLOR = prev;
      }
    }
  });

  it('colours the level only on a terminal', () => {
    const plain = collect({ format: 'text', isTTY: false });
    plain.log.warn('x');
    assert.doesNotMatch(plain.lines[0]!, /\u001b\[/);
    const prev = process.env.NO_COLOR;
    delete process.env.NO_COLOR;
    try {
      const tty = collect({ format: 'text', isTTY: true });
      tty.log.warn('x');
      assert.match(tty.lines[0]!, /\u001b\[33mWARN \u001b\[0m x\n$/);
    } finally {
      if (prev !== undefined) process.env.NO_COLOR = prev;
    }
  });

  it('shows an error with its stack, indented, and quotes values with spaces', () => {
    const { lines, log } = collect({ format: 'text', isTTY: false });
    log.error({ err: new Error('disk full'), title: 'Two words', n: 2, ok: false, tags: ['a', 'b'] }, 'save failed');
    const [head, ...stack] = lines[0]!.trimEnd().split('\n');
    assert.match(head!, / ERROR save failed title="Two words" n=2 ok=false tags=\["a","b"\]$/);
    assert.match(stack[0]!, /^ {4}Error: disk full$/);
    assert.match(stack[1]!, /^ {4}\s+at /);
  });

  it('escapes control characters from untrusted fields, so nothing forges a line or drives the terminal', () => {
    const line = formatRecord(JSON.stringify({ level: 40, time: 't', msg: 'bad\ntitle', title: 'a\u001b[2Jb', url: 'x\r\nINFO fake' }), {
      color: false,
    });
    assert.equal(line, 't WARN  bad\\ntitle title=a\\u001b[2Jb url="x\\r\\nINFO fake"\n');
    assert.equal(line.split('\n').length, 2);
  });

  it('reads logFormat from the config file and NEWSDESK_LOG_FORMAT, refusing other values', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nd-log-'));
    try {
      const file = join(dir, 'c.yaml');
      writeFileSync(file, 'logFormat: text\n');
      assert.equal(loadConfig({ env: {} }).logFormat, 'auto');
      assert.equal(loadConfig({ file, env: {} }).logFormat, 'text');
      assert.equal(loadConfig({ file, env: { NEWSDESK_LOG_FORMAT: 'json' } }).logFormat, 'json');
      assert.throws(
        () => loadConfig({ env: { NEWSDESK_LOG_FORMAT: 'pretty' } }),
        (e: unknown) => {
          assert.ok(e instanceof ConfigError);
          assert.match(e.message, /logFormat: "pretty" is not one of auto, text, json \(from environment variable NEWSDESK_LOG_FORMAT\)/);
          return true;
        },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the last lines of a process that exits at once, in both formats', async () => {
    const loggerJs = fileURLToPath(new URL('../../src/log/logger.js', import.meta.url));
    const script = `
      import { configureLogging, logger } from ${JSON.stringify(loggerJs)};
      configureLogging({ logLevel: 'info', logFormat: process.argv[1] });
      for (let i = 0; i < 200; i++) logger('exit').info({ i }, 'line');
      logger('exit').fatal('last words');
      process.exit(3);`;
    for (const format of ['text', 'json']) {
      const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const p = spawn(process.execPath, ['--input-type=module', '-e', script, format], { stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        p.stderr.on('data', (d: Buffer) => (err += d.toString()));
        p.on('close', (c) => resolve({ code: c, stderr: err }));
      });
      assert.equal(code, 3);
      const lines = stderr.trimEnd().split('\n');
      assert.equal(lines.length, 201, format);
      if (format === 'json') assert.equal((JSON.parse(lines[200]!) as { msg: string }).msg, 'last words');
      else assert.match(lines[200]!, / FATAL exit: last words$/);
    }
  });

  it('follows the config file in a real command, the environment winning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nd-log-cli-'));
    try {
      const db = join(dir, 'n.db');
      const store = await SqliteStore.open({ path: db });
      // Port 1 on loopback refuses the connection: the poll logs a warning.
      await store.sources.add({ url: 'http://127.0.0.1:1/feed.xml', title: 'Nowhere' });
      await store.close();
      const cfg = join(dir, 'c.yaml');
      writeFileSync(cfg, 'logFormat: text\nlogLevel: warn\n');
      const text = await runCli(['poll', '--once', '--db', db], { NEWSDESK_CONFIG: cfg, NEWSDESK_LOG_LEVEL: 'warn' });
      assert.match(text.stderr, /^\S+Z WARN {2}poll: check failed sourceId=1 url=http:\/\/127\.0\.0\.1:1\/feed\.xml error="/m);
      const json = await runCli(['poll', '--once', '--all', '--db', db], {
        NEWSDESK_CONFIG: cfg,
        NEWSDESK_LOG_LEVEL: 'warn',
        NEWSDESK_LOG_FORMAT: 'json',
      });
      const line = json.stderr.split('\n').find((l) => l.includes('check failed'));
      assert.ok(line, json.stderr);
      assert.equal((JSON.parse(line) as { module: string }).module, 'poll');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
