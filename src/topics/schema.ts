// The shape of a topics file as zod schemas: each field's type, default and checks (a name the
// matcher can use, an id that fits in a URL, a query that parses and refers to real entities),
// and the one default entity id (slug.ts). definition.ts runs them and places each issue in the
// file; the messages here say what is wrong and what to write instead, as keys with parameters
// (issues.ts) so that the desk can say it in the editor's language.
import { z } from 'zod';
import { encodeIssue, patternIssue, type TopicField } from './issues.js';
import { countryForms } from '../text/places.js';
import { buildPattern } from './pattern.js';
import type { QueryNode } from './query/ast.js';
import { QuerySyntaxError, queryLeaves } from './query/ast.js';
import { parseQuery } from './query/parse.js';
import { slugify } from './slug.js';

export interface EntityDefinition {
  /** Referenced from queries as @id; defaults to slugify(name). */
  id: string;
  /** Canonical name; also matched like an alias. */
  name: string;
  /** Other names: matched after normalisation, with spelling variants. */
  aliases: string[];
  /** Abbreviations: case-sensitive whole words, counted only with context in the article. */
  acronyms: string[];
  /** Words that confirm an acronym means this entity (e.g. "Iran" for MEK). */
  context: string[];
}

/** A topic's matching part and text: what a checked topic holds besides its alert settings. */
export interface TopicFields {
  id: string;
  name: string;
  description: string;
  /** Languages the topic is followed in (BCP 47); informational. */
  languages: string[];
  entities: EntityDefinition[];
  /** Related terms: usable in queries as @related; not matches on their own. */
  related: string[];
  /** Places: usable in queries as @places, and count as context for every entity's acronyms. */
  places: string[];
  /** Optional query; without one, the topic matches when any entity does. */
  query: string | null;
  /** Parsed `query`. */
  queryTree: QueryNode | null;
}

/** A topic as the schema checked it, before its alert settings are read (definition.ts). */
export interface CheckedTopic extends TopicFields {
  /** The `alerts` value as written; read leniently by alerts.ts. */
  alertsRaw: unknown;
}

/** Carried by a query syntax issue, so that the error can point inside the query's line. */
export interface QueryIssueParams {
  queryOffset: number;
}

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Text as YAML gives it: a string, or a number written without quotes (`id: 2024`); trimmed. */
const scalarText = (what: TopicField) =>
  z
    .union([z.string(), z.number()], {
      error: (iss) => encodeIssue(iss.input === undefined ? 'field.required' : 'field.notText', { what }),
    })
    .transform((v) => String(v).trim());

const requiredText = (what: TopicField) => scalarText(what).refine((s) => s !== '', encodeIssue('field.empty', { what }));

/** '' when missing or null. */
const optionalText = (what: TopicField) =>
  scalarText(what)
    .nullish()
    .transform((s) => s ?? '');

/** One item, a list, or nothing (an empty list). */
const textList = (what: TopicField, item: TopicField) =>
  z.preprocess(
    (v) => (v === undefined || v === null ? [] : typeof v === 'string' ? [v] : v),
    z.array(requiredText(item), { error: encodeIssue('field.notList', { what }) }),
  );

/** The pattern builder's refusal of `text` written as a `what`, as an issue zod can carry. */
const refused = (built: string, what: TopicField, text: string): string => {
  const issue = patternIssue(built, what, text);
  return encodeIssue(issue.key, issue.params);
};

/** A list of names the matcher compiles: each must make a usable pattern. */
const phrases = (what: TopicField, item: TopicField) =>
  textList(what, item).superRefine((list, ctx) => {
    list.forEach((p, i) => {
      const built = buildPattern(p, 0);
      if (typeof built === 'string') ctx.addIssue({ code: 'custom', path: [i], message: refused(built, what, p) });
    });
  });

const acronyms = textList('acronym', 'acronymItem')
  .transform((list) => list.map((a) => a.replace(/\./g, '')))
  .superRefine((list, ctx) => {
    list.forEach((a, i) => {
      if (!/^[\p{L}\p{N}]{2,}$/u.test(a)) {
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: encodeIssue('acronym.refused', { text: a }),
        });
      }
    });
  });

export const EntityObject = z.object(
  {
    id: optionalText('entityId'),
    name: requiredText('entityName').superRefine((name, ctx) => {
      const built = buildPattern(name, 0);
      if (typeof built === 'string') ctx.addIssue({ code: 'custom', message: refused(built, 'entityName', name) });
    }),
    aliases: phrases('alias', 'aliasItem'),
    acronyms,
    context: phrases('context', 'contextItem'),
    // A country's ISO 3166-1 code (NE): its names in the i18n-iso-countries package's locales
    // (text/places.ts, `countryForms`) are added to the aliases, its acronyms to the acronyms.
    country: optionalText('country').superRefine((code, ctx) => {
      if (code !== '' && countryForms(code) === undefined)
        ctx.addIssue({ code: 'custom', message: encodeIssue('entity.badCountry', { code }) });
    }),
  },
  { error: encodeIssue('entity.notObject') },
);

/** The entity's own names and acronyms, and its country's (`country`) that it does not have yet. */
function withCountry(e: { name: string; aliases: string[]; acronyms: string[]; country: string }): {
  aliases: string[];
  acronyms: string[];
} {
  const forms = e.country === '' ? undefined : countryForms(e.country);
  if (forms === undefined) return { aliases: e.aliases, acronyms: e.acronyms };
  const has = new Set([e.name, ...e.aliases].map((n) => n.toLowerCase()));
  const aliases = [...e.aliases];
  for (const n of forms.names) {
    if (has.has(n.toLowerCase()) || typeof buildPattern(n, 0) === 'string') continue;
    has.add(n.toLowerCase());
    aliases.push(n);
  }
  const acronyms = [...e.acronyms];
  for (const a of forms.acronyms) {
    const bare = a.replace(/\./g, '');
    if (!acronyms.includes(bare)) acronyms.push(bare);
  }
  return { aliases, acronyms };
}

const EntitySchema = EntityObject.transform(
  (e): EntityDefinition => ({ id: e.id || slugify(e.name), name: e.name, ...withCountry(e), context: e.context }),
);

export const TopicObject = z.object(
  {
    id: requiredText('topicId').superRefine((id, ctx) => {
      if (!ID_RE.test(id)) ctx.addIssue({ code: 'custom', message: encodeIssue('topic.badId', { id }) });
    }),
    name: optionalText('topicName'),
    description: optionalText('description'),
    languages: textList('language', 'languageItem'),
    entities: z.preprocess((v) => v ?? [], z.array(EntitySchema, { error: encodeIssue('entities.notList') })),
    related: phrases('related', 'relatedItem'),
    places: phrases('place', 'placeItem'),
    query: optionalText('query'),
    alerts: z.unknown().optional(),
  },
  { error: encodeIssue('topic.notObject') },
);

/** One topic, checked as a whole: entity ids unique, the query parses and names real entities. */
const TopicSchema = TopicObject.transform((t, ctx): CheckedTopic => {
  const entityIds = new Set<string>();
  t.entities.forEach((e, i) => {
    if (entityIds.has(e.id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['entities', i, 'id'],
        message: encodeIssue('entity.idTwice', { id: e.id, topic: t.id }),
      });
    }
    entityIds.add(e.id);
  });
  const query = t.query || null;
  let queryTree: QueryNode | null = null;
  if (query !== null) {
    try {
      queryTree = parseQuery(query);
    } catch (e) {
      if (!(e instanceof QuerySyntaxError)) throw e;
      ctx.addIssue({
        code: 'custom',
        path: ['query'],
        message: encodeIssue(`query.syntax.${e.kind}`, { ...e.params, qline: e.line, qcolumn: e.column }),
        params: { queryOffset: e.offset } satisfies QueryIssueParams,
      });
    }
    for (const leaf of queryTree ? queryLeaves(queryTree) : []) {
      if (leaf.kind === 'ref' && !entityIds.has(leaf.name) && leaf.name !== 'places' && leaf.name !== 'related') {
        const known = [...entityIds].map((x) => `@${x}`).join(', ');
        ctx.addIssue({
          code: 'custom',
          path: ['query'],
          message: known
            ? encodeIssue('query.unknownRef', { name: leaf.name, topic: t.id, known })
            : encodeIssue('query.unknownRefNone', { name: leaf.name, topic: t.id }),
        });
      }
      if (leaf.kind === 'term') {
        const built = buildPattern(leaf.text, 0);
        if (typeof built === 'string') ctx.addIssue({ code: 'custom', path: ['query'], message: refused(built, 'queryTerm', leaf.text) });
      }
    }
  } else if (t.entities.length === 0) {
    ctx.addIssue({ code: 'custom', path: [], message: encodeIssue('topic.neverMatches', { id: t.id }) });
  }
  return {
    id: t.id,
    name: t.name || t.id,
    description: t.description,
    languages: t.languages,
    entities: t.entities,
    related: t.related,
    places: t.places,
    query,
    queryTree,
    alertsRaw: t.alerts,
  };
});

/** The list of topics: each checked, and no topic id twice. */
export const TopicListSchema = z.array(TopicSchema, { error: encodeIssue('topics.notList') }).superRefine(
  (list, ctx) => {
    const seen = new Set<string>();
    list.forEach((t: unknown, i) => {
      // Also run when some topic has errors (so every error shows at once): `t` may then be raw.
      const raw = typeof t === 'object' && t !== null ? (t as { id?: unknown }).id : undefined;
      if (typeof raw !== 'string' && typeof raw !== 'number') return;
      const id = String(raw).trim();
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: encodeIssue('topic.idTwice', { id }) });
      seen.add(id);
    });
  },
  { when: (payload) => Array.isArray(payload.value) },
);
