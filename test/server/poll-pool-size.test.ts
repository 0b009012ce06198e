// The scheduler's parse pool (pollParser, the composition root's) has `pollParseWorkers` workers
// (default 2), and a source's own pages (sitemap files, listing pages) hold all but one of them:
// a feed's parse is not queued behind a big sitemap's. A big sitemap file A, then a small one B,
// then a small feed C are asked for together; the order in which they settle is the test, never
// their durations (the `timeout`s are hang guards). On main the pool had one worker: A, B, C.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../src/config/load.js';
import { pollParser } from '../../src/server/poll-parser.js';
import { newsSitemap } from '../helpers/huge-feed.js';

const feed = Buffer.from(
  '<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title><link>https://quiet.example/</link><item><guid>q1</guid><title>Q</title><link>https://quiet.example/q1</link></item></channel></rss>',
);

test('pollParseWorkers: 2 by default, from 1 to 16', () => {
  assert.equal(loadConfig({ env: {} }).pollParseWorkers, 2);
  assert.equal(loadConfig({ env: { NEWSDESK_POLL_PARSE_WORKERS: '3' } }).pollParseWorkers, 3);
  assert.throws(() => loadConfig({ env: { NEWSDESK_POLL_PARSE_WORKERS: '0' } }), /pollParseWorkers.*from 1 to 16/);
  assert.throws(() => loadConfig({ env: { NEWSDESK_POLL_PARSE_WORKERS: '17' } }), /pollParseWorkers.*from 1 to 16/);
});

/** A (big sitemap), B (small sitemap) and C (feed) asked of the pool pollParser builds from `env`, in the order they settle. */
async function settleOrder(env: Record<string, string>): Promise<string[]> {
  const pool = pollParser(loadConfig({ env, overrides: { totalTimeoutMs: 170_000 } }));
  const events: string[] = [];
  const note = (name: string, p: Promise<unknown>): Promise<void> =>
    p.then(
      () => void events.push(name),
      (err: unknown) => void events.push(`${name} failed: ${String(err)}`),
    );
  try {
    const a = note(
      'A sitemap (big)',
      pool.read({ op: 'sitemap-file', doc: { bytes: newsSitemap(100_000), url: 'https://big.example/sitemap.xml' } }),
    );
    const b = note(
      'B sitemap (small)',
      pool.read({ op: 'sitemap-file', doc: { bytes: newsSitemap(3), url: 'https://small.example/sitemap.xml' } }),
    );
    const c = note('C feed', pool.parse({ bytes: feed, url: 'https://quiet.example/feed', now: Date.now() }));
    await Promise.all([a, b, c]);
    return events;
  } finally {
    await pool.close();
  }
}

test('by default a feed is parsed while a big sitemap is, and a second sitemap waits for the first', { timeout: 180_000 }, async () => {
  assert.deepEqual(await settleOrder({}), ['C feed', 'A sitemap (big)', 'B sitemap (small)']);
});

test('with NEWSDESK_POLL_PARSE_WORKERS=1 there is one queue, in order (main’s pool)', { timeout: 180_000 }, async () => {
  assert.deepEqual(await settleOrder({ NEWSDESK_POLL_PARSE_WORKERS: '1' }), ['A sitemap (big)', 'B sitemap (small)', 'C feed']);
});
