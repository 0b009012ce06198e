// Delivers the alert outbox: claims due rows (a lease, so several workers never send one row),
// sends one webhook POST per topic batch and one e-mail per topic digest, then marks the rows sent
// or schedules a retry with the error. Everything it needs is in the store, so a restarted
// process picks up exactly where the last one stopped; a row whose worker died mid-send is
// claimed again when its lease runs out.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Mailer } from './mailer.js';
import { digestMail, webhookBody, type AlertItem, type AlertTopic } from './message.js';
import { maskAddress, redactUrl, scrubAddresses } from './redact.js';
import { DEFAULT_BACKOFF, retryAt, type BackoffPolicy } from './schedule.js';
import { storedAlertSettings, type TopicAlerts, type WebhookTarget } from './settings.js';
import { WebhookError, type WebhookPoster } from './webhook.js';
import type { Logger } from '../log/logger.js';
import type { Entry } from '../domain/entry.js';
import type { AlertChannel, AlertDelivery, DeliveryAttempt } from '../store/alerts.js';
import { editedText, isHidden, type OverrideSet, overrideIds } from '../store/curation.js';
import type { TopicTag } from '../store/topics.js';
import type { ClockFn } from '../store/clock.js';
import type { Store } from '../store/store.js';
import { matchTotal } from '../domain/topic.js';

export interface AlertWorkerOptions {
  store: Pick<Store, 'entries' | 'topics' | 'alerts' | 'curation' | 'clock'>;
  webhook: WebhookPoster;
  /** Without one, e-mail deliveries are left waiting in the outbox until a worker with a mailer runs. */
  mailer?: Mailer | undefined;
  /**
   * Alert settings by topic (the topics runtime's, resolved from the topics file); default: read
   * from the stored topic definitions on every run, which hold no inline secrets (see
   * topics/stored.ts).
   */
  alerts?: (() => Map<string, TopicAlerts> | Promise<Map<string, TopicAlerts>>) | undefined;
  baseUrl?: string | undefined;
  owner?: string | undefined;
  /** Rows claimed per run. */
  batchSize?: number | undefined;
  /** Entries per webhook POST. */
  webhookChunk?: number | undefined;
  leaseMs?: number | undefined;
  backoff?: BackoffPolicy | undefined;
  /** Longest sleep between runs when nothing is due (rows may be queued by another process). */
  pollMs?: number | undefined;
  log?: Logger | undefined;
  /** The time leases and due times are judged by (default: the store's clock; see now()). */
  clock?: ClockFn | undefined;
}

/** What a run read for its claimed rows, once: live entries by id, their topic tags and editors' overrides (hidden, edited text). */
interface Found {
  entries: Map<number, Entry>;
  tags: Map<number, TopicTag[]>;
  overrides: OverrideSet;
}

export interface AlertRunStats {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
  cancelled: number;
}

export class AlertWorker {
  private readonly owner: string;
  /** Messages started by this worker: tags each one's rows in the outbox (startBatch). */
  private batches = 0;
  private stopped = true;
  private wakeUp: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(private readonly opts: AlertWorkerOptions) {
    this.owner = opts.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  }

  /**
   * The time claims, leases and next attempts are judged by: the store's clock (the database
   * server's on PostgreSQL), so a machine whose clock runs fast does not take the rows of a message
   * another worker is sending (a second send) nor send before a retry is due. `clock` sets it (tests).
   */
  private async now(): Promise<number> {
    return this.opts.clock ? this.opts.clock() : this.opts.store.clock.now();
  }

  /** Sends everything due now; resolves when each claimed row is settled. */
  async runOnce(): Promise<AlertRunStats> {
    const { store } = this.opts;
    const stats: AlertRunStats = { claimed: 0, sent: 0, retrying: 0, failed: 0, cancelled: 0 };
    const now = await this.now();
    const claimed = await store.alerts.claimDue(now, this.opts.batchSize ?? 500, this.owner, this.leaseMs(), this.channel());
    stats.claimed = claimed.length;
    if (claimed.length === 0) return stats;
    const config = await this.alertConfig();
    // The entries and their tags for every claimed row at once: two queries per run, not two per row.
    const entryIds = claimed.map((d) => d.entryId);
    const [entries, tags] = await Promise.all([store.entries.getMany(entryIds), store.topics.tagsFor(entryIds)]);
    // What editors hid (the entry, its whole story, or the article it copies) is out of the pages
    // and the API, and out of alerts too: a digest waits up to a day, and a hide in that time (a
    // wrong match, a takedown) must not be undone by the e-mail. One query per run, like the two above.
    const keys = overrideIds(entries);
    const overrides = await store.curation.overrides(keys.entries, keys.stories);
    const found: Found = { entries: new Map(entries.map((e) => [e.id, e])), tags, overrides };
    const groups = new Map<string, AlertDelivery[]>();
    // Rows that went out before (a dead worker's message, taken over when its lease ran out, or a
    // failed attempt due again) form a group of their own per message: the same rows in the same
    // order, so a resend is the same message with the same delivery id (a receiver that saw it
    // before drops it), not mixed with rows that fell due meanwhile.
    for (const d of claimed) {
      const key = `${d.channel}\u0000${d.topicId}\u0000${d.takenFrom ?? ''}`;
      const g = groups.get(key);
      if (g) g.push(d);
      else groups.set(key, [d]);
    }
    for (const rows of groups.values()) {
      const { topicId, channel } = rows[0]!;
      try {
        await this.deliverGroup(topicId, channel, rows, config.get(topicId), found, stats);
      } catch (err) {
        // A bug or a store error: the lease expires and the rows are tried again; nothing is lost.
        this.opts.log?.error({ err, topicId, channel }, 'alert delivery crashed; the rows will be retried when their lease expires');
      }
    }
    return stats;
  }

  /** Runs until stop(): sends what is due, then sleeps until the next due row (or pollMs). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  /** Lets a sleeping worker look at the queue now (after the pipeline queued alerts). */
  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    const pollMs = this.opts.pollMs ?? 30_000;
    while (!this.stopped) {
      let again = false;
      let broken = false;
      try {
        const s = await this.runOnce();
        if (s.claimed > 0) this.opts.log?.info(s, 'alerts delivered');
        again = s.claimed >= (this.opts.batchSize ?? 500);
      } catch (err) {
        broken = true;
        this.opts.log?.error({ err }, `alert worker run failed; trying again in ${Math.round(pollMs / 1000)} s`);
      }
      if (this.stopped) break;
      let wait = broken ? pollMs : 0;
      if (!again && !broken) {
        const next = await this.opts.store.alerts.nextDueAt(this.channel()).catch(() => undefined);
        const now = next === undefined ? undefined : await this.now().catch(() => undefined);
        wait = next === undefined || now === undefined ? pollMs : Math.min(pollMs, Math.max(0, next - now));
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.max(wait, again ? 0 : 50));
        this.wakeUp = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
  }

  /**
   * Names the rows of the message about to go out (see AlertRepo.startBatch): should this process
   * die before it marks them sent, the worker that takes them over sends exactly this message again.
   * Renews their lease: a message gets a whole lease whatever the claim's earlier messages took.
   * Returns the batch (the lease the message is sent and settled under), or undefined when the
   * claim's lease ran out first (another worker may have the rows): not sent here.
   */
  private async startBatch(topicId: string, ids: number[], now: number): Promise<string | undefined> {
    const batch = `${this.owner}#${++this.batches}`;
    if (await this.opts.store.alerts.startBatch(ids, this.owner, batch, now, now + this.leaseMs())) return batch;
    this.opts.log?.warn({ topicId, deliveryIds: ids }, 'alert lease ran out before sending; another worker has these deliveries');
    return undefined;
  }

  private leaseMs(): number {
    return this.opts.leaseMs ?? 5 * 60_000;
  }

  /** The one channel this worker can deliver, when it cannot deliver both. */
  private channel(): AlertChannel | undefined {
    return this.opts.mailer ? undefined : 'webhook';
  }

  private async alertConfig(): Promise<Map<string, TopicAlerts>> {
    if (this.opts.alerts) return this.opts.alerts();
    return (await storedAlertSettings(this.opts.store)).alerts;
  }

  private async deliverGroup(
    topicId: string,
    channel: AlertChannel,
    rows: AlertDelivery[],
    cfg: TopicAlerts | undefined,
    found: Found,
    stats: AlertRunStats,
  ): Promise<void> {
    const { store } = this.opts;
    const target = channel === 'webhook' ? cfg?.webhook : cfg?.email;
    if (!cfg || !target) {
      await store.alerts.cancel(
        rows.map((r) => r.id),
        `topic ${topicId} has no ${channel} alert configured any more`,
        await this.now(),
      );
      stats.cancelled += rows.length;
      return;
    }
    const items: AlertItem[] = [];
    const gone: number[] = [];
    const hidden: number[] = [];
    for (const r of rows) {
      const entry = found.entries.get(r.entryId);
      if (!entry) {
        gone.push(r.id);
        continue;
      }
      if (isHidden(found.overrides, entry)) {
        hidden.push(r.id);
        continue;
      }
      const tag = found.tags.get(r.entryId)?.find((t) => t.topicId === topicId);
      const matches = tag?.matches ?? [];
      // The headline and excerpt readers see on the topic page and its feeds: an editor's, when set,
      // from the overrides read above (no further query).
      items.push({ deliveryId: r.id, entry, matches, matchCount: tag ? matchTotal(tag) : 0, edited: editedText(entry, found.overrides) });
    }
    if (gone.length) {
      await store.alerts.cancel(gone, 'the entry was deleted before the alert went out', await this.now());
      stats.cancelled += gone.length;
    }
    if (hidden.length) {
      // Cancelled, not held: showing the entry again later puts it back on the pages, but its
      // alert moment has passed (and an alert long after the fact reads as news it is not).
      await store.alerts.cancel(hidden, 'an editor hid the entry (or its story) before the alert went out', await this.now());
      stats.cancelled += hidden.length;
    }
    if (items.length === 0) return;
    const group: Group = { topic: { id: topicId, name: cfg.topicName }, channel, rows, stats };
    if (channel === 'webhook' && cfg.webhook) await this.sendWebhooks(group, cfg.webhook, items);
    else if (channel === 'email' && cfg.email) await this.sendDigest(group, cfg.email.to, items);
  }

  /** One signed POST per chunk of the group's items. */
  private async sendWebhooks(group: Group, hook: WebhookTarget, items: AlertItem[]): Promise<void> {
    const { topic } = group;
    const target = redactUrl(hook.url);
    if (!hook.secret) {
      // The secret is not available to this process (an unset variable, a missing file, an inline
      // secret not stored): keep the rows and say why; they go out once the secret is there.
      const ids = items.map((p) => p.deliveryId);
      const retry = await this.retryAt(group, ids);
      await this.settle(group, ids, this.owner, target, 0, { ok: false, statusCode: null, error: hook.missing, retryAt: retry });
      this.opts.log?.warn({ topicId: topic.id, error: hook.missing, retryAt: retry }, 'webhook delivery waits for its secret');
      return;
    }
    const chunk = this.opts.webhookChunk ?? 50;
    for (let i = 0; i < items.length; i += chunk) {
      const part = items.slice(i, i + chunk);
      const ids = part.map((p) => p.deliveryId);
      const now = await this.now();
      const lease = await this.startBatch(topic.id, ids, now);
      if (lease === undefined) continue;
      const body = webhookBody(topic, part, { baseUrl: this.opts.baseUrl ?? '', now });
      const t0 = performance.now();
      try {
        const res = await this.opts.webhook.post({
          url: hook.url,
          secret: hook.secret.reveal(),
          body,
          deliveryId: deliveryId(topic.id, ids),
          now,
        });
        await this.settle(group, ids, lease, target, performance.now() - t0, { ok: true, statusCode: res.status });
      } catch (err) {
        const e = err instanceof WebhookError ? err : new WebhookError(String((err as Error).message ?? err), true);
        const retry = e.retryable ? await this.retryAt(group, ids, e.retryAfterMs) : null;
        await this.settle(group, ids, lease, target, performance.now() - t0, {
          ok: false,
          statusCode: e.status,
          error: e.message,
          retryAt: retry,
        });
        this.opts.log?.warn({ topicId: topic.id, error: e.message, retryAt: retry }, 'webhook delivery failed');
      }
    }
  }

  /** One e-mail with all the group's items. */
  private async sendDigest(group: Group, to: string[], items: AlertItem[]): Promise<void> {
    const { topic } = group;
    const ids = items.map((p) => p.deliveryId);
    // The delivery log and the logs show masked addresses: `newsdesk alerts log` is output too.
    const target = to.map(maskAddress).join(', ');
    const lease = await this.startBatch(topic.id, ids, await this.now());
    if (lease === undefined) return;
    const t0 = performance.now();
    try {
      const mailer = this.opts.mailer;
      if (!mailer) throw new Error('no SMTP server is configured: set smtpUrl (NEWSDESK_SMTP_URL) and mailFrom (NEWSDESK_MAIL_FROM)');
      const mail = digestMail(topic, items, { baseUrl: this.opts.baseUrl ?? '', now: await this.now() });
      const res = await mailer.send(to, mail, { deliveryId: deliveryId(topic.id, ids) });
      await this.settle(group, ids, lease, target, performance.now() - t0, { ok: true, statusCode: smtpCode(res.response) });
    } catch (err) {
      // SMTP replies quote the refused recipient.
      const message = scrubAddresses((err as Error).message ?? String(err), to);
      const code = (err as { responseCode?: number }).responseCode;
      // 5xx SMTP replies (bad recipient, refused sender) will not improve by waiting.
      const permanent = typeof code === 'number' && code >= 500 && code < 600;
      const retry = permanent ? null : await this.retryAt(group, ids);
      await this.settle(group, ids, lease, target, performance.now() - t0, {
        ok: false,
        statusCode: code ?? null,
        error: message,
        retryAt: retry,
      });
      this.opts.log?.warn({ topicId: topic.id, error: message, retryAt: retry }, 'e-mail digest failed');
    }
  }

  /** When to try `ids` again after a failure (null: give up), from the most-tried of their rows. */
  private async retryAt(group: Group, ids: number[], retryAfterMs?: number): Promise<number | null> {
    const wanted = new Set(ids);
    const attempts = Math.max(...group.rows.filter((r) => wanted.has(r.id)).map((r) => r.attempts)) + 1;
    return retryAt(attempts, await this.now(), this.opts.backoff ?? DEFAULT_BACKOFF, retryAfterMs);
  }

  /**
   * Logs the attempt, marks its rows sent or due again (or failed), and counts them. `lease` is
   * what the rows were leased to while sending (the batch, or the claim's owner).
   */
  private async settle(group: Group, ids: number[], lease: string, target: string, durationMs: number, result: Result): Promise<void> {
    const attempt: DeliveryAttempt = {
      topicId: group.topic.id,
      channel: group.channel,
      deliveryIds: ids,
      ok: result.ok,
      target,
      statusCode: result.statusCode,
      error: result.ok ? null : result.error,
      durationMs,
    };
    const { lost } = await this.opts.store.alerts.settle(
      result.ok ? { ids, attempt, lease } : { ids, retryAt: result.retryAt, attempt, lease },
      await this.now(),
    );
    if (lost.length > 0) {
      // The rows changed hands during the send: this worker's lease ran out and another took them
      // over (or, seen from that other worker, the first sender settled them late). The message
      // may go out twice, with the same X-Newsdesk-Delivery, so a receiver that keeps ids drops
      // it. A success is still recorded (the store marks the rows sent once; a taker that has not
      // started its message then sends nothing); a failure is left to the worker that holds the
      // rows now. Said loudly, with the figures an operator needs to raise the lease.
      this.opts.log?.warn(
        {
          topicId: group.topic.id,
          channel: group.channel,
          deliveryIds: lost,
          delivery: deliveryId(group.topic.id, ids),
          lease,
          ok: result.ok,
          sendMs: Math.round(durationMs),
          leaseMs: this.leaseMs(),
        },
        'alert lease ran out while sending: these deliveries changed hands mid-send and the message may go out twice; ' +
          'raise alertLeaseMs (NEWSDESK_ALERT_LEASE_MS) above the slowest send',
      );
    }
    if (result.ok) group.stats.sent += ids.length;
    else if (result.retryAt === null) group.stats.failed += ids.length;
    else group.stats.retrying += ids.length;
  }
}

/** The rows of one topic and channel a run delivers, and the run's counts. */
interface Group {
  topic: AlertTopic;
  channel: AlertChannel;
  rows: AlertDelivery[];
  stats: AlertRunStats;
}

/** How one message went: the status or SMTP code when one came back, and for a failure, when to retry. */
type Result = { ok: true; statusCode: number | null } | { ok: false; statusCode: number | null; error: string; retryAt: number | null };

function smtpCode(response: string): number | null {
  const m = /^(\d{3})/.exec(response);
  return m ? Number(m[1]) : null;
}

/** X-Newsdesk-Delivery: the topic and the outbox rows a request or e-mail carries (the same on a resend). */
function deliveryId(topicId: string, ids: number[]): string {
  return `${topicId}:${ids.join(',')}`;
}
