// Compiles a topic set into one automaton and answers "which topics does this article match,
// where, and why". The result is plain JSON-ready data, so the pipeline can store it as is:
//
//   const matcher = compileTopics(topics);
//   const hits = matcher.match({ title, text });   // [{ id, matches: [...] }], only matching topics
import type { MatchReason, MatchVia, PhraseHit } from './automaton.js';
import { PhraseAutomaton } from './automaton.js';
import type { TopicDefinition } from './definition.js';
import { aliasFamily, buildPattern, joinedVariants, zwnjSplit } from './pattern.js';
import type { QueryField, QueryNode } from './query/ast.js';

export type { MatchReason, MatchVia } from './automaton.js';
export type MatchField = QueryField;

export interface ArticleInput {
  title?: string | null | undefined;
  text?: string | null | undefined;
}

export interface TopicMatch {
  field: MatchField;
  /** UTF-16 code-unit offsets into the original field. */
  start: number;
  end: number;
  /** The original text between start and end. */
  text: string;
  /** The alias, acronym or query term (as written in the topic) that matched. */
  alias: string;
  /** Entity id, for alias and acronym matches. */
  entity?: string;
  reason: MatchReason;
  /** What the text was read through, when not as written: a hashtag, a line-break hyphen, look-alike letters. */
  via?: MatchVia;
}

export interface TopicHit {
  id: string;
  /**
   * The matches kept (at most MATCHES_KEPT in reading order, plus the first place of each name
   * form past them; see keptMatches), in reading order: title first, then text.
   */
  matches: TopicMatch[];
  /** How many matches the article holds: `matches.length` or more. */
  total: number;
}

/**
 * How many matches of a topic an article keeps in reading order (p-matchcap). What reads them: the
 * "Why this story?" page lists each as a row with its context, the topic page marks the title's and
 * puts the first of the text's in context, an alert quotes the first of the text's, the API hands
 * them out. Twenty-five rows is a full page to read and more than a headline or a lead holds; past
 * that, more places of the same name tell a reader nothing new, only the count does (`total`).
 */
export const MATCHES_KEPT = 25;

export interface TopicMatcher {
  readonly topics: readonly TopicDefinition[];
  /** Topics the article matches, in definition order; empty when none. */
  match(article: ArticleInput): TopicHit[];
  /** Size of the compiled automaton, for diagnostics. */
  readonly stats: { phrases: number; acronyms: number; nodes: number };
}

type Role = 'alias' | 'acronym' | 'context' | 'places' | 'related' | 'term';

interface Group {
  topic: number;
  role: Role;
  /** Entity index for alias/acronym/context groups, else -1. */
  entity: number;
}

interface Occurrence {
  group: number;
  field: MatchField;
  first: number;
  last: number;
  start: number;
  end: number;
  alias: string;
  reason: MatchReason;
  via: MatchVia | undefined;
}

interface CompiledTopic {
  def: TopicDefinition;
  aliasGroups: number[];
  acronymGroups: number[];
  contextGroups: number[];
  places: number;
  related: number;
  terms: Map<QueryNode, number>;
}

interface EvalResult {
  ok: boolean;
  occ: Occurrence[];
}

const FIELDS: MatchField[] = ['title', 'text'];

export function compileTopics(topics: readonly TopicDefinition[]): TopicMatcher {
  const automaton = new PhraseAutomaton();
  const groups: Group[] = [];
  const compiled: CompiledTopic[] = [];
  const group = (topic: number, role: Role, entity = -1): number => groups.push({ topic, role, entity }) - 1;
  const addPhrases = (texts: Iterable<string>, g: number, family = false): void => {
    for (const text of new Set(texts)) {
      const p = buildPattern(text, g);
      if (typeof p === 'string') throw new Error(`cannot match "${text}": ${p}`);
      const split = zwnjSplit(text, p);
      for (const base of split === null ? [p] : [p, split]) {
        for (const member of family ? aliasFamily(base) : [base]) {
          automaton.addPhrase(member);
          for (const joined of joinedVariants(member)) automaton.addPhrase(joined);
        }
      }
    }
  };

  topics.forEach((def, ti) => {
    const ct: CompiledTopic = {
      def,
      aliasGroups: [],
      acronymGroups: [],
      contextGroups: [],
      places: group(ti, 'places'),
      related: group(ti, 'related'),
      terms: new Map(),
    };
    def.entities.forEach((e, ei) => {
      const ag = group(ti, 'alias', ei);
      addPhrases([e.name, ...e.aliases], ag, true);
      const acg = group(ti, 'acronym', ei);
      for (const a of new Set(e.acronyms)) automaton.addAcronym(a, acg);
      const cg = group(ti, 'context', ei);
      addPhrases(e.context, cg);
      ct.aliasGroups.push(ag);
      ct.acronymGroups.push(acg);
      ct.contextGroups.push(cg);
    });
    addPhrases(def.places, ct.places);
    addPhrases(def.related, ct.related);
    if (def.queryTree) {
      const visit = (n: QueryNode): void => {
        switch (n.kind) {
          case 'term': {
            const g = group(ti, 'term');
            addPhrases([n.text], g);
            ct.terms.set(n, g);
            break;
          }
          case 'ref':
            break;
          case 'and':
          case 'or':
            n.items.forEach(visit);
            break;
          case 'not':
          case 'field':
            visit(n.item);
            break;
          case 'near':
            visit(n.left);
            visit(n.right);
            break;
        }
      };
      visit(def.queryTree);
    }
    compiled.push(ct);
  });

  const hits: PhraseHit[] = [];
  const NO_HITS = new Map<number, Occurrence[]>();

  function collect(article: ArticleInput): Map<number, Occurrence[]> {
    let byGroup = NO_HITS;
    for (const field of FIELDS) {
      const text = article[field];
      if (typeof text !== 'string' || text.length === 0) continue;
      hits.length = 0;
      automaton.scan(text, hits);
      if (hits.length > 0 && byGroup === NO_HITS) byGroup = new Map();
      for (const h of hits) {
        const isAcronym = h.reason === 'acronym';
        let g: number;
        let alias: string;
        if (isAcronym) {
          const a = automaton.acronyms[h.pattern];
          if (a === undefined) continue;
          g = a.group;
          alias = a.surface;
        } else {
          const p = automaton.patterns[h.pattern];
          if (p === undefined) continue;
          g = p.group;
          alias = p.text;
        }
        const occ: Occurrence = {
          group: g,
          field,
          first: h.firstWord,
          last: h.lastWord,
          start: h.start,
          end: h.end,
          alias,
          reason: h.reason,
          via: h.via,
        };
        const list = byGroup.get(g);
        if (list === undefined) byGroup.set(g, [occ]);
        else list.push(occ);
      }
    }
    return byGroup;
  }

  return {
    topics,
    stats: { phrases: automaton.patterns.length, acronyms: automaton.acronyms.length, nodes: automaton.nodeCount },
    match(article: ArticleInput): TopicHit[] {
      const byGroup = collect(article);
      if (byGroup.size === 0) return [];
      const touched = new Set<number>();
      for (const g of byGroup.keys()) touched.add((groups[g] as Group).topic);
      const result: TopicHit[] = [];
      for (let ti = 0; ti < compiled.length; ti++) {
        if (!touched.has(ti)) continue;
        const ct = compiled[ti] as CompiledTopic;
        let occ: Occurrence[];
        if (ct.def.queryTree) {
          const r = evaluate(ct, ct.def.queryTree, null, byGroup);
          if (!r.ok || r.occ.length === 0) continue;
          occ = r.occ;
        } else {
          occ = [];
          for (let ei = 0; ei < ct.def.entities.length; ei++) append(occ, entityOccurrences(ct, ei, byGroup));
          if (occ.length === 0) continue;
        }
        result.push({ id: ct.def.id, ...toMatches(ct, occ, article, groups) });
      }
      return result;
    },
  };
}

/**
 * Appends `items` to `list`. Not `list.push(...items)`: that passes every item as an argument,
 * and a 1 MB article naming an entity 150,000 times overflowed the stack (RangeError) and failed
 * the tagging of its whole batch (r-topics).
 */
function append<T>(list: T[], items: readonly T[]): void {
  for (const x of items) list.push(x);
}

/** An entity's occurrences: its aliases, and its acronyms when something corroborates them. */
function entityOccurrences(ct: CompiledTopic, ei: number, byGroup: Map<number, Occurrence[]>): Occurrence[] {
  const aliases = byGroup.get(ct.aliasGroups[ei] as number) ?? [];
  const acronyms = byGroup.get(ct.acronymGroups[ei] as number);
  if (acronyms === undefined) return aliases;
  // Acronyms collide (MEK is also a solvent): they count only with corroboration.
  const corroborated =
    aliases.length > 0 ||
    byGroup.has(ct.contextGroups[ei] as number) ||
    byGroup.has(ct.places) ||
    new Set(acronyms.map((o) => o.alias)).size >= 2;
  return corroborated ? aliases.concat(acronyms) : aliases;
}

/** Whether `node` of the topic's query holds for the article, and the occurrences that make it hold. */
function evaluate(ct: CompiledTopic, node: QueryNode, scope: MatchField | null, byGroup: Map<number, Occurrence[]>): EvalResult {
  const scoped = (occ: Occurrence[]): EvalResult => {
    const list = scope === null ? occ : occ.filter((o) => o.field === scope);
    return { ok: list.length > 0, occ: list };
  };
  switch (node.kind) {
    case 'term':
      return scoped(byGroup.get(ct.terms.get(node) as number) ?? []);
    case 'ref': {
      if (node.name === 'places') return scoped(byGroup.get(ct.places) ?? []);
      if (node.name === 'related') return scoped(byGroup.get(ct.related) ?? []);
      const ei = ct.def.entities.findIndex((e) => e.id === node.name);
      return scoped(ei < 0 ? [] : entityOccurrences(ct, ei, byGroup));
    }
    case 'and': {
      const occ: Occurrence[] = [];
      for (const item of node.items) {
        const r = evaluate(ct, item, scope, byGroup);
        if (!r.ok) return { ok: false, occ: [] };
        append(occ, r.occ);
      }
      return { ok: true, occ };
    }
    case 'or': {
      const occ: Occurrence[] = [];
      let ok = false;
      for (const item of node.items) {
        const r = evaluate(ct, item, scope, byGroup);
        if (r.ok) {
          ok = true;
          append(occ, r.occ);
        }
      }
      return { ok, occ };
    }
    case 'not':
      return { ok: !evaluate(ct, node.item, scope, byGroup).ok, occ: [] };
    case 'field':
      return evaluate(ct, node.item, node.field, byGroup);
    case 'near': {
      const l = evaluate(ct, node.left, scope, byGroup);
      if (!l.ok) return l;
      const r = evaluate(ct, node.right, scope, byGroup);
      if (!r.ok) return r;
      const used = nearPairs(l.occ, r.occ, node.distance);
      return { ok: used.size > 0, occ: [...used] };
    }
  }
}

/**
 * The occurrences of `left` and `right` that have one of the other side in the same field with
 * at most `distance` words between them. Comparing every pair made a 1 MB article of
 * "foo bar foo bar …" take minutes under `foo NEAR bar` (r-topics); each side now asks the other
 * one question in O(log n) (see `within`).
 */
function nearPairs(left: readonly Occurrence[], right: readonly Occurrence[], distance: number): Set<Occurrence> {
  const used = new Set<Occurrence>();
  for (const o of within(left, right, distance)) used.add(o);
  for (const o of within(right, left, distance)) used.add(o);
  return used;
}

/**
 * The occurrences `a` of `from` with some `b` of `to` in the same field such that at most
 * `distance` words separate them: b.first ≤ a.last + distance + 1 and b.last ≥ a.first − distance − 1.
 * `to` is sorted by first word with a running maximum of last words, so the question is one
 * binary search: among the b starting early enough, does the one ending latest end late enough?
 */
function within(from: readonly Occurrence[], to: readonly Occurrence[], distance: number): Occurrence[] {
  const out: Occurrence[] = [];
  for (const field of FIELDS) {
    const sorted = to.filter((b) => b.field === field).sort((a, b) => a.first - b.first);
    if (sorted.length === 0) continue;
    const maxLast = new Int32Array(sorted.length);
    let m = -1;
    sorted.forEach((b, i) => {
      m = Math.max(m, b.last);
      maxLast[i] = m;
    });
    for (const a of from) {
      if (a.field !== field) continue;
      // The number of b with b.first ≤ a.last + distance + 1.
      const limit = a.last + distance + 1;
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((sorted[mid] as Occurrence).first <= limit) lo = mid + 1;
        else hi = mid;
      }
      if (lo > 0 && (maxLast[lo - 1] as number) >= a.first - distance - 1) out.push(a);
    }
  }
  return out;
}

/**
 * The matches a topic reports: its occurrences, longest leftmost per field, with their text; kept as
 * keptMatches says, with the count of them all.
 */
function toMatches(
  ct: CompiledTopic,
  occ: Occurrence[],
  article: ArticleInput,
  groups: readonly Group[],
): { matches: TopicMatch[]; total: number } {
  // Longest leftmost per field: "People's Mojahedin Organization of Iran" hides the
  // "People's Mojahedin" inside it.
  const sorted = [...new Set(occ)].sort((a, b) =>
    a.field !== b.field ? (a.field === 'title' ? -1 : 1) : a.start - b.start || b.end - a.end,
  );
  const reading: Occurrence[] = [];
  let lastField: MatchField | null = null;
  let lastEnd = -1;
  for (const o of sorted) {
    if (o.field !== lastField) {
      lastField = o.field;
      lastEnd = -1;
    }
    if (o.start < lastEnd) continue;
    lastEnd = o.end;
    reading.push(o);
  }
  const entityOf = (o: Occurrence): string | undefined => {
    const g = groups[o.group] as Group;
    return g.entity >= 0 ? (ct.def.entities[g.entity] as { id: string }).id : undefined;
  };
  const toMatch = (o: Occurrence): TopicMatch => {
    const src = article[o.field] ?? '';
    const m: TopicMatch = { field: o.field, start: o.start, end: o.end, text: src.slice(o.start, o.end), alias: o.alias, reason: o.reason };
    const entity = entityOf(o);
    if (entity !== undefined) m.entity = entity;
    if (o.via !== undefined) m.via = o.via;
    return m;
  };
  return {
    matches: keptMatches(reading, entityOf, (o) => (article[o.field] ?? '').slice(o.start, o.end)).map(toMatch),
    total: reading.length,
  };
}

/**
 * Which matches (in reading order) an article keeps, so its stored tag stays bounded whatever the
 * article repeats (p-matchcap: a 1 MB article naming an entity 170,000 times stored 18.7 MB of
 * matches in one tag row): the first MATCHES_KEPT; then, past them, the first place of each alias
 * (entity, alias or term, reason) not yet kept, as many as the topic has, so every entity and
 * alias that matched is still named (the story clusterer's entities, an alert's "Matched:", the
 * desk's preview); then the first place of each further way a name is written (the clusterer's
 * entity names), at most MATCHES_KEPT of them. So at most 2 × MATCHES_KEPT plus the topic's own
 * aliases, and an article's usual handful of matches is kept whole.
 */
function keptMatches(
  reading: readonly Occurrence[],
  entityOf: (o: Occurrence) => string | undefined,
  textOf: (o: Occurrence) => string,
): Occurrence[] {
  if (reading.length <= MATCHES_KEPT) return [...reading];
  const kept = new Set<Occurrence>(reading.slice(0, MATCHES_KEPT));
  const aliasKey = (o: Occurrence): string => `${entityOf(o) ?? ''}\u0000${o.alias}\u0000${o.reason}`;
  const formKey = (o: Occurrence): string => `${entityOf(o) ?? ''}\u0000${textOf(o)}`;
  const aliases = new Set<string>();
  const forms = new Set<string>();
  for (const o of kept) {
    aliases.add(aliasKey(o));
    forms.add(formKey(o));
  }
  for (const o of reading) {
    const k = aliasKey(o);
    if (aliases.has(k)) continue;
    aliases.add(k);
    forms.add(formKey(o));
    kept.add(o);
  }
  let more = 0;
  for (const o of reading) {
    if (more >= MATCHES_KEPT) break;
    const k = formKey(o);
    if (forms.has(k)) continue;
    forms.add(k);
    kept.add(o);
    more++;
  }
  return reading.filter((o) => kept.has(o));
}
