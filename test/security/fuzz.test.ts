// Request-header and search-input fuzzing (issue 9, "keep the probe"): fast-check throws random
// and hostile values at the whole HTTP app through app.request, on SQLite and (when
// NEWSDESK_TEST_POSTGRES_URL is set) PostgreSQL. The property: the server answers, never with a
// 5xx, and API answers are JSON. A failure prints the shrunk counterexample to replay.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Hono } from 'hono';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { makeApp, populatedStore } from '../web/helpers.js';

// Text the way a hostile client writes it: any code point (lone surrogates and controls included),
// with the characters query syntax, FTS5 and tsquery treat specially much more often than chance.
const SPECIAL = [
  '\u0000',
  '\t',
  '\n',
  '\u001b',
  '\u007f',
  '\u0085',
  '\ud800',
  '\udfff',
  '\u2028',
  '"',
  "'",
  '*',
  '-',
  '(',
  ')',
  ':',
  '^',
  '&',
  '|',
  '!',
  '<',
  '>',
  '\\',
  '%',
  '_',
  'OR',
  'AND',
  'NOT',
  'NEAR',
  ' ',
];
const hostileText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...SPECIAL),
      fc.string({ maxLength: 6, unit: 'binary' }),
      fc.constantFrom('court', 'mek', 'مجاهدین', 'appeal'),
    ),
    {
      maxLength: 12,
    },
  )
  .map((parts) => parts.join(''));

/** Percent-encodes every UTF-16 unit (lone surrogates as the invalid UTF-8 a raw client would send). */
function enc(s: string): string {
  let out = '';
  for (const ch of s) {
    const u = ch.codePointAt(0)!;
    if (u >= 0xd800 && u <= 0xdfff)
      out += [0xe0 | (u >> 12), 0x80 | ((u >> 6) & 0x3f), 0x80 | (u & 0x3f)].map((b) => `%${b.toString(16)}`).join('');
    else out += encodeURIComponent(ch);
  }
  return out;
}

// Header values: bytes a client can put on the wire (no NUL, CR or LF, which the Fetch API refuses).
const headerValue = fc.oneof(
  fc.string({ maxLength: 200, unit: fc.integer({ min: 0x20, max: 0xff }).map((n) => String.fromCharCode(n)) }),
  fc.constantFrom(
    'br' + ' '.repeat(4000) + ';',
    'gzip;q=0, br;q=0',
    '*',
    'en;q=NaN',
    'W/"x", *',
    'Thu, 01 Jan 1970 00:00:00 GMT',
    'Bearer ',
    'Basic !!!',
    'Basic ' + 'A'.repeat(3000),
  ),
);

const PATHS = [
  '/',
  '/entries/1',
  '/sources',
  '/search?q=court',
  '/feed.rss',
  '/search/feed.atom?q=court',
  '/api/v1/entries',
  '/api/v1/search?q=court',
  '/topics',
];
const HEADERS = [
  'accept-encoding',
  'accept-language',
  'if-none-match',
  'if-modified-since',
  'authorization',
  'accept',
  'content-type',
  'cookie',
  'range',
];

forEachDialect((d) => {
  let store: Store;
  let app: Hono;
  before(async () => {
    store = (await populatedStore(d.open)).store;
    app = makeApp(store, { apiToken: 'tok' });
  });
  after(() => store.close());

  async function answer(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await app.request(path, { headers });
    assert.ok(res.status < 500, `${path} ${JSON.stringify(headers)} → ${res.status}`);
    // A 304 (If-None-Match naming the answer's ETag, p-http) has no body, so no content type.
    if (path.startsWith('/api/') && res.status !== 304) assert.match(res.headers.get('content-type') ?? '', /^application\/json/, path);
    await res.arrayBuffer();
    return res;
  }

  describe(`fuzzing (${d.name})`, () => {
    it('search input in every search parameter: no 5xx', async () => {
      await fc.assert(
        fc.asyncProperty(
          hostileText,
          hostileText,
          hostileText,
          fc.constantFrom('/search', '/search/feed.rss', '/search/feed.json', '/api/v1/search', '/api/v1/entries'),
          async (q, lang, topic, route) => {
            await answer(`${route}?q=${enc(q)}`);
            await answer(`${route}?q=${enc(`court ${q}`)}&lang=${enc(lang)}&topic=${enc(topic)}&from=${enc(lang)}&offset=${enc(topic)}`);
          },
        ),
        { numRuns: 150 },
      );
    });

    it('path segments and cursors: no 5xx', async () => {
      await fc.assert(
        fc.asyncProperty(hostileText, async (s) => {
          const v = enc(s);
          for (const p of [
            `/topics/${v}`,
            `/entries/${v}`,
            `/sources/${v}/feed.rss`,
            `/api/v1/topics/${v}/entries`,
            `/?older=${v}`,
            `/api/v1/entries?after=${v}&since=${v}`,
            `/api/v1/stories?topic=${v}&after=${v}`,
            `/stories/${v}`,
          ])
            await answer(p);
        }),
        { numRuns: 100 },
      );
    });

    it('request headers: no 5xx', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...PATHS),
          fc.dictionary(fc.constantFrom(...HEADERS), headerValue, { maxKeys: 4 }),
          async (path, headers) => {
            await answer(path, headers);
          },
        ),
        { numRuns: 200 },
      );
    });
  });
});
