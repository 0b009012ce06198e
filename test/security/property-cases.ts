// The fuzzing properties of issue 13, one function per parser or cutter. Each runs fast-check to
// completion and throws with the shrunk counterexample on failure. They run in a worker thread
// (property-worker.ts), so a case that hangs is ended from outside instead of hanging the suite.
import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { parseTopics } from '../../src/topics/definition.js';
import { FeedParseError, parseFeed } from '../../src/ingest/parse/index.js';
import { sanitizeHtml } from '../../src/sanitize/index.js';
import { parseSearch, positiveTerms } from '../../src/search/query.js';
import { excerpt } from '../../src/text/excerpt.js';
import { cutExcerpt } from '../../src/text/teaser-excerpt.js';
import { QuerySyntaxError } from '../../src/topics/query/ast.js';
import { parseQuery } from '../../src/topics/query/parse.js';

const RUNS = Number(process.env.NEWSDESK_FUZZ_RUNS ?? 300);
const run = <T>(prop: fc.IPropertyWithHooks<T> | fc.IAsyncPropertyWithHooks<T>, runs = RUNS): void => {
  const out = fc.check(prop as fc.IRawProperty<T, false>, { numRuns: runs });
  if (out.failed) {
    const why = out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance);
    throw new Error(`${fc.defaultReportMessage(out) ?? 'property failed'}\n${why}`);
  }
};

// ---- hostile text --------------------------------------------------------------------------

/** Pieces that break naive code: controls, lone surrogates, clusters, RTL, CJK, markup, entities. */
const PIECES = [
  '\u0000',
  '\t',
  '\n',
  '\r\n',
  '\u001b',
  '\u0085',
  '\u2028',
  '\ud800',
  '\udfff',
  '\ufeff',
  'e\u0301',
  '\u0301\u0301',
  '👍🏽',
  '👨‍👩‍👧‍👦',
  '🇮🇶',
  '🇮',
  '\u200d',
  '\u0600 ',
  'مرحبا',
  '؟ ',
  '中文字。',
  '。\u0301',
  'カタカナ',
  '<',
  '>',
  '&',
  '&amp;',
  '&#x6a;',
  '"',
  "'",
  '. ',
  '... ',
  '…',
  ' ',
  '  ',
  '*',
  '-',
  '(',
  ')',
  'OR',
  'AND',
  'NOT',
  ':',
  'title:',
  '@',
  '#',
  '~',
  '^',
  '/',
  '\\',
  '{',
  '}',
  '[',
  ']',
];
const hostileText = (max = 40): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...PIECES) },
        { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
        { weight: 3, arbitrary: fc.constantFrom('iraq', 'camp', 'river', 'Bank', 'rain') },
      ),
      { maxLength: max },
    )
    .map((a) => a.join(''));

// ---- feed parser ----------------------------------------------------------------------------

const xmlEsc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function feedDocument(kind: number, a: string, b: string, c: string): string {
  switch (kind) {
    case 0:
      return `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${xmlEsc(a)}</title><link>https://example.org/</link><item><title>${xmlEsc(b)}</title><link>${xmlEsc(c)}</link><description>${xmlEsc(a)}</description><content:encoded><![CDATA[${b}]]></content:encoded><guid>1</guid><pubDate>${xmlEsc(c)}</pubDate></item></channel></rss>`;
    case 1:
      return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title type="html">${xmlEsc(a)}</title><id>urn:x</id><entry><id>${xmlEsc(c)}</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${b}</div></title><link href="${xmlEsc(c)}"/><content type="html">${xmlEsc(b)}</content><updated>${xmlEsc(a)}</updated></entry></feed>`;
    case 2:
      return `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>${xmlEsc(a)}</title></channel><item rdf:about="${xmlEsc(c)}"><title>${xmlEsc(b)}</title><link>${xmlEsc(c)}</link></item></rdf:RDF>`;
    default:
      return JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: a,
        items: [
          { id: c, url: c, title: b, content_html: b, summary: a, authors: [{ name: a, url: c }], attachments: [{ url: c, mime_type: b }] },
        ],
      });
  }
}

/** A document with a random edit: cut short, a fragment inserted, a range deleted. */
const garbled = fc
  .tuple(
    fc.integer({ min: 0, max: 3 }),
    hostileText(),
    hostileText(),
    fc.oneof(hostileText(10), fc.constantFrom('javascript:alert(1)', ' java\tscript:x', 'data:text/html,<script>', 'https://e.example/a')),
  )
  .chain(([kind, a, b, c]) => {
    const doc = feedDocument(kind, a, b, c);
    return fc.tuple(
      fc.constant(doc),
      fc.constantFrom('none', 'truncate', 'insert', 'delete'),
      fc.nat({ max: doc.length }),
      fc.nat({ max: doc.length }),
      fc.oneof(
        hostileText(8),
        fc.constantFrom('<', '</item>', '<!DOCTYPE x [<!ENTITY a "aaaa">]>', '&a;', ']]>', '<![CDATA[', '{', '"', '<entry>', '\u0000'),
      ),
    );
  })
  .map(([doc, edit, i, j, frag]) => {
    const [lo, hi] = i < j ? [i, j] : [j, i];
    if (edit === 'truncate') return doc.slice(0, lo);
    if (edit === 'insert') return doc.slice(0, lo) + frag + doc.slice(lo);
    if (edit === 'delete') return doc.slice(0, lo) + doc.slice(hi);
    return doc;
  });

const SCRIPTY = /^[\s\u0000-\u001f]*(?:javascript|vbscript|data):/i;

function parsesOrRefuses(bytes: Uint8Array, headers?: Record<string, string>): void {
  let feed: ReturnType<typeof parseFeed>;
  try {
    feed = parseFeed({ bytes, url: 'https://example.org/feed', ...(headers ? { headers } : {}) });
  } catch (err) {
    if (err instanceof FeedParseError) return;
    throw err;
  }
  for (const e of feed.entries) {
    if (e.link !== undefined && SCRIPTY.test(e.link.replace(/[\t\n\r]/g, ''))) throw new Error(`a scripted link survived: ${e.link}`);
    for (const html of [e.summary, ...(e.content ?? []).map((x) => x.value)]) {
      if (html !== undefined) assertSafeHtml(html);
    }
  }
}

export function feedParser(): void {
  const enc = new TextEncoder();
  run(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => parsesOrRefuses(bytes)));
  run(fc.property(garbled, (doc) => parsesOrRefuses(enc.encode(doc))));
  // JSON values of any shape, some of them dressed as JSON Feed.
  run(
    fc.property(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), (value, dress) => {
      const doc =
        dress && value !== null && typeof value === 'object' && !Array.isArray(value)
          ? { version: 'https://jsonfeed.org/version/1.1', ...value }
          : value;
      parsesOrRefuses(enc.encode(JSON.stringify(doc)), { 'content-type': 'application/feed+json' });
    }),
  );
}

// ---- sanitiser ------------------------------------------------------------------------------

const TAGS = [
  'a',
  'b',
  'i',
  'p',
  'div',
  'span',
  'script',
  'style',
  'svg',
  'math',
  'img',
  'iframe',
  'form',
  'input',
  'table',
  'tr',
  'td',
  'template',
  'noscript',
  'title',
  'textarea',
  'select',
  'option',
  'object',
  'embed',
  'base',
  'meta',
  'link',
  'xmp',
  'plaintext',
  'noembed',
  'frameset',
  'video',
  'source',
  'ul',
  'li',
  'blockquote',
  'pre',
  'code',
  'figure',
  'picture',
  'details',
  'summary',
  'button',
  'annotation-xml',
  'foreignObject',
  'desc',
  'mglyph',
  'malignmark',
  'x-y',
];
const ATTRS = [
  'href',
  'src',
  'srcset',
  'onclick',
  'onerror',
  'onload',
  'style',
  'formaction',
  'xlink:href',
  'data',
  'action',
  'background',
  'poster',
  'cite',
  'class',
  'id',
  'name',
  'width',
  'height',
  'target',
  'rel',
  'is',
  'srcdoc',
  'dir',
  'lang',
];
const VALUES = [
  'javascript:alert(1)',
  'java&#x09;script:alert(1)',
  ' jav\tascript:alert(1)',
  '&#106;avascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'vbscript:x',
  'data:text/html,<script>alert(1)</script>',
  'data:image/png;base64,AAAA',
  'http://example.org/x',
  '/rel',
  '#top',
  'x" onmouseover="alert(1)',
  "x' onfocus='alert(1)",
  'expression(alert(1))',
  'background:url(javascript:alert(1))',
  '1x, javascript:alert(1) 2x',
  'https://e.example/p.png 1x',
  '<script>alert(1)</script>',
  '--><script>alert(1)</script>',
  '',
];

const htmlFragment: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .tuple(
            fc.constantFrom(...TAGS),
            fc.array(fc.tuple(fc.constantFrom(...ATTRS), fc.constantFrom(...VALUES), fc.constantFrom('"', "'", '')), { maxLength: 3 }),
            fc.boolean(),
          )
          .map(([t, attrs, selfClose]) => `<${t}${attrs.map(([n, v, q]) => ` ${n}=${q}${v}${q}`).join('')}${selfClose ? '/' : ''}>`),
      },
      { weight: 3, arbitrary: fc.constantFrom(...TAGS).map((t) => `</${t}>`) },
      { weight: 3, arbitrary: hostileText(6) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '<!--',
          '-->',
          '<![CDATA[',
          ']]>',
          '<!doctype html>',
          '<?xml x?>',
          '</',
          '<a',
          '="',
          '&lt;script&gt;',
          '<scr<script>ipt>',
          '<svg><![CDATA[</svg><img src=x onerror=alert(1)>]]>',
          '<math><mi><mglyph><style><img src=x onerror=alert(1)>',
          '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
        ),
      },
    ),
    { maxLength: 30 },
  )
  .map((a) => a.join(''));

const URL_ATTR_NAMES = new Set(['href', 'src', 'srcset', 'action', 'formaction', 'poster', 'cite', 'background', 'data', 'xlink:href']);
const FORBIDDEN_ELEMENTS = new Set([
  'script',
  'style',
  'svg',
  'math',
  'object',
  'embed',
  'base',
  'meta',
  'link',
  'form',
  'template',
  'noscript',
  'xmp',
  'plaintext',
  'noembed',
  'frameset',
  'textarea',
  'title',
  'iframe',
]);

/** Parses sanitiser output as HTML and checks that nothing in it can run or mislead the parser. */
export function assertSafeHtml(html: string): void {
  const open: string[] = [];
  const problems: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (FORBIDDEN_ELEMENTS.has(name)) problems.push(`<${name}> survived`);
        if (name === 'a' && open.includes('a')) problems.push('a link inside a link');
        for (const [k, v] of Object.entries(attribs)) {
          if (/^on/i.test(k)) problems.push(`handler ${k} survived`);
          if (k === 'srcdoc' || k === 'is') problems.push(`${k} survived`);
          if (URL_ATTR_NAMES.has(k)) {
            const flat = v.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
            if (/(?:^|,)(?:javascript|vbscript):|^data:(?!image\/)/.test(flat)) problems.push(`${k}="${v}" survived`);
          }
          if (k === 'style' && /url\s*\(|expression/i.test(v)) problems.push(`style="${v}" survived`);
        }
        open.push(name);
      },
      onclosetag() {
        open.pop();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  if (problems.length) throw new Error(`${problems.join('; ')} in ${JSON.stringify(html)}`);
}

export function sanitiser(): void {
  run(
    fc.property(htmlFragment, fc.boolean(), (input, withBase) => {
      const opts = withBase ? { baseUrl: 'https://example.org/a/' } : {};
      const once = sanitizeHtml(input, opts);
      const twice = sanitizeHtml(once, opts);
      if (twice !== once) throw new Error(`not a fixed point:\n  once:  ${JSON.stringify(once)}\n  twice: ${JSON.stringify(twice)}`);
      assertSafeHtml(once);
    }),
    RUNS * 3,
  );
}

// ---- query parsers --------------------------------------------------------------------------

export function searchQuery(): void {
  run(
    fc.property(fc.oneof(hostileText(60), fc.string({ unit: 'binary', maxLength: 80 })), (q) => {
      const parsed = parseSearch(q);
      const terms = positiveTerms(parsed.ast);
      for (const t of terms)
        if (typeof t !== 'string' || t === '') throw new Error(`bad term ${JSON.stringify(t)} from ${JSON.stringify(q)}`);
      if (parsed.ast === undefined && terms.length) throw new Error('terms without a query');
    }),
  );
  // Deep nesting must not exhaust the stack.
  run(
    fc.property(
      fc.integer({ min: 1, max: 20_000 }),
      fc.constantFrom('(', '-(', '"('),
      (n, open) => void parseSearch(open.repeat(n) + 'x' + ')'.repeat(n)),
    ),
    20,
  );
}

export function topicQuery(): void {
  const check = (q: string): void => {
    try {
      parseQuery(q);
    } catch (err) {
      if (!(err instanceof QuerySyntaxError)) throw err;
      if (err.offset < 0 || err.offset > q.length) throw new Error(`offset ${err.offset} outside ${JSON.stringify(q)}`);
      if (!err.message) throw new Error('a syntax error without a message');
    }
  };
  run(fc.property(fc.oneof(hostileText(60), fc.string({ unit: 'binary', maxLength: 80 })), check));
  run(
    fc.property(fc.integer({ min: 1, max: 20_000 }), fc.constantFrom('(', 'NOT ', 'title:(', '"'), (n, open) =>
      check(open.repeat(n) + 'x' + ')'.repeat(n)),
    ),
    20,
  );
}

/** Topic files, hostile ones included: an answer (topics or errors), never a throw. */
export function topicFile(): void {
  const bomb = fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 2, max: 12 })).map(([depth, width]) => {
    const lines = ['l0: &l0 ["lol"]'];
    for (let d = 1; d <= depth; d++) lines.push(`l${d}: &l${d} [${Array.from({ length: width }, () => `*l${d - 1}`).join(', ')}]`);
    lines.push(`topics: [{id: bomb, name: Bomb, query: iraq, keywords: *l${depth}}]`);
    return lines.join('\n');
  });
  const yamlish = fc
    .array(
      fc.oneof(
        hostileText(8),
        fc.constantFrom(
          'topics:',
          '\n- id: ',
          'name: ',
          'query: ',
          '&a ',
          '*a',
          '<<: *a',
          '!!binary ',
          '!!js/function ',
          '---',
          '{',
          '[',
          '? ',
          '|',
          '>',
          '%YAML 1.2\n',
          '%TAG ! tag:x:\n',
        ),
      ),
      { maxLength: 20 },
    )
    .map((a) => a.join(''));
  run(
    fc.property(fc.oneof(bomb, yamlish), (src) => {
      const r = parseTopics(src);
      if (typeof r.ok !== 'boolean') throw new Error('no answer');
      if (!r.ok && r.errors.some((e) => !e.message)) throw new Error('an error without a message');
    }),
  );
}

// ---- excerpt cutter -------------------------------------------------------------------------

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const boundaries = (t: string): Set<number> => new Set([...[...graphemes.segment(t)].map((s) => s.index), t.length]);

function checkCut(text: string, max: number, out: string, trimmed: string): void {
  if (out.length > max) throw new Error(`${out.length} > ${max}`);
  if (trimmed.length <= max) return;
  if (max >= 1 && !out.endsWith('…')) throw new Error(`cut without an ellipsis: ${JSON.stringify(out)}`);
  const kept = out.slice(0, -1);
  if (!trimmed.startsWith(kept)) throw new Error(`${JSON.stringify(kept)} is not where ${JSON.stringify(trimmed)} starts`);
  if (!boundaries(trimmed).has(kept.length))
    throw new Error(`cut inside a character at ${kept.length}: ${JSON.stringify(text)} → ${JSON.stringify(out)}`);
}

const WORDS = ['river', 'bank', 'rain', 'city', 'port', 'vote', 'market', 'school', 'bridge', 'harbour'];

export function excerptCutter(): void {
  run(
    fc.property(hostileText(80), fc.integer({ min: 0, max: 120 }), (text, max) => {
      checkCut(text, max, excerpt(text, max), text.trim());
    }),
    RUNS * 3,
  );
  // The teaser form collapses whitespace first; its cut obeys the same rules on the collapsed text.
  run(
    fc.property(hostileText(80), fc.integer({ min: 0, max: 120 }), (text, max) => {
      const out = cutExcerpt(text, max);
      checkCut(text, max, out, text.replace(/\s+/g, ' ').trim());
    }),
  );
  // Sentences: when one ends in the last 40% of the room, the excerpt ends there, with "…".
  const sentence = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }).map((w) => `${w.join(' ')}.`);
  run(
    fc.property(fc.array(sentence, { minLength: 1, maxLength: 12 }), fc.integer({ min: 10, max: 200 }), (sentences, max) => {
      const text = sentences.join(' ');
      const out = excerpt(text, max);
      checkCut(text, max, out, text);
      if (text.length <= max) return;
      const room = max - 1;
      let end = -1;
      for (let i = 0, at = 0; i < sentences.length; i++) {
        at += sentences[i]!.length;
        if (at <= room) end = at;
        at += 1;
      }
      if (end >= room * 0.6) {
        const want = `${text.slice(0, end - 1)}…`;
        if (out !== want) throw new Error(`expected the sentence end: ${JSON.stringify(want)}, got ${JSON.stringify(out)}`);
      } else if (out.length > 1 && text[out.length - 1] !== ' ' && text[out.length - 1] !== undefined) {
        throw new Error(`not cut at a word end: ${JSON.stringify(out)}`);
      }
    }),
  );
}

export const PROPERTIES: Record<string, () => void> = { feedParser, sanitiser, searchQuery, topicQuery, topicFile, excerptCutter };
