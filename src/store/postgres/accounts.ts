// Accounts on PostgreSQL (contract in ../accounts.ts).
import type { SharedClock } from '../clock.js';
import {
  aliased,
  nextThrottle,
  SESSION_COLUMNS,
  TOKEN_COLUMNS,
  toSession,
  toThrottle,
  toToken,
  toUser,
  USER_COLUMNS,
  type SessionRow,
  type ThrottleRow,
  type TokenRow,
  type UserRow,
} from '../account-rows.js';
import {
  inListOrder,
  isActiveAdmin,
  lookalikeTaken,
  userNameKey,
  userNameLookupKeys,
  type AccountRepo,
  type ApiToken,
  type NewApiToken,
  type NewUser,
  type ThrottleRule,
  type ThrottleState,
  type User,
  type UserPatch,
  type UserSession,
} from '../accounts.js';
import { noNul, type Db } from './db.js';
import { Params } from './rows.js';

function unprefix<R>(row: Record<string, unknown>, prefix: string): R {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
  return out as R;
}

/** Transaction-level advisory lock key serialising the adding of users, first-run set-up included ("NU"). */
const NEW_USER_LOCK = 0x4e55;
/** Transaction-level advisory lock key serialising changes that could remove the last administrator ("AD"). */
const ADMIN_CHANGE_LOCK = 0x4144;

export class PostgresAccountRepo implements AccountRepo {
  constructor(
    private readonly db: Db,
    /** Dates rows written without a time (see the methods' `now`). */
    private readonly clock: SharedClock,
  ) {}

  async createUser(input: NewUser, opts: { onlyIfNone?: boolean; now?: number } = {}): Promise<User | undefined> {
    const now = opts.now ?? (await this.clock.now());
    const values = [noNul(input.name), userNameKey(noNul(input.name)), input.passwordHash, input.role, input.lang ?? null, now];
    const insert = `INSERT INTO users (name, name_key, password_hash, role, lang, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (name_key) DO NOTHING RETURNING ${USER_COLUMNS}`;
    // One user added at a time: two set-up requests at once (the second sees the first's user),
    // and two look-alike names added at once (the second sees the first's name).
    return this.db.tx(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1::int, hashtext(current_schema()))', [NEW_USER_LOCK]);
      if (opts.onlyIfNone && (await c.query('SELECT 1 FROM users LIMIT 1')).rowCount) return undefined;
      const names = (await c.query<{ name: string }>('SELECT name FROM users')).rows.map((r) => r.name);
      if (lookalikeTaken(names, input.name)) return undefined;
      const r = await c.query<UserRow>(insert, values);
      return r.rows[0] ? toUser(r.rows[0]) : undefined;
    });
  }

  async countUsers(): Promise<number> {
    return (await this.db.one<{ n: number }>('SELECT count(*)::int AS n FROM users'))?.n ?? 0;
  }

  async getUser(id: number): Promise<User | undefined> {
    const row = await this.db.one<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
    return row ? toUser(row) : undefined;
  }

  async findUser(name: string): Promise<User | undefined> {
    const keys = userNameLookupKeys(noNul(name));
    const row = await this.db.one<UserRow>(
      `SELECT ${USER_COLUMNS} FROM users WHERE name_key IN ($1, $2) ORDER BY name_key = $1 DESC LIMIT 1`,
      keys,
    );
    return row ? toUser(row) : undefined;
  }

  async listUsers(): Promise<User[]> {
    return inListOrder((await this.db.rows<UserRow>(`SELECT ${USER_COLUMNS} FROM users`)).map(toUser));
  }

  async userNames(): Promise<string[]> {
    return (await this.db.rows<{ name: string }>('SELECT name FROM users')).map((r) => r.name);
  }

  async updateUser(id: number, patch: UserPatch): Promise<User | undefined> {
    const p = new Params();
    const sets: string[] = [];
    if (patch.passwordHash !== undefined) sets.push(`password_hash = ${p.add(patch.passwordHash)}`);
    if (patch.role !== undefined) sets.push(`role = ${p.add(patch.role)}`);
    if (patch.lang !== undefined) sets.push(`lang = ${p.add(patch.lang)}`);
    if (patch.disabled !== undefined) sets.push(`disabled = ${p.add(patch.disabled)}`);
    if (!sets.length) return this.getUser(id);
    const row = await this.db.one<UserRow>(
      `UPDATE users SET ${sets.join(', ')} WHERE id = ${p.add(id)} RETURNING ${USER_COLUMNS}`,
      p.values,
    );
    return row ? toUser(row) : undefined;
  }

  async replacePasswordHash(id: number, expected: string, next: string): Promise<boolean> {
    return (await this.db.run('UPDATE users SET password_hash = $1 WHERE id = $2 AND password_hash = $3', [next, id, expected])) > 0;
  }

  async updateUserKeepingAdmin(id: number, patch: Pick<UserPatch, 'role' | 'disabled'>): Promise<User | 'last-admin' | undefined> {
    // The lock serialises these changes across every process; under READ COMMITTED each statement
    // after it sees what the change before it committed, so the count is the one the write meets.
    return this.db.tx(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1::int, hashtext(current_schema()))', [ADMIN_CHANGE_LOCK]);
      const row = (await c.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1 FOR UPDATE`, [id])).rows[0];
      if (!row) return undefined;
      const user = toUser(row);
      const afterwards = { role: patch.role ?? user.role, disabled: patch.disabled ?? user.disabled };
      if (isActiveAdmin(user) && !isActiveAdmin(afterwards)) {
        const others = await c.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM users WHERE id <> $1 AND role = 'admin' AND NOT disabled",
          [id],
        );
        if ((others.rows[0]?.n ?? 0) === 0) return 'last-admin';
      }
      const p = new Params();
      const sets: string[] = [];
      if (patch.role !== undefined) sets.push(`role = ${p.add(patch.role)}`);
      if (patch.disabled !== undefined) sets.push(`disabled = ${p.add(patch.disabled)}`);
      if (!sets.length) return user;
      const updated = await c.query<UserRow>(
        `UPDATE users SET ${sets.join(', ')} WHERE id = ${p.add(id)} RETURNING ${USER_COLUMNS}`,
        p.values,
      );
      return toUser(updated.rows[0]!);
    });
  }

  async createSession(s: Omit<UserSession, 'revokedAt' | 'lastSeenAt'>): Promise<void> {
    await this.db.run(
      'INSERT INTO user_sessions (id, user_id, csrf, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $4, $5)',
      [s.id, s.userId, s.csrf, s.createdAt, s.expiresAt],
    );
  }

  async getSession(id: string): Promise<{ session: UserSession; user: User } | undefined> {
    const row = await this.db.one<Record<string, unknown>>(
      `SELECT ${aliased(SESSION_COLUMNS, 's', 's_')}, ${aliased(USER_COLUMNS, 'u', 'u_')}
       FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1`,
      [id],
    );
    if (!row) return undefined;
    return { session: toSession(unprefix<SessionRow>(row, 's_')), user: toUser(unprefix<UserRow>(row, 'u_')) };
  }

  async touchSession(id: string, now: number): Promise<void> {
    await this.db.run('UPDATE user_sessions SET last_seen_at = $1 WHERE id = $2 AND last_seen_at < $1', [now, id]);
  }

  async revokeSession(id: string, at?: number): Promise<boolean> {
    const now = at ?? (await this.clock.now());
    return (await this.db.run('UPDATE user_sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [now, id])) > 0;
  }

  async revokeUserSessions(userId: number, at?: number): Promise<number> {
    const now = at ?? (await this.clock.now());
    return this.db.run('UPDATE user_sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL', [now, userId]);
  }

  async createToken(t: NewApiToken, at?: number): Promise<ApiToken> {
    const now = at ?? (await this.clock.now());
    const row = await this.db.one<TokenRow>(
      `INSERT INTO api_tokens (user_id, name, hash, scope, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING ${TOKEN_COLUMNS}`,
      [t.userId, noNul(t.name), t.hash, t.scope, now],
    );
    return toToken(row!);
  }

  async findToken(hash: string): Promise<{ token: ApiToken; user: User } | undefined> {
    const row = await this.db.one<Record<string, unknown>>(
      `SELECT ${aliased(TOKEN_COLUMNS, 't', 't_')}, ${aliased(USER_COLUMNS, 'u', 'u_')}
       FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = $1`,
      [hash],
    );
    if (!row) return undefined;
    return { token: toToken(unprefix<TokenRow>(row, 't_')), user: toUser(unprefix<UserRow>(row, 'u_')) };
  }

  async listTokens(userId: number): Promise<ApiToken[]> {
    return (await this.db.rows<TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE user_id = $1 ORDER BY id DESC`, [userId])).map(
      toToken,
    );
  }

  async touchToken(id: number, now: number, minIntervalMs: number): Promise<boolean> {
    return (
      (await this.db.run('UPDATE api_tokens SET last_used_at = $1 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at <= $3)', [
        now,
        id,
        now - minIntervalMs,
      ])) > 0
    );
  }

  async revokeToken(id: number, userId: number, at?: number): Promise<boolean> {
    const now = at ?? (await this.clock.now());
    return (
      (await this.db.run('UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL', [
        now,
        id,
        userId,
      ])) > 0
    );
  }

  async recordFailure(key: string, rule: ThrottleRule, at?: number): Promise<ThrottleState> {
    const now = at ?? (await this.clock.now());
    const k = noNul(key);
    return this.db.tx(async (c) => {
      // The row exists (and is locked) before it is read, so two failures at once both count.
      await c.query('INSERT INTO login_throttle (key, failures, window_start) VALUES ($1, 0, $2) ON CONFLICT (key) DO NOTHING', [k, now]);
      const prev = (
        await c.query<ThrottleRow>('SELECT key, failures, window_start, locked_until FROM login_throttle WHERE key = $1 FOR UPDATE', [k])
      ).rows[0];
      const state = prev && prev.failures > 0 ? toThrottle(prev) : undefined;
      const next = nextThrottle(state, k, rule, now);
      await c.query('UPDATE login_throttle SET failures = $2, window_start = $3, locked_until = $4 WHERE key = $1', [
        k,
        next.failures,
        next.windowStart,
        next.lockedUntil,
      ]);
      return next;
    });
  }

  async getThrottle(key: string): Promise<ThrottleState | undefined> {
    return (await this.getThrottles([key])).get(key);
  }

  async getThrottles(keys: readonly string[]): Promise<Map<string, ThrottleState>> {
    if (!keys.length) return new Map();
    const rows = await this.db.rows<ThrottleRow>(
      'SELECT key, failures, window_start, locked_until FROM login_throttle WHERE key = ANY($1::text[]) AND failures > 0',
      [keys.map((k) => noNul(k))],
    );
    // Keys are stored without NULs (noNul): the answer is keyed by the keys as asked.
    const byStored = new Map(rows.map((r) => [r.key, toThrottle(r)]));
    const out = new Map<string, ThrottleState>();
    for (const k of keys) {
      const t = byStored.get(noNul(k));
      if (t) out.set(k, t);
    }
    return out;
  }

  async clearThrottle(keys: readonly string[]): Promise<number> {
    if (!keys.length) return 0;
    return this.db.run('DELETE FROM login_throttle WHERE key = ANY($1::text[])', [keys.map((k) => noNul(k))]);
  }
}
