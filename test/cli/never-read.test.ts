// `newsdesk never-read count|queue`: the stories never read in full of the sources reading full
// text, counted per source (one grouped aggregate) and queued as the desk queues them (the same
// jobs and pending keys: never twice), optionally for one source, at most --limit; progress on
// stderr, a summary on stdout; a bad or unknown source id and a source reading no full text are
// said plainly; `help never-read` documents it.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { EXTRACT_ENTRY, extractEntryPendingKey } from '../../src/jobs/extract-entry.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/store.js';
import { newEntry } from '../helpers/entries.js';
import { runCli } from '../helpers/run-cli.js';

const AT = Date.UTC(2026, 11, 1);

const queuedIds = async (store: Store): Promise<number[]> =>
  (await store.jobs.list({ kind: EXTRACT_ENTRY, limit: 5000 })).map((j) => j.payload.entryId as number).sort((a, b) => a - b);

test('never-read count and queue: per source, one source, --limit, never twice, the errors and the help', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'newsdesk-never-read-')), 'n.db');
  let store: Store = await SqliteStore.open({ path: db });
  const short = (await store.sources.add({ url: 'https://short.example/feed.xml', title: 'Short wire', extractMode: 'short' })).source;
  const always = (await store.sources.add({ url: 'https://always.example/feed.xml', title: 'Always', extractMode: 'always' })).source;
  const off = (await store.sources.add({ url: 'https://off.example/feed.xml', title: 'Off', extractMode: 'off' })).source;
  const s = (
    await store.entries.saveBatch(short.id, [
      newEntry('S1', 'Short.', AT),
      newEntry('S2', 'Short.', AT + 1),
      newEntry('Long', 'word '.repeat(200), AT + 2),
    ])
  ).inserted;
  const a = (
    await store.entries.saveBatch(
      always.id,
      Array.from({ length: 620 }, (_, i) => newEntry(`A${i}`, 'word '.repeat(200), AT + 10 + i)),
    )
  ).inserted;
  await store.entries.saveBatch(off.id, [newEntry('O1', 'Short.', AT)]);
  // One read already queued (a desk press): neither counted nor queued again.
  await store.jobs.enqueue({ kind: EXTRACT_ENTRY, payload: { entryId: s[1]!.id }, pendingKey: extractEntryPendingKey(s[1]!.id) });
  await store.close();

  const count = await runCli(['never-read', 'count', '--db', db]);
  assert.equal(count.code, 0, count.stderr);
  assert.equal(
    count.stdout,
    `620\t#${always.id} Always <https://always.example/feed.xml>\n1\t#${short.id} Short wire <https://short.example/feed.xml>\n621 never read in full in all, over 2 sources\n`,
  );
  const one = await runCli(['never-read', 'count', '--source', String(short.id), '--db', db]);
  assert.equal(one.stdout, `1\t#${short.id} Short wire <https://short.example/feed.xml>\n`);
  const offCount = await runCli(['never-read', 'count', '--source', String(off.id), '--db', db]);
  assert.equal(offCount.code, 0);
  assert.equal(offCount.stdout, `0\t#${off.id} Off\n`);
  assert.match(offCount.stderr, /reads no full text \(extract mode "off"\): none of its stories is offered a read/);

  // One source, at most 1: its newest short teaser.
  const q1 = await runCli(['never-read', 'queue', '--source', String(short.id), '--limit', '1', '--db', db]);
  assert.equal(q1.code, 0, q1.stderr);
  assert.equal(q1.stdout, `queued 1 read in full of source ${short.id} (Short wire); still never read and not queued: 0\n`);
  // Every source, at most 550: in batches of 500, newest first, progress on stderr.
  const q2 = await runCli(['never-read', 'queue', '--limit', '550', '--db', db]);
  assert.equal(q2.code, 0, q2.stderr);
  assert.equal(q2.stdout, 'queued 550 reads in full; still never read and not queued: 70\n');
  assert.match(q2.stderr, /never-read: 550\/550 reads queued/);
  store = await SqliteStore.open({ path: db });
  try {
    const ids = await queuedIds(store);
    assert.equal(ids.length, 552);
    assert.ok(ids.includes(s[0]!.id) && ids.includes(s[1]!.id));
    // The 550 newest of the always source.
    assert.deepEqual(
      ids.filter((id) => a.some((e) => e.id === id)),
      a
        .map((e) => e.id)
        .slice(70)
        .sort((x, y) => x - y),
    );
  } finally {
    await store.close();
  }
  // The rest without a limit; then nothing is left and nothing is queued twice.
  const q3 = await runCli(['never-read', 'queue', '--db', db]);
  assert.equal(q3.stdout, 'queued 70 reads in full; still never read and not queued: 0\n');
  const q4 = await runCli(['never-read', 'queue', '--db', db]);
  assert.equal(q4.stdout, 'queued 0 reads in full; still never read and not queued: 0\n');
  store = await SqliteStore.open({ path: db });
  try {
    assert.equal((await queuedIds(store)).length, 622);
    assert.equal(new Set(await queuedIds(store)).size, 622);
  } finally {
    await store.close();
  }

  // Errors: an unknown source, a source id that is none, a source reading no full text, a bad limit.
  const unknown = await runCli(['never-read', 'queue', '--source', '999', '--db', db]);
  assert.equal(unknown.code, 1);
  assert.equal(unknown.stderr, 'newsdesk never-read: no source 999; "newsdesk sources" lists them\n');
  const bad = await runCli(['never-read', 'queue', '--source', 'wire', '--db', db]);
  assert.equal(bad.code, 2);
  assert.match(
    bad.stderr,
    /^newsdesk never-read: --source takes a source id, a whole number ≥ 1 \(not "wire"\)\n\nUsage: newsdesk never-read/,
  );
  const offQueue = await runCli(['never-read', 'queue', '--source', String(off.id), '--db', db]);
  assert.equal(offQueue.code, 1);
  assert.match(offQueue.stderr, /nothing to queue: source \d+ \(Off\) reads no full text/);
  const limit = await runCli(['never-read', 'queue', '--limit', '0', '--db', db]);
  assert.equal(limit.code, 2);
  assert.match(limit.stderr, /--limit takes a whole number ≥ 1/);
  const verb = await runCli(['never-read', '--db', db]);
  assert.equal(verb.code, 2);
  assert.match(verb.stderr, /say count or queue/);

  const help = await runCli(['help', 'never-read']);
  assert.equal(help.code, 0);
  assert.match(
    help.stdout,
    /^Usage: newsdesk never-read count \[--source ID\] \[--db DB\]\n {7}newsdesk never-read queue \[--source ID\] \[--limit N\] \[--db DB\]/,
  );
  const list = await runCli(['help']);
  assert.match(list.stdout, /\n {2}never-read {5}Count stories never read in full, per source, and queue their reads\n/);
});
