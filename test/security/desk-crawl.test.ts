// A crawl of the desk signed in as an administrator (desk-site.ts: hostile feeds, secrets
// configured and stored through the desk's own forms). From /desk and /desk/account every
// same-site GET link under /desk is followed. Asserted on every answer: the security headers
// (on HTML: the strict CSP with its report address, nosniff, framing rules, no-store), and that
// no secret appears in any body or header: the configured apiToken, SMTP password and webhook
// secret, a feed address's password, a source's private Authorization header, the admin's
// password hash and session token, and an API token after its one-time display. The JSON API read
// with that read token and the log lines of the whole run are searched the same way.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { secretIn, startDeskSite, type DeskSite } from './desk-site.js';

const MAX_LOADS = 600;
const MAX_PER_PATH = 10;

let site: DeskSite;

interface Load {
  url: string;
  status: number;
  type: string;
  headers: Headers;
  body: string;
}
const loads: Load[] = [];
const apiLoads: Load[] = [];

before(async () => {
  site = await startDeskSite(5);
});
after(async () => {
  await site?.close();
});

function linksIn(body: string, base: string): string[] {
  const origin = new URL(base).origin;
  return [...body.matchAll(/\b(?:href|src)\s*=\s*"([^"]*)"/g)].flatMap((m) => {
    try {
      const u = new URL(m[1]!.replace(/&amp;/g, '&').replace(/&#39;/g, "'"), base);
      if (u.origin !== origin) return [];
      u.hash = '';
      return [u.href];
    } catch {
      return [];
    }
  });
}

const headerText = (h: Headers): string => [...h].map(([k, v]) => `${k}: ${v}`).join('\n');

describe('the desk crawled signed in as an administrator', () => {
  it('follows every same-site link under /desk', async () => {
    const queue = ['/desk', '/desk/sources', '/desk/account', '/desk/users', '/desk/audit', '/desk/topics', '/desk/curation'].map(
      (p) => `${site.url}${p}`,
    );
    const seen = new Set(queue);
    const perPath = new Map<string, number>();
    const state = async (): Promise<string> =>
      JSON.stringify([
        (await site.store.curation.audit({ limit: 1000 })).items.length,
        await site.store.accounts.listUsers(),
        await site.store.desk.listTopics(),
        (await site.store.sources.list()).map((s) => [s.id, s.url, s.intervalSeconds, s.settings]),
      ]);
    const before = await state();
    while (queue.length && loads.length < MAX_LOADS) {
      const url = queue.shift()!;
      const res = await site.admin.get(new URL(url).pathname + new URL(url).search);
      const body = await res.text();
      const type = res.headers.get('content-type') ?? '';
      loads.push({ url, status: res.status, type, headers: res.headers, body });
      const location = res.headers.get('location');
      for (const next of [...linksIn(body, url), ...(location ? linksIn(`href="${location}"`, url) : [])]) {
        const p = new URL(next).pathname;
        if (seen.has(next) || !p.startsWith('/desk')) continue;
        const n = perPath.get(p) ?? 0;
        if (n >= MAX_PER_PATH) continue;
        perPath.set(p, n + 1);
        seen.add(next);
        queue.push(next);
      }
    }
    assert.equal(await state(), before, 'following links (GET) changed nothing');
    const reached = (re: RegExp): number => loads.filter((l) => re.test(new URL(l.url).pathname)).length;
    assert.ok(reached(/^\/desk\/sources\/\d+$/) >= 5, 'every source settings page');
    assert.ok(reached(/^\/desk\/topics\/.+/) >= 1, 'topic editors');
    assert.ok(reached(/^\/desk\/curation\/entries\/\d+$/) >= 3, 'teaser edit forms');
    assert.ok(reached(/^\/desk\/curation\/stories/) >= 1, 'story curation');
    assert.ok(reached(/^\/desk\/audit/) >= 1 && reached(/^\/desk\/users/) >= 1 && reached(/^\/desk\/account/) >= 1);
    assert.equal(loads.filter((l) => l.status >= 500).length, 0, 'no server error');
    assert.equal(loads.filter((l) => l.status === 403).length, 0, 'the admin may open every desk page');
    process.stdout.write(`# crawled ${loads.length} desk addresses (${loads.filter((l) => /html/.test(l.type)).length} pages)\n`);
  });

  it('every HTML answer has the strict CSP with a report address, nosniff, framing rules and no-store', () => {
    const pages = loads.filter((l) => /^text\/html/.test(l.type));
    assert.ok(pages.length > 20, `${pages.length} pages`);
    for (const l of loads) {
      assert.equal(l.headers.get('x-content-type-options'), 'nosniff', l.url);
      assert.equal(l.headers.get('x-frame-options'), 'DENY', l.url);
    }
    for (const l of pages) {
      const directives = new Map(
        (l.headers.get('content-security-policy') ?? '')
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .map(([k, ...v]) => [k!, v]),
      );
      assert.deepEqual(directives.get('default-src'), ["'none'"], l.url);
      assert.deepEqual(directives.get('frame-ancestors'), ["'none'"], l.url);
      assert.deepEqual(directives.get('form-action'), ["'self'"], l.url);
      const script = directives.get('script-src') ?? [];
      assert.ok(script.length > 0 && script.every((v) => /^'sha256-|^'report-sample'$/.test(v)), `${l.url}: scripts by hash only`);
      for (const d of ['script-src', 'style-src', 'default-src'])
        for (const v of directives.get(d) ?? []) assert.ok(!/unsafe-inline|unsafe-eval|\*/.test(v), `${l.url}: ${d} ${v}`);
      assert.ok((directives.get('report-uri') ?? []).length === 1, `${l.url}: violations are reported`);
      assert.match(l.headers.get('cache-control') ?? '', /no-store/, `${l.url}: not kept by any cache`);
    }
  });

  it("a violation posted to a desk page's report address is counted in /metrics", async () => {
    const page = loads.find((l) => new URL(l.url).pathname === '/desk/sources' && l.status === 200)!;
    const reportUri = /report-uri ([^;\s]+)/.exec(page.headers.get('content-security-policy') ?? '')?.[1];
    assert.ok(reportUri, 'the desk page names its report address');
    const counted = async (): Promise<number> =>
      [
        ...(await (await fetch(`${site.url}/metrics`)).text()).matchAll(/newsdesk_csp_reports_total\{directive="script-src-attr"\} (\d+)/g),
      ].reduce((n, m) => n + Number(m[1]), 0);
    const before = await counted();
    const res = await fetch(new URL(reportUri, site.url), {
      method: 'POST',
      headers: { 'content-type': 'application/csp-report' },
      body: JSON.stringify({
        'csp-report': { 'document-uri': `${site.url}/desk/sources`, 'effective-directive': 'script-src-attr', 'blocked-uri': 'inline' },
      }),
    });
    assert.equal(res.status, 204);
    assert.equal(await counted(), before + 1);
  });

  it('no secret appears in any desk body or header (the new token only in its one-time display)', () => {
    const leaks = loads.flatMap((l) => {
      const where = secretIn(l.body, site.made) ?? secretIn(headerText(l.headers), site.made);
      return where ? [`${l.url}: ${where}`] : [];
    });
    assert.deepEqual(leaks, []);
    assert.equal(secretIn(site.tokenShownOnce, site.made), 'apiTokenValue', 'the one-time display did show the token');
  });

  it('the JSON API read with a read token returns no secret', async () => {
    const token = site.made.apiTokenValue!;
    const queue = ['/api/v1/sources', '/api/v1/entries?limit=200', '/api/v1/topics', '/api/v1/stories', '/api/openapi.json'];
    for (const s of await site.store.sources.list()) queue.push(`/api/v1/sources/${s.id}`);
    for (const p of queue) {
      const res = await fetch(`${site.url}${p}`, { headers: { authorization: `Bearer ${token}` } });
      apiLoads.push({
        url: p,
        status: res.status,
        type: res.headers.get('content-type') ?? '',
        headers: res.headers,
        body: await res.text(),
      });
    }
    assert.ok(apiLoads.filter((l) => l.status === 200).length >= 8, apiLoads.map((l) => `${l.url} ${l.status}`).join(', '));
    const leaks = apiLoads.flatMap((l) => {
      // The token the client sent is not a leak in what it sent; it must not come back.
      const where = secretIn(l.body, site.made) ?? secretIn(headerText(l.headers), site.made);
      return where ? [`${l.url}: ${where}`] : [];
    });
    assert.deepEqual(leaks, []);
  });

  it('no log line of the run holds a secret', () => {
    assert.ok(site.logLines.length >= 10, `${site.logLines.length} log lines`);
    assert.ok(
      site.feeds.requests.some((r) => r.path === '/rss.xml?copy=1' && /^Basic /.test(String(r.headers.authorization ?? ''))),
      'the feed password was used',
    );
    const leaks = site.logLines.flatMap((l) => {
      const s = secretIn(l, site.made);
      return s ? [`${s}: ${l.slice(0, 300)}`] : [];
    });
    assert.deepEqual(leaks, []);
  });
});
