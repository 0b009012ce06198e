// Posting a signed webhook. The connection goes through the fetcher's address guard, so a topic's
// webhook URL cannot reach loopback, private or metadata addresses unless alertAllowHosts says so.
// Not the fetcher's allowHosts: an intranet host listed there so a feed on it can be read would
// otherwise take signed POSTs from whoever writes a topic (editors, at the desk).
// Redirects are not followed: a webhook that moved is a configuration change, not a hop. A permanent
// one (301, 308) fails the delivery at once, saying where to; a temporary one is retried.
// Error messages name the URL by its origin only: they are logged, and some URLs carry a token.
import { Agent, request } from 'undici';
import type { Config } from '../config/options.js';
import { compileAllowList } from '../domain/address-guard.js';
import { AddressRefusedError, guardedConnector, systemResolver, type Resolver } from '../ingest/fetch/guarded-connector.js';
import { redactUrl } from './redact.js';
import { DELIVERY_HEADER, sign, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './sign.js';

export interface WebhookRequest {
  url: string;
  secret: string;
  body: string;
  /** Identifies the request for the receiver's own de-duplication (the same on a retry). */
  deliveryId: string;
  now?: number;
}

export interface WebhookResponse {
  status: number;
}

/** A failed POST: `retryable` false means retrying cannot help until the configuration changes. */
export class WebhookError extends Error {
  override name = 'WebhookError';
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status: number | null = null,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export interface WebhookPoster {
  post(req: WebhookRequest): Promise<WebhookResponse>;
  close(): Promise<void>;
}

export type WebhookConfig = Pick<Config, 'userAgent' | 'connectTimeoutMs' | 'totalTimeoutMs' | 'alertAllowHosts'> & { resolve?: Resolver };

/** At most this much of a receiver's answer body is read (then the connection is dropped): an endless body cannot hold the sender. */
export const MAX_ANSWER_BYTES = 64 * 1024;

export class GuardedWebhookPoster implements WebhookPoster {
  private readonly agent: Agent;

  constructor(private readonly cfg: WebhookConfig) {
    this.agent = new Agent({
      connect: guardedConnector({
        allow: compileAllowList(cfg.alertAllowHosts, [], 'alertAllowHosts'),
        resolve: cfg.resolve ?? systemResolver,
        connectTimeoutMs: cfg.connectTimeoutMs,
      }),
      headersTimeout: cfg.totalTimeoutMs,
      bodyTimeout: cfg.totalTimeoutMs,
    });
  }

  async post(req: WebhookRequest): Promise<WebhookResponse> {
    const url = new URL(req.url);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new WebhookError(`webhook URL ${redactUrl(req.url)} is not http or https; fix the topic's alerts.webhook.url`, false);
    }
    const ts = Math.floor((req.now ?? Date.now()) / 1000);
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': this.cfg.userAgent,
      [TIMESTAMP_HEADER]: String(ts),
      [SIGNATURE_HEADER]: sign(req.secret, ts, req.body),
      [DELIVERY_HEADER]: req.deliveryId,
    };
    let status: number;
    let retryAfter: string | string[] | undefined;
    let location: string | string[] | undefined;
    try {
      const res = await request(url, {
        method: 'POST',
        headers,
        body: req.body,
        dispatcher: this.agent,
        signal: AbortSignal.timeout(this.cfg.totalTimeoutMs),
      });
      status = res.statusCode;
      retryAfter = res.headers['retry-after'];
      location = res.headers.location;
      await res.body.dump({ limit: MAX_ANSWER_BYTES }).catch(() => undefined);
    } catch (err) {
      for (let e: unknown = err, i = 0; e && i < 8; i++, e = (e as { cause?: unknown }).cause) {
        if (e instanceof AddressRefusedError) {
          throw new WebhookError(
            `${e.message}; webhooks may not reach private or loopback addresses unless alertAllowHosts (NEWSDESK_ALERT_ALLOW_HOSTS) names them (the fetcher's allowHosts does not apply to webhooks)`,
            false,
          );
        }
      }
      // A system error's code (ECONNREFUSED, ENOTFOUND) says what failed; a DOMException's numeric
      // code (23 for a timeout's abort) says nothing to whoever reads the delivery log.
      const raw = (err as { code?: unknown }).code;
      const code = typeof raw === 'string' ? raw : undefined;
      throw new WebhookError(`POST ${redactUrl(req.url)} failed: ${code ? `${code} ` : ''}${(err as Error).message}; will retry`, true);
    }
    if (status >= 200 && status < 300) return { status };
    if (status === 301 || status === 308) {
      // Moved for good: every retry for two days would get the same answer, and following it would
      // let a receiver send signed alerts wherever it likes (the redirect is never followed). Only
      // its origin is told: a Location can carry a token in its path, userinfo or query.
      throw new WebhookError(
        `POST ${redactUrl(req.url)} answered HTTP ${status} (moved permanently): the webhook moved to ${movedTo(location, url)}; update the topic's webhook URL (alerts.webhook.url), then \`newsdesk alerts retry\``,
        false,
        status,
      );
    }
    const ra = typeof retryAfter === 'string' && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) * 1000 : undefined;
    // Every other non-2xx is retried: a receiver that is being deployed answers 404 or 502 for a
    // while, and a temporary redirect (302, 303, 307) may be one too; it is not followed either.
    const redirect = status >= 300 && status < 400 ? ' (a redirect; not followed)' : '';
    throw new WebhookError(`POST ${redactUrl(req.url)} answered HTTP ${status}${redirect}; will retry`, true, status, ra);
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

/**
 * The origin a permanent redirect points to, for the delivery log: a relative Location is read
 * against the webhook URL; a path, query or userinfo is never shown (URL.origin holds none).
 */
function movedTo(location: string | string[] | undefined, from: URL): string {
  const raw = Array.isArray(location) ? location[0] : location;
  if (!raw?.trim()) return 'an address it did not give (no Location header)';
  let to: URL;
  try {
    to = new URL(raw.trim(), from);
  } catch {
    return 'an address that is not a URL';
  }
  return to.protocol === 'http:' || to.protocol === 'https:'
    ? to.origin
    : `a ${to.protocol.replace(/[^a-z0-9+.-]/gi, '')} address, not http(s)`;
}
