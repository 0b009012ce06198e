// The alert outbox contract. Tagging a new entry enqueues one delivery per (topic, entry, channel);
// the store enforces that triple as unique, so no alert goes out twice for one entry however often
// tagging runs. Rows are durable: a delivery that fails, or whose worker dies, is retried later.

export type AlertChannel = 'webhook' | 'email';

/**
 * pending: waiting for its due time; sending: claimed by a worker (lease); sent; failed: gave up
 * after the last attempt (kept, and `requeue` brings it back); cancelled: the topic no longer has
 * that channel.
 */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';

export interface NewDelivery {
  topicId: string;
  entryId: number;
  channel: AlertChannel;
  /** When it may first be sent (now for webhooks, the end of the digest period for email). */
  dueAt: number;
}

export interface AlertDelivery {
  id: number;
  topicId: string;
  entryId: number;
  channel: AlertChannel;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
  /**
   * Set by claimDue only, on a row that went out before: taken over from an expired lease
   * ("batch@until", the batch startBatch named) or due again after a failed attempt ("batch").
   * The rows of one message share it, so the next sender sends them as the same message again
   * (the same X-Newsdesk-Delivery) rather than mixed with rows that fell due meanwhile.
   */
  takenFrom?: string;
}

/** One attempt to send one webhook POST or one email, covering one or more deliveries. */
export interface DeliveryAttempt {
  topicId: string;
  channel: AlertChannel;
  deliveryIds: number[];
  ok: boolean;
  /** Where it went: the webhook URL or the mail recipients. */
  target: string;
  /** HTTP status for webhooks, SMTP response code for email, when one arrived. */
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface DeliveryLogEntry extends DeliveryAttempt {
  id: number;
  attemptedAt: number;
}

export interface DeliveryOutcome {
  ids: number[];
  attempt: DeliveryAttempt;
  /** For a failure: when to try again, or null to give up (status failed). */
  retryAt?: number | null;
  /**
   * The lease the rows were sent under (the batch startBatch named, or the claim's owner): settle
   * reports the rows no longer leased to it (SettleResult.lost). Without it nothing is reported.
   */
  lease?: string;
}

export interface SettleResult {
  /**
   * Rows of the outcome no longer leased to `outcome.lease` when it settled: the lease ran out
   * during the send and another worker took them over (it may send the message again), or an
   * operator changed them. A success still marks them sent (see settle); a failure leaves them to
   * the worker that holds them now.
   */
  lost: number[];
}

export interface AlertRepo {
  /** Inserts deliveries, ignoring any (topic, entry, channel) already queued or sent. Returns how many were new. */
  enqueue(items: NewDelivery[], now?: number): Promise<number>;
  /**
   * Leases up to `limit` due deliveries (pending and due, or sending with an expired lease) to
   * `owner` for `leaseMs`, oldest due first.
   */
  claimDue(now: number, limit: number, owner: string, leaseMs: number, channel?: AlertChannel): Promise<AlertDelivery[]>;
  /**
   * Names the claimed rows one message will carry: their lease owner becomes `batch` (the claim's
   * owner with a tag), so if the sender dies, claimDue hands them out again with that batch as
   * their takenFrom and they go out as the same message. Their lease is renewed to `leaseUntil`,
   * so each message has a whole lease from its start, however long the claim's earlier messages
   * took. False (nothing changed) when a row is no longer leased to `owner` with an unexpired
   * lease: another worker may have taken it, do not send.
   */
  startBatch(ids: number[], owner: string, batch: string, now: number, leaseUntil: number): Promise<boolean>;
  /**
   * Records an attempt in the log and settles its deliveries (sent, retry later, or failed) in one
   * transaction. A success marks every row not yet sent as sent, even a row another worker took
   * over after this sender's lease ran out: the message did go out, and the row is marked once
   * (a row already sent is left as it is). A failure settles only the rows still leased to
   * `outcome.lease` (all rows when it is not given): a row another worker holds now is its to
   * settle, and making it due again under that worker would let a third one send it too.
   */
  settle(outcome: DeliveryOutcome, now?: number): Promise<SettleResult>;
  /** Marks deliveries cancelled (their topic lost the channel), with the reason. */
  cancel(ids: number[], reason: string, now?: number): Promise<void>;
  /** Puts failed (or the given) deliveries back in the queue, due now. Returns how many. */
  requeue(filter: { ids?: number[]; topicId?: string }, now?: number): Promise<number>;
  list(query: { topicId?: string; status?: DeliveryStatus; limit: number }): Promise<AlertDelivery[]>;
  log(query: { topicId?: string | undefined; limit: number }): Promise<DeliveryLogEntry[]>;
  /** Rows per status, for a topic or all. */
  stats(topicId?: string): Promise<Record<DeliveryStatus, number>>;
  /** Earliest time a pending delivery (of one channel, or any) falls due (for the worker's sleep). */
  nextDueAt(channel?: AlertChannel): Promise<number | undefined>;
}
