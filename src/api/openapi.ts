// The OpenAPI 3.1 description of /api/v1, served at /api/openapi.json.

const ref = (name: string): { $ref: string } => ({ $ref: `#/components/schemas/${name}` });
const error = { description: 'Problem', content: { 'application/json': { schema: ref('Error') } } };
const json = (schema: unknown, description = 'OK'): unknown => ({ description, content: { 'application/json': { schema } } });
const q = (name: string, description: string, schema: unknown = { type: 'string' }): unknown => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const filters = [
  q('source', 'Only entries of this source id.', { type: 'integer' }),
  q('lang', 'Only entries in this language (BCP 47 tag as stored, e.g. en, ar, fa).'),
  q('since', 'Published at or after (ISO date or date-time).', { type: 'string', format: 'date-time' }),
  q('until', 'Published before (ISO date or date-time).', { type: 'string', format: 'date-time' }),
  q('limit', 'Page size (1–200).', { type: 'integer', minimum: 1, maximum: 200 }),
];

export function openApiDocument(origin: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Newsdesk API',
      version: '1.0.0',
      description:
        'Sources, topics, entries and search of a Newsdesk instance. Reads are public unless the server sets publicApi=false; writes need "Authorization: Bearer <apiToken>". Entry lists page by keyset cursors: pass cursors.older as "after" for the next older page, cursors.newer as "before" for newer ones; pages stay stable while new entries arrive.',
    },
    servers: [{ url: `${origin}/api/v1` }],
    components: {
      securitySchemes: { token: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
        Source: {
          type: 'object',
          required: ['id', 'name', 'url', 'kind', 'status'],
          properties: {
            id: { type: 'integer' },
            name: { type: 'string' },
            url: { type: 'string', format: 'uri' },
            kind: { enum: ['feed', 'page', 'sitemap'] },
            title: { type: ['string', 'null'] },
            siteUrl: { type: ['string', 'null'] },
            status: { enum: ['new', 'ok', 'failing', 'disabled'] },
            errorCount: { type: 'integer' },
            lastError: { type: ['string', 'null'] },
            lastCheckedAt: { type: ['string', 'null'], format: 'date-time' },
            lastSuccessAt: { type: ['string', 'null'], format: 'date-time' },
            nextCheckAt: { type: 'string', format: 'date-time' },
            intervalSeconds: { type: 'integer' },
            extractMode: { enum: ['off', 'short', 'always'] },
            createdAt: { type: 'string', format: 'date-time' },
            links: { type: 'object', properties: { page: { type: 'string' }, rss: { type: 'string' } } },
          },
        },
        NewSource: {
          type: 'object',
          required: ['url'],
          properties: {
            url: { type: 'string', format: 'uri' },
            title: { type: 'string' },
            kind: { enum: ['feed', 'page', 'sitemap'] },
            extractMode: { enum: ['off', 'short', 'always'] },
          },
        },
        Entry: {
          type: 'object',
          required: ['id', 'sourceId', 'title', 'dir', 'publishedAt', 'excerpt'],
          properties: {
            id: { type: 'integer' },
            sourceId: { type: 'integer' },
            url: { type: ['string', 'null'] },
            title: { type: 'string' },
            author: { type: ['string', 'null'] },
            lang: { type: ['string', 'null'] },
            dir: { enum: ['ltr', 'rtl'] },
            publishedAt: { type: 'string', format: 'date-time' },
            updatedAt: { type: ['string', 'null'], format: 'date-time' },
            createdAt: { type: 'string', format: 'date-time' },
            excerpt: { type: 'string', description: 'Plain-text lead, cut at a sentence or word boundary, ending in … when cut.' },
            categories: { type: 'array', items: { type: 'string' } },
            leadImage: { type: ['string', 'null'] },
            extractStatus: { enum: ['none', 'pending', 'done', 'failed', 'not-article'] },
            links: { type: 'object', properties: { page: { type: 'string' } } },
          },
        },
        EntryWithContent: {
          allOf: [
            ref('Entry'),
            {
              type: 'object',
              properties: { contentHtml: { type: ['string', 'null'] }, fullHtml: { type: ['string', 'null'] }, text: { type: 'string' } },
            },
          ],
        },
        EntryPage: {
          type: 'object',
          required: ['items', 'cursors'],
          properties: {
            items: { type: 'array', items: ref('Entry') },
            cursors: { type: 'object', properties: { older: { type: ['string', 'null'] }, newer: { type: ['string', 'null'] } } },
          },
        },
        Topic: {
          type: 'object',
          required: ['id', 'name', 'entries', 'retag', 'links'],
          properties: {
            id: { type: 'string' },
            name: { type: 'string' },
            description: { type: ['string', 'null'] },
            entities: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  id: { type: 'string' },
                  name: { type: 'string' },
                  aliases: { type: 'array', items: { type: 'string' } },
                  acronyms: { type: 'array', items: { type: 'string' } },
                },
              },
            },
            entries: { type: 'integer', description: 'Live entries tagged with the topic.' },
            retag: {
              type: 'object',
              description: 'Re-tagging of stored history after the topic was added or changed.',
              properties: {
                status: { enum: ['pending', 'running', 'done'] },
                percent: { type: 'integer' },
                done: { type: 'integer' },
                total: { type: 'integer' },
              },
            },
            links: {
              type: 'object',
              properties: {
                page: { type: 'string' },
                entries: { type: 'string' },
                rss: { type: 'string' },
                atom: { type: 'string' },
                json: { type: 'string' },
              },
            },
          },
        },
        TopicMatch: {
          type: 'object',
          required: ['field', 'start', 'end', 'text', 'alias'],
          properties: {
            field: { enum: ['title', 'text'] },
            start: { type: 'integer', description: 'UTF-16 code-unit offset into the original field.' },
            end: { type: 'integer' },
            text: { type: 'string' },
            alias: { type: 'string', description: 'The alias, acronym or query term (as written in the topic) that matched.' },
            entity: { type: 'string' },
            reason: { enum: ['exact', 'variant', 'fuzzy', 'acronym'] },
          },
        },
        TopicEntryPage: {
          type: 'object',
          required: ['items', 'cursors'],
          properties: {
            items: {
              type: 'array',
              items: {
                allOf: [
                  ref('Entry'),
                  {
                    type: 'object',
                    properties: {
                      matches: { type: 'array', items: ref('TopicMatch') },
                      explain: { type: 'string', description: 'The explain page of the entry in this topic.' },
                    },
                  },
                ],
              },
            },
            cursors: { type: 'object', properties: { older: { type: ['string', 'null'] }, newer: { type: ['string', 'null'] } } },
          },
        },
        SearchHit: {
          allOf: [
            ref('Entry'),
            {
              type: 'object',
              properties: {
                score: { type: 'number' },
                titleHtml: { type: 'string' },
                snippetHtml: { type: 'string', description: 'Escaped text with matches in <mark>.' },
              },
            },
          ],
        },
      },
    },
    paths: {
      '/health': { get: { summary: 'Store and sources health', responses: { 200: json({ type: 'object' }) } } },
      '/sources': {
        get: {
          summary: 'List sources',
          responses: { 200: json({ type: 'object', properties: { items: { type: 'array', items: ref('Source') } } }) },
        },
        post: {
          summary: 'Add a source (returns the existing one for a known URL)',
          security: [{ token: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: ref('NewSource') } } },
          responses: { 200: json(ref('Source'), 'Already known'), 201: json(ref('Source'), 'Created'), 400: error, 401: error, 403: error },
        },
      },
      '/sources/{id}': {
        parameters: [idParam],
        get: { summary: 'One source', responses: { 200: json(ref('Source')), 404: error } },
        delete: {
          summary: 'Remove a source and its entries',
          security: [{ token: [] }],
          responses: { 204: { description: 'Removed' }, 401: error, 403: error, 404: error },
        },
      },
      '/entries': {
        get: {
          summary: 'Entries, newest first, by keyset pages',
          parameters: [
            ...filters,
            q('topic', 'Only entries tagged with this topic id.'),
            q('after', 'Cursor: entries older than this (cursors.older of the previous page).'),
            q('before', 'Cursor: entries newer than this (cursors.newer).'),
          ],
          responses: { 200: json(ref('EntryPage')), 400: error },
        },
      },
      '/entries/{id}': {
        parameters: [idParam],
        get: { summary: 'One entry with its content', responses: { 200: json(ref('EntryWithContent')), 404: error } },
      },
      '/topics': {
        get: {
          summary: 'Topics followed, with entry counts, re-tag progress and feed links',
          responses: { 200: json({ type: 'object', properties: { items: { type: 'array', items: ref('Topic') } } }) },
        },
      },
      '/topics/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        get: {
          summary:
            'One topic with its definition: names, entities, places, related terms, query, description (alert settings are never served)',
          responses: { 200: json(ref('Topic')), 404: error },
        },
      },
      '/topics/{id}/entries': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        get: {
          summary: 'Entries of a topic, newest first, by keyset pages, each with what matched (field, offsets, alias, reason)',
          parameters: [
            q('limit', 'Page size (1–200).', { type: 'integer', minimum: 1, maximum: 200 }),
            q('after', 'Cursor: entries older than this (cursors.older of the previous page).'),
            q('before', 'Cursor: entries newer than this (cursors.newer).'),
          ],
          responses: { 200: json(ref('TopicEntryPage')), 400: error, 404: error },
        },
      },
      '/search': {
        get: {
          summary: 'Full-text search: words, "phrases", prefix*, OR, -exclusion; ranked by relevance blended with recency',
          parameters: [
            { name: 'q', in: 'query', required: true, schema: { type: 'string' } },
            ...filters,
            q('topic', 'Only entries tagged with this topic id (search within a topic).'),
            q('offset', 'Skip this many hits (from nextOffset).', { type: 'integer' }),
          ],
          responses: {
            200: json({
              type: 'object',
              properties: { items: { type: 'array', items: ref('SearchHit') }, nextOffset: { type: ['integer', 'null'] } },
            }),
            400: error,
          },
        },
      },
    },
  };
}
