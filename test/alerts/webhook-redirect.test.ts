// A webhook that answers with a redirect is never followed (a receiver must not steer signed alerts
// elsewhere). A permanent one (301, 308) fails the delivery at once with a reason that says what to
// do, naming only the new address's origin; a temporary one (302, 303, 307) is retried. Before
// p-alerts2 every 3xx was retried for two days with "answered HTTP 301; will retry". Real
// receivers on 127.0.0.1, the outbox in both dialects.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GuardedWebhookPoster } from '../../src/alerts/webhook.js';
import { AlertWorker } from '../../src/alerts/worker.js';
import { definitionInputs } from '../../src/jobs/retag.js';
import { tagEntries } from '../../src/pipeline/steps/tag-topics.js';
import { MEK, addEntries, compile, newEntry, testPoster } from './helpers.js';
import { forEachDialect } from '../helpers/dialects.js';

const SECRET = 'test-secret-0123456789abcdef';

forEachDialect((d) => {
  describe('webhook redirects', () => {
    let old: Server;
    let moved: Server;
    let oldOrigin: string;
    let movedOrigin: string;
    let oldHits = 0;
    let movedHits = 0;
    let poster: GuardedWebhookPoster;
    before(async () => {
      // The old address answers /NNN with status NNN; /rel-308 with a relative Location.
      old = createServer((req, res) => {
        oldHits++;
        req.resume();
        const rel = req.url === '/rel-308';
        const status = rel ? 308 : Number(req.url?.slice(1));
        const location = rel
          ? '/v2/hook?key=relative-secret'
          : `http://alice:pa55word@${movedOrigin.slice('http://'.length)}/new/hook?token=query-secret#frag`;
        res.writeHead(status, { location }).end();
      });
      moved = createServer((req, res) => {
        movedHits++;
        req.resume();
        res.writeHead(200).end('ok');
      });
      for (const s of [old, moved]) await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
      oldOrigin = `http://127.0.0.1:${(old.address() as AddressInfo).port}`;
      movedOrigin = `http://127.0.0.1:${(moved.address() as AddressInfo).port}`;
      poster = testPoster();
    });
    after(async () => {
      await poster.close();
      for (const s of [old, moved]) await new Promise<void>((resolve) => s.close(() => resolve()));
    });

    /** One entry's webhook delivery to `path` on the old address, one worker run; the row after it. */
    async function deliverTo(path: string) {
      const store = await d.open();
      try {
        const topics = compile([{ ...MEK, alerts: { webhook: { url: `${oldOrigin}${path}`, secret: SECRET } } }]);
        await store.topics.syncDefinitions(definitionInputs(topics.parsed));
        const now = Date.now();
        const entries = await addEntries(store, [newEntry('Mujahedin-e Khalq rally in Paris', 'Maryam Rajavi spoke.', now - 60_000)]);
        assert.equal((await tagEntries(store, topics.matcher, entries, { now })).alertsQueued, 1);
        oldHits = 0;
        movedHits = 0;
        const run = await new AlertWorker({ store, webhook: poster, alerts: () => topics.alerts, clock: () => now }).runOnce();
        const [row] = await store.alerts.list({ topicId: 'mek', limit: 5 });
        const [attempt] = await store.alerts.log({ topicId: 'mek', limit: 5 });
        return { run, row: row!, attempt: attempt!, hits: [oldHits, movedHits] };
      } finally {
        await store.close();
      }
    }

    for (const status of [301, 308]) {
      test(`a ${status} fails the delivery at once, names the new origin only and is not followed`, async () => {
        const r = await deliverTo(`/${status}`);
        assert.deepEqual([r.run.failed, r.run.retrying], [1, 0]);
        assert.equal(r.row.status, 'failed');
        assert.deepEqual(r.hits, [1, 0], 'one request to the old address, none to the new one');
        assert.equal(r.attempt.statusCode, status);
        const reason = r.row.lastError ?? '';
        assert.ok(reason.includes(`the webhook moved to ${movedOrigin}; update the topic's webhook URL`), reason);
        for (const secret of ['alice', 'pa55word', 'query-secret', '/new/hook', 'frag']) {
          assert.ok(!reason.includes(secret), `"${secret}" stays out of the reason: ${reason}`);
        }
      });
    }

    test('a 308 with a relative Location names the webhook its own origin', async () => {
      const r = await deliverTo('/rel-308');
      assert.equal(r.row.status, 'failed');
      const reason = r.row.lastError ?? '';
      assert.ok(reason.includes(`the webhook moved to ${oldOrigin};`), reason);
      assert.ok(!reason.includes('relative-secret') && !reason.includes('/v2/'), reason);
    });

    for (const status of [302, 303, 307]) {
      test(`a ${status} is retried later and not followed`, async () => {
        const r = await deliverTo(`/${status}`);
        assert.deepEqual([r.run.failed, r.run.retrying], [0, 1]);
        assert.equal(r.row.status, 'pending');
        assert.deepEqual(r.hits, [1, 0]);
        assert.match(r.row.lastError ?? '', new RegExp(`HTTP ${status} \\(a redirect; not followed\\); will retry`));
      });
    }
  });
});
