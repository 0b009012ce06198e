// Webhooks have their own allow list. An operator who lists an intranet host in allowHosts so a
// feed on it can be read has not thereby let every topic's webhook (editors write topics at the
// desk) post signed JSON to it: only alertAllowHosts (NEWSDESK_ALERT_ALLOW_HOSTS) opens a private
// address to webhooks. The "intranet" here is a name the stub resolver points at 127.0.0.1, where a
// real receiver counts what reaches it; the configuration is read as the server reads it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GuardedWebhookPoster, WebhookError } from '../../src/alerts/webhook.js';
import { AlertWorker } from '../../src/alerts/worker.js';
import { loadConfig } from '../../src/config/load.js';
import type { Resolver } from '../../src/ingest/fetch/guarded-connector.js';
import { definitionInputs } from '../../src/jobs/retag.js';
import { tagEntries } from '../../src/pipeline/steps/tag-topics.js';
import { forEachDialect } from '../helpers/dialects.js';
import { MEK, addEntries, compile, newEntry } from './helpers.js';

const INTRANET = 'feeds.intranet.test';
/** An international name, as the operator writes it and as a URL's host carries it. */
const IDN = 'bücher.intranet.test';
const IDN_ASCII = 'xn--bcher-kva.intranet.test';
const SECRET = 'alert-allow-secret-0123456789';
const resolve: Resolver = async (hostname) => {
  if (hostname === INTRANET || hostname === IDN_ASCII) return [{ address: '127.0.0.1', family: 4 }];
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
};

/** A poster built from the configuration an operator writes (environment variables), as the server builds it. */
function posterFor(env: Record<string, string>): GuardedWebhookPoster {
  const config = loadConfig({ env, overrides: { connectTimeoutMs: 2000, totalTimeoutMs: 5000 } });
  return new GuardedWebhookPoster({ ...config, resolve });
}

const REFUSAL = /alertAllowHosts \(NEWSDESK_ALERT_ALLOW_HOSTS\)/;

describe('webhooks and the allow lists', () => {
  let server: Server;
  let hook: string;
  let hits = 0;
  before(async () => {
    server = createServer((req, res) => {
      hits++;
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    hook = `http://${INTRANET}:${(server.address() as AddressInfo).port}/hook`;
  });
  after(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  test("a host in the fetcher's allowHosts only is refused to a webhook, and the reason names alertAllowHosts", async () => {
    hits = 0;
    const poster = posterFor({ NEWSDESK_ALLOW_HOSTS: INTRANET });
    try {
      await assert.rejects(poster.post({ url: hook, secret: SECRET, body: '{}', deliveryId: 't:1' }), (err: unknown) => {
        assert.ok(err instanceof WebhookError, String(err));
        assert.equal(err.retryable, false, 'a refusal waits for a configuration change, not a retry');
        assert.match(err.message, REFUSAL);
        assert.match(err.message, /allowHosts does not apply to webhooks/);
        return true;
      });
      assert.equal(hits, 0, 'nothing reached the intranet host');
    } finally {
      await poster.close();
    }
  });

  test('a host in alertAllowHosts is reached (a name or a CIDR)', async () => {
    hits = 0;
    for (const entry of [INTRANET, '127.0.0.1/32']) {
      const poster = posterFor({ NEWSDESK_ALERT_ALLOW_HOSTS: entry });
      try {
        assert.equal((await poster.post({ url: hook, secret: SECRET, body: '{}', deliveryId: 't:2' })).status, 204, entry);
      } finally {
        await poster.close();
      }
    }
    assert.equal(hits, 2);
  });

  test('an alertAllowHosts name written with a trailing dot, or in its international form, is reached', async () => {
    hits = 0;
    const port = (server.address() as AddressInfo).port;
    for (const [entry, url] of [
      [`${INTRANET}.`, hook],
      [IDN, `http://${IDN}:${port}/hook`],
      [IDN.toUpperCase(), `http://${IDN_ASCII}:${port}/hook`],
    ] as const) {
      const poster = posterFor({ NEWSDESK_ALERT_ALLOW_HOSTS: entry });
      try {
        assert.equal((await poster.post({ url, secret: SECRET, body: '{}', deliveryId: 't:3' })).status, 204, entry);
      } finally {
        await poster.close();
      }
    }
    assert.equal(hits, 3);
  });
});

forEachDialect((d) => {
  describe('a delivery to a host only allowHosts lists', () => {
    test('is marked failed with the reason naming alertAllowHosts, and nothing is posted', async () => {
      let hits = 0;
      const server = createServer((req, res) => {
        hits++;
        req.resume();
        req.on('end', () => res.writeHead(204).end());
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const hook = `http://${INTRANET}:${(server.address() as AddressInfo).port}/hook`;
      const poster = posterFor({ NEWSDESK_ALLOW_HOSTS: `${INTRANET},127.0.0.1/32` });
      const store = await d.open();
      try {
        const topics = compile([{ ...MEK, alerts: { webhook: { url: hook, secret: SECRET } } }]);
        await store.topics.syncDefinitions(definitionInputs(topics.parsed));
        const now = Date.now();
        const entries = await addEntries(store, [newEntry('MEK and Iran', 'Rajavi', now)]);
        await tagEntries(store, topics.matcher, entries, { now });
        const r = await new AlertWorker({ store, webhook: poster, alerts: () => topics.alerts, clock: () => now }).runOnce();
        assert.deepEqual([r.claimed, r.failed], [1, 1]);
        const [row] = await store.alerts.list({ topicId: 'mek', status: 'failed', limit: 5 });
        assert.match(row?.lastError ?? '', REFUSAL);
        assert.equal(hits, 0);
      } finally {
        await poster.close();
        await store.close();
        await new Promise<void>((r) => server.close(() => r()));
      }
    });
  });
});
