// The ingest thread of `newsdesk serve`: everything a `newsdesk worker` does (polling with leases,
// full-text extraction, tagging, clustering, alert delivery, jobs and the coordinator), on a
// thread of its own with its own store connection, so the site's thread only answers readers.
// It is started and driven by ingest-thread.ts; the messages are defined there.
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../config/options.js';
import { configureLogging } from '../log/logger.js';
import { Registry } from '../metrics/registry.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/store.js';
import { buildBackground, type Background } from './background.js';
import { buildDeskFunctions } from './desk.js';
import type { FetchNowResult } from '../web/desk/deps.js';
import type { FromIngest, IngestThreadData, ToIngest } from './ingest-thread.js';
import { lowerThisThread } from './lower-priority.js';

if (!parentPort) throw new Error('ingest-thread-main.ts runs as a worker thread (started by ingest-thread.ts)');
const port = parentPort;
const data = workerData as IngestThreadData;
const config: Config = data.config;
const log = configureLogging(config).child({ module: 'ingest', thread: 'ingest' });

const send = (m: FromIngest): void => port.postMessage(m);

let store: Store | undefined;
let registry: Registry | undefined;

type FetchNow = (sourceId: number) => Promise<FetchNowResult>;

async function boot(): Promise<{ background: Background; fetchNow: FetchNow }> {
  // Before anything starts: the extraction threads this thread starts later inherit it.
  const nice = lowerThisThread(config.workerNice);
  if (nice !== undefined) log.debug({ nice }, 'the ingest thread runs at a lower CPU priority than the site');
  store = await openStore(config);
  const metrics = new Registry();
  const background = await buildBackground({
    store,
    config,
    log,
    metrics,
    poll: true,
    ...(data.name ? { name: data.name } : {}),
    onLeading: (leading) => send({ type: 'leading', leading }),
  });
  registry = metrics;
  // Fetch now from the desk runs here, with the steps a poll uses (tagging, clustering).
  const { fetchNow } = buildDeskFunctions({ store, config, log, topics: background.pipeline.topics, steps: background.pipeline.steps });
  if (!fetchNow) throw new Error('the desk functions have no fetch now');
  return { background, fetchNow };
}

async function main(): Promise<void> {
  let booted: Awaited<ReturnType<typeof boot>>;
  try {
    booted = await boot();
  } catch (err) {
    send({ type: 'failed', error: err instanceof Error ? err.message : String(err) });
    await store?.close().catch(() => undefined);
    port.close();
    return;
  }
  const bg = booted.background;
  port.on('message', (m: ToIngest) => {
    const reply = (work: () => Promise<unknown>): void => {
      work().then(
        (value) => send({ type: 'reply', id: m.id, ok: true, value }),
        (err: unknown) => {
          log.error({ err, op: m.op }, 'ingest thread: request failed');
          send({ type: 'reply', id: m.id, ok: false, error: err instanceof Error ? err.message : String(err) });
        },
      );
    };
    switch (m.op) {
      case 'start':
        bg.start();
        return reply(async () => true);
      case 'pollNow':
        return reply(() => bg.pollNow());
      case 'reloadTopics':
        return reply(async () => (bg.pipeline.topics ? bg.pipeline.topics.reload() : { ok: true, errors: [] }));
      case 'fetchNow':
        return reply(() => booted.fetchNow(m.sourceId));
      case 'metrics':
        return reply(async () => (registry ? registry.render() : ''));
      case 'stop':
        return reply(async () => {
          await bg.stop();
          await store?.close();
          // Nothing else to do: let the thread end once the reply is out.
          setImmediate(() => port.close());
        });
    }
  });
  send({ type: 'ready' });
}

void main();
