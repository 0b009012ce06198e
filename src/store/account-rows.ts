// Rows of the accounts tables as both dialects read them (SQLite booleans arrive as 0/1).
import {
  isKeptApartKey,
  type AccountRole,
  type ApiToken,
  type ThrottleState,
  type TokenScope,
  type User,
  type UserSession,
} from './accounts.js';

export const USER_COLUMNS = 'id, name, name_key, password_hash, role, lang, disabled, created_at';
export const SESSION_COLUMNS = 'id, user_id, csrf, created_at, last_seen_at, expires_at, revoked_at';
export const TOKEN_COLUMNS = 'id, user_id, name, scope, created_at, last_used_at, revoked_at';

export interface UserRow {
  id: number;
  name: string;
  name_key: string;
  password_hash: string;
  role: string;
  lang: string | null;
  disabled: number | boolean;
  created_at: number;
}

export interface SessionRow {
  id: string;
  user_id: number;
  csrf: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export interface TokenRow {
  id: number;
  user_id: number;
  name: string;
  scope: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface ThrottleRow {
  key: string;
  failures: number;
  window_start: number;
  locked_until: number | null;
}

export function toUser(r: UserRow): User {
  return {
    id: Number(r.id),
    name: r.name,
    role: r.role as AccountRole,
    lang: r.lang,
    disabled: r.disabled === true || r.disabled === 1,
    createdAt: Number(r.created_at),
    passwordHash: r.password_hash,
    keptApart: isKeptApartKey(r.name_key),
  };
}

export function toSession(r: SessionRow): UserSession {
  return {
    id: r.id,
    userId: Number(r.user_id),
    csrf: r.csrf,
    createdAt: Number(r.created_at),
    lastSeenAt: Number(r.last_seen_at),
    expiresAt: Number(r.expires_at),
    revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
  };
}

export function toToken(r: TokenRow): ApiToken {
  return {
    id: Number(r.id),
    userId: Number(r.user_id),
    name: r.name,
    scope: r.scope as TokenScope,
    createdAt: Number(r.created_at),
    lastUsedAt: r.last_used_at === null ? null : Number(r.last_used_at),
    revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
  };
}

export function toThrottle(r: ThrottleRow): ThrottleState {
  return {
    key: r.key,
    failures: Number(r.failures),
    windowStart: Number(r.window_start),
    lockedUntil: r.locked_until === null ? null : Number(r.locked_until),
  };
}

/** Prefixes every column of a list with a table alias (joins). */
export function aliased(columns: string, alias: string, prefix = ''): string {
  return columns
    .split(', ')
    .map((c) => `${alias}.${c}${prefix ? ` AS ${prefix}${c}` : ''}`)
    .join(', ');
}

/**
 * The throttle after one more failure. A window starts at the first failure; a lock that has ended
 * starts a new window, and a live lock is never extended, so repeated attempts cannot keep an
 * account (the admin's included) locked beyond one lock's length.
 */
export function nextThrottle(
  prev: ThrottleState | undefined,
  key: string,
  rule: { windowMs: number; limit: number; lockMs: number },
  now: number,
): ThrottleState {
  if (prev && prev.lockedUntil !== null && prev.lockedUntil > now) return prev;
  const fresh = !prev || prev.windowStart <= now - rule.windowMs || prev.lockedUntil !== null;
  const failures = fresh ? 1 : prev.failures + 1;
  return {
    key,
    failures,
    windowStart: fresh ? now : prev.windowStart,
    lockedUntil: failures >= rule.limit ? now + rule.lockMs : null,
  };
}
