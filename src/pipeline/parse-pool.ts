// Feed parsing off the serving thread. Parsing a 100,000-item feed is seconds of synchronous
// work; on the thread that also serves pages it stalled /healthz for as long. A ParsePool keeps a
// few worker threads (the extractor's approach, src/ingest/extract/isolated.ts): each parses one
// document at a time with a hard time limit and a heap cap; a document that breaks either costs
// its worker (terminated, the next job gets a fresh one) and fails its check with a reason.
// The same workers read the candidates of source discovery (src/ingest/discover/candidates.ts):
// adding a site at the desk fetches and parses feeds, sitemaps and pages chosen by that site.
import type { Worker } from 'node:worker_threads';
import type { CandidateJob, CandidateParser, CandidateResult } from '../ingest/discover/candidates.js';
import { listingSize } from '../ingest/listing/page-doc.js';
import { ParseLimitError } from '../ingest/parse/errors.js';
import { checkHeapCap, fitsHeapCap, isOutOfMemory, megabytes } from '../threads/heap-cap.js';
import { spawnModuleWorker } from '../threads/spawn-worker.js';
import { wholeBuffer } from '../threads/transfer.js';
import { NotAFeedError } from './not-a-feed.js';
import { FeedParseError, type ParsedDocument, type ParseJob } from './parse-document.js';

export interface ParsePoolOptions {
  /** Worker threads (default 1). */
  size?: number;
  /**
   * Workers that a source's own pages (ops `sitemap-file` and `listing-page`: a sitemap source's
   * files, a listing source's pages) may hold at once (default: all of them). Fewer than `size`
   * keeps a lane for feeds and discovery: a feed's parse never waits behind a big sitemap's.
   */
  maxPageWorkers?: number;
  /** Wall-clock limit per document, in ms (default 60 s). */
  hardLimitMs?: number;
  /**
   * Old-generation heap cap per worker, in MB (default 1024, at least MIN_WORKER_HEAP_MB). A
   * document larger than half of it is abandoned before it is posted (src/threads/heap-cap.ts).
   */
  maxHeapMb?: number;
}

/** Parses documents; `threadId` says where the work ran (tests check it was not the main thread). */
export interface DocumentParser {
  /**
   * With `transfer`, the caller hands the feed's bytes over (they may be detached after, src/threads/transfer.ts):
   * a document that is no feed then rejects with the NotAFeedError worked out where the bytes went.
   */
  parse(job: ParseJob, signal?: AbortSignal, opts?: { transfer?: boolean }): Promise<ParsedDocument & { threadId: number }>;
  close(): Promise<void>;
}

/** A feed that is no feed, explained in the worker (not-a-feed.ts) from the bytes it was given. */
interface NotAFeedHint {
  message: string;
  advertised: string[];
  empty: boolean;
}

type Reply =
  | { id: number; ok: true; value: unknown; threadId: number }
  | { id: number; ok: false; notAFeed: boolean; error: string; hint?: NotAFeedHint };

/** What the worker is asked: a feed to parse and adapt, or a discovery candidate to read. */
export type WorkerRequest = { job: ParseJob } | { candidate: CandidateJob };

/** How a job's failures are worded: what was being parsed, and why it stopped when its signal fired. */
interface Wording {
  what: string;
  stopped: string;
}

const FEED_WORDING: Wording = { what: 'the feed', stopped: 'feed parsing stopped: shutting down' };

function candidateWording(job: CandidateJob): Wording {
  const what = job.op === 'feed' ? 'the feed' : job.op === 'sitemap' || job.op === 'sitemap-file' ? 'the sitemap' : 'the page';
  // A source's own documents (a preview's teasers, a fetch now) are read outside discovery too.
  const who = job.op === 'sitemap-file' || job.op === 'listing-page' ? 'the read ended' : 'discovery ended';
  return { what, stopped: `reading ${what} stopped: ${who} (its deadline, or shutting down)` };
}

/** The size of the document a request posts: bytes, or characters of text already decoded. */
function documentSize(request: WorkerRequest): number {
  if ('job' in request) return request.job.bytes.byteLength;
  const c = request.candidate;
  return c.op === 'listing-page' ? listingSize(c.doc) : c.doc.bytes.byteLength;
}

/** The request's bytes, when it posts bytes (a listing page may be posted decoded). */
function documentBytes(request: WorkerRequest): Uint8Array | undefined {
  if ('job' in request) return request.job.bytes;
  const doc = request.candidate.doc;
  return 'bytes' in doc ? doc.bytes : undefined;
}

/**
 * What may be transferred, not copied, to the worker: the request's bytes when the caller hands
 * them over (`transfer`) and they are a whole buffer (src/threads/transfer.ts); else nothing.
 */
function transferList(request: WorkerRequest, transfer: boolean): ArrayBuffer[] {
  if (!transfer) return [];
  const bytes = documentBytes(request);
  const whole = bytes && wholeBuffer(bytes);
  return whole ? [whole] : [];
}

/** Time a fresh worker may take to load its modules (apart from any document's limit). */
const START_LIMIT_MS = 60_000;

const workerUrl = new URL(`./parse-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

class ParseWorker {
  private worker: Worker | undefined;
  /** Resolves when the current worker has loaded its modules (it says so once). */
  private ready: Promise<void> = Promise.resolve();
  /** Whether the current worker has said it loaded (a worker out of memory before that could not start). */
  private started = false;
  private nextId = 1;

  constructor(
    private readonly hardLimitMs: number,
    private readonly maxHeapMb: number,
  ) {}

  private spawn(): Worker {
    if (this.worker) return this.worker;
    const worker = spawnModuleWorker(workerUrl, this.maxHeapMb);
    this.worker = worker;
    this.started = false;
    this.ready = new Promise<void>((resolve) => {
      const onReady = (m: { ready?: boolean }): void => {
        if (m?.ready !== true) return;
        worker.off('message', onReady);
        if (this.worker === worker) this.started = true;
        resolve();
      };
      worker.on('message', onReady);
      // A worker that dies while loading never says so: the job's own handlers report it.
      worker.once('exit', () => resolve());
    });
    return worker;
  }

  private discard(): void {
    const w = this.worker;
    this.worker = undefined;
    if (w) void w.terminate();
  }

  run(request: WorkerRequest, wording: Wording, signal?: AbortSignal, transfer = false): Promise<{ value: unknown; threadId: number }> {
    if (signal?.aborted) return Promise.reject(signal.reason instanceof Error ? signal.reason : new Error('parse aborted'));
    // A document over half the cap could grow the worker's heap past it in one step (its text,
    // decoded at once), which aborts the whole process rather than the worker: it is not posted.
    const size = documentSize(request);
    if (!fitsHeapCap(size, this.maxHeapMb))
      return Promise.reject(
        new ParseLimitError(
          `parsing ${wording.what} would need more than ${this.maxHeapMb} MB of memory (a ${megabytes(size)} MB document, over half the parser's heap cap); document abandoned`,
        ),
      );
    const worker = this.spawn();
    const ready = this.ready;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      let settled = false;
      const cleanup = (): void => {
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        worker.unref();
      };
      const onMessage = (m: Reply): void => {
        if (m.id !== id) return;
        cleanup();
        if (m.ok) resolve({ value: m.value, threadId: m.threadId });
        else
          reject(
            m.hint
              ? new NotAFeedError(m.hint.message, m.hint.advertised, m.hint.empty)
              : m.notAFeed
                ? new FeedParseError(m.error)
                : new Error(m.error),
          );
      };
      const onError = (err: Error): void => {
        const started = this.started;
        cleanup();
        this.discard();
        // Out of memory while loading its modules: the cap, not the document, is at fault.
        if (isOutOfMemory(err) && !started)
          reject(new Error(`the parser worker ran out of its ${this.maxHeapMb} MB heap while starting; ${wording.what} was not read`));
        else
          reject(
            isOutOfMemory(err)
              ? new ParseLimitError(`parsing ${wording.what} needed more than ${this.maxHeapMb} MB of memory; document abandoned`)
              : new ParseLimitError(err.message),
          );
      };
      const onExit = (code: number): void => {
        cleanup();
        this.discard();
        reject(new ParseLimitError(`feed parser worker exited (code ${code})`));
      };
      // Stopping (shutdown) must not wait for a long parse: the worker is ended with the job.
      const onAbort = (): void => {
        cleanup();
        this.discard();
        reject(new Error(wording.stopped));
      };
      const onTimeout = (): void => {
        cleanup();
        this.discard();
        reject(new ParseLimitError(`parsing ${wording.what} took longer than ${this.hardLimitMs} ms; document abandoned`));
      };
      // The limit is the document's: it starts once a fresh worker has loaded (a cold start on a
      // busy machine is no fault of the document); the start has a bound of its own.
      let timer = setTimeout(() => {
        cleanup();
        this.discard();
        reject(new ParseLimitError(`the parser worker did not start within ${START_LIMIT_MS} ms; ${wording.what} was not read`));
      }, START_LIMIT_MS);
      void ready.then(() => {
        if (settled) return;
        clearTimeout(timer);
        timer = setTimeout(onTimeout, this.hardLimitMs);
      });
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.ref();
      // Handed over, a whole buffer moves to the worker (detached here); anything else is copied.
      worker.postMessage({ id, ...request }, transferList(request, transfer));
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}

/** Which of the pool's lanes a request queues in: a source's pages (may be capped) or the rest. */
type Lane = 'pages' | 'other';

function laneOf(request: WorkerRequest): Lane {
  return 'candidate' in request && (request.candidate.op === 'sitemap-file' || request.candidate.op === 'listing-page') ? 'pages' : 'other';
}

export class ParsePool implements DocumentParser, CandidateParser {
  private readonly idle: ParseWorker[] = [];
  private readonly waiting: Array<{ lane: Lane; take: (w: ParseWorker) => void }> = [];
  private readonly all: ParseWorker[] = [];
  private readonly maxPageWorkers: number;
  /** Workers held by pages now. */
  private pageWorkers = 0;

  constructor(o: ParsePoolOptions = {}) {
    const size = Math.max(1, o.size ?? 1);
    for (let i = 0; i < size; i++) {
      const w = new ParseWorker(o.hardLimitMs ?? 60_000, checkHeapCap(o.maxHeapMb ?? 1024));
      this.all.push(w);
      this.idle.push(w);
    }
    this.maxPageWorkers = Math.min(size, Math.max(1, o.maxPageWorkers ?? size));
  }

  async parse(job: ParseJob, signal?: AbortSignal, opts: { transfer?: boolean } = {}): Promise<ParsedDocument & { threadId: number }> {
    const { value, threadId } = await this.run({ job }, FEED_WORDING, signal, opts.transfer === true);
    return { ...(value as ParsedDocument), threadId };
  }

  /**
   * Reads one discovery candidate in a worker, under the same limits as a feed. With `transfer`,
   * the caller hands the document's bytes over: it must not read them again, as they may be
   * detached (moved to the worker) when they are a whole buffer.
   */
  async read<J extends CandidateJob>(job: J, signal?: AbortSignal, opts: { transfer?: boolean } = {}): Promise<CandidateResult<J>> {
    const { value } = await this.run({ candidate: job }, candidateWording(job), signal, opts.transfer === true);
    return value as CandidateResult<J>;
  }

  private allowed(lane: Lane): boolean {
    return lane === 'other' || this.pageWorkers < this.maxPageWorkers;
  }

  private acquire(lane: Lane): Promise<ParseWorker> {
    if (this.idle.length > 0 && this.allowed(lane)) {
      if (lane === 'pages') this.pageWorkers++;
      return Promise.resolve(this.idle.pop()!);
    }
    return new Promise((take) => this.waiting.push({ lane, take }));
  }

  /** The worker to the first waiting request its lane lets through, else back to the idle ones. */
  private release(w: ParseWorker, lane: Lane): void {
    if (lane === 'pages') this.pageWorkers--;
    const at = this.waiting.findIndex((x) => this.allowed(x.lane));
    if (at < 0) {
      this.idle.push(w);
      return;
    }
    const [next] = this.waiting.splice(at, 1);
    if (next!.lane === 'pages') this.pageWorkers++;
    next!.take(w);
  }

  private async run(
    request: WorkerRequest,
    wording: Wording,
    signal?: AbortSignal,
    transfer = false,
  ): Promise<{ value: unknown; threadId: number }> {
    const lane = laneOf(request);
    const w = await this.acquire(lane);
    try {
      return await w.run(request, wording, signal, transfer);
    } finally {
      this.release(w, lane);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.close()));
  }
}
