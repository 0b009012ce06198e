// Reads one teaser block (an element, or a run of sibling nodes) into its parts: the headline
// link, the excerpt, the date, the image, and the signals the detector scores blocks by.
import { parseDate } from '../../text/dates.js';
import { isArticleUrl } from './article-url.js';
import { dateFromUrl, findDate } from './dates.js';
import type { AnyNode, Element } from './dom.js';
import { BLOCK_TAGS, HEADINGS, INVISIBLE, attr, classAndId, closest, isTag, isText, squash, textOf, walk, within } from './dom.js';
import { normalizeUrl, resolveHttpUrl, sameSite } from './normalize-url.js';
import { cleanTeaserText, isReadMore } from './read-more.js';

export interface PageContext {
  pageUrl: string;
  /** Where relative links resolve: <base href> if the page has one, else the page URL. */
  base: string;
  lang?: string | undefined;
  now: number;
  /** Per-page memo of URL judgements (same site? article-like?), which every group re-asks. */
  urls: Map<string, { same: boolean; article: boolean }>;
  /** Per-page memo: raw href → [absolute URL, normalised URL], or null when it is no http(s) link. */
  hrefs?: Map<string, [string, string] | null> | undefined;
}

/** Resolves and normalises an href once per page (every group reads the same links again). */
function link(href: string | undefined, ctx: PageContext): [string, string] | undefined {
  if (href === undefined) return undefined;
  const memo = (ctx.hrefs ??= new Map());
  let v = memo.get(href);
  if (v === undefined) {
    const url = resolveHttpUrl(href, ctx.base);
    v = url === undefined ? null : [url, normalizeUrl(url)];
    memo.set(href, v);
  }
  return v ?? undefined;
}

function judge(url: string, ctx: PageContext): { same: boolean; article: boolean } {
  let j = ctx.urls.get(url);
  if (!j) {
    j = { same: sameSite(url, ctx.pageUrl), article: isArticleUrl(url, ctx.pageUrl) };
    ctx.urls.set(url, j);
  }
  return j;
}

export interface Teaser {
  url?: string | undefined;
  title: string;
  summary?: string | undefined;
  published?: string | undefined;
  image?: string | undefined;
  /** The headline link sits in an h1–h6 (or an element classed as a title). */
  titled: boolean;
  /** Characters of other text on the headline link's line: a link inside running text is no headline. */
  lineChars: number;
  sameSite: boolean;
  articleLike: boolean;
  readMore: boolean;
  /** Distinct article-like same-site URLs in the block: a teaser has one, a container many. */
  articleUrls: number;
  hasDate: boolean;
}

/** Elements chosen by CSS selectors; each replaces the matching guess. */
export interface TeaserOverrides {
  link?: Element | undefined;
  title?: Element | undefined;
  summary?: Element | undefined;
  date?: Element | undefined;
}

interface Anchor {
  el: Element;
  url: string;
  key: string;
  text: string;
  readMore: boolean;
}

const TITLE_CLASS = /(?:^|[\s_-])(?:title|headline|heading|entry-title|post-title|card-title|story-title|titr|onvan)(?:$|[\s_-])/;
const META_CLASS =
  /(?:^|[\s_-])(?:meta|byline|author|authors|tags?|categor(?:y|ies)|cat-links|tag-links|comments?|comment-count|share|sharing|social|label|kicker|badge|breadcrumbs?|posted-on|entry-meta|post-meta|source)(?:$|[\s_-])/;
const DATE_CLASS =
  /(?:^|[\s_-])(?:date|time|datetime|posted|published|pubdate|timestamp|dateline|entry-date|post-date|updated)(?:$|[\s_-])/;
const IMAGE_SKIP_CLASS = /(?:^|[\s_-])(?:avatar|author|icon|logo|emoji|gravatar|flag|badge)(?:$|[\s_-])/;
const CARD_CHILD = new Set([
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
]);
const NOT_SUMMARY = new Set(['button', 'form', 'figcaption', 'nav', 'input', 'label', 'time', 'sup']);

/** The first descendant of `root` that passes `test`, in document order. */
function findInside(root: Element, test: (e: Element) => boolean): Element | undefined {
  let found: Element | undefined;
  walk(root.children, (n) => {
    if (found || !isTag(n)) return false;
    if (test(n)) {
      found = n;
      return false;
    }
    return true;
  });
  return found;
}

function wordCount(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

/** A headline worth the name: three words, or fifteen characters in scripts written without spaces. */
function titleLike(s: string): boolean {
  return wordCount(s) >= 3 || s.length >= 15;
}

function imageOf(el: Element, ctx: PageContext): string | undefined {
  if (IMAGE_SKIP_CLASS.test(classAndId(el))) return undefined;
  const w = Number(attr(el, 'width') ?? 'NaN');
  const h = Number(attr(el, 'height') ?? 'NaN');
  if ((w > 0 && w <= 2) || (h > 0 && h <= 2)) return undefined;
  // Lazy-loading themes put the real address in a data- attribute and a placeholder in src.
  const src = attr(el, 'src');
  const lazy =
    attr(el, 'data-src') ??
    attr(el, 'data-lazy-src') ??
    attr(el, 'data-original') ??
    attr(el, 'data-srcset')
      ?.trim()
      .split(/[\s,]+/)[0];
  const srcset = attr(el, 'srcset')
    ?.trim()
    .split(/[\s,]+/)[0];
  const pick = lazy ?? (src && !src.startsWith('data:') ? src : undefined) ?? srcset;
  return resolveHttpUrl(pick, ctx.base);
}

function dateOfElement(el: Element, ctx: PageContext): string | undefined {
  const machine = attr(el, 'datetime') ?? attr(el, 'content') ?? attr(el, 'data-date') ?? attr(el, 'data-time');
  if (machine) {
    const iso = parseDate(machine) ?? findDate(machine, ctx)?.iso;
    if (iso) return iso;
    // Unix seconds or milliseconds, as some themes write them.
    if (/^\d{10}(?:\d{3})?$/.test(machine.trim())) {
      const n = Number(machine.trim());
      return new Date(machine.trim().length === 10 ? n * 1000 : n).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
  }
  return findDate(textOf(el), ctx)?.iso ?? (attr(el, 'title') ? findDate(attr(el, 'title')!, ctx)?.iso : undefined);
}

function scoreLink(a: Anchor, nodes: readonly AnyNode[], ctx: PageContext): number {
  let s = 0;
  const stop = nodes.length === 1 ? (nodes[0]!.parent ?? undefined) : (nodes[0]!.parent ?? undefined);
  if (closest(a.el, (e) => HEADINGS.has(e.name), stop)) s += 3;
  if (closest(a.el, (e) => TITLE_CLASS.test(classAndId(e)), stop)) s += 2;
  if (closest(a.el, (e) => META_CLASS.test(classAndId(e)), stop)) s -= 3;
  const j = judge(a.url, ctx);
  if (j.same) s += j.article ? 2 : 1;
  if (titleLike(a.text)) s += 1;
  if (a.text === '') s -= 1;
  // A permalink whose text is the date ("21 minutes ago") is not the headline.
  if (a.text.length < 40 && (findDate(a.text, ctx)?.coverage ?? 0) >= 0.6) s -= 4;
  return s;
}

/** Reads a teaser block. `nodes` are the block's top-level nodes (one element, or a run of siblings). */
export function readTeaser(nodes: readonly AnyNode[], ctx: PageContext, over: TeaserOverrides = {}): Teaser {
  const anchors: Anchor[] = [];
  const headings: Element[] = [];
  const times: Element[] = [];
  const dated: Element[] = [];
  const images: Element[] = [];
  // Card themes often paint the picture as a CSS background instead of an <img>.
  let bgImage: string | undefined;
  walk(nodes, (n) => {
    if (!isTag(n)) return;
    if (INVISIBLE.has(n.name)) return false;
    if (n.name === 'a' || n.name === 'area') {
      const l = link(attr(n, 'href'), ctx);
      if (l) {
        const text = textOf(n);
        anchors.push({ el: n, url: l[0], key: l[1], text, readMore: isReadMore(n, text) });
      }
    } else if (HEADINGS.has(n.name)) headings.push(n);
    else if (n.name === 'time') times.push(n);
    else if (n.name === 'img' || n.name === 'source') images.push(n);
    else if (bgImage === undefined && attr(n, 'style')?.includes('url('))
      bgImage = /background(?:-image)?\s*:[^;]*url\(\s*['"]?([^'")]+)['"]?\s*\)/i.exec(attr(n, 'style')!)?.[1];
    if (attr(n, 'itemprop') === 'datePublished' || DATE_CLASS.test(classAndId(n))) dated.push(n);
    return true;
  });

  // The headline link: an override, else the best-scoring link that is not a "Read more".
  let main: Anchor | undefined;
  let titleFromOverride: string | undefined;
  const overLink = over.link ?? over.title;
  if (overLink) {
    const a =
      overLink.name === 'a' ? overLink : (closest(overLink, (e) => e.name === 'a') ?? anchors.find((x) => within(x.el, overLink))?.el);
    const l = a ? link(attr(a, 'href'), ctx) : undefined;
    if (a && l) main = { el: a, url: l[0], key: l[1], text: textOf(a), readMore: false };
  }
  if (over.title) titleFromOverride = textOf(over.title);
  if (!main) {
    let best = -Infinity;
    for (const a of anchors) {
      if (a.readMore) continue;
      const s = scoreLink(a, nodes, ctx);
      if (s > best) {
        best = s;
        main = a;
      }
    }
    // A teaser whose headline is plain text and whose only link is "Read more".
    main ??= anchors.find((a) => a.readMore);
  }

  const stop = nodes[0]?.parent ?? undefined;
  // A whole-card link (<a class="card"><h3>…</h3><p>…</p></a>) holds its headline inside.
  const cardLink = main?.el.children.some((c) => isTag(c) && CARD_CHILD.has(c.name));
  const innerHeading = cardLink ? findInside(main!.el, (e) => HEADINGS.has(e.name) || TITLE_CLASS.test(classAndId(e))) : undefined;
  const titleHeading =
    innerHeading ?? (main ? closest(main.el, (e) => HEADINGS.has(e.name) || TITLE_CLASS.test(classAndId(e)), stop) : undefined);
  let title = titleFromOverride ?? '';
  if (!title && innerHeading) title = textOf(innerHeading);
  if (!title && main && !main.readMore && !cardLink) {
    title = main.text || anchors.find((a) => a.key === main!.key && !a.readMore && a.text)?.text || '';
  }
  if (!title) {
    const h = titleHeading ?? headings[0];
    if (h) title = textOf(h);
  }
  if (!title && main) {
    const img = main.el.children.find((c): c is Element => isTag(c) && c.name === 'img');
    title = squash(attr(main.el, 'title') ?? (img ? (attr(img, 'alt') ?? '') : ''));
  }
  title = squash(title);

  const readMore = anchors.some((a) => a.readMore);
  const siteArticleKeys = new Set(
    anchors.filter((a) => !a.readMore && judge(a.url, ctx).same && judge(a.url, ctx).article).map((a) => a.key),
  );

  // Date: override, <time>, microdata or date-classed elements, short text lines, the URL.
  let published: string | undefined;
  if (over.date) published = dateOfElement(over.date, ctx);
  for (const t of times) if (!published) published = dateOfElement(t, ctx);
  for (const d of dated) if (!published) published = dateOfElement(d, ctx);

  // Summary: the block's text without the headline, links to the article, read-more, dates and meta.
  const titleNode = titleHeading ?? (cardLink ? undefined : main?.el);
  const roots = new Set(nodes);
  const byEl = new Map(anchors.map((a) => [a.el, a]));
  const skip = (e: Element): boolean => {
    // The block's own root is read through (unless it is the headline itself).
    if (roots.has(e) && !HEADINGS.has(e.name)) return false;
    if (NOT_SUMMARY.has(e.name) || HEADINGS.has(e.name) || e === titleNode) return true;
    if (e.name === 'a' || e.name === 'area') {
      const a = byEl.get(e);
      if (a?.readMore) return true;
      // Other links to the article (image, repeated headline) carry no excerpt; a card link does.
      if (a && main && a.key === main.key && !(cardLink && e === main.el) && a.text.length < 200) return true;
    }
    const words = classAndId(e);
    return META_CLASS.test(words) || DATE_CLASS.test(words);
  };
  const chunks = over.summary ? [textOf(over.summary)] : textChunks(nodes, skip);
  const kept: string[] = [];
  for (const c of chunks) {
    const short = c.length < 120;
    // In a long excerpt only a dateline at its very start counts; a date in its sentences is news.
    let d = findDate(short ? c : c.slice(0, 40), ctx);
    if (d && !short && !(d.index >= 0 && d.index <= 2)) d = undefined;
    if (d) {
      published ??= d.iso;
      if (short && (d.coverage >= 0.4 || c.length < 60)) continue;
      // A dateline opening the excerpt ("5 March 2024 — The council…") is not part of it.
      if (d.index >= 0 && d.index <= 2) {
        kept.push(c.slice(d.index + d.length).replace(/^[\s—–\-:|,.·•]+/u, ''));
        continue;
      }
    }
    kept.push(c);
  }
  // Labels ("World", "5 min read") drop out when there is a real excerpt beside them.
  const long = kept.some((c) => c.length >= 40);
  let summary = cleanTeaserText((long ? kept.filter((c) => c.length >= 25) : kept).join(' '));
  if (title && summary.startsWith(title)) summary = summary.slice(title.length).trim();
  if (summary.length > 2000) summary = `${summary.slice(0, 2000).replace(/\s+\S*$/, '')}…`;

  // Short lines the summary left out (bylines, datelines) may still carry the date.
  if (!published) {
    for (const c of textChunks(nodes, (e) => e === titleNode || (NOT_SUMMARY.has(e.name) && e.name !== 'time'))) {
      if (c.length < 120) published = findDate(c, ctx)?.iso;
      if (published) break;
    }
  }
  if (!published && main) published = dateFromUrl(main.url);

  let image: string | undefined;
  for (const img of images) if (!image) image = imageOf(img, ctx);
  image ??= resolveHttpUrl(bgImage, ctx.base);

  const url = main?.url;
  return {
    url,
    title,
    summary: summary || undefined,
    published,
    image,
    titled: titleHeading !== undefined || over.title !== undefined,
    lineChars: main ? textAroundOnLine(nodes, main.el) : 0,
    sameSite: url !== undefined && judge(url, ctx).same,
    articleLike: url !== undefined && judge(url, ctx).article,
    readMore,
    articleUrls: siteArticleKeys.size,
    hasDate: published !== undefined,
  };
}

/**
 * Characters of text sharing a line with `target` (lines end at block boundaries and <br>),
 * not counting the target's own text. A headline sits on a line of its own or beside a date or
 * a label; a link in an article paragraph sits in a sentence.
 */
function textAroundOnLine(nodes: readonly AnyNode[], target: Element): number {
  let line = 0;
  let inTarget = false;
  let hit = false;
  let result = 0;
  const flush = (): void => {
    if (hit) result = Math.max(result, line);
    line = 0;
    hit = false;
  };
  const stack: Array<AnyNode | { exit: Element }> = [];
  for (let i = nodes.length - 1; i >= 0; i--) stack.push(nodes[i]!);
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (!('type' in item)) {
      if (item.exit === target) inTarget = false;
      else if (BLOCK_TAGS.has(item.exit.name)) flush();
      continue;
    }
    if (isText(item)) {
      if (!inTarget) line += item.data.trim().length;
      continue;
    }
    if (!isTag(item) || INVISIBLE.has(item.name)) continue;
    if (item === target) {
      inTarget = true;
      hit = true;
    } else if (BLOCK_TAGS.has(item.name)) flush();
    stack.push({ exit: item });
    for (let i = item.children.length - 1; i >= 0; i--) stack.push(item.children[i]!);
  }
  flush();
  return result;
}

/** The text of `nodes` cut at block boundaries, skipping the subtrees `skip` names. */
function textChunks(nodes: readonly AnyNode[], skip: (e: Element) => boolean): string[] {
  const chunks: string[] = [];
  let cur = '';
  const flush = (): void => {
    const t = squash(cur);
    if (t) chunks.push(t);
    cur = '';
  };
  // An explicit stack with exit markers, so block ends can flush without recursion.
  const stack: Array<AnyNode | { exit: Element }> = [];
  for (let i = nodes.length - 1; i >= 0; i--) stack.push(nodes[i]!);
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ('exit' in item && !('type' in item)) {
      if (BLOCK_TAGS.has(item.exit.name)) flush();
      continue;
    }
    const n = item as AnyNode;
    if (isText(n)) {
      cur += n.data;
      continue;
    }
    if (!isTag(n)) continue;
    if (INVISIBLE.has(n.name) || skip(n)) {
      if (BLOCK_TAGS.has(n.name)) flush();
      else cur += ' ';
      continue;
    }
    if (BLOCK_TAGS.has(n.name)) flush();
    stack.push({ exit: n });
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  flush();
  return chunks;
}
