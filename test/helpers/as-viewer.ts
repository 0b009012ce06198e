// Until the session middleware lands (accounts), tests say who is asking themselves: the app
// wrapped so every request carries this viewer, as src/server will set it from a session.
import { Hono } from 'hono';
import type { Viewer } from '../../src/auth/viewer.js';

export const TEST_CSRF = 'csrf-token-for-tests-0123456789abcdef';

export function editor(extra: Partial<Viewer> = {}): Viewer {
  return { userId: 42, name: 'Nadia Editor', role: 'editor', lang: null, via: 'session', scope: 'write', csrf: TEST_CSRF, ...extra };
}

/** `app` with the viewer `who()` returns set on every request (undefined: nobody signed in). */
export function asViewer(app: Hono, who: () => Viewer | undefined): Hono {
  const outer = new Hono();
  outer.use('*', async (c, next) => {
    c.set('viewer', who());
    await next();
  });
  outer.route('/', app);
  return outer;
}

/** A urlencoded form body. */
export function form(fields: Record<string, string | string[]>): { body: string; headers: Record<string, string> } {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return { body: p.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}
