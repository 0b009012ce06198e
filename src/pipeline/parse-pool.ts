// Feed parsing off the serving thread. Parsing a 100,000-item feed is seconds of synchronous
// work; on the thread that also serves pages it stalled /healthz for as long. A ParsePool keeps a
// few worker threads (the extractor's approach, src/ingest/extract/isolated.ts): each parses one
// document at a time with a hard time limit and a heap cap; a document that breaks either costs
// its worker (terminated, the next job gets a fresh one) and fails its check with a reason.
// The same workers read the candidates of source discovery (src/ingest/discover/candidates.ts):
// adding a site at the desk fetches and parses feeds, sitemaps and pages chosen by that site.
import type { Worker } from 'node:worker_threads';
import type { CandidateJob, CandidateParser, CandidateResult } from '../ingest/discover/candidates.js';
import { ParseLimitError } from '../ingest/parse/errors.js';
import { spawnModuleWorker } from '../threads/spawn-worker.js';
import { FeedParseError, type ParsedDocument, type ParseJob } from './parse-document.js';

export interface ParsePoolOptions {
  /** Worker threads (default 1). */
  size?: number;
  /** Wall-clock limit per document, in ms (default 60 s). */
  hardLimitMs?: number;
  /** Old-generation heap cap per worker, in MB (default 1024). */
  maxHeapMb?: number;
}

/** Parses documents; `threadId` says where the work ran (tests check it was not the main thread). */
export interface DocumentParser {
  parse(job: ParseJob, signal?: AbortSignal): Promise<ParsedDocument & { threadId: number }>;
  close(): Promise<void>;
}

type Reply = { id: number; ok: true; value: unknown; threadId: number } | { id: number; ok: false; notAFeed: boolean; error: string };

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

/** Time a fresh worker may take to load its modules (apart from any document's limit). */
const START_LIMIT_MS = 60_000;

const workerUrl = new URL(`./parse-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

class ParseWorker {
  private worker: Worker | undefined;
  /** Resolves when the current worker has loaded its modules (it says so once). */
  private ready: Promise<void> = Promise.resolve();
  private nextId = 1;

  constructor(
    private readonly hardLimitMs: number,
    private readonly maxHeapMb: number,
  ) {}

  private spawn(): Worker {
    if (this.worker) return this.worker;
    const worker = spawnModuleWorker(workerUrl, this.maxHeapMb);
    this.worker = worker;
    this.ready = new Promise<void>((resolve) => {
      const onReady = (m: { ready?: boolean }): void => {
        if (m?.ready !== true) return;
        worker.off('message', onReady);
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

  run(request: WorkerRequest, wording: Wording, signal?: AbortSignal): Promise<{ value: unknown; threadId: number }> {
    if (signal?.aborted) return Promise.reject(signal.reason instanceof Error ? signal.reason : new Error('parse aborted'));
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
        else reject(m.notAFeed ? new FeedParseError(m.error) : new Error(m.error));
      };
      const onError = (err: Error): void => {
        cleanup();
        this.discard();
        const oom = (err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
        reject(
          oom
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
      // The bytes are copied, not transferred: the caller's buffer may be a view on a larger one.
      worker.postMessage({ id, ...request });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}

export class ParsePool implements DocumentParser, CandidateParser {
  private readonly idle: ParseWorker[] = [];
  private readonly waiting: Array<(w: ParseWorker) => void> = [];
  private readonly all: ParseWorker[] = [];

  constructor(o: ParsePoolOptions = {}) {
    for (let i = 0; i < Math.max(1, o.size ?? 1); i++) {
      const w = new ParseWorker(o.hardLimitMs ?? 60_000, o.maxHeapMb ?? 1024);
      this.all.push(w);
      this.idle.push(w);
    }
  }

  async parse(job: ParseJob, signal?: AbortSignal): Promise<ParsedDocument & { threadId: number }> {
    const { value, threadId } = await this.run({ job }, FEED_WORDING, signal);
    return { ...(value as ParsedDocument), threadId };
  }

  /** Reads one discovery candidate in a worker, under the same limits as a feed. */
  async read<J extends CandidateJob>(job: J, signal?: AbortSignal): Promise<CandidateResult<J>> {
    const { value } = await this.run({ candidate: job }, candidateWording(job), signal);
    return value as CandidateResult<J>;
  }

  private async run(request: WorkerRequest, wording: Wording, signal?: AbortSignal): Promise<{ value: unknown; threadId: number }> {
    const w = this.idle.pop() ?? (await new Promise<ParseWorker>((r) => this.waiting.push(r)));
    try {
      return await w.run(request, wording, signal);
    } finally {
      const next = this.waiting.shift();
      if (next) next(w);
      else this.idle.push(w);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.close()));
  }
}
