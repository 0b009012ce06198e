// Property-based fuzzing (fast-check) of the feed parser, the sanitiser, both query parsers, topic
// files and the excerpt cutter (the properties: property-cases.ts). Each property runs in its own
// worker thread: a crash fails with the shrunk counterexample, and a case that never returns (a
// runaway regex, a loop, an alias bomb) is ended after HANG_LIMIT_MS and fails as a hang. The
// limit is far above a normal run's length; it detects hangs, it does not measure speed.
// NEWSDESK_FUZZ_RUNS sets the number of cases per property (default 300).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { PROPERTIES } from './property-cases.js';

const HANG_LIMIT_MS = 120_000;

function runInWorker(name: string): Promise<{ ok: boolean; message?: string }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./property-worker.js', import.meta.url), { workerData: { name } });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ ok: false, message: `${name} did not finish within ${HANG_LIMIT_MS / 1000} s: a case hangs` });
    }, HANG_LIMIT_MS);
    worker.once('message', (m: { ok: boolean; message?: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(m);
    });
    worker.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

describe('fuzzing: no crash, no hang, invariants hold', () => {
  for (const name of Object.keys(PROPERTIES)) {
    it(name, async () => {
      const r = await runInWorker(name);
      assert.ok(r.ok, r.message);
    });
  }
});
