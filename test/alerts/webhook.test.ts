import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from '../../src/alerts/sign.js';
import { GuardedWebhookPoster, WebhookError } from '../../src/alerts/webhook.js';
import { AlertWorker } from '../../src/alerts/worker.js';
import { definitionInputs } from '../../src/jobs/retag.js';
import { tagEntries } from '../../src/pipeline/steps/tag-topics.js';
import { MEK, addEntries, compile, newEntry } from './helpers.js';
import { forEachDialect } from '../helpers/dialects.js';

const SECRET = 'test-secret-0123456789abcdef';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  status: number;
}

/** A webhook receiver on 127.0.0.1 that answers the statuses it is given, in turn (then 200). */
class Receiver {
  readonly got: Received[] = [];
  statuses: number[] = [];
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const status = this.statuses.shift() ?? 200;
        this.got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'broken');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/hook`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

const fetchConfig = { userAgent: 'newsdesk-test', connectTimeoutMs: 2000, totalTimeoutMs: 5000, alertAllowHosts: ['127.0.0.1'] };

function mekWithWebhook(url: string): Record<string, unknown> {
  return { ...MEK, alerts: { webhook: { url, secret: SECRET } } };
}
forEachDialect((d) => {
  describe('webhook alerts', () => {
    const receiver = new Receiver();
    let url: string;
    let poster: GuardedWebhookPoster;
    before(async () => {
      url = await receiver.start();
      poster = new GuardedWebhookPoster(fetchConfig);
    });
    after(async () => {
      await poster.close();
      await receiver.stop();
    });

    test('signed POST; a 500 is retried with backoff, the entry is delivered once, duplicate tagging queues nothing', async () => {
      receiver.got.length = 0;
      receiver.statuses = [500];
      const store = await d.open();
      const topics = compile([mekWithWebhook(url)]);
      await store.topics.syncDefinitions(definitionInputs(topics.parsed));
      const now = Date.now();
      const entries = await addEntries(store, [
        newEntry('Mujahedin-e Khalq rally in Paris', 'Maryam Rajavi spoke.', now - 60_000),
        newEntry('Unrelated', 'Nothing here.', now - 60_000),
      ]);
      const first = await tagEntries(store, topics.matcher, entries, { now });
      assert.deepEqual(first, { tagged: 1, alertsQueued: 1 });
      const again = await tagEntries(store, topics.matcher, entries, { now });
      assert.equal(again.alertsQueued, 0, 'the outbox holds one row per topic, entry and channel');

      let clock = now;
      const worker = new AlertWorker({ store, webhook: poster, alerts: () => topics.alerts, clock: () => clock });
      const r1 = await worker.runOnce();
      assert.deepEqual([r1.claimed, r1.sent, r1.retrying], [1, 0, 1]);
      const [row] = await store.alerts.list({ topicId: 'mek', limit: 10 });
      assert.equal(row?.status, 'pending');
      assert.equal(row?.attempts, 1);
      assert.match(row?.lastError ?? '', /HTTP 500/);
      assert.ok(row!.nextAttemptAt > clock, 'the retry waits');

      // Not due yet: nothing is sent.
      assert.equal((await worker.runOnce()).claimed, 0);
      clock = row!.nextAttemptAt + 1;
      const r2 = await worker.runOnce();
      assert.deepEqual([r2.claimed, r2.sent], [1, 1]);
      clock += 24 * 3_600_000;
      assert.equal((await worker.runOnce()).claimed, 0, 'a sent row is never sent again');
      await tagEntries(store, topics.matcher, entries, { now: clock });
      assert.equal((await worker.runOnce()).claimed, 0, 'tagging the entry again sends nothing');

      assert.equal(receiver.got.length, 2);
      for (const r of receiver.got) {
        const ts = String(r.headers['x-newsdesk-timestamp']);
        const sig = String(r.headers['x-newsdesk-signature']);
        assert.match(sig, /^sha256=[0-9a-f]{64}$/);
        assert.equal(verify(SECRET, ts, r.body, sig, Number(ts)), true, 'HMAC over timestamp and body verifies');
        assert.equal(verify('wrong-secret-0123456789', ts, r.body, sig, Number(ts)), false);
        assert.equal(r.headers['content-type'], 'application/json; charset=utf-8');
      }
      assert.equal(receiver.got[0]!.headers['x-newsdesk-delivery'], receiver.got[1]!.headers['x-newsdesk-delivery']);
      const body = JSON.parse(receiver.got[1]!.body) as {
        topic: { id: string };
        entries: { id: number; title: string; matches: { alias: string; text: string }[] }[];
      };
      assert.equal(body.topic.id, 'mek');
      assert.deepEqual(
        body.entries.map((e) => e.id),
        [entries[0]!.id],
      );
      assert.equal(body.entries[0]!.matches[0]!.text, 'Mujahedin-e Khalq');

      const log = await store.alerts.log({ topicId: 'mek', limit: 10 });
      assert.deepEqual(
        log.map((l) => [l.ok, l.statusCode]),
        [
          [true, 200],
          [false, 500],
        ],
      );
      assert.deepEqual((await store.alerts.stats('mek')).sent, 1);
      await store.close();
    });

    test('after a restart, a fresh store on the same file still delivers the pending row (secret from the environment)', async () => {
      receiver.got.length = 0;
      receiver.statuses = [];
      let store = await d.open();
      // The restarted worker has only the store: its secret must be a reference the store can keep.
      process.env.NEWSDESK_TEST_RESTART_HOOK_SECRET = SECRET;
      const topics = compile([{ ...MEK, alerts: { webhook: { url, secretEnv: 'NEWSDESK_TEST_RESTART_HOOK_SECRET' } } }]);
      await store.topics.syncDefinitions(definitionInputs(topics.parsed));
      const now = Date.now();
      const entries = await addEntries(store, [newEntry('PMOI in Iran', 'The PMOI opposes the Iran government.', now)]);
      assert.equal((await tagEntries(store, topics.matcher, entries, { now })).alertsQueued, 1);
      // The process dies before any worker ran (or mid-send: the claimed row's lease then expires).
      await store.alerts.claimDue(now, 10, 'dead-worker', 60_000);
      await store.close();

      store = await d.reopen(store);
      const worker = new AlertWorker({ store, webhook: poster, clock: () => now + 61_000 });
      const r = await worker.runOnce();
      assert.deepEqual([r.claimed, r.sent], [1, 1]);
      assert.equal(receiver.got.length, 1);
      assert.equal((JSON.parse(receiver.got[0]!.body) as { entries: { title: string }[] }).entries[0]!.title, 'PMOI in Iran');
      const got = receiver.got[0]!;
      assert.ok(
        verify(SECRET, String(got.headers['x-newsdesk-timestamp']), got.body, String(got.headers['x-newsdesk-signature']), now / 1000),
      );
      delete process.env.NEWSDESK_TEST_RESTART_HOOK_SECRET;
      await store.close();
    });

    test('a worker with only the store cannot sign with an inline secret: the row waits, says why, and goes out with the file', async () => {
      receiver.got.length = 0;
      receiver.statuses = [];
      const store = await d.open();
      const topics = compile([mekWithWebhook(url)]);
      await store.topics.syncDefinitions(definitionInputs(topics.parsed));
      assert.ok(!JSON.stringify(await store.topics.listDefinitions()).includes(SECRET), 'the store holds no inline secret');
      const now = Date.now();
      const entries = await addEntries(store, [newEntry('PMOI in Iran', 'The PMOI opposes the Iran government.', now)]);
      assert.equal((await tagEntries(store, topics.matcher, entries, { now })).alertsQueued, 1);

      const storeOnly = await new AlertWorker({ store, webhook: poster, clock: () => now }).runOnce();
      assert.deepEqual([storeOnly.claimed, storeOnly.retrying, storeOnly.cancelled], [1, 1, 0]);
      const [row] = await store.alerts.list({ topicId: 'mek', limit: 1 });
      assert.equal(row?.status, 'pending');
      assert.match(row?.lastError ?? '', /written inline in the topics file.*secretEnv or secretFile/);
      assert.equal(receiver.got.length, 0);

      const withFile = await new AlertWorker({
        store,
        webhook: poster,
        alerts: () => topics.alerts,
        clock: () => row!.nextAttemptAt,
      }).runOnce();
      assert.deepEqual([withFile.claimed, withFile.sent], [1, 1]);
      assert.equal(receiver.got.length, 1);
      await store.close();
    });

    test('the address guard applies: loopback is refused without alertAllowHosts, and the row is marked failed', async () => {
      receiver.got.length = 0;
      const guarded = new GuardedWebhookPoster({ ...fetchConfig, alertAllowHosts: [] });
      await assert.rejects(
        guarded.post({ url, secret: SECRET, body: '{}', deliveryId: 'x' }),
        (err: unknown) =>
          err instanceof WebhookError && !err.retryable && /alertAllowHosts \(NEWSDESK_ALERT_ALLOW_HOSTS\)/.test(err.message),
      );
      const store = await d.open();
      const topics = compile([mekWithWebhook(url)]);
      await store.topics.syncDefinitions(definitionInputs(topics.parsed));
      const now = Date.now();
      const entries = await addEntries(store, [newEntry('MEK and Iran', 'Rajavi', now)]);
      await tagEntries(store, topics.matcher, entries, { now });
      const r = await new AlertWorker({ store, webhook: guarded, alerts: () => topics.alerts, clock: () => now }).runOnce();
      assert.deepEqual([r.claimed, r.failed], [1, 1]);
      assert.equal((await store.alerts.stats()).failed, 1);
      assert.equal(receiver.got.length, 0);
      // A failed row is kept and can be put back in the queue.
      assert.equal(await store.alerts.requeue({ topicId: 'mek' }, now), 1);
      await guarded.close();
      await store.close();
    });

    test('old entries from a new source raise no alert; a topic without alerts queues nothing', async () => {
      const store = await d.open();
      const topics = compile([mekWithWebhook(url), { ...MEK, id: 'mek-quiet' }]);
      await store.topics.syncDefinitions(definitionInputs(topics.parsed));
      const now = Date.now();
      const entries = await addEntries(store, [newEntry('MEK archive piece', 'Iran, 2019', now - 30 * 86_400_000)]);
      const res = await tagEntries(store, topics.matcher, entries, { now });
      assert.deepEqual(res, { tagged: 1, alertsQueued: 0 });
      assert.deepEqual(
        (await store.topics.entryTopics(entries[0]!.id)).map((t) => t.topicId),
        ['mek', 'mek-quiet'],
      );
      await store.close();
    });
  });
});
