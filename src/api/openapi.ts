// The OpenAPI 3.1 description of /api/v1, served at /api/openapi.json. Written by hand so it reads
// as documentation; test/api holds it to the router: every route the app registers is described
// here and nothing else, and every response the API tests receive is validated against these
// schemas (JSON Schema 2020-12, the dialect of OpenAPI 3.1). Response objects are closed
// (unevaluatedProperties: false), so a field the API sends without describing it fails the tests.

import { EXTRACT_FAILURE_KINDS, NOT_ARTICLE_KINDS } from '../domain/extract-failure.js';
import { SELECTOR_KEYS, SELECTOR_MAX_CHARS } from '../ingest/listing/source-checks.js';
import { APPLIED_FIELDS } from '../ingest/listing/known-source.js';
import { API_PROBLEM_KEYS } from '../locale/api-errors.js';

const ref = (name: string): { $ref: string } => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string): unknown => ({ description, content: { 'application/json': { schema: ref('Error') } } });
const json = (schema: unknown, description = 'OK'): unknown => ({ description, content: { 'application/json': { schema } } });
const q = (name: string, description: string, schema: unknown = { type: 'string' }): unknown => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const topicIdParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
// What since/until take (api/query-time.ts, p-edges): strict, so a misspelt filter is a 400, not another filter.
const DATE_FILTER =
  'an ISO date (2026-01-31, from midnight UTC) or an RFC 3339 date-time (2026-01-31T08:00:00Z; T or a space; seconds optional; without an offset it is UTC; an offset may be written +03:00 or +0300). Anything else, an impossible date (2026-02-30) included, is a 400 (key date.invalid).';
const filters = [
  q('source', 'Only entries of this source id.', { type: 'integer' }),
  q('lang', 'Only entries in this language (BCP 47 tag as stored, e.g. en, ar, fa).'),
  q('since', `Published at or after: ${DATE_FILTER}`, { type: 'string' }),
  q('until', `Published before: ${DATE_FILTER}`, { type: 'string' }),
  q('limit', 'Page size (1–200).', { type: 'integer', minimum: 1, maximum: 200 }),
];
const nullable = (type: string, extra: Record<string, unknown> = {}): unknown => ({ type: [type, 'null'], ...extra });
const closed = (required: string[], properties: Record<string, unknown>): Record<string, unknown> => ({
  type: 'object',
  required,
  properties,
  unevaluatedProperties: false,
});
const LAST_ERROR =
  'Why the last check failed, as a catalogued English sentence (never the stored message, which can quote credentials or internal addresses; editors read it at the desk); null when it did not fail.';
const LAST_ERROR_KEY =
  'The failure kind: http:<status>, timeout, dns, refused, tls, blocked, robots, tooLarge, notFeed, parse, gone, stopped or other; null when the last check did not fail.';
const cursors = closed(['older', 'newer'], { older: nullable('string'), newer: nullable('string') });

// Conditional requests (RFC 9110 section 13; p-http): every 200 of a read carries a strong ETag of
// its bytes; the source writes take If-Match / If-None-Match, judged inside the store's write.
const header = (name: string, description: string): unknown => ({
  name,
  in: 'header',
  required: false,
  description,
  schema: { type: 'string' },
});
const IF_NONE_MATCH_READ = header(
  'If-None-Match',
  "ETags of answers the client holds (weak comparison): when one is this answer's, 304 with no body. Ignored when malformed or over 4096 characters.",
);
const IF_MATCH_READ = header(
  'If-Match',
  'Answer only if the answer\'s ETag is one of these (strong comparison: a W/ tag never matches), or "*"; else 412.',
);
const IF_MATCH_WRITE = header(
  'If-Match',
  'Write only if the source\'s current ETag (that of GET /sources/{id}) is one of these, compared strongly (a W/ tag never matches), or "*" for any existing source; else 412 (precondition.failed) and nothing is written or recorded. Judged inside the store\'s write, so no other writer lands between the check and the write. A malformed value, or one over 4096 characters, is false. With If-Match, POST never creates a source.',
);
const IF_NONE_MATCH_WRITE = header(
  'If-None-Match',
  'Write only if the source\'s current ETag is none of these (weak comparison); "*": only if there is no source at this address (POST then only creates). Else 412; a malformed value is false.',
);
const VALIDATORS = {
  ETag: {
    description:
      'A strong validator of the answer: 128 bits of SHA-256 of its bytes, quoted. Send it in If-None-Match (reads) or If-Match (writes).',
    schema: { type: 'string', pattern: '^"[A-Za-z0-9_-]{22}"$' },
  },
  'Cache-Control': {
    description: 'no-cache: a cache may keep the answer but revalidates it each time; "private, no-cache" on a private site.',
    schema: { type: 'string' },
  },
};
// Search's tag is weak (routes.ts: its scores move with the clock): said so, with what follows from
// it, rather than the strong validator every other read has (r-http: the document said strong).
const WEAK_VALIDATORS = {
  ...VALIDATORS,
  ETag: {
    description:
      'A weak validator (W/"…"): 128 bits of SHA-256 of the answer without its scores, which move with the clock (recency). Two answers with it have the same hits in the same order with the same text; If-None-Match with it gives 304, If-Match never matches it (only "*" does).',
    schema: { type: 'string', pattern: '^W/"[A-Za-z0-9_-]{22}"$' },
  },
};
const NOT_MODIFIED = { description: "Not Modified: If-None-Match names this answer's ETag. No body.", headers: VALIDATORS };
const NOT_MODIFIED_WEAK = { ...NOT_MODIFIED, headers: WEAK_VALIDATORS };
const PRECONDITION_FAILED = problem(
  'If-Match or If-None-Match does not hold for the resource as it is now (key precondition.failed); nothing was changed.',
);

/** A read's responses with its validators: the 200 gains ETag and Cache-Control, and 304 and 412 are added. */
function conditional(responses: Record<string, unknown>, weakTag = false): Record<string, unknown> {
  const ok = responses[200] as Record<string, unknown>;
  return {
    ...responses,
    200: { ...ok, headers: weakTag ? WEAK_VALIDATORS : VALIDATORS },
    304: weakTag ? NOT_MODIFIED_WEAK : NOT_MODIFIED,
    412: PRECONDITION_FAILED,
  };
}

/**
 * An operation with the answers every one can give: 401 (and 403 for writes) from the token guard
 * (reads only on a private site), 413 for a body over the cap, 421 for a Host the server does not
 * answer (no baseUrl), and 500 when the server fails. A documented path asked with a method it does
 * not document answers 405 with Allow.
 */
function op(
  access: 'read' | 'write',
  spec: { responses: Record<string, unknown> } & Record<string, unknown>,
  { weakTag = false }: { weakTag?: boolean } = {},
): unknown {
  const guard =
    access === 'read'
      ? {
          401: problem(
            'A token was given and is not valid (unknown or revoked: a read with no token at all is public unless the site is private), or the site is private (siteAccess=private) and no token was given. The WWW-Authenticate header says which: Bearer error="invalid_token" for a token not valid.',
          ),
        }
      : {
          401: problem('The token is missing or not valid (WWW-Authenticate: Bearer error="invalid_token" when one was given).'),
          415: problem(
            'A body was sent without a JSON Content-Type: application/json or application/…+json, charset (if any) utf-8 (body.notJsonType).',
          ),
          403: problem('The token has read scope or belongs to a reader, or a browser session tried to write.'),
        };
  const parameters = [
    ...((spec.parameters as unknown[] | undefined) ?? []),
    ...(access === 'read' ? [IF_NONE_MATCH_READ, IF_MATCH_READ] : [IF_MATCH_WRITE, IF_NONE_MATCH_WRITE]),
  ];
  return {
    security: access === 'read' ? [{}, { token: [] }] : [{ token: [] }],
    ...spec,
    parameters,
    responses: {
      ...(access === 'read' ? conditional(spec.responses, weakTag) : { ...spec.responses, 412: PRECONDITION_FAILED }),
      ...guard,
      413: problem('The request body is larger than the server accepts (maxRequestBodyBytes).'),
      421: problem('The server has no baseUrl and does not answer to this Host (siteHosts lists the ones it does).'),
      431: problem('The request line and headers together are longer than the server reads (16 KiB; request.headersTooLarge).'),
      500: problem('The server failed; the error is in its log.'),
    },
  };
}

export function openApiDocument(origin: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Newsdesk API',
      version: '1.0.0',
      description:
        'Sources, topics, entries and search of a Newsdesk instance. Reads are public unless the site is private (siteAccess=private, or publicApi=false), when every address under /api, this document and unknown addresses included, answers 401 to a request without a valid token; a read that sends a token that is not valid is refused (401) all the same. Writes need "Authorization: Bearer <apiToken>". Entry lists page by keyset cursors: pass cursors.older as "after" for the next older page, cursors.newer as "before" for newer ones; pages stay stable while new entries arrive. Every problem is answered with a JSON object {"error": "what went wrong and what to do", "key": "a stable name of the problem"}: programs read the key, people the sentence, which is in English unless Accept-Language asks for Arabic (ar) or Persian (fa) (Content-Language says which). Every read answers an ETag of its bytes (strong; weak for search, whose scores move with the clock) and Cache-Control: no-cache: send it back in If-None-Match for a 304 with no body. Writes to a source (POST of a known url, DELETE) take If-Match with the ETag of GET /sources/{id} (or *) and answer 412 (precondition.failed), writing nothing, when the source changed since.',
    },
    servers: [{ url: `${origin}/api/v1` }],
    components: {
      securitySchemes: { token: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error', 'key'],
          properties: {
            error: {
              type: 'string',
              description: 'What went wrong, and what to do about it: in English, Arabic or Persian as Accept-Language asks.',
            },
            key: {
              enum: [...API_PROBLEM_KEYS],
              description:
                'A stable name of the problem, for programs; the same in every language. README ("API problems") says what each means.',
            },
          },
          unevaluatedProperties: false,
        },
        Health: closed(['status', 'entries', 'sources', 'failing'], {
          status: { const: 'ok' },
          entries: { type: 'integer', description: 'Live entries in the store.' },
          sources: closed(['total', 'ok', 'new', 'failing', 'disabled'], {
            total: { type: 'integer' },
            ok: { type: 'integer' },
            new: { type: 'integer' },
            failing: { type: 'integer' },
            disabled: { type: 'integer' },
          }),
          failing: {
            type: 'array',
            description: 'The sources whose last checks failed, with the reason.',
            items: closed(['id', 'name', 'lastError', 'lastErrorKey', 'errorCount'], {
              id: { type: 'integer' },
              name: { type: 'string' },
              lastError: nullable('string', { description: LAST_ERROR }),
              lastErrorKey: nullable('string', { description: LAST_ERROR_KEY }),
              errorCount: { type: 'integer' },
            }),
          },
        }),
        // The fields of a source; Source closes it, KnownSource adds what an add applied to it.
        SourceFields: {
          type: 'object',
          required: [
            'id',
            'name',
            'url',
            'urlWithheld',
            'previousUrls',
            'kind',
            'title',
            'siteUrl',
            'status',
            'errorCount',
            'lastError',
            'lastErrorKey',
            'lastCheckedAt',
            'lastSuccessAt',
            'nextCheckAt',
            'intervalSeconds',
            'extractMode',
            'createdAt',
            'sameFeedAs',
            'feedPolledBy',
            'links',
          ],
          properties: {
            id: { type: 'integer' },
            name: { type: 'string' },
            url: nullable('string', {
              format: 'uri',
              description:
                'The address the source is read from, without credentials: always an http or https URL, or null when it is not one (a local file the operator subscribed on the server, or a javascript:/data: address stored by an older version). Such an address is never given, so that a client rendering this field as a link never links to it; urlWithheld says it was held back, and links.page is the source on this site.',
            }),
            urlWithheld: {
              type: 'boolean',
              description: 'True when the source has an address that is not http(s) and url is null for that reason.',
            },
            previousUrls: {
              type: 'array',
              description:
                'Addresses the source had before permanent redirects (301/308) moved it, oldest first; an address that is not http(s) is null, as url.',
              items: closed(['url', 'movedAt'], {
                url: nullable('string', { format: 'uri' }),
                movedAt: { type: 'string', format: 'date-time' },
              }),
            },
            kind: { enum: ['feed', 'page', 'sitemap'] },
            title: nullable('string'),
            siteUrl: nullable('string'),
            status: { enum: ['new', 'ok', 'failing', 'disabled'] },
            errorCount: { type: 'integer' },
            lastError: nullable('string', { description: LAST_ERROR }),
            lastErrorKey: nullable('string', { description: LAST_ERROR_KEY }),
            lastCheckedAt: nullable('string', { format: 'date-time' }),
            lastSuccessAt: nullable('string', { format: 'date-time' }),
            nextCheckAt: { type: 'string', format: 'date-time' },
            intervalSeconds: { type: 'integer' },
            extractMode: { enum: ['off', 'short', 'always'] },
            createdAt: { type: 'string', format: 'date-time' },
            sameFeedAs: {
              type: 'array',
              items: { type: 'integer' },
              description:
                "Other sources reading the same feed address under another spelling (HTTPS://Wire.Example/feed vs https://wire.example/feed), lowest id first; empty for nearly every source. Only a store holding both from before Newsdesk compared spellings has such pairs; which to remove is the editor's choice (DELETE /sources/{id}: its entries another source also carried pass to that source, the rest are deleted).",
            },
            feedPolledBy: nullable('integer', {
              description:
                "When this source is not polled because another source of the same feed address is (the lowest id of them that is not disabled): that source's id. Null when this source is polled itself, is disabled, or is alone at its address.",
            }),
            links: closed(['page', 'rss'], { page: { type: 'string', format: 'uri' }, rss: { type: 'string', format: 'uri' } }),
          },
        },
        Source: { type: 'object', $ref: '#/components/schemas/SourceFields', unevaluatedProperties: false },
        KnownSource: {
          type: 'object',
          $ref: '#/components/schemas/SourceFields',
          required: ['applied', 'changed'],
          properties: {
            applied: {
              type: 'array',
              items: { enum: [...APPLIED_FIELDS] },
              description:
                'The fields given with the add that were applied to the source already known at this address (title, extractMode, selectors), changed or already so.',
            },
            changed: {
              type: 'array',
              items: { enum: [...APPLIED_FIELDS] },
              description: 'Those of "applied" whose value was different before (and was changed).',
            },
          },
          unevaluatedProperties: false,
        },
        NewSource: {
          type: 'object',
          required: ['url'],
          properties: {
            url: { type: 'string', format: 'uri' },
            title: { type: 'string' },
            kind: { enum: ['feed', 'page', 'sitemap'] },
            extractMode: { enum: ['off', 'short', 'always'] },
            selectors: {
              type: 'object',
              description: `CSS selectors of a listing page's teasers (stored in the source's settings.selectors; implies kind "page"): item (each teaser block), title, link, summary, date (inside an item), next (the next page's link). Each must be CSS the listing reader can use and at most ${SELECTOR_MAX_CHARS} characters: a longer one is refused (400, key "selector.tooLong"), never cut.`,
              properties: Object.fromEntries(SELECTOR_KEYS.map((k) => [k, { type: 'string', maxLength: SELECTOR_MAX_CHARS }])),
              additionalProperties: false,
            },
          },
        },
        // The fields every entry shape shares; Entry, EntryWithContent, TopicEntry and SearchHit
        // close it with their own additions.
        EntryFields: {
          type: 'object',
          required: [
            'id',
            'sourceId',
            'url',
            'title',
            'author',
            'lang',
            'dir',
            'publishedAt',
            'updatedAt',
            'createdAt',
            'excerpt',
            'categories',
            'leadImage',
            'outlet',
            'extractStatus',
            'storyId',
            'duplicateOf',
            'links',
          ],
          properties: {
            id: { type: 'integer' },
            sourceId: { type: 'integer' },
            url: nullable('string', { description: 'The original article, as the source gave it.' }),
            title: { type: 'string' },
            author: nullable('string'),
            lang: nullable('string'),
            dir: { enum: ['ltr', 'rtl'] },
            publishedAt: { type: 'string', format: 'date-time' },
            updatedAt: nullable('string', { format: 'date-time' }),
            createdAt: { type: 'string', format: 'date-time' },
            excerpt: { type: 'string', description: 'Plain-text lead, cut at a sentence or word boundary, ending in … when cut.' },
            categories: { type: 'array', items: { type: 'string' } },
            leadImage: nullable('string'),
            outlet: {
              description:
                "The outlet an aggregator's item names as its origin (RSS <source>, Atom <source>): show it, rather than the source (the aggregator), as where the story comes from; null when the item names none.",
              oneOf: [{ type: 'null' }, closed(['name', 'url'], { name: { type: 'string' }, url: nullable('string', { format: 'uri' }) })],
            },
            extractStatus: { enum: ['none', 'pending', 'done', 'failed', 'not-article'] },
            storyId: nullable('integer', { description: 'The story (event) the entry belongs to, once clustered.' }),
            duplicateOf: nullable('integer', { description: 'The earlier entry this one copies (syndicated or lightly edited text).' }),
            links: closed(['page'], {
              page: { type: 'string', format: 'uri' },
              story: { type: 'string', format: 'uri', description: 'The story resource, when the entry has one.' },
            }),
          },
        },
        Entry: { type: 'object', $ref: '#/components/schemas/EntryFields', unevaluatedProperties: false },
        EntryWithContent: {
          type: 'object',
          $ref: '#/components/schemas/EntryFields',
          required: ['contentHtml', 'fullHtml', 'text', 'extractError', 'notArticle', 'story', 'duplicates', 'sightings', 'edits'],
          properties: {
            contentHtml: nullable('string', { description: 'The sanitised body from the feed.' }),
            fullHtml: nullable('string', { description: 'The sanitised article read in full from its page.' }),
            text: { type: 'string' },
            extractError: {
              description:
                'Why the article could not be read in full (extractStatus failed): the page needed more memory or time than the reader is allowed, could not be fetched, the link is no web page (a PDF document, an image, audio or video, another file), or other; null otherwise.',
              oneOf: [
                closed(['key', 'text'], {
                  key: { enum: [...EXTRACT_FAILURE_KINDS] },
                  text: { type: 'string', description: 'The reason in English, with what the reader can do.' },
                }),
                { type: 'null' },
              ],
            },
            notArticle: {
              description:
                'Why there is no full text when the page was read but held no article (extractStatus not-article, not a failure: reading it again finds the same page): no-article (not shaped like an article, such as a video page or a list of links), too-short (too little prose), refresh (the page only sends readers on to another address), empty (no text at all); null otherwise.',
              oneOf: [
                closed(['key', 'text'], {
                  key: { enum: [...NOT_ARTICLE_KINDS] },
                  text: { type: 'string', description: 'The reason in English.' },
                }),
                { type: 'null' },
              ],
            },
            story: { oneOf: [ref('Story'), { type: 'null' }] },
            duplicates: closed(['total', 'ids'], {
              total: { type: 'integer', description: 'Entries that copy this one.' },
              ids: { type: 'array', items: { type: 'integer' }, description: 'The first 100 of them, oldest first.' },
            }),
            sightings: {
              type: 'array',
              description: 'Every source that carried this article (same canonical address), its own first.',
              items: closed(['sourceId', 'firstSeen', 'url', 'title'], {
                sourceId: { type: 'integer' },
                firstSeen: { type: 'string', format: 'date-time' },
                url: nullable('string'),
                title: { type: 'string', description: 'The headline as that source gave it.' },
              }),
            },
            edits: {
              type: 'array',
              description: 'Headline or address edits at the source, oldest first.',
              items: closed(['changedAt', 'sourceId', 'titleBefore', 'titleAfter', 'urlBefore', 'urlAfter'], {
                changedAt: { type: 'string', format: 'date-time' },
                sourceId: { type: 'integer' },
                titleBefore: { type: 'string' },
                titleAfter: { type: 'string' },
                urlBefore: nullable('string'),
                urlAfter: nullable('string'),
              }),
            },
          },
          unevaluatedProperties: false,
        },
        EntryPage: closed(['items', 'cursors'], { items: { type: 'array', items: ref('Entry') }, cursors }),
        // The fields of a story; Story and StoryWithEntries close it.
        StoryFields: {
          type: 'object',
          required: [
            'id',
            'key',
            'headline',
            'leadEntryId',
            'firstPublished',
            'lastPublished',
            'size',
            'articles',
            'sources',
            'languages',
            'mergedInto',
            'links',
          ],
          properties: {
            id: { type: 'integer' },
            key: { type: 'string', description: "The clusterer's stable story id." },
            headline: { type: 'string', description: "The lead entry's headline." },
            leadEntryId: nullable('integer', {
              description: 'Of the first three articles, the earliest with a real text (200+ characters), else the earliest.',
            }),
            firstPublished: nullable('string', { format: 'date-time' }),
            lastPublished: nullable('string', { format: 'date-time' }),
            size: { type: 'integer', description: 'Live entries, copies included.' },
            articles: { type: 'integer', description: 'Live entries that copy nothing.' },
            sources: { type: 'integer', description: 'Distinct sources that carried the story.' },
            languages: { type: 'array', items: { type: 'string' }, description: 'Most entries first.' },
            mergedInto: nullable('integer', { description: 'Set when the story was merged into another: its entries are there.' }),
            links: closed(['page', 'api', 'rss', 'atom', 'json'], {
              page: { type: 'string', format: 'uri' },
              api: { type: 'string', format: 'uri' },
              rss: { type: 'string', format: 'uri' },
              atom: { type: 'string', format: 'uri' },
              json: { type: 'string', format: 'uri' },
            }),
          },
        },
        Story: { type: 'object', $ref: '#/components/schemas/StoryFields', unevaluatedProperties: false },
        StoryPage: closed(['items', 'cursors'], {
          items: { type: 'array', items: ref('Story') },
          cursors: closed(['older'], { older: nullable('string') }),
        }),
        StoryEntry: {
          type: 'object',
          $ref: '#/components/schemas/EntryFields',
          required: ['copies'],
          properties: { copies: { type: 'integer', description: 'Entries that copy this one.' } },
          unevaluatedProperties: false,
        },
        StoryWithEntries: {
          type: 'object',
          $ref: '#/components/schemas/StoryFields',
          required: ['entries', 'nextOffset'],
          properties: {
            entries: { type: 'array', items: ref('StoryEntry'), description: 'The articles (copies left out), oldest first.' },
            nextOffset: nullable('integer', { description: 'Pass as "offset" for the next articles; null on the last page.' }),
          },
          unevaluatedProperties: false,
        },
        TopicFields: {
          type: 'object',
          required: ['id', 'name', 'description', 'entities', 'entries', 'retag', 'links'],
          properties: {
            id: { type: 'string' },
            name: { type: 'string' },
            description: nullable('string'),
            entities: {
              type: 'array',
              items: closed(['id', 'name', 'aliases', 'acronyms'], {
                id: { type: 'string' },
                name: { type: 'string' },
                aliases: { type: 'array', items: { type: 'string' } },
                acronyms: { type: 'array', items: { type: 'string' } },
              }),
            },
            entries: { type: 'integer', description: 'Live entries tagged with the topic.' },
            retag: closed(['status', 'percent', 'done', 'total'], {
              status: { enum: ['pending', 'running', 'done'] },
              percent: { type: 'integer', minimum: 0, maximum: 100 },
              done: { type: 'integer' },
              total: { type: 'integer' },
            }),
            links: closed(['page', 'entries', 'rss', 'atom', 'json'], {
              page: { type: 'string', format: 'uri' },
              entries: { type: 'string', format: 'uri' },
              rss: { type: 'string', format: 'uri' },
              atom: { type: 'string', format: 'uri' },
              json: { type: 'string', format: 'uri' },
            }),
          },
        },
        Topic: { type: 'object', $ref: '#/components/schemas/TopicFields', unevaluatedProperties: false },
        TopicWithDefinition: {
          type: 'object',
          $ref: '#/components/schemas/TopicFields',
          properties: {
            definition: nullable('object', {
              description: 'The definition: names, entities, places, related terms, query, description; alert settings are never served.',
            }),
          },
          unevaluatedProperties: false,
        },
        TopicMatch: closed(['field', 'start', 'end', 'text', 'alias'], {
          field: { enum: ['title', 'text'] },
          start: { type: 'integer', description: 'UTF-16 code-unit offset into the original field.' },
          end: { type: 'integer' },
          text: { type: 'string' },
          alias: { type: 'string', description: 'The alias, acronym or query term (as written in the topic) that matched.' },
          entity: { type: 'string' },
          reason: { enum: ['exact', 'variant', 'fuzzy', 'acronym'] },
          via: {
            enum: ['hashtag', 'hyphenation', 'lookalike'],
            description:
              'Present when the text was read otherwise than as written: the words of a hashtag ("#FreeIran2026"), a word broken by a hyphen at a line end, or Cyrillic/Greek letters that look Latin inside a Latin word.',
          },
        }),
        TopicEntry: {
          type: 'object',
          $ref: '#/components/schemas/EntryFields',
          required: ['matches', 'matchCount', 'explain'],
          properties: {
            matches: {
              type: 'array',
              items: ref('TopicMatch'),
              description:
                'Where the entry matched the topic, in reading order (title, then text): the first 25 places, then the first place of each alias not among them and of each further way a name is written (at most 25 more). An entry naming the topic more often keeps only these; matchCount says how many there are.',
            },
            matchCount: {
              type: 'integer',
              minimum: 0,
              description:
                'How many places in the entry matched the topic, listed in matches or not; more than matches holds when the entry names the topic more often than is kept.',
            },
            explain: { type: 'string', format: 'uri', description: 'The explain page of the entry in this topic.' },
          },
          unevaluatedProperties: false,
        },
        TopicEntryPage: closed(['items', 'cursors'], { items: { type: 'array', items: ref('TopicEntry') }, cursors }),
        SearchHit: {
          type: 'object',
          $ref: '#/components/schemas/EntryFields',
          required: ['score', 'titleHtml', 'snippetHtml'],
          properties: {
            score: { type: 'number' },
            titleHtml: { type: 'string', description: 'The escaped title with matches in <mark>.' },
            snippetHtml: { type: 'string', description: 'Escaped text with matches in <mark>.' },
          },
          unevaluatedProperties: false,
        },
        SearchPage: closed(['items', 'nextOffset', 'asOf'], {
          items: { type: 'array', items: ref('SearchHit') },
          nextOffset: nullable('integer', { description: 'Pass as "offset" for the next hits; null on the last page.' }),
          asOf: {
            description:
              'The moment this ranking was made as: pass "upto" and "at" with "offset" for the next pages, which then continue this ranking (no hit twice, none skipped while entries arrive). Null when nothing was searched.',
            oneOf: [
              closed(['upto', 'at'], {
                upto: { type: 'integer', description: 'The newest entry id the ranking holds.' },
                at: { type: 'integer', description: 'The time recency is measured at (epoch ms).' },
              }),
              { type: 'null' },
            ],
          },
        }),
      },
    },
    paths: {
      '/openapi.json': {
        // This document sits beside the versioned API, not in it.
        servers: [{ url: `${origin}/api` }],
        get: {
          summary: 'This OpenAPI document',
          description:
            'Open to any client on a public site (a token that is not valid is not looked at here); on a private site (siteAccess=private or publicApi=false) it needs a token or a session, as every other address under /api does.',
          security: [{}, { token: [] }],
          parameters: [IF_NONE_MATCH_READ, IF_MATCH_READ],
          responses: {
            ...conditional({
              200: json({
                type: 'object',
                required: ['openapi', 'info', 'paths'],
                properties: { openapi: { type: 'string' }, info: { type: 'object' }, paths: { type: 'object' } },
              }),
            }),
            401: problem('The site is private and no valid token (or session) came with the request.'),
          },
        },
      },
      '/health': {
        get: op('read', { summary: 'Store and sources health', responses: { 200: json(ref('Health')) } }),
      },
      '/sources': {
        get: op('read', {
          summary: 'List sources',
          responses: { 200: json(closed(['items'], { items: { type: 'array', items: ref('Source') } })) },
        }),
        post: op('write', {
          summary:
            'Add a source; for a URL already subscribed, apply the title, extractMode and selectors given to that source (never its kind) and return it',
          requestBody: { required: true, content: { 'application/json': { schema: ref('NewSource') } } },
          responses: {
            200: json(
              ref('KnownSource'),
              'Already known: the fields given applied to it (a title renames it, extractMode sets its full-text mode, selectors replace its listing selectors), recorded in the audit log when one changed; "applied" and "changed" name them',
            ),
            201: json(ref('Source'), 'Created'),
            400: problem('The body is not JSON, or "url", "kind", "extractMode" or "selectors" is not valid (see the key).'),
            404: problem('The source known at this address was removed while the fields given were being applied (key source.notFound).'),
            409: problem(
              'Already known as a source of another kind than "kind" asks (or "selectors", which ask for a page): a source\'s kind is never changed (key source.kindConflict); nothing was changed.',
            ),
            422: problem(
              'A new listing page ("kind": "page", or "selectors") that the site\'s robots.txt does not allow Newsdesk to read (key robots.refused): it could never be polled; nothing was added.',
            ),
          },
        }),
      },
      '/sources/{id}': {
        parameters: [idParam],
        get: op('read', { summary: 'One source', responses: { 200: json(ref('Source')), 404: problem('No source has this id.') } }),
        delete: op('write', {
          summary: 'Remove a source and its entries',
          responses: { 204: { description: 'Removed' }, 404: problem('No source has this id.') },
        }),
      },
      '/entries': {
        get: op('read', {
          summary: 'Entries, newest first, by keyset pages',
          parameters: [
            ...filters,
            q('topic', 'Only entries tagged with this topic id.'),
            q('after', 'Cursor: entries older than this (cursors.older of the previous page).'),
            q('before', 'Cursor: entries newer than this (cursors.newer).'),
          ],
          responses: {
            200: json(ref('EntryPage')),
            400: problem(
              'A cursor or date filter is malformed, or a number is not a whole number written without leading zeros (see the key: query.notInteger, query.notCanonicalNumber). A parameter given more than once is refused too (key query.repeated): none takes a list.',
            ),
          },
        }),
      },
      '/entries/{id}': {
        parameters: [idParam],
        get: op('read', {
          summary: 'One entry with its content',
          responses: { 200: json(ref('EntryWithContent')), 404: problem('No entry has this id.') },
        }),
      },
      '/stories': {
        get: op('read', {
          summary: 'Stories (events), newest activity first, by keyset pages',
          parameters: [
            q('topic', 'Only stories with an entry tagged with this topic id.'),
            q('limit', 'Page size (1–200).', { type: 'integer', minimum: 1, maximum: 200 }),
            q('after', 'Cursor: stories older than this (cursors.older of the previous page).'),
          ],
          responses: {
            200: json(ref('StoryPage')),
            400: problem(
              'The cursor is malformed, or limit is not a whole number written without leading zeros (see the key: query.notInteger, query.notCanonicalNumber). A parameter given more than once is refused too (key query.repeated): none takes a list.',
            ),
          },
        }),
      },
      '/stories/{id}': {
        parameters: [idParam],
        get: op('read', {
          summary: 'One story with its articles (oldest first, paged by offset), each with its number of copies',
          parameters: [
            q('limit', 'Articles per page (1–200).', { type: 'integer', minimum: 1, maximum: 200 }),
            q('offset', 'Skip this many articles (from nextOffset).', { type: 'integer' }),
          ],
          responses: {
            200: json(ref('StoryWithEntries')),
            400: problem(
              'limit or offset is not a whole number written without leading zeros (see the key: query.notInteger, query.notCanonicalNumber). A parameter given more than once is refused too (key query.repeated): none takes a list.',
            ),
            404: problem('No story has this id.'),
          },
        }),
      },
      '/topics': {
        get: op('read', {
          summary: 'Topics followed, with entry counts, re-tag progress and feed links',
          responses: { 200: json(closed(['items'], { items: { type: 'array', items: ref('Topic') } })) },
        }),
      },
      '/topics/{id}': {
        parameters: [topicIdParam],
        get: op('read', {
          summary:
            'One topic with its definition: names, entities, places, related terms, query, description (alert settings are never served)',
          responses: { 200: json(ref('TopicWithDefinition')), 404: problem('No topic has this id.') },
        }),
      },
      '/topics/{id}/entries': {
        parameters: [topicIdParam],
        get: op('read', {
          summary: 'Entries of a topic, newest first, by keyset pages, each with what matched (field, offsets, alias, reason)',
          parameters: [
            q('limit', 'Page size (1–200).', { type: 'integer', minimum: 1, maximum: 200 }),
            q('after', 'Cursor: entries older than this (cursors.older of the previous page).'),
            q('before', 'Cursor: entries newer than this (cursors.newer).'),
          ],
          responses: {
            200: json(ref('TopicEntryPage')),
            400: problem(
              'A cursor is malformed, or limit is not a whole number written without leading zeros (see the key: query.notInteger, query.notCanonicalNumber). A parameter given more than once is refused too (key query.repeated): none takes a list.',
            ),
            404: problem('No topic has this id.'),
          },
        }),
      },
      '/search': {
        get: op(
          'read',
          {
            summary: 'Full-text search: words, "phrases", prefix*, OR, -exclusion; ranked by relevance blended with recency',
            parameters: [
              { name: 'q', in: 'query', required: true, schema: { type: 'string' } },
              ...filters,
              q('topic', 'Only entries tagged with this topic id (search within a topic).'),
              q('offset', 'Skip this many hits (from nextOffset).', { type: 'integer' }),
              q('upto', 'With "at": rank as the first page did, only entries up to this id (from asOf.upto).', { type: 'integer' }),
              q('at', 'With "upto": measure recency at this time, epoch ms (from asOf.at).', { type: 'integer' }),
            ],
            responses: {
              200: json(ref('SearchPage')),
              400: problem(
                '"q" is empty or not a valid query, a date is malformed, or a number is not a whole number written without leading zeros (see the key: query.notInteger, query.notCanonicalNumber). A parameter given more than once is refused too (key query.repeated): none takes a list.',
              ),
            },
          },
          { weakTag: true },
        ),
      },
    },
  };
}
