// Finds the teasers on a listing page by structure: blocks that repeat with the same shape,
// each holding a headline link to an article on the site, usually an excerpt, a date or a
// "Read more". Navigation, sidebars and footers repeat too, so groups are scored on what their
// blocks hold, not on how many there are. CSS selectors, when a source has them, take over.
import { createHash } from 'node:crypto';
import type { AnyNode, Document, Element } from './dom.js';
import { HEADINGS, INVISIBLE, attr, classAndId, isTag, isText, parseHtml, queryAll, queryOne, squash, walk } from './dom.js';
import { findNextPage } from './next-page.js';
import { normalizeUrl, resolveHttpUrl } from './normalize-url.js';
import type { PageContext, Teaser, TeaserOverrides } from './teaser.js';
import { readTeaser } from './teaser.js';
import type { ListingItem, ListingOptions, ListingResult } from './types.js';

export type { ListingItem, ListingOptions, ListingResult, ListingSelectors } from './types.js';

/** Ancestor levels in a path signature: enough to tell the main column from a sidebar. */
const PATH_LEVELS = 5;
/** A block with more elements than this is a page section, not a teaser. */
const MAX_BLOCK_ELEMENTS = 400;
const MAX_DEPTH = 400;
const DEFAULT_MAX_ITEMS = 500;
/**
 * Below these a page has no teaser list (an article page, a bare navigation): the best group is
 * then menus or footers, and taking it would fill the source with section links.
 */
const MIN_GROUP_SCORE = 8;
const MIN_MEAN_BLOCK_SCORE = 3;
/** Average text (whitespace included) per block below which a group is not even scored. */
const MIN_AVG_CHARS = 16;

// Class or id words of page furniture: anywhere in a word (leftmenu, footer-links), or as a part
// of a word (nav, widget), or at its end (topnav).
const BOILERPLATE_ANYWHERE = /menu|sidebar|footer|breadcrumb|pagination|cookie|navbar|navigation|masthead|offcanvas/;
const BOILERPLATE_PART =
  /(?:^|[_-])(?:nav|widgets?|share|sharing|social|related|popular|trending|most-?read|most-popular|comments?|topbar|top-bar|toolbar|tagcloud|tag-cloud|copyright|ticker|skip-link|drawer|dropdown|advert|ads?)(?:$|[_-])/;
const BOILERPLATE_END = /nav$/;
const BOILERPLATE_ROLE = /^(?:navigation|banner|contentinfo|complementary|menu|menubar|search)$/;

interface Info {
  depth: number;
  boiler: boolean;
  token: string;
  elements: number;
  links: number;
  /** Characters of text inside (whitespace included): a cheap size for pruning groups. */
  chars: number;
}

interface Block {
  nodes: AnyNode[];
  boiler: boolean;
  /** Kept once read while scoring, so the winning group is not read twice. */
  teaser?: Teaser;
}

interface Scored {
  strategy: string;
  blocks: Block[];
  score: number;
}

function tokenOf(el: Element): string {
  // The first class without digits names the kind of block (post-123, col-md-4 vary per instance).
  const cls = (el.attribs['class'] ?? '').split(/\s+/).find((c) => c && !/\d/.test(c));
  return cls ? `${el.name}.${cls.toLowerCase()}` : el.name;
}

function isBoilerplate(el: Element, insideArticle: boolean): boolean {
  if (el.name === 'nav' || el.name === 'aside' || el.name === 'footer') return !insideArticle || el.name === 'nav';
  if (el.name === 'header') return !insideArticle;
  const role = attr(el, 'role');
  if (role && BOILERPLATE_ROLE.test(role)) return true;
  return classAndId(el)
    .split(' ')
    .some((w) => w !== '' && (BOILERPLATE_ANYWHERE.test(w) || BOILERPLATE_PART.test(w) || BOILERPLATE_END.test(w)));
}

/** One pass over the tree: signature, depth and boilerplate flag per element, then counts bottom-up. */
function analyse(doc: Document): { order: Element[]; info: Map<Element, Info> } {
  const order: Element[] = [];
  const info = new Map<Element, Info>();
  const inArticle = new Set<Element>();
  walk(doc.children, (n) => {
    if (!isTag(n)) return;
    if (INVISIBLE.has(n.name)) return false;
    const parent = n.parent && isTag(n.parent) ? n.parent : undefined;
    const pInfo = parent ? info.get(parent) : undefined;
    const depth = (pInfo?.depth ?? 0) + 1;
    if (depth > MAX_DEPTH) return false;
    const articleAncestor = parent !== undefined && (inArticle.has(parent) || parent.name === 'article' || parent.name === 'main');
    if (articleAncestor) inArticle.add(n);
    info.set(n, {
      depth,
      boiler: (pInfo?.boiler ?? false) || isBoilerplate(n, articleAncestor),
      token: tokenOf(n),
      elements: 1,
      links: n.name === 'a' && n.attribs['href'] !== undefined ? 1 : 0,
      chars: 0,
    });
    for (const c of n.children) if (isText(c)) info.get(n)!.chars += c.data.length;
    order.push(n);
    return true;
  });
  for (let i = order.length - 1; i >= 0; i--) {
    const el = order[i]!;
    const p = el.parent && isTag(el.parent) ? info.get(el.parent) : undefined;
    if (!p) continue;
    const me = info.get(el)!;
    p.elements += me.elements;
    p.links += me.links;
    p.chars += me.chars;
  }
  return { order, info };
}

function signature(el: Element, info: Map<Element, Info>): string {
  const parts: string[] = [];
  let n: AnyNode | null = el;
  for (let i = 0; i < PATH_LEVELS && n && isTag(n); i++, n = n.parent) parts.push(info.get(n)?.token ?? n.name);
  return parts.reverse().join('>');
}

function blockScore(t: Teaser, boiler: boolean): number {
  if (!t.url || !t.title) return 0;
  const titleLike = t.title.split(/\s+/).length >= 3 || t.title.length >= 15;
  let s = t.sameSite ? (t.articleLike ? 3 : 1.5) : 0.8;
  if (t.titled) s += 2;
  if (titleLike) s += 1;
  if (t.title.length < 4) s -= 1.5;
  s += Math.min(3, (t.summary?.length ?? 0) / 50);
  if (t.readMore) s += 2;
  if (t.hasDate) s += 1.5;
  if (t.image) s += 0.5;
  // A link inside running text (an article paragraph) is not a headline; neither is a one-word
  // link, least of all outside a heading ("edit", "Share").
  if (!t.titled && t.lineChars > 40) s *= 0.15;
  else if (!titleLike) s *= t.titled ? 0.6 : 0.4;
  // A block holding several articles is the container of the teasers, not one of them.
  if (t.articleUrls === 2) s *= 0.5;
  else if (t.articleUrls > 2) s *= 0.2;
  if (boiler) s *= 0.15;
  return Math.max(0, s);
}

/** Blocks read per group while choosing; a group of thousands is judged on an even sample. */
const SAMPLE_BLOCKS = 16;

function sample<T>(xs: T[], n: number): T[] {
  if (xs.length <= n) return xs;
  const step = xs.length / n;
  return Array.from({ length: n }, (_, i) => xs[Math.floor(i * step)]!);
}

function scoreGroup(strategy: string, allBlocks: Block[], ctx: PageContext): Scored | undefined {
  const blocks = sample(allBlocks, SAMPLE_BLOCKS);
  const teasers = blocks.map((b) => {
    const t = readTeaser(b.nodes, ctx);
    b.teaser = t;
    return t;
  });
  let total = 0;
  let linked = 0;
  const keys = new Set<string>();
  teasers.forEach((t, i) => {
    const s = blockScore(t, blocks[i]!.boiler);
    total += s;
    if (s > 0 && t.url) {
      linked++;
      keys.add(normalizeUrl(t.url));
    }
  });
  if (linked < 2 || keys.size < 2) return undefined;
  // Groups where many blocks lack a headline link, or repeat one link, are not teaser lists.
  const coverage = linked / blocks.length;
  const distinct = keys.size / linked;
  const score = (total * coverage * coverage * distinct * allBlocks.length) / blocks.length;
  if (score < MIN_GROUP_SCORE || total / blocks.length < MIN_MEAN_BLOCK_SCORE) return undefined;
  return { strategy, blocks: allBlocks, score };
}

/** Runs of siblings that start at repeated headings: teasers written without a wrapper element. */
function segmentsOf(members: Element[], info: Map<Element, Info>): Block[] {
  const memberSet = new Set(members);
  const blocks: Block[] = [];
  for (const m of members) {
    const nodes: AnyNode[] = [m];
    for (let s = m.next; s; s = s.next) {
      if (isTag(s) && (memberSet.has(s) || s.name === m.name || (HEADINGS.has(s.name) && s.name < m.name))) break;
      nodes.push(s);
    }
    blocks.push({ nodes, boiler: info.get(m)?.boiler ?? false });
  }
  return blocks;
}

// Inline elements are parts of a teaser, never the whole of one (a whole-card <a> is let through).
const NEVER_BLOCK = new Set([
  'html',
  'head',
  'body',
  'span',
  'b',
  'strong',
  'em',
  'i',
  'small',
  'time',
  'img',
  'picture',
  'label',
  'abbr',
  'cite',
  'sup',
  'sub',
  'br',
  'button',
  'font',
  'u',
]);
const BLOCKISH_CHILD = new Set([
  'div',
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'article',
  'section',
  'figure',
  'header',
  'footer',
  'ul',
  'ol',
  'li',
]);

interface Analysis {
  scored: Scored[];
  order: Element[];
  info: Map<Element, Info>;
}

function candidates(doc: Document, ctx: PageContext): Analysis {
  const { order, info } = analyse(doc);
  const groups = new Map<string, Element[]>();
  for (const el of order) {
    const i = info.get(el)!;
    if (i.links === 0 || i.elements > MAX_BLOCK_ELEMENTS || i.chars < 4) continue;
    if (NEVER_BLOCK.has(el.name)) continue;
    if (el.name === 'a' && !el.children.some((c) => isTag(c) && BLOCKISH_CHILD.has(c.name))) continue;
    const sig = signature(el, info);
    let g = groups.get(sig);
    if (!g) groups.set(sig, (g = []));
    g.push(el);
  }
  const scored: Scored[] = [];
  for (const [sig, members0] of groups) {
    if (members0.length < 2) continue;
    // With a bounded signature, a block can contain another member; keep the outermost.
    const set = new Set(members0);
    const members = members0.filter((m) => {
      for (let p = m.parent, k = 0; p && k < 12; p = p.parent, k++) if (isTag(p) && set.has(p)) return false;
      return true;
    });
    if (members.length < 2) continue;
    // Menus and tag clouds hold a word or two per block; a teaser holds at least a headline.
    const avgChars = members.reduce((n, m) => n + info.get(m)!.chars, 0) / members.length;
    if (avgChars < MIN_AVG_CHARS) continue;
    const asBlocks = scoreGroup(
      `blocks:${sig}`,
      members.map((m) => ({ nodes: [m], boiler: info.get(m)!.boiler })),
      ctx,
    );
    if (asBlocks) scored.push(asBlocks);
    const first = members[0]!;
    if (HEADINGS.has(first.name) || first.name === 'dt') {
      const segs = scoreGroup(`segments:${sig}`, segmentsOf(members, info), ctx);
      if (segs) scored.push(segs);
    }
  }
  return { scored: scored.sort((a, b) => b.score - a.score), order, info };
}

/**
 * Teasers of the winning kind standing alone elsewhere in the main content: a lead story in
 * its own container (`div.hero > article.post` beside `div.list > article.post`) has the same
 * block token but another path, and a group of one is no group. Kept when they score like the
 * group's blocks; never from boilerplate.
 */
function strays(best: Scored, a: Analysis, ctx: PageContext): Array<{ el: Element; teaser: Teaser }> {
  if (!best.strategy.startsWith('blocks:')) return [];
  const members = new Set(best.blocks.map((b) => b.nodes[0] as Element));
  const first = best.blocks[0]!.nodes[0] as Element;
  const token = a.info.get(first)?.token;
  if (!token?.includes('.')) return []; // a bare tag (li, div) is too common to match on
  const scores = best.blocks.filter((b) => b.teaser).map((b) => blockScore(b.teaser!, b.boiler));
  const bar = 0.6 * (scores.reduce((x, y) => x + y, 0) / Math.max(1, scores.length));
  const out: Array<{ el: Element; teaser: Teaser }> = [];
  for (const el of a.order) {
    const i = a.info.get(el)!;
    if (i.token !== token || members.has(el) || i.boiler || i.links === 0 || i.elements > MAX_BLOCK_ELEMENTS) continue;
    let related = false;
    for (let p = el.parent; p && !related; p = p.parent) if (isTag(p) && members.has(p)) related = true;
    if (related) continue;
    const t = readTeaser([el], ctx);
    if (blockScore(t, false) >= bar) out.push({ el, teaser: t });
  }
  return out;
}

function toItems(teasers: Teaser[], maxItems: number): ListingItem[] {
  const seen = new Set<string>();
  const items: ListingItem[] = [];
  for (const t of teasers) {
    if (!t.title) continue;
    const id = t.url
      ? normalizeUrl(t.url)
      : `sha256:${createHash('sha256')
          .update(`${t.title}\n${t.summary ?? ''}`)
          .digest('hex')
          .slice(0, 32)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const item: ListingItem = {
      title: t.title,
      url: t.url ? normalizeUrl(t.url) : '',
      ...(t.summary ? { summary: t.summary } : {}),
      ...(t.published ? { published: t.published } : {}),
      ...(t.image ? { image: t.image } : {}),
      id,
    };
    items.push(item);
    if (items.length >= maxItems) break;
  }
  return items;
}

/** <base href>, <title> and <html lang>: in <head> or near the top, so the walk stops at <body>. */
function headFacts(doc: Document): { base?: string | undefined; title?: string; lang?: string } {
  const out: { base?: string | undefined; title?: string; lang?: string } = {};
  walk(doc.children, (n) => {
    if (!isTag(n)) return false;
    if (n.name === 'html') {
      const lang = attr(n, 'lang') ?? attr(n, 'xml:lang');
      if (lang) out.lang = lang.toLowerCase();
      return true;
    }
    if (n.name === 'base' && out.base === undefined && attr(n, 'href')) out.base = attr(n, 'href');
    else if (n.name === 'title' && out.title === undefined) out.title = squash(n.children.map((c) => (isText(c) ? c.data : '')).join(''));
    // Some pages put <title> in the body or have no <head>; only the body's subtree is skipped.
    return n.name === 'head';
  });
  return out;
}

function pageContext(doc: Document, pageUrl: string, now: number): PageContext & { title?: string | undefined } {
  const facts = headFacts(doc);
  const base = resolveHttpUrl(facts.base, pageUrl) ?? pageUrl;
  return { pageUrl, base, lang: facts.lang, now, urls: new Map(), title: facts.title };
}

function bySelectors(doc: Document, ctx: PageContext, opts: ListingOptions): Teaser[] {
  const sel = opts.selectors!;
  const items = queryAll(sel.item!, doc, 'item');
  return items.map((el) => {
    const over: TeaserOverrides = {};
    if (sel.title) over.title = queryOne(sel.title, el, 'title');
    // css-select looks below the item only; an item that is itself the link stands for it.
    if (sel.link) over.link = queryOne(sel.link, el, 'link') ?? (el.name === 'a' ? el : undefined);
    if (sel.summary) over.summary = queryOne(sel.summary, el, 'summary');
    if (sel.date) over.date = queryOne(sel.date, el, 'date');
    return readTeaser([el], ctx, over);
  });
}

/**
 * The teasers on a listing page and the link to its next page.
 * `html` is the page as text (the caller decodes the bytes); `pageUrl` is its address.
 */
export function extractListing(html: string, pageUrl: string, opts: ListingOptions = {}): ListingResult {
  const doc = parseHtml(html);
  const ctx = pageContext(doc, pageUrl, opts.now ?? Date.now());
  const maxItems = opts.maxItems ?? DEFAULT_MAX_ITEMS;
  const nextPage = findNextPage(doc, ctx, opts.selectors?.next);
  const pageTitle = ctx.title ?? '';
  const result = (items: ListingItem[], strategy: string): ListingResult => ({
    items,
    ...(nextPage !== undefined ? { nextPage } : {}),
    strategy,
    ...(pageTitle ? { pageTitle } : {}),
    ...(ctx.lang ? { lang: ctx.lang } : {}),
  });

  if (opts.selectors?.item) {
    const teasers = bySelectors(doc, ctx, opts);
    // An item with no link of its own stands for the listing page; its id is then a hash.
    const items = toItems(teasers, maxItems).map((it) => (it.url ? it : { ...it, url: pageUrl }));
    return result(items, 'selectors');
  }
  const analysis = candidates(doc, ctx);
  const best = analysis.scored[0];
  if (!best) return result([], 'none');
  // A sampled group is read in full only now that it has won.
  const blocks = best.blocks.slice(0, maxItems * 2);
  for (const b of blocks) b.teaser ??= readTeaser(b.nodes, ctx);
  // Lone teasers of the same kind join the group, everything in document order.
  const position = new Map(analysis.order.map((el, i) => [el, i]));
  const all = [
    ...blocks.map((b) => ({ el: b.nodes.find((n): n is Element => isTag(n))!, teaser: b.teaser! })),
    ...strays(best, analysis, ctx),
  ].sort((x, y) => (position.get(x.el) ?? 0) - (position.get(y.el) ?? 0));
  return result(
    toItems(
      all.map((x) => x.teaser).filter((t) => t.url),
      maxItems,
    ),
    best.strategy,
  );
}
