import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTopicAlerts, rawTopicObjects } from '../../src/alerts/config.js';
import { digestDueAt, retryAt } from '../../src/alerts/schedule.js';
import { sign, verify } from '../../src/alerts/sign.js';

test('alert settings are read from raw topics; each problem names the topic and field', () => {
  const raw = rawTopicObjects(`
topics:
  - id: mek
    name: MEK
    alerts:
      webhook: {url: "https://hooks.example/x", secret: "0123456789abcdef0123"}
      email: {to: "a@example.org, b@example.org", every: hourly}
  - id: env
    alerts:
      webhook: {url: "https://hooks.example/y", secretEnv: HOOK_SECRET}
  - id: bad
    alerts:
      webhook: {url: "ftp://x"}
      email: {to: [nobody], every: weekly}
      colour: red
  - id: none
`);
  assert.equal(raw.length, 4);
  const { alerts, problems } = parseTopicAlerts(raw, { HOOK_SECRET: 'from-the-environment-123' });
  assert.deepEqual([...alerts.keys()], ['mek', 'env']);
  assert.deepEqual(alerts.get('mek')?.email, { to: ['a@example.org', 'b@example.org'], every: 'hourly', hour: 0 });
  assert.equal(alerts.get('mek')?.topicName, 'MEK');
  assert.equal(alerts.get('env')?.webhook?.secret, 'from-the-environment-123');
  assert.equal(alerts.get('env')?.maxAgeHours, 72);
  assert.deepEqual(problems, [
    'topic bad: alerts.webhook.url: ftp: is not http or https',
    'topic bad: alerts.email.to: not an e-mail address: nobody',
    'topic bad: alerts.colour: unknown setting (known: webhook, email, maxAgeHours)',
  ]);
  const missing = parseTopicAlerts([{ id: 'x', alerts: { webhook: { url: 'https://h.example/' } } }], {});
  assert.match(missing.problems[0]!, /topic x: alerts\.webhook: needs a secret/);
  assert.deepEqual(rawTopicObjects('topics: [unclosed'), []);
});

test('digest periods end on the hour, or at the daily hour in UTC', () => {
  const t = Date.UTC(2026, 0, 5, 10, 30);
  assert.equal(digestDueAt(t, 'hourly'), Date.UTC(2026, 0, 5, 11, 0));
  assert.equal(digestDueAt(Date.UTC(2026, 0, 5, 11, 0), 'hourly'), Date.UTC(2026, 0, 5, 12, 0));
  assert.equal(digestDueAt(t, 'daily'), Date.UTC(2026, 0, 6, 0, 0));
  assert.equal(digestDueAt(t, 'daily', 18), Date.UTC(2026, 0, 5, 18, 0));
  assert.equal(digestDueAt(t, 'daily', 7), Date.UTC(2026, 0, 6, 7, 0));
});

test('retry delays double up to the cap, honour Retry-After, and give up after the last attempt', () => {
  const policy = { baseMs: 1000, maxMs: 10_000, maxAttempts: 6 };
  const mid = () => 0.5; // no jitter
  assert.deepEqual(
    [1, 2, 3, 4, 5].map((a) => retryAt(a, 0, policy, undefined, mid)),
    [1000, 2000, 4000, 8000, 10_000],
  );
  assert.equal(retryAt(6, 0, policy, undefined, mid), null);
  assert.equal(retryAt(1, 0, policy, 5000, mid), 5000);
});

test('signatures bind the timestamp and the body', () => {
  const s = sign('k'.repeat(20), 1700000000, '{"a":1}');
  assert.equal(verify('k'.repeat(20), '1700000000', '{"a":1}', s, 1700000010), true);
  assert.equal(verify('k'.repeat(20), '1700000001', '{"a":1}', s, 1700000010), false);
  assert.equal(verify('k'.repeat(20), '1700000000', '{"a":2}', s, 1700000010), false);
  assert.equal(verify('k'.repeat(20), '1700000000', '{"a":1}', s, 1700009999), false, 'too old: a replay');
});
