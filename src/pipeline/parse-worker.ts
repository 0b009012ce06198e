// Worker-thread entry for ParsePool: parses and adapts the documents posted to it, one at a time,
// and reads the candidates of source discovery.
import { parentPort, threadId } from 'node:worker_threads';
import { readCandidate } from '../ingest/discover/candidates.js';
import { FeedParseError, parseDocument } from './parse-document.js';
import type { WorkerRequest } from './parse-pool.js';

if (!parentPort) throw new Error('parse-worker runs only as a worker thread');
const port = parentPort;
// Loaded: the pool's time limit for a document starts now, not while this thread was starting.
port.postMessage({ ready: true });

port.on('message', (m: { id: number } & WorkerRequest) => {
  try {
    const value = 'job' in m ? parseDocument(m.job) : readCandidate(m.candidate);
    port.postMessage({ id: m.id, ok: true, value, threadId });
  } catch (err) {
    port.postMessage({
      id: m.id,
      ok: false,
      notAFeed: err instanceof FeedParseError,
      error: err instanceof Error ? err.message : String(err),
    });
  }
});
