// Secrets never leave the server. The real app (site + public API, as `newsdesk serve` starts it)
// runs with a topics file whose alerts hold a webhook secret inline, one from an environment
// variable, one from a file, e-mail recipients and a webhook URL with a token in its path. Every
// API and page address reachable from the site and the API is requested; none of those strings may
// appear in any body or header. A second test drives deliveries that fail (a webhook answering
// 500, an SMTP server refusing the recipients, quoting them) and topics files with errors, and
// greps every log line written meanwhile, and the output of `newsdesk alerts`.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { SmtpMailer } from '../../src/alerts/mailer.js';
import { GuardedWebhookPoster } from '../../src/alerts/webhook.js';
import { AlertWorker } from '../../src/alerts/worker.js';
import { loadConfig } from '../../src/config/load.js';
import { runEntrySteps } from '../../src/pipeline/step.js';
import { startSite, type SiteRuntime } from '../../src/server/runtime.js';
import { PostgresStore } from '../../src/store/postgres/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/store.js';
import { addEntries, newEntry } from '../helpers/entries.js';
import { runCli } from '../helpers/run-cli.js';
import { ApiContract, type OpenApiDoc } from './contract.js';

const INLINE_SECRET = 'inline-hook-secret-7f3a9c1e55';
const ENV_SECRET = 'env-hook-secret-2b8d4e6f01';
const FILE_SECRET = 'file-hook-secret-9c0e1a3b77';
const RECIPIENTS = ['desk-leaktest@example.org', 'editor-leaktest@example.net'];
/** A webhook URL that carries its token in the path, as Slack's do. */
const HOOK_TOKEN = 'T0KEN-in-the-path-5a6b';
const FORBIDDEN = [INLINE_SECRET, ENV_SECRET, FILE_SECRET, ...RECIPIENTS, HOOK_TOKEN];
const ENV_NAME = 'NEWSDESK_LEAKTEST_HOOK_SECRET';

function leaks(text: string): string[] {
  const lower = text.toLowerCase();
  return FORBIDDEN.filter((s) => lower.includes(s.toLowerCase()));
}

function topicsYaml(hook: string, secretFile: string): string {
  return `topics:
  - id: mek
    name: People's Mojahedin Organization of Iran
    description: The exiled Iranian opposition group.
    entities:
      - name: Mojahedin-e Khalq
        aliases: [People's Mojahedin Organization of Iran, سازمان مجاهدین خلق]
        acronyms: [MEK, PMOI]
        context: [Iran, Rajavi]
    alerts:
      webhook: {url: "${hook}", secret: "${INLINE_SECRET}"}
      email: {to: [${RECIPIENTS.join(', ')}], every: hourly}
  - id: camps
    name: Iraq camps
    entities: [{name: Camp Ashraf}, {name: Camp Liberty}]
    alerts:
      webhook: {url: "${hook}", secretEnv: ${ENV_NAME}}
      email: {to: "${RECIPIENTS.join(', ')}", every: daily, hour: 7}
  - id: groups
    name: Armed groups
    entities: [{name: "People's Mujāhidīn"}]
    alerts:
      webhook: {url: "${hook}", secretFile: "${secretFile}"}
`;
}

interface Dialect {
  name: string;
  /** A fresh store, and the --db argument for the CLI (SQLite only). */
  open(): Promise<{ store: Store; db?: string; drop?: () => Promise<void> }>;
}

const dialects: Dialect[] = [
  {
    name: 'SQLite',
    async open() {
      const db = join(mkdtempSync(join(tmpdir(), 'newsdesk-leak-')), 'leak.db');
      return { store: await SqliteStore.open({ path: db }), db };
    },
  },
];
const pgUrl = process.env.NEWSDESK_TEST_POSTGRES_URL;
if (pgUrl) {
  dialects.push({
    name: 'PostgreSQL',
    async open() {
      const schema = `newsdesk_leak_${process.pid}_${randomBytes(4).toString('hex')}`;
      const store = await PostgresStore.open({ url: pgUrl, schema, poolSize: 4 });
      return {
        store,
        drop: async () => {
          const admin = new pg.Pool({ connectionString: pgUrl, max: 1 });
          await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          await admin.end();
        },
      };
    },
  });
}

for (const dialect of dialects) {
  describe(`no secret leaves the server (${dialect.name})`, { timeout: 120_000 }, () => {
    const logLines: string[] = [];
    const hookCalls: string[] = [];
    let hookServer: Server;
    let smtp: SMTPServer;
    let smtpPort: number;
    let store: Store;
    let db: string | undefined;
    let drop: (() => Promise<void>) | undefined;
    let site: SiteRuntime;
    let topicsFile: string;
    let goodTopics: string;

    before(async () => {
      hookServer = createServer((req, res) => {
        hookCalls.push(req.url ?? '');
        req.resume();
        req.on('end', () => res.writeHead(500).end('broken'));
      });
      await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
      const hook = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hooks/${HOOK_TOKEN}`;
      smtp = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        // Real servers quote the address they refuse; the worker must not pass that on.
        onRcptTo(address, _session, callback) {
          callback(Object.assign(new Error(`<${address.address}>: mailbox unavailable`), { responseCode: 550 }));
        },
      });
      await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
      smtpPort = (smtp.server.address() as AddressInfo).port;

      const dir = mkdtempSync(join(tmpdir(), 'newsdesk-leak-topics-'));
      const secretFile = join(dir, 'groups_hook_secret');
      writeFileSync(secretFile, `${FILE_SECRET}\n`);
      topicsFile = join(dir, 'topics.yaml');
      goodTopics = topicsYaml(hook, secretFile);
      writeFileSync(topicsFile, goodTopics);
      process.env[ENV_NAME] = ENV_SECRET;

      ({ store, db, drop } = await dialect.open());
      await addEntries(store, [
        newEntry('Mojahedin-e Khalq rally in Paris', 'Maryam Rajavi spoke to supporters from Iran.', Date.now() - 3 * 86_400_000),
        newEntry('Court hears Camp Ashraf case', 'Farmers near the former Camp Ashraf asked for their land.', Date.now() - 4 * 86_400_000),
        newEntry("People's Mujāhidīn statement", 'The statement was read out on Friday.', Date.now() - 5 * 86_400_000),
      ]);
      const log = pino({ level: 'trace' }, { write: (s: string) => void logLines.push(s) });
      const config = loadConfig({
        env: {},
        overrides: {
          topicsFile,
          host: '127.0.0.1',
          port: 0,
          publicApi: true,
          allowHosts: ['127.0.0.1'],
          alertAllowHosts: ['127.0.0.1'],
          smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
          mailFrom: 'Newsdesk <newsdesk@example.org>',
        },
      });
      site = await startSite({ store, config, log, poll: false });
      // History is re-tagged in the background; wait for it through the store.
      for (let i = 0; i < 1500 && (await store.topics.retagPending()).length > 0; i++) await new Promise((r) => setTimeout(r, 10));
      assert.deepEqual(await store.topics.retagPending(), []);
    });

    after(async () => {
      await site?.stop();
      await store?.close();
      await drop?.();
      await new Promise<void>((resolve) => hookServer.close(() => resolve()));
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      delete process.env[ENV_NAME];
    });

    test('no API or page response carries a secret, a recipient or the webhook token, in body or header', async () => {
      const origin = site.url;
      const ids = ['mek', 'camps', 'groups'];
      const queue: string[] = [
        '/',
        '/topics',
        '/sources',
        '/search?q=Mojahedin',
        '/healthz',
        '/metrics',
        '/api/openapi.json',
        '/api/v1/health',
        '/api/v1/sources',
        '/api/v1/topics',
        '/api/v1/entries',
        '/api/v1/search?q=Camp',
        ...ids.flatMap((id) => [
          `/topics/${id}`,
          `/topics/${id}?days=90`,
          `/topics/${id}/feed.rss`,
          `/topics/${id}/feed.atom`,
          `/topics/${id}/feed.json`,
          `/search?q=Paris&topic=${id}`,
          `/api/v1/topics/${id}`,
          `/api/v1/topics/${id}/entries`,
          `/api/v1/entries?topic=${id}`,
          `/api/v1/search?q=Paris&topic=${id}`,
        ]),
      ];
      const seen = new Set<string>();
      const found: string[] = [];
      // Every API answer met on the way is also held to the OpenAPI document (./contract.ts).
      const contract = new ApiContract((await (await fetch(`${origin}/api/openapi.json`)).json()) as OpenApiDoc);
      const enqueue = (href: string): void => {
        let path = href.replace(/&amp;/g, '&').replace(/#.*$/, '');
        if (path.startsWith(origin)) path = path.slice(origin.length) || '/';
        if (!path.startsWith('/') || path.startsWith('//') || seen.has(path)) return;
        queue.push(path);
      };
      const strings = (v: unknown): string[] =>
        typeof v === 'string'
          ? [v]
          : Array.isArray(v)
            ? v.flatMap(strings)
            : v && typeof v === 'object'
              ? Object.values(v).flatMap(strings)
              : [];
      while (queue.length > 0 && seen.size < 600) {
        const path = queue.shift()!;
        if (seen.has(path)) continue;
        seen.add(path);
        const res = await fetch(origin + path, { redirect: 'manual' });
        const body = await res.text();
        const headers = [...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
        for (const s of leaks(`${headers}\n${body}`)) found.push(`${path} (${res.status}) shows ${s}`);
        if (path.startsWith('/api/'))
          await contract.check('GET', new URL(path, origin).pathname, new Response(body, { status: res.status, headers: res.headers }));
        const type = res.headers.get('content-type') ?? '';
        if (type.includes('html')) for (const m of body.matchAll(/(?:href|src|action)="([^"]+)"/g)) enqueue(m[1]!);
        else if (type.includes('json')) {
          try {
            for (const s of strings(JSON.parse(body) as unknown)) if (s.startsWith(origin)) enqueue(s);
          } catch {
            // Not JSON after all: its text was checked above.
          }
        }
        const location = res.headers.get('location');
        if (location) enqueue(location);
      }
      assert.deepEqual(found, []);
      // The crawl reached what shows topics (else the test above would pass on nothing).
      for (const id of ids) {
        for (const p of [`/api/v1/topics/${id}`, `/topics/${id}`, `/topics/${id}/feed.atom`]) assert.ok(seen.has(p), `${p} requested`);
      }
      assert.ok(
        [...seen].some((p) => /^\/topics\/mek\/entries\/\d+\/explain$/.test(p)),
        'an explain page was reached from the topic page',
      );
      const one = (await (await fetch(`${origin}/api/v1/topics/mek`)).json()) as { definition: { entities: unknown[]; alerts?: unknown } };
      assert.equal(one.definition.entities.length, 1, 'the definition is still served');
      assert.equal(one.definition.alerts, undefined, 'without alert settings');
    });

    test('failed deliveries and broken topics files log no secret, recipient or webhook token; nor does `newsdesk alerts`', async () => {
      const step = site.pipeline.steps.find((s) => s.name === 'topics');
      assert.ok(step);
      const now = Date.now();
      const fresh = await addEntries(store, [
        newEntry('MEK statement on Iran', 'Rajavi spoke.', now),
        newEntry('Camp Liberty emptied', 'The last residents left Camp Liberty.', now),
        newEntry("People's Mujāhidīn leaders meet", 'In Tirana.', now),
      ]);
      const source = (await store.sources.list()).at(-1)!;
      const stepLog = pino({ level: 'trace' }, { write: (s: string) => void logLines.push(s) });
      assert.deepEqual(await runEntrySteps([step], fresh, { store, source, log: stepLog, now }), []);
      const queued = await store.alerts.stats();
      // A webhook per topic and entry, a digest row per entry of mek and camps; the server's own
      // worker may have claimed the webhooks already.
      assert.ok(queued.pending + queued.sending >= 5, JSON.stringify(queued));

      // Deliver what is due now and the digests (due at the next hour, or 07:00) as the server's
      // worker would, with its settings and a logger writing to the same lines.
      const webhook = new GuardedWebhookPoster({
        userAgent: 'leak-test',
        connectTimeoutMs: 2000,
        totalTimeoutMs: 5000,
        alertAllowHosts: ['127.0.0.1'],
      });
      const mailer = new SmtpMailer(`smtp://127.0.0.1:${smtpPort}`, 'Newsdesk <newsdesk@example.org>');
      const worker = new AlertWorker({
        store,
        webhook,
        mailer,
        alerts: () => site.topics!.alerts,
        log: stepLog,
        clock: () => now + 2 * 86_400_000,
        backoff: { baseMs: 1, maxMs: 1, maxAttempts: 1 },
      });
      for (let i = 0; i < 20; i++) {
        const attempts = await store.alerts.log({ limit: 100 });
        if (
          attempts.some((a) => a.channel === 'email') &&
          new Set(attempts.filter((a) => a.channel === 'webhook').map((a) => a.topicId)).size === 3
        )
          break;
        await worker.runOnce();
      }
      await webhook.close();
      await mailer.close();
      const attempts = await store.alerts.log({ limit: 100 });
      assert.ok(
        hookCalls.some((u) => u.includes(HOOK_TOKEN)),
        'the webhooks were called at their real URL',
      );
      assert.ok(
        attempts.some((a) => a.channel === 'email' && !a.ok && a.statusCode === 550),
        JSON.stringify(attempts),
      );
      assert.ok(
        attempts.some((a) => a.channel === 'webhook' && !a.ok && a.statusCode === 500),
        JSON.stringify(attempts),
      );
      assert.deepEqual(leaks(JSON.stringify(attempts)), [], 'the delivery log stores masked targets and errors');

      // Topics files with errors near the secrets, then the good one again.
      writeFileSync(topicsFile, goodTopics.replace(`secret: "${INLINE_SECRET}"}`, `secret: "${INLINE_SECRET}}`));
      assert.equal((await site.reloadTopics()).ok, false);
      writeFileSync(topicsFile, goodTopics.replace(`secret: "${INLINE_SECRET}"`, `secret: ["${INLINE_SECRET}"]`));
      assert.equal((await site.reloadTopics()).ok, true);
      writeFileSync(topicsFile, goodTopics.replace(`[${RECIPIENTS.join(', ')}]`, `[${RECIPIENTS.map((r) => `"<${r}>"`).join(', ')}]`));
      assert.equal((await site.reloadTopics()).ok, true);
      writeFileSync(topicsFile, goodTopics);
      assert.equal((await site.reloadTopics()).ok, true);

      const logged = logLines.join('');
      assert.match(logged, /webhook delivery failed/);
      assert.match(logged, /e-mail digest failed/);
      assert.match(logged, /topics loaded/);
      assert.match(logged, /syntax error/, 'the broken file was reported');
      assert.match(logged, /alerts\.webhook\.secret: must be text/);
      assert.match(logged, /alerts\.email\.to\[0\]: is not an e-mail address/);
      assert.deepEqual(leaks(logged), [], logLines.filter((l) => leaks(l).length > 0).join(''));

      if (db) {
        for (const args of [
          ['alerts', 'status'],
          ['alerts', 'log'],
          ['alerts', 'log', '--json'],
        ]) {
          const r = await runCli([...args, '--db', db]);
          assert.equal(r.code, 0, r.stderr);
          assert.match(r.stdout, /FAIL|"ok":false/);
          assert.deepEqual(leaks(r.stdout + r.stderr), [], `${args.join(' ')}:\n${r.stdout}${r.stderr}`);
        }
      }
    });
  });
}
