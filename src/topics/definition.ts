// What a topic is, and how a topics file (YAML or JSON) becomes a list of checked topics.
// Pure: takes the file's text. A file with any error yields no topics at all, only errors, so a
// caller reloading topics keeps its previous set rather than running on half a file.
import { LineCounter, parseDocument, isScalar } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { findJsonError } from './json-error.js';
import { buildPattern } from './pattern.js';
import type { QueryNode } from './query/ast.js';
import { QuerySyntaxError, queryLeaves } from './query/ast.js';
import { parseQuery } from './query/parse.js';

export interface EntityDefinition {
  /** Referenced from queries as @id; defaults to the name in lower case with dashes. */
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

export interface TopicDefinition {
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

export interface TopicFileError {
  message: string;
  /** 1-based, when the error can be placed in the file. */
  line?: number;
  column?: number;
  /** Where in the document, e.g. topics[0].entities[1].aliases[2]. */
  path?: string;
}

export type TopicsParseResult =
  | { ok: true; topics: TopicDefinition[]; warnings: TopicFileError[] }
  | { ok: false; errors: TopicFileError[] };

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const TOPIC_KEYS = new Set(['id', 'name', 'description', 'languages', 'entities', 'related', 'places', 'query']);
const ENTITY_KEYS = new Set(['id', 'name', 'aliases', 'acronyms', 'context']);

export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'entity' : slug;
}

type PathPart = string | number;

function pathText(path: PathPart[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Formats an error the way compilers do: file:line:column: message. */
export function formatTopicError(e: TopicFileError, filename = 'topics'): string {
  const where = e.line !== undefined ? `${filename}:${e.line}:${e.column ?? 1}` : filename;
  return `${where}: ${e.path ? `${e.path}: ` : ''}${e.message}`;
}

/**
 * Parses and checks a topics document. JSON is read by the same parser (JSON is YAML), so
 * both get line and column numbers in their errors.
 */
export function parseTopics(source: string): TopicsParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (/^\uFEFF?\s*[{[]/.test(source)) {
    // Looks like JSON: report JSON errors in JSON terms (YAML would talk about indentation).
    const jsonError = findJsonError(source);
    if (jsonError) {
      const pos = lineCounter.linePos(jsonError.offset);
      return { ok: false, errors: [{ message: `JSON syntax error: ${jsonError.message}`, line: pos.line, column: pos.col }] };
    }
  }
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { message: `syntax error: ${e.message.split('\n')[0] ?? e.message}`, line: pos.line, column: pos.col };
      }),
    };
  }
  const errors: TopicFileError[] = [];
  const warnings: TopicFileError[] = [];
  const nodeAt = (path: PathPart[]): YamlNode | undefined => {
    const n: unknown = path.length === 0 ? doc.contents : doc.getIn(path, true);
    return n !== null && typeof n === 'object' && 'range' in n ? (n as YamlNode) : undefined;
  };
  const place = (path: PathPart[]): { line?: number; column?: number } => {
    for (let p = path; ; p = p.slice(0, -1)) {
      const node = nodeAt(p);
      if (node?.range) {
        const pos = lineCounter.linePos(node.range[0]);
        return { line: pos.line, column: pos.col };
      }
      if (p.length === 0) return {};
    }
  };
  const err = (path: PathPart[], message: string): void => {
    errors.push({ message, path: pathText(path), ...place(path) });
  };
  const warn = (path: PathPart[], message: string): void => {
    warnings.push({ message, path: pathText(path), ...place(path) });
  };

  const root: unknown = doc.toJS();
  let list: unknown;
  let base: PathPart[] = [];
  if (Array.isArray(root)) list = root;
  else if (root !== null && typeof root === 'object' && 'topics' in root) {
    list = (root as { topics: unknown }).topics;
    base = ['topics'];
  } else {
    return { ok: false, errors: [{ message: 'expected a list of topics, or an object with a "topics" list', line: 1, column: 1 }] };
  }
  if (!Array.isArray(list)) {
    err(base, '"topics" must be a list');
    return { ok: false, errors };
  }

  const str = (v: unknown, path: PathPart[], what: string, required: boolean): string | null => {
    if (v === undefined || v === null) {
      if (required) err(path, `${what} is required`);
      return null;
    }
    if (typeof v !== 'string' && typeof v !== 'number') {
      err(path, `${what} must be text`);
      return null;
    }
    const s = String(v).trim();
    if (s === '' && required) err(path, `${what} must not be empty`);
    return s;
  };
  const strList = (v: unknown, path: PathPart[], what: string): string[] => {
    if (v === undefined || v === null) return [];
    if (typeof v === 'string') return [v];
    if (!Array.isArray(v)) {
      err(path, `${what} must be a list of text`);
      return [];
    }
    const out: string[] = [];
    v.forEach((item, i) => {
      const s = str(item, [...path, i], `${what} item`, true);
      if (s) out.push(s);
    });
    return out;
  };
  const phrases = (v: unknown, path: PathPart[], what: string): string[] => {
    const out = strList(v, path, what);
    out.forEach((p, i) => {
      const built = buildPattern(p, 0);
      if (typeof built === 'string') err([...path, i], `${what} "${p}" refused: ${built}`);
    });
    return out;
  };

  const topics: TopicDefinition[] = [];
  const topicIds = new Set<string>();
  list.forEach((raw, ti) => {
    const tp: PathPart[] = [...base, ti];
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      err(tp, 'each topic must be an object with at least id and name');
      return;
    }
    const t = raw as Record<string, unknown>;
    for (const key of Object.keys(t)) if (!TOPIC_KEYS.has(key)) warn([...tp, key], `unknown key "${key}" ignored`);
    const id = str(t.id, [...tp, 'id'], 'topic id', true) ?? '';
    if (id && !ID_RE.test(id)) err([...tp, 'id'], `topic id "${id}" must be letters, digits, "-", "_" or "." (it appears in URLs)`);
    if (id && topicIds.has(id)) err([...tp, 'id'], `topic id "${id}" is used twice`);
    topicIds.add(id);
    const name = str(t.name, [...tp, 'name'], 'topic name', false) || id;
    const entities: EntityDefinition[] = [];
    const entityIds = new Set<string>();
    const rawEntities = t.entities ?? [];
    if (!Array.isArray(rawEntities)) err([...tp, 'entities'], 'entities must be a list');
    else {
      rawEntities.forEach((re, ei) => {
        const ep: PathPart[] = [...tp, 'entities', ei];
        if (re === null || typeof re !== 'object' || Array.isArray(re)) {
          err(ep, 'each entity must be an object with at least a name');
          return;
        }
        const e = re as Record<string, unknown>;
        for (const key of Object.keys(e)) if (!ENTITY_KEYS.has(key)) warn([...ep, key], `unknown key "${key}" ignored`);
        const ename = str(e.name, [...ep, 'name'], 'entity name', true) ?? '';
        if (ename) {
          const built = buildPattern(ename, 0);
          if (typeof built === 'string') err([...ep, 'name'], `entity name "${ename}" refused: ${built}`);
        }
        const eid = str(e.id, [...ep, 'id'], 'entity id', false) || slugify(ename);
        if (entityIds.has(eid)) err([...ep, 'id'], `entity id "${eid}" is used twice in topic "${id}"; give one an "id"`);
        entityIds.add(eid);
        const acronyms = strList(e.acronyms, [...ep, 'acronyms'], 'acronym').map((a) => a.replace(/\./g, ''));
        acronyms.forEach((a, i) => {
          if (!/^[\p{L}\p{N}]{2,}$/u.test(a)) {
            err(
              [...ep, 'acronyms', i],
              `acronym "${a}" refused: an acronym is one word of two or more letters or digits, like MEK or M.E.K.`,
            );
          }
        });
        entities.push({
          id: eid,
          name: ename,
          aliases: phrases(e.aliases, [...ep, 'aliases'], 'alias'),
          acronyms,
          context: phrases(e.context, [...ep, 'context'], 'context term'),
        });
      });
    }
    const related = phrases(t.related, [...tp, 'related'], 'related term');
    const places = phrases(t.places, [...tp, 'places'], 'place');
    const query = str(t.query, [...tp, 'query'], 'query', false) || null;
    let queryTree: QueryNode | null = null;
    if (query !== null) {
      try {
        queryTree = parseQuery(query);
      } catch (e) {
        if (!(e instanceof QuerySyntaxError)) throw e;
        const qnode = nodeAt([...tp, 'query']);
        const at = queryPosition(source, lineCounter, qnode, query, e);
        errors.push({
          message: `query syntax error: ${e.message} (query line ${e.line}, column ${e.column})`,
          path: pathText([...tp, 'query']),
          ...at,
        });
      }
      if (queryTree) {
        for (const leaf of queryLeaves(queryTree)) {
          if (leaf.kind === 'ref' && !entityIds.has(leaf.name) && leaf.name !== 'places' && leaf.name !== 'related') {
            err(
              [...tp, 'query'],
              `query refers to @${leaf.name}, which is not an entity of topic "${id}" (entities: ${[...entityIds].map((x) => `@${x}`).join(', ') || 'none'}; also @places, @related)`,
            );
          }
          if (leaf.kind === 'term') {
            const built = buildPattern(leaf.text, 0);
            if (typeof built === 'string') err([...tp, 'query'], `query term "${leaf.text}" refused: ${built}`);
          }
        }
      }
    } else if (entities.length === 0) {
      err(tp, `topic "${id}" has neither entities nor a query, so it can never match`);
    }
    topics.push({
      id,
      name,
      description: str(t.description, [...tp, 'description'], 'description', false) ?? '',
      languages: strList(t.languages, [...tp, 'languages'], 'language'),
      entities,
      related,
      places,
      query,
      queryTree,
    });
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, topics, warnings };
}

/** Places a query syntax error in the file: exact for one-line plain or quoted scalars. */
function queryPosition(
  source: string,
  lc: LineCounter,
  node: YamlNode | undefined,
  query: string,
  e: QuerySyntaxError,
): { line?: number; column?: number } {
  if (!node?.range) return {};
  const start = node.range[0];
  const raw = source.slice(start, node.range[1]);
  let shift = -1;
  if (isScalar(node) && !query.includes('\n')) {
    if (raw.startsWith(query)) shift = 0;
    else if ((raw.startsWith('"') || raw.startsWith("'")) && raw.slice(1).startsWith(query)) shift = 1;
    else {
      const idx = raw.indexOf(query);
      if (idx >= 0) shift = idx;
    }
  }
  if (shift < 0) {
    const pos = lc.linePos(start);
    return { line: pos.line, column: pos.col };
  }
  const pos = lc.linePos(start + shift + e.offset);
  return { line: pos.line, column: pos.col };
}
