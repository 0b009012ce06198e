// The fetcher for a source with desk settings: the guarded client of the config, plus the
// editor's private request headers (credentials of a private feed) on every request to the
// source's own origin — never to the other hosts a sitemap index, a listing or a redirect names,
// which are the publisher's to choose and would otherwise receive the credentials — and the
// source's own host let through the private-address guard when an editor allowed it. Every other
// host keeps the guard: a redirect to another private address is still refused.
import type { Config } from '../config/options.js';
import { HttpFetcher, sameOrigin, type FetchRequest, type FetchResult } from '../ingest/fetch/index.js';
import type { FetchSettings } from '../web/desk/deps.js';

export type FetcherOptions = ConstructorParameters<typeof HttpFetcher>[0];

class HeaderFetcher extends HttpFetcher {
  constructor(
    cfg: FetcherOptions,
    private readonly extra: Record<string, string>,
    private readonly home: URL | undefined,
  ) {
    super(cfg);
  }
  override fetch(url: string, req: FetchRequest = {}): Promise<FetchResult> {
    const to = parsed(url);
    if (!this.home || !to || !sameOrigin(this.home, to)) return super.fetch(url, req);
    return super.fetch(url, { ...req, headers: { ...this.extra, ...req.headers } });
  }
}

function parsed(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

function hostOf(url: string): string | undefined {
  return parsed(url)?.hostname.replace(/^\[|\]$/g, '');
}

/** Whether a source's settings need a fetcher of its own. */
export function needsOwnFetcher(s: FetchSettings | undefined): boolean {
  return s !== undefined && (s.allowPrivate === true || Object.keys(s.headers ?? {}).length > 0);
}

export function deskFetcher(config: Config, url: string, s: FetchSettings, overrides: Partial<FetcherOptions> = {}): HttpFetcher {
  const host = hostOf(url);
  const cfg: FetcherOptions = {
    userAgent: config.userAgent,
    connectTimeoutMs: config.connectTimeoutMs,
    totalTimeoutMs: config.totalTimeoutMs,
    maxBodyBytes: config.maxBodyBytes,
    maxRedirects: config.maxRedirects,
    allowHosts: s.allowPrivate && host ? [...config.allowHosts, host] : config.allowHosts,
    allowFileUrls: false,
    ...overrides,
  };
  return s.headers && Object.keys(s.headers).length ? new HeaderFetcher(cfg, s.headers, parsed(url)) : new HttpFetcher(cfg);
}
