// Shared by the accounts tests: a store with users, an app over a real HTTP server, and a small
// cookie-keeping client (what a browser does with Set-Cookie, minus everything else).
import { Auth, authOptions } from '../../src/auth/session.js';
import type { Config } from '../../src/config/options.js';
import { createLogger } from '../../src/log/logger.js';
import { Registry } from '../../src/metrics/registry.js';
import { createHttpApp } from '../../src/server/app.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import type { AuditRecord } from '../../src/domain/audit.js';
import type { AccountRole } from '../../src/store/accounts.js';
import type { Store } from '../../src/store/store.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { hashPassword } from '../../src/auth/password.js';
import { testConfig } from '../web/helpers.js';

export const PASSWORD = 'a long enough password';
let hash: Promise<string> | undefined;

/** Adds a user whose password is PASSWORD (hashed once per test process). */
export async function addUser(store: Store, name: string, role: AccountRole) {
  hash ??= hashPassword(PASSWORD);
  const u = await store.accounts.createUser({ name, role, passwordHash: await hash });
  if (!u) throw new Error(`user ${name} exists`);
  return u;
}

export interface Site {
  store: Store;
  auth: Auth;
  server: RunningServer;
  url: string;
  audit: AuditRecord[];
  config: Config;
  close(): Promise<void>;
}

/** A fresh SQLite store and the whole HTTP app on 127.0.0.1, with audit records collected. */
export async function startSite(overrides: Partial<Config> = {}, store?: Store): Promise<Site> {
  const s = store ?? (await SqliteStore.open({ path: ':memory:' }));
  const config = testConfig(overrides);
  const auth = new Auth(s, authOptions(config));
  const audit: AuditRecord[] = [];
  const app = createHttpApp({
    store: s,
    config,
    log: createLogger('silent'),
    metrics: new Registry(),
    auth,
    recordAudit: async (r) => void audit.push(r),
  });
  const server = await listen(app, { host: '127.0.0.1', port: 0 });
  return {
    store: s,
    auth,
    server,
    url: server.url,
    audit,
    config,
    close: async () => {
      await server.close();
      await s.close();
    },
  };
}

/** Keeps cookies between requests to one origin, as a browser would (no domain or path rules needed here). */
export class Client {
  readonly cookies = new Map<string, string>();
  /** The raw Set-Cookie headers of the last response. */
  lastSetCookie: string[] = [];

  constructor(readonly base: string) {}

  async request(path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(`${this.base}${path}`, {
      redirect: 'manual',
      ...init,
      headers: { accept: 'text/html', ...(cookie ? { cookie } : {}), ...(init.headers ?? {}) },
    });
    this.lastSetCookie = res.headers.getSetCookie();
    for (const line of this.lastSetCookie) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, { headers });
  }

  post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, {
      method: 'POST',
      body: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
  }

  /** The value of the hidden _csrf field of a page. */
  static csrf(page: string): string {
    const m = /name="_csrf" value="([^"]+)"/.exec(page);
    if (!m) throw new Error('the page has no _csrf field');
    return m[1]!;
  }

  /** Opens /login and signs in; returns the response of the POST. */
  async signIn(name: string, password = PASSWORD, next?: string): Promise<Response> {
    const page = await (await this.get(`/login${next ? `?next=${encodeURIComponent(next)}` : ''}`)).text();
    return this.post('/login', { _csrf: Client.csrf(page), name, password, ...(next ? { next } : {}) });
  }
}
