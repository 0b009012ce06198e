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
import type { CoordinationRepo, HostSlot, Leadership } from '../coordination.js';
import { prepared } from './db.js';

/** Class key of Newsdesk leadership locks ("ND" in ASCII). */
const LEADERSHIP_CLASS = 0x4e44;
/** Class key of per-host request slots ("NH"). */
const HOST_SLOT_CLASS = 0x4e48;

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

  /**
   * Host slots are advisory locks too, all held by one session of this process opened for them
   * (a session holds any number of locks; the statements are tiny, so one connection serialises
   * them without a queue worth the name). Dying ends the session and frees every slot at once.
   */
  private slotClient: Promise<pg.Client> | undefined;
  /** Host → the slots this process holds (its session's locks). */
  private readonly heldSlots = new Map<string, Set<number>>();

  private slotSession(): Promise<pg.Client> {
    this.slotClient ??= (async () => {
      const client = new pg.Client(this.connection);
      client.on('error', () => {
        // The session and its locks are gone: the next request opens a new one.
        this.slotClient = undefined;
        this.heldSlots.clear();
      });
      client.on('end', () => {
        this.open.delete(client);
        this.slotClient = undefined;
        this.heldSlots.clear();
      });
      try {
        await client.connect();
      } catch (err) {
        this.slotClient = undefined;
        throw err;
      }
      this.open.add(client);
      return client;
    })();
    return this.slotClient;
  }

  /** The slot session's statements, one after another (pg runs one query at a time per client). */
  private slotQueue: Promise<unknown> = Promise.resolve();

  private onSlotSession(client: pg.Client, sql: string, params: unknown[]): Promise<pg.QueryResult<{ locked: boolean }>> {
    // Two fixed texts sent around every check: prepared once on this session.
    const run = this.slotQueue.then(() => client.query<{ locked: boolean }>(prepared(sql), params));
    this.slotQueue = run.catch(() => undefined);
    return run;
  }

  async tryHostSlot(host: string, slots: number): Promise<HostSlot | undefined> {
    const client = await this.slotSession();
    const key = `hashtext(current_schema() || '/host/' || $2::text || '/' || $3::text)`;
    // Advisory locks stack within a session (taking a held key again succeeds), so the slots this
    // process holds are skipped here and only the others are asked for. Slots in order, one
    // statement each (a set-returning query could take several locks at once).
    let mine = this.heldSlots.get(host);
    if (!mine) this.heldSlots.set(host, (mine = new Set()));
    const taken = mine;
    let slot: number | undefined;
    for (let s = 0; s < slots && slot === undefined; s++) {
      if (taken.has(s)) continue;
      taken.add(s); // claimed before the round trip, so a concurrent call skips it too
      let r: pg.QueryResult<{ locked: boolean }>;
      try {
        r = await this.onSlotSession(client, `SELECT pg_try_advisory_lock($1::int, ${key}) AS locked`, [HOST_SLOT_CLASS, host, String(s)]);
      } catch (err) {
        taken.delete(s);
        throw err;
      }
      if (r.rows[0]?.locked === true) slot = s;
      else taken.delete(s);
    }
    if (slot === undefined) return undefined;
    const heldSlots = this.heldSlots;
    const onSession = this.onSlotSession.bind(this);
    let held = true;
    return {
      host,
      slot,
      async release() {
        if (!held) return;
        held = false;
        // A session that ended took the lock with it; nothing to undo then.
        await onSession(client, `SELECT pg_advisory_unlock($1::int, ${key})`, [HOST_SLOT_CLASS, host, String(slot)]).catch(() => {});
        taken.delete(slot);
        if (taken.size === 0 && heldSlots.get(host) === taken) heldSlots.delete(host);
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
