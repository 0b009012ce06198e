// Tests say who is asking: for each request, the viewer `who()` returns becomes a real user in the
// store (name, role, language) with a live session whose CSRF token is the viewer's — or, for a
// token viewer, an API token — and the request carries its cookie or Authorization header, as a
// signed-in browser or a token holder would. The app's own sign-in middleware does the rest.
import { Hono } from 'hono';
import { SESSION_COOKIE } from '../../src/auth/session.js';
import { digest, randomSecret } from '../../src/auth/tokens.js';
import type { Viewer } from '../../src/auth/viewer.js';
import type { Store } from '../../src/store/store.js';

export const TEST_CSRF = 'csrf-token-for-tests-0123456789abcdef';

export function editor(extra: Partial<Viewer> = {}): Viewer {
  return { userId: 42, name: 'Nadia Editor', role: 'editor', lang: null, via: 'session', scope: 'write', csrf: TEST_CSRF, ...extra };
}

/** `app` with the viewer `who()` returns signed in on every request (undefined: nobody signed in). */
export function asViewer(app: Hono, store: Store, who: () => Viewer | undefined): Hono {
  const credentials = new Map<string, [string, string]>();
  async function credentialOf(v: Viewer): Promise<[string, string]> {
    let user = await store.accounts.findUser(v.name);
    user ??= await store.accounts.createUser({ name: v.name, role: v.role, passwordHash: 'none' });
    if (!user) throw new Error(`could not create the test user ${v.name}`);
    // The role and language are the viewer's of this request (a test may change them between requests).
    if (user.role !== v.role || user.lang !== v.lang) await store.accounts.updateUser(user.id, { role: v.role, lang: v.lang });
    const key = JSON.stringify([v.name, v.via, v.scope, v.csrf]);
    const known = credentials.get(key);
    if (known) return known;
    const secret = randomSecret();
    const now = Date.now();
    let header: [string, string];
    if (v.via === 'token') {
      const token = `nd_${secret}`;
      await store.accounts.createToken({ userId: user.id, name: 'test', hash: digest(token), scope: v.scope });
      header = ['authorization', `Bearer ${token}`];
    } else {
      await store.accounts.createSession({
        id: digest(secret),
        userId: user.id,
        csrf: v.csrf,
        createdAt: now,
        expiresAt: now + 86_400_000,
      });
      header = ['cookie', `${SESSION_COOKIE}=${secret}`];
    }
    credentials.set(key, header);
    return header;
  }
  const outer = new Hono();
  outer.all('*', async (c) => {
    const v = who();
    const req = c.req.raw;
    if (!v) return app.fetch(req);
    const [name, value] = await credentialOf(v);
    const headers = new Headers(req.headers);
    headers.set(name, value);
    return app.fetch(new Request(req, { headers }));
  });
  return outer;
}

/** A urlencoded form body. */
export function form(fields: Record<string, string | string[]>): { body: string; headers: Record<string, string> } {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return { body: p.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}
