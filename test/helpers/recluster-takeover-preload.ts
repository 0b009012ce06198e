// Loaded into a `newsdesk recluster` process by --import (test/jobs/recluster-lease.test.ts): when
// NEWSDESK_TEST_TAKEOVER is set ({ path, owner, job, batch }), the run is taken over by that
// holder at the start of its `batch`-th batch write, through a second connection to the SQLite
// file, 11 minutes ahead (past the run's lease). See recluster-takeover.ts.
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { SqliteStoryRepo } from '../../src/store/sqlite/stories.js';
import { onBatchWrite, takeOver } from './recluster-takeover.js';

const spec = process.env.NEWSDESK_TEST_TAKEOVER;
if (spec) {
  const { path, owner, job, batch } = JSON.parse(spec) as { path: string; owner: string; job: number | null; batch: number };
  onBatchWrite(SqliteStoryRepo.prototype, batch, async () => {
    const taker = await SqliteStore.open({ path });
    try {
      const ids = (await taker.stories.clusterInputs(null, 100_000, 0)).map((e) => e.entryId);
      await takeOver(taker, ids, { owner, job }, Date.now() + 11 * 60_000);
    } finally {
      await taker.close();
    }
  });
}
