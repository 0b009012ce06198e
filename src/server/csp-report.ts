// Where browsers post Content-Security-Policy violations (report-uri in web/csp.ts). Anyone can
// post here, so the body is small and capped before it is read, the count goes to a metric with
// a closed set of labels, and at most a few reports a minute reach the log.
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from '../log/logger.js';
import type { Registry } from '../metrics/registry.js';
import { CSP_REPORT_PATH } from '../web/csp.js';

/** Reports are a few hundred bytes; anything much larger is not a report. */
export const CSP_REPORT_MAX_BYTES = 16 * 1024;
const LOGGED_PER_MINUTE = 10;

// Label values come from this list only, so hostile reports cannot grow the metric's series.
const DIRECTIVES = new Set([
  'default-src',
  'script-src',
  'script-src-elem',
  'script-src-attr',
  'style-src',
  'style-src-elem',
  'style-src-attr',
  'img-src',
  'media-src',
  'frame-src',
  'object-src',
  'base-uri',
  'form-action',
  'frame-ancestors',
  'connect-src',
  'font-src',
  'child-src',
  'worker-src',
  'manifest-src',
]);

interface Violation {
  directive: string;
  blocked: string;
  document: string;
}

/** The violations in a body of either format: application/csp-report or application/reports+json. */
function violations(body: unknown): Violation[] {
  const one = (r: Record<string, unknown>): Violation => ({
    directive: String(r['effective-directive'] ?? r.effectiveDirective ?? r['violated-directive'] ?? '').split(' ')[0]!,
    blocked: String(r['blocked-uri'] ?? r.blockedURL ?? '').slice(0, 200),
    document: String(r['document-uri'] ?? r.documentURL ?? '').slice(0, 200),
  });
  if (Array.isArray(body))
    return body
      .filter(
        (x): x is { body: Record<string, unknown> } => typeof x === 'object' && x !== null && typeof x.body === 'object' && x.body !== null,
      )
      .slice(0, 100)
      .map((x) => one(x.body));
  if (typeof body === 'object' && body !== null) {
    const r = (body as Record<string, unknown>)['csp-report'];
    if (typeof r === 'object' && r !== null) return [one(r as Record<string, unknown>)];
  }
  return [];
}

export function mountCspReports(app: Hono, deps: { metrics: Registry; log: Logger }): void {
  const reports = deps.metrics.counter(
    'newsdesk_csp_reports_total',
    'Content-Security-Policy violations reported by browsers, by directive.',
  );
  let windowStart = 0;
  let logged = 0;
  app.post(CSP_REPORT_PATH, bodyLimit({ maxSize: CSP_REPORT_MAX_BYTES, onError: (c) => c.body(null, 413) }), async (c) => {
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      return c.body(null, 400);
    }
    const now = Date.now();
    if (now - windowStart > 60_000) {
      windowStart = now;
      logged = 0;
    }
    for (const v of violations(body)) {
      reports.inc({ directive: DIRECTIVES.has(v.directive) ? v.directive : 'other' });
      if (logged++ < LOGGED_PER_MINUTE) deps.log.warn(v, 'content security policy violation reported');
    }
    return c.body(null, 204);
  });
}
