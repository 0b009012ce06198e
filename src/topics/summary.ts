// What the pages show of a stored topic definition: its name, description, entities (for the
// explain view) and re-tag progress. The definition is stored as the user wrote it, so every
// field is read defensively.
import type { RetagProgress, TopicMatch } from '../domain/topic.js';

/** A stored topic as the pages need it: its definition as written and its re-tag progress. */
export interface TopicRecord {
  id: string;
  definition: unknown;
  retag: RetagProgress;
}
import { normalizeTerm } from '../text/normalize.js';

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

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function entityId(e: Record<string, unknown>, name: string): string {
  return (
    str(e.id) ??
    name
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
  );
}

export function topicInfo(rec: TopicRecord): TopicInfo {
  const d = (rec.definition && typeof rec.definition === 'object' ? rec.definition : {}) as Record<string, unknown>;
  const entities = (Array.isArray(d.entities) ? d.entities : [])
    .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
    .map((e) => {
      const name = str(e.name) ?? '';
      return { id: entityId(e, name), name, aliases: strs(e.aliases), acronyms: strs(e.acronyms), context: strs(e.context) };
    });
  return {
    id: rec.id,
    name: str(d.name) ?? rec.id,
    description: str(d.description),
    entities,
    places: strs(d.places),
    related: strs(d.related),
    query: str(d.query),
    retag: rec.retag,
  };
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
