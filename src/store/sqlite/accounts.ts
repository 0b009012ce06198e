// Accounts on SQLite (contract in ../accounts.ts).
import type { Database } from 'better-sqlite3';
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

type Prefixed<R, P extends string> = { [K in keyof R as `${P}${K & string}`]: R[K] };

function unprefix<R>(row: Record<string, unknown>, prefix: string): R {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
  return out as R;
}

export class SqliteAccountRepo implements AccountRepo {
  constructor(private readonly db: Database) {}

  async createUser(input: NewUser, opts: { onlyIfNone?: boolean; now?: number } = {}): Promise<User | undefined> {
    // IMMEDIATE: the names are read and the user written under the write lock, so a look-alike
    // added meanwhile by another process (the CLI beside the server) is seen.
    return this.db
      .transaction((): User | undefined => {
        if (lookalikeTaken(this.db.prepare('SELECT name FROM users').pluck().all() as string[], input.name)) return undefined;
        const row = this.db
          .prepare(
            `INSERT INTO users (name, name_key, password_hash, role, lang, created_at)
             SELECT ?, ?, ?, ?, ?, ? WHERE ? = 0 OR NOT EXISTS (SELECT 1 FROM users)
             ON CONFLICT (name_key) DO NOTHING
             RETURNING ${USER_COLUMNS}`,
          )
          .get(
            input.name,
            userNameKey(input.name),
            input.passwordHash,
            input.role,
            input.lang ?? null,
            opts.now ?? Date.now(),
            opts.onlyIfNone ? 1 : 0,
          ) as UserRow | undefined;
        return row ? toUser(row) : undefined;
      })
      .immediate();
  }

  async countUsers(): Promise<number> {
    return (this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  async getUser(id: number): Promise<User | undefined> {
    const row = this.db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`).get(id) as UserRow | undefined;
    return row ? toUser(row) : undefined;
  }

  async findUser(name: string): Promise<User | undefined> {
    const keys = userNameLookupKeys(name);
    const row = this.db
      .prepare(`SELECT ${USER_COLUMNS} FROM users WHERE name_key IN (?, ?) ORDER BY name_key = ? DESC LIMIT 1`)
      .get(keys[0], keys[1], keys[0]) as UserRow | undefined;
    return row ? toUser(row) : undefined;
  }

  async listUsers(): Promise<User[]> {
    return inListOrder((this.db.prepare(`SELECT ${USER_COLUMNS} FROM users`).all() as UserRow[]).map(toUser));
  }

  async userNames(): Promise<string[]> {
    return this.db.prepare('SELECT name FROM users').pluck().all() as string[];
  }

  async updateUser(id: number, patch: UserPatch): Promise<User | undefined> {
    const sets: string[] = [];
    const values: unknown[] = [];
    const set = (column: string, value: unknown): void => {
      sets.push(`${column} = ?`);
      values.push(value);
    };
    if (patch.passwordHash !== undefined) set('password_hash', patch.passwordHash);
    if (patch.role !== undefined) set('role', patch.role);
    if (patch.lang !== undefined) set('lang', patch.lang);
    if (patch.disabled !== undefined) set('disabled', patch.disabled ? 1 : 0);
    if (!sets.length) return this.getUser(id);
    const row = this.db.prepare(`UPDATE users SET ${sets.join(', ')} WHERE id = ? RETURNING ${USER_COLUMNS}`).get(...values, id) as
      | UserRow
      | undefined;
    return row ? toUser(row) : undefined;
  }

  async replacePasswordHash(id: number, expected: string, next: string): Promise<boolean> {
    return this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?').run(next, id, expected).changes > 0;
  }

  async updateUserKeepingAdmin(id: number, patch: Pick<UserPatch, 'role' | 'disabled'>): Promise<User | 'last-admin' | undefined> {
    // IMMEDIATE: the write lock is taken before the count, so another process (the CLI beside the
    // server) cannot change an administrator between them.
    return this.db
      .transaction((): User | 'last-admin' | undefined => {
        const row = this.db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`).get(id) as UserRow | undefined;
        if (!row) return undefined;
        const user = toUser(row);
        const afterwards = { role: patch.role ?? user.role, disabled: patch.disabled ?? user.disabled };
        if (isActiveAdmin(user) && !isActiveAdmin(afterwards)) {
          const others = this.db.prepare("SELECT count(*) AS n FROM users WHERE id <> ? AND role = 'admin' AND disabled = 0").get(id) as {
            n: number;
          };
          if (others.n === 0) return 'last-admin';
        }
        const sets: string[] = [];
        const values: unknown[] = [];
        if (patch.role !== undefined) {
          sets.push('role = ?');
          values.push(patch.role);
        }
        if (patch.disabled !== undefined) {
          sets.push('disabled = ?');
          values.push(patch.disabled ? 1 : 0);
        }
        if (!sets.length) return user;
        const updated = this.db
          .prepare(`UPDATE users SET ${sets.join(', ')} WHERE id = ? RETURNING ${USER_COLUMNS}`)
          .get(...values, id) as UserRow;
        return toUser(updated);
      })
      .immediate();
  }

  async createSession(s: Omit<UserSession, 'revokedAt' | 'lastSeenAt'>): Promise<void> {
    this.db
      .prepare('INSERT INTO user_sessions (id, user_id, csrf, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(s.id, s.userId, s.csrf, s.createdAt, s.createdAt, s.expiresAt);
  }

  async getSession(id: string): Promise<{ session: UserSession; user: User } | undefined> {
    const row = this.db
      .prepare(
        `SELECT ${aliased(SESSION_COLUMNS, 's', 's_')}, ${aliased(USER_COLUMNS, 'u', 'u_')}
         FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`,
      )
      .get(id) as (Prefixed<SessionRow, 's_'> & Prefixed<UserRow, 'u_'>) | undefined;
    if (!row) return undefined;
    const r = row as Record<string, unknown>;
    return { session: toSession(unprefix<SessionRow>(r, 's_')), user: toUser(unprefix<UserRow>(r, 'u_')) };
  }

  async touchSession(id: string, now: number): Promise<void> {
    this.db.prepare('UPDATE user_sessions SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?').run(now, id, now);
  }

  async revokeSession(id: string, now = Date.now()): Promise<boolean> {
    return this.db.prepare('UPDATE user_sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now, id).changes > 0;
  }

  async revokeUserSessions(userId: number, now = Date.now()): Promise<number> {
    return this.db.prepare('UPDATE user_sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL').run(now, userId).changes;
  }

  async createToken(t: NewApiToken, now = Date.now()): Promise<ApiToken> {
    const row = this.db
      .prepare(`INSERT INTO api_tokens (user_id, name, hash, scope, created_at) VALUES (?, ?, ?, ?, ?) RETURNING ${TOKEN_COLUMNS}`)
      .get(t.userId, t.name, t.hash, t.scope, now) as TokenRow;
    return toToken(row);
  }

  async findToken(hash: string): Promise<{ token: ApiToken; user: User } | undefined> {
    const row = this.db
      .prepare(
        `SELECT ${aliased(TOKEN_COLUMNS, 't', 't_')}, ${aliased(USER_COLUMNS, 'u', 'u_')}
         FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = ?`,
      )
      .get(hash) as Record<string, unknown> | undefined;
    if (!row) return undefined;
    return { token: toToken(unprefix<TokenRow>(row, 't_')), user: toUser(unprefix<UserRow>(row, 'u_')) };
  }

  async listTokens(userId: number): Promise<ApiToken[]> {
    return (this.db.prepare(`SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE user_id = ? ORDER BY id DESC`).all(userId) as TokenRow[]).map(
      toToken,
    );
  }

  async touchToken(id: number, now: number, minIntervalMs: number): Promise<boolean> {
    return (
      this.db
        .prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)')
        .run(now, id, now - minIntervalMs).changes > 0
    );
  }

  async revokeToken(id: number, userId: number, now = Date.now()): Promise<boolean> {
    return (
      this.db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL').run(now, id, userId)
        .changes > 0
    );
  }

  async recordFailure(key: string, rule: ThrottleRule, now = Date.now()): Promise<ThrottleState> {
    return this.db
      .transaction(() => {
        const prev = this.db.prepare('SELECT key, failures, window_start, locked_until FROM login_throttle WHERE key = ?').get(key) as
          | ThrottleRow
          | undefined;
        const next = nextThrottle(prev ? toThrottle(prev) : undefined, key, rule, now);
        this.db
          .prepare(
            `INSERT INTO login_throttle (key, failures, window_start, locked_until) VALUES (?, ?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, window_start = excluded.window_start, locked_until = excluded.locked_until`,
          )
          .run(key, next.failures, next.windowStart, next.lockedUntil);
        return next;
      })
      .immediate();
  }

  async getThrottle(key: string): Promise<ThrottleState | undefined> {
    return (await this.getThrottles([key])).get(key);
  }

  async getThrottles(keys: readonly string[]): Promise<Map<string, ThrottleState>> {
    if (!keys.length) return new Map();
    const rows = this.db
      .prepare('SELECT key, failures, window_start, locked_until FROM login_throttle WHERE key IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(keys)) as ThrottleRow[];
    return new Map(rows.map((r) => [r.key, toThrottle(r)]));
  }

  async clearThrottle(keys: readonly string[]): Promise<number> {
    if (!keys.length) return 0;
    return this.db.prepare(`DELETE FROM login_throttle WHERE key IN (${keys.map(() => '?').join(', ')})`).run(...keys).changes;
  }
}
