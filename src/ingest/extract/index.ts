// Full-article extraction: page bytes in, main content and metadata out.
// Content comes from Mozilla's Readability (the scoring behind Firefox Reader View) run on
// linkedom, a fast server DOM; per-site rules override it where a site's structure is known;
// a one-pass finder stands in when the page is too big for the time budget. Metadata is read
// from structured data before Readability rewrites the tree, and fills what it leaves empty.
import { decodeHtml } from '../../text/encoding.js';
import { ablation, unlessOff } from './ablation.js';
import type { DomDocument, DomElement, PageIndex } from './dom.js';
import { normalizeTree, parseDocument, tagged } from './dom.js';
import { fallbackContent, headlineH1 } from './fallback.js';
import { liveBlogInData } from './ld-stories.js';
import { absoluteUrl, chooseByline, choosePublished, readMetadata } from './metadata.js';
import { chooseArticle } from './candidates.js';
import type { ReadabilityArticle } from './candidates.js';
import { stripNonContent } from './non-content.js';
import { isReaderable } from './readerable.js';
import { readDeclarations, shortStoryVerdict } from './short-story.js';
import { removeLinkLines } from './link-lines.js';
import { removeTitledRails } from './titled-rails.js';
import { liveBlogInMicrodata, liveFeedOnPage, removeSelfLinks } from './live-blog.js';
import { learnedTrim } from './learned-blocks.js';
import { withoutListenerEntries } from './listener-entries.js';
import { sanitizedChildren } from './sanitize-tree.js';
import { growToArticle, previewSecondLook, secondLook } from './second-look.js';
import type { SecondLookPreview } from './second-look.js';
import { siteRuleFor } from './site-rules.js';
import type { SiteRule } from './site-rules.js';
import { blockText } from './text.js';
import { SqueezedText, lastSqueezed } from './squeeze.js';
import { postBelowHeader } from './header-body.js';
import { storyAroundGallery } from './gallery-body.js';
import { unwrapProseNoscripts } from './noscript.js';
import { type HeadBlock, addOpening, headBlocksOnce, readHead } from './opening.js';
import { type TitleStory, readTitleStory, storyBelowTitle } from './title-story.js';
import { bodyWantsScriptState, scriptStory, scriptStoryContent } from './script-state.js';
import { STRUCTURED_SHORT, structuredBody, structuredContent } from './structured-body.js';
import { trimEdgesToBlocks } from './trim.js';
import {
  hasTypographicSeparator,
  headlineFromDocumentTitle,
  headlineAroundTitle,
  headlineOf,
  pageHeadings,
  permalinkHeading,
  siteNameKeys,
  withoutSiteName,
} from './title.js';
import type { ExtractInput, ExtractOptions, ExtractResult } from './types.js';

export type { ExtractInput, ExtractOptions, ExtractResult } from './types.js';
export { decodeHtml } from '../../text/encoding.js';

export const DEFAULT_TIME_BUDGET_MS = 5000;
/** Nesting beyond this is collapsed to text (tree code recurses per level). */
export const MAX_DEPTH = 180;
/** Pages are cut to this many characters before parsing: bounds memory and time. */
export const MAX_HTML_CHARS = 3_000_000;
/**
 * Readability's passes cost about 0.1 to 0.25 ms per element on linkedom (more when it retries
 * with relaxed rules), so a page with more elements than this per ms of budget goes to the
 * one-pass finder instead.
 */
const ELEMENTS_PER_BUDGET_MS = 3;
const MAX_ELEMENTS_FOR_SCORING = 60_000;

function lowerKeys(h: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (h) for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}

/**
 * Cuts what no extractor reads before parsing (comments, scripts, styles: non-content.ts), then
 * bounds the size of what is parsed.
 */
function shrink(html: string, warnings: string[]): string {
  let out = stripNonContent(html);
  if (out.length > MAX_HTML_CHARS) {
    warnings.push(`page cut to its first ${MAX_HTML_CHARS} characters of ${out.length} (after removing scripts and styles)`);
    out = out.slice(0, MAX_HTML_CHARS);
  }
  return out;
}

function baseUrlOf(index: PageIndex, url: string | undefined): string | undefined {
  const baseHref = tagged(index, 'base')
    .find((b) => b.hasAttribute('href'))
    ?.getAttribute('href');
  if (baseHref) {
    const abs = absoluteUrl(baseHref, url);
    if (abs) return abs;
  }
  return url;
}

/** The target of a <meta http-equiv="refresh" content="N; url=...">, resolved. */
function refreshTarget(index: PageIndex, base: string | undefined): string | null {
  for (const m of tagged(index, 'meta')) {
    if ((m.getAttribute('http-equiv') ?? '').toLowerCase() !== 'refresh') continue;
    const c = /^\s*\d*\.?\d*\s*[;,]?\s*(?:url\s*=\s*)?['"]?([^'"]+)['"]?\s*$/i.exec(m.getAttribute('content') ?? '');
    if (c?.[1]?.trim()) return absoluteUrl(c[1], base);
  }
  return null;
}

function applySiteRule(doc: DomDocument, rule: SiteRule): DomElement | null {
  for (const sel of rule.content) {
    const el = doc.querySelector(sel);
    if (!el || (el.textContent ?? '').trim().length < 100) continue;
    for (const r of rule.remove ?? []) {
      const found = el.querySelectorAll(r);
      for (let i = found.length - 1; i >= 0; i--) found[i]!.remove();
    }
    return el;
  }
  return null;
}

/** The first image in the content that is not an icon or tracking pixel. */
function firstContentImage(content: DomElement | null, base: string | undefined): string | null {
  if (!content) return null;
  const imgs = content.getElementsByTagName('img');
  for (let i = 0; i < imgs.length; i++) {
    const img = imgs[i]!;
    const w = Number(img.getAttribute('width') ?? '0');
    const h = Number(img.getAttribute('height') ?? '0');
    if ((w > 0 && w < 50) || (h > 0 && h < 50)) continue;
    const src = absoluteUrl(img.getAttribute('src'), base);
    if (src) return src;
  }
  return null;
}

function clean(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  // U+FEFF inside a value is content (a word joiner), not whitespace to squeeze.
  const t = s.replace(/[^\S\ufeff]+/g, ' ').replace(/^[^\S\ufeff]+|[^\S\ufeff]+$/g, '');
  return t || null;
}

/**
 * MathJax 3 marks every formula container with a "CtxtMenu_Attached" class (its context menu),
 * which boilerplate filters read as a navigation menu and drop, formulas and all. The classes
 * only hook MathJax's own styling, so they are removed.
 */
function unflagWidgets(index: PageIndex): void {
  for (const m of tagged(index, 'mjx-container')) m.removeAttribute('class');
}

/**
 * Readability's title, except where the document <title> is the only source and either uses
 * typographic separators, which Readability leaves whole, or Readability did not run.
 */
function chooseTitle(readabilityTitle: string | null, structured: boolean, docTitle: string): string | null {
  if (!structured && (readabilityTitle === null || hasTypographicSeparator(docTitle))) {
    return clean(headlineFromDocumentTitle(docTitle));
  }
  return readabilityTitle;
}

/** Readability resolves links against the document's own address, which linkedom lacks. */
function setAddress(doc: DomDocument, base: string, url: string | undefined): void {
  Object.defineProperty(doc, 'baseURI', { value: base, configurable: true });
  Object.defineProperty(doc, 'documentURI', { value: url ?? base, configurable: true });
}

/** Extracts the article and its metadata from one page. Never throws for bad HTML. */
export function extractArticle(input: ExtractInput, opts: ExtractOptions = {}): ExtractResult {
  // No node of the page outlives the call, and none gets a listener: linkedom's per-node
  // listener tables are left unmade (listener-entries.ts).
  return withoutListenerEntries(() => extractPage(input, opts));
}

function extractPage(input: ExtractInput, opts: ExtractOptions): ExtractResult {
  const started = performance.now();
  const budget = opts.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  const warnings: string[] = [];
  const headers = lowerKeys(input.headers);

  let html: string;
  let charset = 'utf-8';
  if (typeof input.bytes === 'string') {
    html = input.bytes;
  } else {
    const decoded = decodeHtml(input.bytes, headers['content-type']);
    html = decoded.text;
    charset = decoded.charset;
    if (decoded.overruled) warnings.push(`declared charset ${decoded.overruled} does not fit the bytes; decoded as ${decoded.charset}`);
  }

  const shrunk = shrink(html, warnings);
  const doc = parseDocument(shrunk);
  const { collapsed, elements, index } = normalizeTree(doc, MAX_DEPTH);
  if (collapsed > 0) warnings.push(`${collapsed} subtrees nested deeper than ${MAX_DEPTH} levels were flattened to text`);

  const base = baseUrlOf(index, input.url);
  if (base) {
    setAddress(doc, base, input.url);
  }

  const meta = readMetadata(doc, index, base, headers, input.url);
  unflagWidgets(index);
  unwrapProseNoscripts(tagged(index, 'noscript'), doc.body);
  const docTitle = doc.title ?? '';
  const headings = pageHeadings(index);
  const refreshUrl = refreshTarget(index, base);
  if (meta.paywalled) warnings.push('the page marks its article as not free to read (paywall); content may be a teaser');
  let readerable = isReaderable(doc);
  // A page that fails the test may still declare one story (its story object, og:type, its one
  // <article>): read before the scorer moves the tree, judged on the final body (short-story.ts).
  const declared = readerable ? null : readDeclarations(doc, tagged(index, 'meta'), meta.ownStory !== null, meta.paywalled);
  // A live blog's feed of dated updates, by its structured data or its shape, read before the
  // scorer moves the page (live-blog.ts): the title story does not move its body to the title.
  // (A LiveBlogPosting nested deeper than metadata's flattening reaches, say as a WebPage's
  // mainEntity, or written as microdata, is looked for only where the title story would run:
  // liveBlogInData, liveBlogInMicrodata.)
  const live = meta.live || liveFeedOnPage(tagged(index, 'time'), tagged(index, 'h1'));

  let content: DomElement | null = null;
  let article: ReadabilityArticle | null = null;
  let chosenText: string | null = null;
  const rule = siteRuleFor(input.url);
  if (rule) content = applySiteRule(doc, rule);
  if (!content) {
    const maxElements = Math.min(MAX_ELEMENTS_FOR_SCORING, budget * ELEMENTS_PER_BUDGET_MS);
    const tooBig = elements > maxElements;
    const elapsed = performance.now() - started;
    // The element count decides for almost every page, the same way on any machine; the clock
    // only steps in when the budget is already spent before scoring starts.
    if (tooBig || elapsed > budget) {
      warnings.push(
        tooBig
          ? `page has ${elements} elements, more than ${maxElements} can be scored in ${budget} ms; used the one-pass content finder`
          : `parsing used ${Math.round(elapsed)} ms of the ${budget} ms budget; used the one-pass content finder`,
      );
      content = fallbackContent(doc);
    } else {
      const reparse = (): DomDocument => {
        const again = parseDocument(shrunk);
        const againIndex = normalizeTree(again, MAX_DEPTH).index;
        unflagWidgets(againIndex);
        unwrapProseNoscripts(tagged(againIndex, 'noscript'), again.body);
        if (base) setAddress(again, base, input.url);
        return again;
      };
      // The second look's block, previewed on the pruned page while it is still as parsed: for
      // most short bodies that alone shows it cannot win, and the page is not parsed again.
      let preview: SecondLookPreview | undefined;
      // The blocks below the headline, read before the scorer moves them: where a story's opening
      // paragraphs stand when the scorer starts the body below them (opening.ts).
      let head = null as HeadBlock[] | null;
      // The blocks below the story's title heading, read before the scorer moves them: a body that
      // holds none of them was taken from elsewhere on the page (title-story.ts).
      let titled = null as TitleStory | null;
      article = chooseArticle(doc, warnings, (pruned) => {
        // The headline <h1> serves the preview and the head, and the blocks below it the title
        // story too where the title heading is that <h1>: each read once.
        const h1 = headlineH1(pruned, tagged(index, 'h1'));
        const below = headBlocksOnce();
        preview = previewSecondLook(pruned, undefined, h1);
        head = readHead(pruned, undefined, h1, below);
        titled = readTitleStory(pruned, headings, below);
      });
      // The finder's block stands in when Readability found nothing; it is a body like any other,
      // so its edges are trimmed the same way (comment counts, permalinks, sign-up lines).
      content = article?.content ?? fallbackContent(doc);
      if (content) {
        // The body's text and the scorer's, squeezed at most once for the stages that read both,
        // and only when a block they look for is not found in them as written (SqueezedText).
        const squeezed = lastSqueezed();
        const seen = new SqueezedText(article?.textContent ?? '');
        // The blocks the trim measured, as they stand after it, serve the stages after it too.
        let { blocks } = trimEdgesToBlocks(content, article?.content ? article.title : meta.title, clean(article?.byline) ?? meta.byline);
        const trimmed = blockText(content);
        chosenText = trimmed;
        // unlessOff: the dev-only stage switches (ablation.ts); with no hook set, each is its body.
        const other =
          unlessOff('grow', growToArticle(content, trimmed, reparse, article?.title, preview, blocks)) ??
          unlessOff('second-look', secondLook(content, trimmed, reparse, article?.title, preview, blocks)) ??
          unlessOff(
            'title-story',
            (live || liveBlogInData(index) || liveBlogInMicrodata(index.itemtype)) && !ablation.off?.('live-feed')
              ? null
              : storyBelowTitle(trimmed, new SqueezedText(trimmed, squeezed), seen, reparse, article?.title, titled),
          ) ??
          unlessOff('header-body', postBelowHeader(trimmed, blocks, reparse, article?.title)) ??
          unlessOff('gallery', storyAroundGallery(content, blocks, reparse, article?.title));
        if (other) {
          content = other.content;
          chosenText = other.text;
          blocks = other.blocks;
        }
        if (learnedTrim(content, blocks) > 0) chosenText = blockText(content);
        if (removeLinkLines(content) > 0) chosenText = blockText(content);
        if (removeSelfLinks(content) > 0) chosenText = blockText(content);
        if (removeTitledRails(content, input.url ?? meta.canonicalUrl ?? undefined, base) > 0) chosenText = blockText(content);
        if (head && addOpening(content, new SqueezedText(chosenText, squeezed), head, seen) > 0) chosenText = blockText(content);
      }
    }
  }

  let text = chosenText ?? (content ? blockText(content) : null);
  const addresses = [input.url, meta.canonicalUrl];
  const imageFrom = content;

  // A short body, or a page that does not read as an article (a script-rendered skeleton): the
  // page's own story object in its structured data may hold the story's text (structured-body.ts;
  // never for a page marked as not free to read).
  const found = text?.length ?? 0;
  const fromData =
    found < STRUCTURED_SHORT || !readerable
      ? unlessOff('structured-body', structuredBody({ doc, index, addresses, base, paywalled: meta.paywalled }, found))
      : null;
  if (fromData) {
    content = structuredContent(doc, fromData);
    text = blockText(content);
    const what = fromData.source === 'liveBlogUpdate' ? `liveBlogUpdate, ${fromData.updates} updates` : 'articleBody';
    warnings.push(`text taken from the page's structured data (JSON-LD ${what}, ${text.length} characters); the page's HTML gave ${found}`);
    // The page's own story object holds a story's length of text: the page is an article.
    readerable = true;
  }
  // Still missing, short or without prose, and no story object to fill it: the JSON state a
  // client-rendered page ships may hold the story (script-state.ts). Read from the page as served
  // (the parsed tree has no scripts); never for a page marked as not free to read.
  if (!fromData && !meta.paywalled && bodyWantsScriptState(text)) {
    const state = unlessOff('script-state', scriptStory({ html, doc, index, description: meta.excerpt }, found).story);
    if (state) {
      content = scriptStoryContent(doc, state, MAX_DEPTH);
      text = blockText(content);
      warnings.push(
        `text taken from the page's script data (${state.where}, key "${state.key}", ${text.length} characters); the page's HTML gave ${found}`,
      );
      readerable = true;
    }
  }
  // A short story that declares itself one: the page is an article (short-story.ts). Text unchanged.
  if (!readerable && declared && content && text) {
    readerable = shortStoryVerdict(declared, content, text) === 'story';
  }
  const headline = headlineOf(chooseTitle(clean(article?.title), meta.titleIsStructured, docTitle) ?? meta.title, headings);

  return {
    title: headlineAroundTitle(
      withoutSiteName(
        headline,
        () => siteNameKeys(meta.siteName, addresses, index),
        docTitle,
        () => permalinkHeading(headings, addresses),
      ),
      tagged(index, 'h1'),
    ),
    // The page's own story object's author and datePublished first: Readability reads only a
    // top-level JSON-LD object (or @graph's first story, a listing's), then bylines from the DOM
    // that carry their furniture ("By … — November 18"), photo credits or the site's name; a
    // byline Readability took from the page's markup is read again, cut to the names (chooseByline).
    byline: meta.ownStory?.byline ?? chooseByline(clean(article?.byline), meta),
    published: choosePublished(article?.publishedTime, meta),
    lang: clean(article?.lang) ?? meta.lang,
    dir: clean(article?.dir) ?? meta.dir,
    siteName: clean(article?.siteName) ?? meta.siteName,
    excerpt: clean(article?.excerpt) ?? meta.excerpt,
    leadImage: meta.leadImage ?? firstContentImage(imageFrom, base),
    canonicalUrl: meta.canonicalUrl,
    html: content ? sanitizedChildren(content, { baseUrl: base }) : null,
    text: text || null,
    readerable,
    charset,
    refreshUrl,
    warnings,
  };
}
