// The HTTP application: the reading site (src/web) and the JSON API (src/api) mounted side by
// side, neither knowing the other, plus health and metrics. Errors and unknown addresses under
// /api answer in JSON; everywhere else with the site's error page. Before any route: security
// headers on every response, the Host check (without baseUrl), a body cap, and private reads.
import { Hono, type Context } from 'hono';
import { apiRoutes } from '../api/routes.js';
import type { Config } from '../config/options.js';
import type { Logger } from '../log/logger.js';
import type { Registry } from '../metrics/registry.js';
import type { Store } from '../store/store.js';
import { createWebSite } from '../web/app.js';
import { SITE_CSS_PATH } from '../web/styles.js';
import { CSP_REPORT_PATH } from '../web/csp.js';
import { mountCspReports } from './csp-report.js';
import { buildDeskFunctions } from './desk.js';
import { robotsRefusalAtAdd } from './desk-fetcher.js';
import type { RobotsRefusal } from '../ingest/fetch/index.js';
import type { TopicsRuntime } from './topics.js';
import type { AuditRecord } from '../domain/audit.js';
import type { DeskDeps } from '../web/desk/deps.js';
import type { PipelineStep } from '../pipeline/index.js';
import type { DocumentParser } from '../pipeline/parse-pool.js';
import type { CandidateParser } from '../ingest/discover/index.js';
import { hostGuard } from './host-guard.js';
import { methodCheck } from '../web/method-check.js';
import { privateCaching, privateReads } from './read-access.js';
import { metricsAccess } from './metrics-access.js';
import { Auth, authOptions } from '../auth/session.js';
import { requestBodyLimit } from './request-body-limit.js';
import { deskBodyAllowance, deskJudgesDeclaredLength } from '../web/desk/body-limits.js';
import { securityHeaders } from './security-headers.js';
import { HEADER_LIMIT_BYTES, headerLimit } from './header-limit.js';
import { apiProblem, type ApiErrorKey } from '../locale/api-errors.js';
import type { Params } from '../locale/index.js';
import { addHealthRoutes, registerStoreGauges, type RoleState } from './health.js';

const ALWAYS: RoleState = { role: 'all', running: () => true };

export interface HttpAppDeps {
  store: Store;
  config: Config;
  log: Logger;
  metrics: Registry;
  /** The role this process plays, for /readyz and /metrics (default: all of them, running). */
  state?: RoleState;
  /** Keep rendered pages until the store changes (default true; benchmarks turn it off to measure rendering). */
  renderCache?: boolean;
  /** The render cache's clock (default Date.now; tests step it). */
  renderClock?: (() => number) | undefined;
  /** The running topic set and the entry steps, for the desk (topics applied, fetch now tagging). */
  topics?: TopicsRuntime | undefined;
  steps?: readonly PipelineStep[] | undefined;
  /** Where desk changes are written (the audit log); none: not recorded. */
  recordAudit?: ((record: AuditRecord) => Promise<void>) | undefined;
  /** Sign-in and sessions (the runtime passes its own, to print the first-run set-up link); default: one of this app's own. */
  auth?: Auth;
  /** Parses the desk's preview and fetch-now feeds off this thread (the runtime's pool; inline when absent). */
  parser?: DocumentParser | undefined;
  /** Reads the candidates of a desk preview's discovery off this thread (the runtime's same pool; inline when absent). */
  candidates?: CandidateParser | undefined;
  /** Desk actions done elsewhere (the ingest thread of `serve`: fetch now, applying topics). */
  deskOverrides?: Pick<DeskDeps, 'fetchNow' | 'applyTopics'>;
}

/** Open on a private site too: signing in, and what orchestrators poll. */
const OPEN_PATHS = new Set(['/login', '/logout', '/healthz', '/readyz']);

const isApi = (c: Context): boolean => c.req.path === '/api' || c.req.path.startsWith('/api/');

/** The server's own problems under /api, as the API words its own: `{"error", "key"}` in the asked language. */
function apiAnswer(c: Context, status: 404 | 413 | 431 | 500, key: ApiErrorKey, params?: Params): Response {
  const p = apiProblem(key, params, c.req.header('accept-language'));
  return c.json(p.body, status, p.headers);
}

export function createHttpApp({
  store,
  config,
  log,
  metrics,
  state = ALWAYS,
  renderCache = true,
  renderClock,
  topics,
  steps,
  recordAudit,
  auth = new Auth(store, authOptions(config)),
  deskOverrides,
  parser,
  candidates,
}: HttpAppDeps): Hono {
  const origin = (c: Context): string => (config.baseUrl ? config.baseUrl.replace(/\/+$/, '') : new URL(c.req.url).origin);
  const desk = {
    ...buildDeskFunctions({ store, config, log, topics, steps, parser, candidates }),
    ...deskOverrides,
    ...(recordAudit ? { recordAudit } : {}),
  };
  const web = createWebSite({ store, config, log, origin, renderCache, renderClock, auth, desk });
  const app = new Hono();

  const requests = metrics.counter('newsdesk_http_requests_total', 'HTTP requests by route and status.');
  const latency = metrics.histogram('newsdesk_http_request_duration_seconds', 'HTTP request latency by route.');
  registerStoreGauges(metrics, store, state);
  const cacheBytes = metrics.gauge('newsdesk_render_cache_bytes', 'Bytes of rendered pages (and compressed copies) kept.');
  const cacheEntries = metrics.gauge('newsdesk_render_cache_entries', 'Rendered pages kept.');
  cacheBytes.collect = () => {
    const s = web.cacheStats();
    cacheBytes.set(s.bytes);
    cacheEntries.set(s.entries);
  };
  app.use('*', async (c, next) => {
    const t0 = process.hrtime.bigint();
    await next();
    const route = c.req.routePath || 'unmatched';
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    latency.observe(seconds, { route });
    requests.inc({ route, status: String(c.res.status) });
  });
  app.use('*', securityHeaders());
  // A request line and headers over the limit: refused here, in the API's JSON or as a plain page,
  // rather than by Node's parser with a bare 431 (header-limit.ts; the parser's bound is higher).
  app.use(
    '*',
    headerLimit((c) =>
      isApi(c)
        ? apiAnswer(c, 431, 'request.headersTooLarge', { max: HEADER_LIMIT_BYTES })
        : c.text(`The request line and headers are larger than this server reads (${HEADER_LIMIT_BYTES} bytes).`, 431),
    ),
  );
  app.use(
    '*',
    hostGuard(
      config,
      isApi,
      (c) => c.req.path === '/healthz' || c.req.path === '/readyz' || c.req.path === '/metrics' || c.req.path === CSP_REPORT_PATH,
    ),
  );
  // Before anything reads a body; chunked bodies are counted as they arrive, GETs pass untouched.
  app.use(
    '*',
    requestBodyLimit({
      // The desk's OPML upload and topic editor take documents up to what each accepts and refuse
      // larger ones themselves, in the editor's language (web/desk/body-limits.ts).
      maxBytes: (c) => Math.max(config.maxRequestBodyBytes, deskBodyAllowance(c.req.method, c.req.path) ?? 0),
      declaredJudgedBy: (c) => deskJudgesDeclaredLength(c.req.method, c.req.path),
      tooLarge: (c) =>
        isApi(c)
          ? apiAnswer(c, 413, 'body.tooLarge', { max: config.maxRequestBodyBytes })
          : c.text(`The request body is larger than this server accepts (${config.maxRequestBodyBytes} bytes).`, 413),
    }),
  );
  // Who is asking (session cookie or API token), for every route below.
  app.use('*', auth.middleware());
  // On a private site no answer is for a shared cache, the API's included.
  app.use('*', privateCaching(config));
  // The API checks its own reads; everything else follows the same rule here.
  app.use(
    '*',
    privateReads(
      config,
      (c) =>
        isApi(c) ||
        OPEN_PATHS.has(c.req.path) ||
        c.req.path.startsWith('/setup/') ||
        c.req.path === CSP_REPORT_PATH ||
        c.req.path === SITE_CSS_PATH,
    ),
  );
  app.use('/metrics', metricsAccess(config));
  // The server's own addresses asked with a method they do not take: 405 with Allow, on the site's
  // page (the site and the desk check theirs in web/app.ts, after the cross-site guard; the API
  // answers its own, in JSON, in api/routes.ts).
  const ownPaths = new Set(['/healthz', '/readyz', '/metrics', CSP_REPORT_PATH]);
  app.use(
    '*',
    methodCheck(
      () => app.routes,
      (path) => !ownPaths.has(path),
      (c, allow) => web.methodNotAllowed(c, allow),
    ),
  );

  app.onError((err, c) => {
    log.error({ err, url: c.req.url }, 'request failed');
    if (isApi(c)) return apiAnswer(c, 500, 'server.failed');
    return web.errorResponse(c, 500, 'The page could not be built. The error is in the server log.');
  });
  app.notFound((c) => {
    if (isApi(c)) return apiAnswer(c, 404, 'endpoint.notFound', { method: c.req.method, path: c.req.path });
    return web.errorResponse(c, 404, 'Nothing lives at this address.');
  });

  addHealthRoutes(app, { store, log, metrics, state });

  mountCspReports(app, { metrics, log });
  // An API write shows on the site's pages at once, as a desk change does (web/app.ts).
  app.use('/api/*', async (c, next) => {
    await next();
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') web.storeWritten();
  });
  // The add chain's robots.txt question, asked of a new listing page as the desk's save asks it.
  const robotsRefusal = (url: string): Promise<RobotsRefusal | undefined> => robotsRefusalAtAdd(config, url);
  app.route('/api', apiRoutes({ store, config, origin, robotsRefusal, ...(recordAudit ? { recordAudit } : {}) }));
  // Unknown addresses under /api end here, in JSON: the site's own middleware (its cross-site
  // guard on writes among them) is for the site's routes, not for the API's.
  app.all('/api/*', (c) => c.notFound());
  app.route('/', web.app);
  return app;
}
