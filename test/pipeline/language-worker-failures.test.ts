// The language worker's failures (r2-langid2): a worker that crashes, throws, runs out of memory
// or never answers fails the guesses it held and is replaced at the next guess; a guess given up
// by its signal rejects and stops holding the process open. A stand-in worker
// (test/helpers/misbehaving-language-worker.ts) misbehaves on demand. No timing assertion: the
// stall limit is short so a stuck worker is noticed, and the tests' own limits only bound a hang.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { WorkerLanguageGuesser } from '../../src/pipeline/detect-language.js';

const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const workerUrl = new URL(`../helpers/misbehaving-language-worker${ext}`, import.meta.url);

for (const how of ['exit', 'throw', 'oom'] as const) {
  test(`a worker that fails (${how}) fails the guesses it held; the next guess starts another`, { timeout: 120_000 }, async () => {
    const guesser = new WorkerLanguageGuesser({ workerUrl, heapMb: 32 });
    try {
      const a = guesser.guess([how]);
      const b = guesser.guess(['queued behind it']);
      await assert.rejects(a);
      await assert.rejects(b);
      assert.equal(guesser.held, 0);
      assert.deepEqual(await guesser.guess(['fine now']), ['en']);
      assert.equal(guesser.started, 2);
    } finally {
      await guesser.close();
    }
  });
}

test('a worker that never answers is ended after the stall limit, failing its guesses', { timeout: 120_000 }, async () => {
  const guesser = new WorkerLanguageGuesser({ workerUrl, stallMs: 300 });
  try {
    await assert.rejects(guesser.guess(['hang']), /answered nothing/);
    assert.equal(guesser.held, 0);
    assert.deepEqual(await guesser.guess(['fine now']), ['en']);
    assert.equal(guesser.started, 2);
  } finally {
    await guesser.close();
  }
});

test('a guess given up by its signal rejects at once and leaves the worker for the next', { timeout: 120_000 }, async () => {
  const guesser = new WorkerLanguageGuesser({ workerUrl });
  try {
    const stop = new AbortController();
    stop.abort(new Error('stopping'));
    await assert.rejects(guesser.guess(['fine'], stop.signal), /stopping/);
    assert.equal(guesser.started, 0, 'nothing started for a guess already given up');
    const later = new AbortController();
    const g = guesser.guess(['fine'], later.signal);
    later.abort(new Error('stopping'));
    await assert.rejects(g, /stopping/);
    assert.equal(guesser.held, 0);
  } finally {
    await guesser.close();
  }
});

// A process whose only guess is stuck in the worker and given up by its signal (a stop whose
// deadline passed) ends by itself: the worker no longer holds it open.
const CHILD = `
import { WorkerLanguageGuesser } from ${JSON.stringify(new URL(`../../src/pipeline/detect-language${ext}`, import.meta.url).href)};
const guesser = new WorkerLanguageGuesser({ workerUrl: new URL(${JSON.stringify(workerUrl.href)}) });
const stop = new AbortController();
const g = guesser.guess(['hang'], stop.signal);
setTimeout(() => stop.abort(new Error('stopping')), 200);
await g.then(() => process.exit(5), (e) => process.stdout.write('given up: ' + e.message + '\\n'));
`;

test('a process whose guess is stuck ends once the guess is given up', { timeout: 120_000 }, async () => {
  // A file, not --eval: a worker thread inherits the process's flags, and --input-type refuses a file.
  const script = join(mkdtempSync(join(tmpdir(), 'newsdesk-langworker-')), 'stuck.mjs');
  writeFileSync(script, CHILD);
  const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  // Generous: a process held open by the stuck worker never ends; it is then killed and the test fails.
  const killer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('exit', (c, s) => resolve([c, s])),
  );
  clearTimeout(killer);
  assert.equal(out.trim(), 'given up: stopping');
  assert.deepEqual([code, signal], [0, null], 'the process ended by itself');
});
