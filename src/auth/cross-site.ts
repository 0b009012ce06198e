// What the browser itself says about where a state-changing request comes from (Sec-Fetch-Site and
// Origin, headers no page can set): the site's cross-site guard (src/web/cross-site.ts, where the
// rules are explained) and the API's writes by ambient credentials (src/api/auth.ts) read it here.
import type { Context } from 'hono';
import type { Config } from '../config/options.js';
import { isHttps } from './request.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

export type OriginConfig = Pick<Config, 'baseUrl' | 'trustProxy'>;

function parsedOrigin(value: string): URL | undefined {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `origin` (an Origin header's value) is this site's own origin for request `c`. */
export function isOwnOrigin(c: Context, origin: string, config: OriginConfig): boolean {
  const given = parsedOrigin(origin);
  if (!given) return false; // "null", or anything that is not an http(s) origin
  if (config.baseUrl && parsedOrigin(config.baseUrl)?.origin === given.origin) return true;
  let own: URL;
  try {
    own = new URL(c.req.url);
  } catch {
    return false;
  }
  if (given.host !== own.host) return false;
  const scheme = isHttps(c, config.trustProxy) ? 'https:' : 'http:';
  return given.protocol === scheme || given.protocol === 'https:';
}

/** Why the browser's own headers say request `c` comes from another site, or undefined. */
export function crossSiteReason(c: Context, config: OriginConfig): 'sec-fetch-site' | 'origin' | undefined {
  if (SAFE_METHODS.has(c.req.method)) return undefined;
  if (c.req.header('sec-fetch-site')?.trim().toLowerCase() === 'cross-site') return 'sec-fetch-site';
  const origin = c.req.header('origin');
  if (origin !== undefined && !isOwnOrigin(c, origin.trim(), config)) return 'origin';
  return undefined;
}
