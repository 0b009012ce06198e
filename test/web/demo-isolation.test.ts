// Two demos started from one checkout: each keeps its sources in a database of its own, so
// neither re-points the other's sample sources at its own (short-lived) sample server, and
// neither leaves a database behind in the working directory.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { cliCommand } from '../helpers/repo.js';

interface Demo {
  child: ChildProcess;
  url: string;
  samples: string;
  db: string;
  exited: Promise<number | null>;
}

/** Starts `newsdesk demo --port 0` in `cwd` and waits for its banner (site URL, sample server, database). */
function startDemo(cwd: string): Promise<Demo> {
  const { cmd, args } = cliCommand();
  const child = spawn(cmd, [...args, 'demo', '--port', '0'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: process.env.NODE_OPTIONS ?? '', NEWSDESK_LOG_LEVEL: 'error', CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`demo did not start within 60 s:\n${out}\n${err}`)), 60_000);
    const check = (): void => {
      const url = /^(http:\/\/\S+?)\/?$/m.exec(out)?.[1];
      const banner = /sample feeds at (http:\/\/127\.0\.0\.1:\d+)\/feeds\/\S*(?: a temporary database, (.+?), removed on exit)?/.exec(err);
      if (url && banner) {
        clearTimeout(timer);
        resolve({ child, url, samples: banner[1]!, db: banner[2] ?? '', exited });
      }
    };
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      check();
    });
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      check();
    });
    void exited.then((code) => reject(new Error(`demo exited (${code}) before it started:\n${out}\n${err}`)));
  });
}

async function sourceUrls(d: Demo): Promise<string[]> {
  const res = await fetch(`${d.url}/api/v1/sources`);
  return ((await res.json()) as { items: { url: string }[] }).items.map((s) => s.url);
}

describe('two demos from one checkout', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'newsdesk-demo-cwd-'));
  const started: Demo[] = [];
  after(async () => {
    for (const d of started) if (d.child.exitCode === null) d.child.kill('SIGTERM');
    await Promise.all(started.map((d) => d.exited));
    rmSync(cwd, { recursive: true, force: true });
  });

  it('keep their own sources, each pointing at its own sample server', async () => {
    const first = await startDemo(cwd);
    started.push(first);
    const second = await startDemo(cwd);
    started.push(second);
    assert.notEqual(first.samples, second.samples);
    for (const d of [first, second]) {
      const urls = await sourceUrls(d);
      assert.equal(urls.length, 8);
      for (const u of urls) assert.ok(u.startsWith(`${d.samples}/feeds/`), `${u} is served by ${d.samples}`);
    }
    assert.equal(existsSync(join(cwd, 'data')), false, 'no shared database in the working directory');
    assert.ok(first.db && second.db && first.db !== second.db, 'each names its own temporary database');

    // Stopped, each demo removes its temporary database.
    for (const d of [first, second]) {
      assert.ok(existsSync(d.db));
      d.child.kill('SIGTERM');
      assert.equal(await d.exited, 0);
      assert.equal(existsSync(d.db), false);
    }
  });
});
