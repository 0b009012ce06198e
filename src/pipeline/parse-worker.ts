// Worker-thread entry for ParsePool: parses and adapts the documents posted to it, one at a time,
// and reads the candidates of source discovery.
import { parentPort, threadId } from 'node:worker_threads';
import { readCandidate } from '../ingest/discover/candidates.js';
import { notAFeed } from './not-a-feed.js';
import { FeedParseError, parseDocument } from './parse-document.js';
import type { WorkerRequest } from './parse-pool.js';
import { pickSitemapUrls, pickedTransfer } from './pick-sitemap.js';

if (!parentPort) throw new Error('parse-worker runs only as a worker thread');
const port = parentPort;
// Loaded: the pool's time limit for a document starts now, not while this thread was starting.
port.postMessage({ ready: true });

port.on('message', (m: { id: number } & WorkerRequest) => {
  try {
    const c = 'candidate' in m ? m.candidate : undefined;
    // A scheduled check's sitemap file: only what it will store crosses back (pick-sitemap.ts).
    const value =
      'job' in m
        ? parseDocument(m.job)
        : c?.op === 'sitemap-file' && c.pick
          ? pickSitemapUrls(readCandidate({ op: 'sitemap-file', doc: c.doc }), c.pick)
          : readCandidate(m.candidate);
    port.postMessage({ id: m.id, ok: true, value, threadId }, pickedTransfer(value));
  } catch (err) {
    // A feed that is no feed is explained here, from the bytes this thread holds (the pages it
    // advertises, or blank), so the reader that handed them over need not keep them to reread.
    const hint =
      'job' in m && err instanceof FeedParseError && m.job.url !== undefined
        ? notAFeed(err.message, m.job.bytes, m.job.url, m.job.headers ?? {})
        : undefined;
    port.postMessage({
      id: m.id,
      ok: false,
      notAFeed: err instanceof FeedParseError,
      error: err instanceof Error ? err.message : String(err),
      ...(hint ? { hint: { message: hint.message, advertised: hint.advertised, empty: hint.empty } } : {}),
    });
  }
});
