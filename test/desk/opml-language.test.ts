// The last English sentences of the desk's OPML import, now catalogued: a whole file refused, a
// dead import job, and a feed the store would not add. Each is a sentence in the editor's language;
// the other part's own words (the store's, the job runner's, the reader's) stay available as a
// detail line, redacted and left to right. The CLI's and the job record's English is unchanged.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OPML_NOTE_EN, readOpml } from '../../src/ingest/opml/index.js';
import { OPML_IMPORT } from '../../src/jobs/opml-import.js';
import type { Store } from '../../src/store/store.js';
import { OPML_NOTE_MESSAGES } from '../../src/web/desk/opml-notes.js';
import { CSRF, EDITOR, setLanguage, type TestDesk, withDesk } from './helpers.js';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

test('every OPML note has Arabic and Persian with the same placeholders as the desk’s English', () => {
  for (const lang of ['ar', 'fa'] as const)
    for (const key of Object.keys(OPML_NOTE_EN) as (keyof typeof OPML_NOTE_EN)[]) {
      const text = OPML_NOTE_MESSAGES[lang][key];
      assert.ok(text, `${lang} ${key} missing`);
      assert.deepEqual(placeholders(text), placeholders(OPML_NOTE_MESSAGES.en[key]), `${lang} ${key}`);
    }
  // Where the record's English is another part's words, the desk's English is a sentence of its own.
  assert.equal(OPML_NOTE_EN['opml.addFailed'], '{detail}');
  assert.doesNotMatch(OPML_NOTE_MESSAGES.en['opml.addFailed'], /\{detail\}/);
  assert.doesNotMatch(OPML_NOTE_MESSAGES.en['opml.unreadable'], /\{detail\}/);
});

test('the reader’s English for a file that is no OPML is unchanged', () => {
  assert.throws(
    () => readOpml('<html><body>hi</body></html>'),
    /^OpmlError: not an OPML file: no <opml> element \(export your subscriptions as OPML from your feed reader\)$/,
  );
});

async function upload(desk: TestDesk, text: string): Promise<{ status: number; page: string }> {
  const form = new FormData();
  form.set('_csrf', CSRF);
  form.set('opml', new File([text], 'subs.opml', { type: 'text/x-opml' }));
  const res = await desk.request('/desk/sources/opml', { method: 'POST', body: form });
  return { status: res.status, page: await res.text() };
}

test('a whole file refused is said in Persian and in Arabic, the refused outlines too', async () => {
  await withDesk(async (desk, store) => {
    const english = await upload(desk, '<html><body>hi</body></html>');
    assert.equal(english.status, 400);
    assert.ok(english.page.includes('The file cannot be imported: not an OPML file: no &lt;opml&gt; element'), english.page);

    await setLanguage(store, EDITOR.name, 'fa');
    const notOpml = await upload(desk, '<html><body>hi</body></html>');
    assert.equal(notOpml.status, 400);
    assert.ok(notOpml.page.includes('پروندهٔ OPML نیست'), 'the refusal is not in Persian');
    assert.ok(!notOpml.page.includes('not an OPML file'), 'English left on the Persian page');
    const empty = await upload(desk, '<opml version="2.0"><body><outline text="Folder"/></body></opml>');
    assert.ok(empty.page.includes('پرونده هیچ خوراکی را نام نمی‌برد'), 'the empty file is not refused in Persian');
    assert.ok(!empty.page.includes('the file lists no feeds'), 'English left on the Persian page');

    await setLanguage(store, EDITOR.name, 'ar');
    const refused = await upload(
      desk,
      '<opml version="2.0"><body><outline type="rss" text="Local" xmlUrl="file:///etc/passwd"/><outline type="rss" text="Rel" xmlUrl="/feed.xml"/></body></opml>',
    );
    assert.equal(refused.status, 400);
    assert.ok(refused.page.includes('لا يذكر الملف موجزات يمكن الاشتراك فيها'), 'the refusal is not in Arabic');
    assert.ok(refused.page.includes('عنوان من نوع file:؛ لا يُشترك إلا في موجزات http وhttps'), 'a refused outline is not in Arabic');
    assert.ok(!/no feeds that can be subscribed|only http and https|not an absolute address/.test(refused.page), 'English left');
  });
});

/** An import job that went dead with `error`, after `attempts` of `maxAttempts`; its desk page's address. */
async function deadJob(store: Store, error: string, attempts: number, maxAttempts: number): Promise<string> {
  const { job } = await store.jobs.enqueue({ kind: OPML_IMPORT, payload: { feeds: [{ url: 'https://a.example/feed' }] }, maxAttempts });
  for (let i = 1; i <= attempts; i++) {
    const now = Date.now() + i * 10_000_000;
    const [claimed] = await store.jobs.claim(now, 1, 'test', 60_000, [OPML_IMPORT]);
    assert.equal(claimed?.id, job.id);
    assert.ok(await store.jobs.fail(job.id, 'test', error, i < attempts ? now + 1 : null, now));
  }
  assert.equal((await store.jobs.get(job.id))?.state, 'dead');
  return `/desk/sources/jobs/${job.id}`;
}

test('a dead import says why in the editor’s language, with the runner’s words as a detail line', async () => {
  await withDesk(async (desk, store) => {
    const refusedAtOnce = await deadJob(store, 'the job carries no feed list', 1, 3);
    const usedUp = await deadJob(store, 'connect ECONNREFUSED 127.0.0.1:5432', 3, 3);

    const en = await (await desk.request(usedUp)).text();
    assert.ok(en.includes('The import stopped after 3 failed attempts'), en);
    assert.ok(en.includes('<bdi dir="ltr" lang="en">connect ECONNREFUSED 127.0.0.1:5432</bdi>'), 'the detail line is missing');

    await setLanguage(store, EDITOR.name, 'fa');
    const fa = await (await desk.request(usedUp)).text();
    assert.ok(fa.includes('درون‌ریزی پس از ۳ تلاش ناموفق متوقف شد'), 'the dead job is not in Persian (with Persian digits)');
    assert.ok(fa.includes('جزئیات فنی:'), 'the detail line is not labelled in Persian');
    assert.ok(!fa.includes('The import stopped'), 'English sentence left on the Persian page');

    await setLanguage(store, EDITOR.name, 'ar');
    const ar = await (await desk.request(refusedAtOnce)).text();
    assert.ok(ar.includes('توقف الاستيراد: تعذّر تنفيذ القائمة المسجّلة له'), 'the refused job is not in Arabic');
    assert.ok(ar.includes('<bdi dir="ltr" lang="en">the job carries no feed list</bdi>'), 'the detail line is missing');
    assert.ok(!ar.includes('The import stopped'), 'English sentence left on the Arabic page');
  });
});

test('a feed the store would not add is a sentence, the store’s words its detail', async () => {
  await withDesk(async (desk, store) => {
    const { job } = await store.jobs.enqueue({ kind: OPML_IMPORT, payload: { feeds: [{ url: 'https://a.example/feed' }] } });
    const [claimed] = await store.jobs.claim(await store.clock.now(), 1, 'test', 60_000, [OPML_IMPORT]);
    assert.equal(claimed?.id, job.id);
    const problem = 'SQLITE_READONLY: attempt to write a readonly database';
    await store.jobs.recordProgress(job.id, 'test', {
      done: 1,
      total: 1,
      added: 0,
      existing: 0,
      failedCount: 1,
      failed: [{ url: 'https://a.example/feed', problem, note: { key: 'opml.addFailed', params: { detail: problem } } }],
    });
    assert.ok(await store.jobs.complete(job.id, 'test', Date.now()));
    const path = `/desk/sources/jobs/${job.id}`;
    const en = await (await desk.request(path)).text();
    assert.ok(en.includes(`could not be added <small class="desk-detail">(<bdi dir="ltr" lang="en">${problem}</bdi>)</small>`), en);
    await setLanguage(store, EDITOR.name, 'fa');
    const fa = await (await desk.request(path)).text();
    assert.ok(fa.includes(`افزوده نشد <small class="desk-detail">(<bdi dir="ltr" lang="en">${problem}</bdi>)</small>`), fa);
  });
});
