// The hostile review of the public surface (r-public, 2026-12-07), over a real socket on
// 127.0.0.1. A story's stored headline is its lead article's title; when an editor hid that
// article, the story page, its feeds and every API answer about the story still went by the
// hidden title (and the story's feeds by the source's title where the page shows the editor's).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listen, type RunningServer } from '../../src/server/listen.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { BASE_TIME, entry, makeApp } from '../web/helpers.js';

const EDITOR = { id: null, name: 'test editor' };
const SECRET = 'Withdrawn claim about the harbour master';

forEachDialect((d) => {
  describe('a hidden lead article does not name its story in public', () => {
    let store: Store;
    let server: RunningServer;
    let storyId: number;
    let visibleId: number;
    let leadId: number;
    const get = async (path: string): Promise<{ status: number; body: string }> => {
      const res = await fetch(`${server.url}${path}`);
      return { status: res.status, body: await res.text() };
    };

    before(async () => {
      store = await d.open();
      const wire = (await store.sources.add({ url: 'https://wire.example/feed.xml', title: 'Wire' })).source.id;
      const other = (await store.sources.add({ url: 'https://other.example/feed.xml', title: 'Other' })).source.id;
      // The lead: the earliest article with a real text (story-rows.ts).
      const [lead] = (await store.entries.saveBatch(wire, [entry('lead', SECRET, 'Long text. '.repeat(40), BASE_TIME - 3_600_000)]))
        .inserted;
      const [later, latest] = (
        await store.entries.saveBatch(other, [
          entry('later', 'Harbour master answers questions', 'A short text.', BASE_TIME - 1_800_000),
          entry('latest', 'Harbour board meets on Friday', 'Another short text.', BASE_TIME),
        ])
      ).inserted;
      await store.stories.assign([lead!, later!, latest!].map((e) => ({ entryId: e.id, storyKey: 'harbour' })));
      const story = (await store.entries.get(later!.id))!.storyId!;
      assert.equal((await store.stories.get(story))!.leadEntryId, lead!.id, 'the fixture makes the long article the lead');
      await store.curation.update({ kind: 'entry', id: lead!.id }, { hidden: true }, EDITOR, 'entry.hide');
      storyId = story;
      visibleId = later!.id;
      leadId = lead!.id;
      server = await listen(makeApp(store), { host: '127.0.0.1', port: 0 });
    });
    after(async () => {
      await server.close();
      await store.close();
    });

    it('the story page, its feeds and the API name it by the earliest article still shown', async () => {
      for (const path of [
        `/stories/${storyId}`,
        `/stories/${storyId}/feed.rss`,
        `/stories/${storyId}/feed.atom`,
        `/stories/${storyId}/feed.json`,
        `/api/v1/stories/${storyId}`,
        '/api/v1/stories',
        `/api/v1/entries/${visibleId}`,
      ]) {
        const { status, body } = await get(path);
        assert.equal(status, 200, path);
        assert.ok(!body.includes(SECRET), `${path} shows the hidden lead's title`);
        assert.ok(body.includes('Harbour master answers questions'), `${path} names the story by its earliest shown article`);
      }
      const api = JSON.parse((await get(`/api/v1/stories/${storyId}`)).body) as { headline: string; leadEntryId: number | null };
      assert.deepEqual(
        { headline: api.headline, leadEntryId: api.leadEntryId },
        { headline: 'Harbour master answers questions', leadEntryId: null },
      );
      assert.equal((await get(`/entries/${leadId}`)).status, 404);
    });

    it("the story's feeds carry the editor's headline, as its page does", async () => {
      await store.curation.update({ kind: 'story', id: storyId }, { headline: 'Harbour inquiry: the week so far' }, EDITOR, 'story.edit');
      for (const path of [
        `/stories/${storyId}`,
        `/stories/${storyId}/feed.rss`,
        `/stories/${storyId}/feed.atom`,
        `/stories/${storyId}/feed.json`,
      ]) {
        const { body } = await get(path);
        assert.ok(body.includes('Harbour inquiry: the week so far'), `${path} names the story by the editor's headline`);
        assert.ok(!body.includes(SECRET), path);
      }
      // The API gives the sources' text (its entries too), but never the hidden one's.
      const api = JSON.parse((await get(`/api/v1/stories/${storyId}`)).body) as { headline: string };
      assert.equal(api.headline, 'Harbour master answers questions');
      await store.curation.update({ kind: 'story', id: storyId }, { headline: null }, EDITOR, 'story.edit');
    });

    it('an unhidden lead names its story again', async () => {
      await store.curation.update({ kind: 'entry', id: leadId }, { hidden: false }, EDITOR, 'entry.unhide');
      const api = JSON.parse((await get(`/api/v1/stories/${storyId}`)).body) as { headline: string; leadEntryId: number | null };
      assert.deepEqual({ headline: api.headline, leadEntryId: api.leadEntryId }, { headline: SECRET, leadEntryId: leadId });
      assert.ok((await get(`/stories/${storyId}`)).body.includes(SECRET));
      await store.curation.update({ kind: 'entry', id: leadId }, { hidden: true }, EDITOR, 'entry.hide');
    });
  });
});

forEachDialect((d) => {
  describe("a merged story's address written with leading zeros", () => {
    it('leads to the story it joined, not to another', async () => {
      const store = await d.open();
      let server: RunningServer | undefined;
      try {
        const src = (await store.sources.add({ url: 'https://wire.example/feed.xml' })).source.id;
        const saved = (
          await store.entries.saveBatch(
            src,
            Array.from({ length: 12 }, (_, i) => entry(`m${i}`, `Story number ${i}`, 'Text.', BASE_TIME - i * 60_000)),
          )
        ).inserted;
        await store.stories.assign(saved.map((e, i) => ({ entryId: e.id, storyKey: `s${i}` })));
        const ids: number[] = [];
        for (const e of saved) ids.push((await store.entries.get(e.id))!.storyId!);
        const [from, into] = [ids[0]!, ids[11]!];
        await store.stories.merge(into, from);
        server = await listen(makeApp(store), { host: '127.0.0.1', port: 0 });
        const base: string = server.url;
        for (const [path, want] of [
          [`/stories/${from}`, `/stories/${into}`],
          [`/stories/${from}/feed.rss?x=1`, `/stories/${into}/feed.rss?x=1`],
          [`/stories/${from}/copies/${saved[0]!.id}`, `/stories/${into}/copies/${saved[0]!.id}`],
        ] as const) {
          const res: Response = await fetch(`${base}${path}`, { redirect: 'manual' });
          assert.equal(res.status, 301, path);
          assert.equal(res.headers.get('location'), want, path);
        }
        // Written with leading zeros an id names nothing since p-api3 (canonical ids): no redirect at all.
        for (const path of [`/stories/0${from}`, `/stories/00${from}/feed.rss?x=1`, `/stories/0${from}/copies/${saved[0]!.id}`])
          assert.equal((await fetch(`${base}${path}`, { redirect: 'manual' })).status, 404, path);
      } finally {
        await server?.close();
        await store.close();
      }
    });
  });
});

forEachDialect((d) => {
  describe('a body stored by an older, laxer ingest', () => {
    it('reaches feeds out and the API sanitised, as the article page shows it', async () => {
      const store = await d.open();
      let server: RunningServer | undefined;
      try {
        const src = (await store.sources.add({ url: 'https://wire.example/feed.xml', title: 'Wire' })).source.id;
        const body =
          '<p>Kept words<img src=x onerror=alert(1)><a href="javascript:alert(2)">link</a><script>alert(3)</script>' +
          '<img src="/pictures/harbour.jpg" alt="harbour"></p>';
        const [e] = (
          await store.entries.saveBatch(src, [
            entry('old', 'Stored long ago', 'Kept words', BASE_TIME, { contentHtml: body, url: 'https://news.example/2020/old' }),
          ])
        ).inserted;
        await store.entries.setFullText(e!.id, { fullHtml: body, extractStatus: 'done' });
        server = await listen(makeApp(store), { host: '127.0.0.1', port: 0 });
        const base: string = server.url;
        for (const path of [
          `/entries/${e!.id}`,
          '/feed.rss',
          '/feed.atom',
          '/feed.json',
          `/sources/${src}/feed.rss`,
          '/search/feed.atom?q=kept',
          `/api/v1/entries/${e!.id}`,
        ]) {
          const res: Response = await fetch(`${base}${path}`);
          assert.equal(res.status, 200, path);
          const text = await res.text();
          assert.ok(text.includes('Kept words'), `${path} carries the body`);
          for (const bad of ['onerror', 'javascript:', 'alert(3)']) assert.ok(!text.includes(bad), `${path} carries ${bad}`);
          assert.ok(text.includes('https://news.example/pictures/harbour.jpg'), `${path}: a relative link resolves against the article`);
        }
      } finally {
        await server?.close();
        await store.close();
      }
    });
  });
});

describe('API writes by Basic credentials a browser sends by itself', () => {
  const TOKEN = 'shared-admin-token-0123456789abcdef';
  // What another site's form makes a browser send: JSON in a text/plain body, the browser's marks,
  // and the Basic credentials it cached for this site (a private site challenges with Basic).
  const form = (authorization: string, marks: Record<string, string>) => ({
    method: 'POST',
    headers: { 'content-type': 'text/plain', authorization, ...marks },
    body: '{"url":"https://elsewhere.example/feed.xml","pad":"="}',
  });
  const basic = `Basic ${Buffer.from(`anyone:${TOKEN}`).toString('base64')}`;

  it('are refused when the browser marks them cross-site; Bearer and unmarked writes are not', async () => {
    const store = await memoryStore();
    const server = await listen(makeApp(store, { apiToken: TOKEN, siteAccess: 'private' }), { host: '127.0.0.1', port: 0 });
    try {
      const url = `${server.url}/api/v1/sources`;
      for (const marks of [
        { origin: 'https://elsewhere.example', 'sec-fetch-site': 'cross-site' },
        { origin: 'https://elsewhere.example' },
        { 'sec-fetch-site': 'cross-site' },
        { origin: 'null' },
      ]) {
        const res: Response = await fetch(url, form(basic, marks));
        assert.equal(res.status, 403, JSON.stringify(marks));
        assert.equal(((await res.json()) as { key: string }).key, 'auth.crossSite');
      }
      assert.deepEqual(await store.sources.list(), [], 'no source was added');
      // Unchanged: a Bearer token (no other site can make a browser send one), a client without
      // marks, and a write marked as coming from this site itself — sending JSON as JSON: since
      // p-api3 a text/plain body is 415 whoever sends it.
      const json = (authorization: string, marks: Record<string, string>) => {
        const f = form(authorization, marks);
        return { ...f, headers: { ...f.headers, 'content-type': 'application/json' } };
      };
      assert.equal(
        (await fetch(url, form(`Bearer ${TOKEN}`, { origin: 'https://elsewhere.example', 'sec-fetch-site': 'cross-site' }))).status,
        415,
      );
      assert.equal(
        (await fetch(url, json(`Bearer ${TOKEN}`, { origin: 'https://elsewhere.example', 'sec-fetch-site': 'cross-site' }))).status,
        201,
      );
      await store.sources.remove((await store.sources.list())[0]!.id);
      assert.equal((await fetch(url, json(basic, {}))).status, 201);
      await store.sources.remove((await store.sources.list())[0]!.id);
      assert.equal((await fetch(url, json(basic, { origin: server.url, 'sec-fetch-site': 'same-origin' }))).status, 201);
    } finally {
      await server.close();
      await store.close();
    }
  });
});

/** A fresh SQLite store (the refusal is decided before any store is read). */
async function memoryStore(): Promise<Store> {
  const { SqliteStore } = await import('../../src/store/sqlite/index.js');
  return SqliteStore.open({ path: ':memory:' });
}

forEachDialect((d) => {
  describe('a story an editor hid', () => {
    it('has no copies page either', async () => {
      const store = await d.open();
      let server: RunningServer | undefined;
      try {
        const wire = (await store.sources.add({ url: 'https://wire.example/feed.xml' })).source.id;
        const other = (await store.sources.add({ url: 'https://other.example/feed.xml' })).source.id;
        const [a] = (await store.entries.saveBatch(wire, [entry('h1', 'Taken down: the harbour story', 'Text.', BASE_TIME)])).inserted;
        const [b] = (await store.entries.saveBatch(other, [entry('h2', 'Taken down: its other telling', 'Text.', BASE_TIME - 60_000)]))
          .inserted;
        await store.stories.assign([a!, b!].map((e) => ({ entryId: e.id, storyKey: 'taken-down' })));
        const storyId = (await store.entries.get(a!.id))!.storyId!;
        server = await listen(makeApp(store), { host: '127.0.0.1', port: 0 });
        const base: string = server.url;
        const copies = [a!, b!].map((e) => `/stories/${storyId}/copies/${e.id}`);
        for (const path of copies) assert.equal((await fetch(`${base}${path}`)).status, 200, `${path} before the story is hidden`);
        await store.curation.update({ kind: 'story', id: storyId }, { hidden: true }, EDITOR, 'story.hide');
        for (const path of [`/stories/${storyId}`, ...copies]) {
          const res: Response = await fetch(`${base}${path}`);
          const text = await res.text();
          assert.equal(res.status, 404, path);
          assert.ok(!text.includes('Taken down'), `${path} shows the hidden story's articles`);
        }
      } finally {
        await server?.close();
        await store.close();
      }
    });
  });
});

forEachDialect((d) => {
  describe('a source whose stored address is no web address', () => {
    it('is named in feeds out by its page here, never by a javascript: or file: link', async () => {
      const store = await d.open();
      let server: RunningServer | undefined;
      try {
        // As an older version stored them, or an operator subscribed a local file.
        const script = (await store.sources.add({ url: 'javascript:alert(document.domain)//', title: 'Scripted' })).source.id;
        const local = (await store.sources.add({ url: 'file:///srv/private/feeds/local.xml', title: 'Local' })).source.id;
        const web = (await store.sources.add({ url: 'https://wire.example/feed.xml', title: 'Wire' })).source.id;
        for (const [id, key] of [
          [script, 's'],
          [local, 'l'],
          [web, 'w'],
        ] as const)
          await store.entries.saveBatch(id, [entry(`addr-${key}`, `Item of source ${key}`, 'Text.', BASE_TIME)]);
        server = await listen(makeApp(store), { host: '127.0.0.1', port: 0 });
        const base: string = server.url;
        for (const path of ['/feed.rss', '/feed.atom', '/feed.json', `/sources/${script}/feed.atom`, `/sources/${local}/feed.rss`]) {
          const text = await (await fetch(`${base}${path}`)).text();
          assert.ok(!/javascript:/i.test(text), `${path} carries a javascript: address`);
          assert.ok(!text.includes('file:'), `${path} carries a file: address`);
        }
        const atom = await (await fetch(`${base}/feed.atom`)).text();
        assert.ok(atom.includes(`<link rel="self" href="${base}/sources/${script}"/>`), "the source's page stands for its address");
        assert.ok(atom.includes('<link rel="self" href="https://wire.example/feed.xml"/>'), 'a web address is kept');
      } finally {
        await server?.close();
        await store.close();
      }
    });
  });
});
