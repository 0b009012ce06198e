// Desk topics are edited as text in the topics-file schema. These helpers read that text (one
// topic, through the same parser as the file) and change it the way an editor would: adding an
// alias keeps the rest of the text — comments, order, quoting — as written.
import { parseDocument, stringify } from 'yaml';
import { parseTopics, topicError, type TopicDefinition, type TopicFileError } from '../../topics/definition.js';

export type OneTopic = { ok: true; topic: TopicDefinition; warnings: TopicFileError[] } | { ok: false; errors: TopicFileError[] };

/** The text as exactly one topic (the file's schema, errors placed at line and column). */
export function parseOneTopic(source: string): OneTopic {
  const parsed = parseTopics(source);
  if (!parsed.ok) {
    // A topic pasted on its own (`id: …` at the top, as a topic reads inside the file) is refused
    // as "not a list"; say what to change rather than what was expected.
    if (parsed.errors.length === 1 && parsed.errors[0]!.key === 'root.notList' && looksLikeOneTopic(source))
      return { ok: false, errors: [topicError({ key: 'topics.bareTopic' }, { line: 1, column: 1 })] };
    return parsed;
  }
  if (parsed.topics.length !== 1) return { ok: false, errors: [topicError({ key: 'topics.notOne' }, { line: 1, column: 1 })] };
  return { ok: true, topic: parsed.topics[0]!, warnings: parsed.warnings };
}

/** Whether the text's top level is a mapping with a topic's own keys (not a list, no "topics"). */
function looksLikeOneTopic(source: string): boolean {
  try {
    const root: unknown = parseDocument(source).toJS();
    return typeof root === 'object' && root !== null && !Array.isArray(root) && ('id' in root || 'name' in root || 'entities' in root);
  } catch {
    return false;
  }
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
