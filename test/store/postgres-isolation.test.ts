// The store's PostgreSQL connections run their transactions at READ COMMITTED whatever default the
// server, the role or the address sets: the language counts' fold (migration 33) only runs at that
// level, and the fenced writes reason at it. The address here asks for SERIALIZABLE through its
// `options` parameter, as an operator's address or a server's default might. Runs when
// NEWSDESK_TEST_POSTGRES_URL names a database; creates nothing in it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPool } from '../../src/store/postgres/db.js';

const url = process.env.NEWSDESK_TEST_POSTGRES_URL;

/** The address with `options` asking for another default isolation level. */
function stricterDefault(u: string): string {
  const address = new URL(u);
  address.searchParams.set('options', '-c default_transaction_isolation=serializable');
  return address.toString();
}

test('PostgreSQL store connections run transactions at READ COMMITTED under a stricter default', async (t) => {
  if (!url) return t.skip('NEWSDESK_TEST_POSTGRES_URL is not set');
  const address = stricterDefault(url);
  const errors: Error[] = [];
  const pool = createPool(address, undefined, 2, (err) => errors.push(err));
  try {
    // Two connections held at once, so that both a first and a second connection are asked.
    const [a, b] = [await pool.connect(), await pool.connect()];
    try {
      for (const c of [a, b]) {
        await c.query('BEGIN');
        const level = (await c.query<{ transaction_isolation: string }>('SHOW transaction_isolation')).rows[0];
        await c.query('COMMIT');
        assert.equal(level?.transaction_isolation, 'read committed');
      }
      // A transaction that names its level still gets it (the copy tool's snapshot).
      await a.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      const named = (await a.query<{ transaction_isolation: string }>('SHOW transaction_isolation')).rows[0];
      await a.query('COMMIT');
      assert.equal(named?.transaction_isolation, 'repeatable read');
      // The address's option did reach the server: the value the connection started with (what
      // RESET would give back) is the stricter one.
      const started = (
        await a.query<{ reset_val: string }>("SELECT reset_val FROM pg_settings WHERE name = 'default_transaction_isolation'")
      ).rows[0];
      assert.equal(started?.reset_val, 'serializable', 'the address set a stricter default');
    } finally {
      a.release();
      b.release();
    }
  } finally {
    await pool.end();
  }
  assert.deepEqual(errors, []);
});
