// The desk in the editor's language (Arabic, Persian) beyond its catalogue's page text: a topic
// definition's errors (keys and parameters from src/topics, rendered by the desk; the CLI keeps
// the English), the topic preview, and a source's failure on the source pages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatTopicError, parseTopics } from '../../src/topics/definition.js';
import { TOPIC_ISSUE_EN } from '../../src/topics/issues.js';
import { TOPIC_ISSUE_MESSAGES } from '../../src/web/desk/topic-issues.js';
import { CURATION_MESSAGES } from '../../src/web/desk/curation-messages.js';
import { DESK_MESSAGES } from '../../src/web/desk/messages.js';
import { SITE_MESSAGES } from '../../src/web/messages/site.js';
import { entry, HOUR } from '../web/helpers.js';
import { EDITOR, setLanguage, type TestDesk, withDesk } from './helpers.js';

const placeholders = (s: string): string[] => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();

/**
 * Runs of three or more Latin words in the page's own text: what an English sentence looks like.
 * Left out: code, the definition's text, and anything carrying its own direction (a story's title
 * and snippet keep their language inside the desk's).
 */
function englishRuns(html: string): string[] {
  const text = html
    .replace(/<(script|style|textarea|pre|code|bdi)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<(a|small|span)\b[^>]*\bdir="[^"]*"[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"');
  return [...text.matchAll(/[A-Za-z]{2,}(?:[\s,;:]+[A-Za-z]{2,}){2,}/g)].map((m) => m[0]);
}

const save = (desk: TestDesk, source: string, lang?: string) =>
  desk.request('/desk/topics/save', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(lang ? { 'accept-language': lang } : {}) },
    body: new URLSearchParams({ source, version: '0', originalId: '', action: 'save', _csrf: EDITOR.csrf }),
  });

const errorBlock = (page: string): string => /<div role="alert" id="topic-errors">[\s\S]*?<\/div>/.exec(page)?.[0] ?? '';

test('Arabic and Persian say every topic definition issue, keeping its placeholders', () => {
  for (const lang of ['ar', 'fa'] as const) {
    for (const [key, en] of Object.entries(TOPIC_ISSUE_MESSAGES.en)) {
      const text = TOPIC_ISSUE_MESSAGES[lang][key as keyof typeof TOPIC_ISSUE_MESSAGES.en];
      assert.ok(text, `${lang} lacks ${key}`);
      // A YAML error named by its code is explained in the language's own words: the library's
      // English sentence ({detail}) is the one placeholder a translation may leave out.
      const own =
        key.startsWith('issue.yaml.') && key !== 'issue.yaml.syntax' ? placeholders(en).filter((p) => p !== 'detail') : placeholders(en);
      assert.deepEqual(placeholders(text), own, `${lang} ${key} placeholders`);
    }
  }
});

test('the topics reader gives each error a key and parameters, and the CLI the same English as before', () => {
  const r = parseTopics('- id: acme\n  name: Acme\n  entities:\n    - name: Acme Robotics\n      aliases: [K]\n');
  assert.equal(r.ok, false);
  if (r.ok) return;
  const [e] = r.errors;
  assert.equal(e?.key, 'phrase.singleLetter');
  assert.deepEqual(e?.params, { what: 'alias', text: 'K' });
  assert.equal(
    formatTopicError(e!, 'topics.yaml'),
    'topics.yaml:5:17: [0].entities[0].aliases[0]: alias "K" refused: it is a single letter, which would match inside ordinary text everywhere; write the full name, or put an abbreviation of two or more letters under "acronyms"',
  );
  const q = parseTopics("- id: acme\n  name: Acme\n  entities: [{name: Acme Robotics}]\n  query: '(a OR b'\n");
  assert.equal(q.ok, false);
  if (q.ok) return;
  assert.equal(q.errors[0]?.key, 'query.syntax.unclosed');
  assert.equal(q.errors[0]?.message, 'query syntax error: expected ")" to close the group opened at column 1 (query line 1, column 8)');
  // The English the CLI writes is the topics module's one table, which the desk's English reuses.
  assert.equal(TOPIC_ISSUE_MESSAGES.en['issue.topic.neverMatches'], TOPIC_ISSUE_EN['topic.neverMatches']);
});

test("an invalid topic definition's errors are shown in Arabic, at their line, with no English sentence", async () => {
  await withDesk(async (desk) => {
    const source = '- id: acme\n  name: Acme\n  entities:\n    - name: Acme Robotics\n      aliases: [K]\n';
    const res = await save(desk, source, 'ar');
    assert.equal(res.status, 422);
    const page = await res.text();
    const block = errorBlock(page);
    assert.match(block, /data-line="5"/);
    assert.ok(block.includes('رُفض الاسم البديل «K»'), block);
    assert.deepEqual(englishRuns(block), []);
    // The caret under the line says it in Arabic too.
    assert.ok(!/single letter/.test(page), 'the English sentence reached the page');
    assert.match(page, /<html[^>]*dir="rtl"/);
  });
});

test("a Persian editor's JSON and YAML errors read in Persian, with Persian digits", async () => {
  await withDesk(async (desk, store) => {
    await setLanguage(store, EDITOR.name, 'fa');
    const json = await (await save(desk, '{"topics": [ {"id": "x",, } ]}')).text();
    const block = errorBlock(json);
    assert.ok(block.includes('خطای نحوی JSON'), block);
    assert.ok(block.includes('سطر ۱، ستون ۲۵'), block);
    assert.deepEqual(englishRuns(block), []);
    const yaml = errorBlock(await (await save(desk, "- id: a\n  name: 'A\n")).text());
    assert.ok(yaml.includes('خطای نحوی YAML'), yaml);
    assert.deepEqual(englishRuns(yaml), []);
    const two = errorBlock(await (await save(desk, '- id: a\n  name: A\n  query: kestrel\n- id: b\n  name: B\n  query: harbour\n')).text());
    assert.ok(two.includes(TOPIC_ISSUE_MESSAGES.fa['issue.topics.notOne']!), two);
  });
});

test("a Persian editor's topic preview, matching and not, shows no English sentence", async () => {
  await withDesk(async (desk, store) => {
    await setLanguage(store, EDITOR.name, 'fa');
    const src = (await store.sources.add({ url: 'https://wire.example/feed', title: 'Wire' })).source.id;
    const now = Date.now();
    await store.entries.saveBatch(src, [
      entry('a1', 'Acme Robotics unveils welding arm', 'The firm showed an arm in Leeds.', now - HOUR),
      entry('b1', 'Leeds council approves budget', 'The council agreed spending on roads.', now - 2 * HOUR),
    ]);
    const topic = '- id: acme\n  name: Acme\n  entities:\n    - name: Acme Robotics\n      acronyms: [AR]\n';
    const res = await desk.request('/desk/topics/save', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ source: topic, version: '0', originalId: '', action: 'preview', _csrf: EDITOR.csrf }),
    });
    const page = await res.text();
    const preview = /<section aria-labelledby="prev-h">[\s\S]*<\/section>/.exec(page)?.[0] ?? '';
    assert.ok(preview.includes(DESK_MESSAGES.fa['reason.exact']!), preview);
    // Its counts in Persian digits, as the catalogue writes its own numbers: one of the two stories.
    assert.ok(preview.includes('۱ از ۲'), preview);
    assert.deepEqual(englishRuns(preview), []);
    const none = '- id: none\n  name: None\n  entities:\n    - name: Kestrel Harbour\n';
    const empty = await desk.request('/desk/topics/save', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ source: none, version: '0', originalId: '', action: 'preview', _csrf: EDITOR.csrf }),
    });
    const nothing = await empty.text();
    assert.ok(nothing.includes('هیچ‌یک از'), 'the Persian "none match" line');
    assert.deepEqual(englishRuns(/<main[\s\S]*<\/main>/.exec(nothing)?.[0] ?? ''), []);
  });
});

test("a source's failure on the desk's source pages is in the editor's language, not the stored English", async () => {
  await withDesk(async (desk, store) => {
    await setLanguage(store, EDITOR.name, 'ar');
    const { source } = await store.sources.add({ url: 'https://down.example/feed', title: 'Down' });
    await store.sources.update(source.id, {
      status: 'failing',
      errorCount: 3,
      lastError: 'connect ECONNREFUSED down.example',
      lastErrorKey: 'refused',
    });
    for (const path of ['/desk/sources', `/desk/sources/${source.id}`]) {
      const page = await (await desk.request(path)).text();
      assert.ok(page.includes(SITE_MESSAGES.ar['failure.refused']!), path);
      assert.ok(!page.includes(SITE_MESSAGES.en['failure.refused']), path);
    }
  });
});

test('an action the curation desk does not know is refused in the editor’s language', async () => {
  await withDesk(async (desk, store) => {
    await setLanguage(store, EDITOR.name, 'fa');
    const src = (await store.sources.add({ url: 'https://wire.example/feed', title: 'Wire' })).source.id;
    await store.entries.saveBatch(src, [entry('a1', 'Acme Robotics unveils welding arm', 'The firm showed an arm.', Date.now() - HOUR)]);
    const [e] = (await store.entries.list({ limit: 1 })).items;
    assert.ok(e);
    const res = await desk.post(`/desk/curation/entries/${e.id}`, { op: 'shred' });
    assert.equal(res.status, 400);
    assert.equal(await res.text(), CURATION_MESSAGES.fa.unknownAction);
  });
});
