// HTML to plain text for search, matching and teasers: entities decoded, script/style and other
// non-content dropped, blocks separated (paragraph-level blocks by a blank line, list items, table
// rows and <br> by a line break, table cells by a space) so words are never glued across tags,
// and whitespace collapsed. Streams over htmlparser2; no DOM is built.

import { Parser } from 'htmlparser2';
import { MarkupDepth, parseFlattened, type Pausable } from '../domain/markup-depth.js';

/** Elements whose content is never text a reader sees. */
const SKIP = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'head',
  'title',
  'iframe',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'select',
  'textarea',
  'button',
  'noembed',
  'noframes',
  'canvas',
  'audio',
  'video',
  'map',
  'datalist',
  'frameset',
]);

/** Paragraph-level blocks: a blank line before and after. */
const PARAGRAPH = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'dl',
  'table',
  'section',
  'article',
  'header',
  'footer',
  'aside',
  'nav',
  'main',
  'figure',
  'address',
  'hr',
  'details',
  'form',
  'fieldset',
  'center',
  'hgroup',
  'body',
  'html',
  'menu',
  'dir',
  'listing',
  'xmp',
]);

/** Line-level blocks: a line break before and after. */
const LINE = new Set(['li', 'tr', 'dt', 'dd', 'figcaption', 'caption', 'summary', 'legend', 'option', 'thead', 'tbody', 'tfoot']);

/** Inline boxes that still separate words (cells, images' neighbours). */
const SPACE = new Set(['td', 'th', 'img', 'input', 'wbr']);

const NONE = 0;
const SP = 1;
const NL = 2;
const BLANK = 3;
const SEPARATORS = ['', ' ', '\n', '\n\n'];

// Whitespace that collapses: ASCII, NBSP and the Unicode spaces, but never ZWNJ/ZWJ, which are
// part of Persian and Arabic words.
const WS = /[\s\u00a0]+/g;

class TextHandler {
  out = '';
  private pending = NONE;
  private skip = 0;
  private skipNames: string[] = [];
  /** The parser's nesting: past MAX_MARKUP_DEPTH open elements the rest is read flattened. */
  readonly depth = new MarkupDepth();

  onparserinit(parser: Pausable): void {
    this.depth.attach(parser);
  }

  private brk(level: number): void {
    if (level > this.pending) this.pending = level;
  }

  onopentag(name: string): void {
    this.depth.opened();
    if (this.skip > 0 || SKIP.has(name)) {
      if (SKIP.has(name)) {
        this.skip++;
        this.skipNames.push(name);
      }
      return;
    }
    if (PARAGRAPH.has(name)) this.brk(BLANK);
    else if (LINE.has(name)) this.brk(NL);
    else if (name === 'br') {
      // Two <br> in a row (no text between) make a paragraph break.
      this.pending = this.pending >= NL ? BLANK : NL;
    } else if (SPACE.has(name)) this.brk(SP);
  }

  onclosetag(name: string): void {
    this.depth.closed();
    if (this.skip > 0) {
      if (this.skipNames[this.skipNames.length - 1] === name) {
        this.skipNames.pop();
        this.skip--;
      }
      return;
    }
    if (PARAGRAPH.has(name)) this.brk(BLANK);
    else if (LINE.has(name)) this.brk(NL);
    else if (SPACE.has(name)) this.brk(SP);
  }

  ontext(data: string): void {
    if (this.skip > 0) return;
    const text = data.replace(WS, ' ');
    if (text === ' ') {
      this.brk(SP);
      return;
    }
    if (text === '') return;
    let start = 0;
    let end = text.length;
    if (text.charCodeAt(0) === 32) {
      this.brk(SP);
      start = 1;
    }
    const trailing = text.charCodeAt(end - 1) === 32;
    if (trailing) end--;
    if (this.out !== '') this.out += SEPARATORS[this.pending];
    this.out += start === 0 && end === text.length ? text : text.slice(start, end);
    this.pending = trailing ? SP : NONE;
  }
}

/** Plain text of an HTML fragment or document; see the file header for the layout rules. */
export function htmlToText(html: string): string {
  if (html === '') return '';
  const handler = new TextHandler();
  const parser = new Parser(handler, { decodeEntities: true, lowerCaseTags: true });
  parseFlattened(parser, handler.depth, html);
  return handler.out;
}
