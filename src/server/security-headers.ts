// One middleware that gives every response (pages, feeds, API JSON, errors, the stylesheet,
// metrics) its security headers, decided after the handler ran so the content type is known:
// our HTML pages get the page policy, anything else the untrusted-content policy (web/csp.ts).
import type { MiddlewareHandler } from 'hono';
import { PAGE_CSP, UNTRUSTED_CSP } from '../web/csp.js';

const COMMON: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  // Readers' addresses never reach outlets, through links or images (sanitize/README.md).
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  // For browsers that predate frame-ancestors.
  'x-frame-options': 'DENY',
};

/** The headers of an answer that is not one of our HTML pages, for answers written outside the app (header-limit.ts). */
export function plainSecurityHeaders(): Record<string, string> {
  return { ...COMMON, 'content-security-policy': UNTRUSTED_CSP };
}

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    let res = c.res;
    const set = (name: string, value: string): void => {
      try {
        res.headers.set(name, value);
      } catch {
        // Headers of some responses are immutable: copy the response once, then set.
        res = new Response(res.body, res);
        c.res = res;
        res.headers.set(name, value);
      }
    };
    for (const [name, value] of Object.entries(COMMON)) set(name, value);
    // A 304 updates the headers the browser stored with the page: it must not swap the page's
    // policy for the untrusted one, so it carries none (the stored one stays).
    if (res.status !== 304) {
      const type = res.headers.get('content-type') ?? '';
      set('content-security-policy', /^text\/html\b/i.test(type) ? PAGE_CSP : UNTRUSTED_CSP);
    }
  };
}
