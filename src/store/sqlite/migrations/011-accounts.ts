import type { SqliteMigration } from '../migration.js';

// Accounts: who may sign in, their sessions, their API tokens, and failed sign-ins.
// - users.name_key: the name folded (lower case, NFC) by the repository, unique, so "Ana" and
//   "ana" cannot both exist whatever the collation of the database knows about case.
// - user_sessions.id and api_tokens.hash hold SHA-256 digests of the secrets a browser or a
//   client holds, never the secrets: a copy of the database signs nobody in.
// - login_throttle: one row per account name or client address with recent failures; locks
//   carry their end (locked_until), so a lock always ends by itself.
export default {
  version: 11,
  name: 'accounts, sessions, API tokens, sign-in throttle',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL,
        name_key      TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        role          TEXT NOT NULL CHECK (role IN ('admin','editor','reader')),
        lang          TEXT,
        disabled      INTEGER NOT NULL DEFAULT 0,
        created_at    INTEGER NOT NULL
      );

      CREATE TABLE user_sessions (
        id           TEXT PRIMARY KEY,
        user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        csrf         TEXT NOT NULL,
        created_at   INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        expires_at   INTEGER NOT NULL,
        revoked_at   INTEGER
      );
      CREATE INDEX user_sessions_user ON user_sessions (user_id);

      CREATE TABLE api_tokens (
        id           INTEGER PRIMARY KEY,
        user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        name         TEXT NOT NULL,
        hash         TEXT NOT NULL UNIQUE,
        scope        TEXT NOT NULL CHECK (scope IN ('read','write')),
        created_at   INTEGER NOT NULL,
        last_used_at INTEGER,
        revoked_at   INTEGER
      );
      CREATE INDEX api_tokens_user ON api_tokens (user_id, id);

      CREATE TABLE login_throttle (
        key          TEXT PRIMARY KEY,
        failures     INTEGER NOT NULL,
        window_start INTEGER NOT NULL,
        locked_until INTEGER
      );
    `);
  },
} satisfies SqliteMigration;
