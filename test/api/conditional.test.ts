// Conditional requests on the JSON API (p-http, RFC 9110 section 13): strong ETags of the answer's
// bytes on every read, If-None-Match → 304 with no body (GET and HEAD, weak comparison), If-Match
// on a source's writes (POST of a known address, DELETE) judged inside the store's write → 412
// with nothing written and no audit row, `*`, weak tags never matching an If-Match, malformed and
// huge headers, and another writer landing between the client's read and its write. Over both
// dialects; every /api answer of `checked` apps validated against the OpenAPI document.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { auditCount, hooked, oneStory } from '../desk/scenes.js';
import { forEachDialect } from '../helpers/dialects.js';
import { defineTopics, sampleTopics } from '../web/topic-fixtures.js';
import { entry, makeApp, populatedStore } from '../web/helpers.js';
import { checked } from './contract.js';

type Json = Record<string, unknown>;
const TOKEN = 'sekrit-token-123';
const auth = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };
const WIRE = 'https://wire.example/feed.xml';
const STRONG = /^"[A-Za-z0-9_-]{22}"$/;
const WEAK = /^W\/"[A-Za-z0-9_-]{22}"$/;

/** The app (answers checked against the document) and a GET of `path` with `headers`. */
function apiOf(store: Store) {
  const app = checked(makeApp(store, { apiToken: TOKEN }));
  const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
  const tagOf = async (path: string): Promise<string> => {
    const res = await get(path);
    assert.equal(res.status, 200, path);
    await res.arrayBuffer();
    return res.headers.get('etag') ?? '';
  };
  const post = (body: Json, headers: Record<string, string> = {}) =>
    app.request('/api/v1/sources', { method: 'POST', body: JSON.stringify(body), headers: { ...auth, ...headers } });
  const del = (id: number, headers: Record<string, string> = {}) =>
    app.request(`/api/v1/sources/${id}`, { method: 'DELETE', headers: { ...auth, ...headers } });
  return { app, get, tagOf, post, del };
}

const keyOf = async (res: Response): Promise<unknown> => ((await res.json()) as Json).key;

forEachDialect((d) => {
  describe('API conditional reads', () => {
    it('every read answers a strong ETag; If-None-Match with it is a 304 without a body, on GET and HEAD', async () => {
      const { store, ids } = await populatedStore(d.open);
      await defineTopics(store, sampleTopics());
      const story = await oneStory(store);
      const { get, tagOf } = apiOf(store);
      const entryId = (await store.entries.list({ limit: 1 })).items[0]!.id;
      const raw = makeApp(store, { apiToken: TOKEN });
      for (const path of [
        `/api/v1/sources/${ids.wire}`,
        `/api/v1/entries/${entryId}`,
        `/api/v1/stories/${story}`,
        '/api/v1/topics/mek',
        '/api/v1/sources',
        '/api/v1/entries',
        '/api/v1/search?q=court',
        '/api/v1/topics/mek/entries',
      ]) {
        const first = await get(path);
        assert.equal(first.status, 200, path);
        const body = await first.text();
        const tag = first.headers.get('etag') ?? '';
        // Search scores move with the clock (recency): its tag is weak, of the hits without them.
        assert.match(tag, path.includes('search') ? WEAK : STRONG, path);
        assert.equal(first.headers.get('cache-control'), 'no-cache', path);
        // The same answer again: the same tag (the bytes did not change).
        assert.equal(await tagOf(path), tag, path);
        for (const inm of [tag, `W/${tag.replace(/^W\//, '')}`, `"other", ${tag}`, ` , ,${tag} ,`]) {
          const again = await get(path, { 'if-none-match': inm });
          assert.equal(again.status, 304, `${path} ${inm}`);
          assert.equal(await again.text(), '', path);
          assert.equal(again.headers.get('etag'), tag, path);
          assert.equal(again.headers.get('cache-control'), 'no-cache', path);
        }
        // HEAD (answered by the GET route): 200 with the tag and no body, or 304.
        const head = await raw.request(path, { method: 'HEAD' });
        assert.equal(head.status, 200, path);
        assert.equal(head.headers.get('etag'), tag, path);
        assert.equal(await head.text(), '', path);
        const head304 = await raw.request(path, { method: 'HEAD', headers: { 'if-none-match': tag } });
        assert.equal(head304.status, 304, path);
        // Another tag, or *, or a tag without its quotes: the full answer (a malformed one is ignored).
        const other = await get(path, { 'if-none-match': '"not-this-one"' });
        assert.equal(other.status, 200, path);
        if (!path.includes('search')) assert.equal(await other.text(), body, path);
        else assert.ok((await other.text()).length > 0);
        assert.equal((await get(path, { 'if-none-match': tag.slice(1, -1) })).status, 200, path);
        assert.equal((await get(path, { 'if-none-match': '*' })).status, 304, path);
      }
      await store.close();
    });

    it('the ETag changes when the resource changes, and the old one then gets the full answer', async () => {
      const { store, ids } = await populatedStore(d.open);
      const { get, tagOf } = apiOf(store);
      const path = `/api/v1/sources/${ids.wire}`;
      const list = '/api/v1/sources';
      const [t1, l1] = [await tagOf(path), await tagOf(list)];
      await store.sources.update(ids.wire, { title: 'Harbour Wire Evening' });
      const [t2, l2] = [await tagOf(path), await tagOf(list)];
      assert.notEqual(t2, t1);
      assert.notEqual(l2, l1);
      const res = await get(path, { 'if-none-match': t1 });
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as Json).title, 'Harbour Wire Evening');
      // A check by the poller shows in the answer (lastCheckedAt), so in the tag.
      await store.sources.update(ids.wire, { lastCheckedAt: Date.now() });
      assert.notEqual(await tagOf(path), t2);
      // A new entry changes the entry list's tag.
      const e1 = await tagOf('/api/v1/entries');
      await store.entries.saveBatch(ids.arabic, [entry('new-1', 'A new story', 'A new story arrived at the desk.', Date.now())]);
      assert.notEqual(await tagOf('/api/v1/entries'), e1);
      await store.close();
    });

    it('If-Match on a read: 412 unless it names the answer (strongly) or is *', async () => {
      const { store, ids } = await populatedStore(d.open);
      const { get, tagOf } = apiOf(store);
      const path = `/api/v1/sources/${ids.wire}`;
      const tag = await tagOf(path);
      assert.equal((await get(path, { 'if-match': tag })).status, 200);
      assert.equal((await get(path, { 'if-match': '*' })).status, 200);
      const stale = await get(path, { 'if-match': '"stale"' });
      assert.equal(stale.status, 412);
      assert.equal(await keyOf(stale), 'precondition.failed');
      assert.equal((await get(path, { 'if-match': `W/${tag}` })).status, 412);
      await store.close();
    });

    it('answers on a private site are private, 304s included (read-access is not loosened)', async () => {
      const { store, ids } = await populatedStore(d.open);
      const app = checked(makeApp(store, { apiToken: TOKEN, publicApi: false }));
      const path = `/api/v1/sources/${ids.wire}`;
      const res = await app.request(path, { headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('cache-control'), 'private, no-cache');
      const tag = res.headers.get('etag') ?? '';
      const again = await app.request(path, { headers: { authorization: `Bearer ${TOKEN}`, 'if-none-match': tag } });
      assert.equal(again.status, 304);
      assert.equal(again.headers.get('cache-control'), 'private, no-cache');
      // Without a token, still 401 whatever the tag: a condition never opens a private answer.
      assert.equal((await app.request(path, { headers: { 'if-none-match': tag } })).status, 401);
      await store.close();
    });

    it('survives huge and malformed conditional headers', async () => {
      const { store, ids } = await populatedStore(d.open);
      const { get, tagOf, post, del } = apiOf(store);
      const path = `/api/v1/sources/${ids.wire}`;
      const tag = await tagOf(path);
      const hostile = [
        `${tag},${' '.repeat(200_000)}"x"`,
        `${'"a",'.repeat(50_000)}${tag}`,
        `W/${'W/'.repeat(100_000)}"x"`,
        `"${'\\'.repeat(100_000)}`,
        '"unterminated',
        `${tag} junk`,
        `*, ${tag}`,
        'W/',
        '"a"b"',
        `"${'\u0001'}"`,
      ];
      // The work is bounded by MAX_CONDITION_CHARS (a longer header is not evaluated), which the
      // over-long values above exercise; no wall-clock bound here, as timing belongs in bench/.
      for (const h of hostile) {
        // On a read a malformed or over-long If-None-Match is ignored: the full answer.
        assert.equal((await get(path, { 'if-none-match': h })).status, 200, h.slice(0, 40));
        // On a write it is false: 412, nothing written.
        const res = await post({ url: WIRE, title: 'Hostile' }, { 'if-match': h });
        assert.equal(res.status, 412, h.slice(0, 40));
        assert.equal(await keyOf(res), 'precondition.failed');
        assert.equal((await del(ids.wire, { 'if-none-match': h })).status, 412, h.slice(0, 40));
      }
      assert.equal((await store.sources.get(ids.wire))?.title, 'Harbour Wire');
      assert.equal(await auditCount(store, 'source.settings'), 0);
      // An empty If-Match lists no tag: false.
      assert.equal((await post({ url: WIRE, title: 'Hostile' }, { 'if-match': '' })).status, 412);
      await store.close();
    });
  });

  describe('API conditional writes to a source', () => {
    it('POST of a known address: a stale If-Match is a 412, nothing written, no audit; the current one writes', async () => {
      const { store, ids } = await populatedStore(d.open);
      const { tagOf, post } = apiOf(store);
      const path = `/api/v1/sources/${ids.wire}`;
      const before = await store.sources.get(ids.wire);
      const stale = await post({ url: WIRE, title: 'Renamed' }, { 'if-match': '"stale"' });
      assert.equal(stale.status, 412);
      assert.equal(await keyOf(stale), 'precondition.failed');
      assert.deepEqual(await store.sources.get(ids.wire), before);
      assert.equal(await auditCount(store, 'source.settings'), 0);

      const tag = await tagOf(path);
      // Strong comparison: the same tag marked weak never matches an If-Match.
      assert.equal((await post({ url: WIRE, title: 'Renamed' }, { 'if-match': `W/${tag}` })).status, 412);
      assert.equal(await auditCount(store, 'source.settings'), 0);
      const ok = await post({ url: WIRE, title: 'Renamed' }, { 'if-match': `"other", ${tag}` });
      assert.equal(ok.status, 200);
      assert.deepEqual(((await ok.json()) as Json).changed, ['title']);
      assert.equal((await store.sources.get(ids.wire))?.title, 'Renamed');
      assert.equal(await auditCount(store, 'source.settings'), 1);
      // The tag it wrote against is now stale: the same request again is refused.
      assert.equal((await post({ url: WIRE, title: 'Renamed again' }, { 'if-match': tag })).status, 412);
      assert.equal((await store.sources.get(ids.wire))?.title, 'Renamed');
      // A precondition is judged before the method's own refusals (RFC 9110 section 13.2.1).
      assert.equal((await post({ url: WIRE, kind: 'page' }, { 'if-match': tag })).status, 412);
      assert.equal(await auditCount(store, 'source.settings'), 1);
      await store.close();
    });

    it('DELETE: a stale If-Match is a 412 and the source stays, unaudited; the current tag removes it', async () => {
      const { store, ids } = await populatedStore(d.open);
      const { tagOf, del } = apiOf(store);
      const tag = await tagOf(`/api/v1/sources/${ids.wire}`);
      const entries = (await store.entries.list({ sourceId: ids.wire, limit: 50 })).items.length;
      for (const h of ['"stale"', `W/${tag}`, tag.slice(1, -1)]) {
        const res = await del(ids.wire, { 'if-match': h });
        assert.equal(res.status, 412, h);
        assert.equal(await keyOf(res), 'precondition.failed');
      }
      assert.ok(await store.sources.get(ids.wire));
      assert.equal((await store.entries.list({ sourceId: ids.wire, limit: 50 })).items.length, entries);
      assert.equal(await auditCount(store, 'source.remove'), 0);
      assert.equal((await del(ids.wire, { 'if-match': tag })).status, 204);
      assert.equal(await store.sources.get(ids.wire), undefined);
      assert.equal(await auditCount(store, 'source.remove'), 1);
      // Gone: 404 whatever the conditions (a failure detected first takes precedence).
      assert.equal((await del(ids.wire, { 'if-match': '*' })).status, 404);
      await store.close();
    });

    it('* matches any existing source and none that is missing; If-None-Match: * only creates', async () => {
      const { store, ids } = await populatedStore(d.open);
      const { post, del } = apiOf(store);
      const fresh = 'https://fresh.example/feed.xml';
      // If-Match: * on an address not known: no source to match, nothing created.
      assert.equal((await post({ url: fresh }, { 'if-match': '*' })).status, 412);
      assert.equal(await store.sources.getByUrl(fresh), undefined);
      assert.equal(await auditCount(store, 'source.add'), 0);
      // If-None-Match: * creates an address not known, and refuses a known one.
      assert.equal((await post({ url: fresh }, { 'if-none-match': '*' })).status, 201);
      const known = await post({ url: fresh, title: 'Fresh' }, { 'if-none-match': '*' });
      assert.equal(known.status, 412);
      assert.equal((await store.sources.getByUrl(fresh))?.title, null);
      // If-Match: * on a known one applies the fields, and removes.
      const applied = await post({ url: WIRE, title: 'Any' }, { 'if-match': '*' });
      assert.equal(applied.status, 200);
      assert.equal((await store.sources.get(ids.wire))?.title, 'Any');
      assert.equal((await del(ids.persian, { 'if-match': '*' })).status, 204);
      assert.equal(await store.sources.get(ids.persian), undefined);
      // No header: today's behaviour.
      assert.equal((await post({ url: WIRE, title: 'Plain' })).status, 200);
      assert.equal((await del(ids.arabic)).status, 204);
      await store.close();
    });

    it('another writer changing the source between the client’s read and its write: 412, theirs stands', async () => {
      const { store, ids } = await populatedStore(d.open);
      const { tagOf } = apiOf(store);
      const tag = await tagOf(`/api/v1/sources/${ids.wire}`);
      // The other writer lands after the route's own read and check, just before the store's write:
      // only a check inside the write sees it.
      const other = () => store.sources.update(ids.wire, { title: 'Theirs' }).then(() => undefined);
      const interleaved = checked(makeApp(hooked(store, 'sources', ['updateShown', 'update'], other), { apiToken: TOKEN }));
      const res = await interleaved.request('/api/v1/sources', {
        method: 'POST',
        body: JSON.stringify({ url: WIRE, title: 'Mine', extractMode: 'always' }),
        headers: { ...auth, 'if-match': tag },
      });
      assert.equal(res.status, 412);
      const now = await store.sources.get(ids.wire);
      assert.equal(now?.title, 'Theirs');
      assert.notEqual(now?.extractMode, 'always');
      assert.equal(await auditCount(store, 'source.settings'), 0);

      // The same for a removal: the source changed after the route read it, before the removal.
      const tag2 = await tagOf(`/api/v1/sources/${ids.arabic}`);
      const other2 = () => store.sources.update(ids.arabic, { title: 'Changed meanwhile' }).then(() => undefined);
      const interleaved2 = checked(makeApp(hooked(store, 'sources', ['remove'], other2), { apiToken: TOKEN }));
      const gone = await interleaved2.request(`/api/v1/sources/${ids.arabic}`, {
        method: 'DELETE',
        headers: { ...auth, 'if-match': tag2 },
      });
      assert.equal(gone.status, 412);
      assert.equal((await store.sources.get(ids.arabic))?.title, 'Changed meanwhile');
      assert.equal(await auditCount(store, 'source.remove'), 0);
      await store.close();
    });

    it('two writers with the same If-Match at once: one writes, the other is refused', async () => {
      const { store, ids } = await populatedStore(d.open);
      const { tagOf, post } = apiOf(store);
      const tag = await tagOf(`/api/v1/sources/${ids.wire}`);
      const answers = await Promise.all([
        post({ url: WIRE, title: 'First' }, { 'if-match': tag }),
        post({ url: WIRE, title: 'Second' }, { 'if-match': tag }),
      ]);
      assert.deepEqual(answers.map((r) => r.status).sort(), [200, 412]);
      const winner = answers[0]!.status === 200 ? 'First' : 'Second';
      assert.equal((await store.sources.get(ids.wire))?.title, winner);
      assert.equal(await auditCount(store, 'source.settings'), 1);
      await store.close();
    });
  });
});
