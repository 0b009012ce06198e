// The streaming allowlist sanitiser: htmlparser2's tokeniser and tree-builder events in, a freshly
// serialised HTML string out. No DOM is built. Safety does not depend on htmlparser2 reading the
// input exactly as a browser would: we only ever write allowlisted tags and attributes, every text
// run and attribute value is escaped (including < and > inside attributes), raw-text and foreign
// (SVG/MathML) elements are never written, and every tag we open we close. A browser reading our
// output therefore sees the same tree we meant, whatever the input tried.
//
// Why our own and not DOMPurify: DOMPurify needs a DOM; on jsdom it ran 20-77x slower than this
// on the same article bodies, with ~10x the heap growth (bench/sanitize.ts), DOMPurify reports
// linkedom as unsupported, and sanitize-html needs Node 22. The feed parser sanitises every
// entry, so this sits on its hot path. Policy and checks: README.md beside this file.

import { Parser, type Handler } from 'htmlparser2';
import { MarkupDepth, parseFlattened, type Pausable } from '../domain/markup-depth.js';
import { decodeMarkupAttr, escapeAttr, escapeMarkupAttr, escapeMarkupText } from './escape.js';
import { ALLOWED, DROP_WITH_CONTENT, MAX_DEPTH, URL_ATTRS, VOID_ELEMENTS } from './policy.js';
import { parseBase, safeSrcset, safeUrl, type Base } from './url.js';
import { isPixelSized, isTrackerUrl } from './trackers.js';
import { safeStyle } from './style.js';
import { allowedEmbed, EMBED_REFERRER_POLICY, EMBED_SANDBOX } from './embeds.js';

export interface SanitizeOptions {
  /** Base URL for resolving relative href/src/srcset/poster/cite; without it they stay relative. */
  baseUrl?: string | undefined;
  /** Keep YouTube/Vimeo player iframes, rebuilt and sandboxed. Default true. */
  allowEmbeds?: boolean | undefined;
  /** Drop tracking pixels (1x1 images, known tracker hosts). Default true. */
  dropTrackers?: boolean | undefined;
  /**
   * Write `rel="noopener noreferrer"` on links. Default false: stored HTML stays as the feed
   * meant it; the web app turns this on when it renders, and its `Referrer-Policy: same-origin`
   * header already keeps readers' URLs from outlets for links and images alike.
   */
  linkRel?: boolean | undefined;
  /** `target` written on links (implies `linkRel`). Default none: links open in place. */
  linkTarget?: '_blank' | undefined;
  /**
   * The input is XHTML (Atom `type="xhtml"`, XHTML bodies): `<div/>` and `<a name="x"/>` close
   * themselves instead of swallowing what follows. The output is HTML either way.
   */
  xhtml?: boolean | undefined;
}

/** Frame marks: what we did with each element the parser opened. */
// Start tags that make a browser close an open <p> (when no table cell or button lies between).
// htmlparser2 closes the <p> only when it is the innermost element; inside <p><span> it would
// not, and the <p><div> we wrote would be read by a browser as two siblings, not as we meant.
const CLOSES_P: ReadonlySet<string> = new Set(
  'address article aside blockquote center details dialog dir div dl dd dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li listing main menu nav ol p pre search section summary table ul xmp'.split(
    ' ',
  ),
);
const P_SCOPE_LIMITS: ReadonlySet<string> = new Set([
  'button',
  'table',
  'td',
  'th',
  'caption',
  'marquee',
  'object',
  'template',
  'applet',
  'html',
]);

// What a start tag closes when it meets it as the innermost element ("<li>a<li>b" is two items).
// The parser applies this to its own stack; but when the innermost element is one we leave out
// (<li><form><li>), the parser nests, while our output, without the form, would be read as two
// siblings. Such a tag is left out too (its content kept), so the output reads as it was written.
const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
const IMPLIED_CLOSES: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const m = new Map<string, Set<string>>();
  const add = (tags: readonly string[], closed: readonly string[]): void => {
    for (const t of tags) m.set(t, new Set([...(m.get(t) ?? []), ...closed]));
  };
  add(['li'], ['li']);
  add(['dd', 'dt'], ['dd', 'dt']);
  add(['tr'], ['tr', 'td', 'th']);
  add(['td', 'th'], ['td', 'th', 'thead']);
  add(['thead', 'tbody', 'tfoot'], ['thead', 'tbody', 'tfoot']);
  add(['option'], ['option']);
  add(['optgroup'], ['optgroup', 'option']);
  add(['rt', 'rp'], ['rt', 'rp']);
  add(['a'], ['a']);
  add(HEADINGS, HEADINGS);
  add([...CLOSES_P], ['p']);
  return m;
})();

const SKIPPED = 0; // tag not written (unwrapped, or inside dropped content)
const WRITTEN = 1; // start tag written: write its end tag on close
const DROP_ROOT = 2; // first dropped-with-content element: its close ends the drop

// Not a URL attribute, but a value that reads as a script URL is dropped anyway: a checker (or a
// future allowlist entry) that treats it as one must never find one.
const SCRIPTISH_VALUE = /^(?:javascript|vbscript|livescript|mocha|data):/i;
function plainValue(v: string): string | undefined {
  if (v.indexOf(':') === -1) return v;
  return SCRIPTISH_VALUE.test(v.replace(/[\u0000-\u0020\u007f]+/g, '')) ? undefined : v;
}

const LAZY_SRC_ATTRS = ['data-src', 'data-lazy-src', 'data-original'];

/** An attribute value as a browser reads it (the tokeniser leaves references undecoded). */
function attrValue(raw: string | undefined): string | undefined {
  return raw === undefined || raw.indexOf('&') === -1 ? raw : decodeMarkupAttr(raw);
}

function escapeSafe(v: string | undefined): string | undefined {
  return v === undefined ? undefined : escapeAttr(v);
}

class SanitizeHandler implements Partial<Handler> {
  out = '';
  private readonly names: string[] = [];
  private readonly marks: number[] = [];
  private skip = 0;
  private written = 0;
  /** Links written and still open: a link inside a link is left out (its text is kept). */
  private openLinks = 0;
  private base: Base | undefined;
  private allowEmbeds = true;
  private dropTrackers = true;
  private linkSuffix = '';
  /** The parser's nesting (domain/markup-depth.ts); past its limit the rest is read flattened. */
  readonly depth = new MarkupDepth();
  /** Past the nesting limit: no more tags are written, only text (and dropped content stays dropped). */
  private flat = false;

  onparserinit(parser: Pausable): void {
    this.depth.attach(parser);
  }

  /** Readies the handler for one fragment (handlers and their parsers are reused). */
  begin(opts: SanitizeOptions): void {
    this.out = '';
    this.names.length = 0;
    this.marks.length = 0;
    this.skip = 0;
    this.written = 0;
    this.openLinks = 0;
    this.flat = false;
    this.depth.reset();
    this.base = parseBase(opts.baseUrl);
    this.allowEmbeds = opts.allowEmbeds !== false;
    this.dropTrackers = opts.dropTrackers !== false;
    this.linkSuffix =
      opts.linkTarget === '_blank'
        ? ' rel="noopener noreferrer" target="_blank"'
        : opts.linkRel === true
          ? ' rel="noopener noreferrer"'
          : '';
  }

  onopentag(name: string, attribs: Record<string, string>): void {
    this.names.push(name);
    this.depth.opened();
    if (this.depth.cut) this.flat = true;
    if (this.skip > 0) {
      this.marks.push(SKIPPED);
      return;
    }
    if (DROP_WITH_CONTENT.has(name)) {
      if (name === 'iframe' && this.allowEmbeds && !this.flat) this.writeEmbed(attribs);
      this.skip++;
      this.marks.push(DROP_ROOT);
      return;
    }
    const allowed = ALLOWED.get(name);
    // HTML has no link inside a link: a browser would close the outer one at the inner one, so
    // the tree it built would not be the one we wrote, and a re-sanitised copy would differ.
    // Past the nesting limit nothing is written but text; the checks below walk the stack, which
    // keeps growing there (each fresh parser's unclosed elements stay on it).
    if (
      allowed === undefined ||
      this.flat ||
      this.written >= MAX_DEPTH ||
      (name === 'a' && this.openLinks > 0) ||
      (CLOSES_P.has(name) && this.paragraphOpen()) ||
      this.closesAcrossSkipped(name)
    ) {
      this.marks.push(SKIPPED);
      return;
    }
    const tag = this.startTag(name, attribs, allowed);
    if (tag === undefined) {
      this.marks.push(SKIPPED);
      return;
    }
    this.out += tag;
    if (VOID_ELEMENTS.has(name)) {
      this.marks.push(SKIPPED);
    } else {
      this.written++;
      if (name === 'a') this.openLinks++;
      this.marks.push(WRITTEN);
    }
  }

  onclosetag(name: string): void {
    this.depth.closed();
    let i = this.names.length - 1;
    // htmlparser2 closes in stack order; should it ever not, close down to the matching frame.
    while (i >= 0 && this.names[i] !== name) i--;
    if (i < 0) return;
    while (this.names.length > i) {
      const n = this.names.pop()!;
      const mark = this.marks.pop()!;
      if (mark === WRITTEN) {
        this.out += `</${n}>`;
        this.written--;
        if (n === 'a') this.openLinks--;
      } else if (mark === DROP_ROOT) {
        this.skip--;
      }
    }
  }

  /** The innermost element we wrote is one `name` closes, and only a left-out element hides it. */
  private closesAcrossSkipped(name: string): boolean {
    const closes = IMPLIED_CLOSES.get(name);
    if (closes === undefined) return false;
    for (let i = this.names.length - 2; i >= 0; i--) {
      if (this.marks[i] === WRITTEN) return i < this.names.length - 2 && closes.has(this.names[i]!);
    }
    return false;
  }

  /** A <p> we wrote is open, and a browser would close it at a block start (see CLOSES_P). */
  private paragraphOpen(): boolean {
    for (let i = this.names.length - 2; i >= 0; i--) {
      if (this.marks[i] !== WRITTEN) continue;
      const n = this.names[i]!;
      if (n === 'p') return true;
      if (P_SCOPE_LIMITS.has(n)) return false;
    }
    return false;
  }

  ontext(data: string): void {
    if (this.skip === 0) this.out += escapeMarkupText(data);
  }

  /** ontext of a run without `&`, `<`, `>` or NUL, which escapeMarkupText returns as it is. */
  onplaintext(data: string): void {
    if (this.skip === 0) this.out += data;
  }

  /** Closes whatever the parser left open (it normally closes everything at end()). */
  finish(): string {
    while (this.names.length > 0) this.onclosetag(this.names[this.names.length - 1]!);
    return this.out;
  }

  /** The start tag to write, or undefined to leave the element out (its content is kept). */
  private startTag(name: string, attribs: Record<string, string>, allowed: ReadonlySet<string>): string | undefined {
    let tag = '<' + name;
    if (name === 'img') {
      const img = this.imageAttrs(attribs);
      if (img === undefined) return undefined;
      tag += img;
    }
    for (const key in attribs) {
      if (!allowed.has(key)) continue;
      if (name === 'img' && (key === 'src' || key === 'srcset')) continue;
      // Values arrive as written (the tokeniser does not decode references): checks run on
      // what a browser would read, plain values are written back keeping numeric references.
      const raw = attribs[key]!;
      const value = raw.indexOf('&') === -1 ? raw : decodeMarkupAttr(raw);
      let out: string | undefined;
      if (key === 'srcset') out = escapeSafe(safeSrcset(value, this.base));
      else if (key === 'style') out = escapeSafe(safeStyle(value));
      else {
        const kind = URL_ATTRS[key];
        if (kind !== undefined) out = escapeSafe(safeUrl(value, kind, this.base));
        else if (plainValue(value) !== undefined) out = escapeMarkupAttr(raw);
      }
      if (out === undefined) continue;
      tag += ` ${key}="${out}"`;
    }
    if (this.linkSuffix !== '' && (name === 'a' || name === 'area') && tag.includes(' href="')) tag += this.linkSuffix;
    else if (name === 'video' || name === 'audio') tag += ' controls';
    // Void elements in the self-closing form: valid HTML, readable as XHTML, and feedparser's.
    return tag + (VOID_ELEMENTS.has(name) ? ' />' : '>');
  }

  /** src/srcset for an img, or undefined when it has no usable source or is a tracking pixel. */
  private imageAttrs(attribs: Record<string, string>): string | undefined {
    let rawSrc = attrValue(attribs.src);
    if (rawSrc === undefined || rawSrc === '' || /^\s*data:image\/gif/i.test(rawSrc)) {
      // Lazy-loading markup keeps the real image in data-src and a placeholder in src.
      for (const k of LAZY_SRC_ATTRS) {
        const v = attrValue(attribs[k]);
        if (v !== undefined && v !== '') {
          rawSrc = v;
          break;
        }
      }
    }
    const src = rawSrc === undefined ? undefined : safeUrl(rawSrc, 'image', this.base);
    const srcset = attribs.srcset === undefined ? undefined : safeSrcset(attrValue(attribs.srcset)!, this.base);
    if (src === undefined && srcset === undefined && rawSrc !== undefined) return undefined;
    if (this.dropTrackers) {
      if (isPixelSized(attrValue(attribs.width), attrValue(attribs.height))) return undefined;
      if (src !== undefined && isTrackerUrl(src)) return undefined;
    }
    let s = '';
    if (src !== undefined) s += ` src="${escapeAttr(src)}"`;
    if (srcset !== undefined) s += ` srcset="${escapeAttr(srcset)}"`;
    return s;
  }

  private writeEmbed(attribs: Record<string, string>): void {
    const raw = attrValue(attribs.src);
    if (raw === undefined) return;
    const resolved = safeUrl(raw, 'media', this.base);
    const src = allowedEmbed(resolved ?? (raw.trim().startsWith('//') ? raw.trim() : undefined));
    if (src === undefined) return;
    let tag = `<iframe src="${escapeAttr(src)}" sandbox="${EMBED_SANDBOX}" referrerpolicy="${EMBED_REFERRER_POLICY}"`;
    for (const k of ['width', 'height']) {
      const v = attrValue(attribs[k]);
      if (v !== undefined && /^\d{1,4}%?$/.test(v.trim())) tag += ` ${k}="${v.trim()}"`;
    }
    if (attribs.title !== undefined) tag += ` title="${escapeMarkupAttr(attribs.title)}"`;
    this.out += tag + ' allow="fullscreen; picture-in-picture; encrypted-media" allowfullscreen loading="lazy"></iframe>';
  }
}

const MARKUP_CHAR = /[<&\u0000]/;

/** Sanitises an HTML fragment to the allowlist; see this file's header for the guarantees. */
export function sanitizeHtml(html: string, opts: SanitizeOptions = {}): string {
  // No tag, reference or NUL: the whole input is one text run, and escaping its `>` is all the
  // parse would do. Most titles and summaries are like that.
  if (!MARKUP_CHAR.test(html)) return html.indexOf('>') === -1 ? html : html.replace(/>/g, '&gt;');
  const xhtml = opts.xhtml === true;
  // A parser per call costs as much as parsing a short summary: keep one per mode. Parsing is
  // synchronous and the handler never calls back in here, so a busy one only means an earlier
  // call threw part-way; reset() below clears that.
  const pair = (xhtml ? xhtmlPair : htmlPair) ?? newPair(xhtml);
  pair.handler.begin(opts);
  parseFlattened(pair.parser, pair.handler.depth, html);
  const out = pair.handler.finish();
  pair.handler.out = '';
  return out;
}

/**
 * A fragment given as the events htmlparser2 (lower-case names, references left undecoded) would
 * emit for its markup: every element opened and closed, void ones included, implied closes
 * already applied, text runs and attribute values as written in markup.
 */
export interface MarkupEvents {
  open(name: string, attribs: Record<string, string>): void;
  text(data: string): void;
  /**
   * A text run with none of the characters escaping acts on (`&`, `<`, `>`, NUL): what `text`
   * makes of it, the run as it is, without scanning it again. Most of an article body is such runs.
   */
  plainText(data: string): void;
  close(name: string): void;
}

let eventHandler: SanitizeHandler | undefined;

/**
 * What `sanitizeHtml` returns for a fragment whose parse gives the events `feed` sends, for a
 * caller that holds the fragment as a tree already (the extractor's article body) and would
 * otherwise serialise it only for it to be parsed again here. `feed` returns false to give up
 * (a shape it cannot vouch for): then the result is null and the caller uses sanitizeHtml.
 * The same handler writes the output, so the guarantees are the same whatever the events.
 */
export function sanitizeEvents(feed: (events: MarkupEvents) => boolean, opts: SanitizeOptions = {}): string | null {
  const handler = eventHandler ?? new SanitizeHandler();
  eventHandler = handler;
  handler.begin(opts);
  const ok = feed({
    open: (name, attribs) => handler.onopentag(name, attribs),
    text: (data) => handler.ontext(data),
    plainText: (data) => handler.onplaintext(data),
    close: (name) => handler.onclosetag(name),
  });
  const out = ok ? handler.finish() : null;
  handler.out = '';
  return out;
}

interface Pair {
  handler: SanitizeHandler;
  parser: Parser;
}
let htmlPair: Pair | undefined;
let xhtmlPair: Pair | undefined;

function newPair(xhtml: boolean): Pair {
  const handler = new SanitizeHandler();
  const parser = new Parser(handler, {
    // References are decoded by us (escape.ts), so that numeric ones can be written back as given.
    decodeEntities: false,
    lowerCaseTags: true,
    lowerCaseAttributeNames: true,
    recognizeSelfClosing: xhtml,
  });
  const pair = { handler, parser };
  if (xhtml) xhtmlPair = pair;
  else htmlPair = pair;
  return pair;
}
