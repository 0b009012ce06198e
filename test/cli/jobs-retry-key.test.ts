// `newsdesk jobs retry` of a dead full-text retry: it goes back holding its pending key, so the
// desk cannot queue a second read of the entry beside it; and while another job holds the key the
// dead one stays dead, the operator told which job does the work (exit status 1 when asked by id).
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { EXTRACT_ENTRY, extractEntryPayload, extractEntryPendingKey } from '../../src/jobs/extract-entry.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { runCli } from '../helpers/run-cli.js';

test('jobs retry: a dead full-text retry goes back with its key; one whose key is held stays dead and is named', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'newsdesk-retry-key-')), 'n.db');
  const job = (entryId: number) => ({
    kind: EXTRACT_ENTRY,
    payload: extractEntryPayload(entryId),
    pendingKey: extractEntryPendingKey(entryId),
    maxAttempts: 1,
  });
  let store = await SqliteStore.open({ path: db });
  const dead = (await store.jobs.enqueue(job(11))).job;
  const other = (await store.jobs.enqueue(job(12))).job;
  for (const j of await store.jobs.claim(await store.clock.now(), 10, 'w', 60_000, [EXTRACT_ENTRY]))
    await store.jobs.fail(j.id, 'w', 'the page could not be fetched', null, Date.now());
  // The editor pressed "Retry full text" for entry 11 meanwhile.
  const holder = (await store.jobs.enqueue(job(11))).job;
  await store.close();

  const refused = await runCli(['jobs', 'retry', String(dead.id), '--db', db]);
  assert.equal(refused.code, 1, refused.stderr);
  assert.match(refused.stdout, /^0 jobs queued again$/m);
  assert.match(
    refused.stderr,
    new RegExp(`job ${dead.id} left dead: job ${holder.id} holds its pending key extract-entry:11 and does the same work`),
  );

  const put = await runCli(['jobs', 'retry', String(other.id), '--db', db]);
  assert.equal(put.code, 0, put.stderr);
  assert.match(put.stdout, /^1 job queued again$/m);
  store = await SqliteStore.open({ path: db });
  try {
    assert.equal((await store.jobs.get(dead.id))?.state, 'dead');
    const back = await store.jobs.get(other.id);
    assert.deepEqual([back?.state, back?.pendingKey], ['queued', extractEntryPendingKey(12)]);
    // The desk's press for entry 12 now finds it queued and adds nothing.
    assert.deepEqual(await store.jobs.enqueue(job(12)), { job: back, created: false });
  } finally {
    await store.close();
  }
});
