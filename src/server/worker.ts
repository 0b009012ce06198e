// The worker role (`newsdesk worker`): polling with leases, full-text extraction, tagging, alert
// delivery and, when elected, the coordinator's periodic work — with no site and no API. It
// listens only for orchestrators: /healthz, /readyz and /metrics (health.ts).
import { Hono } from 'hono';
import type { Config } from '../config/options.js';
import type { PollSummary } from '../jobs/scheduler.js';
import type { Logger } from '../log/logger.js';
import { Registry } from '../metrics/registry.js';
import type { Store } from '../store/store.js';
import { buildBackground, type Background } from './background.js';
import { addHealthRoutes, registerStoreGauges, type RoleState } from './health.js';
import { metricsAccess } from './metrics-access.js';
import { Auth, authOptions } from '../auth/session.js';
import { listen, type RunningServer } from './listen.js';
import { lowerPriority } from './lower-priority.js';
import { workerProblem } from '../locale/worker-errors.js';

export interface WorkerRuntime {
  /** Where /healthz, /readyz and /metrics answer. */
  url: string;
  server: RunningServer;
  metrics: Registry;
  background: Background;
  reloadTopics(): Promise<{ ok: boolean; errors: string[] }>;
  /** Graceful stop (SIGTERM): not ready at once, nothing new claimed, in-flight work within the deadline. */
  stop(): Promise<void>;
}

export interface WorkerOptions {
  store: Store;
  config: Config;
  log: Logger;
  /** This worker's name in leases and logs (NEWSDESK_WORKER_NAME; default: the host name). */
  name?: string;
  onPoll?: (s: PollSummary) => void;
}

export async function startWorker(o: WorkerOptions): Promise<WorkerRuntime> {
  // Before any work starts: the parse and extraction threads started later inherit it.
  const nice = lowerPriority(o.config.workerNice);
  if (nice !== undefined) o.log.debug({ nice }, 'worker runs at a lower CPU priority');
  const metrics = new Registry();
  const background = await buildBackground({
    store: o.store,
    config: o.config,
    log: o.log,
    metrics,
    poll: true,
    ...(o.name ? { name: o.name } : {}),
  });
  const state: RoleState = { role: 'worker', running: () => background.running(), coordinator: () => background.coordinator.leading() };
  const app = new Hono();
  // /metrics as on the web role: the networks in metricsAllow, or an administrator's token.
  app.use('/metrics', new Auth(o.store, authOptions(o.config)).middleware(), metricsAccess(o.config));
  registerStoreGauges(metrics, o.store, state);
  addHealthRoutes(app, { store: o.store, log: o.log, metrics, state });
  // Keyed as the API's problems are (worker-errors.ts): a client sent to this port by mistake can tell.
  app.notFound((c) => {
    const p = workerProblem('worker.notFound', c.req.header('accept-language'));
    return c.json(p.body, 404, p.headers);
  });
  let server: RunningServer;
  try {
    server = await listen(app, { host: o.config.host, port: o.config.port });
  } catch (err) {
    await background.stop();
    throw err;
  }
  background.start(o.onPoll);
  const topics = background.pipeline.topics;
  return {
    url: server.url,
    server,
    metrics,
    background,
    reloadTopics: async () => (topics ? topics.reload() : { ok: true, errors: [] }),
    async stop() {
      await background.stop();
      await server.close();
    },
  };
}
