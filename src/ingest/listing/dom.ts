// The small DOM toolkit the listing detector runs on: htmlparser2's tree (domhandler nodes),
// which is fast and tolerant, walked without recursion so a page nested 10,000 levels deep
// cannot overflow the stack.
import { Parser, type ParserOptions } from 'htmlparser2';
import { DomHandler, isTag, isText } from 'domhandler';
import { MarkupDepth } from '../../domain/markup-depth.js';
import type { AnyNode, Document, Element } from 'domhandler';
import { compile, selectAll, selectOne } from 'css-select';

export type { AnyNode, Document, Element };
export { isTag, isText };

/** A tree builder that stops the parser past MAX_MARKUP_DEPTH open elements (the tree so far is kept). */
class BoundedDomHandler extends DomHandler {
  private readonly depth = new MarkupDepth();

  override onparserinit(parser: Parser): void {
    super.onparserinit(parser);
    this.depth.attach(parser);
  }

  override onopentag(name: string, attribs: Record<string, string>): void {
    super.onopentag(name, attribs);
    this.depth.opened();
  }

  override onclosetag(): void {
    super.onclosetag();
    this.depth.closed();
  }
}

const OPTIONS: ParserOptions = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true };

/** Parses an HTML string (already decoded) into a document tree, read down to MAX_MARKUP_DEPTH levels. */
export function parseHtml(html: string): Document {
  const handler = new BoundedDomHandler(undefined, OPTIONS);
  new Parser(handler, OPTIONS).end(html);
  return handler.root;
}

/** Subtrees whose text is never reader-visible content. */
export const INVISIBLE = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'head',
  'title',
  'iframe',
  'object',
  'select',
  'option',
  'textarea',
]);

/** Elements that start a new line of text when rendered. */
export const BLOCK_TAGS = new Set(
  (
    'address article aside blockquote body center dd details dialog div dl dt fieldset figcaption figure footer form ' +
    'h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section summary table tbody thead tfoot tr td th ul br'
  ).split(' '),
);

export const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Collapses runs of whitespace (including no-break spaces) to single spaces and trims. */
export function squash(s: string): string {
  // Most strings need only a trim; the regex runs when there is a run or a non-space blank.
  if (!/\s\s|[\t\n\r\f\v\u00a0\u200b]/.test(s)) return s.trim();
  return s.replace(/[\s\u200b]+/g, ' ').trim();
}

/** Visits `roots` and their descendants in document order; `visit` returns false to skip a subtree. */
export function walk(roots: readonly AnyNode[], visit: (node: AnyNode) => boolean | undefined): void {
  const stack: AnyNode[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push(roots[i]!);
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (visit(node) === false) continue;
    if (isTag(node) || node.type === 'root') {
      const kids = (node as Element).children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
}

/** Visible text of `roots`, whitespace collapsed, block boundaries kept as single spaces. */
export function textOf(roots: AnyNode | readonly AnyNode[], skip?: (el: Element) => boolean): string {
  const parts: string[] = [];
  walk(Array.isArray(roots) ? roots : [roots as AnyNode], (n) => {
    if (isText(n)) {
      parts.push(n.data);
      return;
    }
    if (!isTag(n)) return;
    if (INVISIBLE.has(n.name) || skip?.(n)) return false;
    if (BLOCK_TAGS.has(n.name) || n.name === 'img') parts.push(' ');
    return true;
  });
  return squash(parts.join(''));
}

export function attr(el: Element, name: string): string | undefined {
  const v = el.attribs[name];
  return v === undefined ? undefined : v;
}

// CMS taxonomy classes (WordPress puts `category-news tag-social` on every post) say what a post
// is about, not what the element is; they would trip the naming heuristics.
const TAXONOMY_CLASS = /^(?:tag|tags|category|categories|cat|post|format|status|type|author|term|topic|section)-/;

/** Class and id words of an element, lower case, for naming heuristics (taxonomy classes left out). */
export function classAndId(el: Element): string {
  const rawClass = el.attribs['class'];
  const rawId = el.attribs['id'];
  if (rawClass === undefined && rawId === undefined) return ' ';
  let v = wordsCache.get(el);
  if (v === undefined) {
    const cls = (rawClass ?? '')
      .toLowerCase()
      .split(/\s+/)
      .filter((c) => c && !TAXONOMY_CLASS.test(c));
    v = `${cls.join(' ')} ${(rawId ?? '').toLowerCase()}`;
    wordsCache.set(el, v);
  }
  return v;
}
const wordsCache = new WeakMap<Element, string>();

/** Whether `el` is `anc` or lies inside it. */
export function within(el: AnyNode, anc: AnyNode): boolean {
  for (let n: AnyNode | null = el; n; n = n.parent) if (n === anc) return true;
  return false;
}

export function closest(el: AnyNode, test: (e: Element) => boolean, stopAt?: AnyNode): Element | undefined {
  for (let n: AnyNode | null = el; n && n !== stopAt; n = n.parent) if (isTag(n) && test(n)) return n;
  return undefined;
}

/**
 * Whether `selector` is CSS this reader can use (css-select compiles it): checked when a selector
 * is saved (the desk), so that a bad one is refused then rather than failing the source's next check.
 */
export function isUsableSelector(selector: string): boolean {
  try {
    compile(selector);
    return true;
  } catch {
    return false;
  }
}

/** css-select over the domhandler tree; a bad selector says which setting to fix. */
export function queryAll(selector: string, root: AnyNode | AnyNode[], setting: string): Element[] {
  try {
    return selectAll<AnyNode, Element>(selector, root);
  } catch (err) {
    throw new Error(
      `invalid CSS selector for ${setting} (${JSON.stringify(selector)}): ${(err as Error).message}; fix or remove it in the source's settings.selectors`,
    );
  }
}

export function queryOne(selector: string, root: AnyNode | AnyNode[], setting: string): Element | undefined {
  try {
    return selectOne<AnyNode, Element>(selector, root) ?? undefined;
  } catch (err) {
    throw new Error(
      `invalid CSS selector for ${setting} (${JSON.stringify(selector)}): ${(err as Error).message}; fix or remove it in the source's settings.selectors`,
    );
  }
}
