// Extraction in a worker thread with a hard deadline and a heap cap. The extractor's own time
// budget is cooperative (checked between stages; Readability's passes cannot be interrupted),
// so a page that defeats it could otherwise stall a whole batch. Here such a page costs one
// worker: it is terminated, the page gets an error, and the next page gets a fresh worker.
import type { Worker } from 'node:worker_threads';
import { checkHeapCap, fitsHeapCap, isOutOfMemory, megabytes } from '../../threads/heap-cap.js';
import { spawnModuleWorker } from '../../threads/spawn-worker.js';
import type { ExtractOptions, ExtractResult } from './types.js';

export interface IsolatedOptions extends ExtractOptions {
  /** Wall-clock limit per page, in ms, after which the worker is terminated. */
  hardLimitMs?: number | undefined;
  /**
   * Old-generation heap cap for the worker, in MB (default 1024, at least MIN_WORKER_HEAP_MB). A
   * page larger than half of it is abandoned before it is posted (src/threads/heap-cap.ts).
   */
  maxHeapMb?: number | undefined;
}

export class ExtractTimeoutError extends Error {
  override name = 'ExtractTimeoutError';
}

/** The page was abandoned for the worker's heap cap: it needed more, or was over half of it. */
export class ExtractMemoryError extends Error {
  override name = 'ExtractMemoryError';
}

type Reply = { id: number; ok: true; result: ExtractResult } | { id: number; ok: false; error: string };

const workerUrl = new URL(`./worker-main${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

/** A reusable worker that extracts one page at a time. Call close() when done. */
export class IsolatedExtractor {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly hardLimitMs: number;
  private readonly maxHeapMb: number;

  constructor(private readonly opts: IsolatedOptions = {}) {
    this.hardLimitMs = opts.hardLimitMs ?? Math.max(10_000, 4 * (opts.timeBudgetMs ?? 5000));
    this.maxHeapMb = checkHeapCap(opts.maxHeapMb ?? 1024);
  }

  private spawn(): Worker {
    this.worker ??= spawnModuleWorker(workerUrl, this.maxHeapMb);
    return this.worker;
  }

  private discard(): void {
    const w = this.worker;
    this.worker = undefined;
    if (w) void w.terminate();
  }

  extract(bytes: Uint8Array, url?: string, headers?: Record<string, string>): Promise<ExtractResult> {
    // Over half the cap, the page's text could grow the heap past it in one step, which aborts
    // the whole process rather than the worker: it is not posted.
    if (!fitsHeapCap(bytes.byteLength, this.maxHeapMb))
      return Promise.reject(
        new ExtractMemoryError(
          `extraction would need more than ${this.maxHeapMb} MB of memory (a ${megabytes(bytes.byteLength)} MB page, over half the extractor's heap cap); page abandoned`,
        ),
      );
    const worker = this.spawn();
    const id = this.nextId++;
    return new Promise<ExtractResult>((resolve, reject) => {
      const cleanup = (): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        worker.unref();
      };
      const onMessage = (m: Reply): void => {
        if (m.id !== id) return;
        cleanup();
        if (m.ok) resolve(m.result);
        else reject(new Error(m.error));
      };
      const onError = (err: Error): void => {
        cleanup();
        this.discard();
        reject(
          isOutOfMemory(err)
            ? new ExtractMemoryError(`extraction needed more than ${this.maxHeapMb} MB of memory; page abandoned`)
            : new Error(err.message),
        );
      };
      const onExit = (code: number): void => {
        cleanup();
        this.discard();
        reject(new Error(`extraction worker exited (code ${code})`));
      };
      const timer = setTimeout(() => {
        cleanup();
        this.discard();
        reject(new ExtractTimeoutError(`extraction took longer than ${this.hardLimitMs} ms; page abandoned`));
      }, this.hardLimitMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.ref();
      worker.postMessage({ id, bytes, url, headers, opts: { timeBudgetMs: this.opts.timeBudgetMs } });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}
