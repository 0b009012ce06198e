// The Content-Security-Policy of the site's pages, and the stricter one for everything else.
//
// Pages: our one inline script is allowed by its SHA-256 hash, not by a nonce. A hash is a
// property of the text, so a rendered page stays byte-identical from one response to the next:
// the render cache, its br/gzip copies and ETag/304 all keep working, with no per-response
// rewrite. (A nonce would have to be injected into every cached body after the cache, and
// compressed again each time.) The stylesheet is an external file ('self'); style attributes are
// allowed because the sanitiser keeps a small, rebuilt subset of presentational CSS in articles
// (sanitize/style.ts: no url(), no position), which is not a way to run or load anything.
// Frames: only the video players the sanitiser keeps (sanitize/embeds.ts), from the same list.
import { createHash } from 'node:crypto';
import { EMBED_ORIGINS } from '../sanitize/embeds.js';
import { LOCAL_TIME_JS } from './layout.js';

/**
 * Where browsers post violation reports (served by src/server). Only `report-uri`, on purpose:
 * a browser that finds `report-to` in the policy ignores `report-uri` and queues reports through
 * the Reporting API instead, which sends them in batches up to a minute later and only to secure
 * origins — a desk served over plain http on a LAN would then get none (tried: Chromium stopped
 * delivering the report test/security/desk-probe.test.ts waits for). The endpoint already reads
 * the Reporting API's body format too, for when that is worth switching to.
 */
export const CSP_REPORT_PATH = '/csp-report';

const hash = (js: string): string => `'sha256-${createHash('sha256').update(js, 'utf8').digest('base64')}'`;

/** Every inline script a page may carry. */
export const PAGE_SCRIPT_HASHES: readonly string[] = [hash(LOCAL_TIME_JS)];

/** The policy of our HTML pages. */
export const PAGE_CSP = [
  "default-src 'none'",
  // 'report-sample' puts the first characters of a blocked inline script in the violation, so a
  // report tells our own script (a stale hash) from injected content.
  `script-src ${PAGE_SCRIPT_HASHES.join(' ')} 'report-sample'`,
  "style-src 'self' 'report-sample'",
  "style-src-attr 'unsafe-inline'",
  // Article images and media come from the outlets, over http(s); data: for small inline images.
  "img-src 'self' https: http: data:",
  "media-src 'self' https: http:",
  `frame-src ${EMBED_ORIGINS.join(' ')}`,
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  `report-uri ${CSP_REPORT_PATH}`,
].join('; ');

/**
 * Everything that is not one of our pages (feeds, JSON, metrics, the stylesheet): these carry
 * third-party HTML inside them, so when a browser opens one on its own it must run nothing, load
 * nothing and submit nothing (the policy Miniflux uses for proxied content, plus framing).
 */
export const UNTRUSTED_CSP = "default-src 'none'; form-action 'none'; sandbox; frame-ancestors 'none'";
