// Signing in and knowing who is asking. The Auth service checks passwords (with the throttle),
// opens and ends sessions, and turns a session cookie or an API token into a Viewer; its
// middleware, mounted by src/server before every route, sets c.set('viewer', …).
//
// Sessions: the cookie holds 32 random bytes; the store keeps their SHA-256 as the session id, with
// a CSRF token of the session's own. A session ends after `idleMs` without a request, at
// `maxMs` after sign-in whatever happens, at sign-out, and when revoked (password change, an
// admin). The cookie is HttpOnly and SameSite=Lax, and Secure whenever the site's baseUrl is https
// or the request came over HTTPS (directly, or per X-Forwarded-Proto with trustProxy).
import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../config/options.js';
import { isLang } from '../locale/index.js';
import type { User } from '../store/accounts.js';
import type { Store } from '../store/store.js';
import { OneAtATime } from './one-at-a-time.js';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from './password.js';
import { clientAddress, isHttps } from './request.js';
import { SetupLink } from './setup-link.js';
import { ACCOUNT_RULE, ADDRESS_RULE, accountKey, addressKey } from './throttle.js';
import { digest, randomSecret, TOKEN_TOUCH_INTERVAL_MS, tokenFromHeader } from './tokens.js';
import type { Viewer } from './viewer.js';

export const SESSION_COOKIE = 'nd_session';
/** Last-seen is written at most this often per session. */
const SESSION_TOUCH_INTERVAL_MS = 60_000;

export interface AuthOptions {
  /** A session unused this long ends. */
  idleMs: number;
  /** A session ends this long after sign-in, however active. */
  maxMs: number;
  /** The configured apiToken: an admin-scope write token (empty: none). */
  apiToken: string;
  trustProxy: boolean;
  /**
   * The site's public address is https (baseUrl): cookies are Secure whatever the last hop was.
   * A TLS proxy in front without trustProxy (as deploy/systemd's example had it) otherwise made
   * every cookie, the session's included, one a browser would also send over plain http.
   */
  httpsSite?: boolean;
}

export function authOptions(
  config: Pick<Config, 'sessionIdleHours' | 'sessionMaxDays' | 'apiToken' | 'trustProxy' | 'baseUrl'>,
): AuthOptions {
  return {
    idleMs: config.sessionIdleHours * 3600_000,
    maxMs: config.sessionMaxDays * 86_400_000,
    apiToken: config.apiToken,
    trustProxy: config.trustProxy,
    httpsSite: /^https:/i.test(config.baseUrl ?? ''),
  };
}

export type SignInResult =
  | { ok: true; user: User; token: string; csrf: string }
  | { ok: false; reason: 'invalid' | 'locked'; lockedUntil?: number };

/** The viewer of the configured apiToken: what the single shared token could always do. */
const API_TOKEN_VIEWER: Viewer = { userId: 0, name: 'apiToken', role: 'admin', lang: null, via: 'token', scope: 'write', csrf: '' };

function viewerOfUser(user: User, via: Viewer['via'], scope: Viewer['scope'], csrf: string): Viewer {
  return { userId: user.id, name: user.name, role: user.role, lang: isLang(user.lang) ? user.lang : null, via, scope, csrf };
}

/** The throttle keys of a sign-in: the account's, then the client address's when known. */
function throttleKeys(name: string, address: string | undefined): string[] {
  return [accountKey(name), ...(address ? [addressKey(address)] : [])];
}

export class Auth {
  readonly setup = new SetupLink();
  /**
   * Password checks one at a time per throttle key (the account's and the address's), so that a
   * burst of sign-ins sent at once cannot all read "not locked" before the first failure is
   * counted (r-accounts: twelve at once were twelve guesses, where five lock the account). Within
   * one process; with several web processes sharing a store, each may have one check under way
   * per key, so a burst gets at most the limit plus one guess per process.
   */
  private readonly checks = new OneAtATime();

  constructor(
    readonly store: Store,
    readonly options: AuthOptions,
  ) {}

  /**
   * Now by the store's clock (src/store/clock.ts). Sessions, tokens and the throttle are rows every
   * web process of a deployment reads: one process's clock ten minutes fast dated sessions ten
   * minutes late (they outlived their end on the others), ended sessions others had just touched
   * (idle by its clock) and let a locked account try again before its lock was over. A caller's
   * `now` still wins (tests set the time with it).
   */
  now(): Promise<number> {
    return this.store.clock.now();
  }

  /**
   * Checks a name and password. Locked names and addresses are refused without checking; a
   * failure counts against both, whether or not the account exists (the answer and its timing
   * are the same either way).
   */
  async signIn(name: string, password: string, address: string | undefined, at?: number): Promise<SignInResult> {
    const accounts = this.store.accounts;
    const keys = throttleKeys(name, address);
    const checked = await this.checks.run(keys, async (): Promise<SignInResult | { ok: true; user: User }> => {
      // Read after the wait: a failure counted by the caller ahead is seen here.
      const now = at ?? (await this.now());
      const locked = await this.lockedUntil(keys, now);
      if (locked !== undefined) return { ok: false, reason: 'locked', lockedUntil: locked };
      const user = await accounts.findUser(name.trim());
      const ok = user ? await verifyPassword(password, user.passwordHash) : (await verifyPassword(password, await decoyHash()), false);
      if (!user || !ok || user.disabled) {
        await this.recordFailure(keys, now);
        return { ok: false, reason: 'invalid' };
      }
      await this.clearAccountFailures(user, keys[0]!);
      return { ok: true, user };
    });
    if (!checked.ok) return checked;
    const { user } = checked;
    const now = at ?? (await this.now());
    const { token, csrf } = await this.openSession(user.id, now);
    // The password was checked against the hash read before scrypt ran. A reset (or a change, or
    // disabling) that landed since ended the sessions there were, not this one, opened after it:
    // signing in with the old password while an admin reset it kept a session the reset was meant
    // to end (r-accounts). Read again after opening: a reset seen here is refused; one not yet
    // seen comes after the session was opened, and its revocation ends it.
    const current = await accounts.getUser(user.id);
    if (!current || current.passwordHash !== user.passwordHash || current.disabled) {
      await accounts.revokeSession(digest(token), now);
      return { ok: false, reason: 'invalid' };
    }
    // Only over the hash that was checked: a rehash must never write the old password back over a new one.
    if (needsRehash(user.passwordHash)) await accounts.replacePasswordHash(user.id, user.passwordHash, await hashPassword(password));
    return { ok: true, user: current, token, csrf };
  }

  /**
   * Checks a signed-in user's current password (the account page asks for it before a change)
   * under the sign-in throttle: a failure counts against the account and the address as a failed
   * sign-in does, and a locked account or address is refused without checking. Without it, whoever
   * held a session (a borrowed browser, a stolen cookie) could guess the password at the speed of
   * scrypt, learn it and change it, while the sign-in form allows five tries in 15 minutes.
   */
  async confirmPassword(
    user: User,
    password: string,
    address: string | undefined,
    at?: number,
  ): Promise<{ ok: true } | { ok: false; reason: 'invalid' | 'locked'; lockedUntil?: number }> {
    const keys = throttleKeys(user.name, address);
    return this.checks.run(keys, async () => {
      const now = at ?? (await this.now());
      const locked = await this.lockedUntil(keys, now);
      if (locked !== undefined) return { ok: false, reason: 'locked', lockedUntil: locked };
      if (!(await verifyPassword(password, user.passwordHash))) {
        await this.recordFailure(keys, now);
        return { ok: false, reason: 'invalid' };
      }
      await this.clearAccountFailures(user, keys[0]!);
      return { ok: true };
    });
  }

  /**
   * Clears the failures counted under an account's key after its right password, unless another
   * user's name folds to the same key. Two such users exist only when one was named before names
   * were folded (full-width "ａdmin" beside "admin"): both count under one key (accountKey), and
   * the one who knew their own password could clear, by signing in, the failures an attacker's
   * guesses at the other's had counted: four guesses, a sign-in, four more…, so the account rule
   * (five in 15 minutes) no longer bounded guesses at the other account (r2-accounts). Then the
   * failures stay until their window ends or `newsdesk user unlock`. The names are read only when
   * there are failures to clear (a sign-in after a typo): one statement, 179 kB at 10,000 users.
   */
  private async clearAccountFailures(user: User, key: string): Promise<void> {
    const accounts = this.store.accounts;
    if (!(await accounts.getThrottle(key))) return;
    // By the name itself: two users whose names fold alike share one key (userNameKey) since
    // migration 47, and names are unique as written.
    const shared = (await accounts.userNames()).some((n) => n !== user.name && accountKey(n) === key);
    if (!shared) await accounts.clearThrottle([key]);
  }

  /** The end of the lock on the first locked key (account, then address), if any. */
  private async lockedUntil(keys: readonly string[], now: number): Promise<number | undefined> {
    const states = await this.store.accounts.getThrottles(keys);
    for (const key of keys) {
      const t = states.get(key);
      if (t?.lockedUntil && t.lockedUntil > now) return t.lockedUntil;
    }
    return undefined;
  }

  private async recordFailure(keys: readonly string[], now: number): Promise<void> {
    await this.store.accounts.recordFailure(keys[0]!, ACCOUNT_RULE, now);
    if (keys[1]) await this.store.accounts.recordFailure(keys[1], ADDRESS_RULE, now);
  }

  async openSession(userId: number, at?: number): Promise<{ token: string; csrf: string }> {
    const now = at ?? (await this.now());
    const token = randomSecret();
    const csrf = randomSecret();
    await this.store.accounts.createSession({ id: digest(token), userId, csrf, createdAt: now, expiresAt: now + this.options.maxMs });
    return { token, csrf };
  }

  /** The viewer of a session cookie's token, when the session is live and its user enabled. */
  async sessionViewer(token: string, at?: number): Promise<Viewer | undefined> {
    const id = digest(token);
    const found = await this.store.accounts.getSession(id);
    if (!found) return undefined;
    const now = at ?? (await this.now());
    const { session, user } = found;
    if (session.revokedAt !== null || session.expiresAt <= now || session.lastSeenAt + this.options.idleMs <= now || user.disabled)
      return undefined;
    if (now - session.lastSeenAt >= SESSION_TOUCH_INTERVAL_MS) await this.store.accounts.touchSession(id, now);
    return viewerOfUser(user, 'session', 'write', session.csrf);
  }

  /** The viewer of an API token (a user's, or the configured apiToken). */
  async tokenViewer(token: string, at?: number): Promise<Viewer | undefined> {
    if (this.options.apiToken) {
      const a = Buffer.from(token);
      const b = Buffer.from(this.options.apiToken);
      if (a.length === b.length && timingSafeEqual(a, b)) return API_TOKEN_VIEWER;
    }
    const found = await this.store.accounts.findToken(digest(token));
    if (!found || found.token.revokedAt !== null || found.user.disabled) return undefined;
    const now = at ?? (await this.now());
    const last = found.token.lastUsedAt;
    if (last === null || now - last >= TOKEN_TOUCH_INTERVAL_MS)
      await this.store.accounts.touchToken(found.token.id, now, TOKEN_TOUCH_INTERVAL_MS);
    return viewerOfUser(found.user, 'token', found.token.scope, '');
  }

  async signOut(token: string, at?: number): Promise<void> {
    await this.store.accounts.revokeSession(digest(token), at ?? (await this.now()));
  }

  /** Whether cookies set on this response are Secure: an https site (baseUrl), or a request that came over HTTPS. */
  secureCookies(c: Context): boolean {
    return this.options.httpsSite === true || isHttps(c, this.options.trustProxy);
  }

  /** Sets the session cookie on the response. */
  setSessionCookie(c: Context, token: string): void {
    setCookie(c, SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: this.secureCookies(c),
      maxAge: Math.floor(this.options.maxMs / 1000),
    });
  }

  clearSessionCookie(c: Context): void {
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: this.secureCookies(c), httpOnly: true, sameSite: 'Lax' });
  }

  /** The session token of the request's cookie. */
  sessionToken(c: Context): string | undefined {
    const v = getCookie(c, SESSION_COOKIE);
    return v && /^[A-Za-z0-9_-]{43}$/.test(v) ? v : undefined;
  }

  clientAddress(c: Context): string | undefined {
    return clientAddress(c, this.options.trustProxy);
  }

  /**
   * Sets c.set('viewer', …): from an Authorization header when there is one (a token never falls
   * back to a cookie), else from the session cookie. Requests that prove nothing have no viewer.
   */
  middleware(): MiddlewareHandler {
    return async (c, next) => {
      const header = c.req.header('authorization');
      let viewer: Viewer | undefined;
      if (header) {
        const token = tokenFromHeader(header);
        viewer = token ? await this.tokenViewer(token) : undefined;
      } else {
        const token = this.sessionToken(c);
        viewer = token ? await this.sessionViewer(token) : undefined;
      }
      c.set('viewer', viewer);
      await next();
    };
  }
}

/**
 * Hashes and stores a user's new password and ends every session of theirs: whoever knew the old
 * password is signed out everywhere (the page that changed it opens a fresh session).
 */
export async function setPassword(store: Store, userId: number, password: string): Promise<void> {
  await store.accounts.updateUser(userId, { passwordHash: await hashPassword(password) });
  await store.accounts.revokeUserSessions(userId);
}
