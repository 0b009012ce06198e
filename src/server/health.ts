// What every role answers for orchestrators and monitoring, whatever else it serves:
//   /healthz  liveness: the process answers and reaches its store (200, else 503)
//   /readyz   readiness: the store is reachable and the role is running (not starting, not
//             stopping); a load balancer or orchestrator sends work only to a ready process
//   /metrics  Prometheus text: the role's own counters, and gauges read from the store
import type { Hono } from 'hono';
import type { Logger } from '../log/logger.js';
import type { Registry } from '../metrics/registry.js';
import type { Store } from '../store/store.js';

export interface RoleState {
  /** web, worker or all. */
  role: string;
  /** The role's work is running (false while starting and once stopping). */
  running(): boolean;
  /** This process leads periodic work (undefined where no coordinator runs). */
  coordinator?: () => boolean;
}

const noStore = { 'cache-control': 'no-store' };

export function addHealthRoutes(app: Hono, deps: { store: Store; log: Logger; metrics: Registry; state: RoleState }): void {
  const { store, log, metrics, state } = deps;
  const reach = async (): Promise<string | undefined> => {
    try {
      await store.search.changeStamp();
      return undefined;
    } catch (err) {
      log.error({ err }, 'health check: the store is unreachable');
      // The reason stays in the log: health endpoints are open to anyone, and a driver's message can
      // name hosts and users.
      return 'The store does not answer; the reason is in the server log.';
    }
  };
  app.get('/healthz', async (c) => {
    const error = await reach();
    return error === undefined ? c.json({ status: 'ok' }, 200, noStore) : c.json({ status: 'error', error }, 503, noStore);
  });
  app.get('/readyz', async (c) => {
    const error = await reach();
    const running = state.running();
    const body = {
      status: error === undefined && running ? 'ready' : 'not-ready',
      role: state.role,
      running,
      ...(state.coordinator ? { coordinator: state.coordinator() } : {}),
      ...(error === undefined ? {} : { error }),
    };
    return c.json(body, body.status === 'ready' ? 200 : 503, noStore);
  });
  app.get('/metrics', async (c) =>
    c.text(await metrics.render(), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', ...noStore }),
  );
}

/** Gauges read from the store at scrape time: sources by status, entries, the due queue, and the role. */
export function registerStoreGauges(registry: Registry, store: Store, state: RoleState): void {
  const sources = registry.gauge('newsdesk_sources', 'Sources by status.');
  const errors = registry.gauge('newsdesk_source_errors', 'Consecutive fetch errors summed over sources.');
  const due = registry.gauge('newsdesk_fetch_queue_depth', 'Sources due for a fetch now (waiting for a worker).');
  const entries = registry.gauge('newsdesk_entries', 'Live entries in the store.');
  const rss = registry.gauge('process_resident_memory_bytes', 'Resident memory size in bytes.');
  const role = registry.gauge('newsdesk_role', 'The role of this process (1), with whether it leads periodic work.');
  sources.collect = async () => {
    const all = await store.sources.list();
    // Due by the store's clock, as the pollers claim by it (this machine's may be minutes off).
    const now = await store.clock.now();
    sources.reset();
    for (const st of ['new', 'ok', 'failing', 'disabled']) sources.set(all.filter((s) => s.status === st).length, { status: st });
    errors.set(all.reduce((n, s) => n + s.errorCount, 0));
    due.set(all.filter((s) => s.status !== 'disabled' && s.nextCheckAt <= now).length);
    entries.set(await store.entries.count());
    rss.set(process.memoryUsage.rss());
  };
  role.collect = () => {
    role.reset();
    role.set(1, { role: state.role, coordinator: state.coordinator?.() ? 'yes' : 'no' });
  };
}
