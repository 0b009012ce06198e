// The language guess runs on the entries a check inserts, not on every undeclared item it reads:
// a feed that names no language, polled again with nothing new, guesses nothing and loads no
// model; an item added since is the only one guessed. Observed through a counting scorer handed to
// the check as its guesser (RefreshDeps.guesser, detect-language.ts scorerGuesser), so this test
// process never loads the real model. Real HTTP on 127.0.0.1, both stores.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { type LanguageScorer, scorerGuesser } from '../../src/pipeline/detect-language.js';
import { refreshSource } from '../../src/pipeline/index.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { type FixtureServer, rssFeed, startFixtureServer } from '../helpers/fixture-server.js';
import { loopbackFetcher } from '../helpers/loopback-fetcher.js';

const POLICY = { defaultIntervalSeconds: 1800, minIntervalSeconds: 60, maxIntervalSeconds: 86400, maxBackoffSeconds: 86400 };
const log = pino({ level: 'silent' });

const ITEMS = [1, 2, 3].map((n) => ({
  guid: `g${n}`,
  title: `Harbour authority approves ferry terminal number ${n}`,
  link: `https://courier.example/${n}`,
  description: `The regional harbour authority said that construction of terminal ${n} would begin next spring.`,
}));
const LATER = {
  guid: 'g4',
  title: 'City council opens the rebuilt library on the square',
  link: 'https://courier.example/4',
  description: 'The library reopens after two years of work, with a reading room on the roof.',
};

/** A scorer that names English for every text, counting the loads and the texts it read. */
function counting(): { loads: number; texts: string[]; guesser: ReturnType<typeof scorerGuesser> } {
  const c = {
    loads: 0,
    texts: [] as string[],
    guesser: scorerGuesser(async () => {
      c.loads++;
      const scorer: LanguageScorer = {
        detect: (t) => (c.texts.push(t), { language: 'en', getScores: () => ({ en: 0.9, de: 0.2 }), isReliable: () => true }),
      };
      return scorer;
    }),
  };
  return c;
}

forEachDialect((d) => {
  describe(`the language guess of a feed that names no language (${d.name})`, () => {
    let srv: FixtureServer;
    let body = rssFeed('Harbour Town Courier', ITEMS);
    before(async () => {
      srv = await startFixtureServer({
        '/undeclared.xml': (_req, res) => {
          res.writeHead(200, { 'content-type': 'application/rss+xml' });
          res.end(body);
        },
      });
    });
    after(async () => {
      await srv.close();
    });

    test('guesses the new entries only: a poll with nothing new guesses nothing and loads nothing', async () => {
      const statements: string[] = [];
      const store: Store = await d.open({ onQuery: (sql) => statements.push(sql) });
      const fetcher = loopbackFetcher();
      const { source } = await store.sources.add({ url: `${srv.url}/undeclared.xml` });
      const check = async (c: ReturnType<typeof counting>): Promise<number> => {
        const r = await refreshSource((await store.sources.get(source.id))!, { store, fetcher, policy: POLICY, log, guesser: c.guesser });
        assert.equal(r.outcome.kind, 'fetched', JSON.stringify(r.outcome));
        return r.inserted.length;
      };

      const first = counting();
      assert.equal(await check(first), 3);
      assert.equal(first.loads, 1);
      assert.equal(first.texts.length, 3);
      const stored = (await store.entries.list({ sourceId: source.id, limit: 10 })).items;
      assert.deepEqual(
        stored.map((e) => [e.lang, e.langGuessed]),
        stored.map(() => ['en', true]),
      );

      // The same feed again: every item is stored already, so none is guessed and no model loads.
      const second = counting();
      statements.length = 0;
      assert.equal(await check(second), 0);
      assert.equal(second.loads, 0, 'a poll with nothing new loads no model');
      assert.deepEqual(second.texts, [], 'a poll with nothing new guesses nothing');
      // Which items are new is one read for the batch, not one per item.
      assert.equal(statements.filter((s) => s.includes('UNION ALL SELECT 2')).length, 1);

      // One item added: it alone is guessed.
      body = rssFeed('Harbour Town Courier', [LATER, ...ITEMS]);
      const third = counting();
      assert.equal(await check(third), 1);
      assert.equal(third.loads, 1);
      assert.equal(third.texts.length, 1);
      assert.match(third.texts[0]!, /rebuilt library/);
      await store.close();
    });
  });
});
