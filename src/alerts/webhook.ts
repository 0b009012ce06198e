// Posting a signed webhook. The connection goes through the fetcher's address guard, so a topic's
// webhook URL cannot reach loopback, private or metadata addresses unless allowHosts says so.
// Redirects are not followed: a webhook that moved is a configuration change, not a hop.
// Error messages name the URL by its origin only: they are logged, and some URLs carry a token.
import { Agent, request } from 'undici';
import type { Config } from '../config/options.js';
import { compileAllowList } from '../ingest/fetch/address-guard.js';
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

export type WebhookConfig = Pick<Config, 'userAgent' | 'connectTimeoutMs' | 'totalTimeoutMs' | 'allowHosts'> & { resolve?: Resolver };

export class GuardedWebhookPoster implements WebhookPoster {
  private readonly agent: Agent;

  constructor(private readonly cfg: WebhookConfig) {
    this.agent = new Agent({
      connect: guardedConnector({
        allow: compileAllowList(cfg.allowHosts),
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
      await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
    } catch (err) {
      for (let e: unknown = err, i = 0; e && i < 8; i++, e = (e as { cause?: unknown }).cause) {
        if (e instanceof AddressRefusedError) {
          throw new WebhookError(
            `${e.message}; webhooks may not reach private or loopback addresses unless allowHosts (NEWSDESK_ALLOW_HOSTS) names them`,
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
    const ra = typeof retryAfter === 'string' && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) * 1000 : undefined;
    // Every non-2xx is retried: a receiver that is being deployed answers 404 or 502 for a while.
    throw new WebhookError(`POST ${redactUrl(req.url)} answered HTTP ${status}; will retry`, true, status, ra);
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
