import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { resolveAlerts } from '../../src/alerts/settings.js';
import { formatTopicError, parseTopics, parseTopicsValue, type TopicDefinition } from '../../src/topics/definition.js';
import { storedDefinition } from '../../src/topics/stored.js';
import { digestDueAt, retryAt } from '../../src/alerts/schedule.js';
import { sign, verify } from '../../src/alerts/sign.js';

const HOOK_SECRET = 'from-the-environment-123';
const FILE_SECRET = 'from-a-secret-file-456';
const INLINE_SECRET = '0123456789abcdef0123';
const io = {
  env: { HOOK_SECRET },
  readFile: (path: string): string => {
    if (path === '/run/secrets/hook') return `${FILE_SECRET}\n`;
    throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  },
};

test('alert settings are read by the topics reader; each problem names the field and its place, never the value', () => {
  const r = parseTopics(`topics:
  - id: mek
    name: MEK
    entities: [{name: Mojahedin-e Khalq}]
    alerts:
      webhook: {url: "https://hooks.example/x", secret: "${INLINE_SECRET}"}
      email: {to: "a@example.org, b@example.org", every: hourly}
  - id: env
    entities: [{name: Camp Ashraf}]
    alerts:
      webhook: {url: "https://hooks.example/y", secretEnv: HOOK_SECRET}
  - id: file
    entities: [{name: Camp Liberty}]
    alerts:
      webhook: {url: "https://hooks.example/z", secretFile: /run/secrets/hook}
      maxAgeHours: 12
  - id: bad
    entities: [{name: Camp Hurriya}]
    alerts:
      webhook: {url: "ftp://x", secret: "${INLINE_SECRET}"}
      email: {to: [nobody@nowhere, "someone"], every: weekly}
      colour: red
  - id: none
    entities: [{name: Diyala}]
`);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  const warnings = r.warnings.map((w) => formatTopicError(w, 'topics.yaml'));
  assert.deepEqual(warnings, [
    'topics.yaml:22:15: topics[3].alerts.colour: unknown key "colour" ignored (known: webhook, email, maxAgeHours)',
    'topics.yaml:20:22: topics[3].alerts.webhook.url: ftp: is not http or https; the webhook alert of topic "bad" is off',
    'topics.yaml:21:36: topics[3].alerts.email.to[1]: is not an e-mail address (name@domain); the email alert of topic "bad" is off',
    'topics.yaml:21:55: topics[3].alerts.email.every: "weekly" is not hourly or daily; the email alert of topic "bad" is off',
  ]);
  for (const w of warnings) assert.ok(!w.includes(INLINE_SECRET) && !w.includes('someone'), w);
  const byId = new Map(r.topics.map((t) => [t.id, t]));
  assert.equal(byId.get('bad')?.alerts, undefined, 'no usable channel: no alerts');
  assert.equal(byId.get('file')?.alerts?.maxAgeHours, 12);

  const { alerts, problems } = resolveAlerts(r.topics, io);
  assert.deepEqual([...alerts.keys()], ['mek', 'env', 'file']);
  assert.deepEqual(problems, []);
  assert.deepEqual(alerts.get('mek')?.email, { to: ['a@example.org', 'b@example.org'], every: 'hourly', hour: 0 });
  assert.equal(alerts.get('mek')?.topicName, 'MEK');
  assert.equal(alerts.get('mek')?.webhook?.secret?.reveal(), INLINE_SECRET);
  assert.equal(alerts.get('env')?.webhook?.secret?.reveal(), HOOK_SECRET);
  assert.equal(alerts.get('file')?.webhook?.secret?.reveal(), FILE_SECRET, 'the trailing newline of a secret file is not part of it');
  assert.equal(alerts.get('env')?.maxAgeHours, 72);
  // A resolved secret prints and serialises as a marker, wherever the settings end up.
  const dumped = `${JSON.stringify([...alerts.values()])} ${inspect(alerts, { depth: 9 })} ${String(alerts.get('mek')?.webhook?.secret)}`;
  for (const s of [INLINE_SECRET, HOOK_SECRET, FILE_SECRET]) assert.ok(!dumped.includes(s), `${s} leaked: ${dumped}`);
});

test('a webhook needs exactly one secret; an unresolvable one keeps the channel, waiting, and says why', () => {
  const topics = (alerts: unknown): TopicDefinition[] => {
    const r = parseTopicsValue([{ id: 'x', entities: [{ name: 'Camp Ashraf' }], alerts }]);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
    return r.topics;
  };
  const warning = (alerts: unknown): string => {
    const r = parseTopicsValue([{ id: 'x', entities: [{ name: 'Camp Ashraf' }], alerts }]);
    assert.ok(r.ok);
    return r.warnings.map((w) => `${w.path}: ${w.message}`).join('\n');
  };
  assert.match(warning({ webhook: { url: 'https://h.example/' } }), /^\[0\]\.alerts\.webhook: needs a secret .*secretEnv.*secretFile/);
  assert.match(warning({ webhook: 'https://h.example/' }), /alerts\.webhook: needs a secret/);
  assert.match(
    warning({ webhook: { url: 'https://h.example/', secret: INLINE_SECRET, secretEnv: 'X' } }),
    /alerts\.webhook\.secretEnv: give one of secret, secretEnv and secretFile, not secret and secretEnv/,
  );
  assert.match(warning({ webhook: { url: 'https://h.example/', secret: 'short' } }), /alerts\.webhook\.secret: is shorter than 16/);
  assert.match(
    warning({ webhook: { url: 'https://h.example/', secretEnv: 'not a name' } }),
    /secretEnv: must be the name of an environment variable/,
  );

  const unset = resolveAlerts(topics({ webhook: { url: 'https://h.example/', secretEnv: 'UNSET_HOOK' } }), io);
  assert.deepEqual(unset.problems, [
    'topic x: alerts.webhook.secretEnv: environment variable UNSET_HOOK is not set; its webhook deliveries wait in the outbox until it is',
  ]);
  const w = unset.alerts.get('x')?.webhook;
  assert.equal(w?.secret, undefined);
  assert.match(w && 'missing' in w ? w.missing : '', /UNSET_HOOK is not set/);
  const missingFile = resolveAlerts(topics({ webhook: { url: 'https://h.example/', secretFile: '/run/secrets/none' } }), io);
  assert.match(missingFile.problems[0]!, /alerts\.webhook\.secretFile: cannot read \/run\/secrets\/none: no such file/);
  const shortFile = resolveAlerts(topics({ webhook: { url: 'https://h.example/', secretFile: '/run/secrets/hook' } }), {
    ...io,
    readFile: () => 'short\n',
  });
  assert.match(shortFile.problems[0]!, /holds fewer than 16 characters/);
});

test('the stored definition keeps references, never a secret value; read back, an inline secret is withheld', () => {
  const r = parseTopicsValue([
    {
      id: 'a',
      entities: [{ name: "People's Mujāhidīn" }],
      alerts: { webhook: { url: 'https://h.example/a', secret: INLINE_SECRET }, email: { to: 'desk@example.org' } },
    },
    { id: 'b', entities: [{ name: 'Camp Ashraf' }], alerts: { webhook: { url: 'https://h.example/b', secretEnv: 'HOOK_SECRET' } } },
    { id: 'c', entities: [{ name: 'Camp Liberty' }], alerts: { webhook: { url: 'https://h.example/c', secretFile: '/run/secrets/hook' } } },
  ]);
  assert.ok(r.ok);
  const stored = r.topics.map(storedDefinition);
  const json = JSON.stringify(stored);
  assert.ok(!json.includes(INLINE_SECRET), json);
  assert.deepEqual(stored[0]!.entities[0]!.id, 'peoples-mujahidin', 'the entity id is stored as the matcher has it');
  assert.deepEqual(stored[1]!.alerts?.webhook, { url: 'https://h.example/b', secretEnv: 'HOOK_SECRET' });
  assert.deepEqual(stored[2]!.alerts?.webhook, { url: 'https://h.example/c', secretFile: '/run/secrets/hook' });

  const back = parseTopicsValue(JSON.parse(json));
  assert.ok(back.ok, JSON.stringify(!back.ok && back.errors));
  assert.deepEqual(back.warnings, []);
  assert.deepEqual(back.topics.map(storedDefinition), stored, 'storing what was read back changes nothing');
  const { alerts, problems } = resolveAlerts(back.topics, io);
  assert.match(problems[0]!, /^topic a: alerts\.webhook\.secret: was written inline in the topics file, and inline secrets are not stored/);
  assert.equal(alerts.get('a')?.webhook?.secret, undefined);
  assert.deepEqual(alerts.get('a')?.email?.to, ['desk@example.org'], 'recipients are stored: delivering needs them');
  assert.equal(alerts.get('b')?.webhook?.secret?.reveal(), HOOK_SECRET);
  assert.equal(alerts.get('c')?.webhook?.secret?.reveal(), FILE_SECRET);
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
