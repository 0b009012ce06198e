// Issue 12's digest proof at the level of messages, with real `newsdesk worker --db postgres://…`
// processes (the built CLI): two topics, each with a webhook and an hourly e-mail digest (the
// topics file names the receiver; the SSRF guard lets it through by alertAllowHosts 127.0.0.0/8, the
// documented route every loopback test uses). Each trial queues a digest period's deliveries, due
// now, and the coordinator's digest job (every second here) sends them; at a random moment of a
// send the process sending it is killed with SIGKILL — while the receiver holds the message,
// right after the receiver answered it, or a little later — and a fresh worker comes in.
//
// Afterwards:
//   - none skipped: every queued delivery reached the receiver and is marked sent;
//   - none twice, except in the at-least-once window: a message the receiver has (or has
//     answered) but whose sender died before marking it sent is sent again once the dead
//     worker's lease (NEWSDESK_ALERT_LEASE_MS) runs out. The one other way is a live sender that
//     outlived its lease (a process starved of CPU on a loaded machine): another worker takes the
//     rows over and sends the message again, and the late sender says so when it settles (the
//     worker's "alert lease ran out while sending" warning, naming the X-Newsdesk-Delivery), read
//     here from every worker's log. So every extra copy follows a copy from a sender that was
//     killed or a message a worker reported as changing hands mid-send; otherwise a live sender
//     sent each item at most once;
//   - every resend carries the same X-Newsdesk-Delivery as the first copy (the same rows in one
//     batch), so a receiver that keeps the ids it has seen drops it.
// The closing diagnostic gives trials, kills, messages, deliveries and resends. Default size keeps
// CI quick (6 trials); NEWSDESK_SCALE_FULL=1 runs 20. Needs NEWSDESK_TEST_POSTGRES_URL.
import { rng } from '../../bench/lib/rng.js';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import pg from 'pg';
import { PostgresStore } from '../../src/store/postgres/index.js';
import type { Entry } from '../../src/domain/entry.js';
import type { AlertChannel } from '../../src/store/alerts.js';
import { addEntries, newEntry } from '../helpers/entries.js';
import { startAlertReceiver, type Received } from './alert-receiver.js';
import { killAllProcesses, sleep, startWorkerProcess, waitFor, type WorkerProcess } from './workers.js';

const url = process.env.NEWSDESK_TEST_POSTGRES_URL;
const FULL = process.env.NEWSDESK_SCALE_FULL === '1';
const TRIALS = FULL ? 20 : 6;
const TOPICS = ['alpha', 'beta'];
const ENTRIES = 4;
const CHANNELS: AlertChannel[] = ['webhook', 'email'];
// NEWSDESK_SCALE_ALERT_LEASE_MS: a lease shorter than the receiver's hold (≥ 200) makes live
// senders outlive their leases on purpose, exercising the lease-lost allowance below.
const LEASE_MS = Number(process.env.NEWSDESK_SCALE_ALERT_LEASE_MS ?? 2500);
const HOLD_MS = 250;
type Moment = 'held' | 'answered' | 'later';
const MOMENTS: Moment[] = ['held', 'answered', 'later'];
/** The worker behind a message's lease owner ("host:pid:tag#batch"): "host:pid:tag". */
const ownerOf = (sender: string | undefined): string => (sender ?? '').replace(/#\d+$/, '');

if (!url) {
  test('digest delivery proof: workers on PostgreSQL', (t) => {
    t.skip('NEWSDESK_TEST_POSTGRES_URL is not set: the digest delivery proof is skipped');
  });
} else {
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  const schema = `newsdesk_digest_${process.pid}_${randomBytes(4).toString('hex')}`;
  const seed = Number(process.env.NEWSDESK_SCALE_SEED ?? Date.now() % 1_000_000);
  const random = rng(seed);

  after(async () => {
    killAllProcesses();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  test(`a worker killed mid-digest (${TRIALS} trials, seed ${seed}): every delivery arrives, a resend only after a kill and with the same delivery id`, {
    timeout: 180_000,
  }, async (t) => {
    // Kill the sender of the next message the receiver gets, at `moment`.
    let armed: Moment | undefined;
    /** Each killed sender (its lease owner, "host:pid:tag") with the moment it was killed at. */
    const killedOwners = new Map<string, Moment>();
    const killedAt: Moment[] = [];
    const byPid = new Map<number, WorkerProcess>();
    /** Every worker started, killed ones too: their logs are read at the end. */
    const started: WorkerProcess[] = [];
    let victims: WorkerProcess[] = [];
    const kill = (r: Received, moment: Moment): void => {
      const pid = Number(/:(\d+):[0-9a-f]+#\d+$/.exec(r.sender ?? '')?.[1]);
      const w = byPid.get(pid);
      if (!w || w.child.exitCode !== null || w.child.signalCode !== null) return;
      w.child.kill('SIGKILL');
      killedOwners.set(ownerOf(r.sender), moment);
      killedAt.push(moment);
      victims.push(w);
    };
    const receiver = await startAlertReceiver({
      holdMs: () => 50 + Math.floor(random() * HOLD_MS),
      onReceived: async (r) => {
        const owners = (
          await admin.query<{ o: string | null }>(`SELECT DISTINCT lease_owner AS o FROM "${schema}".alert_deliveries WHERE id = ANY($1)`, [
            r.ids,
          ])
        ).rows;
        r.sender = owners.length === 1 ? (owners[0]!.o ?? undefined) : undefined;
      },
      whileHeld: (r) => {
        if (armed !== 'held' || !r.sender) return;
        armed = undefined;
        kill(r, 'held');
      },
      onAnswered: (r) => {
        if (!r.sender || (armed !== 'answered' && armed !== 'later')) return;
        const moment = armed;
        armed = undefined;
        if (moment === 'answered') kill(r, moment);
        else setTimeout(() => kill(r, moment), Math.floor(random() * 300));
      },
    });

    const store = await PostgresStore.open({ url, schema, poolSize: 3, defaultExtractMode: 'off' });
    const dir = mkdtempSync(join(tmpdir(), 'newsdesk-digest-'));
    const topicsFile = join(dir, 'topics.json');
    writeFileSync(
      topicsFile,
      JSON.stringify({
        topics: TOPICS.map((id) => ({
          id,
          name: `Topic ${id}`,
          entities: [{ name: `${id} story` }],
          alerts: {
            webhook: { url: receiver.webhookUrl, secretEnv: 'NEWSDESK_PROOF_HOOK_SECRET' },
            email: { to: [`${id}-desk@example.org`], every: 'hourly' },
          },
        })),
      }),
    );
    const sep = url.includes('?') ? '&' : '?';
    const database = `${url}${sep}schema=${schema}`;
    const env = {
      NEWSDESK_TOPICS: topicsFile,
      NEWSDESK_PROOF_HOOK_SECRET: randomBytes(24).toString('hex'),
      NEWSDESK_SMTP_URL: receiver.smtpUrl,
      NEWSDESK_MAIL_FROM: 'Newsdesk <newsdesk@example.org>',
      NEWSDESK_DIGEST_PERIOD_MS: '1000',
      NEWSDESK_JOB_LEASE_MS: '1000',
      NEWSDESK_ALERT_LEASE_MS: String(LEASE_MS),
      NEWSDESK_COORDINATOR_RETRY_MS: '300',
    };
    let n = 0;
    const start = async (): Promise<WorkerProcess> => {
      const w = await startWorkerProcess(`digest-${++n}`, database, env);
      byPid.set(w.child.pid!, w);
      started.push(w);
      return w;
    };
    try {
      // The stories of every period, in sources nobody polls (their feeds are never due).
      const periods: Entry[][] = [];
      for (let k = 0; k < TRIALS; k++) {
        const entries = await addEntries(
          store,
          TOPICS.flatMap((id) =>
            Array.from({ length: ENTRIES }, (_, i) => newEntry(`${id} story ${k}.${i}`, `An ${id} story.`, Date.now())),
          ),
        );
        periods.push(entries);
      }
      await admin.query(`UPDATE "${schema}".sources SET next_check_at = $1`, [Date.now() + 86_400_000]);

      let ws: WorkerProcess[] = await Promise.all([start(), start(), start()]);
      const queued: number[] = [];
      for (let k = 0; k < TRIALS; k++) {
        armed = MOMENTS[Math.floor(random() * MOMENTS.length)];
        const before = killedAt.length;
        const rows = periods[k]!.flatMap((e, i) =>
          CHANNELS.map((channel) => ({ topicId: TOPICS[Math.floor(i / ENTRIES)]!, entryId: e.id, channel, dueAt: Date.now() })),
        );
        assert.equal(await store.alerts.enqueue(rows), rows.length);
        await waitFor(`the kill of trial ${k + 1}`, async () => killedAt.length > before, 60_000);
        for (const v of victims) assert.equal(await v.exited, null);
        ws = [...ws.filter((w) => !victims.includes(w)), await start()];
        victims = [];
        // Each period a little apart, so some fall due while a dead worker's lease still holds rows.
        await sleep(Math.floor(random() * 1000));
      }
      armed = undefined;
      const count = async (where: string): Promise<number> =>
        (await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}".alert_deliveries WHERE ${where}`)).rows[0]!.n;
      await waitFor('every delivery sent', async () => (await count(`status <> 'sent'`)) === 0, 90_000);
      await Promise.all(ws.map(async (w) => w.child.kill('SIGTERM')));
      await Promise.all(ws.map((w) => w.exited));

      const ids = (await admin.query<{ id: number }>(`SELECT id FROM "${schema}".alert_deliveries ORDER BY id`)).rows.map((r) =>
        Number(r.id),
      );
      queued.push(...ids);
      assert.equal(queued.length, TRIALS * TOPICS.length * ENTRIES * CHANNELS.length);

      // The messages a worker reported as changing hands mid-send (its lease ran out before it
      // settled): the JSON log lines on the workers' stderr (NEWSDESK_LOG_LEVEL warn).
      const leaseLost = new Set<string>();
      for (const w of started)
        for (const line of w.stderr().split('\n')) {
          if (!line.startsWith('{')) continue;
          const rec = JSON.parse(line) as { msg?: string; delivery?: string; leaseMs?: number };
          if (!rec.msg?.startsWith('alert lease ran out while sending') || rec.delivery === undefined) continue;
          assert.equal(rec.leaseMs, LEASE_MS, 'the warning gives the lease');
          leaseLost.add(rec.delivery);
        }
      // Every copy of every row the receiver got, in arrival order.
      const copies = new Map<number, Received[]>();
      for (const r of receiver.received) {
        assert.match(r.header, /^[a-z]+:\d+(,\d+)*$/, `a message without its delivery id: ${JSON.stringify(r)}`);
        assert.deepEqual(r.ids, r.header.split(':')[1]!.split(',').map(Number), 'the header names the rows the message carries');
        for (const id of r.ids) copies.set(id, [...(copies.get(id) ?? []), r]);
      }
      const skipped = queued.filter((id) => !copies.has(id));
      assert.deepEqual(skipped, [], `${skipped.length} deliveries never arrived`);
      let resends = 0;
      let sameHeader = 0;
      let liveTwice = 0;
      const resendsAfter: Record<Moment, number> = { held: 0, answered: 0, later: 0 };
      for (const [id, cs] of copies) {
        assert.ok(queued.includes(id), `row ${id} was never queued`);
        // A sender that lived through the test sent each row at most once, unless a worker reported
        // the message as changing hands mid-send (its lease ran out before it settled).
        const byLive = cs.filter((c) => !killedOwners.has(ownerOf(c.sender)));
        const lost = cs.some((c) => leaseLost.has(c.header));
        assert.ok(
          byLive.length <= 1 || lost,
          `row ${id} sent ${byLive.length} times by live workers with no lease reported lost: ${cs.map((c) => `${c.header} from ${c.sender} at ${c.at}`).join('; ')}`,
        );
        if (byLive.length > 1) liveTwice++;
        // Every copy but the last came from a sender that was killed before it could mark it sent,
        // or from one that reported its lease lost.
        for (const c of cs.slice(0, -1))
          assert.ok(
            killedOwners.has(ownerOf(c.sender)) || leaseLost.has(c.header),
            `row ${id} sent again though its sender ${c.sender} was not killed and reported no lease lost`,
          );
        for (const c of cs.slice(1)) {
          resends++;
          if (c.header === cs[0]!.header) sameHeader++;
        }
        assert.ok(
          cs.every((c) => c.header === cs[0]!.header),
          `row ${id} resent under another delivery id: ${cs.map((c) => c.header).join(' then ')}`,
        );
      }
      // Which kill moment each resend followed (the moment its first copy's sender was killed at).
      let resendsAfterLease = 0;
      for (const cs of copies.values())
        for (const c of cs.slice(0, -1)) {
          const moment = killedOwners.get(ownerOf(c.sender));
          if (moment) resendsAfter[moment]++;
          else resendsAfterLease++;
        }
      const messages = receiver.received.length;
      const rowCopies = [...copies.values()].reduce((a, cs) => a + cs.length, 0);
      const kills = killedAt.length;
      t.diagnostic(
        `digest kill trials: ${TRIALS}; kills ${kills} (held ${killedAt.filter((m) => m === 'held').length}, ` +
          `just answered ${killedAt.filter((m) => m === 'answered').length}, later ${killedAt.filter((m) => m === 'later').length}); ` +
          `deliveries queued ${queued.length}, skipped 0; messages received ${messages} carrying ${rowCopies} deliveries; ` +
          `resent after a kill ${resends} (kill while held ${resendsAfter.held}, just answered ${resendsAfter.answered}, ` +
          `later ${resendsAfter.later}; a live sender's lease ran out ${resendsAfterLease}), all ${sameHeader} with the first copy's ` +
          `X-Newsdesk-Delivery; messages reported changing hands mid-send ${leaseLost.size}; rows sent twice by live senders ${liveTwice}`,
      );
    } finally {
      await store.close();
      await receiver.close();
    }
  });
}
