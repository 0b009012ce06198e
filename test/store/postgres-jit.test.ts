// The store's pooled PostgreSQL connections run with JIT compilation off (c-hiddencost): in a store
// of one 50,000-entry story the topic counts spent ~0.2 s compiling statements that run in ~20 ms,
// and hiddenShare ~1 s (bench/hidden-share.ts; timing is the bench's, not this test's). Runs when
// NEWSDESK_TEST_POSTGRES_URL names a database, in a schema of its own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withRecordedPostgres } from '../helpers/recorded-postgres.js';

const url = process.env.NEWSDESK_TEST_POSTGRES_URL;

test('every pooled connection has jit off, whatever the server default', {
  skip: url ? false : 'NEWSDESK_TEST_POSTGRES_URL not set',
}, async () => {
  await withRecordedPostgres(url!, 'jit', async (store) => {
    // Both connections of the pool (poolSize 2), held at once so that neither is reused.
    const a = await store.pool.connect();
    const b = await store.pool.connect();
    try {
      for (const c of [a, b]) assert.equal((await c.query('SHOW jit')).rows[0]?.jit, 'off');
    } finally {
      a.release();
      b.release();
    }
  });
});
