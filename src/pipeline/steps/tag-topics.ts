// Topic tagging for newly stored entries: runs the compiled matcher over title and text, replaces
// the entry's topic tags, and queues alerts for the topics it matched.
// Re-tagging stored history (src/jobs/retag.ts) writes tags too but never queues alerts: old
// stories reaching a new topic's page is history, not news.
import { storedAlertSettings, type TopicAlerts } from '../../alerts/settings.js';
import { digestDueAt } from '../../alerts/schedule.js';
import type { Entry } from '../../domain/entry.js';
import type { NewDelivery } from '../../store/alerts.js';
import type { PipelineStep } from '../step.js';
import type { Store } from '../../store/store.js';
import type { TopicTag } from '../../store/topics.js';
import type { TopicMatcher } from '../../topics/matcher.js';
import { nextTurn } from '../turns.js';

export type EntryMatcher = Pick<TopicMatcher, 'match'>;

export interface TagOptions {
  /** Alert settings by topic; default: read from the stored topic definitions. */
  alerts?: Map<string, TopicAlerts>;
  now?: number;
}

export interface TagResult {
  /** Entries that matched at least one topic. */
  tagged: number;
  /** Outbox rows queued now (a row already queued for the same topic, entry and channel is not counted). */
  alertsQueued: number;
}

/** The tags the matcher gives an entry. */
export function matchEntry(matcher: EntryMatcher, entry: Pick<Entry, 'title' | 'text'>): TopicTag[] {
  return matcher.match({ title: entry.title, text: entry.text }).map((h) => ({ topicId: h.id, matches: h.matches, total: h.total }));
}

export async function tagEntries(
  store: Pick<Store, 'topics' | 'alerts'>,
  matcher: EntryMatcher,
  entries: readonly Entry[],
  opts: TagOptions = {},
): Promise<TagResult> {
  const now = opts.now ?? Date.now();
  let alerts = opts.alerts;
  const result: TagResult = { tagged: 0, alertsQueued: 0 };
  const queue: NewDelivery[] = [];
  const tagged: { entry: Entry; tags: TopicTag[] }[] = [];
  for (const entry of entries) {
    const tags = matchEntry(matcher, entry);
    tagged.push({ entry, tags });
    if (tags.length === 0) continue;
    result.tagged++;
    alerts ??= (await storedAlertSettings(store)).alerts;
    // Every matched topic is queued, not only newly added ones: the outbox's unique (topic, entry,
    // channel) drops repeats, so running this again is harmless.
    for (const { topicId } of tags) {
      const a = alerts.get(topicId);
      if (!a || now - entry.publishedAt > a.maxAgeHours * 3_600_000) continue;
      if (a.webhook) queue.push({ topicId, entryId: entry.id, channel: 'webhook', dueAt: now });
      if (a.email) queue.push({ topicId, entryId: entry.id, channel: 'email', dueAt: digestDueAt(now, a.email.every, a.email.hour) });
    }
  }
  // Matching and writing are two turns of the event loop (../turns.ts): readers are answered between.
  await nextTurn();
  // Alerts are queued before the tags are written: a crash in between then costs a tag (the next
  // re-tag restores it), never an alert.
  if (queue.length) result.alertsQueued = await store.alerts.enqueue(queue, now);
  // One write for the whole batch (a check's new entries), not a transaction per entry.
  await store.topics.setEntriesTopics(
    tagged.map(({ entry, tags }) => ({ entryId: entry.id, publishedAt: entry.publishedAt, tags })),
    now,
  );
  return result;
}

export interface TagStepOptions {
  /** Alert settings by topic (kept in step with the matcher); default: read from the store. */
  alerts?: () => Map<string, TopicAlerts> | undefined;
  /** Called after alerts were queued (e.g. AlertWorker.wake), so webhooks go out at once. */
  onQueued?: () => void;
}

/**
 * The "topics" pipeline step. `matcher` is asked on every run, so a reloaded topic set applies to
 * the next check at once (pass `() => registry.matcher`). Register it after full-text extraction,
 * so that tagging sees the article text and not only the feed's summary.
 */
export function tagTopicsStep(matcher: () => EntryMatcher | undefined, opts: TagStepOptions = {}): PipelineStep {
  return {
    name: 'topics',
    async run(entries, ctx) {
      const m = matcher();
      if (!m) return;
      const alerts = opts.alerts?.();
      const r = await tagEntries(ctx.store, m, entries, { now: ctx.now, ...(alerts ? { alerts } : {}) });
      if (r.alertsQueued > 0) opts.onQueued?.();
      ctx.log.debug({ sourceId: ctx.source.id, entries: entries.length, ...r }, 'topics tagged');
    },
  };
}
