// Finding 2 of issue 9: every response carries security headers; our pages a strict CSP that
// allows our own inline script by its hash, everything else the untrusted-content policy.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { EMBED_ORIGINS, allowedEmbed } from '../../src/sanitize/embeds.js';
import type { Store } from '../../src/store/store.js';
import { SITE_CSS_PATH } from '../../src/web/styles.js';
import { makeApp, populatedStore } from './helpers.js';

/** The directives of a CSP header, by name. */
function directives(csp: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name, values);
  }
  return out;
}

let store: Store;
let app: Hono;
let wire: number;

before(async () => {
  const p = await populatedStore();
  store = p.store;
  wire = p.ids.wire;
  app = makeApp(store);
});
after(() => store.close());

describe('security headers', () => {
  const everyKind = () => [
    '/',
    '/entries/1',
    `/sources/${wire}`,
    '/sources',
    '/search?q=court',
    '/feed.rss',
    '/feed.atom',
    '/feed.json',
    '/search/feed.rss?q=court',
    SITE_CSS_PATH,
    '/api/v1/entries',
    '/api/v1/nothing-here',
    '/api/openapi.json',
    '/no/such/page',
    '/entries/999999',
    '/metrics',
    '/healthz',
  ];

  it('are on every kind of response: pages, feeds, JSON, errors, the stylesheet, metrics', async () => {
    for (const path of everyKind()) {
      const res = await app.request(path);
      const h = res.headers;
      assert.equal(h.get('x-content-type-options'), 'nosniff', path);
      assert.equal(h.get('referrer-policy'), 'same-origin', path);
      assert.equal(h.get('cross-origin-opener-policy'), 'same-origin', path);
      assert.equal(h.get('x-frame-options'), 'DENY', path);
      const csp = h.get('content-security-policy');
      assert.ok(csp, `${path} has a CSP`);
      const d = directives(csp);
      assert.deepEqual(d.get('frame-ancestors'), ["'none'"], path);
      assert.deepEqual(d.get('default-src'), ["'none'"], path);
    }
  });

  it('pages: the inline script is allowed by its hash, nothing else runs, frames only the allowed players', async () => {
    for (const path of ['/', '/entries/1', '/no/such/page', '/search?q=court']) {
      const res = await app.request(path);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      const body = await res.text();
      const d = directives(res.headers.get('content-security-policy')!);
      const scripts = [...body.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
      assert.ok(scripts.length > 0, 'the page has its inline script');
      for (const js of scripts) {
        const h = `'sha256-${createHash('sha256').update(js).digest('base64')}'`;
        assert.ok(d.get('script-src')!.includes(h), `${path}: script-src lists the hash of the script it carries`);
      }
      assert.ok(!d.get('script-src')!.some((v) => v === "'unsafe-inline'" || v === "'unsafe-eval'" || v === '*'), path);
      assert.deepEqual(d.get('object-src'), ["'none'"]);
      assert.deepEqual(d.get('base-uri'), ["'none'"]);
      assert.deepEqual(d.get('form-action'), ["'self'"]);
      assert.ok(!d.has('sandbox'), 'our pages are not sandboxed');
      assert.deepEqual(d.get('frame-src'), [...EMBED_ORIGINS]);
      assert.deepEqual(d.get('report-uri'), ['/csp-report']);
    }
  });

  it('frame-src names every origin the sanitiser keeps an embed from', () => {
    for (const src of [
      'https://www.youtube.com/embed/abc',
      'https://youtube.com/embed/abc',
      'https://www.youtube-nocookie.com/embed/abc',
      '//youtube-nocookie.com/embed/x_y',
      'http://player.vimeo.com/video/123',
    ]) {
      const kept = allowedEmbed(src);
      assert.ok(kept, src);
      assert.ok(EMBED_ORIGINS.includes(new URL(kept).origin), kept);
    }
  });

  it('everything that is not a page gets the untrusted-content policy (sandbox, no forms)', async () => {
    for (const path of ['/feed.rss', '/feed.atom', '/feed.json', '/api/v1/entries', '/api/v1/nothing-here', '/metrics', SITE_CSS_PATH]) {
      const res = await app.request(path);
      const d = directives(res.headers.get('content-security-policy')!);
      assert.ok(d.has('sandbox'), path);
      assert.deepEqual(d.get('form-action'), ["'none'"], path);
      assert.ok(!d.has('script-src'), path);
    }
  });

  it('a 304 does not replace the stored page policy', async () => {
    const first = await app.request('/');
    const again = await app.request('/', { headers: { 'if-none-match': first.headers.get('etag')! } });
    assert.equal(again.status, 304);
    assert.equal(again.headers.get('content-security-policy'), null);
    assert.equal(again.headers.get('x-content-type-options'), 'nosniff');
  });

  it('the render cache serves the same page with the same policy (hashes, not per-response nonces)', async () => {
    const a = await app.request('/entries/1');
    const b = await app.request('/entries/1');
    assert.equal(a.headers.get('etag'), b.headers.get('etag'));
    assert.equal(await a.text(), await b.text());
    assert.equal(a.headers.get('content-security-policy'), b.headers.get('content-security-policy'));
  });
});

describe('CSP violation reports', () => {
  it('are accepted in both report formats, counted by directive, and capped in size', async () => {
    const legacy = await app.request('/csp-report', {
      method: 'POST',
      headers: { 'content-type': 'application/csp-report' },
      body: JSON.stringify({
        'csp-report': { 'document-uri': 'http://localhost/', 'effective-directive': 'script-src-elem', 'blocked-uri': 'inline' },
      }),
    });
    assert.equal(legacy.status, 204);
    const modern = await app.request('/csp-report', {
      method: 'POST',
      headers: { 'content-type': 'application/reports+json' },
      body: JSON.stringify([{ type: 'csp-violation', body: { effectiveDirective: 'img-src', blockedURL: 'http://x.example/' } }]),
    });
    assert.equal(modern.status, 204);
    const hostile = await app.request('/csp-report', {
      method: 'POST',
      headers: { 'content-type': 'application/csp-report' },
      body: JSON.stringify({ 'csp-report': { 'effective-directive': 'made-up-directive-<script>' } }),
    });
    assert.equal(hostile.status, 204);
    const big = await app.request('/csp-report', {
      method: 'POST',
      body: 'x'.repeat(40_000),
      headers: { 'content-type': 'application/csp-report' },
    });
    assert.equal(big.status, 413);
    const metrics = await (await app.request('/metrics')).text();
    assert.match(metrics, /newsdesk_csp_reports_total\{directive="script-src-elem"\} 1/);
    assert.match(metrics, /newsdesk_csp_reports_total\{directive="img-src"\} 1/);
    assert.match(metrics, /newsdesk_csp_reports_total\{directive="other"\} 1/);
    assert.doesNotMatch(metrics, /made-up/);
  });
});
