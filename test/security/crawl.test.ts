// A crawl of the whole public site as the demo runs it: the bundled sample feeds plus the hostile
// feeds (hostile-feeds.ts) ingested through the real scheduler and pipeline, with secrets
// configured the way an operator would: an API token, an SMTP password, a topic's webhook secret
// (alerts delivered during the run) and a feed address with a password in it. From "/", every
// same-site link (topics, articles, stories, search, sources, feeds out, the API and what its
// answers link to) is followed. Asserted on every answer: the security headers (on HTML: the
// strict CSP, nosniff and framing rules), and that no secret appears in any body or header; and
// after the run, that no secret appears in any log line the run wrote.
import { secretConfig } from './secret-config.js';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { Config } from '../../src/config/options.js';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { createLogger, setRootLogger } from '../../src/log/logger.js';
import { Registry } from '../../src/metrics/registry.js';
import { createHttpApp } from '../../src/server/app.js';
import { registerSampleSources, startSampleServer, type SampleServer } from '../../src/server/demo-feeds.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { buildPipeline, type Pipeline } from '../../src/server/pipeline.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { feedRoute, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { hostileAtom, hostileJsonFeed, hostileRss, loadPayloads } from './hostile-feeds.js';

const root = new URL(import.meta.url.includes('/dist/') ? '../../../' : '../../', import.meta.url);
const samplesDir = fileURLToPath(new URL('samples/', root));

const SECRETS = {
  apiToken: 'api-token-7d1f0c2b9e-crawl-secret',
  smtpPassword: 'smtp-pass-4be91a77-crawl-secret',
  webhookSecret: 'webhook-secret-90f3c1d5a2-crawl',
  feedPassword: 'feed-pass-c0ffee42-crawl-secret',
};
/** Most addresses loaded, and most per path (cursors and offsets would go on for long). */
const MAX_LOADS = 900;
const MAX_PER_PATH = 12;

let samples: SampleServer;
let hostile: FixtureServer;
let hooks: FixtureServer;
let store: SqliteStore;
let pipeline: Pipeline;
let server: RunningServer;
let config: Config;
const logLines: string[] = [];

interface Load {
  url: string;
  status: number;
  type: string;
  headers: Headers;
  body: string;
}
const loads: Load[] = [];

function findSecret(text: string): string | undefined {
  for (const [name, value] of Object.entries(SECRETS)) {
    if (text.includes(value) || text.includes(encodeURIComponent(value))) return name;
  }
  return undefined;
}

before(async () => {
  const log = createLogger('debug', { format: 'json', destination: { write: (line: string) => void logLines.push(line) } });
  setRootLogger(log);
  samples = await startSampleServer(`${samplesDir}feeds`);
  const payloads = loadPayloads().filter((_, i) => i % 5 === 0);
  const third = Math.ceil(payloads.length / 3);
  hostile = await startFixtureServer({
    '/rss.xml': feedRoute(hostileRss(payloads.slice(0, third), 0)),
    '/atom.xml': feedRoute(hostileAtom(payloads.slice(third, 2 * third), third), { contentType: 'application/atom+xml' }),
    '/feed.json': feedRoute(hostileJsonFeed(payloads.slice(2 * third), 2 * third), { contentType: 'application/feed+json' }),
  });
  hooks = await startFixtureServer({ '/hook': { status: 204 } });

  // The sample topics, with alerts on the first: a webhook with its secret inline, and e-mail.
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-crawl-'));
  const topics = parseYaml(readFileSync(`${samplesDir}topics.yaml`, 'utf8')) as { topics: Record<string, unknown>[] };
  topics.topics[0]!.alerts = {
    webhook: { url: `${hooks.url}/hook`, secret: SECRETS.webhookSecret },
    email: { to: ['desk@example.org'], every: 'hourly' },
  };
  const topicsFile = join(dir, 'topics.yaml');
  writeFileSync(topicsFile, stringifyYaml(topics));

  config = secretConfig(dir, 'crawl.db', topicsFile, SECRETS);
  store = await SqliteStore.open({ path: join(dir, 'crawl.db'), defaultIntervalSeconds: config.defaultIntervalSeconds });
  await registerSampleSources(store, samplesDir, samples);
  for (const p of ['/rss.xml', '/atom.xml', '/feed.json'])
    await store.sources.add({ url: `${hostile.url}${p}`, kind: 'feed', extractMode: 'off' });
  // A feed address with credentials in it: they are used to fetch, never shown or logged.
  const withPassword = hostile.url.replace('http://', `http://reader:${SECRETS.feedPassword}@`);
  await store.sources.add({ url: `${withPassword}/rss.xml?copy=1`, kind: 'feed', extractMode: 'off' });

  pipeline = await buildPipeline({ store, config, log, alerts: true });
  const scheduler = new Scheduler({ store, config, log, steps: pipeline.steps, readers: pipeline.readers });
  try {
    const summary = await scheduler.pollOnce();
    assert.equal(summary.checked, 12, JSON.stringify(summary));
  } finally {
    await scheduler.close();
  }
  await pipeline.alerts?.worker.runOnce();
  server = await listen(createHttpApp({ store, config, log, metrics: new Registry() }), { host: '127.0.0.1', port: 0 });
});

after(async () => {
  await server?.close();
  await pipeline?.close();
  await store?.close();
  await Promise.all([samples?.close(), hostile?.close(), hooks?.close()]);
});

/** Same-site addresses named in a page (href, src, action) or an API answer (URL strings). */
function linksIn(body: string, type: string, base: string): string[] {
  const out: string[] = [];
  if (/html|xml/.test(type)) {
    for (const m of body.matchAll(/\b(?:href|src|action)\s*=\s*"([^"]*)"/g)) out.push(m[1]!.replace(/&amp;/g, '&').replace(/&#39;/g, "'"));
  }
  if (/json/.test(type)) {
    for (const m of body.matchAll(/"((?:https?:\/\/[^"/]+)?\/[^"\s]*)"/g)) out.push(m[1]!);
  }
  const origin = new URL(base).origin;
  return out.flatMap((href) => {
    try {
      const u = new URL(href, base);
      if (u.origin !== origin || u.pathname === '/csp-report') return [];
      u.hash = '';
      return [u.href];
    } catch {
      return [];
    }
  });
}

describe('a crawl of the public site with hostile feeds and secrets configured', () => {
  it('follows every same-site link from the front page and the API', async () => {
    const seeds = [
      '/',
      '/search?q=mek',
      '/search?q=%22alert(1)%22',
      '/sources',
      '/feed.rss',
      '/api/openapi.json',
      '/api/v1/sources',
      '/api/v1/entries',
      '/api/v1/topics',
      '/healthz',
      '/readyz',
      '/metrics',
    ];
    const queue = seeds.map((p) => `${server.url}${p}`);
    const seen = new Set(queue);
    const perPath = new Map<string, number>();
    while (queue.length && loads.length < MAX_LOADS) {
      const url = queue.shift()!;
      const path = new URL(url).pathname;
      const headers: Record<string, string> = path.startsWith('/api/') ? { authorization: `Bearer ${SECRETS.apiToken}` } : {};
      const res = await fetch(url, { headers, redirect: 'manual' });
      const body = await res.text();
      const type = res.headers.get('content-type') ?? '';
      loads.push({ url, status: res.status, type, headers: res.headers, body });
      const location = res.headers.get('location');
      for (const next of [...linksIn(body, type, url), ...(location ? linksIn(`href="${location}"`, 'text/html', url) : [])]) {
        if (seen.has(next)) continue;
        const p = new URL(next).pathname;
        const n = perPath.get(p) ?? 0;
        if (n >= MAX_PER_PATH) continue;
        perPath.set(p, n + 1);
        seen.add(next);
        queue.push(next);
      }
    }
    const kinds = (re: RegExp): number => loads.filter((l) => re.test(new URL(l.url).pathname)).length;
    assert.ok(kinds(/^\/topics\//) >= 1, 'topic pages were reached');
    assert.ok(kinds(/^\/entries\/\d+/) >= 20, 'article pages were reached');
    assert.ok(kinds(/^\/stories\//) >= 1, 'story pages were reached');
    assert.ok(kinds(/^\/sources/) >= 2, 'source pages were reached');
    assert.ok(kinds(/^\/search/) >= 2, 'search pages were reached');
    assert.ok(kinds(/\.(rss|atom|json)$|\/feed/) >= 2, 'feeds out were reached');
    assert.ok(kinds(/^\/api\//) >= 5, 'API answers were reached');
    assert.equal(loads.filter((l) => l.status >= 500).length, 0, 'no server error');
    process.stdout.write(`# crawled ${loads.length} addresses (${loads.filter((l) => /html/.test(l.type)).length} pages)\n`);
  });

  it('every HTML answer has the strict CSP, nosniff and framing rules; every answer has nosniff', () => {
    assert.ok(loads.length > 50);
    for (const l of loads) {
      assert.equal(l.headers.get('x-content-type-options'), 'nosniff', l.url);
      assert.equal(l.headers.get('x-frame-options'), 'DENY', l.url);
      const csp = l.headers.get('content-security-policy') ?? '';
      assert.ok(csp, `${l.url}: a Content-Security-Policy`);
      if (!/^text\/html/.test(l.type)) continue;
      const directives = new Map(
        csp
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .map(([k, ...v]) => [k!, v]),
      );
      assert.deepEqual(directives.get('default-src'), ["'none'"], l.url);
      assert.deepEqual(directives.get('frame-ancestors'), ["'none'"], l.url);
      assert.deepEqual(directives.get('object-src'), ["'none'"], l.url);
      assert.deepEqual(directives.get('base-uri'), ["'none'"], l.url);
      for (const d of ['script-src', 'style-src', 'default-src']) {
        for (const v of directives.get(d) ?? [])
          assert.ok(!/unsafe-inline|unsafe-eval|\*|^https?:$|^data:$/.test(v), `${l.url}: ${d} ${v}`);
      }
      assert.ok(/^'sha256-/.test((directives.get('script-src') ?? [''])[0]!), `${l.url}: scripts only by hash`);
    }
  });

  it('no secret appears in any body or header', () => {
    const leaks = loads.flatMap((l) => {
      const where = findSecret(l.body) ?? findSecret([...l.headers].map(([k, v]) => `${k}: ${v}`).join('\n'));
      return where ? [`${l.url}: ${where}`] : [];
    });
    assert.deepEqual(leaks, []);
  });

  it('the run used the secrets (alerts went out, the password feed was read) and no log line holds one', () => {
    assert.ok(hooks.hits('/hook') >= 1, 'the webhook was delivered (signed with the secret)');
    const signature = hooks.requests.find((r) => r.path === '/hook')?.headers;
    assert.ok(signature && Object.keys(signature).some((k) => /signature/.test(k)), 'the delivery is signed');
    assert.ok(
      hostile.requests.some((r) => r.path === '/rss.xml?copy=1' && /^Basic /.test(String(r.headers.authorization ?? ''))),
      'the feed password was sent',
    );
    assert.ok(logLines.length > 20, `${logLines.length} log lines`);
    const leaks = logLines.flatMap((l) => {
      const s = findSecret(l);
      return s ? [`${s}: ${l.slice(0, 300)}`] : [];
    });
    assert.deepEqual(leaks, []);
  });
});
