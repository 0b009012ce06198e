// Control characters in ingested text, on both dialects: a feed whose title, items, authors,
// categories, content and links carry NUL, ESC and BEL is subscribed and refreshed; nothing it
// stores holds a C0 control (tab and line breaks aside), PostgreSQL does not refuse it, and a
// check whose outcome the store refuses still releases its lease and says why.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { discoverFeeds } from '../../src/ingest/discover/index.js';
import type { HttpFetcher } from '../../src/ingest/fetch/index.js';
import { loopbackFetcher } from '../helpers/loopback-fetcher.js';
import { refreshSource } from '../../src/pipeline/index.js';
import type { SourcePatch } from '../../src/domain/source.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';

const C0 = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
const POLICY = { defaultIntervalSeconds: 1800, minIntervalSeconds: 60, maxIntervalSeconds: 86400, maxBackoffSeconds: 86400 };
const log = pino({ level: 'silent' });

const HOSTILE = 'A\u0000B \u001b]52;c;aGVsbG8=\u0007 \u001b[2J\u001b[H C\u0001';
const JSON_FEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: `Feed ${HOSTILE}`,
  home_page_url: 'https://site.example/\u0000home',
  authors: [{ name: `Desk ${HOSTILE}` }],
  items: [
    {
      id: `id-\u0000-1`,
      url: 'https://site.example/a\u0000/1',
      title: `Story ${HOSTILE}`,
      content_html: `<p>Body ${HOSTILE}</p>`,
      authors: [{ name: `Ann ${HOSTILE}` }],
      tags: [`tag ${HOSTILE}`],
      date_published: '2026-11-20T10:00:00Z',
    },
  ],
});

function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) strings(x, out.concat(k));
  return out;
}

describe('control characters in ingested text', () => {
  let srv: FixtureServer;
  let fetcher: HttpFetcher;
  before(async () => {
    srv = await startFixtureServer({ '/hostile.json': { headers: { 'content-type': 'application/feed+json' }, body: JSON_FEED } });
    fetcher = loopbackFetcher();
  });
  after(async () => {
    await fetcher.close();
    await srv.close();
  });

  forEachDialect((d) => {
    test(`subscribe and refresh store no control characters (${d.name})`, async () => {
      const store = await d.open();
      const found = await discoverFeeds(fetcher, `${srv.url}/hostile.json`);
      const f = found.feeds[0]!;
      assert.doesNotMatch(f.title ?? '', C0);
      const { source } = await store.sources.add({ url: f.url, title: f.title ?? null, siteUrl: f.siteUrl ?? null });
      const r = await refreshSource(source, { store, fetcher, policy: POLICY, log });
      assert.equal(r.outcome.kind, 'fetched', JSON.stringify(r.outcome));
      const after = (await store.sources.get(source.id))!;
      assert.equal(after.status, 'ok');
      assert.equal(after.title, 'Feed AB ]52;c;aGVsbG8= [2J[H C');
      const page = await store.entries.list({ sourceId: source.id, limit: 5 });
      assert.equal(page.items.length, 1);
      const e = page.items[0]!;
      assert.equal(e.title, 'Story AB ]52;c;aGVsbG8= [2J[H C');
      assert.equal(e.url, 'https://site.example/a/1');
      for (const s of strings(e)) assert.doesNotMatch(s, C0, JSON.stringify(s));
      const metas = await store.sources.getFeedMetas([source.id]);
      for (const s of strings(metas.get(source.id))) assert.doesNotMatch(s, C0, JSON.stringify(s));
    });

    test(`a check whose outcome the store refuses releases its lease and records why (${d.name})`, async () => {
      const real = await d.open();
      // The store as a database that refuses one value: the first finishCheck carrying a title.
      let refused = 0;
      const store: Store = {
        ...real,
        sources: Object.assign(Object.create(real.sources) as Store['sources'], {
          finishCheck: async (id: number, patch: SourcePatch) => {
            if (patch.title !== undefined && refused++ === 0) throw new Error('invalid byte sequence for encoding "UTF8": 0x00');
            return real.sources.finishCheck(id, patch);
          },
        }),
      };
      const { source } = await real.sources.add({ url: `${srv.url}/hostile.json` });
      // By the store's clock: the source is due from the time it read (PostgreSQL: the server's).
      const [claimed] = await real.sources.claimDue(await real.clock.now(), 1, 'me', 600_000);
      assert.equal(claimed?.id, source.id);
      const r = await refreshSource(claimed!, { store, fetcher, policy: POLICY, log });
      assert.equal(refused, 1);
      assert.equal(r.outcome.kind, 'failed');
      const after = (await real.sources.get(source.id))!;
      assert.match(after.lastError ?? '', /could not record the check: invalid byte sequence/);
      assert.equal(after.errorCount, 1);
      // Released: once due again, another worker can claim it at once (no ten-minute lease).
      await real.sources.update(source.id, { nextCheckAt: (await real.clock.now()) - 1 });
      const again = await real.sources.claimDue(await real.clock.now(), 1, 'other', 600_000);
      assert.deepEqual(
        again.map((s) => s.id),
        [source.id],
      );
    });
  });
});
