// `newsdesk serve` runs its background work — fetching, extraction, tagging, clustering, alerts,
// jobs and the coordinator — on a thread of its own (ingest-thread-main.ts), beside the site.
//
// Why: on one thread, a reader's request waits behind whatever ingest is doing at that moment
// (with SQLite every store call is synchronous, so a check's save, tagging and clustering run on
// the site's event loop). On a thread of its own, with its own store connection (SQLite in WAL
// mode lets the site read while the thread writes), ingest uses the machine's other core and the
// site's loop only serves pages. The thread is a worker in everything but the process: the site
// talks to it through the store, as a web process talks to `newsdesk worker` processes, plus the
// few calls below (poll now, fetch now, reload topics, its metrics, stop).
import { Worker } from 'node:worker_threads';
import type { Config } from '../config/options.js';
import type { Logger } from '../log/logger.js';
import type { FetchNowResult } from '../web/desk/deps.js';

/** What the thread is started with (structured-cloned). */
export interface IngestThreadData {
  config: Config;
  name?: string;
}

/** What the site's thread asks of the ingest thread. */
type Request = { op: 'start' | 'pollNow' | 'reloadTopics' | 'metrics' | 'stop' } | { op: 'fetchNow'; sourceId: number };

/** A request as sent; each gets one reply with the same id. */
export type ToIngest = Request & { id: number };

/** What the thread says: replies, and news it volunteers. */
export type FromIngest =
  | { type: 'ready' }
  | { type: 'failed'; error: string }
  | { type: 'leading'; leading: boolean }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: string };

export interface IngestThread {
  /** Polls once now, resolving when done. */
  pollNow(): Promise<void>;
  /** Starts polling, jobs and the coordinator. */
  start(): Promise<void>;
  reloadTopics(): Promise<{ ok: boolean; errors: string[] }>;
  fetchNow(sourceId: number): Promise<FetchNowResult>;
  /** The thread's metrics as Prometheus text. */
  metricsText(): Promise<string>;
  /** Started, not stopping, and the thread alive. */
  running(): boolean;
  /** The thread leads the deployment's periodic work. */
  leading(): boolean;
  /** Stops like a worker on SIGTERM (in-flight checks get the stop deadline), then ends the thread. */
  stop(): Promise<void>;
}

const ENTRY = new URL('./ingest-thread-main.js', import.meta.url);
/** How long a thread whose work has stopped may take to end before it is ended. */
const THREAD_EXIT_GRACE_MS = 5000;

/** Starts the thread and resolves once its store is open and its pipeline built. */
export async function startIngestThread(o: { config: Config; log: Logger; name?: string }): Promise<IngestThread> {
  const data: IngestThreadData = { config: o.config, ...(o.name ? { name: o.name } : {}) };
  const worker = new Worker(ENTRY, { workerData: data });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let alive = true;
  let started = false;
  let stopping = false;
  let leading = false;

  const failAll = (why: string): void => {
    for (const p of pending.values()) p.reject(new Error(why));
    pending.clear();
  };
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: FromIngest) => {
      if (m.type === 'ready') resolve();
      else if (m.type === 'failed') reject(new Error(`the ingest thread could not start: ${m.error}`));
      else if (m.type === 'leading') leading = m.leading;
      else {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (!p) return;
        if (m.ok) p.resolve(m.value);
        else p.reject(new Error(m.error));
      }
    });
    worker.on('error', (err) => {
      // An error the thread did not catch ends it: the site keeps serving what is stored, and
      // /readyz says the role is not running, so an orchestrator (or the operator) restarts it.
      o.log.error({ err }, 'the ingest thread failed; fetching has stopped (restart Newsdesk)');
      reject(err);
    });
    worker.on('exit', (code) => {
      alive = false;
      leading = false;
      failAll(`the ingest thread ended (exit code ${code})`);
      if (!stopping) o.log.error({ code }, 'the ingest thread ended unexpectedly; fetching has stopped (restart Newsdesk)');
      reject(new Error(`the ingest thread ended before it was ready (exit code ${code})`));
    });
  });
  const call = <T>(m: Request): Promise<T> => {
    if (!alive) return Promise.reject(new Error('the ingest thread is not running'));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...m, id } satisfies ToIngest);
    });
  };
  try {
    await ready;
  } catch (err) {
    await worker.terminate();
    throw err;
  }
  let stopped: Promise<void> | undefined;
  return {
    pollNow: () => call<void>({ op: 'pollNow' }),
    start: async () => {
      await call<boolean>({ op: 'start' });
      started = true;
    },
    reloadTopics: () => call<{ ok: boolean; errors: string[] }>({ op: 'reloadTopics' }),
    fetchNow: (sourceId) => call<FetchNowResult>({ op: 'fetchNow', sourceId }),
    metricsText: () => call<string>({ op: 'metrics' }),
    running: () => alive && started && !stopping,
    leading: () => alive && leading,
    stop() {
      stopped ??= (async () => {
        stopping = true;
        if (!alive) return;
        const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
        try {
          await call<void>({ op: 'stop' });
        } catch (err) {
          o.log.warn({ err }, 'the ingest thread did not stop cleanly; ending it');
          await worker.terminate();
        }
        // Stopped work leaves nothing to wait for; a handle something forgot to close must not
        // keep the process from exiting.
        const grace = setTimeout(() => {
          o.log.warn('the ingest thread stopped its work but did not end; ending it');
          void worker.terminate();
        }, THREAD_EXIT_GRACE_MS);
        await exited;
        clearTimeout(grace);
      })();
      return stopped;
    },
  };
}
