// Stories on the page: the coverage a teaser folds under "+N sources" (a <details>, so it opens
// without JavaScript), the story page (every article on a timeline, grouped by language, copies
// folded under the article they copy), and the article page's "Related stories".
import { html, type Html } from '../html.js';
import { formatCount, formatDate, isoDate } from '../locale.js';
import type { SiteKey } from '../messages/site.js';
import { languageName } from '../language-name.js';
import type { Ui } from '../ui.js';
import { storyLang, uiLangInside } from './content-lang.js';
import { sourceNames, type OutletLink } from './outlet.js';

/** A named link (a source); the same shape as a teaser's links, declared here so the views do not import each other. */
export interface TeaserLink {
  name: string;
  href: string;
}

/** One article in a story's coverage. */
export interface CoverageLink {
  entryId: number;
  title: string;
  href: string;
  source: TeaserLink;
  /** The outlet an aggregator's item names (views/outlet.ts). */
  outlet?: OutletLink | undefined;
  lang: string | null;
  dir: 'ltr' | 'rtl';
  publishedAt: number;
}

/** What a teaser folds: the rest of its story. */
export interface TeaserCoverage {
  storyHref: string;
  /** Sources beyond the teaser's own. */
  moreSources: number;
  /** Articles in the story (copies left out). */
  articles: number;
  languages: string[];
  /** The story's other articles, newest first (a few; the story page has all). */
  items: CoverageLink[];
}

function time(ms: number, locale: string): Html {
  return html`<time datetime="${isoDate(ms)}" data-local>${formatDate(ms, locale)}</time>`;
}

/** One line of coverage: its names are text, not links (the line's one link is the article). */
function linkItem(c: CoverageLink, ui: Ui): Html {
  return html`<li${storyLang(c.lang)} dir="${c.dir}"><a href="${c.href}">${c.title || ui.t('shell.untitled')}</a> <span class="meta">${sourceNames({ name: c.source.name }, c.outlet && { name: c.outlet.name }, ui)} <bdi${uiLangInside(c.lang, ui)}>${time(c.publishedAt, ui.locale)}</bdi></span></li>`;
}

type Counted = 'article' | 'copy' | 'source' | 'time';
const COUNT_KEYS: Record<Counted, [SiteKey, SiteKey]> = {
  article: ['count.articleOne', 'count.articles'],
  copy: ['count.copyOne', 'count.copies'],
  source: ['count.sourceOne', 'count.sources'],
  time: ['count.timeOne', 'count.times'],
};

/** "1 article", "3 articles" in the interface's language. */
function count(ui: Ui, n: number, what: Counted): string {
  const [one, many] = COUNT_KEYS[what];
  return n === 1 ? ui.t(one) : ui.t(many, { n });
}

/** The interface's own language and direction, for text the interface writes inside a story's. */
function own(ui: Ui): Html {
  return html` lang="${ui.lang}" dir="${ui.dir}"`;
}

/** The "+N sources" fold of a teaser; nothing when the story has only this article from one source. */
export function teaserCoverageView(c: TeaserCoverage, ui: Ui): Html | string {
  if (c.moreSources <= 0 && c.items.length === 0) return '';
  const langs = c.languages.length > 1 ? html` · <span class="langs">${languageList(c.languages, ui)}</span>` : '';
  // One message per fold, not "+" glued to a count: in Arabic and Persian a count reads "المصادر: 4",
  // and "+المصادر: 4" said "plus sources: 4" (u-eyes).
  const label =
    c.moreSources > 0
      ? c.moreSources === 1
        ? ui.t('teaser.moreSourceOne')
        : ui.t('teaser.moreSources', { n: c.moreSources })
      : c.items.length === 1
        ? ui.t('teaser.moreArticleOne')
        : ui.t('teaser.moreArticles', { n: c.items.length });
  return html`<details class="story-coverage"${own(ui)}><summary>${label}${langs}</summary>
${c.items.length ? html`<ul>${c.items.map((x) => linkItem(x, ui))}</ul>` : ''}
<p><a href="${c.storyHref}">${ui.t('story.allCoverage', { articles: count(ui, c.articles, 'article') })}</a></p></details>`;
}

export interface StoryArticleView extends CoverageLink {
  /** Other sources that carried this very article (same address), first seen first. */
  alsoCarriedBy: TeaserLink[];
  /** Copies of this article (syndicated or lightly edited), the first few. */
  copies: CoverageLink[];
  copiesTotal: number;
  /** Where all its copies are listed, when more exist than shown. */
  copiesHref: string;
}

export interface StoryPageView {
  id: number;
  headline: string;
  articles: number;
  size: number;
  sources: number;
  languages: string[];
  firstPublished: number | null;
  lastPublished: number | null;
  /** This page's articles, oldest first. */
  items: StoryArticleView[];
  pager: { newer?: string | undefined; older?: string | undefined };
  ui: Ui;
}

/** Outlets named in a line ("Also carried by A, B"), each a link, with the interface's list separator. */
function outletLinks(outlets: readonly TeaserLink[], ui: Ui): Html[] {
  return outlets.map((s, i) => html`${i ? ui.t('list.sep') : ''}<bdi><a href="${s.href}">${s.name}</a></bdi>`);
}

/** Languages named in a line, in the interface's language, with its list separator. */
function languageList(langs: readonly string[], ui: Ui): string {
  return langs.map((l) => languageName(l, ui)).join(ui.t('list.sep'));
}

function storyArticle(a: StoryArticleView, ui: Ui): Html {
  const more = a.copiesTotal - a.copies.length;
  return html`<li${storyLang(a.lang)} dir="${a.dir}"><p class="when"><bdi${uiLangInside(a.lang, ui)}>${time(a.publishedAt, ui.locale)}</bdi> · ${sourceNames(a.source, a.outlet, ui)}</p>
<h3><a href="${a.href}">${a.title || ui.t('shell.untitled')}</a></h3>${
    a.alsoCarriedBy.length ? html`<p class="note"${own(ui)}>${ui.t('story.alsoCarriedBy')} ${outletLinks(a.alsoCarriedBy, ui)}</p>` : ''
  }${
    a.copiesTotal
      ? html`<details class="copies"${own(ui)}><summary>${count(ui, a.copiesTotal, 'copy')}</summary><ul>${a.copies.map((c) => linkItem(c, ui))}</ul>${
          more > 0
            ? html`<p><a href="${a.copiesHref}">${a.copiesTotal === 1 ? ui.t('story.allCopiesOne') : ui.t('story.allCopies', { n: a.copiesTotal })}</a></p>`
            : ''
        }</details>`
      : ''
  }</li>`;
}

export function storyPageView(s: StoryPageView): Html {
  // Grouped by language in the story's order (most articles first), each group on its own timeline.
  const groups = new Map<string, StoryArticleView[]>();
  for (const lang of s.languages) groups.set(lang, []);
  for (const a of s.items) {
    const key = a.lang ?? '';
    const list = groups.get(key);
    if (list) list.push(a);
    else groups.set(key, [a]);
  }
  const ui = s.ui;
  const span =
    s.firstPublished !== null && s.lastPublished !== null
      ? html` ${ui.t('story.spanFrom')} <bdi>${time(s.firstPublished, ui.locale)}</bdi> ${ui.t('story.spanTo')} <bdi>${time(s.lastPublished, ui.locale)}</bdi>`
      : '';
  const articles = count(ui, s.articles, 'article');
  const what = s.size > s.articles ? ui.t('story.metaCopies', { articles, copies: count(ui, s.size - s.articles, 'copy') }) : articles;
  return html`<article class="story" aria-labelledby="story-title">
<h1 id="story-title" dir="auto">${s.headline || ui.t('shell.untitled')}</h1>
<p class="meta"${own(ui)}>${ui.t('story.metaFrom', { what, sources: count(ui, s.sources, 'source') })}${
    s.languages.length ? ` ${ui.t('story.metaIn', { langs: languageList(s.languages, ui) })}` : ''
  }${span}</p>
${[...groups]
  .filter(([, items]) => items.length)
  .map(
    ([lang, items]) => html`<section class="story-lang"${storyLang(lang || null)}>
<h2${own(ui)}>${languageName(lang || null, ui)} <span class="count">(${formatCount(items.length, ui.locale)})</span></h2>
<ol class="timeline">${items.map((a) => storyArticle(a, ui))}</ol>
</section>`,
  )}
${
  s.pager.newer || s.pager.older
    ? html`<nav class="pager" aria-label="${ui.t('pager.label')}"><span>${s.pager.newer ? html`<a href="${s.pager.newer}" rel="prev">${ui.t('story.earlier')}</a>` : ''}</span><span>${
        s.pager.older ? html`<a href="${s.pager.older}" rel="next">${ui.t('story.later')}</a>` : ''
      }</span></nav>`
    : ''
}
</article>`;
}

export interface CopiesPageView {
  storyHref: string;
  original: CoverageLink;
  items: CoverageLink[];
  total: number;
  next?: string | undefined;
  prev?: string | undefined;
  ui: Ui;
}

export function copiesPageView(p: CopiesPageView): Html {
  const ui = p.ui;
  return html`<h1>${ui.t('copies.title')} <bdi>${p.original.title || ui.t('shell.untitled')}</bdi></h1>
<p class="meta">${count(ui, p.total, 'copy')} · <a href="${p.storyHref}">${ui.t('copies.wholeStory')}</a> · <a href="${p.original.href}">${ui.t('copies.original')}</a></p>
<ol class="timeline">${p.items.map((c) => linkItem(c, ui))}</ol>
${
  p.prev || p.next
    ? html`<nav class="pager" aria-label="${ui.t('pager.label')}"><span>${p.prev ? html`<a href="${p.prev}" rel="prev">${ui.t('story.earlierShort')}</a>` : ''}</span><span>${
        p.next ? html`<a href="${p.next}" rel="next">${ui.t('story.laterShort')}</a>` : ''
      }</span></nav>`
    : ''
}`;
}

export interface RelatedView {
  /** The story page; empty when the article has no story yet. */
  storyHref: string;
  articles: number;
  sources: number;
  /** The story's other articles, newest first. */
  items: CoverageLink[];
  /** Other sources that carried this article. */
  alsoCarriedBy: TeaserLink[];
  /** The article this one copies, when it is a copy. */
  copyOf?: CoverageLink | undefined;
  copiesTotal: number;
  /** Headline edits at the source, oldest first. */
  edits: { at: number; before: string; after: string }[];
  ui: Ui;
}

export function relatedView(r: RelatedView): Html {
  const ui = r.ui;
  return html`<aside class="related" aria-labelledby="related"${own(ui)}>
<h2 id="related">${ui.t('related.title')}</h2>
${r.copyOf ? html`<p>${ui.t('related.copyOf')} <a href="${r.copyOf.href}"><bdi>${r.copyOf.title}</bdi></a> (<bdi>${r.copyOf.source.name}</bdi>).</p>` : ''}${
  r.alsoCarriedBy.length ? html`<p>${ui.t('story.alsoCarriedBy')} ${outletLinks(r.alsoCarriedBy, ui)}.</p>` : ''
}${r.items.length ? html`<ul>${r.items.map((x) => linkItem(x, ui))}</ul>` : html`<p class="note">${ui.t('related.none')}</p>`}
${
  r.storyHref
    ? html`<p><a href="${r.storyHref}">${ui.t('related.all', { articles: count(ui, r.articles, 'article'), sources: count(ui, r.sources, 'source') })}${
        r.copiesTotal ? ui.t('related.copiesOfThis', { copies: count(ui, r.copiesTotal, 'copy') }) : ''
      }</a></p>`
    : ''
}${
  r.edits.length
    ? html`<details class="edits"><summary>${ui.t('related.edited', { times: count(ui, r.edits.length, 'time') })}</summary><ol>${r.edits.map(
        (e) => html`<li><bdi>${time(e.at, ui.locale)}</bdi>: <del><bdi>${e.before}</bdi></del> → <ins><bdi>${e.after}</bdi></ins></li>`,
      )}</ol></details>`
    : ''
}
</aside>`;
}
