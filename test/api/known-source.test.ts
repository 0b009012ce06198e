// POST /v1/sources on an address already subscribed applies the fields given, as `newsdesk add`
// does (p-keys; before, the source came back unchanged and every field was dropped without a
// word): a title renames it, extractMode sets its full-text mode, selectors replace its listing
// selectors (checked as for a new source); the answer is 200 with the source and `applied` /
// `changed`; a change is in the audit log as the desk's settings saves are; the kind never
// changes (409). Responses validated against the OpenAPI document.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';
import { makeApp, populatedStore } from '../web/helpers.js';
import { checked } from './contract.js';

type Json = Record<string, unknown>;
const TOKEN = 'sekrit-token-123';
const auth = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };
const WIRE = 'https://wire.example/feed.xml';

forEachDialect((d) => {
  describe('POST /v1/sources on a known address', () => {
    it('applies the title and full-text mode given, says which, and records the change', async () => {
      const { store, ids } = await populatedStore(d.open);
      const app = checked(makeApp(store, { apiToken: TOKEN }));
      const post = (body: unknown) => app.request('/api/v1/sources', { method: 'POST', body: JSON.stringify(body), headers: auth });
      const before = (await store.sources.get(ids.wire))!;
      const mode = before.extractMode === 'always' ? 'off' : 'always';
      const audits = async () => (await store.curation.audit({ target: `source:${ids.wire}`, limit: 50 })).items;

      const res = await post({ url: WIRE, title: '  Harbour Wire Daily ', extractMode: mode, kind: 'feed' });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('location'), null);
      const body = (await res.json()) as Json;
      assert.deepEqual(body.applied, ['title', 'extractMode']);
      assert.deepEqual(body.changed, ['title', 'extractMode']);
      assert.equal(body.id, ids.wire);
      assert.equal(body.name, 'Harbour Wire Daily');
      assert.equal(body.extractMode, mode);
      const after = (await store.sources.get(ids.wire))!;
      assert.equal(after.title, 'Harbour Wire Daily');
      assert.equal(after.extractMode, mode);
      assert.equal(after.kind, 'feed');
      const log = await audits();
      assert.equal(log.length, 1);
      assert.equal(log[0]!.action, 'source.settings');
      assert.deepEqual(log[0]!.before, { title: 'Harbour Wire', extractMode: before.extractMode });
      assert.deepEqual(log[0]!.after, { title: 'Harbour Wire Daily', extractMode: mode });

      // The same again: applied, nothing changed, nothing recorded.
      const again = (await (await post({ url: WIRE, title: 'Harbour Wire Daily', extractMode: mode })).json()) as Json;
      assert.deepEqual([again.applied, again.changed], [['title', 'extractMode'], []]);
      assert.equal((await audits()).length, 1);
      // Nothing given but the address: the source as stored, nothing applied.
      const bare = (await (await post({ url: WIRE, title: '   ' })).json()) as Json;
      assert.deepEqual([bare.applied, bare.changed, bare.name], [[], [], 'Harbour Wire Daily']);
      await store.close();
    });

    it('never changes the kind: another kind, or selectors on a feed, is a 409 and nothing changes', async () => {
      const { store, ids } = await populatedStore(d.open);
      const app = checked(makeApp(store, { apiToken: TOKEN }));
      const post = (body: unknown) => app.request('/api/v1/sources', { method: 'POST', body: JSON.stringify(body), headers: auth });
      const before = await store.sources.get(ids.wire);
      for (const body of [
        { url: WIRE, kind: 'page', title: 'Renamed' },
        { url: WIRE, selectors: { item: 'li.story' }, title: 'Renamed' },
      ]) {
        const res = await post(body);
        assert.equal(res.status, 409, JSON.stringify(body));
        assert.deepEqual(await res.json(), {
          error: `This address is already source ${ids.wire}, of kind "feed", and a source's kind is never changed: to read it as "page", remove it (DELETE /api/v1/sources/${ids.wire}) and add it again. Nothing was changed.`,
          key: 'source.kindConflict',
        });
      }
      assert.deepEqual(await store.sources.get(ids.wire), before);
      assert.equal((await store.curation.audit({ target: `source:${ids.wire}`, limit: 50 })).items.length, 0);
      await store.close();
    });

    it('names the address to remove in ASCII digits in every language (r-keys: Persian digits broke it)', async () => {
      const { store, ids } = await populatedStore(d.open);
      const app = checked(makeApp(store, { apiToken: TOKEN }));
      for (const lang of ['fa', 'ar', 'en']) {
        const res = await app.request('/api/v1/sources', {
          method: 'POST',
          body: JSON.stringify({ url: WIRE, kind: 'page' }),
          headers: { ...auth, 'accept-language': lang },
        });
        assert.equal(res.status, 409, lang);
        const body = (await res.json()) as Json;
        assert.equal(body.key, 'source.kindConflict', lang);
        // The sentence tells what to send: the address must be one a program can send as written.
        assert.ok(String(body.error).includes(`DELETE /api/v1/sources/${ids.wire})`), `${lang}: ${String(body.error)}`);
      }
      await store.close();
    });

    it('replaces a listing page’s selectors, checked as for a new source, its other settings kept', async () => {
      const { store } = await populatedStore(d.open);
      const app = checked(makeApp(store, { apiToken: TOKEN }));
      const post = (body: unknown) => app.request('/api/v1/sources', { method: 'POST', body: JSON.stringify(body), headers: auth });
      const url = 'https://listing.example/news';
      const created = await post({ url, selectors: { item: 'div.story', next: 'a.more' } });
      assert.equal(created.status, 201);
      const id = ((await created.json()) as Json).id as number;
      await store.sources.update(id, { settingsChanges: { maxPages: 3 } });

      // A refused selector on the known page: 400 as for a new one, nothing changed.
      for (const [sel, key] of [
        [{ item: `${'div '.repeat(100)}a` }, 'selector.tooLong'],
        [{ item: 'div[' }, 'selector.unusable'],
      ] as const) {
        const res = await post({ url, selectors: sel });
        assert.equal(res.status, 400);
        assert.equal(((await res.json()) as Json).key, key);
      }
      assert.deepEqual((await store.sources.get(id))?.settings, { selectors: { item: 'div.story', next: 'a.more' }, maxPages: 3 });

      const res = await post({ url, kind: 'page', selectors: { item: ' li.story ', link: 'h2 a' } });
      assert.equal(res.status, 200);
      const body = (await res.json()) as Json;
      assert.deepEqual([body.applied, body.changed], [['selectors'], ['selectors']]);
      assert.deepEqual((await store.sources.get(id))?.settings, { selectors: { item: 'li.story', link: 'h2 a' }, maxPages: 3 });
      const log = (await store.curation.audit({ target: `source:${id}`, action: 'source.settings', limit: 50 })).items;
      assert.equal(log.length, 1);
      assert.deepEqual(log[0]!.before, { selectors: { item: 'div.story', next: 'a.more' } });
      assert.deepEqual(log[0]!.after, { selectors: { item: 'li.story', link: 'h2 a' } });
      await store.close();
    });
  });
});
