// The desk as tests use it: the whole HTTP app (security headers, body limit, sign-in, the site)
// with a signed-in user — a real user and session in the store, whose cookie is added to every
// request that carries none (what a browser that signed in would send). Audit records are
// collected in `audits`; `post` builds a POST body with the session's CSRF token.
import assert from 'node:assert/strict';
import { Hono } from 'hono';
import { Auth, authOptions, SESSION_COOKIE } from '../../src/auth/session.js';
import { digest, randomSecret } from '../../src/auth/tokens.js';
import type { Viewer } from '../../src/auth/viewer.js';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/options.js';
import type { AuditRecord } from '../../src/domain/audit.js';
import type { CandidateParser } from '../../src/ingest/discover/index.js';
import { createLogger } from '../../src/log/logger.js';
import { Registry } from '../../src/metrics/registry.js';
import { createHttpApp } from '../../src/server/app.js';
import { startTopics, type TopicsRuntime } from '../../src/server/topics.js';
import type { Store } from '../../src/store/store.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';

export const CSRF = 'csrf-token-for-tests-0123456789';

export const EDITOR: Viewer = { userId: 7, name: 'Edith Editor', role: 'editor', lang: null, via: 'session', scope: 'write', csrf: CSRF };
/** For what only an administrator may do at the desk (a source's private-address permission). */
export const ADMIN: Viewer = { userId: 8, name: 'Ada Admin', role: 'admin', lang: null, via: 'session', scope: 'write', csrf: CSRF };

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
  // Checks started at the desk store entries after the form's answer: pages read right after must
  // show them, so no stale window here (render-cache.test.ts tests it).
  return loadConfig({
    env: {},
    overrides: { allowHosts: ['127.0.0.1'], connectTimeoutMs: 2000, totalTimeoutMs: 5000, renderStaleMs: 0, ...overrides },
  });
}

export async function mountDesk(
  store: Store,
  opts: { viewer?: Viewer | undefined; config?: Config; candidates?: CandidateParser; storeAudits?: boolean } = {},
): Promise<TestDesk> {
  const config = opts.config ?? deskConfig();
  const log = createLogger('silent');
  const audits: AuditRecord[] = [];
  const topics = await startTopics({ store, config, log });
  const auth = new Auth(store, authOptions(config));
  const http = createHttpApp({
    store,
    config,
    log,
    metrics: new Registry(),
    topics,
    auth,
    recordAudit: async (r) => {
      audits.push(r);
      // Also into the store's audit log, for what reads it back (the desk's audit page).
      if (opts.storeAudits) await store.curation.record(r);
    },
    ...(opts.candidates ? { candidates: opts.candidates } : {}),
  });
  const viewer = 'viewer' in opts ? opts.viewer : EDITOR;
  const cookie = viewer ? await signedIn(store, viewer) : undefined;
  const app = new Hono();
  app.all('*', (c) => {
    const req = c.req.raw;
    if (!cookie || req.headers.has('cookie')) return http.fetch(req);
    const headers = new Headers(req.headers);
    headers.set('cookie', cookie);
    return http.fetch(new Request(req, { headers }));
  });
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

/** A user with the viewer's name and role and a live session whose CSRF token is the viewer's; its cookie. */
async function signedIn(store: Store, v: Viewer): Promise<string> {
  const user =
    (await store.accounts.findUser(v.name)) ?? (await store.accounts.createUser({ name: v.name, role: v.role, passwordHash: 'none' }));
  if (!user) throw new Error(`could not create the test user ${v.name}`);
  const token = randomSecret();
  const now = Date.now();
  await store.accounts.createSession({ id: digest(token), userId: user.id, csrf: v.csrf, createdAt: now, expiresAt: now + 86_400_000 });
  return `${SESSION_COOKIE}=${token}`;
}

/**
 * Waits until `check` holds (background jobs), failing after `ms`: a bound, not a timing, so
 * generous (a background job on a loaded 2-core CI machine can take longer than 5 s).
 */
export async function eventually(check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A desk over a fresh in-memory store, stopped and closed after `fn`. */
export async function withDesk(fn: (desk: TestDesk, store: Store) => Promise<void>, viewer = EDITOR): Promise<void> {
  const store = await SqliteStore.open({ path: ':memory:' });
  const desk = await mountDesk(store, { viewer });
  try {
    await fn(desk, store);
  } finally {
    await desk.stop();
    await store.close();
  }
}

/** The signed-in viewer's own language setting (as chosen on the account page). */
export async function setLanguage(store: Store, name: string, lang: 'ar' | 'fa'): Promise<void> {
  const user = await store.accounts.findUser(name);
  assert.ok(user);
  await store.accounts.updateUser(user.id, { lang });
}
