// What a request says about where it came from, read once here: the client's address (for the
// sign-in throttle and /metrics) and whether it arrived over HTTPS (for Secure cookies). Behind a
// reverse proxy (trustProxy) the proxy's X-Forwarded-For and X-Forwarded-Proto are believed;
// otherwise they are ignored, since any client can send them.
import type { Context } from 'hono';

interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } };
}

/** Whether the request came over a socket (the Node server's), not in-process (app.request). */
export function overSocket(c: Context): boolean {
  return (c.env as NodeBindings | undefined)?.incoming !== undefined;
}

/** The peer of the socket; undefined for a request made in-process (app.request), which has none. */
export function socketAddress(c: Context): string | undefined {
  return (c.env as NodeBindings | undefined)?.incoming?.socket?.remoteAddress;
}

/**
 * The client's address. With trustProxy, the last X-Forwarded-For entry: the one our own proxy
 * appended (entries to its left come from the client and may be forged).
 */
export function clientAddress(c: Context, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    const last = forwarded?.split(',').pop()?.trim();
    if (last) return last;
  }
  return socketAddress(c);
}

export function isHttps(c: Context, trustProxy: boolean): boolean {
  if (trustProxy) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
    if (proto) return proto === 'https';
  }
  try {
    return new URL(c.req.url).protocol === 'https:';
  } catch {
    return false;
  }
}
