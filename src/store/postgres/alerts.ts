import type { SharedClock } from '../clock.js';
import type {
  AlertChannel,
  AlertDelivery,
  AlertRepo,
  DeliveryLogEntry,
  DeliveryOutcome,
  DeliveryStatus,
  NewDelivery,
  SettleResult,
} from '../alerts.js';
import {
  DELIVERY_COLUMNS,
  DELIVERY_STATUSES,
  toDelivery,
  withTakenFrom,
  toLogEntry,
  type DeliveryRow,
  type LogRow as SharedLogRow,
} from '../alert-rows.js';
import { noNul, type Db } from './db.js';
import { Params } from './rows.js';

type LogRow = SharedLogRow<unknown, boolean>;

function toLog(r: LogRow): DeliveryLogEntry {
  return toLogEntry(r, Array.isArray(r.delivery_ids) ? r.delivery_ids.map(Number) : [], r.ok);
}

export class PostgresAlertRepo implements AlertRepo {
  constructor(
    private readonly db: Db,
    private readonly clock: SharedClock,
  ) {}

  async enqueue(items: NewDelivery[], at?: number): Promise<number> {
    if (!items.length) return 0;
    const now = at ?? (await this.clock.now());
    // The UNIQUE (topic, entry, channel) constraint makes a second enqueue, from this worker or
    // another, a no-op; rows repeated within one call are folded first (one statement may not
    // touch a row twice), the first copy kept, as a row-by-row insert would (the SQLite dialect).
    const unique = new Map<string, NewDelivery>();
    for (const it of items) {
      const key = `${it.topicId}\u0000${it.entryId}\u0000${it.channel}`;
      if (!unique.has(key)) unique.set(key, it);
    }
    const list = [...unique.values()];
    return this.db.run(
      `INSERT INTO alert_deliveries (topic_id, entry_id, channel, next_attempt_at, created_at)
       SELECT t, e, c, d, $5 FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[]) WITH ORDINALITY AS v(t, e, c, d, n)
       ORDER BY n
       ON CONFLICT (topic_id, entry_id, channel) DO NOTHING`,
      [list.map((i) => i.topicId), list.map((i) => i.entryId), list.map((i) => i.channel), list.map((i) => i.dueAt), now],
    );
  }

  async claimDue(now: number, limit: number, owner: string, leaseMs: number, channel?: AlertChannel): Promise<AlertDelivery[]> {
    // Claims are serialised by a transaction-level advisory lock (SKIP LOCKED still passes over
    // rows a settle or startBatch is writing right now). SKIP LOCKED alone lets two
    // workers claiming at the same moment split the rows of one message a dead worker was sending
    // (each skips the rows the other is locking), and each would then send its part under a new
    // delivery id. Claims are a handful per digest run and take milliseconds, so one at a time
    // costs nothing that matters. For the same reason the rest of a taken-over message comes along
    // even past \`limit\`: a message is resent whole or not at all.
    const p = new Params();
    const o = p.add(owner);
    const until = p.add(now + leaseMs);
    const at = p.add(now);
    const ch = channel ? `AND channel = ${p.add(channel)}` : '';
    const lim = p.add(Math.max(0, limit));
    const columns = DELIVERY_COLUMNS.split(', ')
      .map((c) => `d.${c}`)
      .join(', ');
    const rows = await this.db.tx(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1::int, hashtext(current_schema()))', [ALERT_CLAIM_LOCK]);
      // The subquery reads each row before the UPDATE: an expired lease it takes over is returned.
      const claimed = await c.query<DeliveryRow & { taken_from: string | null }>(
        `UPDATE alert_deliveries d SET status = 'sending', lease_owner = ${o}, lease_until = ${until}
         FROM (
           SELECT id, lease_owner || COALESCE('@' || lease_until, '') AS taken_from
           FROM alert_deliveries
           WHERE status IN ('pending','sending') AND next_attempt_at <= ${at}
             AND (status = 'pending' OR (status = 'sending' AND lease_until < ${at}))
             ${ch}
           ORDER BY next_attempt_at, id LIMIT ${lim}
           FOR UPDATE SKIP LOCKED) due
         WHERE d.id = due.id
         RETURNING ${columns}, due.taken_from`,
        p.values,
      );
      const taken = [...new Set(claimed.rows.map((r) => r.taken_from).filter((t): t is string => t !== null))];
      if (taken.length === 0) return claimed.rows;
      const rest = await c.query<DeliveryRow & { taken_from: string | null }>(
        `UPDATE alert_deliveries d SET lease_owner = $1, lease_until = $2
         FROM (
           SELECT id, lease_owner || COALESCE('@' || lease_until, '') AS taken_from
           FROM alert_deliveries
           WHERE status = 'sending' AND lease_until < $3 AND lease_owner || COALESCE('@' || lease_until, '') = ANY($4::text[])
           FOR UPDATE) due
         WHERE d.id = due.id
         RETURNING ${columns}, due.taken_from`,
        [owner, now + leaseMs, now, taken],
      );
      return [...claimed.rows, ...rest.rows];
    });
    return rows.map(withTakenFrom).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.id - b.id);
  }

  async settle(o: DeliveryOutcome, at?: number): Promise<SettleResult> {
    const now = at ?? (await this.clock.now());
    const a = o.attempt;
    return this.db.tx(async (c) => {
      // The rows locked first, so a claim (SKIP LOCKED) cannot take one over between this read and
      // the update: which rows another worker took over while this one was sending. See
      // AlertRepo.settle for what each outcome does with them.
      let lost: number[] = [];
      if (o.lease !== undefined) {
        const rows = await c.query<{ id: string | number; lease_owner: string | null }>(
          `SELECT id, lease_owner FROM alert_deliveries WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE`,
          [o.ids],
        );
        lost = rows.rows.filter((r) => r.lease_owner !== o.lease).map((r) => Number(r.id));
      }
      await c.query(
        `INSERT INTO alert_log (topic_id, channel, delivery_ids, ok, target, status_code, error, duration_ms, attempted_at)
         VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8, $9)`,
        [a.topicId, a.channel, JSON.stringify(o.ids), a.ok, noNul(a.target), a.statusCode, noNul(a.error), Math.round(a.durationMs), now],
      );
      if (a.ok) {
        await c.query(
          `UPDATE alert_deliveries SET status = 'sent', attempts = attempts + 1, sent_at = $1, last_error = NULL,
             lease_owner = NULL, lease_until = NULL
           WHERE id = ANY($2::bigint[]) AND status <> 'sent'`,
          [now, o.ids],
        );
      } else {
        const retryAt = o.retryAt ?? null;
        // lease_owner stays: it names the message the rows went out in, so the retry is that
        // message again, with the same delivery id (claimDue's takenFrom).
        await c.query(
          `UPDATE alert_deliveries SET status = $1, attempts = attempts + 1, last_error = $2,
             next_attempt_at = COALESCE($3::bigint, next_attempt_at), lease_until = NULL
           WHERE id = ANY($4::bigint[]) AND status <> 'sent'`,
          [retryAt === null ? 'failed' : 'pending', noNul(a.error), retryAt, o.ids.filter((id) => !lost.includes(id))],
        );
      }
      return { lost };
    });
  }

  async startBatch(ids: number[], owner: string, batch: string, now: number, leaseUntil: number): Promise<boolean> {
    if (ids.length === 0) return true;
    return this.db
      .tx(async (c) => {
        const r = await c.query(
          `UPDATE alert_deliveries SET lease_owner = $1, lease_until = $5
         WHERE id = ANY($2::bigint[]) AND status = 'sending' AND lease_owner = $3 AND lease_until >= $4`,
          [batch, ids, owner, now, leaseUntil],
        );
        // All or nothing: a message goes out with every row it names leased to this worker.
        if ((r.rowCount ?? 0) !== new Set(ids).size) throw new BatchLost();
        return true;
      })
      .catch((err: unknown) => {
        if (err instanceof BatchLost) return false;
        throw err;
      });
  }

  async cancel(ids: number[], reason: string, at?: number): Promise<void> {
    const now = at ?? (await this.clock.now());
    await this.db.run(
      `UPDATE alert_deliveries SET status = 'cancelled', last_error = $1, lease_owner = NULL, lease_until = NULL,
         next_attempt_at = $2
       WHERE id = ANY($3::bigint[]) AND status <> 'sent'`,
      [noNul(reason), now, ids],
    );
  }

  async requeue(filter: { ids?: number[]; topicId?: string }, now?: number): Promise<number> {
    const p = new Params();
    // Due again now by the store's clock, which claims compare with (not this machine's own).
    const at = p.add(now ?? (await this.clock.now()));
    const where = filter.ids ? [`id = ANY(${p.add(filter.ids)}::bigint[])`, "status IN ('failed','cancelled')"] : ["status = 'failed'"];
    if (filter.topicId !== undefined) where.push(`topic_id = ${p.add(filter.topicId)}`);
    return this.db.run(
      `UPDATE alert_deliveries SET status = 'pending', attempts = 0, next_attempt_at = ${at} WHERE ${where.join(' AND ')}`,
      p.values,
    );
  }

  async list(q: { topicId?: string; status?: DeliveryStatus; limit: number }): Promise<AlertDelivery[]> {
    const p = new Params();
    const where: string[] = [];
    if (q.topicId !== undefined) where.push(`topic_id = ${p.add(q.topicId)}`);
    if (q.status !== undefined) where.push(`status = ${p.add(q.status)}`);
    const rows = await this.db.rows<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM alert_deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY id DESC LIMIT ${p.add(Math.max(1, q.limit))}`,
      p.values,
    );
    return rows.map(toDelivery);
  }

  async log(q: { topicId?: string; limit: number }): Promise<DeliveryLogEntry[]> {
    const rows =
      q.topicId === undefined
        ? await this.db.rows<LogRow>('SELECT * FROM alert_log ORDER BY id DESC LIMIT $1', [Math.max(1, q.limit)])
        : await this.db.rows<LogRow>('SELECT * FROM alert_log WHERE topic_id = $1 ORDER BY id DESC LIMIT $2', [
            q.topicId,
            Math.max(1, q.limit),
          ]);
    return rows.map(toLog);
  }

  async stats(topicId?: string): Promise<Record<DeliveryStatus, number>> {
    const rows =
      topicId === undefined
        ? await this.db.rows<{ status: DeliveryStatus; n: number }>('SELECT status, COUNT(*) AS n FROM alert_deliveries GROUP BY status')
        : await this.db.rows<{ status: DeliveryStatus; n: number }>(
            'SELECT status, COUNT(*) AS n FROM alert_deliveries WHERE topic_id = $1 GROUP BY status',
            [topicId],
          );
    const out = Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as Record<DeliveryStatus, number>;
    for (const r of rows) out[r.status] = r.n;
    return out;
  }

  async nextDueAt(channel?: AlertChannel): Promise<number | undefined> {
    const row = await this.db.one<{ t: number | null }>(
      `SELECT MIN(CASE WHEN status = 'sending' THEN GREATEST(next_attempt_at, lease_until) ELSE next_attempt_at END) AS t
       FROM alert_deliveries WHERE status IN ('pending','sending') ${channel ? 'AND channel = $1' : ''}`,
      channel ? [channel] : [],
    );
    return row?.t ?? undefined;
  }
}

/** Rolls startBatch back when a row is no longer this worker's. */
class BatchLost extends Error {}

/** Transaction-level advisory lock key serialising alert claims ("AC"). */
const ALERT_CLAIM_LOCK = 0x4143;
