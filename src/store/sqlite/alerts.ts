import type { Database, Statement } from 'better-sqlite3';
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

type LogRow = SharedLogRow<string, number>;

function toLog(r: LogRow): DeliveryLogEntry {
  return toLogEntry(r, JSON.parse(r.delivery_ids) as number[], r.ok === 1);
}

export class SqliteAlertRepo implements AlertRepo {
  private readonly insert: Statement;

  constructor(private readonly db: Database) {
    this.insert = db.prepare(
      `INSERT INTO alert_deliveries (topic_id, entry_id, channel, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (topic_id, entry_id, channel) DO NOTHING`,
    );
  }

  async enqueue(items: NewDelivery[], now = Date.now()): Promise<number> {
    let n = 0;
    this.db.transaction(() => {
      for (const it of items) n += this.insert.run(it.topicId, it.entryId, it.channel, it.dueAt, now).changes;
    })();
    return n;
  }

  async claimDue(now: number, limit: number, owner: string, leaseMs: number, channel?: AlertChannel): Promise<AlertDelivery[]> {
    // One transaction (SQLite serialises writers, so two workers can never claim the same row):
    // the rows are read first because RETURNING gives only the new values, and an expired lease
    // taken over is returned with each row. The plain status IN (…) lets SQLite use the partial
    // due-index instead of scanning sent rows.
    return this.db.transaction(() => {
      const due = this.db
        .prepare(
          `SELECT id, lease_owner || COALESCE('@' || lease_until, '') AS taken_from
           FROM alert_deliveries
           WHERE status IN ('pending','sending') AND next_attempt_at <= ?
             AND (status = 'pending' OR (status = 'sending' AND lease_until < ?))
             ${channel ? 'AND channel = ?' : ''}
           ORDER BY next_attempt_at, id LIMIT ?`,
        )
        .all(now, now, ...(channel ? [channel] : []), limit) as { id: number; taken_from: string | null }[];
      if (due.length === 0) return [];
      // The rest of a message a dead worker was sending comes along even past `limit`: a message
      // is resent whole (the same rows, the same delivery id) or not at all.
      const taken = [...new Set(due.map((r) => r.taken_from).filter((t): t is string => t !== null))];
      if (taken.length > 0) {
        const have = new Set(due.map((r) => r.id));
        const rest = this.db
          .prepare(
            `SELECT id, lease_owner || COALESCE('@' || lease_until, '') AS taken_from FROM alert_deliveries
             WHERE status = 'sending' AND lease_until < ? AND lease_owner || COALESCE('@' || lease_until, '') IN (SELECT value FROM json_each(?))`,
          )
          .all(now, JSON.stringify(taken)) as { id: number; taken_from: string | null }[];
        for (const r of rest) if (!have.has(r.id)) due.push(r);
      }
      const takenFrom = new Map(due.map((r) => [r.id, r.taken_from]));
      const rows = this.db
        .prepare(
          `UPDATE alert_deliveries SET status = 'sending', lease_owner = ?, lease_until = ?
           WHERE id IN (SELECT value FROM json_each(?))
           RETURNING ${DELIVERY_COLUMNS}`,
        )
        .all(owner, now + leaseMs, JSON.stringify(due.map((r) => r.id))) as DeliveryRow[];
      return rows
        .map((r) => withTakenFrom({ ...r, taken_from: takenFrom.get(r.id) ?? null }))
        .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.id - b.id);
    })();
  }

  async settle(o: DeliveryOutcome, now = Date.now()): Promise<SettleResult> {
    const a = o.attempt;
    const ids = JSON.stringify(o.ids);
    return this.db.transaction(() => {
      // Read first (one transaction, and SQLite serialises writers): which rows another worker
      // took over while this one was sending. See AlertRepo.settle for what each outcome does.
      const lost =
        o.lease === undefined
          ? []
          : (
              this.db
                .prepare(
                  `SELECT id FROM alert_deliveries WHERE id IN (SELECT value FROM json_each(?)) AND lease_owner IS NOT ? ORDER BY id`,
                )
                .all(ids, o.lease) as { id: number }[]
            ).map((r) => Number(r.id));
      this.db
        .prepare(
          `INSERT INTO alert_log (topic_id, channel, delivery_ids, ok, target, status_code, error, duration_ms, attempted_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(a.topicId, a.channel, ids, a.ok ? 1 : 0, a.target, a.statusCode, a.error, Math.round(a.durationMs), now);
      if (a.ok) {
        this.db
          .prepare(
            `UPDATE alert_deliveries SET status = 'sent', attempts = attempts + 1, sent_at = ?, last_error = NULL,
               lease_owner = NULL, lease_until = NULL
             WHERE id IN (SELECT value FROM json_each(?)) AND status <> 'sent'`,
          )
          .run(now, ids);
      } else {
        const retryAt = o.retryAt ?? null;
        const held = lost.length === 0 ? ids : JSON.stringify(o.ids.filter((id) => !lost.includes(id)));
        // lease_owner stays: it names the message the rows went out in, so the retry is that
        // message again, with the same delivery id (claimDue's takenFrom).
        this.db
          .prepare(
            `UPDATE alert_deliveries SET status = ?, attempts = attempts + 1, last_error = ?,
               next_attempt_at = COALESCE(?, next_attempt_at), lease_until = NULL
             WHERE id IN (SELECT value FROM json_each(?)) AND status <> 'sent'`,
          )
          .run(retryAt === null ? 'failed' : 'pending', a.error, retryAt, held);
      }
      return { lost };
    })();
  }

  async startBatch(ids: number[], owner: string, batch: string, now: number, leaseUntil: number): Promise<boolean> {
    if (ids.length === 0) return true;
    const set = JSON.stringify([...new Set(ids)]);
    return this.db.transaction(() => {
      const { n } = this.db
        .prepare(
          `SELECT count(*) AS n FROM alert_deliveries
           WHERE id IN (SELECT value FROM json_each(?)) AND status = 'sending' AND lease_owner = ? AND lease_until >= ?`,
        )
        .get(set, owner, now) as { n: number };
      // All or nothing: a message goes out with every row it names leased to this worker.
      if (n !== new Set(ids).size) return false;
      this.db
        .prepare(`UPDATE alert_deliveries SET lease_owner = ?, lease_until = ? WHERE id IN (SELECT value FROM json_each(?))`)
        .run(batch, leaseUntil, set);
      return true;
    })();
  }

  async cancel(ids: number[], reason: string, now = Date.now()): Promise<void> {
    this.db
      .prepare(
        `UPDATE alert_deliveries SET status = 'cancelled', last_error = ?, lease_owner = NULL, lease_until = NULL,
           next_attempt_at = ?
         WHERE id IN (SELECT value FROM json_each(?)) AND status <> 'sent'`,
      )
      .run(reason, now, JSON.stringify(ids));
  }

  async requeue(filter: { ids?: number[]; topicId?: string }, now = Date.now()): Promise<number> {
    const where = filter.ids ? "id IN (SELECT value FROM json_each(?)) AND status IN ('failed','cancelled')" : "status = 'failed'";
    const params: unknown[] = filter.ids ? [JSON.stringify(filter.ids)] : [];
    let sql = `UPDATE alert_deliveries SET status = 'pending', attempts = 0, next_attempt_at = ? WHERE ${where}`;
    if (filter.topicId !== undefined) (sql += ' AND topic_id = ?'), params.push(filter.topicId);
    return this.db.prepare(sql).run(now, ...params).changes;
  }

  async list(q: { topicId?: string; status?: DeliveryStatus; limit: number }): Promise<AlertDelivery[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.topicId !== undefined) where.push('topic_id = ?'), params.push(q.topicId);
    if (q.status !== undefined) where.push('status = ?'), params.push(q.status);
    const sql = `SELECT ${DELIVERY_COLUMNS} FROM alert_deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...params, Math.max(1, q.limit)) as DeliveryRow[]).map(toDelivery);
  }

  async log(q: { topicId?: string; limit: number }): Promise<DeliveryLogEntry[]> {
    const rows = (
      q.topicId === undefined
        ? this.db.prepare('SELECT * FROM alert_log ORDER BY id DESC LIMIT ?').all(Math.max(1, q.limit))
        : this.db.prepare('SELECT * FROM alert_log WHERE topic_id = ? ORDER BY id DESC LIMIT ?').all(q.topicId, Math.max(1, q.limit))
    ) as LogRow[];
    return rows.map(toLog);
  }

  async stats(topicId?: string): Promise<Record<DeliveryStatus, number>> {
    const rows = (
      topicId === undefined
        ? this.db.prepare('SELECT status, COUNT(*) AS n FROM alert_deliveries GROUP BY status').all()
        : this.db.prepare('SELECT status, COUNT(*) AS n FROM alert_deliveries WHERE topic_id = ? GROUP BY status').all(topicId)
    ) as { status: DeliveryStatus; n: number }[];
    const out = Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as Record<DeliveryStatus, number>;
    for (const r of rows) out[r.status] = r.n;
    return out;
  }

  async nextDueAt(channel?: AlertChannel): Promise<number | undefined> {
    const row = this.db
      .prepare(
        `SELECT MIN(CASE WHEN status = 'sending' THEN MAX(next_attempt_at, lease_until) ELSE next_attempt_at END) AS t
         FROM alert_deliveries WHERE status IN ('pending','sending') ${channel ? 'AND channel = ?' : ''}`,
      )
      .get(...(channel ? [channel] : [])) as { t: number | null };
    return row.t ?? undefined;
  }
}
