// At start: one warning naming the sources that read one feed address under two spellings (stored
// before migration 46, which made every add path refuse a second spelling; p-dupsources). Only one
// of each group is polled; which to remove is the operator's decision, so the log says how.
import { sameFeedGroups } from '../domain/same-feed.js';
import type { Logger } from '../log/logger.js';
import type { Store } from '../store/store.js';

export async function warnSameFeeds(store: Store, log: Logger): Promise<void> {
  const groups = sameFeedGroups(await store.sources.sameFeeds());
  if (groups.length === 0) return;
  log.warn(
    {
      sameFeeds: groups.map((g) => ({ sources: g.ids, polled: g.polled, notPolled: g.ids.filter((id) => id !== g.polled) })),
    },
    'sources read the same feed address under two spellings (added before Newsdesk compared spellings): only "polled" is fetched. ' +
      'To keep one, remove the others ("newsdesk remove ID", or the desk\'s source page): a removed source\'s entries that the one kept ' +
      'also carried pass to it, the rest are deleted with it; removing the polled one deletes the entries only it read since',
  );
}
