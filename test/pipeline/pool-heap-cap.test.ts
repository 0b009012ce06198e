// A worker that reaches its heap cap fails its own job, with the catalogued reason, and is
// replaced; the process and the pool go on. Real workers with a real (small) cap, no mocks.
// A document over half the cap is not posted: with a 32 MB cap, a feed of some 40 MB grows the worker's
// heap past cap + 16 MB in one step (its text) and V8 aborts the whole process (FATAL ERROR:
// Reached heap limit): on main this file ends there, its test process killed (exit 134).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExtractMemoryError, IsolatedExtractor } from '../../src/ingest/extract/isolated.js';
import { ParseLimitError } from '../../src/ingest/parse/errors.js';
import { failureReason } from '../../src/pipeline/failure-reason.js';
import { ParsePool } from '../../src/pipeline/parse-pool.js';
import { MIN_WORKER_HEAP_MB } from '../../src/threads/heap-cap.js';
import { hugeFeed } from '../helpers/huge-feed.js';

const CAP_MB = 32;
const small = Buffer.from(
  '<?xml version="1.0"?><rss version="2.0"><channel><title>Small</title><link>https://small.example/</link><item><guid>a</guid><title>A</title><link>https://small.example/a</link></item></channel></rss>',
);

/** A feed of about `mb` MB (hugeFeed's items are some 200 bytes). */
function feedOf(mb: number): Buffer {
  const one = hugeFeed(1).length;
  const n = Math.floor((mb * 1024 * 1024) / (hugeFeed(2).length - one));
  return hugeFeed(n);
}

test('a feed that runs its worker out of heap fails with tooLarge; a fresh worker parses the next', { timeout: 180_000 }, async () => {
  const pool = new ParsePool({ size: 1, maxHeapMb: CAP_MB, hardLimitMs: 170_000 });
  try {
    const before = await pool.parse({ bytes: small, url: 'https://small.example/feed', now: Date.now() });
    assert.equal(before.items.length, 1);
    // Under half the cap, so it is posted; tens of thousands of items do not fit in 32 MB parsed.
    const big = feedOf(12);
    assert.ok(big.length <= (CAP_MB * 1024 * 1024) / 2);
    const err = await pool.parse({ bytes: big, url: 'https://huge.example/feed', now: Date.now() }).then(
      () => assert.fail('the feed fit in the cap'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof ParseLimitError, String(err));
    assert.match(err.message, /^parsing the feed needed more than 32 MB of memory; document abandoned$/);
    assert.equal(failureReason(err), 'tooLarge');
    const after = await pool.parse({ bytes: small, url: 'https://small.example/feed', now: Date.now() });
    assert.equal(after.items.length, 1);
    assert.notEqual(after.threadId, before.threadId, 'the worker that ran out was not replaced');
  } finally {
    await pool.close();
  }
});

test('a feed over half the cap is abandoned before it is posted (it aborted the process); the pool goes on', {
  timeout: 180_000,
}, async () => {
  const pool = new ParsePool({ size: 1, maxHeapMb: CAP_MB, hardLimitMs: 170_000 });
  try {
    const big = feedOf(36);
    const err = await pool.parse({ bytes: big, url: 'https://huge.example/feed', now: Date.now() }).then(
      () => assert.fail('the feed fit in the cap'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof ParseLimitError, String(err));
    assert.match(
      err.message,
      /^parsing the feed would need more than 32 MB of memory \(a \d+\.\d MB document, over half the parser's heap cap\); document abandoned$/,
    );
    assert.equal(failureReason(err), 'tooLarge');
    // A sitemap file read for a source is refused the same way, worded as a sitemap.
    await assert.rejects(
      pool.read({ op: 'sitemap-file', doc: { bytes: big, url: 'https://huge.example/sitemap.xml' } }),
      /^ParseLimitError: parsing the sitemap would need more/,
    );
    assert.equal((await pool.parse({ bytes: small, url: 'https://small.example/feed', now: Date.now() })).items.length, 1);
  } finally {
    await pool.close();
  }
});

test('a page over half the extractor’s cap is abandoned before it is posted; the next page works', { timeout: 180_000 }, async () => {
  const ex = new IsolatedExtractor({ maxHeapMb: CAP_MB, hardLimitMs: 170_000 });
  const page = (body: string) =>
    Buffer.from(`<html><head><title>T</title></head><body><article><h1>A headline here</h1>${body}</article></body></html>`);
  try {
    const big = page(`<p>${'Some words of a long story. '.repeat(700_000)}</p>`);
    await assert.rejects(ex.extract(big, 'https://big.example/a'), (err: unknown) => {
      assert.ok(err instanceof ExtractMemoryError, String(err));
      assert.match(err.message, /would need more than 32 MB of memory \(a 1\d\.\d MB page/);
      return true;
    });
    const ok = await ex.extract(page(`<p>${'Some words of a short story. '.repeat(40)}</p>`), 'https://small.example/a');
    assert.match(ok.text ?? '', /short story/);
  } finally {
    await ex.close();
  }
});

test('a heap cap below the floor is refused when the pool is built', () => {
  assert.equal(MIN_WORKER_HEAP_MB, 32);
  assert.throws(() => new ParsePool({ maxHeapMb: 16 }), /heap cap must be a whole number of MB, at least 32, not 16/);
  assert.throws(() => new IsolatedExtractor({ maxHeapMb: 8 }), RangeError);
  assert.doesNotThrow(() => new ParsePool({ maxHeapMb: 32 }));
});
