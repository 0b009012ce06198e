// With publicApi=false, reading is private everywhere, not only under /api: pages, feeds and
// /metrics show the same stories and sources. They take the API token as a Bearer token, or as the
// password of HTTP Basic authentication (any user name), which browsers prompt for and feed
// readers support. The stylesheet, /healthz and /csp-report stay open: they carry no data.
import type { Context, MiddlewareHandler } from 'hono';
import { checkAccess } from '../api/auth.js';
import type { Config } from '../config/options.js';

export function privateReads(config: Pick<Config, 'publicApi' | 'apiToken'>, open: (c: Context) => boolean): MiddlewareHandler {
  return async (c, next) => {
    if (config.publicApi || open(c)) return next();
    const denied = checkAccess(c, 'read', config);
    if (!denied) return next();
    return c.text(denied.message, denied.status, {
      'www-authenticate': 'Basic realm="Newsdesk", charset="UTF-8"',
      'cache-control': 'no-store',
    });
  };
}
