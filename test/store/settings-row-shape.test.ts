// A settings change applies to the row as the store reads it (r-leftovers): a settings value that
// is not a JSON object (an array, null, a scalar; on SQLite also JSON5 or malformed text, which its
// TEXT column can hold) is read as {} (rows.ts asObject), so a change is applied to {}. Before, the
// same change did three things: SQLite's json_set left an array or scalar as it was (the change
// lost, silently) and failed on malformed text; PostgreSQL's `-` failed on a scalar and its `||`
// appended the object to an array (lost again, as the row still read as {}). Both dialects now
// store the same object. The rows are written past the store, as a hand edit or an old tool would.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';

interface RawSqlite {
  db: { prepare(q: string): { run(...a: unknown[]): unknown; pluck(): { get(...a: unknown[]): unknown } } };
}
interface RawPostgres {
  pool: { query(q: string, p: unknown[]): Promise<{ rows: { settings: unknown }[] }> };
}

async function writeRaw(store: Store, id: number, text: string): Promise<void> {
  if (store.dialect === 'sqlite') (store as unknown as RawSqlite).db.prepare('UPDATE sources SET settings = ? WHERE id = ?').run(text, id);
  else await (store as unknown as RawPostgres).pool.query('UPDATE sources SET settings = $1::jsonb WHERE id = $2', [text, id]);
}

/** The stored value itself, parsed (not through the store's reader, which shows anything else as {}). */
async function readRaw(store: Store, id: number): Promise<unknown> {
  if (store.dialect === 'sqlite')
    return JSON.parse((store as unknown as RawSqlite).db.prepare('SELECT settings FROM sources WHERE id = ?').pluck().get(id) as string);
  return (await (store as unknown as RawPostgres).pool.query('SELECT settings FROM sources WHERE id = $1', [id])).rows[0]?.settings;
}

forEachDialect((d) => {
  test('a settings change on a row that is not a JSON object applies to {}, as the row is read', async () => {
    const store = await d.open();
    const { source } = await store.sources.add({ url: 'https://rows.example/news', kind: 'page' });
    const rows = ['[]', '[1, "selectors"]', 'null', '"text"', '5', ...(d.name === 'sqlite' ? ['{a: 1}', 'not json'] : [])];
    for (const row of rows) {
      await writeRaw(store, source.id, row);
      assert.deepEqual((await store.sources.get(source.id))?.settings, {}, `${row}: read as {}`);
      const patched = await store.sources.update(source.id, { settingsChanges: { selectors: { item: 'li' }, cursor: null } });
      assert.deepEqual(patched?.settings, { selectors: { item: 'li' } }, row);
      assert.deepEqual(await readRaw(store, source.id), { selectors: { item: 'li' } }, `${row}: stored`);
      // A removal alone leaves an object too.
      await writeRaw(store, source.id, row);
      await store.sources.finishCheck(source.id, { settingsChanges: { pendingMove: null } });
      assert.deepEqual(await readRaw(store, source.id), {}, `${row}: removal`);
    }
  });
});
