// A webhook receiver cannot hold the sender: every POST ends within the total timeout, whatever the
// receiver does with its answer, and a failure says in words what went wrong (the delivery log
// shows it). Real receivers on 127.0.0.1 (December 2026 alerts review).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GuardedWebhookPoster, MAX_ANSWER_BYTES, WebhookError } from '../../src/alerts/webhook.js';

const TOTAL_MS = 800;
// No wall-clock bounds (t-timing): what ends each request is asserted (the timeout's words, the
// answer cap, the connection dropped). Each test's timeout is a hang guard only, and shorter than
// undici's own 300 s defaults, so a request that our configured timeout did not end fails it.
const HANG_GUARD = { timeout: 60_000 };

describe('webhook requests are bounded', () => {
  const servers: Server[] = [];
  let poster: GuardedWebhookPoster;
  before(() => {
    poster = new GuardedWebhookPoster({
      userAgent: 'newsdesk-test',
      connectTimeoutMs: 500,
      totalTimeoutMs: TOTAL_MS,
      alertAllowHosts: ['127.0.0.1'],
    });
  });
  after(async () => {
    await poster.close();
    for (const s of servers) {
      s.closeAllConnections();
      s.close();
    }
  });

  async function receiver(handler: RequestListener): Promise<string> {
    const s = createServer(handler);
    servers.push(s);
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(s.address() as AddressInfo).port}/hook`;
  }

  async function post(url: string, by = poster): Promise<{ status?: number; err?: WebhookError }> {
    try {
      const r = await by.post({ url, secret: 'x'.repeat(20), body: '{}', deliveryId: 't:1' });
      return { status: r.status };
    } catch (err) {
      assert.ok(err instanceof WebhookError);
      return { err };
    }
  }

  test('a receiver that never answers times out, and the reason says so in words', HANG_GUARD, async () => {
    const r = await post(await receiver(() => undefined));
    assert.equal(r.err?.retryable, true);
    assert.match(r.err?.message ?? '', /timeout/i);
    assert.doesNotMatch(r.err?.message ?? '', /failed: \d/, 'no bare numeric code in the delivery log');
  });

  test('an endless or stalled answer body is not read to its end', HANG_GUARD, async () => {
    let written = 0;
    let dropped!: () => void;
    const closed = new Promise<void>((r) => (dropped = r));
    const endless = await receiver((_req, res) => {
      res.writeHead(200);
      const t = setInterval(() => {
        res.write('x'.repeat(1 << 16));
        written += 1 << 16;
      }, 1);
      res.on('close', () => {
        clearInterval(t);
        dropped();
      });
    });
    // Timeouts far past the test's: only the answer cap (MAX_ANSWER_BYTES) can end this read.
    const patient = new GuardedWebhookPoster({
      userAgent: 'newsdesk-test',
      connectTimeoutMs: 500,
      totalTimeoutMs: 600_000,
      alertAllowHosts: ['127.0.0.1'],
    });
    try {
      const a = await post(endless, patient);
      assert.equal(a.status, 200);
      await closed; // the sender dropped the connection: it did not read on
      assert.ok(written > MAX_ANSWER_BYTES, `${written} bytes written`);
    } finally {
      await patient.close();
    }
    // A body that stalls after a byte: the configured total timeout ends it (undici's own is 300 s).
    const stalled = await post(await receiver((_req, res) => void res.writeHead(200).write('x')));
    assert.equal(stalled.status, 200);
  });

  test('a redirect to the metadata address is not followed', async () => {
    let hits = 0;
    const url = await receiver((_req, res) => {
      hits++;
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    });
    const r = await post(url);
    assert.equal(r.err?.status, 302);
    assert.equal(hits, 1);
  });
});
