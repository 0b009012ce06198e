// The one table of Newsdesk's options: each has a key (as in the config file), the environment
// variable that overrides it, a default, and a parser that validates and says what is wrong.

import ipaddr from 'ipaddr.js';
import { OperatorError } from './operator-error.js';

/** A bad option value: shown to the operator with the option's name (an OperatorError). */
export class ConfigError extends OperatorError {
  override name = 'ConfigError';
}

/** A value that does not parse; loadConfig words it (without the value, for a secret option). */
export class BadValue extends ConfigError {
  override name = 'BadValue';
  constructor(
    readonly key: string,
    readonly raw: unknown,
    readonly want: string,
  ) {
    super(`${key}: ${JSON.stringify(raw)} is not ${want}`);
  }
}

type Parser<T> = (raw: unknown, key: string) => T;

function fail(key: string, raw: unknown, want: string): never {
  throw new BadValue(key, raw, want);
}

const str: Parser<string> = (raw, key) => (typeof raw === 'string' ? raw : fail(key, raw, 'a string'));

function int(min: number, max: number): Parser<number> {
  return (raw, key) => {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) fail(key, raw, `a whole number from ${min} to ${max}`);
    return n;
  };
}

const bool: Parser<boolean> = (raw, key) => {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'string') {
    const v = raw.trim().toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(v)) return true;
    if (['0', 'false', 'no', 'off', ''].includes(v)) return false;
  }
  return fail(key, raw, 'true or false');
};

/** A list given as an array in the file, or comma-separated in the environment. */
const list: Parser<string[]> = (raw, key) => {
  if (Array.isArray(raw) && raw.every((x) => typeof x === 'string')) return raw.map((s) => s.trim()).filter(Boolean);
  if (typeof raw === 'string')
    return raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return fail(key, raw, 'a list of strings (comma-separated in the environment)');
};

/**
 * A list of hosts the address guard may let through: CIDRs (10.0.0.0/8), single addresses or host
 * names. Checked here, so a typo stops the start with the option's name instead of surfacing when
 * the first fetch or webhook builds its guard; a URL is refused, as the guard compares hosts only.
 */
/** Labels of letters, digits, marks, "-" or "_" (international names too), an optional leading "." for subdomains. */
const HOST_NAME = /^\.?[\p{L}\p{M}\p{N}_-]+(?:\.[\p{L}\p{M}\p{N}_-]+)*\.?$/u;

const hostList: Parser<string[]> = (raw, key) => {
  const entries = list(raw, key);
  for (const entry of entries) {
    if (entry.includes('/') && !entry.includes('://')) {
      try {
        ipaddr.parseCIDR(entry);
      } catch {
        fail(key, entry, 'a CIDR (write e.g. 10.0.0.0/8 or fd00::/8)');
      }
    } else if (/[\s/@]/.test(entry)) fail(key, entry, 'a CIDR, an address or a host name (no scheme, path or user)');
    // A port or a wildcard would be kept as a host name no connection is ever made to, and the
    // webhook or feed it was meant to open refused with no word about the entry: said here instead.
    else if (entry.includes(':') && !ipaddr.IPv6.isValid(entry.replace(/^\[|\]$/g, '')))
      fail(key, entry, 'an address or a host name without a port (the list opens a host on every port)');
    else if (entry.includes('*')) fail(key, entry, 'a host name without a wildcard (write .example.org for it and every subdomain)');
    else if (!entry.includes(':') && !HOST_NAME.test(entry))
      fail(key, entry, 'a CIDR, an address or a host name (entries are separated by commas)');
  }
  return entries;
};

function oneOf<T extends string>(...values: T[]): Parser<T> {
  return (raw, key) =>
    typeof raw === 'string' && (values as string[]).includes(raw) ? (raw as T) : fail(key, raw, `one of ${values.join(', ')}`);
}

const logLevel = oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent');

/**
 * How an option holds a secret: `true`, the whole value (a token); 'url', the password (and
 * password-like query parameters) of a URL such as smtp://user:pass@host. A secret option is
 * masked wherever it is shown (`newsdesk config`, errors) and can be read from a file named by
 * its variable plus _FILE (NEWSDESK_API_TOKEN_FILE), as Docker and systemd pass secrets.
 */
export type SecretKind = true | 'url';

interface Option<T> {
  env: string;
  default: T;
  parse: Parser<T>;
  doc: string;
  secret?: SecretKind;
}

function opt<T>(env: string, dflt: T, parse: Parser<T>, doc: string, flags: { secret?: SecretKind } = {}): Option<T> {
  return { env, default: dflt, parse, doc, ...flags };
}

export const OPTIONS = {
  database: opt(
    'NEWSDESK_DATABASE',
    'sqlite:data/newsdesk.db',
    str,
    'Where stories are stored: sqlite:PATH (embedded, default) or a postgres:// URL.',
    { secret: 'url' },
  ),
  host: opt('NEWSDESK_HOST', '127.0.0.1', str, 'Address the web server listens on.'),
  port: opt('NEWSDESK_PORT', 8080, int(0, 65535), 'Port the web server listens on (0 picks a free one).'),
  baseUrl: opt(
    'NEWSDESK_BASE_URL',
    '',
    str,
    'Public URL of the site, used in feeds out, pages and alerts, and the one origin browsers may send changes from. Unset: taken from the request, which is then answered only for loopback hosts and siteHosts.',
  ),
  siteHosts: opt(
    'NEWSDESK_SITE_HOSTS',
    [] as string[],
    list,
    'With baseUrl unset: the host names (news.example.org, or host:port) requests may name besides localhost and loopback addresses; others get 421.',
  ),
  maxRequestBodyBytes: opt(
    'NEWSDESK_MAX_REQUEST_BODY_BYTES',
    64 * 1024,
    int(1024, 64 * 1024 * 1024),
    "Largest request body the server reads, on any route (413 beyond it) but the desk's OPML upload (1 MiB file) and topic editor (200,000 characters), which take what they accept and say so.",
  ),
  renderCacheBytes: opt(
    'NEWSDESK_RENDER_CACHE_BYTES',
    32 * 1024 * 1024,
    int(0, 4 * 1024 * 1024 * 1024),
    'Memory for rendered pages and their compressed copies (0: no cache). A page larger than a sixteenth of it is not kept.',
  ),
  renderStaleMs: opt(
    'NEWSDESK_RENDER_STALE_MS',
    5000,
    int(0, 600_000),
    'How old (ms since its rendering began) a cached public page may be when served while the store changes and a fresh one is rendered (0: always render anew after a change). Changes made through this process (desk, API) are shown at once.',
  ),
  logLevel: opt('NEWSDESK_LOG_LEVEL', 'info', logLevel, 'Log level (logs go to stderr).'),
  logFormat: opt(
    'NEWSDESK_LOG_FORMAT',
    'auto' as 'auto' | 'text' | 'json',
    oneOf('auto', 'text', 'json'),
    'How logs are written: text (one readable line per record), json (JSON lines), or auto: text on a terminal, JSON otherwise.',
  ),
  userAgent: opt(
    'NEWSDESK_USER_AGENT',
    'Newsdesk/0.1 (+https://github.com/newsdesk/newsdesk; feed reader)',
    str,
    'User-Agent sent with every fetch. Its product token (its first word, or the name after "compatible;" in a browser-like one) is the name robots.txt rules are matched against: "newsdesk" by default.',
  ),
  connectTimeoutMs: opt('NEWSDESK_CONNECT_TIMEOUT_MS', 10_000, int(100, 120_000), 'Time allowed to connect to a host.'),
  totalTimeoutMs: opt(
    'NEWSDESK_TOTAL_TIMEOUT_MS',
    30_000,
    int(500, 600_000),
    'Time allowed for a whole fetch, body included (slow-drip servers are cut here).',
  ),
  discoveryTimeoutMs: opt(
    'NEWSDESK_DISCOVERY_TIMEOUT_MS',
    60_000,
    int(1_000, 3_600_000),
    'Time allowed for finding what an address offers (newsdesk add, the desk preview): every fetch of the feed links, common paths and sitemaps tried together.',
  ),
  deskParseWorkers: opt(
    'NEWSDESK_DESK_PARSE_WORKERS',
    2,
    int(1, 16),
    "Worker threads of a web process's desk parser (what an editor's preview and fetch now read: feeds, sitemaps, listing pages), so one editor's long parse does not hold up another's. Each worker is started at its first use and has its own time and memory limits.",
  ),
  pollParseWorkers: opt(
    'NEWSDESK_POLL_PARSE_WORKERS',
    2,
    int(1, 16),
    "Worker threads of a polling process's parser (the scheduler's feeds, sitemap files and listing pages). With two or more, a source's sitemap files and listing pages hold all but one of them, so a feed's parse never waits behind a big sitemap's. Each worker is started at its first use and has its own time and memory limits.",
  ),
  maxBodyBytes: opt(
    'NEWSDESK_MAX_BODY_BYTES',
    15 * 1024 * 1024,
    int(1024, 1024 * 1024 * 1024),
    'Largest response body accepted, counted after decompression.',
  ),
  maxRedirects: opt('NEWSDESK_MAX_REDIRECTS', 10, int(0, 50), 'Redirect hops followed, each one checked by the address guard.'),
  allowHosts: opt(
    'NEWSDESK_ALLOW_HOSTS',
    [] as string[],
    hostList,
    'Addresses the fetcher may reach although private/loopback: CIDRs (10.0.0.0/8, 127.0.0.1/32) or host names. For intranets and tests. Feeds and article pages only: webhooks have alertAllowHosts.',
  ),
  alertAllowHosts: opt(
    'NEWSDESK_ALERT_ALLOW_HOSTS',
    [] as string[],
    hostList,
    "Addresses a topic's alert webhook may reach although private/loopback, in allowHosts' form (CIDRs or host names). Empty: webhooks reach public addresses only. Editors set webhook URLs at the desk, so list only receivers they may post to.",
  ),
  allowFileUrls: opt('NEWSDESK_ALLOW_FILE_URLS', false, bool, 'Allow file: URLs as sources (local use only).'),
  workers: opt('NEWSDESK_WORKERS', 8, int(1, 256), 'Sources fetched at once by one process.'),
  perHostConcurrency: opt('NEWSDESK_PER_HOST', 2, int(1, 64), 'Requests at once to one host.'),
  crawlDelayCapSeconds: opt(
    'NEWSDESK_CRAWL_DELAY_CAP',
    60,
    int(0, 3600),
    "The longest Crawl-delay kept, in seconds. A site's robots.txt Crawl-delay spaces the starts of a listing page's reads and article reads to that site (every worker's); a longer one is kept as this, 0 keeps none. Feeds and sitemaps are not spaced.",
  ),
  maxItemsPerDocument: opt(
    'NEWSDESK_MAX_ITEMS_PER_DOCUMENT',
    1000,
    int(1, 1_000_000),
    'Items read from one feed document, in document order; the rest are ignored (feeds list newest first).',
  ),
  maxNewEntriesPerCheck: opt(
    'NEWSDESK_MAX_NEW_ENTRIES_PER_CHECK',
    200,
    int(1, 1_000_000),
    'New entries stored by one check, newest first; the rest are taken at the next checks (read in full, soon after).',
  ),
  maxArticleFetchesPerCheck: opt(
    'NEWSDESK_MAX_ARTICLE_FETCHES_PER_CHECK',
    50,
    int(0, 100_000),
    'Article pages fetched for full text after one check; entries past it keep their feed text (not fetched later).',
  ),
  stopDeadlineMs: opt(
    'NEWSDESK_STOP_DEADLINE_MS',
    5000,
    int(0, 600_000),
    'On SIGTERM/Ctrl-C, time given to checks in flight before their fetches and extractions are aborted.',
  ),
  workerNice: opt(
    'NEWSDESK_WORKER_NICE',
    10,
    int(0, 19),
    'Scheduling priority `newsdesk worker` (and the ingest thread of `serve`) lowers itself by (like nice; 0: unchanged), so web processes and threads on the same machine answer readers first while workers saturate the cores.',
  ),
  ingestThread: opt(
    'NEWSDESK_INGEST_THREAD',
    true,
    bool,
    '`newsdesk serve` (and `demo`) run fetching, extraction, tagging and alerts on a thread of their own, beside the site, so readers never wait behind ingest; false runs everything on one thread.',
  ),
  leaseMs: opt(
    'NEWSDESK_LEASE_MS',
    60_000,
    int(1000, 3_600_000),
    'How long a source claimed by a worker stays its own if that worker dies (renewed while worked on).',
  ),
  coordinatorRetryMs: opt(
    'NEWSDESK_COORDINATOR_RETRY_MS',
    15_000,
    int(100, 600_000),
    'How often a process that does not lead periodic work (re-tagging) asks to take it over, and the leader checks its lock.',
  ),
  defaultIntervalSeconds: opt('NEWSDESK_INTERVAL_SECONDS', 1800, int(10, 7 * 86400), 'Polling interval of a new source.'),
  minIntervalSeconds: opt('NEWSDESK_MIN_INTERVAL_SECONDS', 300, int(1, 86400), 'Shortest adaptive polling interval.'),
  maxIntervalSeconds: opt('NEWSDESK_MAX_INTERVAL_SECONDS', 86400, int(60, 30 * 86400), 'Longest adaptive polling interval.'),
  maxBackoffSeconds: opt('NEWSDESK_MAX_BACKOFF_SECONDS', 6 * 3600, int(60, 30 * 86400), 'Cap of the error backoff.'),
  extractMode: opt(
    'NEWSDESK_EXTRACT',
    'short' as 'off' | 'short' | 'always',
    oneOf('off', 'short', 'always'),
    'Default full-text fetching for new sources: off, short (when the feed gives little text) or always.',
  ),
  pageSize: opt('NEWSDESK_PAGE_SIZE', 50, int(1, 500), 'Teasers per topic page.'),
  excerptChars: opt('NEWSDESK_EXCERPT_CHARS', 320, int(40, 5000), 'Longest teaser excerpt, in characters.'),
  apiToken: opt(
    'NEWSDESK_API_TOKEN',
    '',
    str,
    'A shared admin token with write scope, beside the per-user API tokens (newsdesk token create): API writes, and reads on a private site.',
    {
      secret: true,
    },
  ),
  publicApi: opt(
    'NEWSDESK_PUBLIC_API',
    true,
    bool,
    'Whether reading needs no token. False: the same as siteAccess private (pages, feeds, the API and /metrics need a signed-in user or a token: Bearer, or Basic with the token as password).',
  ),
  siteAccess: opt(
    'NEWSDESK_SITE_ACCESS',
    'public' as 'public' | 'private',
    oneOf('public', 'private'),
    'public: anyone may read the site and the API. private: every page, feed and API call needs a signed-in user or an API token (/login, /setup, /healthz, /readyz and the stylesheet stay open).',
  ),
  trustProxy: opt(
    'NEWSDESK_TRUST_PROXY',
    false,
    bool,
    'Behind a reverse proxy: believe its X-Forwarded-For (client address for sign-in limits and metricsAllow) and X-Forwarded-Proto (Secure cookies; the scheme of the request’s own origin in the cross-site check). Never set it when clients reach the server directly.',
  ),
  metricsAllow: opt(
    'NEWSDESK_METRICS_ALLOW',
    ['127.0.0.0/8', '::1/128'] as string[],
    list,
    "Networks (CIDRs) whose requests may read /metrics without a token; others need an admin's API token. Default: loopback only.",
  ),
  sessionIdleHours: opt('NEWSDESK_SESSION_IDLE_HOURS', 24, int(1, 24 * 90), 'A sign-in session unused this many hours ends.'),
  sessionMaxDays: opt(
    'NEWSDESK_SESSION_MAX_DAYS',
    30,
    int(1, 365),
    'A sign-in session ends this many days after signing in, however active.',
  ),
  topicsFile: opt('NEWSDESK_TOPICS', '', str, 'Topic definitions (YAML or JSON). Empty: none.'),
  smtpUrl: opt(
    'NEWSDESK_SMTP_URL',
    '',
    str,
    'SMTP server for e-mail alert digests: smtp://user:pass@host:587 (STARTTLS) or smtps://host:465. Empty: no e-mail.',
    { secret: 'url' },
  ),
  mailFrom: opt('NEWSDESK_MAIL_FROM', '', str, 'Sender address of e-mail alert digests, e.g. "Newsdesk <newsdesk@example.org>".'),
  deskSecrets: opt(
    'NEWSDESK_DESK_SECRETS',
    [] as string[],
    list,
    'Environment variables and files a topic written at the desk may name as its webhook secret (secretEnv: NAME, secretFile: PATH). Empty: desk topics name none, so an editor cannot have the server sign with another secret it holds.',
  ),
};

export type OptionKey = keyof typeof OPTIONS;
export type Config = { [K in OptionKey]: (typeof OPTIONS)[K]['default'] };
