// The running topic set is the topics file (or the stored set) plus the topics editors defined at
// the desk (store.desk). A desk topic with the id of a file topic replaces it: that is what
// adopting a file topic means. A desk topic that no longer checks (a schema change) is left out
// and logged, never allowed to stop the others.
import type { Logger } from '../log/logger.js';
import type { Store } from '../store/store.js';
import { formatTopicError, parseTopicsValue, type TopicDefinition } from '../topics/definition.js';
import { deskMayName } from '../topics/secret.js';

export async function withDeskTopics(
  store: Store,
  base: readonly TopicDefinition[],
  log: Logger,
  deskSecrets: readonly string[],
): Promise<TopicDefinition[]> {
  const desk: TopicDefinition[] = [];
  for (const t of await store.desk.listTopics()) {
    const parsed = parseTopicsValue([t.definition]);
    if (parsed.ok) desk.push(...parsed.topics.map((topic) => withListedSecret(topic, deskSecrets, log)));
    else
      for (const e of parsed.errors)
        log.error({ topic: t.id, problem: formatTopicError(e, `desk topic ${t.id}`) }, 'desk topic left out: it no longer checks');
  }
  const ids = new Set(desk.map((t) => t.id));
  return [...base.filter((t) => !ids.has(t.id)), ...desk];
}

/**
 * A desk topic's webhook signs only with a secret the operator listed (deskSecrets): the desk
 * refuses others when saving, and a topic saved before the list changed loses its webhook here,
 * with a line saying why, while its matching and e-mail alerts go on.
 */
function withListedSecret(topic: TopicDefinition, deskSecrets: readonly string[], log: Logger): TopicDefinition {
  const webhook = topic.alerts?.webhook;
  if (!topic.alerts || !webhook || deskMayName(webhook.secret, deskSecrets)) return topic;
  log.error(
    { topic: topic.id },
    'desk topic webhook left out: its secret is not one the operator listed in deskSecrets (NEWSDESK_DESK_SECRETS)',
  );
  const { webhook: _dropped, ...rest } = topic.alerts;
  return { ...topic, alerts: rest };
}
