// SQLite (r-http): a source's checked writes — updateShown (the desk's "changed meanwhile" saves,
// the API's POST with If-Match) and remove(id, whole) (the API's DELETE with If-Match) — read the
// row, judge the condition and write in one transaction. The server's ingest thread writes the same
// file through its own connection (WAL), and a deferred transaction only reads until its first
// write: another connection could commit between the check and the write, and the write then
// failed with SQLITE_BUSY_SNAPSHOT (a 500 for the API's client, not the 412 or the write it was
// owed). They now begin IMMEDIATE: the other connection waits (busy_timeout), the check stands.
// PostgreSQL holds the row FOR UPDATE for the same (test/api/conditional.test.ts, interleaving).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../src/store/sqlite/index.js';

/** A store on a file, a second connection to it that never waits, and what that one managed. */
async function twoConnections() {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-checked-'));
  const store = await SqliteStore.open({ path: join(dir, 'desk.db') });
  const other = new Database(join(dir, 'desk.db'));
  other.pragma('busy_timeout = 0');
  const { source } = await store.sources.add({ url: 'https://checked.example/feed.xml', title: 'Ours' });
  /** The other connection renames the source (as the ingest thread writes a check's result). */
  const theirWrite = (): 'written' | 'waited' => {
    try {
      other.prepare('UPDATE sources SET title = ? WHERE id = ?').run('Theirs', source.id);
      return 'written';
    } catch (err) {
      assert.equal((err as { code?: string }).code, 'SQLITE_BUSY');
      return 'waited';
    }
  };
  const done = async (): Promise<void> => {
    other.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { store, id: source.id, theirWrite, done };
}

describe('SQLite: a source’s checked writes are one snapshot against other connections', () => {
  it('remove(id, whole): no other connection commits between the condition and the removal', async () => {
    const { store, id, theirWrite, done } = await twoConnections();
    let theirs: string | undefined;
    const out = await store.sources.remove(id, () => {
      theirs = theirWrite();
      return true;
    });
    assert.equal(theirs, 'waited');
    assert.equal(out.outcome, 'removed');
    assert.equal(await store.sources.get(id), undefined);
    await done();
  });

  it('updateShown with whole: no other connection commits between the condition and the write', async () => {
    const { store, id, theirWrite, done } = await twoConnections();
    let theirs: string | undefined;
    const out = await store.sources.updateShown(id, {
      extractMode: { to: 'always' },
      whole: () => {
        theirs = theirWrite();
        return true;
      },
    });
    assert.equal(theirs, 'waited');
    assert.equal(out?.unmet, false);
    assert.equal(out?.source.extractMode, 'always');
    assert.equal((await store.sources.get(id))?.title, 'Ours');
    await done();
  });
});
