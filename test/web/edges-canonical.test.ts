// Three edges earlier rounds left open (p-edges, 2026-12-07), over both store dialects:
// 1. the public search form offered a language only hidden entries held (an editor hid them, or
//    they copy a hidden article): a public hint that such entries exist, and a choice with no result;
// 2. the desk's id paths and forms still read `01`, `+1`, ` 1` as id 1 while the API and the public
//    site answer 404 (p-api3): one entity, one address everywhere;
// 3. pagination cursors read leading zeros (`after=01.01`), so one page had many addresses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { digest } from '../../src/auth/tokens.js';
import type { Viewer } from '../../src/auth/viewer.js';
import type { Store } from '../../src/store/store.js';
import { asViewer, editor, form, TEST_CSRF } from '../helpers/as-viewer.js';
import { forEachDialect } from '../helpers/dialects.js';
import { BASE_TIME, entry, HOUR, makeApp, populatedStore } from './helpers.js';

type Json = Record<string, unknown>;
const EDITOR = { id: null, name: 'test editor' };
const TEXT = 'Der Stausee lief am Sonntag über, die Behörden warnten die Anwohner im Tal seit einem Jahr. '.repeat(3);

const setHidden = (store: Store, id: number, hidden: boolean) =>
  store.curation.update({ kind: 'entry', id }, { hidden }, EDITOR, hidden ? 'entry.hide' : 'entry.unhide');

/** The language choices of the public search form. */
async function formLanguages(store: Store): Promise<string[]> {
  const res = await makeApp(store).request('/search', { headers: { host: 'localhost' } });
  assert.equal(res.status, 200);
  const select = /<select name="lang">([\s\S]*?)<\/select>/.exec(await res.text())?.[1] ?? '';
  return [...select.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1] ?? '');
}

/** Each of the store's first three entries its own story (the fixture has none). */
async function storied(store: Store): Promise<void> {
  const items = (await store.entries.list({ limit: 3 })).items;
  await store.stories.assign(items.map((e, i) => ({ entryId: e.id, storyKey: `s${i}` })));
}

forEachDialect((d) => {
  describe('the search form offers no language only hidden entries hold (p-edges)', () => {
    it('a language whose every entry an editor hid, or that only copies of a hidden article hold, is not offered', async () => {
      const { store, ids } = await populatedStore(d.open);
      try {
        const arabic = (await store.entries.list({ limit: 10, sourceId: ids.arabic })).items[0];
        assert.ok(arabic);
        // A German copy of an English article (its only German entry): hidden with its original.
        const [original] = (await store.entries.saveBatch(ids.wire, [entry('en-o', 'Reservoir spills over', TEXT, BASE_TIME - 5 * HOUR)]))
          .inserted;
        const [copy] = (
          await store.entries.saveBatch(ids.persian, [
            entry('de-c', 'Stausee läuft über', `Abschrift. ${TEXT}`, BASE_TIME - 5 * HOUR, { lang: 'de' }),
          ])
        ).inserted;
        assert.ok(original && copy);
        await store.stories.assign([
          { entryId: original.id, storyKey: 'reservoir' },
          { entryId: copy.id, storyKey: 'reservoir', duplicateOf: original.id },
        ]);
        const all = ['ar', 'de', 'en', 'fa'];
        assert.deepEqual([...(await store.search.languages())].sort(), all);
        assert.deepEqual((await formLanguages(store)).sort(), all);

        await setHidden(store, arabic.id, true);
        await setHidden(store, original.id, true);
        assert.deepEqual([...(await store.search.languages())].sort(), ['en', 'fa'], 'store');
        assert.deepEqual((await formLanguages(store)).sort(), ['en', 'fa'], 'search form');
        // The order stays most entries first: English's shown entries still outnumber Persian's.
        assert.deepEqual(await store.search.languages(), ['en', 'fa']);

        await setHidden(store, arabic.id, false);
        await setHidden(store, original.id, false);
        assert.deepEqual((await formLanguages(store)).sort(), all, 'back once unhidden');
      } finally {
        await store.close();
      }
    });
  });

  describe('the desk reads ids as the API and the site do: canonical only (p-edges)', () => {
    it('a non-canonical id path is a 404, a form field naming an id so is a 400', async () => {
      const { store, ids } = await populatedStore(d.open);
      try {
        await storied(store);
        const viewer: Viewer = editor();
        const app = asViewer(makeApp(store), store, () => viewer);
        const get = (path: string) => app.request(path);
        const post = (path: string, fields: Record<string, string | string[]>) => {
          const f = form({ _csrf: TEST_CSRF, ...fields });
          return app.request(path, { method: 'POST', body: f.body, headers: f.headers });
        };
        const [e] = (await store.entries.list({ limit: 1 })).items;
        const [story] = (await store.stories.list({ limit: 1 })).items;
        assert.ok(e && story);
        const spellings = (id: number) => [`0${id}`, `00${id}`, `+${id}`, `%20${id}`, `${id}.0`, `0x${id.toString(16)}`, `${id}e0`];

        assert.equal((await get(`/desk/sources/${ids.wire}`)).status, 200);
        assert.equal((await get(`/desk/curation/entries/${e.id}`)).status, 200);
        assert.equal((await get(`/desk/curation/stories/${story.id}`)).status, 200);
        for (const bad of spellings(ids.wire)) assert.equal((await get(`/desk/sources/${bad}`)).status, 404, `/desk/sources/${bad}`);
        for (const bad of spellings(e.id)) {
          assert.equal((await get(`/desk/curation/entries/${bad}`)).status, 404, `/desk/curation/entries/${bad}`);
          assert.equal((await post(`/desk/curation/entries/${bad}`, { op: 'hide' })).status, 404, `POST entries/${bad}`);
        }
        assert.equal((await store.curation.overrides([e.id], [])).entries.size, 0, 'no hide through a non-canonical id');
        for (const bad of spellings(story.id)) {
          assert.equal((await get(`/desk/curation/stories/${bad}`)).status, 404, `/desk/curation/stories/${bad}`);
          assert.equal((await post(`/desk/curation/stories/${bad}/split`, { entry: String(e.id) })).status, 404, `split ${bad}`);
        }

        // Form fields that name ids: refused with the desk's sentence, nothing done.
        const merge = await post('/desk/curation/stories/merge', { into: `0${story.id}`, from: String(story.id + 1) });
        assert.equal(merge.status, 400);
        assert.match(await merge.text(), /The field “into” does not name an item/);
        const split = await post(`/desk/curation/stories/${story.id}/split`, { entry: [`0${e.id}`] });
        assert.equal(split.status, 400);
        assert.match(await split.text(), /The field “entry” does not name an item/);
        viewer.lang = 'fa';
        const fa = await post('/desk/curation/stories/merge', { into: String(story.id), from: `+${story.id}` });
        assert.equal(fa.status, 400);
        assert.match(await fa.text(), /فیلد «from» چیزی را نام نمی‌برد/);
        viewer.lang = null;

        // A token of one's own: revoked by its canonical address only.
        const user = await store.accounts.findUser(viewer.name);
        assert.ok(user);
        const token = await store.accounts.createToken({ userId: user.id, name: 'reader app', hash: digest('nd_edges'), scope: 'read' });
        for (const bad of spellings(token.id))
          assert.equal((await post(`/desk/account/tokens/${bad}/revoke`, { confirm: '1' })).status, 404, `revoke ${bad}`);
        assert.equal((await store.accounts.listTokens(user.id)).find((t) => t.id === token.id)?.revokedAt, null, 'not revoked');
        assert.equal((await post(`/desk/account/tokens/${token.id}/revoke`, { confirm: '1' })).status, 303);
      } finally {
        await store.close();
      }
    });
  });

  describe('pagination cursors are canonical: one page, one address (p-edges)', () => {
    it('the API answers 400 cursor.notCanonical, the site its error page; malformed ones keep their keys', async () => {
      const { store } = await populatedStore(d.open);
      try {
        await storied(store);
        await store.topics.saveDefinition({ id: 'mek', definition: { id: 'mek', name: 'MEK', entities: [{ name: 'mek' }] } });
        const app = makeApp(store);
        const req = (path: string, lang = 'en') => app.request(path, { headers: { host: 'localhost', 'accept-language': lang } });
        const page = (await (await req('/api/v1/entries?limit=1')).json()) as { cursors: { older: string } };
        const cursor = page.cursors.older;
        assert.match(cursor, /^\d+\.\d+$/);
        const [at, id] = cursor.split('.');
        const stories = (await (await req('/api/v1/stories?limit=1')).json()) as { cursors: { older: string } };
        const [sAt, sId] = stories.cursors.older.split('.');
        const problem = async (path: string, key: string, lang = 'en') => {
          const res = await req(path, lang);
          assert.equal(res.status, 400, path);
          const body = (await res.json()) as Json;
          assert.equal(body.key, key, path);
          return String(body.error);
        };

        assert.equal((await req(`/api/v1/entries?after=${cursor}`)).status, 200);
        assert.equal((await req(`/api/v1/stories?after=${stories.cursors.older}`)).status, 200);
        for (const bad of [`0${at}.${id}`, `${at}.0${id}`, `00${at}.00${id}`, `-0.${id}`]) {
          await problem(`/api/v1/entries?after=${bad}`, 'cursor.notCanonical');
          await problem(`/api/v1/entries?before=${bad}`, 'cursor.notCanonical');
          await problem(`/api/v1/topics/mek/entries?after=${bad}`, 'cursor.notCanonical');
        }
        await problem(`/api/v1/stories?after=0${sAt}.${sId}`, 'cursor.notCanonical');
        await problem(`/api/v1/stories?after=${sAt}.0${sId}`, 'cursor.notCanonical');
        assert.match(await problem(`/api/v1/entries?after=0${cursor}`, 'cursor.notCanonical', 'ar'), /المؤشر/);
        // Not a cursor at all: the keys they had.
        await problem('/api/v1/entries?after=nonsense', 'cursor.invalid');
        await problem(`/api/v1/entries?after=0${cursor}&before=nonsense`, 'cursor.invalid');
        await problem('/api/v1/stories?after=nonsense', 'cursor.storyInvalid');

        assert.equal((await req(`/?older=${cursor}`)).status, 200);
        for (const path of [`/?older=0${cursor}`, `/?newer=${at}.0${id}`, `/sources/1?older=0${cursor}`]) {
          const res = await req(path);
          assert.equal(res.status, 400, path);
          assert.match(await res.text(), /written otherwise than this site writes its links/, path);
        }
        const fa = await req(`/?older=0${cursor}`, 'fa');
        assert.equal(fa.status, 400);
        assert.match(await fa.text(), /جور دیگری نوشته شده است/);
        const broken = await req('/?older=nonsense');
        assert.equal(broken.status, 400);
        assert.match(await broken.text(), /That page link is malformed/);
      } finally {
        await store.close();
      }
    });
  });
});
