// The open-loop reader of bench/scale.ts, in a worker thread of its own: the bench's main thread
// also serves the fixture's feeds, and a request sent late because that loop was busy would count
// the fixture's work against the page. Requests go out at Poisson-spaced times averaging `rate`
// per second, each at its time whether or not earlier ones were answered; a latency runs from the
// scheduled time, so a send this thread made late still counts (and its lateness is reported).
// Stops on any message from the parent, then posts { times, lags } (ms, unsorted).
import { parentPort, workerData } from 'node:worker_threads';
import { rng } from './lib/rng.js';

const { url, rate, seed } = workerData as { url: string; rate: number; seed: number };

let done = false;
parentPort?.once('message', () => (done = true));
const times: number[] = [];
const lags: number[] = [];
// The same pseudo-random sequence every run, so two runs send at the same times.
const random = rng(seed);
const pending: Promise<void>[] = [];
let next = performance.now();
while (!done) {
  next += (-Math.log(1 - random()) * 1000) / rate;
  const wait = next - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  if (done) break;
  const scheduled = next;
  lags.push(performance.now() - scheduled);
  pending.push(
    fetch(`${url}/topics/fixture`)
      .then((r) => r.arrayBuffer())
      .then(() => void times.push(performance.now() - scheduled)),
  );
}
await Promise.all(pending);
parentPort?.postMessage({ times, lags });
