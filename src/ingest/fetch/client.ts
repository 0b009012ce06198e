// The guarded HTTP client every path uses to read from the network: conditional GET, redirects
// followed by hand (each hop's scheme checked, each connection guarded), a total timeout that
// also covers the body, and a body cap counted after decompression.
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Agent, request, type Dispatcher } from 'undici';
import type { Config } from '../../config/options.js';
import { compileAllowList, type AllowList } from '../../domain/address-guard.js';
import { parseMaxAge, parseRetryAfter } from './cache-headers.js';
import { BodyTooLargeError, discardBody, readCappedBody, UnsupportedEncodingError } from './capped-body.js';
import {
  BlockedFetchError,
  FetchError,
  GoneFetchError,
  PermanentFetchError,
  RetryableFetchError,
  RobotsRefusedError,
  RobotsUnreachableError,
  TooLargeFetchError,
} from './errors.js';
import { PausableDeadline } from './deadline.js';
import { AddressRefusedError, guardedConnector, systemResolver, type Resolver } from './guarded-connector.js';
import { type CrawlPacer, crawlSpacingMs, DEFAULT_CRAWL_DELAY_CAP_SECONDS, localPacer } from './pacer.js';
import { NO_ROBOTS_RULES, NOTHING_ALLOWED, parseRobots, productToken, ROBOTS_MAX_BYTES, type RobotsRules } from './robots.js';
import { ConnectionProbe } from './reused-connection.js';

export type FetcherConfig = Pick<
  Config,
  'userAgent' | 'connectTimeoutMs' | 'totalTimeoutMs' | 'maxBodyBytes' | 'maxRedirects' | 'allowHosts' | 'allowFileUrls'
> & {
  /** Resolves host names (tests pass a stub; default: the system resolver). */
  resolve?: Resolver;
  /** Keep-alive connections per origin. */
  connectionsPerOrigin?: number;
  /** Hosts a source's private-address permission lets through (address-guard.ts, AllowList.granted). */
  grantHosts?: readonly string[];
  /** The longest robots.txt Crawl-delay kept, in seconds (config crawlDelayCapSeconds; default 60, 0: none kept). */
  crawlDelayCapSeconds?: number;
  /**
   * Gives a crawler's requests their turns when a site asks for a Crawl-delay (default: turns kept
   * in this fetcher; a worker sharing a store passes the store's, src/jobs/politeness.ts).
   */
  pacer?: CrawlPacer;
};

export interface FetchRequest {
  /** Validators from the last 200 response, for a conditional GET. */
  etag?: string | null | undefined;
  lastModified?: string | null | undefined;
  /** Accept header; default prefers feeds. */
  accept?: string | undefined;
  headers?: Record<string, string> | undefined;
  signal?: AbortSignal | undefined;
  /**
   * The address is one an operator gave: a source's stored address, a command-line argument. Only
   * such an address may be a file: URL (and only with allowFileUrls); an address read from a
   * document (a feed link, a sitemap, a listing's next page, an article link) never is.
   */
  operatorUrl?: boolean | undefined;
  /**
   * Called with a successful response's headers before its body is read: when it answers true,
   * the body is dropped unread and the result has an empty body with `bodySkipped` (an article
   * link that answers with a PDF or a video need not be downloaded to be named, nor fail as too
   * large when it is).
   */
  skipBody?: ((headers: Record<string, string>) => boolean) | undefined;
  /**
   * A crawler's request (a listing page, an article read in full): every hop is first checked
   * against its site's robots.txt, and one it disallows fails with a RobotsRefusedError unasked.
   * A hop to a site whose robots.txt asks for a Crawl-delay waits for its turn (the pacer) first.
   */
  robots?: boolean | undefined;
  /** Read at most this many bytes of the body (after decompression) and drop the rest, instead of failing as too large. */
  firstBytes?: number | undefined;
}

/** How long a site's robots.txt is trusted (RFC 9309 section 2.4: no longer than 24 hours). */
export const ROBOTS_TTL_MS = 24 * 3_600_000;
/**
 * How long a robots.txt that could not be read (5xx, 429, a timeout, no connection) counts as
 * disallowing everything before it is asked again (RFC 9309 section 2.3.1.4).
 */
export const ROBOTS_UNREACHABLE_MS = 15 * 60_000;
/** Sites whose robots.txt is kept in memory at once. */
const ROBOTS_CACHED_SITES = 10_000;

/** A page a site's robots.txt refuses to us (HttpFetcher.robotsRefusal). */
export interface RobotsRefusal {
  /** The file's address. */
  robots: string;
  /** The product token its rules were matched for. */
  agent: string;
  /** The page's path and query (at most 200 characters). */
  path: string;
  /** The fetcher's English sentence. */
  message: string;
}

interface RobotsVerdict {
  rules: RobotsRules;
  /** Why the file could not be read: everything is disallowed meanwhile. */
  unreachable?: string;
}

export interface FetchResult {
  status: number;
  /** The final URL after redirects. */
  url: string;
  /** Response headers of the final hop, lower-case names (repeated headers joined with ", "). */
  headers: Record<string, string>;
  /** Decompressed body (empty for 304). */
  body: Uint8Array;
  /** 304: the feed has not changed since the validators were issued. */
  notModified: boolean;
  /** Redirect hops followed, in order. */
  redirects: string[];
  /**
   * Set when every hop was a permanent redirect (301/308): the source's new address. Not set when
   * the new address is on another host that only allowHosts let us reach (an intranet host) while
   * the first was not: a public feed never moves a source into the private network. Whether the
   * move is taken at once is the pipeline's decision (src/pipeline/move-policy.ts).
   */
  permanentUrl?: string;
  /** Retry-After on a successful response, in ms (rare, but honoured as a minimum interval). */
  retryAfterMs?: number;
  /** Cache-Control max-age in ms: no request should be made before it expires. */
  maxAgeMs?: number;
  /** Body bytes received on the wire, before decompression. */
  wireBytes: number;
  /** The request's `skipBody` said to drop the body unread: `body` is empty. */
  bodySkipped?: boolean;
}

export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, ' +
  'application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.5, */*;q=0.3';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function headerRecord(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

const STATUS_ADVICE: Record<number, string> = {
  401: 'the feed needs a login; Newsdesk cannot read private feeds',
  403: 'the server refuses access (it may block feed readers or our User-Agent); check the URL in a browser',
  404: 'nothing is at this address any more; check the URL, or re-add the site so its feed is discovered again',
  451: 'the server says the content is unavailable for legal reasons',
};

/**
 * Whether `to` is the origin of `from`, or its https: upgrade on the same host and default port
 * (a private feed entered as http:// that the site sends to https://).
 */
export function sameOrigin(from: URL, to: URL): boolean {
  if (to.origin === from.origin) return true;
  return from.protocol === 'http:' && to.protocol === 'https:' && from.hostname === to.hostname && from.port === '' && to.port === '';
}

const hostKey = (u: URL): string => u.hostname.replace(/^\[|\]$/g, '').toLowerCase();

/**
 * Whether a redirect from `from` to `to` leads from the public network into the private one: `to`
 * is another host, reached only because allowHosts let it through, and `from` was not. `viaAllowList`
 * says so of a host's last connection (undefined: not connected, counted as public).
 */
export function movesIntoAllowList(from: URL, to: URL, viaAllowList: (host: string) => boolean | undefined): boolean {
  if (hostKey(from) === hostKey(to)) return false;
  return viaAllowList(hostKey(to)) === true && viaAllowList(hostKey(from)) !== true;
}

export class HttpFetcher {
  private readonly agent: Agent;
  private readonly allow: AllowList;
  /** Hosts whose last connection went through only because of the allow list (bounded, see noteConnect). */
  private readonly viaAllowList = new Map<string, boolean>();
  private readonly pacer: CrawlPacer;

  constructor(private readonly cfg: FetcherConfig) {
    this.allow = compileAllowList(cfg.allowHosts, cfg.grantHosts);
    this.pacer = cfg.pacer ?? localPacer();
    this.agent = new Agent({
      connect: guardedConnector({
        allow: this.allow,
        resolve: cfg.resolve ?? systemResolver,
        connectTimeoutMs: cfg.connectTimeoutMs,
        onConnect: (host, via) => this.noteConnect(host, via),
      }),
      headersTimeout: cfg.totalTimeoutMs,
      bodyTimeout: cfg.totalTimeoutMs,
      connections: cfg.connectionsPerOrigin ?? 4,
      keepAliveTimeout: 10_000,
    });
  }

  private noteConnect(host: string, via: boolean): void {
    // One entry per host connected to; a fetcher polling 100,000 hosts keeps the recent ones.
    if (this.viaAllowList.size >= 10_000 && !this.viaAllowList.has(host)) this.viaAllowList.clear();
    this.viaAllowList.set(host, via);
  }

  /** robots.txt per origin, read once for every request that needs it until it expires. */
  private readonly robots = new Map<string, { until: number; verdict: Promise<RobotsVerdict> }>();

  /**
   * The verdict for `origin`, waited for until `signal` (the request's own deadline or cancel).
   * The read itself runs on its own deadline, not the first asker's: a robots.txt that hangs is
   * then remembered as unreachable like a 5xx, instead of being asked again (and waited for until
   * each request's deadline) by every request that follows.
   */
  private robotsOf(origin: string, signal: AbortSignal): Promise<RobotsVerdict> {
    const now = Date.now();
    let entry = this.robots.get(origin);
    if (!entry || entry.until <= now) {
      if (this.robots.size >= ROBOTS_CACHED_SITES && !entry) this.robots.clear();
      const fresh = { until: now + ROBOTS_TTL_MS, verdict: Promise.resolve<RobotsVerdict>({ rules: NO_ROBOTS_RULES }) };
      fresh.verdict = this.readRobots(origin).then((v) => {
        if (v.unreachable) fresh.until = Date.now() + ROBOTS_UNREACHABLE_MS;
        return v;
      });
      this.robots.set(origin, fresh);
      entry = fresh;
    }
    const verdict = entry.verdict;
    if (signal.aborted)
      return Promise.reject(new RetryableFetchError(`fetch of ${origin}/robots.txt was cancelled`, `${origin}/robots.txt`));
    return new Promise<RobotsVerdict>((resolve, reject) => {
      const onAbort = (): void =>
        reject(new RetryableFetchError(`fetch of ${origin}/robots.txt was cancelled`, `${origin}/robots.txt`, { cause: signal.reason }));
      signal.addEventListener('abort', onAbort, { once: true });
      verdict.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  /** Reads robots.txt within half a request's deadline, so the page asked for has time left. */
  private async readRobots(origin: string): Promise<RobotsVerdict> {
    const deadlineMs = Math.max(1, Math.floor(this.cfg.totalTimeoutMs / 2));
    const deadline = AbortSignal.timeout(deadlineMs);
    try {
      const res = await this.fetch(`${origin}/robots.txt`, {
        accept: 'text/plain, */*;q=0.1',
        // Ended by close() too: a read no request waits for any more must not hold the shutdown.
        signal: AbortSignal.any([deadline, this.closing.signal]),
        firstBytes: ROBOTS_MAX_BYTES,
      });
      // Whatever was sent is read as text: an HTML page holds no rule, so it allows everything.
      return { rules: parseRobots(new TextDecoder().decode(res.body), productToken(this.cfg.userAgent)) };
    } catch (err) {
      if (deadline.aborted) return { rules: NOTHING_ALLOWED, unreachable: `no answer within ${deadlineMs / 1000} s` };
      // Unreachable (a server error, 429, no connection): everything is disallowed for a while.
      if (err instanceof FetchError && err.retryable) return { rules: NOTHING_ALLOWED, unreachable: err.message };
      // Unavailable (4xx, a redirect loop, a redirect refused): no rule (RFC 9309 section 2.3.1.3).
      return { rules: NO_ROBOTS_RULES };
    }
  }

  /**
   * How the robots.txt of `url`'s site refuses it to us, or undefined when its rules allow it. The
   * add chain asks this of a listing page before it is subscribed to, so the editor hears it then,
   * not at the first poll. A file that could not be read refuses nothing here: it may come back,
   * and the poll asks again. Throws a RetryableFetchError when `signal` stops the read.
   */
  async robotsRefusal(url: string, signal?: AbortSignal): Promise<RobotsRefusal | undefined> {
    const u = new URL(url);
    const timeout = AbortSignal.timeout(this.cfg.totalTimeoutMs);
    try {
      await this.checkRobots(u, signal ? AbortSignal.any([signal, timeout]) : timeout);
      return undefined;
    } catch (err) {
      if (err instanceof RobotsUnreachableError || !(err instanceof RobotsRefusedError)) {
        if (err instanceof RobotsUnreachableError) return undefined;
        throw err;
      }
      return {
        robots: `${u.origin}/robots.txt`,
        agent: productToken(this.cfg.userAgent) || this.cfg.userAgent,
        path: `${u.pathname}${u.search}`.slice(0, 200),
        message: err.message,
      };
    }
  }

  /**
   * Throws a RobotsRefusedError when the robots.txt of `u`'s site disallows it for us; else the
   * spacing its Crawl-delay asks between requests, in ms (bounded by the cap; 0 when none).
   */
  private async checkRobots(u: URL, signal: AbortSignal): Promise<number> {
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return 0;
    const v = await this.robotsOf(u.origin, signal);
    if (v.rules.allows(`${u.pathname}${u.search}`))
      return crawlSpacingMs(v.rules.crawlDelaySeconds, this.cfg.crawlDelayCapSeconds ?? DEFAULT_CRAWL_DELAY_CAP_SECONDS);
    const path = `${u.pathname}${u.search}`.slice(0, 200);
    if (v.unreachable) {
      throw new RobotsUnreachableError(
        `${u.origin}/robots.txt could not be read (${v.unreachable}); nothing on the site is read until it can be (RFC 9309), asked again in ${ROBOTS_UNREACHABLE_MS / 60_000} minutes`,
        u.href,
      );
    }
    throw new RobotsRefusedError(
      `${u.origin}/robots.txt does not allow "${productToken(this.cfg.userAgent) || this.cfg.userAgent}" to read ${path}; ask the site, or subscribe to its feed or sitemap instead`,
      u.href,
    );
  }

  private intoAllowList(from: URL, to: URL): boolean {
    return movesIntoAllowList(from, to, (h) => this.viaAllowList.get(h));
  }

  /** Aborted by close(): ends the robots.txt reads, which run on their own deadline, not a caller's. */
  private readonly closing = new AbortController();

  async close(): Promise<void> {
    this.closing.abort();
    await this.agent.close();
  }

  /** Fetches `url`; resolves for 2xx and 304, throws a FetchError subclass otherwise. */
  async fetch(url: string, req: FetchRequest = {}): Promise<FetchResult> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new PermanentFetchError(`"${url}" is not a valid URL; give a full address such as https://example.com/feed`, url);
    }
    if (parsed.protocol === 'file:') {
      if (!req.operatorUrl)
        throw new BlockedFetchError(`refused file: URL ${url}: an address found in a document is only fetched over http or https`, url);
      return this.readFileUrl(parsed);
    }
    this.checkScheme(parsed, url);

    // Paused while a Crawl-delay turn is waited for: that wait is not the server's slowness.
    const deadline = new PausableDeadline(this.cfg.totalTimeoutMs);
    try {
      return await this.fetchHops(parsed, url, req, deadline);
    } finally {
      deadline.clear();
    }
  }

  private async fetchHops(parsed: URL, url: string, req: FetchRequest, deadline: PausableDeadline): Promise<FetchResult> {
    const timeout = deadline.signal;
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    // A turn is waited for until the caller stops or the fetcher closes, not the request's deadline.
    const turnSignal = req.signal ? AbortSignal.any([req.signal, this.closing.signal]) : this.closing.signal;
    const redirects: string[] = [];
    let permanent = true;
    let current = parsed;
    for (;;) {
      // Request headers the caller adds (a private feed's credentials) belong to the origin asked;
      // a redirect to another origin does not get them, as Basic credentials in the URL do not.
      const hop = sameOrigin(parsed, current) ? req : { ...req, headers: undefined };
      // Each hop asks its own site's robots.txt: a redirect does not lead a crawler past it.
      if (req.robots) {
        const spacingMs = await this.checkRobots(current, signal);
        // A site with no Crawl-delay is asked as before, with no turn taken.
        if (spacingMs > 0) {
          deadline.pause();
          try {
            await this.pacer.turn({ host: current.host.toLowerCase(), url: current.href, spacingMs, signal: turnSignal });
          } catch (err) {
            if (err instanceof FetchError) throw err;
            throw new RetryableFetchError(`fetch of ${current.href} was cancelled while waiting for its Crawl-delay turn`, current.href, {
              cause: err,
            });
          } finally {
            deadline.resume();
          }
        }
      }
      const res = await this.send(current, hop, signal, timeout);
      const headers = headerRecord(res.headers);
      if (REDIRECTS.has(res.statusCode) && headers.location) {
        await res.body.dump().catch(() => undefined);
        let next: URL;
        try {
          next = new URL(headers.location, current);
        } catch {
          throw new PermanentFetchError(
            `${current.href} redirects to an invalid address "${headers.location}"; report it to the site`,
            current.href,
            {
              status: res.statusCode,
            },
          );
        }
        this.checkScheme(next, next.href, current.href);
        if (next.href === current.href || redirects.includes(next.href) || next.href === parsed.href) {
          throw new PermanentFetchError(
            `redirect loop: ${current.href} redirects back to ${next.href}; the site is misconfigured, try again later or use another feed URL`,
            current.href,
            { status: res.statusCode },
          );
        }
        if (redirects.length >= this.cfg.maxRedirects) {
          throw new PermanentFetchError(
            `more than ${this.cfg.maxRedirects} redirects starting at ${url}; the site is misconfigured or loops, use the final feed URL directly`,
            current.href,
            { status: res.statusCode },
          );
        }
        if (res.statusCode !== 301 && res.statusCode !== 308) permanent = false;
        redirects.push(next.href);
        current = next;
        continue;
      }
      return this.finish(
        current,
        res,
        headers,
        redirects,
        permanent && !this.intoAllowList(parsed, current),
        signal,
        timeout,
        req.skipBody,
        req.firstBytes,
        Boolean(req.etag || req.lastModified),
      );
    }
  }

  private checkScheme(u: URL, url: string, from?: string): void {
    if (u.protocol === 'http:' || u.protocol === 'https:') return;
    const via = from ? ` (redirected from ${from})` : '';
    throw new BlockedFetchError(`refused ${u.protocol} URL ${url}${via}: only http and https are fetched`, url);
  }

  private async send(u: URL, req: FetchRequest, signal: AbortSignal, timeout: AbortSignal): Promise<Dispatcher.ResponseData> {
    const headers: Record<string, string> = {
      'user-agent': this.cfg.userAgent,
      accept: req.accept ?? FEED_ACCEPT,
      'accept-encoding': 'gzip, deflate, br',
      ...req.headers,
    };
    if (req.etag) headers['if-none-match'] = req.etag;
    if (req.lastModified) headers['if-modified-since'] = req.lastModified;
    // user:password@ in a feed address is HTTP Basic credentials for that origin: sent as the
    // header, not in the request line. A relative redirect keeps them (same origin, the URL
    // parser carries them over); a redirect to another host has none.
    let target = u;
    if (u.username || u.password) {
      headers.authorization ??= `Basic ${Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64')}`;
      target = new URL(u.href);
      target.username = '';
      target.password = '';
    }
    // A request that meets a kept-alive connection the server has just closed is sent once more
    // (reused-connection.ts): on the same deadline and signal, through the same connection guard
    // (a new connection is opened by guardedConnector, a pooled one was when it was opened),
    // under the robots verdict and the Crawl-delay turn this hop already has (the first attempt
    // never reached the server's application; docs/security.md, p-fetch2).
    const method = 'GET';
    for (let attempt = 1; ; attempt++) {
      const probe = new ConnectionProbe(method);
      try {
        return await request(target, { method, headers, signal, dispatcher: this.agent.compose(probe.interceptor()) });
      } catch (err) {
        if (attempt === 1 && !signal.aborted && probe.resetBeforeAnswer(err)) {
          continue;
        }
        throw this.translate(err, u.href, timeout, signal);
      }
    }
  }

  private async finish(
    u: URL,
    res: Dispatcher.ResponseData,
    headers: Record<string, string>,
    redirects: string[],
    permanent: boolean,
    signal: AbortSignal,
    timeout: AbortSignal,
    skipBody?: (headers: Record<string, string>) => boolean,
    firstBytes?: number,
    conditional = false,
  ): Promise<FetchResult> {
    const status = res.statusCode;
    const url = u.href;
    const retryAfterMs = parseRetryAfter(headers['retry-after']);
    const maxAgeMs = parseMaxAge(headers['cache-control']);
    const base = {
      status,
      url,
      headers,
      redirects,
      ...(redirects.length && permanent ? { permanentUrl: url } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      ...(maxAgeMs !== undefined ? { maxAgeMs } : {}),
    };
    if (status === 304) {
      await res.body.dump().catch(() => undefined);
      // "Not modified since" what? A 304 to a request with no validators says nothing about the
      // document, and taken as "unchanged" it kept a source "ok" forever with nothing read.
      if (!conditional)
        throw new RetryableFetchError(
          `304 Not Modified from ${url} to a request that was not conditional (no If-None-Match or If-Modified-Since sent); the server or a cache in front of it is misconfigured, will retry later`,
          url,
          { status },
        );
      return { ...base, body: new Uint8Array(0), notModified: true, wireBytes: 0 };
    }
    if (status < 200 || status >= 300) {
      await res.body.dump().catch(() => undefined);
      throw statusError(status, url, retryAfterMs);
    }
    if (skipBody?.(headers)) {
      discardBody(res.body);
      return { ...base, body: new Uint8Array(0), notModified: false, wireBytes: 0, bodySkipped: true };
    }
    const declared = headers['content-length'];
    const cap = firstBytes === undefined ? this.cfg.maxBodyBytes : Math.min(firstBytes, this.cfg.maxBodyBytes);
    if (firstBytes === undefined && declared !== undefined && /^\d+$/.test(declared.trim()) && Number(declared) > this.cfg.maxBodyBytes) {
      // Refused before reading a byte: a 10 GB Content-Length (true or not) costs nothing.
      discardBody(res.body);
      throw new TooLargeFetchError(
        `${url} announces ${declared} bytes, more than the ${this.cfg.maxBodyBytes}-byte limit; raise maxBodyBytes (NEWSDESK_MAX_BODY_BYTES) if this feed is really that large`,
        url,
        { status },
      );
    }
    try {
      const { body, wireBytes } = await readCappedBody(res.body, headers['content-encoding'], cap, signal, firstBytes !== undefined);
      return { ...base, body, notModified: false, wireBytes };
    } catch (err) {
      discardBody(res.body);
      throw this.translate(err, url, timeout, signal);
    }
  }

  private translate(err: unknown, url: string, timeout: AbortSignal, signal?: AbortSignal): FetchError {
    if (err instanceof FetchError) return err;
    for (let e: unknown = err, i = 0; e && i < 8; i++, e = (e as { cause?: unknown }).cause) {
      if (e instanceof AddressRefusedError) {
        return new BlockedFetchError(
          `${e.message}. Newsdesk does not fetch private, loopback or link-local addresses; if this is your intranet, add the host or its network to allowHosts (NEWSDESK_ALLOW_HOSTS)`,
          url,
          { cause: err },
        );
      }
      if (e instanceof BodyTooLargeError) {
        return new TooLargeFetchError(
          `${url} sent more than ${e.limit} bytes (after decompression); stopped reading. Raise maxBodyBytes (NEWSDESK_MAX_BODY_BYTES) if the feed is really that large`,
          url,
          { cause: err },
        );
      }
      if (e instanceof UnsupportedEncodingError) return new PermanentFetchError(`${url}: ${e.message}`, url, { cause: err });
    }
    if (timeout.aborted) {
      return new RetryableFetchError(
        `${url} did not answer in full within ${this.cfg.totalTimeoutMs} ms (total timeout); will retry later`,
        url,
        {
          cause: err,
        },
      );
    }
    // A DOMException (an aborted signal's reason) has a numeric code: only system codes are strings.
    const rawCode = (err as { code?: unknown }).code;
    const code = typeof rawCode === 'string' ? rawCode : '';
    const msg = (err as Error).message ?? String(err);
    if (code === 'UND_ERR_CONNECT_TIMEOUT') {
      return new RetryableFetchError(
        `could not connect to ${new URL(url).host} within ${this.cfg.connectTimeoutMs} ms; will retry later`,
        url,
        { cause: err },
      );
    }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      return new RetryableFetchError(`host ${new URL(url).hostname} was not found (DNS); check the URL, will retry later`, url, {
        cause: err,
      });
    }
    if (code === 'ECONNREFUSED') {
      return new RetryableFetchError(`${new URL(url).host} refused the connection; the server may be down, will retry later`, url, {
        cause: err,
      });
    }
    // A connection reset or closed under the request: a fresh one (a reused one was sent again
    // once already, see send), or one that broke while the answer came.
    if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') {
      const how = code === 'UND_ERR_SOCKET' ? 'closed by the server' : `reset (${code})`;
      return new RetryableFetchError(
        `the connection to ${new URL(url).host} was ${how} before the answer was complete; the server may be overloaded or restarting, will retry later`,
        url,
        { cause: err },
      );
    }
    // TLS failures carry OpenSSL's own line (library, function, source file and line) after the
    // code; the code says it all. A wrong "version number" is a plain-HTTP answer on this port:
    // typically an address typed without a scheme, which was read as https://.
    if (code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
      return new RetryableFetchError(
        `${new URL(url).host} did not answer in TLS: nothing speaks https on this port (is it a plain http:// site? then give the address with http://); will retry later`,
        url,
        { cause: err },
      );
    }
    if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code.includes('CERT')) {
      return new RetryableFetchError(`the secure (TLS) connection to ${new URL(url).host} failed (${code}); will retry later`, url, {
        cause: err,
      });
    }
    // zlib reports Z_* codes; Node's brotli decoder ERR__ERROR_* (its BROTLI_DECODER_ERROR_* names).
    if (code.startsWith('Z_') || code.startsWith('ERR__ERROR_')) {
      return new PermanentFetchError(`${url}: the compressed body is corrupt (${msg}); the server's Content-Encoding is wrong`, url, {
        cause: err,
      });
    }
    // The caller's signal (a discovery's deadline, a shutdown) rejects with its own reason, a
    // TimeoutError when it is a deadline: the fetch was stopped from outside, not failed.
    if ((err as Error).name === 'AbortError' || signal?.aborted) {
      return new RetryableFetchError(`fetch of ${url} was cancelled`, url, { cause: err });
    }
    return new RetryableFetchError(`fetch of ${url} failed: ${code ? `${code} ` : ''}${msg}; will retry later`, url, { cause: err });
  }

  private async readFileUrl(u: URL): Promise<FetchResult> {
    if (!this.cfg.allowFileUrls) {
      throw new BlockedFetchError(
        `refused file: URL ${u.href}: file URLs are off; set allowFileUrls (NEWSDESK_ALLOW_FILE_URLS=1) for local use`,
        u.href,
      );
    }
    const path = fileURLToPath(u);
    try {
      const st = await stat(path);
      if (st.size > this.cfg.maxBodyBytes) {
        throw new TooLargeFetchError(`${path} is ${st.size} bytes, more than the ${this.cfg.maxBodyBytes}-byte limit`, u.href);
      }
      const buf = await readFile(path);
      return {
        status: 200,
        url: u.href,
        headers: {},
        body: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength),
        notModified: false,
        redirects: [],
        wireBytes: buf.byteLength,
      };
    } catch (err) {
      if (err instanceof FetchError) throw err;
      throw new PermanentFetchError(`cannot read ${path}: ${(err as Error).message}`, u.href, { cause: err });
    }
  }
}

/** The error for a non-2xx, non-304, non-redirect status. */
export function statusError(status: number, url: string, retryAfterMs?: number): FetchError {
  const ra = retryAfterMs !== undefined ? { retryAfterMs } : {};
  if (status === 410) {
    return new GoneFetchError(
      `410 Gone: the publisher removed ${url} for good; the source is disabled (remove it, or add the site again to find a new feed)`,
      url,
      { status },
    );
  }
  if (status === 429) {
    const wait = retryAfterMs !== undefined ? `it asks us to wait ${Math.ceil(retryAfterMs / 1000)} s` : 'no Retry-After given';
    return new RetryableFetchError(`429 Too Many Requests from ${url} (${wait}); will retry after that`, url, { status, ...ra });
  }
  if (status === 503) {
    const wait = retryAfterMs !== undefined ? ` and asks us to wait ${Math.ceil(retryAfterMs / 1000)} s` : '';
    return new RetryableFetchError(`503 Service Unavailable from ${url}${wait}; will retry later`, url, { status, ...ra });
  }
  if (status === 408 || status === 425 || status >= 500) {
    return new RetryableFetchError(`HTTP ${status} from ${url}; the server has a problem, will retry later`, url, { status, ...ra });
  }
  const advice = STATUS_ADVICE[status] ?? 'the server rejected the request; check the URL';
  return new PermanentFetchError(`HTTP ${status} from ${url}: ${advice}`, url, { status });
}

const shared = new Map<string, HttpFetcher>();

/**
 * Fetches one URL with a fetcher shared by every call with the same configuration (keep-alive
 * connections are reused). A call with its own `resolve` gets a private fetcher.
 */
export async function fetchUrl(url: string, opts: FetcherConfig & FetchRequest): Promise<FetchResult> {
  const { etag, lastModified, accept, headers, signal, operatorUrl, ...cfg } = opts;
  const req: FetchRequest = { etag, lastModified, accept, headers, signal, operatorUrl };
  if (cfg.resolve) {
    const f = new HttpFetcher(cfg);
    try {
      return await f.fetch(url, req);
    } finally {
      await f.close();
    }
  }
  const key = JSON.stringify(cfg);
  let f = shared.get(key);
  if (!f) shared.set(key, (f = new HttpFetcher(cfg)));
  return f.fetch(url, req);
}

/** Closes the shared fetchers' connections (lets a CLI process exit promptly). */
export async function closeSharedFetchers(): Promise<void> {
  const all = [...shared.values()];
  shared.clear();
  await Promise.all(all.map((f) => f.close()));
}
