// The desk as tests use it until the session middleware lands: the whole HTTP app (security
// headers, body limit, the site) behind a middleware that sets the viewer, as src/auth's will.
// Audit records are collected in `audits`; `form` builds a POST body with the CSRF token.
import { Hono } from 'hono';
import type { Viewer } from '../../src/auth/viewer.js';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/options.js';
import type { AuditRecord } from '../../src/domain/audit.js';
import { createLogger } from '../../src/log/logger.js';
import { Registry } from '../../src/metrics/registry.js';
import { createHttpApp } from '../../src/server/app.js';
import { startTopics, type TopicsRuntime } from '../../src/server/topics.js';
import type { Store } from '../../src/store/store.js';

export const CSRF = 'csrf-token-for-tests-0123456789';

export const EDITOR: Viewer = { userId: 7, name: 'Edith Editor', role: 'editor', lang: null, via: 'session', scope: 'write', csrf: CSRF };

export interface TestDesk {
  app: Hono;
  audits: AuditRecord[];
  topics: TopicsRuntime;
  config: Config;
  request(path: string, init?: RequestInit): Promise<Response>;
  post(path: string, fields: Record<string, string>, opts?: { csrf?: string | null }): Promise<Response>;
  stop(): Promise<void>;
}

export function deskConfig(overrides: Record<string, unknown> = {}): Config {
  return loadConfig({ env: {}, overrides: { allowHosts: ['127.0.0.1'], connectTimeoutMs: 2000, totalTimeoutMs: 5000, ...overrides } });
}

export async function mountDesk(store: Store, opts: { viewer?: Viewer | undefined; config?: Config } = {}): Promise<TestDesk> {
  const config = opts.config ?? deskConfig();
  const log = createLogger('silent');
  const audits: AuditRecord[] = [];
  const topics = await startTopics({ store, config, log });
  const http = createHttpApp({ store, config, log, metrics: new Registry(), topics, recordAudit: async (r) => void audits.push(r) });
  const app = new Hono();
  const viewer = 'viewer' in opts ? opts.viewer : EDITOR;
  app.use('*', async (c, next) => {
    c.set('viewer', viewer);
    await next();
  });
  app.route('/', http);
  const request = (path: string, init?: RequestInit): Promise<Response> => Promise.resolve(app.request(`http://localhost${path}`, init));
  return {
    app,
    audits,
    topics,
    config,
    request,
    post: (path, fields, o = {}) => {
      const body = new URLSearchParams(fields);
      const token = o.csrf === undefined ? CSRF : o.csrf;
      if (token !== null) body.set('_csrf', token);
      return request(path, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    },
    stop: () => topics.stop(),
  };
}

/** Waits until `check` holds (background jobs), failing after `ms`. */
export async function eventually(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
