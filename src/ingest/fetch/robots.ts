// robots.txt rules (RFC 9309) for the requests a crawler makes: a listing page and its next pages,
// an article read in full. Feeds and sitemaps a site offers are read as a feed reader reads them.
// Pure functions: which group applies to our product token, and whether a path is allowed by it.

/** RFC 9309 section 2.5: at least 500 KiB are parsed; what comes after is ignored. */
export const ROBOTS_MAX_BYTES = 500 * 1024;
/** Rules kept per file and characters per pattern: bounds on a hostile file's matching cost. */
const MAX_RULES = 5_000;
const MAX_PATTERN = 2_000;

export interface RobotsRule {
  allow: boolean;
  /** The path pattern, percent-escapes upper-cased; `*` any run of characters, a final `$` the end. */
  pattern: string;
}

export interface RobotsRules {
  rules: RobotsRule[];
  /** The applicable group's Crawl-delay, in seconds (not in RFC 9309; read for the log). */
  crawlDelaySeconds?: number;
}

/** The product token of a User-Agent header ("Newsdesk/0.1 (+…)" → "newsdesk"). */
export function productToken(userAgent: string): string {
  return (/^[A-Za-z_-]+/.exec(userAgent.trim())?.[0] ?? '').toLowerCase();
}

/** Upper-cases percent-escapes and percent-encodes what is not ASCII, so patterns and paths compare alike. */
function normalisePath(p: string): string {
  let out = '';
  for (const ch of p) {
    const code = ch.codePointAt(0)!;
    if (code > 0x7e || code < 0x21) {
      try {
        out += encodeURIComponent(ch);
      } catch {
        out += '%EF%BF%BD'; // a lone surrogate: U+FFFD, as the URL parser writes it
      }
    } else out += ch;
  }
  return out.replace(/%[0-9a-f]{2}/gi, (m) => m.toUpperCase());
}

/**
 * The rules of the groups that apply to `token` (every group naming it, merged), else of the `*`
 * groups, else none. A line is `name: value`, `#` starts a comment; unknown lines are skipped, so an
 * HTML page served as robots.txt holds no rule.
 */
export function parseRobots(text: string, token: string): RobotsRules {
  type Group = { agents: string[]; rules: RobotsRule[]; delay?: number };
  const groups: Group[] = [];
  let current: Group | undefined;
  let inAgents = false;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const name = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (name === 'user-agent') {
      if (!inAgents || !current) groups.push((current = { agents: [], rules: [] }));
      current.agents.push(value.toLowerCase());
      inAgents = true;
      continue;
    }
    if (!current) continue;
    inAgents = false;
    if (name === 'allow' || name === 'disallow') {
      // An empty Disallow allows everything: no rule.
      if (value === '' || current.rules.length >= MAX_RULES) continue;
      current.rules.push({ allow: name === 'allow', pattern: normalisePath(value.slice(0, MAX_PATTERN)) });
    } else if (name === 'crawl-delay') {
      const n = Number(value);
      if (Number.isFinite(n) && n >= 0) current.delay = n;
    }
  }
  const mine = groups.filter((g) => token !== '' && g.agents.includes(token));
  const chosen = mine.length ? mine : groups.filter((g) => g.agents.includes('*'));
  const out: RobotsRules = { rules: chosen.flatMap((g) => g.rules).slice(0, MAX_RULES) };
  const delay = chosen.find((g) => g.delay !== undefined)?.delay;
  if (delay !== undefined) out.crawlDelaySeconds = delay;
  return out;
}

/**
 * Whether `pattern` matches the start of `path` (all of it with a final `$`). `*` by the greedy
 * two-pointer walk, which costs at most the product of the lengths (a regular expression could
 * backtrack exponentially on a pattern of many stars).
 */
function matches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$');
  const p = anchored ? pattern.slice(0, -1) : `${pattern}*`;
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  while (i < path.length) {
    if (j < p.length && p[j] !== '*' && p[j] === path[i]) {
      i++;
      j++;
    } else if (j < p.length && p[j] === '*') {
      star = j++;
      mark = i;
    } else if (star >= 0) {
      j = star + 1;
      i = ++mark;
    } else return false;
  }
  while (j < p.length && p[j] === '*') j++;
  return j === p.length;
}

/**
 * Whether the rules allow `pathAndQuery`: the longest matching pattern decides, Allow on a tie
 * (RFC 9309 section 2.2.2); no matching rule allows. /robots.txt itself is always allowed.
 */
export function robotsAllows(r: RobotsRules, pathAndQuery: string): boolean {
  const path = normalisePath(pathAndQuery || '/');
  if (path === '/robots.txt') return true;
  let best: RobotsRule | undefined;
  for (const rule of r.rules) {
    if (best && rule.pattern.length < best.pattern.length) continue;
    if (best && rule.pattern.length === best.pattern.length && (best.allow || !rule.allow)) continue;
    if (matches(rule.pattern, path)) best = rule;
  }
  return best?.allow ?? true;
}
