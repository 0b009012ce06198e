// Runs one property of property-cases.ts in a worker thread and reports how it ended.
import { parentPort, workerData } from 'node:worker_threads';
import { PROPERTIES } from './property-cases.js';

const { name } = workerData as { name: string };
try {
  const prop = PROPERTIES[name];
  if (!prop) throw new Error(`no property named ${name}`);
  prop();
  parentPort?.postMessage({ ok: true });
} catch (err) {
  parentPort?.postMessage({ ok: false, message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
}
