// Defects found walking the editors' journey (docs/desk.md, "Editor journey review, 2026-12-04
// night"), over both dialects: a curation change made on an older page of teasers led back to the
// first page (the anchor pointing at nothing there) and said nothing; "Add this source" of an
// address already subscribed opened that source silently, dropping the name given; an address the
// preview could not read emptied the form and said "nothing to subscribe to was found"; a story of
// one article read "1 articles".
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Store } from '../../src/store/index.js';
import { forEachDialect } from '../helpers/dialects.js';
import { startFixtureServer } from '../helpers/fixture-server.js';
import { entry } from '../web/helpers.js';
import { CSRF, deskConfig, mountDesk } from './helpers.js';

const HOUR = 3_600_000;

/** A store with one source and `n` teasers, one an hour apart (the newest first). */
async function withTeasers(store: Store, n: number): Promise<number[]> {
  const wire = (await store.sources.add({ url: 'https://wire.example/feed.xml', title: 'Harbour Wire' })).source.id;
  const now = Date.now();
  await store.entries.saveBatch(
    wire,
    Array.from({ length: n }, (_, i) => entry(`t${i}`, `Teaser number ${i}`, `Text of teaser ${i}.`, now - i * HOUR)),
  );
  return (await store.entries.list({ limit: n })).items.map((e) => e.id);
}

forEachDialect((d) => {
  test('curation: a change on an older page leads back to that page and says what it did', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      await withTeasers(store, 30);
      const first = await (await desk.request('/desk/curation')).text();
      const older = /href="\/desk\/curation\?older=([^"]+)" rel="next"/.exec(first)?.[1];
      assert.ok(older, 'a link to the older teasers');
      const second = await (await desk.request(`/desk/curation?older=${older}`)).text();
      const id = Number(/<li id="e(\d+)" class="curation-row/.exec(second)?.[1]);
      assert.ok(id > 0);
      assert.ok(!first.includes(`id="e${id}"`), 'the teaser is not on the first page');
      // Its buttons and its edit link carry the page they are on.
      assert.ok(second.includes(`<input type="hidden" name="older" value="${older}">`), 'buttons carry the page');
      assert.ok(second.includes(`href="/desk/curation/entries/${id}?older=${older}"`), 'the edit link carries the page');

      const hide = await desk.post(`/desk/curation/entries/${id}`, { op: 'hide', older });
      assert.equal(hide.status, 303);
      const back = hide.headers.get('location') ?? '';
      assert.equal(back, `/desk/curation?done=hide&entry=${id}&older=${older}#e${id}`);
      const landed = await (await desk.request(back.replace(/#.*/, ''))).text();
      assert.ok(landed.includes(`id="e${id}"`), 'back on the page that lists the teaser');
      assert.match(landed, /<p role="status" class="done">Hidden from the public site: “Teaser number \d+”\. It stays listed here/);

      // The edit page's way back and its form keep the page too; saving says so.
      const edit = await (await desk.request(`/desk/curation/entries/${id}?older=${older}`)).text();
      assert.ok(edit.includes(`href="/desk/curation?older=${older}#e${id}"`), 'the back-link returns to the page');
      const saved = await desk.post(`/desk/curation/entries/${id}`, { op: 'edit', headline: 'A headline of our own', excerpt: '', older });
      assert.equal(saved.headers.get('location'), `/desk/curation?done=edit&entry=${id}&older=${older}#e${id}`);
      const after = await (await desk.request(`/desk/curation?done=edit&entry=${id}&older=${older}`)).text();
      assert.ok(after.includes('Saved the headline and excerpt readers see for “A headline of our own”.'));

      // In Arabic, the message is Arabic; a forged cursor or action says nothing and breaks nothing.
      const ar = await (await desk.request(`/desk/curation?done=pin&entry=${id}`, { headers: { 'accept-language': 'ar' } })).text();
      assert.match(ar, /<p role="status" class="done">ثُبّت «A headline of our own»/);
      const junk = await desk.request(`/desk/curation?done=explode&entry=${id}&older=x"y`);
      assert.equal(junk.status, 200);
      assert.ok(!(await junk.text()).includes('role="status" class="done"'));
      const bad = await desk.post(`/desk/curation/entries/${id}`, { op: 'unhide', older: '"><b>x' });
      assert.equal(bad.headers.get('location'), `/desk/curation?done=unhide&entry=${id}#e${id}`);
    } finally {
      await desk.stop();
    }
  });

  test('sources: adding an address already subscribed says so; a new one says it was added', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const existing = (await store.sources.add({ url: 'https://wire.example/feed.xml', title: 'Harbour Wire' })).source.id;
      const fields = { kind: 'feed', siteUrl: '', settings: '{}', extractMode: 'short' };
      // The same name and mode as stored: nothing to apply (p-keys: a different name is applied,
      // test/desk/add-known.test.ts).
      const again = await desk.post('/desk/sources/add', { ...fields, url: 'https://wire.example/feed.xml', title: 'Harbour Wire' });
      assert.equal(again.status, 303);
      assert.equal(again.headers.get('location'), `/desk/sources/${existing}?done=exists`);
      const page = await (await desk.request(`/desk/sources/${existing}?done=exists`)).text();
      assert.match(page, /<p role="status">This address is already a source \(below\): nothing was added/);
      assert.equal((await store.sources.get(existing))?.title, 'Harbour Wire', 'nothing changed');

      const added = await desk.post('/desk/sources/add', { ...fields, url: 'https://other.example/feed.xml', title: 'Other' });
      const id = (await store.sources.list()).find((s) => s.title === 'Other')?.id;
      assert.equal(added.headers.get('location'), `/desk/sources/${id}?done=added`);
      const fa = await (await desk.request(`/desk/sources/${id}?done=added`, { headers: { 'accept-language': 'fa' } })).text();
      assert.match(fa, /<p role="status">منبع افزوده شد\./);
      // Without ?done the page says neither.
      assert.ok(!(await (await desk.request(`/desk/sources/${id}`)).text()).includes('role="status"'));
    } finally {
      await desk.stop();
    }
  });

  test('sources: an address the preview cannot read is kept in the form with what to type instead', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const res = await desk.post('/desk/sources/preview', { url: 'ftp://files.example/news' });
      assert.equal(res.status, 400);
      const page = await res.text();
      assert.match(page, /<p role="alert">That is not a web address Newsdesk can read: give one that starts with http:\/\/ or https:\/\//);
      assert.match(
        page,
        /<input id="add-url" name="url" type="text" inputmode="url"[^>]* dir="ltr"[^>]* value="ftp:\/\/files\.example\/news"/,
      );
      // The form accepts a bare site name (the server adds https://), so the browser must not refuse it.
      assert.ok(!(await (await desk.request('/desk/sources')).text()).includes('type="url"'));
    } finally {
      await desk.stop();
    }
  });

  test('merge and split: a story of one article reads "1 article"', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const [a, b, c] = await withTeasers(store, 3);
      await store.stories.assign([
        { entryId: a!, storyKey: 'one' },
        { entryId: b!, storyKey: 'two' },
        { entryId: c!, storyKey: 'two' },
      ]);
      const page = await (await desk.request('/desk/curation/stories')).text();
      assert.ok(page.includes('(1 article)'), 'one article');
      assert.ok(page.includes('(2 articles)'), 'two articles');
      assert.ok(!page.includes('1 articles'));
    } finally {
      await desk.stop();
    }
  });
});

forEachDialect((d) => {
  test("audit log: actions in the editor's words (the code beside them), targets linked to their desk page", async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const [id] = await withTeasers(store, 1);
      await desk.post(`/desk/curation/entries/${id}`, { op: 'hide' });
      const page = await (await desk.request('/desk/audit')).text();
      assert.ok(page.includes('<td>Teaser hidden<br><code>teaser.hide</code></td>'), 'the action is named');
      assert.ok(page.includes(`<td><a href="/desk/curation/entries/${id}"><code>entry:${id}</code></a></td>`), 'the target is a link');
      assert.match(page, /<option value="teaser\.hide">Teaser hidden<\/option>/);
      const fa = await (await desk.request('/desk/audit', { headers: { 'accept-language': 'fa' } })).text();
      assert.ok(fa.includes('<td>خبر پنهان شد<br><code>teaser.hide</code></td>'), 'in Persian');
      const ar = await (await desk.request('/desk/audit?action=teaser.hide', { headers: { 'accept-language': 'ar' } })).text();
      assert.match(ar, /<option value="teaser\.hide" selected>أُخفي خبر<\/option>/);
    } finally {
      await desk.stop();
    }
  });
});

forEachDialect((d) => {
  test('merge asks first, saying what moves and how to undo it; merge and split then say what they did', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const [a, b, c] = await withTeasers(store, 3);
      await store.stories.assign([
        { entryId: a!, storyKey: 'one' },
        { entryId: b!, storyKey: 'two' },
        { entryId: c!, storyKey: 'two' },
      ]);
      const one = (await store.entries.get(a!))!.storyId!;
      const two = (await store.entries.get(b!))!.storyId!;
      const asked = await desk.post('/desk/curation/stories/merge', { into: String(one), from: String(two) });
      assert.equal(asked.status, 200);
      const page = await asked.text();
      assert.match(page, /<h1>Merge these two stories\?<\/h1>/);
      assert.match(page, /All articles of “Teaser number \d” \(2 articles\) move into “Teaser number 0”/);
      assert.match(page, /<a href="\/desk\/curation\/stories#s\d+">Cancel<\/a>/);
      assert.equal((await store.entries.get(b!))?.storyId, two, 'nothing merged yet');
      assert.equal(desk.audits.length, 0);

      const done = await desk.post('/desk/curation/stories/merge', { into: String(one), from: String(two), confirm: '1' });
      assert.equal(done.headers.get('location'), `/desk/curation/stories?done=merged&story=${one}#s${one}`);
      assert.equal((await store.entries.get(b!))?.storyId, one);
      const list = await (await desk.request(`/desk/curation/stories?done=merged&story=${one}`)).text();
      assert.match(list, /<p role="status" class="done">Merged into “Teaser number \d”\. To undo it, split the articles out again\.<\/p>/);

      const split = await desk.post(`/desk/curation/stories/${one}/split`, { entry: String(c) });
      const to = split.headers.get('location') ?? '';
      assert.match(to, /^\/desk\/curation\/stories\?done=split&story=\d+#s\d+$/);
      const fa = await (await desk.request(to.replace(/#.*/, ''), { headers: { 'accept-language': 'fa' } })).text();
      assert.match(fa, /<p role="status" class="done">مطلب‌های تیک‌خورده اکنون ماجرای جداگانه‌ای هستند: «Teaser number \d»\.<\/p>/);
    } finally {
      await desk.stop();
    }
  });
});

forEachDialect((d) => {
  test('a topic that is not at the desk: the 404 names it, says a file topic must be adopted, and leads back', async () => {
    const store = await d.open();
    const dir = mkdtempSync(join(tmpdir(), 'desk-journey-'));
    const file = join(dir, 'topics.yaml');
    writeFileSync(file, '- id: harbour\n  name: Harbour town\n  entities:\n    - name: Harbour Town\n');
    const desk = await mountDesk(store, { config: deskConfig({ topicsFile: file }) });
    try {
      const missing = await desk.request('/desk/topics/nothing-here');
      assert.equal(missing.status, 404);
      const page = await missing.text();
      assert.match(page, /<p role="alert">There is no topic “nothing-here” at the desk\.<\/p>/);
      assert.ok(page.includes('<a href="/desk/topics">« Back to topics</a>'));
      assert.ok(!page.includes('No topics yet.'), 'not the empty-list sentence');
      const fromFile = await (await desk.request('/desk/topics/harbour')).text();
      assert.match(fromFile, /There is no topic “harbour” at the desk\. It is a topic of the topics file: adopt it on the topics page/);
      const ar = await (await desk.request('/desk/topics/harbour', { headers: { 'accept-language': 'ar' } })).text();
      assert.match(ar, /لا يوجد في مكتب التحرير موضوع «harbour»\. إنه موضوع من ملف المواضيع/);
    } finally {
      await desk.stop();
    }
  });
});

forEachDialect((d) => {
  test("fetch now says what it found, and why it failed, in the editor's language", async () => {
    const feed =
      '<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><link>https://news.example/</link><item><title>One</title><link>https://news.example/1</link><guid>1</guid></item></channel></rss>';
    const srv = await startFixtureServer({ '/feed.xml': { headers: { 'content-type': 'application/rss+xml' }, body: feed } });
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const ok = (await store.sources.add({ url: `${srv.url}/feed.xml` })).source.id;
      const gone = (await store.sources.add({ url: `${srv.url}/gone.xml` })).source.id;
      // Post/Redirect/Get: the answer is a 303 to the source's page, which says what was found.
      const read = async (id: number): Promise<string> => {
        const res = await desk.request(`/desk/sources/${id}/fetch`, persianPost());
        assert.equal(res.status, 303);
        return (await desk.request(res.headers.get('location') ?? '', { headers: { 'accept-language': 'fa' } })).text();
      };
      const first = await read(ok);
      assert.match(first, /<p role="status">در [۰-۹]+ میلی‌ثانیه دریافت شد: ۱ تازه، ۰ به‌روزشده، ۰ بدون تغییر\.<\/p>/);
      assert.ok(!first.includes('fetched:'), 'no English from the fetcher');
      const failed = await read(gone);
      assert.match(failed, /<p role="alert">دریافت پس از [۰-۹]+ میلی‌ثانیه ناموفق بود: [^<]*۴۰۴[^<]*<\/p>/);
    } finally {
      await desk.stop();
      await srv.close();
    }
  });
});

/** A form POST carrying only the session's CSRF token, from a browser asking for Persian. */
function persianPost(): RequestInit {
  return {
    method: 'POST',
    body: new URLSearchParams({ _csrf: CSRF }),
    headers: { 'accept-language': 'fa', 'content-type': 'application/x-www-form-urlencoded' },
  };
}
