import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { SmtpMailer } from '../../src/alerts/mailer.js';
import { digestDueAt } from '../../src/alerts/schedule.js';
import { GuardedWebhookPoster } from '../../src/alerts/webhook.js';
import { AlertWorker } from '../../src/alerts/worker.js';
import { definitionInputs } from '../../src/jobs/retag.js';
import { tagEntries } from '../../src/pipeline/steps/tag-topics.js';
import { MEK, addEntries, compile, newEntry } from './helpers.js';
import { forEachDialect } from '../helpers/dialects.js';

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

/** Decodes the quoted-printable soft breaks and escapes so the test can look for text in the parts. */
function unQuotedPrintable(s: string): string {
  return s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** The MIME parts of a multipart message: content type and decoded body. */
function parts(raw: string): { type: string; body: string }[] {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  assert.ok(boundary, 'the message is multipart');
  return raw
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((p) => {
      const [head = '', ...rest] = p.split(/\r?\n\r?\n/);
      const type = /content-type:\s*([^;\r\n]+)/i.exec(head)?.[1]?.trim() ?? '';
      const body = rest.join('\n\n');
      const qp = /content-transfer-encoding:\s*quoted-printable/i.test(head);
      const b64 = /content-transfer-encoding:\s*base64/i.test(head);
      const bytes = b64 ? Buffer.from(body.replace(/\s+/g, ''), 'base64') : Buffer.from(qp ? unQuotedPrintable(body) : body, 'latin1');
      return { type, body: bytes.toString('utf8') };
    });
}
forEachDialect((d) => {
  describe('e-mail digest alerts', () => {
    const mails: Mail[] = [];
    let server: SMTPServer;
    let port: number;
    before(async () => {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            mails.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              raw: Buffer.concat(chunks).toString('latin1'),
            });
            callback();
          });
        },
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.server.address() as AddressInfo).port;
    });
    after(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    test('several new entries of one hour go out as one e-mail with text and HTML parts', async () => {
      const store = await d.open();
      const topic = { ...MEK, alerts: { email: { to: ['desk@example.org', 'editor@example.org'], every: 'hourly' } } };
      const topics = compile([topic]);
      await store.topics.syncDefinitions(definitionInputs(topics.parsed));
      const now = Date.UTC(2026, 10, 28, 15, 20);
      const entries = await addEntries(store, [
        newEntry(
          'Mujahedin-e Khalq rally in Paris',
          'Thousands marched; Maryam Rajavi spoke to the Mujahedin-e Khalq crowd.',
          now - 600_000,
        ),
        newEntry('PMOI <statement> on Iran & sanctions', 'The PMOI asked for more Iran sanctions.', now - 300_000),
        newEntry("People's Mojahedin Organization of Iran in Albania", 'Camp Ashraf 3 hosts members.', now - 100_000),
        newEntry('Weather', 'Rain in Paris.', now - 50_000),
      ]);
      const tagged = await tagEntries(store, topics.matcher, entries, { now });
      assert.deepEqual(tagged, { tagged: 3, alertsQueued: 3 });
      const due = digestDueAt(now, 'hourly');
      assert.equal(due, Date.UTC(2026, 10, 28, 16, 0));
      assert.equal(await store.alerts.nextDueAt(), due);

      let clock = now;
      const mailer = new SmtpMailer(`smtp://127.0.0.1:${port}`, 'Newsdesk <newsdesk@example.org>');
      const webhook = new GuardedWebhookPoster({ userAgent: 't', connectTimeoutMs: 1000, totalTimeoutMs: 2000, alertAllowHosts: [] });
      const worker = new AlertWorker({ store, webhook, mailer, baseUrl: 'https://desk.example', clock: () => clock });
      assert.equal((await worker.runOnce()).claimed, 0, 'the digest waits for the end of its hour');
      clock = due;
      const r = await worker.runOnce();
      assert.deepEqual([r.claimed, r.sent], [3, 3]);
      assert.equal(mails.length, 1, 'one e-mail for the three entries');
      const mail = mails[0]!;
      assert.equal(mail.from, 'newsdesk@example.org');
      assert.deepEqual(mail.to.sort(), ['desk@example.org', 'editor@example.org']);
      assert.match(mail.raw, /^Subject: .*3 new stories/m);
      assert.match(mail.raw, /multipart\/alternative/i);
      const ps = parts(mail.raw);
      const text = ps.find((p) => p.type === 'text/plain')?.body ?? '';
      const html = ps.find((p) => p.type === 'text/html')?.body ?? '';
      assert.ok(text && html, `text and HTML parts, got ${ps.map((p) => p.type).join(', ')}`);
      for (const title of ['Mujahedin-e Khalq rally in Paris', 'PMOI <statement> on Iran & sanctions', 'Albania']) {
        assert.ok(text.includes(title), `text part lists "${title}"`);
      }
      assert.ok(!text.includes('Weather'));
      assert.ok(html.includes('PMOI &lt;statement&gt; on Iran &amp; sanctions'), 'titles are escaped in HTML');
      assert.ok(!html.includes('<statement>'));
      assert.match(html, /<mark>Mujahedin-e Khalq<\/mark>/);
      assert.ok(html.includes('href="https://desk.example/topics/mek"'));
      // Newest first.
      assert.ok(text.indexOf('Albania') < text.indexOf('rally in Paris'));

      clock += 2 * 3_600_000;
      assert.equal((await worker.runOnce()).claimed, 0);
      assert.equal(mails.length, 1, 'nothing is sent twice');
      const log = await store.alerts.log({ topicId: 'mek', limit: 5 });
      assert.equal(log.length, 1);
      assert.equal(log[0]!.ok, true);
      assert.equal(log[0]!.statusCode, 250);
      assert.equal(log[0]!.deliveryIds.length, 3);
      await mailer.close();
      await webhook.close();
      await store.close();
    });

    test('without SMTP settings, digests wait in the outbox untouched', async () => {
      const store = await d.open();
      const topics = compile([{ ...MEK, alerts: { email: { to: 'desk@example.org', every: 'hourly' } } }]);
      await store.topics.syncDefinitions(definitionInputs(topics.parsed));
      const now = Date.UTC(2026, 10, 28, 15, 20);
      const entries = await addEntries(store, [newEntry('MEK news from Iran', 'Rajavi', now)]);
      await tagEntries(store, topics.matcher, entries, { now });
      const webhook = new GuardedWebhookPoster({ userAgent: 't', connectTimeoutMs: 1000, totalTimeoutMs: 2000, alertAllowHosts: [] });
      const r = await new AlertWorker({ store, webhook, clock: () => now + 86_400_000 }).runOnce();
      assert.equal(r.claimed, 0);
      assert.equal(await store.alerts.nextDueAt('webhook'), undefined, 'a worker without a mailer has nothing to wake up for');
      const [row] = await store.alerts.list({ limit: 5 });
      assert.deepEqual([row?.status, row?.attempts], ['pending', 0]);
      await webhook.close();
      await store.close();
    });

    test('when the SMTP server is down the digest is retried later, not lost', async () => {
      const store = await d.open();
      const topics = compile([{ ...MEK, alerts: { email: { to: 'desk@example.org', every: 'daily', hour: 6 } } }]);
      await store.topics.syncDefinitions(definitionInputs(topics.parsed));
      const now = Date.UTC(2026, 10, 28, 15, 20);
      const entries = await addEntries(store, [newEntry('MEK in Iran news', 'Rajavi', now)]);
      await tagEntries(store, topics.matcher, entries, { now });
      const due = Date.UTC(2026, 10, 29, 6, 0);
      assert.equal(await store.alerts.nextDueAt(), due);
      // Port 1 on loopback: nothing listens there.
      const dead = new SmtpMailer('smtp://127.0.0.1:1', 'newsdesk@example.org');
      const webhook = new GuardedWebhookPoster({ userAgent: 't', connectTimeoutMs: 1000, totalTimeoutMs: 2000, alertAllowHosts: [] });
      let clock = due;
      const r1 = await new AlertWorker({ store, webhook, mailer: dead, clock: () => clock }).runOnce();
      assert.deepEqual([r1.claimed, r1.retrying], [1, 1]);
      const before = mails.length;
      clock = (await store.alerts.nextDueAt())!;
      const live = new SmtpMailer(`smtp://127.0.0.1:${port}`, 'newsdesk@example.org');
      const r2 = await new AlertWorker({ store, webhook, mailer: live, clock: () => clock }).runOnce();
      assert.deepEqual([r2.claimed, r2.sent], [1, 1]);
      assert.equal(mails.length, before + 1);
      assert.match(mails[mails.length - 1]!.raw, /^Subject: .*1 new story/m);
      await dead.close();
      await live.close();
      await webhook.close();
      await store.close();
    });
  });
});
