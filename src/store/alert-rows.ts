// Pure pieces of the alert repos that the SQL dialects share: column lists and row mapping. The
// dialects differ only in how the log's JSON id list and boolean arrive, which they decode first.
import type { AlertChannel, AlertDelivery, DeliveryLogEntry, DeliveryStatus } from './alerts.js';

export interface DeliveryRow {
  id: number;
  topic_id: string;
  entry_id: number;
  channel: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

export interface LogRow<Json, Bool> {
  id: number;
  topic_id: string;
  channel: string;
  delivery_ids: Json;
  ok: Bool;
  target: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  attempted_at: number;
}

export const DELIVERY_COLUMNS = 'id, topic_id, entry_id, channel, status, attempts, next_attempt_at, last_error, created_at, sent_at';
export const DELIVERY_STATUSES: DeliveryStatus[] = ['pending', 'sending', 'sent', 'failed', 'cancelled'];

export function toDelivery(r: DeliveryRow): AlertDelivery {
  return {
    id: r.id,
    topicId: r.topic_id,
    entryId: r.entry_id,
    channel: r.channel as AlertChannel,
    status: r.status as DeliveryStatus,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

/** A claimed row with the expired lease it was taken from, if any (see AlertDelivery.takenFrom). */
export function withTakenFrom(r: DeliveryRow & { taken_from: string | null }): AlertDelivery {
  const d = toDelivery(r);
  if (r.taken_from !== null) d.takenFrom = r.taken_from;
  return d;
}

export function toLogEntry<Json, Bool>(r: LogRow<Json, Bool>, deliveryIds: number[], ok: boolean): DeliveryLogEntry {
  return {
    id: r.id,
    topicId: r.topic_id,
    channel: r.channel as AlertChannel,
    deliveryIds,
    ok,
    target: r.target,
    statusCode: r.status_code,
    error: r.error,
    durationMs: r.duration_ms,
    attemptedAt: r.attempted_at,
  };
}
