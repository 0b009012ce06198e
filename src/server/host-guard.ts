// With no baseUrl configured, absolute URLs in feeds, the API and the OpenAPI document are built
// from the request's own address, i.e. from its Host header. Copied blindly, that lets anyone who
// can reach the server (or a DNS-rebinding page in a reader's browser) choose the links the server
// hands out, and a shared cache keep them. So without baseUrl the server answers only to loopback
// names and the hosts listed in siteHosts, says Vary: Host, and refuses the rest with 421.
// With baseUrl set, the Host header is never read for URLs and any host is answered. Addresses
// that build no URLs (/healthz, /metrics, /csp-report) are answered whatever the Host: health
// checkers and scrapers name the machine by its IP address.
import type { Context, MiddlewareHandler } from 'hono';
import type { Config } from '../config/options.js';
import { apiProblem } from '../locale/api-errors.js';

const LOOPBACK_V4 = /^127(?:\.\d{1,3}){3}$/;

function isLoopback(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || LOOPBACK_V4.test(h) || h === '[::1]';
}

/** Whether the request's address (host, or host:port) may be used to build absolute URLs. */
export function hostAllowed(url: URL, siteHosts: readonly string[]): boolean {
  if (isLoopback(url.hostname)) return true;
  const host = url.host.toLowerCase();
  const name = url.hostname.toLowerCase();
  return siteHosts.some((h) => {
    const want = h.toLowerCase();
    return want === host || want === name;
  });
}

function appendVary(c: Context, value: string): void {
  const old = c.res.headers.get('vary');
  const v = old ? `${old}, ${value}` : value;
  try {
    c.res.headers.set('vary', v);
  } catch {
    c.res = new Response(c.res.body, c.res);
    c.res.headers.set('vary', v);
  }
}

export function hostGuard(
  config: Pick<Config, 'baseUrl' | 'siteHosts'>,
  isApi: (c: Context) => boolean,
  anyHost: (c: Context) => boolean,
): MiddlewareHandler {
  return async (c, next) => {
    if (config.baseUrl || anyHost(c)) return next();
    let url: URL;
    try {
      url = new URL(c.req.url);
    } catch {
      url = new URL('http://invalid.invalid/');
    }
    if (!hostAllowed(url, config.siteHosts)) {
      const message = `This server does not answer to the host "${url.host}": set baseUrl (NEWSDESK_BASE_URL) to its public address, or list the host in siteHosts (NEWSDESK_SITE_HOSTS).`;
      let res: Response;
      if (isApi(c)) {
        const p = apiProblem('host.unknown', { host: url.host }, c.req.header('accept-language'));
        res = c.json(p.body, 421, p.headers);
        res.headers.set('vary', 'Host, Accept-Language');
      } else {
        res = c.text(message, 421);
        res.headers.set('vary', 'Host');
      }
      return res;
    }
    await next();
    appendVary(c, 'Host');
    return undefined;
  };
}
