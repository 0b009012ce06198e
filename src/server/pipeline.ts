// The work behind a poll, assembled in one place: the topic set, the entry steps in their order
// (full text first, so tagging sees the article and not only the feed's summary; then topic
// tagging; then story clustering, which uses both), the readers by source kind, and the alert worker that delivers what tagging queued.
// `serve`, `demo` and `poll` all build it here; nothing registers itself anywhere else.
import { startAlertService, type AlertService } from '../alerts/service.js';
import type { Config } from '../config/options.js';
import type { Logger } from '../log/logger.js';
import { defaultReaders, type PipelineStep, type SourceReaders } from '../pipeline/index.js';
import { createExtractStep } from '../pipeline/steps/extract-full-text.js';
import { tagTopicsStep } from '../pipeline/steps/tag-topics.js';
import { clusterStoriesStep, StoryDesk } from '../pipeline/steps/cluster-stories.js';
import { OnlineStoryClusterer } from '../stories/clusterer.js';
import type { Store } from '../store/store.js';
import { startTopics, type TopicsRuntime } from './topics.js';
import { withDeskSettings } from './desk-readers.js';
import { politeFetcher, type HostGate } from '../jobs/politeness.js';

export interface Pipeline {
  /** Entry steps, in the order they run on newly stored entries. */
  readonly steps: readonly PipelineStep[];
  readonly readers: SourceReaders;
  /** The active topic set and its re-tagger (undefined when built without topics). */
  readonly topics: TopicsRuntime | undefined;
  /** The alert worker (undefined when this process does not deliver alerts). */
  readonly alerts: AlertService | undefined;
  /** Stops re-tagging and alert delivery and frees the extractor's worker threads. */
  close(): Promise<void>;
}

export interface PipelineOptions {
  store: Store;
  config: Config;
  log: Logger;
  /** Load topics, tag new entries and re-tag history (default true). */
  topics?: boolean;
  /** Deliver queued alerts from this process (default: when topics are on). */
  alerts?: boolean;
  /** Whether this process re-tags history when topics change (default always; see topics.ts). */
  retagHere?: () => boolean;
  /** Fetch and extract full text of new entries (default true; per source by its extract mode). */
  extract?: boolean;
  /** Group new entries into stories and mark copies (default true). */
  stories?: boolean;
  /** Article fetches go through this gate too (cluster-wide per-host slots and holds). */
  gate?: HostGate;
}

export async function buildPipeline(o: PipelineOptions): Promise<Pipeline> {
  const { store, config, log } = o;
  const topics =
    o.topics === false
      ? undefined
      : await startTopics({ store, config, log: log.child({ part: 'topics' }), ...(o.retagHere ? { retagHere: o.retagHere } : {}) });
  const alerts =
    (o.alerts ?? topics !== undefined)
      ? startAlertService(store, config, log.child({ part: 'alerts' }), topics ? () => topics.alerts : undefined)
      : undefined;
  const gate = o.gate;
  const extract =
    o.extract === false
      ? undefined
      : createExtractStep(config, gate ? { politeness: (f) => politeFetcher(f, gate), pacer: gate.pacer } : {});
  const steps: PipelineStep[] = [];
  if (extract) steps.push(extract);
  if (topics) {
    const { registry } = topics;
    steps.push(
      tagTopicsStep(() => (registry.topics.length ? registry.matcher : undefined), {
        alerts: () => topics.alerts,
        onQueued: () => alerts?.worker.wake(),
      }),
    );
  }
  // Last: clustering reads the tags (entity ids name one thing in every script) and the full text.
  if (o.stories !== false) steps.push(clusterStoriesStep(new StoryDesk({ create: (choice) => new OnlineStoryClusterer(choice) })));
  return {
    steps,
    readers: withDeskSettings(defaultReaders(), store, config, log),
    topics,
    alerts,
    async close() {
      await topics?.stop();
      await alerts?.stop();
      await extract?.close();
    },
  };
}
