// Which Store methods the contract suite calls. The method lists are checked against the
// interfaces by the compiler (a Record over the interface's method names: a method added to a
// repo and missing here, or listed here and gone from the repo, fails the build), and the stores
// the contract opens are wrapped in a Proxy that records every call, so a method no contract test
// calls on a dialect is reported by name.
import type { AlertRepo } from '../../src/store/alerts.js';
import type { CoordinationRepo } from '../../src/store/coordination.js';
import type { SearchRepo } from '../../src/store/search.js';
import type { EntryRepo, SourceRepo, Store } from '../../src/store/store.js';
import type { TopicRepo } from '../../src/store/topics.js';
import type { StoryRepo } from '../../src/store/stories.js';
import type { CurationRepo } from '../../src/store/curation.js';

/** The names of T's methods (its function-valued properties). */
type Methods<T> = { [K in keyof T]-?: T[K] extends (...args: never[]) => unknown ? K : never }[keyof T];

const SOURCES: Record<Methods<SourceRepo>, true> = {
  add: true,
  get: true,
  getByUrl: true,
  list: true,
  update: true,
  updateShown: true,
  remove: true,
  claimDue: true,
  renewLeases: true,
  finishCheck: true,
  setFeedMeta: true,
  getFeedMeta: true,
  getFeedMetas: true,
  nextDueAt: true,
  sameFeeds: true,
};

const ENTRIES: Record<Methods<EntryRepo>, true> = {
  saveBatch: true,
  newItems: true,
  get: true,
  getMany: true,
  texts: true,
  list: true,
  remove: true,
  setFullText: true,
  count: true,
  countsBySource: true,
  extractFailures: true,
  extractFailedIds: true,
  extractFailedCount: true,
  unreadIds: true,
  unreadCount: true,
  unreadIdsAll: true,
  unreadCountAll: true,
  unreadPage: true,
  unreadCountsBySource: true,
  notArticles: true,
  scan: true,
};

const SEARCH: Record<Methods<SearchRepo>, true> = {
  search: true,
  changeStamp: true,
  languages: true,
  teasers: true,
};

const TOPICS: Record<Methods<TopicRepo>, true> = {
  setEntryTopics: true,
  setEntriesTopics: true,
  retagBatch: true,
  entryTopics: true,
  tagsFor: true,
  countsPerDay: true,
  counts: true,
  latest: true,
  syncDefinitions: true,
  saveDefinition: true,
  removeDefinition: true,
  getDefinition: true,
  listDefinitions: true,
  retagPending: true,
  requestRetag: true,
  startRetag: true,
  recordRetag: true,
  finishRetag: true,
};

const ALERTS: Record<Methods<AlertRepo>, true> = {
  enqueue: true,
  claimDue: true,
  startBatch: true,
  settle: true,
  cancel: true,
  requeue: true,
  list: true,
  log: true,
  stats: true,
  nextDueAt: true,
};

const COORDINATION: Record<Methods<CoordinationRepo>, true> = { tryLead: true, tryHostSlot: true };

const STORIES: Record<Methods<StoryRepo>, true> = {
  assign: true,
  get: true,
  getMany: true,
  list: true,
  coverage: true,
  hiddenShare: true,
  firstShown: true,
  hiddenCopies: true,
  articles: true,
  copies: true,
  sightings: true,
  history: true,
  clusterInputs: true,
  unclusteredInputs: true,
  placedEntries: true,
  liveEntryIds: true,
  clusteredEntryIds: true,
  clusterInputsOf: true,
  clusterTurn: true,
  liveAmong: true,
  standIns: true,
  clear: true,
  reclusterProgress: true,
  clusterCheck: true,
  takeReclusterLease: true,
  releaseReclusterLease: true,
  startRecluster: true,
  recordRecluster: true,
  finishRecluster: true,
  merge: true,
  split: true,
};

const CURATION: Record<Methods<CurationRepo>, true> = {
  update: true,
  overrides: true,
  pinned: true,
  hidden: true,
  record: true,
  audit: true,
  auditFacets: true,
};

const STORE: Record<Methods<Store>, true> = { close: true };

type RepoName = 'sources' | 'entries' | 'search' | 'topics' | 'alerts' | 'stories' | 'coordination' | 'curation';

const REPOS: Record<RepoName, Record<string, true>> = {
  sources: SOURCES,
  entries: ENTRIES,
  search: SEARCH,
  topics: TOPICS,
  alerts: ALERTS,
  coordination: COORDINATION,
  stories: STORIES,
  curation: CURATION,
};

/** Every method of the Store contract, as "repo.method" (and "close"). */
export function storeMethods(): string[] {
  const out: string[] = [];
  for (const [repo, methods] of Object.entries(REPOS)) for (const m of Object.keys(methods)) out.push(`${repo}.${m}`);
  return [...out, ...Object.keys(STORE)];
}

/** `target` with each of its methods recording "prefix.name" in `calls` before it runs. */
function recording<T extends object>(target: T, prefix: string, calls: Set<string>): T {
  return new Proxy(target, {
    get(t, prop) {
      const v: unknown = Reflect.get(t, prop, t);
      if (typeof v !== 'function' || typeof prop !== 'string') return v;
      return (...args: unknown[]) => {
        calls.add(prefix ? `${prefix}.${prop}` : prop);
        return (v as (...a: unknown[]) => unknown).apply(t, args);
      };
    },
  });
}

/** The store with every repo method call (and close) recorded in `calls`. */
export function recordingStore(store: Store, calls: Set<string>): Store {
  const repos: Record<RepoName, object> = {
    sources: recording(store.sources, 'sources', calls),
    entries: recording(store.entries, 'entries', calls),
    search: recording(store.search, 'search', calls),
    topics: recording(store.topics, 'topics', calls),
    alerts: recording(store.alerts, 'alerts', calls),
    coordination: recording(store.coordination, 'coordination', calls),
    stories: recording(store.stories, 'stories', calls),
    curation: recording(store.curation, 'curation', calls),
  };
  return recording(
    new Proxy(store, {
      get: (t, prop) => (typeof prop === 'string' && prop in repos ? repos[prop as RepoName] : Reflect.get(t, prop, t)),
    }),
    '',
    calls,
  );
}
