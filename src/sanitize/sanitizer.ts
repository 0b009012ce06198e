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
import { escapeAttr, escapeText } from './escape.js';
import { ALLOWED, DROP_WITH_CONTENT, MAX_DEPTH, URL_ATTRS, VOID_ELEMENTS } from './policy.js';
import { parseBase, safeSrcset, safeUrl, type Base } from './url.js';
import { isPixelSized, isTrackerUrl } from './trackers.js';
import { safeStyle } from './style.js';
import { allowedEmbed, EMBED_REFERRER_POLICY, EMBED_SANDBOX } from './embeds.js';

export interface SanitizeOptions {
  /** Base URL for resolving relative href/src/srcset/poster/cite; without it they stay relative. */
  baseUrl?: string;
  /** Keep YouTube/Vimeo player iframes, rebuilt and sandboxed. Default true. */
  allowEmbeds?: boolean;
  /** Drop tracking pixels (1x1 images, known tracker hosts). Default true. */
  dropTrackers?: boolean;
  /**
   * `target` written on links. Default none: links open in place, so the back button works;
   * `rel="noopener noreferrer"` is written on every link either way.
   */
  linkTarget?: '_blank';
  /**
   * The input is XHTML (Atom `type="xhtml"`, XHTML bodies): `<div/>` and `<a name="x"/>` close
   * themselves instead of swallowing what follows. The output is HTML either way.
   */
  xhtml?: boolean;
}

/** Frame marks: what we did with each element the parser opened. */
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

class SanitizeHandler implements Partial<Handler> {
  out = '';
  private readonly names: string[] = [];
  private readonly marks: number[] = [];
  private skip = 0;
  private written = 0;
  private readonly base: Base | undefined;
  private readonly allowEmbeds: boolean;
  private readonly dropTrackers: boolean;
  private readonly linkSuffix: string;

  constructor(opts: SanitizeOptions) {
    this.base = parseBase(opts.baseUrl);
    this.allowEmbeds = opts.allowEmbeds !== false;
    this.dropTrackers = opts.dropTrackers !== false;
    this.linkSuffix = ' rel="noopener noreferrer"' + (opts.linkTarget === '_blank' ? ' target="_blank"' : '');
  }

  onopentag(name: string, attribs: Record<string, string>): void {
    this.names.push(name);
    if (this.skip > 0) {
      this.marks.push(SKIPPED);
      return;
    }
    if (DROP_WITH_CONTENT.has(name)) {
      if (name === 'iframe' && this.allowEmbeds) this.writeEmbed(attribs);
      this.skip++;
      this.marks.push(DROP_ROOT);
      return;
    }
    const allowed = ALLOWED.get(name);
    if (allowed === undefined || this.written >= MAX_DEPTH) {
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
      this.marks.push(WRITTEN);
    }
  }

  onclosetag(name: string): void {
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
      } else if (mark === DROP_ROOT) {
        this.skip--;
      }
    }
  }

  ontext(data: string): void {
    if (this.skip === 0) this.out += escapeText(data);
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
      const value = attribs[key]!;
      let safe: string | undefined;
      if (key === 'srcset') safe = safeSrcset(value, this.base);
      else if (key === 'style') safe = safeStyle(value);
      else {
        const kind = URL_ATTRS[key];
        safe = kind === undefined ? plainValue(value) : safeUrl(value, kind, this.base);
      }
      if (safe === undefined) continue;
      tag += ` ${key}="${escapeAttr(safe)}"`;
    }
    if ((name === 'a' || name === 'area') && tag.includes(' href="')) tag += this.linkSuffix;
    else if (name === 'video' || name === 'audio') tag += ' controls';
    return tag + '>';
  }

  /** src/srcset for an img, or undefined when it has no usable source or is a tracking pixel. */
  private imageAttrs(attribs: Record<string, string>): string | undefined {
    let rawSrc = attribs.src;
    if (rawSrc === undefined || rawSrc === '' || /^\s*data:image\/gif/i.test(rawSrc)) {
      // Lazy-loading markup keeps the real image in data-src and a placeholder in src.
      for (const k of LAZY_SRC_ATTRS) {
        const v = attribs[k];
        if (v !== undefined && v !== '') {
          rawSrc = v;
          break;
        }
      }
    }
    const src = rawSrc === undefined ? undefined : safeUrl(rawSrc, 'image', this.base);
    const srcset = attribs.srcset === undefined ? undefined : safeSrcset(attribs.srcset, this.base);
    if (src === undefined && srcset === undefined && rawSrc !== undefined) return undefined;
    if (this.dropTrackers) {
      if (isPixelSized(attribs.width, attribs.height)) return undefined;
      if (src !== undefined && isTrackerUrl(src)) return undefined;
    }
    let s = '';
    if (src !== undefined) s += ` src="${escapeAttr(src)}"`;
    if (srcset !== undefined) s += ` srcset="${escapeAttr(srcset)}"`;
    return s;
  }

  private writeEmbed(attribs: Record<string, string>): void {
    const raw = attribs.src;
    if (raw === undefined) return;
    const resolved = safeUrl(raw, 'media', this.base);
    const src = allowedEmbed(resolved ?? (raw.trim().startsWith('//') ? raw.trim() : undefined));
    if (src === undefined) return;
    let tag = `<iframe src="${escapeAttr(src)}" sandbox="${EMBED_SANDBOX}" referrerpolicy="${EMBED_REFERRER_POLICY}"`;
    for (const k of ['width', 'height']) {
      const v = attribs[k];
      if (v !== undefined && /^\d{1,4}%?$/.test(v.trim())) tag += ` ${k}="${v.trim()}"`;
    }
    if (attribs.title !== undefined) tag += ` title="${escapeAttr(attribs.title)}"`;
    this.out += tag + ' allow="fullscreen; picture-in-picture; encrypted-media" allowfullscreen loading="lazy"></iframe>';
  }
}

/** Sanitises an HTML fragment to the allowlist; see this file's header for the guarantees. */
export function sanitizeHtml(html: string, opts: SanitizeOptions = {}): string {
  if (html === '') return '';
  const handler = new SanitizeHandler(opts);
  const parser = new Parser(handler, {
    decodeEntities: true,
    lowerCaseTags: true,
    lowerCaseAttributeNames: true,
    recognizeSelfClosing: opts.xhtml === true,
  });
  parser.write(html);
  parser.end();
  return handler.finish();
}
