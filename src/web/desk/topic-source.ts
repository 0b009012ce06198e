// Desk topics are edited as text in the topics-file schema. These helpers read that text (one
// topic, through the same parser as the file) and change it the way an editor would: adding an
// alias keeps the rest of the text — comments, order, quoting — as written.
import { parseDocument, stringify } from 'yaml';
import { parseTopics, topicError, type TopicDefinition, type TopicFileError } from '../../topics/definition.js';

export type OneTopic = { ok: true; topic: TopicDefinition; warnings: TopicFileError[] } | { ok: false; errors: TopicFileError[] };

/** The text as exactly one topic (the file's schema, errors placed at line and column). */
export function parseOneTopic(source: string): OneTopic {
  const parsed = parseTopics(source);
  if (!parsed.ok) return parsed;
  if (parsed.topics.length !== 1) return { ok: false, errors: [topicError({ key: 'topics.notOne' }, { line: 1, column: 1 })] };
  return { ok: true, topic: parsed.topics[0]!, warnings: parsed.warnings };
}

/** The text with `alias` added to the aliases of entity `entityId`; undefined when the entity is not found. */
export function addAlias(source: string, entityId: string, topic: TopicDefinition, alias: string): string | undefined {
  const index = topic.entities.findIndex((e) => e.id === entityId);
  if (index < 0) return undefined;
  const doc = parseDocument(source);
  const root: unknown = doc.toJS();
  const base: (string | number)[] = Array.isArray(root) ? [0] : ['topics', 0];
  const aliases = [...base, 'entities', index, 'aliases'];
  const current: unknown = doc.getIn(aliases);
  if (current === undefined || current === null) doc.setIn(aliases, doc.createNode([alias]));
  else if (typeof current === 'string') doc.setIn(aliases, doc.createNode([current, alias]));
  else doc.addIn(aliases, alias);
  return doc.toString();
}

export const NEW_TOPIC_TEMPLATE = stringify([
  {
    id: 'new-topic',
    name: 'New topic',
    description: '',
    entities: [{ name: 'Example Organisation', aliases: ['Example Org'], acronyms: [] }],
  },
]);
