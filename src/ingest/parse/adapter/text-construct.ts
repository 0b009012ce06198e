// Reads a text-bearing element (title, summary, content, rights, …) into a value and a type,
// the way liberal readers do: `type`/`mode` attributes, markup written inline instead of
// escaped, base64 payloads, plain text that is really HTML, double-encoded UTF-8 and
// windows-1252 stragglers; then HTML is sanitised with the element's base URI.
import { escapeText } from '../../../sanitize/escape.js';
import { sanitizeHtml } from '../../../sanitize/index.js';
import { repairMojibake } from '../../../text/encoding-repair.js';
import { fixCp1252, htmlNamedEntity } from '../../../text/entities.js';
import type { TextType } from '../types.js';
import { hasElementChildren, innerMarkup, textContent } from '../xml/serialize.js';
import type { XmlElement } from '../xml/tree.js';
import type { AdaptContext } from './context.js';

export interface TextValue {
  value: string;
  /** The type as the feed declared it, mapped (`html` → `text/html`); may be any media type. */
  mediaType: string;
  type: TextType;
}

export function mapContentType(t: string): string {
  const l = t.trim().toLowerCase();
  if (l === 'text' || l === 'plain') return 'text/plain';
  if (l === 'html') return 'text/html';
  if (l === 'xhtml') return 'application/xhtml+xml';
  return l;
}

function isXmlish(t: string): boolean {
  return t.endsWith('xml');
}

/** Unwraps children that are `div`s in escaped-HTML content (TypePad wraps escaped HTML so). */
function escapedText(el: XmlElement): string {
  let out = '';
  for (const k of el.children) out += typeof k === 'string' ? k : escapedText(k);
  return out;
}

function onlyDivElements(el: XmlElement): boolean {
  for (const k of el.children) {
    if (typeof k === 'string') continue;
    if (k.local !== 'div' || !onlyDivElements(k)) return false;
  }
  return true;
}

/** Removes one wrapping <div> around the whole content (Atom 1.0 xhtml requires it). */
function unwrapDiv(el: XmlElement): XmlElement {
  let only: XmlElement | undefined;
  for (const k of el.children) {
    if (typeof k === 'string') {
      if (k.trim()) return el;
    } else {
      if (only) return el;
      only = k;
    }
  }
  return only && only.local === 'div' ? only : el;
}

const KNOWN_HTML_TAGS = new Set(
  'a abbr acronym address area article aside audio b bdi bdo big blink blockquote br button canvas caption center cite code col colgroup command datagrid datalist dd del details dfn dialog dir div dl dt em event-source fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 header hr i img input ins kbd keygen label legend li m map menu meter multicol nav nextid noscript ol optgroup option output p pre progress q s samp section select small sound source spacer span strike strong sub sup table tbody td textarea tfoot th thead time tr tt u ul var video'.split(
    ' ',
  ),
);

/** Plain text that is really HTML: has a close tag or an entity, and only known HTML tags. */
export function looksLikeHtml(s: string): boolean {
  if (!/<\/(\w+)>/.test(s) && !/&#?\w+;/.test(s)) return false;
  for (const m of s.matchAll(/<\/?(\w+)/g)) if (!KNOWN_HTML_TAGS.has(m[1]!.toLowerCase())) return false;
  for (const m of s.matchAll(/&(\w+);/g)) if (htmlNamedEntity(m[1]!) === undefined) return false;
  return true;
}

// Plain text carrying markup that would run if anyone rendered it as HTML is handed on as HTML
// (escaped, see readText): a consumer that forgets to escape a title must not execute it.
const EXECUTABLE_ELEMENT = /<\s*\/?\s*(script|iframe|object|embed|applet|frame|frameset|meta|link|base|style|svg|math)\b/i;
// `[^<>]*` stops at the next `<`, so scanning every tag stays linear even on hostile text.
const TAG = /<[a-z][^<>]*>/gi;
const EXECUTABLE_ATTR = /\son[a-z]+\s*=|(javascript|vbscript|data)\s*:/i;

function hasExecutableMarkup(s: string): boolean {
  if (s.indexOf('<') < 0) return false;
  if (EXECUTABLE_ELEMENT.test(s)) return true;
  for (const m of s.matchAll(TAG)) if (EXECUTABLE_ATTR.test(m[0])) return true;
  return false;
}

function decodeBase64(s: string): string | undefined {
  const compact = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(compact, 'base64'));
  } catch {
    return undefined;
  }
}

/**
 * Repairs what publishers broke before the bytes left them: double-encoded UTF-8 ("Ã©" for "é",
 * "â€™" for "’") and C1 controls that mean the windows-1252 characters at those codes.
 */
export function cleanText(s: string): string {
  return fixCp1252(repairMojibake(s));
}

function toTextType(t: string): TextType {
  if (t === 'text/html') return 'text/html';
  if (t === 'application/xhtml+xml') return 'application/xhtml+xml';
  if (t === 'text/plain') return 'text/plain';
  if (isXmlish(t) && t.includes('xhtml')) return 'application/xhtml+xml';
  return t.startsWith('text/') && t !== 'text/plain' ? 'text/html' : 'text/plain';
}

export function readText(el: XmlElement, defaultType: string, ctx: AdaptContext): TextValue {
  let mediaType = mapContentType(el.attrs['type'] ?? defaultType) || mapContentType(defaultType);
  const mode = (el.attrs['mode'] ?? '').toLowerCase();
  let value: string;
  if (hasElementChildren(el) && mode !== 'escaped') {
    if (!isXmlish(mediaType)) {
      if (onlyDivElements(el)) {
        value = escapedText(el);
      } else {
        mediaType = 'application/xhtml+xml';
        value = innerMarkup(ctx.version === 'atom10' ? unwrapDiv(el) : el);
      }
    } else {
      value = innerMarkup(ctx.version === 'atom10' && mediaType === 'application/xhtml+xml' ? unwrapDiv(el) : el);
    }
  } else if (isXmlish(mediaType) && mode !== 'escaped') {
    value = innerMarkup(el);
  } else {
    value = textContent(el);
  }
  value = value.trim();

  const base64 = mode === 'base64' || (!mediaType.startsWith('text/') && !isXmlish(mediaType));
  if (base64) {
    const decoded = decodeBase64(value);
    if (decoded !== undefined) value = decoded;
  }
  if (mediaType === 'text/plain') {
    if (!ctx.isAtom && looksLikeHtml(value)) {
      mediaType = 'text/html';
    } else if (hasExecutableMarkup(value)) {
      // Text that only mentions markup ("The <script> tag explained", an RSS title with no close
      // tag or entity) is text: parsed as HTML, an unclosed <script> or <style> swallowed the rest
      // of the headline. Escaped into HTML it reads back as the same text, and a consumer that
      // renders it as HTML unescaped still shows it rather than running it.
      value = escapeText(value);
      mediaType = 'text/html';
    }
  }
  value = cleanText(value);
  const type = toTextType(mediaType);
  if ((type === 'text/html' || type === 'application/xhtml+xml') && ctx.sanitize && value) {
    value = sanitizeHtml(value, { baseUrl: el.base });
  }
  return { value, mediaType, type };
}
