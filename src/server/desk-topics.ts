// The running topic set is the topics file (or the stored set) plus the topics editors defined at
// the desk (store.desk). A desk topic with the id of a file topic replaces it: that is what
// adopting a file topic means. A desk topic that no longer checks (a schema change) is left out
// and logged, never allowed to stop the others.
import type { Logger } from '../log/logger.js';
import type { Store } from '../store/store.js';
import { formatTopicError, parseTopicsValue, type TopicDefinition } from '../topics/definition.js';

export async function withDeskTopics(store: Store, base: readonly TopicDefinition[], log: Logger): Promise<TopicDefinition[]> {
  const desk: TopicDefinition[] = [];
  for (const t of await store.desk.listTopics()) {
    const parsed = parseTopicsValue([t.definition]);
    if (parsed.ok) desk.push(...parsed.topics);
    else for (const e of parsed.errors) log.error(`${formatTopicError(e, `desk topic ${t.id}`)} (left out)`);
  }
  const ids = new Set(desk.map((t) => t.id));
  return [...base.filter((t) => !ids.has(t.id)), ...desk];
}
