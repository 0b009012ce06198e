// ParsePool's time limit is the document's: a worker's own start (loading its modules, slow on a
// busy machine or under tsx) is not counted against the first document it is given. A limit far
// below a cold start and far above a small document's parse: the first documents are read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ParsePool } from '../../src/pipeline/parse-pool.js';

test('a cold worker’s start does not count against the document’s time limit', { timeout: 120_000 }, async () => {
  const pool = new ParsePool({ size: 1, hardLimitMs: 250 });
  try {
    const title = await pool.read({ op: 'title', doc: { bytes: Buffer.from('<title>Cold start</title>'), url: 'https://e.example/' } });
    assert.equal(title, 'Cold start');
    const doc = await pool.parse({
      bytes: Buffer.from('<rss version="2.0"><channel><title>T</title><item><guid>1</guid><title>One</title></item></channel></rss>'),
      url: 'https://e.example/feed',
      now: Date.now(),
    });
    assert.equal(doc.entryCount, 1);
  } finally {
    await pool.close();
  }
});
