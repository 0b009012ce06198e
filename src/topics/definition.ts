// The one reader of topics files. A topics file (YAML or JSON; a list of topics or {topics: [...]})
// becomes a list of checked, typed topics — names, entities with their ids, query, and alert
// settings — or a list of errors that say where (file:line:col) and what to write instead. The
// shapes and checks are zod schemas (schema.ts, alerts.ts); this file runs them and places their
// issues in the file. Pure: it takes text or a parsed value; load.ts reads files.
//
// A file with any error yields no topics at all, only errors, so a caller reloading topics keeps
// its previous set rather than running on half a file. Unknown keys and bad alert settings are
// warnings: an alert that cannot be sent must not stop the topic from matching.
import { Composer, type CST, type Document, isScalar, LineCounter, Parser, YAMLParseError } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { AlertsObject, type AlertSettings, EmailObject, parseAlertSettings, WebhookObject } from './alerts.js';
import { decodeIssue, isYamlCode, issueEnglish, type TopicIssue } from './issues.js';
import { findJsonError, MAX_JSON_DEPTH } from './json-error.js';
import { nestingPast } from '../config/nesting.js';
import { EntityObject, type QueryIssueParams, type TopicFields, TopicListSchema, TopicObject } from './schema.js';

export type { EntityDefinition } from './schema.js';
export { slugify } from './slug.js';

export interface TopicDefinition extends TopicFields {
  /** Its usable alert channels; absent when it has none. Secrets are references or Secret values. */
  alerts?: AlertSettings;
}

export interface TopicFileError extends TopicIssue {
  /** The issue in English (issues.ts), for the CLI and the logs; the desk renders key and params. */
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

type PathPart = string | number;

/** An error or warning of `issue`, its English message filled in, placed by `at`. */
export function topicError(issue: TopicIssue, at: Omit<TopicFileError, 'message' | 'key' | 'params'> = {}): TopicFileError {
  return { ...issue, message: issueEnglish(issue), ...at };
}

function pathText(path: readonly PathPart[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Formats an error the way compilers do: file:line:column: message. */
export function formatTopicError(e: TopicFileError, filename = 'topics'): string {
  const where = e.line !== undefined ? `${filename}:${e.line}:${e.column ?? 1}` : filename;
  return `${where}: ${e.path ? `${e.path}: ` : ''}${e.message}`;
}

/** Finds the place of a path (or of its nearest parent) in the file; nothing for stored values. */
type Locator = (path: readonly PathPart[], issue?: { queryOffset?: number; query?: string }) => { line?: number; column?: number };

const nowhere: Locator = () => ({});

/**
 * Parses and checks a topics document. JSON is read by the YAML parser too (JSON is YAML), so
 * both get line and column numbers in their errors.
 */
/** Aliases a topics file may expand (the yaml library's weighted count): ample for shared lists. */
const MAX_ALIAS_EXPANSION = 100;

export function parseTopics(source: string): TopicsParseResult {
  try {
    return parseTopicsText(source);
  } catch (err) {
    // The readers recurse once per level of nesting. The JSON checker refuses deep files first
    // (MAX_JSON_DEPTH); a YAML file nested past what the stack holds is refused here, as a file
    // error, rather than escaping to whatever loads the topics (a start-up, a SIGHUP, the desk).
    if (err instanceof RangeError) {
      return {
        ok: false,
        errors: [
          topicError({ key: 'yaml.syntax', params: { detail: 'the document is nested too deeply to read' } }, { line: 1, column: 1 }),
        ],
      };
    }
    throw err;
  }
}

/**
 * What the YAML library's parseDocument does, from tokens already parsed (and measured): the first
 * document, and an error if the text holds more.
 */
function firstDocument(tokens: readonly CST.Token[], length: number): Document.Parsed {
  let doc: Document.Parsed | undefined;
  for (const next of new Composer({ prettyErrors: false, uniqueKeys: true }).compose(tokens, true, length)) {
    if (!doc) doc = next;
    else {
      const [start, end] = next.range;
      doc.errors.push(
        new YAMLParseError([start, end], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'),
      );
      break;
    }
  }
  return doc!;
}

function parseTopicsText(source: string): TopicsParseResult {
  const lineCounter = new LineCounter();
  const looksJson = /^\uFEFF?\s*[{[]/.test(source);
  // Refused before the YAML library reads it (src/config/nesting.ts: a deep text can abort the process).
  const tokens = [...new Parser(lineCounter.addNewLine).parse(source)];
  const deep = nestingPast(tokens, MAX_JSON_DEPTH);
  if (deep >= 0) {
    const before = source.slice(0, deep);
    const line = before.split('\n').length;
    const column = deep - before.lastIndexOf('\n');
    return { ok: false, errors: [topicError({ key: looksJson ? 'json.tooDeep' : 'yaml.tooDeep' }, { line, column })] };
  }
  const doc = firstDocument(tokens, source.length);
  if (looksJson) {
    // Looks like JSON: report JSON errors in JSON terms (YAML would talk about indentation).
    const jsonError = findJsonError(source);
    if (jsonError) {
      const pos = lineCounter.linePos(jsonError.offset);
      const issue: TopicIssue = {
        key: `json.${jsonError.kind}`,
        ...(jsonError.found !== undefined ? { params: { found: jsonError.found } } : {}),
      };
      return { ok: false, errors: [topicError(issue, { line: pos.line, column: pos.col })] };
    }
  }
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        // The YAML library's own sentence (English) is the detail; line and column place it.
        const detail = e.message.split('\n')[0] ?? e.message;
        return topicError(
          { key: isYamlCode(e.code) ? `yaml.${e.code}` : 'yaml.syntax', params: { detail } },
          { line: pos.line, column: pos.col },
        );
      }),
    };
  }
  const nodeAt = (path: readonly PathPart[]): YamlNode | undefined => {
    const n: unknown = path.length === 0 ? doc.contents : doc.getIn(path, true);
    return n !== null && typeof n === 'object' && 'range' in n ? (n as YamlNode) : undefined;
  };
  const locate: Locator = (path, issue) => {
    if (issue?.queryOffset !== undefined && issue.query !== undefined) {
      const at = queryPosition(source, nodeAt(path), issue.query, issue.queryOffset);
      if (at !== undefined) {
        const pos = lineCounter.linePos(at);
        return { line: pos.line, column: pos.col };
      }
    }
    for (let p = path; ; p = p.slice(0, -1)) {
      const node = nodeAt(p);
      if (node?.range) {
        const pos = lineCounter.linePos(node.range[0]);
        return { line: pos.line, column: pos.col };
      }
      if (p.length === 0) return {};
    }
  };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION });
  } catch (err) {
    // The yaml library refuses aliases that expand without bound (a "billion laughs" file): a
    // file error, not a crash of whatever loads the topics.
    if (err instanceof ReferenceError) {
      return {
        ok: false,
        errors: [topicError({ key: 'yaml.aliases' }, { line: 1, column: 1 })],
      };
    }
    throw err;
  }
  return check(value, locate);
}

/**
 * Checks topics that are already parsed: the definitions the store keeps (written by
 * storedDefinition, or by older versions as the file had them). Errors have paths, no lines.
 */
export function parseTopicsValue(value: unknown): TopicsParseResult {
  return check(value, nowhere);
}

function check(root: unknown, locate: Locator): TopicsParseResult {
  let list: unknown;
  let base: PathPart[] = [];
  if (Array.isArray(root)) list = root;
  else if (root !== null && typeof root === 'object' && 'topics' in root) {
    list = (root as { topics: unknown }).topics;
    base = ['topics'];
  } else {
    return { ok: false, errors: [topicError({ key: 'root.notList' }, { line: 1, column: 1 })] };
  }
  const parsed = TopicListSchema.safeParse(list);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i): TopicFileError => {
      const path = [...base, ...i.path.map((p) => (typeof p === 'number' ? p : String(p)))];
      const params = (i as { params?: Partial<QueryIssueParams> }).params;
      const query = params?.queryOffset !== undefined ? queryText(list, i.path) : undefined;
      const at = locate(
        path,
        params?.queryOffset !== undefined && query !== undefined ? { queryOffset: params.queryOffset, query } : undefined,
      );
      return topicError(decodeIssue(i.message), { ...(path.length ? { path: pathText(path) } : {}), ...at });
    });
    // In file order, as a compiler lists them (the schemas report cross-checks last).
    errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    return { ok: false, errors };
  }
  const warnings: TopicFileError[] = [];
  const warn = (path: PathPart[], issue: TopicIssue): void => {
    warnings.push(topicError(issue, { path: pathText(path), ...locate(path) }));
  };
  unknownKeys(list as unknown[], base, warn);
  const topics = parsed.data.map((t, i): TopicDefinition => {
    const { alertsRaw, ...def } = t;
    const { settings, problems } = parseAlertSettings(alertsRaw, t.id);
    for (const p of problems) warn([...base, i, 'alerts', ...p.path], p.issue);
    return settings ? { ...def, alerts: settings } : def;
  });
  return { ok: true, topics, warnings };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys the schemas do not know: most likely a typo, so say so, but go on. */
function unknownKeys(list: readonly unknown[], base: PathPart[], warn: (path: PathPart[], issue: TopicIssue) => void): void {
  const known = (obj: unknown, shape: object, path: PathPart[]): void => {
    if (!isRecord(obj)) return;
    const keys = Object.keys(shape);
    for (const k of Object.keys(obj)) {
      if (!keys.includes(k)) warn([...path, k], { key: 'key.unknown', params: { key: k, known: keys.join(', ') } });
    }
  };
  list.forEach((t, ti) => {
    const tp = [...base, ti];
    known(t, TopicObject.shape, tp);
    if (!isRecord(t)) return;
    if (Array.isArray(t.entities)) {
      t.entities.forEach((e, ei) => {
        known(e, EntityObject.shape, [...tp, 'entities', ei]);
      });
    }
    const a = t.alerts;
    known(a, AlertsObject.shape, [...tp, 'alerts']);
    if (!isRecord(a)) return;
    known(a.webhook, WebhookObject.shape, [...tp, 'alerts', 'webhook']);
    known(a.email, EmailObject.shape, [...tp, 'alerts', 'email']);
  });
}

/** The query text at an issue's path (the path ends at the topic's `query`). */
function queryText(list: unknown, path: readonly PropertyKey[]): string | undefined {
  let v: unknown = list;
  for (const p of path) v = isRecord(v) || Array.isArray(v) ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return typeof v === 'string' || typeof v === 'number' ? String(v).trim() : undefined;
}

/** The offset in the file of a query syntax error: exact for one-line plain or quoted scalars. */
function queryPosition(source: string, node: YamlNode | undefined, query: string, offset: number): number | undefined {
  if (!node?.range) return undefined;
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
  return shift < 0 ? start : start + shift + offset;
}
