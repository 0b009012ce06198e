// Leadership on PostgreSQL: a session-level advisory lock (pg_try_advisory_lock), taken on a
// connection opened for it alone, never a pooled one — a pooled connection goes back to the pool
// and its session, with the lock, would be shared by unrelated queries. The server releases the
// lock when the session ends, so a leader killed with SIGKILL, or cut off, frees its duty as soon
// as the server notices the connection is gone.
//
// Lock keys use the two-int form (class, object), a key space apart from the migration lock's
// single bigint key. The object key hashes the schema with the name, so stores kept in separate
// schemas of one database (tests, staging) elect their leaders independently.
import pg from 'pg';
import type { CoordinationRepo, Leadership } from '../coordination.js';

/** Class key of Newsdesk leadership locks ("ND" in ASCII). */
const LEADERSHIP_CLASS = 0x4e44;

export class PostgresCoordinationRepo implements CoordinationRepo {
  private readonly open = new Set<pg.Client>();

  /** @param connection how to open a connection of the store's own (the pool's options). */
  constructor(private readonly connection: pg.ClientConfig) {}

  async tryLead(name: string): Promise<Leadership | undefined> {
    const client = new pg.Client(this.connection);
    let mine = false;
    // A connection that fails after connecting must not crash the process: it ends leadership.
    client.on('error', () => {
      mine = false;
    });
    client.on('end', () => {
      mine = false;
      this.open.delete(client);
    });
    await client.connect();
    this.open.add(client);
    try {
      const r = await client.query<{ locked: boolean }>(
        `SELECT pg_try_advisory_lock($1::int, hashtext(current_schema() || '/' || $2::text)) AS locked`,
        [LEADERSHIP_CLASS, name],
      );
      mine = r.rows[0]?.locked === true;
    } catch (err) {
      await client.end().catch(() => {});
      throw err;
    }
    if (!mine) {
      await client.end().catch(() => {});
      return undefined;
    }
    const open = this.open;
    return {
      name,
      held: () => mine,
      async check() {
        if (!mine) return false;
        try {
          await client.query('SELECT 1');
        } catch {
          mine = false;
          await client.end().catch(() => {});
        }
        return mine;
      },
      async release() {
        if (!open.has(client)) return;
        mine = false;
        // Ending the session releases the lock; the explicit unlock only makes it immediate.
        await client
          .query(`SELECT pg_advisory_unlock($1::int, hashtext(current_schema() || '/' || $2::text))`, [LEADERSHIP_CLASS, name])
          .catch(() => {});
        open.delete(client);
        await client.end().catch(() => {});
      },
    };
  }

  /** The store closes: every lock's session ends, so other processes take over at once. */
  async releaseAll(): Promise<void> {
    const clients = [...this.open];
    this.open.clear();
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
  }
}
