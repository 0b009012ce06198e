// What the pages and the API show of a stored topic: its name, description, entities (for the
// explain view), query and re-tag progress. The stored definition is read by the one topics
// reader (definition.ts), so entity ids are the ones the matcher recorded on each match, and
// TopicInfo holds no alert settings: whatever is built from it cannot show a secret or an address.
import type { RetagProgress, TopicMatch } from '../domain/topic.js';
import { normalizeTerm } from '../text/normalize.js';
import { parseTopicsValue, type TopicDefinition } from './definition.js';
import { type PublicDefinition, publicDefinition } from './stored.js';

/** A stored topic as the pages need it: its stored definition and its re-tag progress. */
export interface TopicRecord {
  id: string;
  definition: unknown;
  retag: RetagProgress;
}

export interface EntityInfo {
  id: string;
  name: string;
  aliases: string[];
  acronyms: string[];
  context: string[];
}

export interface TopicInfo {
  id: string;
  name: string;
  description?: string | undefined;
  entities: EntityInfo[];
  places: string[];
  related: string[];
  query?: string | undefined;
  retag: RetagProgress;
}

/**
 * Stored definitions read by the topics reader, by their JSON. Reading one checks every alias
 * (~0.3 ms a topic); the API's topic list would pay that on every request, for definitions that
 * change only when the topics file does. Bounded: cleared when full.
 */
const checked = new Map<string, TopicDefinition | undefined>();
const CHECKED_MAX = 2000;

function readStored(definition: unknown): TopicDefinition | undefined {
  const key = JSON.stringify(definition) ?? 'null';
  if (checked.has(key)) return checked.get(key);
  const parsed = parseTopicsValue([definition]);
  const t = parsed.ok ? parsed.topics[0] : undefined;
  if (checked.size >= CHECKED_MAX) checked.clear();
  checked.set(key, t);
  return t;
}

export function topicInfo(rec: TopicRecord): TopicInfo {
  const t = readStored(rec.definition);
  // Only a definition written by hand into the database can fail here (the store receives checked
  // topics): show the topic by its id rather than fail the page.
  if (!t) return { id: rec.id, name: rec.id, entities: [], places: [], related: [], retag: rec.retag };
  return {
    id: rec.id,
    name: t.name,
    description: t.description || undefined,
    entities: t.entities.map((e) => ({ id: e.id, name: e.name, aliases: e.aliases, acronyms: e.acronyms, context: e.context })),
    places: t.places,
    related: t.related,
    query: t.query ?? undefined,
    retag: rec.retag,
  };
}

/** The stored definition as anyone may see it (names, query, description; never alert settings). */
export function shownDefinition(rec: Pick<TopicRecord, 'definition'>): PublicDefinition | undefined {
  const t = readStored(rec.definition);
  return t ? publicDefinition(t) : undefined;
}

/** Whole percent of history re-tagged, or undefined when the topic is up to date. */
export function retagPercent(p: RetagProgress): number | undefined {
  if (p.status === 'done') return undefined;
  if (p.status === 'pending' || p.total <= 0) return 0;
  return Math.min(99, Math.floor((100 * p.done) / p.total));
}

export const REASONS: Record<string, string> = {
  exact: 'exact: the name as written in the topic (after normalising case, accents, Arabic/Persian letter forms and punctuation)',
  variant: 'spelling variant: a transliteration of the name (vowels, kh/gh, izafe, doubled letters)',
  fuzzy: 'near spelling: a long word within a small edit distance of the name',
  acronym: 'acronym: matched case-sensitively as a whole word',
};

/**
 * Why an acronym counted: the first of its entity's context words or names that the story
 * contains (the matcher requires one; it does not store which). Compared after normalisation.
 */
export function acronymSupport(topic: TopicInfo, m: Pick<TopicMatch, 'entity'>, title: string, text: string): string | undefined {
  const e = topic.entities.find((x) => x.id === m.entity);
  if (!e) return undefined;
  const hay = ` ${normalizeTerm(`${title}\n${text}`)} `;
  for (const term of [e.name, ...e.aliases, ...e.context, ...topic.places]) {
    const n = normalizeTerm(term);
    if (n && hay.includes(` ${n} `)) return term;
  }
  for (const term of [...e.context, ...topic.places]) {
    const n = normalizeTerm(term);
    if (n && hay.includes(n)) return term;
  }
  const acr = new Set<string>();
  for (const a of e.acronyms)
    if (new RegExp(`(^|[^\\p{L}\\p{N}])${a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'u').test(`${title}\n${text}`))
      acr.add(a);
  return acr.size >= 2 ? [...acr].join(' + ') : undefined;
}
