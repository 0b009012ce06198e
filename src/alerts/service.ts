// The alert worker as a long-running part of `newsdesk serve` (or any process that polls):
// built from the configuration, started, and stopped with the process.
import type { Config } from '../config/options.js';
import { AlertWorker } from './worker.js';
import type { Logger } from '../log/logger.js';
import type { Store } from '../store/store.js';
import { SmtpMailer } from './mailer.js';
import type { TopicAlerts } from './settings.js';
import { GuardedWebhookPoster } from './webhook.js';

export interface AlertService {
  worker: AlertWorker;
  /** Stops the loop after the current send and closes connections. */
  stop(): Promise<void>;
}

export function startAlertService(
  store: Store,
  config: Pick<Config, 'userAgent' | 'connectTimeoutMs' | 'totalTimeoutMs' | 'alertAllowHosts' | 'smtpUrl' | 'mailFrom' | 'baseUrl'>,
  log?: Logger,
  /** Alert settings resolved from the topics file (the topics runtime); default: from the store. */
  alerts?: () => Map<string, TopicAlerts>,
): AlertService {
  const webhook = new GuardedWebhookPoster(config);
  const mailer = config.smtpUrl ? new SmtpMailer(config.smtpUrl, config.mailFrom) : undefined;
  if (!mailer) log?.info('smtpUrl is not set: e-mail digests wait in the outbox until it is');
  const worker = new AlertWorker({
    store,
    webhook,
    mailer,
    baseUrl: config.baseUrl,
    alerts,
    leaseMs: alertLeaseMs(),
    ...(log ? { log } : {}),
  });
  worker.start();
  return {
    worker,
    async stop() {
      await worker.stop();
      await webhook.close();
      await mailer?.close();
    },
  };
}

/**
 * NEWSDESK_ALERT_LEASE_MS (300000): how long a claimed delivery is held by its worker. A worker
 * that dies mid-send leaves its rows for this long before another takes them over; it must be
 * longer than the slowest send (the total timeout), or a slow send may be made twice.
 */
export function alertLeaseMs(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.NEWSDESK_ALERT_LEASE_MS;
  if (v === undefined || v.trim() === '') return 5 * 60_000;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 200) throw new Error(`NEWSDESK_ALERT_LEASE_MS must be a number ≥ 200, not ${JSON.stringify(v)}`);
  return n;
}
