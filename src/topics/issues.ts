// What is wrong with a topic definition, as a key and parameters rather than a sentence: the desk
// renders it in the editor's language through its catalogues (src/web/desk/topic-issues.ts),
// while the CLI, the logs and `TopicFileError.message` keep the English below — the one English
// text of each issue, which the desk's English catalogue reuses instead of copying it (the same
// arrangement as FAILURE_TEXT_EN in src/domain/failure.ts).
//
// A `what` parameter names a field of the schema: its value is a TopicField, written through
// TOPIC_FIELD_EN here and through the catalogue's field names at the desk.
import { fill, type Params } from '../locale/index.js';

/** The fields an issue can name ("alias item must be text"). */
export const TOPIC_FIELD_EN = {
  topicId: 'topic id',
  topicName: 'topic name',
  description: 'description',
  query: 'query',
  queryTerm: 'query term',
  entityId: 'entity id',
  entityName: 'entity name',
  alias: 'alias',
  aliasItem: 'alias item',
  acronym: 'acronym',
  acronymItem: 'acronym item',
  context: 'context term',
  contextItem: 'context term item',
  related: 'related term',
  relatedItem: 'related term item',
  place: 'place',
  placeItem: 'place item',
  country: 'country',
  language: 'language',
  languageItem: 'language item',
} as const;

export type TopicField = keyof typeof TOPIC_FIELD_EN;

/** What a query's parser refuses (src/topics/query/parse.ts), without the "query syntax error" frame. */
export const QUERY_SYNTAX_EN = {
  unterminatedPhrase: 'unterminated phrase: add the closing double quote (")',
  emptyPhrase: 'empty phrase ""',
  nearRange: 'NEAR distance must be between 1 and {max} words',
  nearNumber: 'NEAR needs a number of words: NEAR/5',
  badRef: 'an entity reference is @ followed by the entity id, e.g. @mek',
  tooDeep: 'groups, NOT, NEAR and fields nested more than {max} deep; simplify the query',
  nearNot: 'NEAR needs words on both sides, not NOT',
  emptyGroup: 'empty group ()',
  unclosed: 'expected ")" to close the group opened at column {open}',
  fieldOperand: 'expected a word, phrase or group after {field}:',
  unexpectedEnd: 'unexpected end of query: an operator needs something after it',
  unexpectedClose: 'unexpected ")" with no group open',
  unexpectedOperator: 'unexpected {token}: expected a word, phrase, @entity or group',
  unexpected: 'unexpected {token}',
} as const;

export type QuerySyntaxKind = keyof typeof QUERY_SYNTAX_EN;

/** What the JSON checker refuses (src/topics/json-error.ts); {found} is the character, quoted. */
export const JSON_SYNTAX_EN = {
  propertyName: 'expected a "quoted" property name, found {found}',
  colon: 'expected ":" after the property name, found {found}',
  objectSeparator: 'expected "," or "}" in the object, found {found}',
  listSeparator: 'expected "," or "]" in the list, found {found}',
  value: 'expected a value, found {found}',
  trailing: 'unexpected {found} after the end of the document',
  endOfFile: 'the document ends too early (a missing "]", "}" or value?)',
  unicodeEscape: 'bad \\u escape: four hex digits expected',
  escape: 'bad escape in string',
  controlCharacter: 'control character in string (line break inside quotes?)',
  unterminatedString: 'unterminated string',
  tooDeep: 'lists and objects nested more than 100 levels deep; a topics file needs five or six',
} as const;

export type JsonSyntaxKind = keyof typeof JSON_SYNTAX_EN;

const PATTERN_NO_LETTERS = 'it has no letters or digits';
const PATTERN_SINGLE_LETTER =
  'it is a single letter, which would match inside ordinary text everywhere; write the full name, or put an abbreviation of two or more letters under "acronyms"';

const PATTERN_TOO_LONG = 'too many words';
/** Most words a name (alias, context term, place, query phrase) may have; Han and kana count one per character. */
export const MAX_PHRASE_WORDS = 64;

const prefixed = <P extends string, R extends Record<string, string>>(prefix: P, frame: (s: string) => string, table: R) =>
  Object.fromEntries(Object.entries(table).map(([k, v]) => [`${prefix}${k}`, frame(v)])) as {
    [K in keyof R & string as `${P}${K}`]: string;
  };

/**
 * The YAML library's errors the desk explains in its own words (by the library's error code). In
 * English they keep the library's sentence ({detail}), as the CLI always wrote them; a translation
 * says what the code means instead. Other codes are "yaml.syntax", the library's words as detail.
 */
export const YAML_CODES = [
  'BAD_INDENT',
  'TAB_AS_INDENT',
  'DUPLICATE_KEY',
  'BLOCK_AS_IMPLICIT_KEY',
  'MULTILINE_IMPLICIT_KEY',
  'MISSING_CHAR',
  'BAD_SCALAR_START',
  'BAD_DQ_ESCAPE',
  'MULTIPLE_DOCS',
] as const;

export type YamlCode = (typeof YAML_CODES)[number];

export function isYamlCode(code: string): code is YamlCode {
  return (YAML_CODES as readonly string[]).includes(code);
}

/**
 * What is wrong with a topic's alert settings (alerts.ts), without what follows from it (the
 * channel is off, the default is used: the `alerts.*` issues below). {input} is the value as
 * written (JSON); a secret, an address or a URL is never repeated.
 */
export const ALERT_PROBLEM_EN = {
  notMapping: 'must be a mapping with webhook and/or email',
  webhookNotMapping: 'must be a mapping {url, secretEnv} (or secretFile, or secret)',
  urlNotText: 'must be a full URL such as https://hooks.example/newsdesk',
  urlInvalid: 'is not a full URL such as https://hooks.example/newsdesk',
  urlScheme: '{scheme} is not http or https',
  secretNotText: 'must be text (put it in quotes)',
  secretEnvName: 'must be the name of an environment variable',
  secretEnvPattern: 'must be the name of an environment variable, like MEK_HOOK_SECRET',
  secretFilePath: 'must be a file path',
  secretMissing:
    'needs a secret to sign its requests, so the receiver can tell them from forgeries: give secretEnv: NAME (an environment variable), secretFile: PATH (a file, as Docker and systemd pass secrets) or secret: "<16 or more random characters>"',
  secretTwice: 'give one of secret, secretEnv and secretFile, not {given}',
  secretShort: 'is shorter than {min} characters; use a long random string (openssl rand -hex 32)',
  emailNotMapping: 'must be a mapping {to, every, hour}',
  addressNotText: 'must be an e-mail address',
  addressesNotList: 'must be an address or a list of addresses',
  addressInvalid: 'is not an e-mail address (name@domain)',
  addressNone: 'give at least one address',
  every: '{input} is not hourly or daily',
  hour: '{input} is not a whole hour from 0 to 23 (UTC)',
  hourRange: 'is not a whole hour from 0 to 23 (UTC)',
  maxAge: '{input} is not a positive number of hours',
  /** Anything the schema library said in its own words. */
  other: '{detail}',
} as const;

export type AlertProblemKind = keyof typeof ALERT_PROBLEM_EN;

export const TOPIC_ISSUE_EN = {
  'file.missing': 'cannot read topics file {path}: no such file',
  'file.denied': 'cannot read topics file {path}: permission denied',
  'file.unreadable': 'cannot read topics file {path}: {detail}',
  'yaml.syntax': 'syntax error: {detail}',
  ...prefixed('yaml.', () => 'syntax error: {detail}', Object.fromEntries(YAML_CODES.map((c) => [c, ''])) as Record<YamlCode, string>),
  'yaml.aliases': 'too many YAML aliases (*name) expanding into each other; write the topics out instead',
  'yaml.tooDeep': 'lists and mappings nested more than 100 levels deep; a topics file needs five or six',
  'root.notList': 'expected a list of topics, or an object with a "topics" list',
  'topics.notList': '"topics" must be a list',
  'topics.notOne': 'Write exactly one topic here.',
  'topics.bareTopic':
    'this is one topic written on its own, but topics are a list: put "- " before its first line and two spaces before each line under it, as in the text of a new topic (or put the topic under "topics:")',
  'topic.notObject': 'each topic must be an object with at least id and name',
  'topic.badId': 'topic id "{id}" must be letters, digits, "-", "_" or "." (it appears in URLs)',
  'topic.idTwice': 'topic id "{id}" is used twice',
  'topic.neverMatches': 'topic "{id}" has neither entities nor a query, so it can never match',
  'entity.notObject': 'each entity must be an object with at least a name',
  'entity.badCountry': 'country "{code}" is not a country code: write its two-letter ISO 3166-1 code, like NE for Niger or IR for Iran',
  'entity.idTwice': 'entity id "{id}" is used twice in topic "{topic}"; give one an "id"',
  'entities.notList': 'entities must be a list',
  'field.required': '{what} is required',
  'field.notText': '{what} must be text',
  'field.empty': '{what} must not be empty',
  'field.notList': '{what} must be a list of text',
  'phrase.noLetters': `{what} "{text}" refused: ${PATTERN_NO_LETTERS}`,
  'phrase.singleLetter': `{what} "{text}" refused: ${PATTERN_SINGLE_LETTER}`,
  'phrase.tooLong':
    '{what} refused: it has more than {max} words, longer than any name (a character of Chinese or Japanese counts as a word); write the name itself',
  'acronym.refused': 'acronym "{text}" refused: an acronym is one word of two or more letters or digits, like MEK or M.E.K.',
  'query.unknownRef': 'query refers to @{name}, which is not an entity of topic "{topic}" (entities: {known}; also @places, @related)',
  'query.unknownRefNone': 'query refers to @{name}, which is not an entity of topic "{topic}" (entities: none; also @places, @related)',
  ...prefixed('query.syntax.', (s) => `query syntax error: ${s} (query line {qline}, column {qcolumn})`, QUERY_SYNTAX_EN),
  ...prefixed('json.', (s) => `JSON syntax error: ${s}`, JSON_SYNTAX_EN),
  'key.unknown': 'unknown key "{key}" ignored (known: {known})',
  // Alert settings are read leniently (alerts.ts): their problems are warnings (the log, the CLI,
  // the desk's topic editor). {problem} is an ALERT_PROBLEM_EN kind, written with the same
  // parameters (withAlertProblem).
  'alerts.off': '{problem}; the alerts of topic "{topic}" are off',
  'alerts.channelOff': '{problem}; the {channel} alert of topic "{topic}" is off',
  'alerts.maxAgeDefault': '{problem}; topic "{topic}" uses the default of {hours} hours',
  'alerts.webhookPrivate':
    'the webhook of topic "{topic}" is a private or local network address: Newsdesk posts to it only if the server operator lists it in alertAllowHosts (NEWSDESK_ALERT_ALLOW_HOSTS); allowHosts, which lets feeds be read there, does not apply to webhooks',
  /** Anything the schema library said in its own words (not expected: every check names a key). */
  'schema.other': '{detail}',
};

export type TopicIssueKey = keyof typeof TOPIC_ISSUE_EN;

export interface TopicIssue {
  key: TopicIssueKey;
  params?: Params;
}

/** The issue in English: the CLI's and the logs' wording. */
export function issueEnglish(issue: TopicIssue): string {
  return fill(
    TOPIC_ISSUE_EN[issue.key],
    withAlertProblem(
      withFieldNames(issue.params, (f) => TOPIC_FIELD_EN[f]),
      (k) => ALERT_PROBLEM_EN[k],
    ),
  );
}

/** The parameters with a `problem` (an alert problem's kind) written by `text`, with the same parameters. */
export function withAlertProblem(params: Params | undefined, text: (k: AlertProblemKind) => string): Params | undefined {
  if (!params || typeof params.problem !== 'string' || !Object.hasOwn(ALERT_PROBLEM_EN, params.problem)) return params;
  return { ...params, problem: fill(text(params.problem as AlertProblemKind), params) };
}

// The alert schemas (zod) carry a message string too: a problem travels as this marked JSON.
const ALERT_MARK = '\u0000alert-problem:';

export function encodeAlertProblem(kind: AlertProblemKind, params?: Params): string {
  return ALERT_MARK + JSON.stringify(params ? { kind, params } : { kind });
}

export function decodeAlertProblem(message: string | undefined): { kind: AlertProblemKind; params?: Params } {
  if (message?.startsWith(ALERT_MARK)) {
    const parsed = JSON.parse(message.slice(ALERT_MARK.length)) as { kind: AlertProblemKind; params?: Params };
    if (Object.hasOwn(ALERT_PROBLEM_EN, parsed.kind)) return parsed;
  }
  return { kind: 'other', params: { detail: message ?? '' } };
}

/** The parameters with a `what` field written by `name` (left as given when it is no field). */
export function withFieldNames(params: Params | undefined, name: (f: TopicField) => string): Params | undefined {
  if (!params || typeof params.what !== 'string' || !(params.what in TOPIC_FIELD_EN)) return params;
  return { ...params, what: name(params.what as TopicField) };
}

/** A pattern refusal (pattern.ts, one of its two sentences) as the issue that names the refused text. */
export function patternIssue(refusal: string, what: TopicField, text: string): TopicIssue {
  // A name too long to be one is not repeated: it may be a whole article pasted in.
  if (refusal === PATTERN_TOO_LONG) return { key: 'phrase.tooLong', params: { what, max: MAX_PHRASE_WORDS } };
  return { key: refusal === PATTERN_NO_LETTERS ? 'phrase.noLetters' : 'phrase.singleLetter', params: { what, text } };
}

export { PATTERN_NO_LETTERS, PATTERN_SINGLE_LETTER, PATTERN_TOO_LONG };

// The schema library (zod) carries a plain message string from a check to its issue list; an
// issue travels through it as this marked JSON and is read back by `decodeIssue`.
const MARK = '\u0000topic-issue:';

export function encodeIssue(key: TopicIssueKey, params?: Params): string {
  return MARK + JSON.stringify(params ? { key, params } : { key });
}

export function decodeIssue(message: string): TopicIssue {
  if (message.startsWith(MARK)) {
    const parsed = JSON.parse(message.slice(MARK.length)) as TopicIssue;
    if (parsed.key in TOPIC_ISSUE_EN) return parsed;
  }
  return { key: 'schema.other', params: { detail: message } };
}
