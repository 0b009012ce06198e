// The accounts repository contract: users, their sign-in sessions, their API tokens, and the
// counters of failed sign-ins. Secrets never reach the store: sessions are keyed and tokens found
// by a digest of the secret, passwords arrive hashed (src/auth does all of that).
import { caseFoldUserName, foldUserName, userNameSkeleton } from '../text/user-name-fold.js';

export type AccountRole = 'admin' | 'editor' | 'reader';
export type TokenScope = 'read' | 'write';

export interface User {
  id: number;
  name: string;
  role: AccountRole;
  /** Interface language setting (en, ar, fa) or null to follow the browser. */
  lang: string | null;
  disabled: boolean;
  createdAt: number;
  /** The self-describing password hash (src/auth/password.ts). */
  passwordHash: string;
  /**
   * Another user's name folds to this one's key, and migration 47 kept this user apart
   * (isKeptApartKey): it signs in only by its own spelling. `newsdesk user list` says so, for the
   * admin to settle (new names can no longer be made so).
   */
  keptApart: boolean;
}

export interface NewUser {
  name: string;
  passwordHash: string;
  role: AccountRole;
  lang?: string | null;
}

export interface UserPatch {
  passwordHash?: string;
  role?: AccountRole;
  lang?: string | null;
  disabled?: boolean;
}

export interface UserSession {
  /** Digest of the cookie's token. */
  id: string;
  userId: number;
  csrf: string;
  createdAt: number;
  lastSeenAt: number;
  /** The absolute end of the session, however active it is. */
  expiresAt: number;
  revokedAt: number | null;
}

export interface ApiToken {
  id: number;
  userId: number;
  name: string;
  scope: TokenScope;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface NewApiToken {
  userId: number;
  name: string;
  /** Digest of the token the holder keeps. */
  hash: string;
  scope: TokenScope;
}

export interface ThrottleState {
  key: string;
  failures: number;
  windowStart: number;
  lockedUntil: number | null;
}

export interface ThrottleRule {
  /** Failures counted within this window (ms) from the first one. */
  windowMs: number;
  /** Failures in one window that lock the key. */
  limit: number;
  /** How long a lock lasts (ms); it ends by itself. */
  lockMs: number;
}

/**
 * The key a user name is unique under and found by: the name folded as account creation folds it
 * (foldUserName: compatibility form, one space), then case-folded letter by letter
 * (caseFoldUserName). So "ΟΔΟΣ", "Οδος" and "οδοσ" are one key, as are "ADMIN" and "admın",
 * "STRASSE" and "straße", full-width "ａdmin" and "admin". Creation stores it, sign-in, the CLI and
 * the throttle (accountKey) look names up by it; migration 47 wrote it for the users before it
 * (p-userkey; before, the key was the name lower-cased whole, so "οδοσ" did not sign in as "ΟΔΟΣ").
 */
export function userNameKey(name: string): string {
  return caseFoldUserName(foldUserName(name));
}

/**
 * What a key kept apart by migration 47 starts with. Two users whose names fold to one key could
 * exist from before (a full-width "ｍａｒｔａ" named before r-accounts folded names, beside
 * "marta"; "οδοσ" beside "ΟΔΟΣ" when keys were lower-cased whole): the migration gives the key to
 * one of them and keeps the other's old key behind this mark, which no folded name begins with
 * (a name begins with a letter or a digit), so the two keys can never meet again.
 */
export const KEPT_APART_MARK = '=';

/** The key before migration 47: the name in NFC, lower-cased whole. Only users kept apart by it hold one (marked). */
export function keptApartKey(oldKey: string): string {
  return `${KEPT_APART_MARK}${oldKey}`;
}

/** A name as keys were before migration 47 (NFC, lower-cased whole): what a kept-apart key marks. */
export function typedNameKey(name: string): string {
  return name.trim().normalize('NFC').toLowerCase();
}

/** Whether a stored key is one migration 47 kept apart (its user signs in only by its own spelling). */
export function isKeptApartKey(key: string): boolean {
  return key.startsWith(KEPT_APART_MARK);
}

/**
 * The keys a typed name is looked up by, first found wins: the name as typed, as keys were before
 * migration 47 (NFC, lower-cased whole) and marked, which only a user kept apart by that migration
 * holds, so each of two users whose names fold alike still signs in by its own spelling ("ｍａｒｔａ"
 * and "ＭＡＲＴＡ" reach the full-width account, "marta" the other); then the name's key
 * (userNameKey), which reaches everyone else by any spelling that folds alike.
 */
export function userNameLookupKeys(typed: string): [string, string] {
  const exact = keptApartKey(typedNameKey(typed));
  const folded = userNameKey(typed);
  // A typed name that folds to a marked key ("=οδοσ", full-width "＝οδοσ") is no user's name: as
  // the second key it reached the user kept apart as "οδοσ" under a throttle key of its own, five
  // more guesses every 15 minutes (r2-userkey). Only the exact key is looked up then.
  return [exact, isKeptApartKey(folded) ? exact : folded];
}

/**
 * Whether a new name looks like one of these (the same skeleton: userNameSkeleton): such a name is
 * taken, as its case-folded twin is. Cyrillic "аdmin" beside "admin" read as one user in the users
 * list, the header and the audit log (r-accounts, "Left alone"; p-accounts2).
 */
/**
 * Users in the order lists show them: by the name as sign-in folds it, code point by code point
 * (the same on both dialects), the holder of a key before a user migration 47 kept apart under it.
 * Ordered by the stored key, the kept-apart came first of all: their mark sorts before every letter.
 */
export function inListOrder<U extends { name: string; keptApart: boolean }>(users: U[]): U[] {
  const keyed = users.map((u) => ({ u, key: userNameKey(u.name) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : Number(a.u.keptApart) - Number(b.u.keptApart)));
  return keyed.map((k) => k.u);
}

export function lookalikeTaken(existing: readonly string[], name: string): boolean {
  const skeleton = userNameSkeleton(name);
  return existing.some((n) => userNameSkeleton(n) === skeleton);
}

/** Whether a user with this role and state counts as an administrator who can manage accounts. */
export function isActiveAdmin(u: { role: AccountRole; disabled: boolean }): boolean {
  return u.role === 'admin' && !u.disabled;
}

export interface AccountRepo {
  /**
   * Adds a user; undefined when the name is taken: ignoring case, or by a user whose name looks
   * the same (userNameSkeleton: Cyrillic "аdmin" beside "admin"), checked and written in one step
   * so two look-alikes added at once cannot both land. With `onlyIfNone`, adds it only when there
   * are no users at all (first-run set-up, safe against two requests at once).
   */
  createUser(input: NewUser, opts?: { onlyIfNone?: boolean; now?: number }): Promise<User | undefined>;
  countUsers(): Promise<number>;
  getUser(id: number): Promise<User | undefined>;
  /**
   * The user of this name, ignoring case as the product folds it: a user kept apart by migration 47
   * by its own spelling, else anyone by the name's key (userNameLookupKeys).
   * Sign-in, `newsdesk user passwd|unlock|disable|enable` and `newsdesk token --user` look users up here.
   */
  findUser(name: string): Promise<User | undefined>;
  /** All users by name. */
  listUsers(): Promise<User[]>;
  /** Every user's name, in no order (what the throttle compares to a name's folded key; r2-accounts). */
  userNames(): Promise<string[]>;
  updateUser(id: number, patch: UserPatch): Promise<User | undefined>;
  /** Writes `next` as the user's password hash only while it is still `expected` (a rehash at sign-in); true when written. */
  replacePasswordHash(id: number, expected: string, next: string): Promise<boolean>;
  /**
   * Changes a user's role or state unless that would leave no enabled administrator: then
   * 'last-admin', nothing written. The count and the write are one step under a lock, so two
   * administrators disabling or demoting each other at once cannot both succeed (a check read
   * before the write let both through and left nobody to manage accounts). Undefined: no such user.
   */
  updateUserKeepingAdmin(id: number, patch: Pick<UserPatch, 'role' | 'disabled'>): Promise<User | 'last-admin' | undefined>;

  createSession(s: Omit<UserSession, 'revokedAt' | 'lastSeenAt'>): Promise<void>;
  /** The session and its user, revoked or expired ones included (the caller decides). */
  getSession(id: string): Promise<{ session: UserSession; user: User } | undefined>;
  /** Records activity: last_seen moves to `now`. */
  touchSession(id: string, now: number): Promise<void>;
  revokeSession(id: string, now?: number): Promise<boolean>;
  /** Revokes every live session of a user (password changed, disabled, "sign out everywhere"). */
  revokeUserSessions(userId: number, now?: number): Promise<number>;

  createToken(t: NewApiToken, now?: number): Promise<ApiToken>;
  /** The token with this digest and its user (revoked ones included). */
  findToken(hash: string): Promise<{ token: ApiToken; user: User } | undefined>;
  /** A user's tokens, newest first, revoked ones included. */
  listTokens(userId: number): Promise<ApiToken[]>;
  /** Sets last_used to `now` unless it was set less than `minIntervalMs` ago; true when written. */
  touchToken(id: number, now: number, minIntervalMs: number): Promise<boolean>;
  /** Revokes a token of this user; false when the user has no such live token. */
  revokeToken(id: number, userId: number, now?: number): Promise<boolean>;

  /** Counts one failed sign-in against `key` and returns its state (locked once over the limit). */
  recordFailure(key: string, rule: ThrottleRule, now?: number): Promise<ThrottleState>;
  getThrottle(key: string): Promise<ThrottleState | undefined>;
  /** The states of these keys in one read (a list of users with their locks), by key; keys with none are absent. */
  getThrottles(keys: readonly string[]): Promise<Map<string, ThrottleState>>;
  /** Forgets the failures of these keys (a good sign-in, `newsdesk user unlock`). */
  clearThrottle(keys: readonly string[]): Promise<number>;
}
