// Turns inline markup (XHTML content, or HTML a feed wrote unescaped) back into an HTML string.
import type { XmlElement } from './tree.js';

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const FOREIGN_ROOTS: Record<string, string> = { svg: 'http://www.w3.org/2000/svg', math: 'http://www.w3.org/1998/Math/MathML' };

export function escapeText(s: string): string {
  if (!/[&<>]/.test(s)) return s;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(s: string): string {
  if (!/[&<>"]/.test(s)) return s;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Plain text of an element: all descendant text, in order. */
export function textContent(el: XmlElement): string {
  const kids = el.children;
  if (kids.length === 1 && typeof kids[0] === 'string') return kids[0];
  let out = '';
  for (const k of kids) out += typeof k === 'string' ? k : textContent(k);
  return out;
}

/** True when the element has child elements (markup written inline rather than escaped). */
export function hasElementChildren(el: XmlElement): boolean {
  for (const k of el.children) if (typeof k !== 'string') return true;
  return false;
}

/** The element's content serialised as markup, prefixes dropped (XHTML is read as HTML). */
export function innerMarkup(el: XmlElement): string {
  let out = '';
  for (const k of el.children) out += typeof k === 'string' ? escapeText(k) : outerMarkup(k);
  return out;
}

export function outerMarkup(el: XmlElement): string {
  const name = el.local;
  let attrs = '';
  for (const [n, v] of el.rawAttrs) {
    if (n === 'xmlns' || n.startsWith('xmlns:')) continue;
    attrs += ` ${n}="${escapeAttr(v)}"`;
  }
  const foreign = FOREIGN_ROOTS[name];
  if (foreign && el.uri.toLowerCase() === foreign.toLowerCase()) attrs += ` xmlns="${foreign}"`;
  if (el.children.length === 0 && VOID.has(name)) return `<${name}${attrs} />`;
  return `<${name}${attrs}>${innerMarkup(el)}</${name}>`;
}
