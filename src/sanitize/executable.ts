// An independent check for executable remnants in sanitised HTML, used by the tests, the fixture
// checker and the benchmark. It reads the markup twice: once as raw tags (our escaping guarantees
// every `<` in the output starts a real tag) and once through htmlparser2 with entities decoded,
// and reports every finding rather than the first.

import { Parser } from 'htmlparser2';

const DANGEROUS_ELEMENTS = new Set([
  'script',
  'object',
  'embed',
  'applet',
  'meta',
  'link',
  'base',
  'frame',
  'frameset',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'svg',
  'math',
  'style',
  'template',
  'portal',
  'noscript',
  'xmp',
  'plaintext',
  'noembed',
  'noframes',
  'title',
  'animate',
  'set',
  'handler',
  'listener',
]);
// One attribute inside a raw tag: name, then an optional quoted or bare value.
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?/g;
const BAD_SCHEME = /^(?:javascript|vbscript|livescript|mocha|data|jar|view-source):/;
const SAFE_DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|jpg|webp);base64,/;
const BAD_STYLE = /expression\s*\(|javascript:|vbscript:|behavior\s*:|-moz-binding|@import|url\s*\(/i;
const REQUIRED_SANDBOX = /^allow-scripts allow-same-origin allow-popups$/;

/** Lists the executable or dangerous constructs found in `html`; empty when it is safe. */
export function findExecutable(html: string): string[] {
  const found: string[] = [];
  // Raw pass: the literal tags, before any entity decoding.
  for (const m of html.matchAll(/<\s*(\/?)\s*([a-zA-Z][^\s/>]*)([^>]*)>?/g)) {
    const name = m[2]!.toLowerCase();
    if (DANGEROUS_ELEMENTS.has(name)) found.push(`raw <${m[1]}${name}>`);
    for (const a of (m[3] ?? '').matchAll(ATTRIBUTE)) {
      if (/^on/i.test(a[1]!)) found.push(`raw ${a[1]} attribute in <${name}>`);
    }
  }
  if (/<!\[CDATA\[|<!--|<\?/.test(html)) found.push('raw comment/CDATA/processing instruction');
  // Parsed pass.
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (DANGEROUS_ELEMENTS.has(name)) found.push(`<${name}>`);
        if (name === 'iframe' && !REQUIRED_SANDBOX.test(attribs.sandbox ?? '')) found.push('<iframe> without our sandbox');
        for (const [k, v] of Object.entries(attribs)) {
          if (k.startsWith('on')) found.push(`${k} attribute on <${name}>`);
          if (k === 'style' && BAD_STYLE.test(v)) found.push(`style with code on <${name}>`);
          if (k === 'srcdoc' || k === 'formaction' || k === 'xlink:href' || k === 'action') found.push(`${k} attribute on <${name}>`);
          const norm = v.replace(/[\u0000-\u0020\u007f]+/g, '').toLowerCase();
          if (BAD_SCHEME.test(norm) && !(name === 'img' && k === 'src' && SAFE_DATA_IMAGE.test(norm))) {
            found.push(`${k}="${norm.slice(0, 20)}…" on <${name}>`);
          }
          if (k === 'srcset' && /(?:^|,)\s*(?:javascript|data|vbscript):/i.test(norm)) found.push(`srcset scheme on <${name}>`);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return found;
}
