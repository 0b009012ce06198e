// Worker-thread entry for ParsePool: parses and adapts the documents posted to it, one at a time.
import { parentPort, threadId } from 'node:worker_threads';
import { FeedParseError, parseDocument, type ParseJob } from './parse-document.js';

if (!parentPort) throw new Error('parse-worker runs only as a worker thread');
const port = parentPort;

port.on('message', (m: { id: number; job: ParseJob }) => {
  try {
    port.postMessage({ id: m.id, ok: true, doc: parseDocument(m.job), threadId });
  } catch (err) {
    port.postMessage({
      id: m.id,
      ok: false,
      notAFeed: err instanceof FeedParseError,
      error: err instanceof Error ? err.message : String(err),
    });
  }
});
