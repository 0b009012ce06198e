// SIGTERM's stop while a check waits for its language guess (r2-langid2): the stop deadline gives
// the guess up, the check saves its new entries without a language and is recorded, and stop()
// returns. Before, the guess did not hear the stop: a guess that never answered held stop() (and
// `newsdesk worker`'s exit) for ever. The guesser here never answers and ignores the signal, so
// only the pipeline's own race can end it. Real HTTP on 127.0.0.1, SQLite; no timing assertion
// (the test's limit only bounds a hang).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LanguageGuesser } from '../../src/pipeline/detect-language.js';
import { rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { harness, type Harness } from '../ingest/harness.js';

describe('stopping while a language guess is pending', () => {
  let srv: FixtureServer;
  let h: Harness;
  let asked!: () => void;
  const guessAsked = new Promise<void>((r) => (asked = r));
  const stuck: LanguageGuesser = {
    guess: () => {
      asked();
      return new Promise(() => undefined);
    },
  };

  before(async () => {
    srv = await startFixtureServer({
      '/feed.xml': {
        headers: { 'content-type': 'application/rss+xml' },
        body: rssFeed(
          'Harbour Town Courier',
          [1, 2].map((n) => ({
            guid: `g${n}`,
            title: `Harbour authority approves ferry terminal number ${n}`,
            link: `https://stop-guess.example/${n}`,
            description: 'The regional harbour authority said that construction would begin next spring.',
          })),
        ),
      },
    });
    h = await harness({ stopDeadlineMs: 100 }, { guesser: stuck });
  });

  after(async () => {
    await h.close();
    await srv.close();
  });

  it('gives the guess up at the deadline, saves the entries without a language, and stops', { timeout: 120_000 }, async () => {
    const { source } = await h.store.sources.add({ url: `${srv.url}/feed.xml` });
    h.scheduler.start();
    await guessAsked;
    await h.scheduler.stop();
    const stored = (await h.store.entries.list({ sourceId: source.id, limit: 10 })).items;
    assert.equal(stored.length, 2);
    assert.ok(stored.every((e) => e.lang === null));
    const after = (await h.store.sources.get(source.id))!;
    assert.equal(after.errorCount, 0);
    assert.ok(after.lastCheckedAt !== null, 'the check was recorded');
  });
});
