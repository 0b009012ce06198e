// Worker-thread entry for IsolatedExtractor: extracts the pages posted to it, one at a time.
import { parentPort } from 'node:worker_threads';
import { extractArticle } from './index.js';
import type { ExtractOptions } from './types.js';

type Job = { id: number; bytes: Uint8Array; url?: string; headers?: Record<string, string>; opts?: ExtractOptions };

if (!parentPort) throw new Error('worker-main.ts runs only as a worker thread');
const port = parentPort;

port.on('message', (job: Job) => {
  try {
    const result = extractArticle({ bytes: job.bytes, url: job.url, headers: job.headers }, job.opts);
    port.postMessage({ id: job.id, ok: true, result });
  } catch (err) {
    port.postMessage({ id: job.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
