// A small safe subset of inline CSS: text colour, alignment, font, spacing, borders, float and
// size, the presentational styling real feeds carry. Values are rebuilt from a tiny token grammar
// (keywords, plain lengths, #hex, rgb()/hsl() with numbers, font names) so no url(), expression(),
// escape, comment or at-rule can get through; position and negative lengths are left out, so
// content cannot be laid over the page around it.

const PROPERTIES = new Set([
  'color',
  'background-color',
  'background',
  'text-align',
  'text-decoration',
  'text-indent',
  'text-transform',
  'font-weight',
  'font-style',
  'font-size',
  'font-family',
  'font-variant',
  'line-height',
  'letter-spacing',
  'word-spacing',
  'vertical-align',
  'white-space',
  'direction',
  'margin',
  'margin-top',
  'margin-right',
  'margin-bottom',
  'margin-left',
  'padding',
  'padding-top',
  'padding-right',
  'padding-bottom',
  'padding-left',
  'border',
  'border-top',
  'border-right',
  'border-bottom',
  'border-left',
  'border-width',
  'border-style',
  'border-color',
  'border-collapse',
  'border-spacing',
  'width',
  'height',
  'max-width',
  'float',
  'clear',
  'display',
  'overflow',
  'cursor',
  'list-style-type',
  'background-x',
  'background-y',
]);

const KEYWORD = /^[a-z][a-z-]{0,30}$/i;
const LENGTH = /^(?:\d{1,4}(?:\.\d{1,4})?|\.\d{1,4})(?:px|em|ex|rem|pt|pc|cm|mm|in|%|ch|vw|vh)?$/i;
const HEX = /^#[0-9a-f]{3,8}$/i;
const COLOR_FN = /^(?:rgba?|hsla?)\(\s*[\d.%]+(?:\s*[,/]?\s*[\d.%]+){2,3}\s*\)$/i;
const FONT_NAME = /^(?:'[\w -]{1,40}'|"[\w -]{1,40}"|[a-z][\w -]{0,40})$/i;
const DISPLAY_VALUES = new Set([
  'block',
  'inline',
  'inline-block',
  'none',
  'table',
  'table-cell',
  'table-row',
  'list-item',
  'flex',
  'inline-flex',
]);
// Anything here rejects the whole attribute: escapes, comments, braces and at-rules are how a
// declaration list is made to read differently by different CSS parsers.
const FORBIDDEN = /[\\<>{}@]|\/\*|expression|javascript|vbscript|behavior|binding|image-set|var\s*\(|attr\s*\(/i;

/** Splits a value on spaces and commas, keeping rgb(...) and quoted names whole. */
function tokens(value: string): string[] | undefined {
  const out: string[] = [];
  const re = /\s*((?:rgba?|hsla?)\([^)]*\)|'[^']*'|"[^"]*"|[^\s,]+)\s*,?/gi;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(value)) !== null && m[0] !== '') {
    out.push(m[1]!);
    consumed = re.lastIndex;
  }
  return consumed === value.length ? out : undefined;
}

function valueAllowed(prop: string, value: string): boolean {
  if (prop === 'font-family') return value.split(',').every((f) => FONT_NAME.test(f.trim()));
  if (prop === 'display') return DISPLAY_VALUES.has(value.toLowerCase());
  const toks = tokens(value);
  if (toks === undefined || toks.length === 0 || toks.length > 6) return false;
  return toks.every((t) => KEYWORD.test(t) || LENGTH.test(t) || HEX.test(t) || COLOR_FN.test(t));
}

/** The safe subset of a style attribute, normalised as `prop: value;` pairs; undefined if none. */
export function safeStyle(style: string): string | undefined {
  if (FORBIDDEN.test(style)) return undefined;
  const kept: string[] = [];
  for (const decl of style.split(';')) {
    const colon = decl.indexOf(':');
    if (colon === -1) continue;
    const name = decl.slice(0, colon).trim();
    const prop = name.toLowerCase();
    if (!PROPERTIES.has(prop)) continue;
    let value = decl.slice(colon + 1).trim();
    let important = '';
    // Anchored at the "!": a leading \s* would be retried from every space of a run (20,000
    // spaces in a declaration took a second, growing with the square).
    const imp = /!\s*important$/i.exec(value);
    if (imp) {
      important = ' !important';
      value = value.slice(0, imp.index).trimEnd();
    }
    if (value === '' || !valueAllowed(prop, value)) continue;
    kept.push(`${name}: ${value}${important};`);
  }
  return kept.length > 0 ? kept.join(' ') : undefined;
}
