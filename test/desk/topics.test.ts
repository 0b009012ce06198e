// /desk/topics over both dialects: errors placed at their line and column, the preview with the
// matched words marked, suggested names accepted (the alias lands in the text, the topic is
// applied) and rejected (remembered), adopting a file topic; and the suggestion algorithm alone.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createLogger } from '../../src/log/logger.js';
import { startTopics } from '../../src/server/topics.js';
import type { Store } from '../../src/store/store.js';
import { parseTopics } from '../../src/topics/definition.js';
import { compileTopics } from '../../src/topics/matcher.js';
import { suggestNames } from '../../src/web/desk/suggest.js';
import { forEachDialect } from '../helpers/dialects.js';
import { entry, HOUR } from '../web/helpers.js';
import { deskConfig, eventually, mountDesk } from './helpers.js';

const TOPIC = `- id: acme
  name: Acme
  # the firm and its products
  entities:
    - id: acme-robotics
      name: Acme Robotics
      aliases: [Acme Robotic Systems]
`;

/** A topic whose webhook signs with `secretLine` (an inline secret, secretEnv or secretFile). */
function hookedTopic(secretLine: string): string {
  return [
    '- id: hooked',
    '  name: Hooked',
    '  entities:',
    '    - name: Acme Robotics',
    '  alerts:',
    '    webhook:',
    '      url: https://hooks.example/in',
    `      ${secretLine}`,
  ].join('\n');
}

async function fill(store: Store): Promise<void> {
  const src = (await store.sources.add({ url: 'https://wire.example/feed', title: 'Wire' })).source.id;
  const now = Date.now();
  await store.entries.saveBatch(src, [
    entry('a1', 'Acme Robotics unveils welding arm', 'Roboacme, as staff call the firm, showed the Kestrel Arm in Leeds.', now - 1 * HOUR),
    entry(
      'a2',
      'Roboacme shares rise after Acme Robotics order',
      'Analysts said the Kestrel Arm order lifts Acme Robotics.',
      now - 2 * HOUR,
    ),
    entry('a3', 'Acme Robotics hires engineers in Leeds', 'Roboacme plans to double staff by the spring.', now - 3 * HOUR),
    entry('b1', 'Leeds council approves budget', 'The council in Leeds agreed spending on roads.', now - 4 * HOUR),
    entry('b2', 'Leeds weather turns cold', 'Frost is expected in Leeds tonight.', now - 5 * HOUR),
    entry('b3', 'Harbour opens new berth', 'The port opened a berth on Monday.', now - 6 * HOUR),
  ]);
}

forEachDialect((d) => {
  test('a syntax error is shown at its line and column, and nothing is saved', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const lines = ['- id: acme', '  name: Acme', '  entities:', '    - name: Acme Robotics', "  query: '@acme-robotics AND ('"];
      const res = await desk.post('/desk/topics/save', { source: lines.join('\n'), version: '0', originalId: '', action: 'save' });
      assert.equal(res.status, 422);
      const page = await res.text();
      const m = /data-line="(\d+)" data-column="(\d+)"/.exec(page);
      assert.ok(m, 'no placed error on the page');
      assert.equal(Number(m[1]), 5, 'the error is not on the query line');
      assert.ok(Number(m[2]) > lines[4]!.indexOf("'"), 'the column does not point inside the query');
      assert.match(page, /id="src-line-5" class="desk-error-line"/);
      assert.equal(await store.desk.getTopic('acme'), undefined);
    } finally {
      await desk.stop();
    }
  });

  test('an inline webhook secret is refused (the desk keeps and shows topic text); a listed secretEnv reference is saved', async () => {
    const store = await d.open();
    const desk = await mountDesk(store, { config: deskConfig({ deskSecrets: ['HOOKED_SECRET'] }) });
    const secret = 'inline-hook-secret-0d9c4e21b7';
    try {
      const res = await desk.post('/desk/topics/save', {
        source: hookedTopic(`secret: "${secret}"`),
        version: '0',
        originalId: '',
        action: 'save',
      });
      assert.equal(res.status, 422);
      assert.match(await res.text(), /secretEnv/);
      assert.equal(await store.desk.getTopic('hooked'), undefined);
      assert.ok(!JSON.stringify(desk.audits).includes(secret), 'the audit log holds no secret');
      const ok = await desk.post('/desk/topics/save', {
        source: hookedTopic('secretEnv: HOOKED_SECRET'),
        version: '0',
        originalId: '',
        action: 'save',
      });
      assert.equal(ok.status, 303);
      assert.match((await store.desk.getTopic('hooked'))?.source ?? '', /secretEnv: HOOKED_SECRET/);
    } finally {
      await desk.stop();
    }
  });

  // The night probe of 2026-12-04 (docs/security.md): an editor could name any variable or file
  // the server holds (NEWSDESK_DATABASE, say) as the key and a URL of their own as the webhook, and
  // receive requests signed with that value. The desk now names only what deskSecrets lists.
  test('a webhook secret the operator did not list is refused at the desk, and a stored one is left out', async () => {
    const store = await d.open();
    const desk = await mountDesk(store, { config: deskConfig({ deskSecrets: ['HOOKED_SECRET'] }) });
    try {
      for (const ref of ['secretEnv: NEWSDESK_DATABASE', 'secretFile: /etc/newsdesk/database-password']) {
        const res = await desk.post('/desk/topics/save', { source: hookedTopic(ref), version: '0', originalId: '', action: 'save' });
        assert.equal(res.status, 422, ref);
        assert.match(await res.text(), /deskSecrets/, ref);
        assert.equal(await store.desk.getTopic('hooked'), undefined, ref);
      }
    } finally {
      await desk.stop();
    }
    // Saved while the list allowed it, then the operator took the name off: the topic still tags,
    // its webhook is left out (nothing is signed with that secret).
    const listed = await mountDesk(store, { config: deskConfig({ deskSecrets: ['HOOKED_SECRET'] }) });
    try {
      const res = await listed.post('/desk/topics/save', {
        source: hookedTopic('secretEnv: HOOKED_SECRET'),
        version: '0',
        originalId: '',
        action: 'save',
      });
      assert.equal(res.status, 303);
    } finally {
      await listed.stop();
    }
    const env = { HOOKED_SECRET: 'a-long-enough-hook-secret-4f1e' };
    const log = createLogger('silent');
    const allowed = await startTopics({ store, config: deskConfig({ deskSecrets: ['HOOKED_SECRET'] }), log, env, deskWatchMs: 0 });
    const unlisted = await startTopics({ store, config: deskConfig(), log, env, deskWatchMs: 0 });
    try {
      assert.ok(allowed.alerts.get('hooked')?.webhook, 'a listed secret keeps its webhook');
      assert.ok(
        unlisted.registry.topics.some((t) => t.id === 'hooked'),
        'the topic is still active',
      );
      assert.equal(unlisted.alerts.get('hooked')?.webhook, undefined, 'an unlisted secret keeps no webhook');
    } finally {
      await allowed.stop();
      await unlisted.stop();
    }
  });

  test('preview marks the matched words of recent stories and stores nothing', async () => {
    const store = await d.open();
    await fill(store);
    const desk = await mountDesk(store);
    try {
      const page = await (await desk.post('/desk/topics/save', { source: TOPIC, version: '0', originalId: '', action: 'preview' })).text();
      assert.match(page, /Recent stories it matches: 3 of 6/);
      assert.match(page, /<mark>Acme Robotics<\/mark> unveils welding arm/);
      assert.match(page, /matched “Acme Robotics” \(exact\)/);
      assert.ok(!page.includes('Harbour opens new berth'), 'a story that does not match was listed');
      assert.equal(await store.desk.getTopic('acme'), undefined);
    } finally {
      await desk.stop();
    }
  });

  test('save applies the topic; a suggested name is accepted as an alias, another rejected for good', async () => {
    const store = await d.open();
    await fill(store);
    const desk = await mountDesk(store);
    try {
      const saved = await desk.post('/desk/topics/save', { source: TOPIC, version: '0', originalId: '', action: 'save' });
      assert.equal(saved.status, 303);
      assert.equal(saved.headers.get('location'), '/desk/topics/acme?saved=1');
      assert.ok(
        desk.topics.registry.topics.some((t) => t.id === 'acme'),
        'the running matcher does not have the topic',
      );
      await eventually(async () => (await store.topics.getDefinition('acme'))?.retag.status === 'done');
      assert.equal((await store.topics.counts()).find((x) => x.topicId === 'acme')?.count, 3, 'history was not re-tagged');
      const page = await (await desk.request('/desk/topics/acme')).text();
      assert.match(page, /data-name="roboacme"/);
      assert.match(page, /data-name="kestrel arm"/);
      assert.ok(!/data-name="leeds"/.test(page), 'Leeds is everywhere, not a name of Acme');
      assert.ok(!/data-name="acme"/.test(page), 'a part of the known name was suggested');

      const accepted = await desk.post('/desk/topics/acme/accept', { name: 'Roboacme', entity: 'acme-robotics', version: '1' });
      assert.equal(accepted.status, 303);
      const stored = await store.desk.getTopic('acme');
      assert.equal(stored?.version, 2);
      assert.match(stored!.source, /Roboacme/);
      assert.match(stored!.source, /# the firm and its products/, 'the comment was lost');
      assert.ok(desk.topics.registry.topics.find((t) => t.id === 'acme')?.entities[0]?.aliases.includes('Roboacme'));

      const rejected = await desk.post('/desk/topics/acme/reject', { name: 'Kestrel Arm' });
      assert.equal(rejected.status, 303);
      const after = await (await desk.request('/desk/topics/acme')).text();
      assert.ok(!after.includes('data-name="roboacme"'), 'an accepted alias is still suggested');
      assert.ok(!after.includes('data-name="kestrel arm"'), 'a rejected name is suggested again');
      assert.deepEqual(
        (await store.desk.rejectedNames('acme')).map((r) => r.name),
        ['kestrel arm'],
      );
      assert.deepEqual(
        desk.audits.map((a) => a.action),
        ['topic.save', 'topic.accept-name', 'topic.reject-name'],
      );
      // A save against the version before the accept is refused.
      const stale = await desk.post('/desk/topics/save', { source: TOPIC, version: '1', originalId: 'acme', action: 'save' });
      assert.equal(stale.status, 409);
    } finally {
      await desk.stop();
    }
  });

  test('a topic saved at the desk reaches another process (a worker) within its watch interval', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    const worker = await startTopics({ store, config: deskConfig(), log: createLogger('silent'), deskWatchMs: 50 });
    try {
      assert.ok(!worker.registry.topics.some((t) => t.id === 'acme'));
      const saved = await desk.post('/desk/topics/save', { source: TOPIC, version: '0', originalId: '', action: 'save' });
      assert.equal(saved.status, 303);
      await eventually(async () => worker.registry.topics.some((t) => t.id === 'acme'));
    } finally {
      await worker.stop();
      await desk.stop();
    }
  });

  test('a file topic is listed read-only and can be adopted into the desk', async () => {
    const store = await d.open();
    const dir = mkdtempSync(join(tmpdir(), 'desk-topics-'));
    const file = join(dir, 'topics.yaml');
    writeFileSync(file, TOPIC);
    const desk = await mountDesk(store, { config: deskConfig({ topicsFile: file }) });
    try {
      const list = await (await desk.request('/desk/topics')).text();
      assert.match(list, /Topics from the topics file/);
      assert.match(list, /action="\/desk\/topics\/adopt"/);
      const res = await desk.post('/desk/topics/adopt', { id: 'acme' });
      assert.equal(res.status, 303);
      const t = await store.desk.getTopic('acme');
      assert.equal(t?.version, 1);
      assert.match(t!.source, /Acme Robotic Systems/);
      assert.ok(!(await (await desk.request('/desk/topics')).text()).includes('action="/desk/topics/adopt"'));
    } finally {
      await desk.stop();
    }
  });
});

test('suggestions: a name in another script used by the same stories is a transliteration', () => {
  const parsed = parseTopics('- id: pmoi\n  name: PMOI\n  entities:\n    - name: Maryam Rajavi\n');
  assert.ok(parsed.ok);
  const topic = parsed.topics[0]!;
  const entries = [
    { id: 1, title: 'Maryam Rajavi speaks at rally', text: 'She spoke for an hour.', storyId: 10 },
    { id: 2, title: 'سخنرانی مریم رجوی در گردهمایی', text: 'او یک ساعت سخن گفت.', storyId: 10 },
    { id: 3, title: 'Maryam Rajavi meets lawmakers', text: 'The meeting was closed.', storyId: 11 },
    { id: 4, title: 'دیدار مریم رجوی با نمایندگان', text: 'نشست بسته بود.', storyId: 11 },
    { id: 5, title: 'گردهمایی کشاورزان در شیراز', text: 'کشاورزان سخن گفتند.', storyId: 12 },
  ];
  const out = suggestNames(topic, compileTopics([topic]), entries);
  const first = out[0];
  assert.ok(first, 'nothing suggested');
  assert.equal(first.kind, 'transliteration');
  assert.match(first.name, /مریم رجوی|رجوی/);
  assert.deepEqual(first.examples.map((e) => e.id).sort(), [2, 4]);
});
