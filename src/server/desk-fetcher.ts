// The fetcher for a source with desk settings: the guarded client of the config, plus the
// editor's private request headers (credentials of a private feed) on every request to the
// source's own origin — never to the other hosts a sitemap index, a listing or a redirect names,
// which are the publisher's to choose and would otherwise receive the credentials — and the
// source's own host let through the private-address guard when an editor allowed it. Every other
// host keeps the guard: a redirect to another private address is still refused.
// Such a source never moves to another origin by itself: a permanent redirect elsewhere is followed
// on each check (without the headers), but not reported as the source's new address, since a moved
// source would send its headers to, and let the private-address exception apply to, the new host.
// An editor who trusts the move changes the address at the desk.
import type { Config } from '../config/options.js';
import { HttpFetcher, sameOrigin, type FetchRequest, type FetchResult, type RobotsRefusal } from '../ingest/fetch/index.js';
import type { FetchSettings } from '../web/desk/deps.js';

export type FetcherOptions = ConstructorParameters<typeof HttpFetcher>[0];

class SourceFetcher extends HttpFetcher {
  constructor(
    cfg: FetcherOptions,
    private readonly extra: Record<string, string>,
    private readonly home: URL | undefined,
  ) {
    super(cfg);
  }
  override async fetch(url: string, req: FetchRequest = {}): Promise<FetchResult> {
    const to = URL.parse(url);
    const home = this.home && to && sameOrigin(this.home, to);
    const res = await super.fetch(
      url,
      home && Object.keys(this.extra).length ? { ...req, headers: { ...this.extra, ...req.headers } } : req,
    );
    const moved = res.permanentUrl === undefined ? null : URL.parse(res.permanentUrl);
    if (this.home && moved && !sameOrigin(this.home, moved)) {
      const { permanentUrl: _kept, ...rest } = res;
      return rest;
    }
    return res;
  }
}

function hostOf(url: string): string | undefined {
  return URL.parse(url)?.hostname.replace(/^\[|\]$/g, '');
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
    allowHosts: config.allowHosts,
    ...(s.allowPrivate && host ? { grantHosts: [host] } : {}),
    allowFileUrls: false,
    ...overrides,
  };
  return needsOwnFetcher(s) ? new SourceFetcher(cfg, s.headers ?? {}, URL.parse(url) ?? undefined) : new HttpFetcher(cfg);
}

/**
 * Whether the robots.txt of a listing page's site refuses it to Newsdesk, asked before a NEW
 * `page` source is stored, by every add path the server serves: the API's `POST /api/v1/sources`
 * and the desk's save (saveSource). The add chain (`newsdesk add`, the desk's preview) asks the
 * same question of its own fetcher (`HttpFetcher.robotsRefusal`, chooseSource). Asked by a fetcher
 * of the desk's rules and the source's settings (an address the editor let through the
 * private-address guard is read there too). A file that cannot be read, or an address the guard
 * refuses, refuses nothing here: the poll asks again and fails with its own reason.
 */
export async function robotsRefusalAtAdd(
  config: Config,
  url: string,
  s: FetchSettings = {},
  overrides: Partial<FetcherOptions> = {},
): Promise<RobotsRefusal | undefined> {
  const fetcher = deskFetcher(config, url, s, overrides);
  try {
    return await fetcher.robotsRefusal(url);
  } catch {
    return undefined;
  } finally {
    await fetcher.close();
  }
}
