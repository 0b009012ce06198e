// robots.txt rules (RFC 9309) for the requests a crawler makes: a listing page and its next pages,
// an article read in full. Feeds and sitemaps a site offers are read as a feed reader reads them.
// The file is parsed and matched by robots-parser (the group for our product token over `*`,
// groups of one agent merged, the longest rule winning with Allow on a tie, `*` and `$`, escapes
// compared alike; its matcher walks patterns without regular expressions, so a pattern of many
// stars costs the product of the lengths, not a backtracking blow-up). Here: the bounds a hostile
// file meets before it is parsed, and the one question the fetcher asks.
import robotsParserModule from 'robots-parser';

/** What robots-parser answers (its own declaration types the CommonJS export as an ES default). */
interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
/** The package's `module.exports` is the function itself. */
const robotsParser = robotsParserModule as unknown as (url: string, contents: string) => Robot;

/** RFC 9309 section 2.5: at least 500 KiB are parsed; what comes after is ignored. */
export const ROBOTS_MAX_BYTES = 500 * 1024;
/**
 * Rule lines kept per file and characters per line: each request is matched against every rule
 * of its group, so these bound what one site's file costs per request. A longer pattern is cut,
 * which makes a Disallow broader, never narrower.
 */
const MAX_LINES = 5_000;
const MAX_LINE = 2_000;
/** The parser matches full addresses; every path is asked against this one origin. */
const ORIGIN = 'http://robots.invalid';

export interface RobotsRules {
  /** Whether the file allows `pathAndQuery` (no matching rule allows; /robots.txt always is). */
  allows(pathAndQuery: string): boolean;
  /** The applicable group's Crawl-delay, in seconds (not in RFC 9309; read for the log). */
  crawlDelaySeconds?: number;
}

/** No file, or one that could not be had (4xx, a redirect loop): everything is allowed. */
export const NO_ROBOTS_RULES: RobotsRules = { allows: () => true };
/** A file that could not be read (5xx, 429, no connection): nothing is, for a while (RFC 9309 2.3.1.4). */
export const NOTHING_ALLOWED: RobotsRules = { allows: (pathAndQuery) => pathAndQuery === '/robots.txt' };

/**
 * The product token of a User-Agent header, the name a site's robots.txt would name us by:
 * "Newsdesk/0.1 (+…)" → "newsdesk". A browser-compatible header names the robot after
 * "compatible;" ("Mozilla/5.0 (compatible; ExampleDesk/2.0; +…)" → "exampledesk"), as the major
 * crawlers write theirs: no site writes rules for "Mozilla".
 */
export function productToken(userAgent: string): string {
  const ua = userAgent.trim();
  const compatible = /^Mozilla\/[^(]*\(\s*compatible\s*;\s*([A-Za-z_-]+)/i.exec(ua)?.[1];
  return (compatible ?? /^[A-Za-z_-]+/.exec(ua)?.[0] ?? '').toLowerCase();
}

/** The rules of `text` for the robot whose product token is `token`; an HTML page holds none. */
export function parseRobots(text: string, token: string): RobotsRules {
  const lines = text.split(/\r\n|\r|\n/);
  const kept = lines.length > MAX_LINES ? lines.slice(0, MAX_LINES) : lines;
  const robot = robotsParser(`${ORIGIN}/robots.txt`, kept.map((l) => (l.length > MAX_LINE ? l.slice(0, MAX_LINE) : l)).join('\n'));
  const out: RobotsRules = {
    allows: (pathAndQuery) => {
      const path = pathAndQuery.startsWith('/') ? pathAndQuery : `/${pathAndQuery}`;
      return path === '/robots.txt' || robot.isAllowed(`${ORIGIN}${path}`, token) !== false;
    },
  };
  const delay = robot.getCrawlDelay(token);
  if (typeof delay === 'number' && Number.isFinite(delay) && delay >= 0) out.crawlDelaySeconds = delay;
  return out;
}
