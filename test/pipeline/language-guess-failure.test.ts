// A language guess that fails or never answers costs new entries their language, not their place
// (r2-langid2): the check saves them without one and is recorded as fetched. Before, the guess's
// error failed the whole check (nothing saved, the source backed off), and a guess that never
// answered held the check, its lease and the stop of the process for ever. Real HTTP on
// 127.0.0.1, both stores; the guessers are stand-ins (one a real worker thread that crashes).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { type LanguageGuesser, WorkerLanguageGuesser } from '../../src/pipeline/detect-language.js';
import { refreshSource } from '../../src/pipeline/index.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { type FixtureServer, rssFeed, startFixtureServer } from '../helpers/fixture-server.js';
import { loopbackFetcher } from '../helpers/loopback-fetcher.js';

const POLICY = { defaultIntervalSeconds: 1800, minIntervalSeconds: 60, maxIntervalSeconds: 86400, maxBackoffSeconds: 86400 };
const log = pino({ level: 'silent' });
const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const workerUrl = new URL(`../helpers/misbehaving-language-worker${ext}`, import.meta.url);

/** A feed's items (`at`: their site, so no feed's articles are another's). */
const items = (at: string) =>
  [1, 2, 3].map((n) => ({
    guid: `g${n}`,
    title: n === 1 ? 'exit' : `Harbour authority approves ferry terminal number ${n}`,
    link: `https://${at}.example/${n}`,
    description: `The regional harbour authority said that construction of terminal ${n} would begin next spring.`,
  }));

/** A guesser that never answers and does not listen to the signal either; `asked` resolves when it is asked. */
function stuck(): { guesser: LanguageGuesser; asked: Promise<void> } {
  let told!: () => void;
  const asked = new Promise<void>((r) => (told = r));
  return {
    asked,
    guesser: {
      guess: () => {
        told();
        return new Promise(() => undefined);
      },
    },
  };
}

forEachDialect((d) => {
  describe(`a language guess that fails (${d.name})`, () => {
    let srv: FixtureServer;
    let store: Store;
    before(async () => {
      srv = await startFixtureServer({
        ...Object.fromEntries(
          ['a', 'b', 'c'].map((at) => [
            `/${at}.xml`,
            { headers: { 'content-type': 'application/rss+xml' }, body: rssFeed('Harbour Town Courier', items(at)) },
          ]),
        ),
      });
      store = await d.open();
    });
    after(async () => {
      await store.close();
      await srv.close();
    });

    const check = async (url: string, guesser: LanguageGuesser, signal?: AbortSignal) => {
      const { source } = await store.sources.add({ url });
      const r = await refreshSource((await store.sources.get(source.id))!, {
        store,
        fetcher: loopbackFetcher(),
        policy: POLICY,
        log,
        guesser,
        ...(signal ? { signal } : {}),
      });
      const stored = (await store.entries.list({ sourceId: source.id, limit: 10 })).items;
      return { r, stored, source: (await store.sources.get(source.id))! };
    };

    test('a guess that rejects: the entries are saved without a language and the check is fetched', async () => {
      const failing: LanguageGuesser = { guess: () => Promise.reject(new Error('the model could not be loaded')) };
      const { r, stored, source } = await check(`${srv.url}/a.xml`, failing);
      assert.equal(r.outcome.kind, 'fetched', JSON.stringify(r.outcome));
      assert.equal(r.inserted.length, 3);
      assert.deepEqual(
        stored.map((e) => [e.lang, e.langGuessed ?? false]),
        stored.map(() => [null, false]),
      );
      assert.equal(source.errorCount, 0);
    });

    test('a worker thread that ends mid-guess: the entries are saved without a language', { timeout: 120_000 }, async () => {
      const guesser = new WorkerLanguageGuesser({ workerUrl });
      try {
        // The first item's headline is "exit": the stand-in worker ends on it.
        const { r, stored } = await check(`${srv.url}/b.xml`, {
          guess: (texts, signal) => guesser.guess([texts[0]!.split('\n')[0]!, ...texts.slice(1)], signal),
        });
        assert.equal(r.outcome.kind, 'fetched', JSON.stringify(r.outcome));
        assert.equal(stored.length, 3);
        assert.ok(stored.every((e) => e.lang === null));
      } finally {
        await guesser.close();
      }
    });

    test('a guess that never answers is given up when the check is stopped; the entries are saved', { timeout: 120_000 }, async () => {
      const s = stuck();
      const stop = new AbortController();
      void s.asked.then(() => stop.abort(new Error('stopping')));
      const { r, stored } = await check(`${srv.url}/c.xml`, s.guesser, stop.signal);
      assert.equal(r.inserted.length, 3);
      assert.equal(stored.length, 3);
      assert.ok(stored.every((e) => e.lang === null));
    });
  });
});
