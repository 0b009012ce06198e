// A hook into a store's story repository for re-clustering tests: something happens between two
// of the run's batches (an editor's merge, a pipeline write), at a chosen batch.
import type { StoryRepo } from '../../src/store/stories.js';

/** Runs `act` before the run's `n`-th read of a batch (1-based): the run is between batches then. */
export function beforeRead(stories: Pick<StoryRepo, 'clusterInputs'>, n: number, act: () => Promise<void>): void {
  const read = stories.clusterInputs.bind(stories);
  let reads = 0;
  stories.clusterInputs = async (...args) => {
    if (++reads === n) await act();
    return read(...args);
  };
}
