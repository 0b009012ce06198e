// Who is asking: the signed-in user (session cookie) or the holder of an API token, as the
// session middleware (src/server) found them. Pages, the desk and the API read it from here and
// never parse cookies or tokens themselves.
import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { AuditRecord } from '../domain/audit.js';
import type { Lang } from '../locale/index.js';
import type { Actor } from '../store/curation.js';

export type Role = 'admin' | 'editor' | 'reader';

const RANK: Record<Role, number> = { reader: 0, editor: 1, admin: 2 };

export interface Viewer {
  userId: number;
  name: string;
  role: Role;
  /** The user's interface language setting, when they chose one. */
  lang: Lang | null;
  /** How the request proved who it is. */
  via: 'session' | 'token';
  /** A token's scope; a session may do what its role allows. */
  scope: 'read' | 'write';
  /** The session's CSRF token (empty for token requests, which carry no cookie and need none). */
  csrf: string;
}

declare module 'hono' {
  interface ContextVariableMap {
    viewer: Viewer | undefined;
  }
}

export function viewerOf(c: Context): Viewer | undefined {
  return c.get('viewer');
}

/**
 * Who is making a change, as the audit log names them. The configured apiToken's viewer has no
 * user row (id 0), so it is recorded without one; `nobody` names a request with no viewer.
 */
export function actorOf(c: Context, nobody = 'unknown'): Actor {
  const v = viewerOf(c);
  return v ? { id: v.userId || null, name: v.name } : { id: null, name: nobody };
}

/** A change the viewer of `c` made, as the audit log keeps it: the desk, the account pages and the API write it one way. */
export function auditRecord(c: Context, action: string, target: string, before: unknown, after: unknown, nobody?: string): AuditRecord {
  const a = actorOf(c, nobody);
  return { actorId: a.id, actorName: a.name, action, target, before, after };
}

export function hasRole(v: Viewer | undefined, need: Role): boolean {
  return v !== undefined && RANK[v.role] >= RANK[need];
}

/** The form field that carries the CSRF token on every state-changing form. */
export const CSRF_FIELD = '_csrf';

/** True when the submitted token is the session's (constant time). */
export function csrfMatches(v: Viewer | undefined, given: string | undefined): boolean {
  if (v?.via !== 'session' || !v.csrf || given === undefined) return false;
  const a = Buffer.from(v.csrf);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Pages behind a role (the desk, users, the account page): without a viewer, a browser is sent to
 * sign in and come back here; with too small a role, 403. `next` is always a same-site path (the
 * sign-in page checks it again). They are a signed-in person's pages: an API token opens the site,
 * its feeds and the API, never these (403). A read token lives in feed readers, which keep it in
 * their settings and sync it; before the night probe of 2026-12-04 it opened every desk page of
 * its user: the audit log, the users list, topics with their webhook addresses, the OPML export.
 */
export function requireRole(need: Role, refuse: Refuse = refuseInEnglish): MiddlewareHandler {
  return async (c, next) => {
    const v = viewerOf(c);
    if (!v) {
      const url = new URL(c.req.url);
      return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
    }
    if (v.via !== 'session') return refuse(c, 'token');
    if (!hasRole(v, need)) return refuse(c, 'role');
    return next();
  };
}

/** Why requireRole turned a viewer away: an API token (not a person's session), or too small a role. */
export type Refusal = 'token' | 'role';

/**
 * The 403 answer of a refusal. The pages pass one that answers in the viewer's language
 * (src/web/account/page.ts); this layer has no catalogues, so its own answer is the English text.
 */
export type Refuse = (c: Context, why: Refusal) => Response | Promise<Response>;

const refuseInEnglish: Refuse = (c, why) =>
  c.text(
    why === 'token'
      ? 'The desk is for signed-in people: sign in at /login. API tokens read the site, its feeds and the API only.'
      : 'Your account cannot open this page; ask an administrator for the role it needs.',
    403,
  );
