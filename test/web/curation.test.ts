// Curation through the desk, seen where readers and editors see it: pin, hide, feature and edit a
// teaser and watch the public pages change (the render cache included); hidden entries stay stored
// and listed at the desk; every change lands in the audit log with before and after (escaped); a
// form without the session's CSRF token changes nothing. Over both store dialects.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Hono } from 'hono';
import type { Viewer } from '../../src/auth/viewer.js';
import type { Store } from '../../src/store/store.js';
import { asViewer, editor, form, TEST_CSRF } from '../helpers/as-viewer.js';
import { forEachDialect } from '../helpers/dialects.js';
import { makeApp, populatedStore } from './helpers.js';

function teaserIds(page: string): number[] {
  return [...page.matchAll(/<article class="teaser[^"]*"[^>]*aria-labelledby="t(\d+)"/g)].map((m) => Number(m[1]));
}

forEachDialect((d) => {
  let store: Store;
  let app: Hono;
  let viewer: Viewer | undefined;
  const ids = new Map<string, number>();

  before(async () => {
    const p = await populatedStore(d.open);
    store = p.store;
    for (const e of (await store.entries.list({ limit: 50 })).items) ids.set(e.title, e.id);
    viewer = editor();
    app = asViewer(makeApp(store, { renderStaleMs: 60_000 }), store, () => viewer);
  });

  const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
  const post = (path: string, fields: Record<string, string | string[]>) => {
    const f = form(fields);
    return app.request(path, { method: 'POST', body: f.body, headers: f.headers });
  };
  const id = (title: string): number => {
    const v = ids.get(title);
    assert.ok(v, `fixture entry ${title}`);
    return v;
  };

  test('pinning puts a teaser first on the start page, at once (the render cache is not stale)', async () => {
    const oldest = id('Weather service warns of <storm> & "floods"');
    const first = await (await get('/')).text();
    assert.notEqual(teaserIds(first)[0], oldest, 'not first before pinning');
    await get('/'); // a second read served from the render cache
    const res = await post(`/desk/curation/entries/${oldest}`, { _csrf: TEST_CSRF, op: 'pin' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), `/desk/curation?done=pin&entry=${oldest}#e${oldest}`);
    const after = await (await get('/')).text();
    assert.equal(teaserIds(after)[0], oldest);
    assert.equal(teaserIds(after).filter((x) => x === oldest).length, 1, 'listed once, not twice');
    assert.match(after, /<span class="mark-pinned">Pinned<\/span>/);
    await post(`/desk/curation/entries/${oldest}`, { _csrf: TEST_CSRF, op: 'unpin' });
    assert.notEqual(teaserIds(await (await get('/')).text())[0], oldest);
  });

  test('hiding removes a teaser from public pages and its article page, never from the store or the desk', async () => {
    const target = id('Harbour authority opens new container berth');
    await post(`/desk/curation/entries/${target}`, { _csrf: TEST_CSRF, op: 'hide' });
    const home = await (await get('/')).text();
    assert.ok(!teaserIds(home).includes(target));
    assert.doesNotMatch(home, /new container berth/);
    assert.doesNotMatch(await (await get('/search?q=berth')).text(), /new container berth/);
    assert.doesNotMatch(await (await get('/feed.rss')).text(), /new container berth/);
    assert.equal((await get(`/entries/${target}`)).status, 404);
    assert.equal((await store.entries.get(target))?.title, 'Harbour authority opens new container berth');
    const desk = await (await get('/desk/curation')).text();
    assert.match(desk, new RegExp(`<li id="e${target}" class="curation-row is-hidden">`));
    assert.match(desk, /<span class="mark-hidden">Hidden<\/span>/);
    await post(`/desk/curation/entries/${target}`, { _csrf: TEST_CSRF, op: 'unhide' });
    assert.ok(teaserIds(await (await get('/')).text()).includes(target));
    assert.equal((await get(`/entries/${target}`)).status, 200);
  });

  test('featuring marks the teaser; editing shows the new headline and excerpt to readers and the original to editors', async () => {
    const target = id('MEK rally draws crowd in Paris suburb');
    await post(`/desk/curation/entries/${target}`, { _csrf: TEST_CSRF, op: 'feature' });
    let home = await (await get('/')).text();
    assert.match(home, new RegExp(`<article class="teaser featured"[^>]*aria-labelledby="t${target}"`));
    await post(`/desk/curation/entries/${target}`, {
      _csrf: TEST_CSRF,
      op: 'edit',
      headline: 'Rally in Villepinte: <b>thousands</b> attend',
      excerpt: 'An edited excerpt for readers.',
    });
    home = await (await get('/')).text();
    assert.match(home, /Rally in Villepinte: &lt;b&gt;thousands&lt;\/b&gt; attend/);
    assert.match(home, /An edited excerpt for readers\./);
    assert.doesNotMatch(home, /MEK rally draws crowd in Paris suburb/);
    assert.match(
      await (await get(`/entries/${target}`)).text(),
      /<h1 id="title">Rally in Villepinte: &lt;b&gt;thousands&lt;\/b&gt; attend<\/h1>/,
    );
    assert.equal((await store.entries.get(target))?.title, 'MEK rally draws crowd in Paris suburb', 'the original is kept');
    // Feeds out carry the headline and excerpt the page shows (they kept the source's until the
    // 2026-12-06 analyst journey): in every format, for the start page, a search and the story.
    for (const path of ['/feed.rss', '/feed.atom', '/feed.json', '/search/feed.rss?q=Villepinte']) {
      const feed = await (await get(path)).text();
      assert.match(
        feed,
        /Rally in Villepinte: &lt;b&gt;thousands&lt;\/b&gt; attend|"title": "Rally in Villepinte: <b>thousands<\/b> attend"/,
        path,
      );
      assert.match(feed, /An edited excerpt for readers\./, path);
      assert.doesNotMatch(feed, /MEK rally draws crowd in Paris suburb/, path);
    }
    const edit = await (await get(`/desk/curation/entries/${target}`)).text();
    assert.match(edit, /MEK rally draws crowd in Paris suburb/);
    assert.match(edit, /<label for="headline">/);
    assert.match(edit, /value="Rally in Villepinte: &lt;b&gt;thousands&lt;\/b&gt; attend"/);
    const desk = await (await get('/desk/curation')).text();
    assert.match(desk, /Original headline: <bdi[^>]*>MEK rally draws crowd in Paris suburb<\/bdi>/);
    // An empty field brings the original back.
    await post(`/desk/curation/entries/${target}`, { _csrf: TEST_CSRF, op: 'edit', headline: '', excerpt: '' });
    assert.match(await (await get('/')).text(), /MEK rally draws crowd in Paris suburb/);
  });

  test('every change is in the audit log with who, before and after, escaped and filterable', async () => {
    const target = id('Court hears appeal over Camp Ashraf property');
    await post(`/desk/curation/entries/${target}`, { _csrf: TEST_CSRF, op: 'edit', headline: '<script>alert(1)</script>', excerpt: '' });
    const log = await store.curation.audit({ target: `entry:${target}`, limit: 5 });
    assert.equal(log.items[0]?.action, 'teaser.edit');
    assert.equal(log.items[0]?.actorName, 'Nadia Editor');
    assert.equal(log.items[0]?.actorId, (await store.accounts.findUser('Nadia Editor'))?.id);
    assert.equal((log.items[0]!.after as { headline: string }).headline, '<script>alert(1)</script>');
    const page = await (await get(`/desk/audit?target=entry:${target}`)).text();
    assert.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(page, /<script>alert/);
    assert.match(page, /<code>teaser\.edit<\/code>/);
    const pins = await (await get('/desk/audit?action=teaser.pin')).text();
    assert.match(pins, /<code>teaser\.pin<\/code>/);
    assert.doesNotMatch(pins, /<code>teaser\.edit<\/code>/);
    const none = await (await get('/desk/audit?actor=Somebody+Else')).text();
    assert.match(none, /No changes match\./);
    await post(`/desk/curation/entries/${target}`, { _csrf: TEST_CSRF, op: 'edit', headline: '', excerpt: '' });
  });

  test('a form without the session CSRF token, or from a token holder, is refused and changes nothing', async () => {
    const target = id('Court hears appeal over Camp Ashraf property');
    const auditBefore = (await store.curation.audit({ limit: 500 })).items.length;
    const before = (await store.curation.overrides([target])).entries.get(target);
    for (const fields of [{ op: 'hide' }, { op: 'hide', _csrf: 'forged' }, { op: 'hide', _csrf: '' }]) {
      const res = await post(`/desk/curation/entries/${target}`, fields);
      assert.equal(res.status, 403);
      assert.match(await res.text(), /role="alert"/);
    }
    viewer = editor({ via: 'token', csrf: '' });
    assert.equal((await post(`/desk/curation/entries/${target}`, { op: 'hide', _csrf: '' })).status, 403);
    viewer = editor();
    assert.equal((await post('/desk/curation/stories/merge', { into: '1', from: '2' })).status, 403);
    assert.deepEqual((await store.curation.overrides([target])).entries.get(target), before);
    assert.equal((await store.curation.audit({ limit: 500 })).items.length, auditBefore);
    assert.ok(teaserIds(await (await get('/')).text()).includes(target));
  });

  test('nobody signed in is sent to sign in; a reader cannot open the desk', async () => {
    viewer = undefined;
    const res = await get('/desk/curation');
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/login?next=%2Fdesk%2Fcuration');
    viewer = editor({ role: 'reader' });
    assert.equal((await get('/desk/audit')).status, 403);
    viewer = editor();
    const ok = await get('/desk/curation');
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('cache-control'), 'no-store');
  });

  test('merging and splitting stories at the desk is kept, redirected and audited', async () => {
    const a = id('Court hears appeal over Camp Ashraf property');
    const b = id('محكمة عراقية تنظر في قضية منظمة مجاهدي خلق');
    const c = id('MEK rally draws crowd in Paris suburb');
    await store.stories.assign([
      { entryId: a, storyKey: `web-${a}` },
      { entryId: b, storyKey: `web-${b}` },
      { entryId: c, storyKey: `web-${b}` },
    ]);
    const sa = (await store.entries.get(a))!.storyId!;
    const sb = (await store.entries.get(b))!.storyId!;
    const list = await (await get('/desk/curation/stories')).text();
    assert.match(list, /<label for="merge-into">/);
    // A merge is asked first (journey review 2026-12-04): nothing moves until it is confirmed.
    const asked = await post('/desk/curation/stories/merge', { _csrf: TEST_CSRF, into: String(sa), from: String(sb) });
    assert.equal(asked.status, 200);
    assert.match(await asked.text(), /<input type="hidden" name="confirm" value="1">/);
    assert.notEqual((await store.entries.get(c))?.storyId, sa, 'not merged before the confirmation');
    const res = await post('/desk/curation/stories/merge', { _csrf: TEST_CSRF, into: String(sa), from: String(sb), confirm: '1' });
    assert.equal(res.status, 303);
    assert.equal((await store.entries.get(c))?.storyId, sa);
    assert.equal((await get(`/stories/${sb}`)).status, 301);
    const merged = await store.curation.audit({ action: 'story.merge', limit: 1 });
    assert.equal(merged.items[0]?.target, `story:${sa}`);
    assert.equal((merged.items[0]!.before as { from: { id: number } }).from.id, sb);

    const splitForm = await (await get(`/desk/curation/stories/${sa}`)).text();
    assert.match(splitForm, new RegExp(`<input type="checkbox" id="split-${c}" name="entry" value="${c}"> <label for="split-${c}"`));
    const split = await post(`/desk/curation/stories/${sa}/split`, { _csrf: TEST_CSRF, entry: [String(c)] });
    assert.equal(split.status, 303);
    const moved = (await store.entries.get(c))!.storyId!;
    assert.notEqual(moved, sa);
    assert.equal((await store.curation.audit({ action: 'story.split', limit: 1 })).items[0]?.target, `story:${sa}`);
    // A split that would take every article is refused with the reason.
    const all = await post(`/desk/curation/stories/${sa}/split`, { _csrf: TEST_CSRF, entry: [String(a), String(b)] });
    assert.equal(all.status, 422);

    // Hiding a whole story takes every one of its teasers off the public pages, and back.
    const hide = await post(`/desk/curation/stories/override/${sa}`, { _csrf: TEST_CSRF, op: 'hide' });
    assert.equal(hide.status, 303);
    let home = teaserIds(await (await get('/')).text());
    assert.ok(!home.includes(a) && !home.includes(b), 'no teaser of the hidden story');
    assert.ok(home.includes(c), 'the split-off article is another story');
    assert.equal((await get(`/stories/${sa}`)).status, 404);
    assert.match(await (await get('/desk/curation/stories')).text(), /<span class="mark-hidden">Hidden<\/span>/);
    assert.equal((await store.curation.audit({ action: 'story.hide', limit: 1 })).items[0]?.target, `story:${sa}`);
    await post(`/desk/curation/stories/override/${sa}`, { _csrf: TEST_CSRF, op: 'unhide' });
    home = teaserIds(await (await get('/')).text());
    assert.ok(home.includes(a) || home.includes(b));

    // A story's own headline: shown on its public page, the clusterer's kept beside it at the desk,
    // cleaned of controls and direction overrides, audited; empty shows the clusterer's again.
    const clusterers = (await store.stories.get(sa))!.headline;
    const named = await post(`/desk/curation/stories/${sa}/headline`, {
      _csrf: TEST_CSRF,
      headline: '  Camp <b>Ashraf</b>\u0000 hearing\u202e \n resumes  ',
    });
    assert.equal(named.status, 303);
    assert.equal(named.headers.get('location'), `/desk/curation/stories/${sa}?saved=1#headline`);
    const storyPage = await (await get(`/stories/${sa}`)).text();
    assert.match(storyPage, /<h1[^>]*>[^<]*Camp &lt;b&gt;Ashraf&lt;\/b&gt; hearing resumes/);
    const deskPage = await (await get(`/desk/curation/stories/${sa}?saved=1`)).text();
    assert.match(deskPage, /value="Camp &lt;b&gt;Ashraf&lt;\/b&gt; hearing resumes"/);
    assert.ok(deskPage.includes(`<bdi>${clusterers.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</bdi>`));
    assert.match(deskPage, /role="status"/);
    const edited = await store.curation.audit({ action: 'story.edit', limit: 1 });
    assert.equal(edited.items[0]?.target, `story:${sa}`);
    assert.deepEqual((edited.items[0]!.after as { headline: string }).headline, 'Camp <b>Ashraf</b> hearing resumes');
    await post(`/desk/curation/stories/${sa}/headline`, { _csrf: TEST_CSRF, headline: ' ' });
    assert.equal((await store.curation.overrides([], [sa])).stories.get(sa)?.headline ?? null, null);
    assert.equal((await post(`/desk/curation/stories/${sa}/headline`, { headline: 'no token' })).status, 403);
    assert.equal((await post('/desk/curation/stories/999999/headline', { _csrf: TEST_CSRF, headline: 'x' })).status, 404);
  });
});
