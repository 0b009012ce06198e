// Starts a worker thread on a module of ours with a heap cap. Shared by the parser pool and the
// extractor pool: both isolate untrusted input the same way.
import { Worker } from 'node:worker_threads';

/**
 * A worker on `workerUrl` with its old generation capped at `maxHeapMb`, unref'd so a worker
 * waiting for work never keeps the process alive on its own.
 */
export function spawnModuleWorker(workerUrl: URL, maxHeapMb: number): Worker {
  const limits = { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } };
  let worker: Worker;
  // Run from TypeScript source (tests under tsx), the worker registers tsx itself: on Node 20 the
  // main thread's loader hooks do not reach worker threads.
  if (workerUrl.pathname.endsWith('.ts')) {
    const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
    const entry = JSON.stringify(workerUrl.href);
    worker = new Worker(`import(${tsx}).then((t) => { t.register(); return import(${entry}); });`, { ...limits, eval: true });
  } else {
    worker = new Worker(workerUrl, limits);
  }
  worker.unref();
  return worker;
}
