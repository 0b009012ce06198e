// Stories on the page: the coverage a teaser folds under "+N sources" (a <details>, so it opens
// without JavaScript), the story page (every article on a timeline, grouped by language, copies
// folded under the article they copy), and the article page's "Related stories".
import { html, type Html } from '../html.js';
import { formatDate, isoDate } from '../locale.js';

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

function linkItem(c: CoverageLink, locale: string): Html {
  return html`<li${c.lang ? html` lang="${c.lang}"` : ''} dir="${c.dir}"><a href="${c.href}">${c.title || '(untitled)'}</a> <span class="meta"><bdi>${c.source.name}</bdi> <bdi>${time(c.publishedAt, locale)}</bdi></span></li>`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The "+N sources" fold of a teaser; nothing when the story has only this article from one source. */
export function teaserCoverageView(c: TeaserCoverage, locale: string): Html | string {
  if (c.moreSources <= 0 && c.items.length === 0) return '';
  const langs = c.languages.length > 1 ? html` · <span class="langs">${c.languages.join(', ')}</span>` : '';
  const label = c.moreSources > 0 ? `+${plural(c.moreSources, 'source', 'sources')}` : `+${plural(c.items.length, 'article', 'articles')}`;
  return html`<details class="story-coverage" lang="en" dir="ltr"><summary>${label}${langs}</summary>
${c.items.length ? html`<ul>${c.items.map((x) => linkItem(x, locale))}</ul>` : ''}
<p><a href="${c.storyHref}">All coverage of this story (${plural(c.articles, 'article', 'articles')})</a></p></details>`;
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
  locale: string;
}

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', ar: 'Arabic', fa: 'Persian', fr: 'French', de: 'German', es: 'Spanish' };

function languageName(lang: string | null): string {
  if (!lang) return 'Language not given';
  return LANGUAGE_NAMES[lang.split('-')[0]!] ?? lang;
}

function storyArticle(a: StoryArticleView, locale: string): Html {
  const more = a.copiesTotal - a.copies.length;
  return html`<li${a.lang ? html` lang="${a.lang}"` : ''} dir="${a.dir}"><p class="when"><bdi>${time(a.publishedAt, locale)}</bdi> · <bdi><a href="${a.source.href}">${a.source.name}</a></bdi></p>
<h3><a href="${a.href}">${a.title || '(untitled)'}</a></h3>${
    a.alsoCarriedBy.length
      ? html`<p class="note" lang="en" dir="ltr">Also carried by ${a.alsoCarriedBy.map((s, i) => html`${i ? ', ' : ''}<bdi><a href="${s.href}">${s.name}</a></bdi>`)}</p>`
      : ''
  }${
    a.copiesTotal
      ? html`<details class="copies" lang="en" dir="ltr"><summary>${plural(a.copiesTotal, 'copy', 'copies')}</summary><ul>${a.copies.map((c) => linkItem(c, locale))}</ul>${
          more > 0 ? html`<p><a href="${a.copiesHref}">All ${a.copiesTotal} copies</a></p>` : ''
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
  const span =
    s.firstPublished !== null && s.lastPublished !== null
      ? html` from <bdi>${time(s.firstPublished, s.locale)}</bdi> to <bdi>${time(s.lastPublished, s.locale)}</bdi>`
      : '';
  return html`<article class="story" aria-labelledby="story-title">
<h1 id="story-title">${s.headline || '(untitled)'}</h1>
<p class="meta" lang="en" dir="ltr">${plural(s.articles, 'article', 'articles')}${
    s.size > s.articles ? html` and ${plural(s.size - s.articles, 'copy', 'copies')}` : ''
  } from ${plural(s.sources, 'source', 'sources')}${s.languages.length ? html` in ${s.languages.map(languageName).join(', ')}` : ''}${span}</p>
${[...groups]
  .filter(([, items]) => items.length)
  .map(
    ([lang, items]) => html`<section class="story-lang"${lang ? html` lang="${lang}"` : ''}>
<h2 lang="en" dir="ltr">${languageName(lang || null)} <span class="count">(${items.length})</span></h2>
<ol class="timeline">${items.map((a) => storyArticle(a, s.locale))}</ol>
</section>`,
  )}
${
  s.pager.newer || s.pager.older
    ? html`<nav class="pager" aria-label="Pages"><span>${s.pager.newer ? html`<a href="${s.pager.newer}" rel="prev">‹ Earlier coverage</a>` : ''}</span><span>${
        s.pager.older ? html`<a href="${s.pager.older}" rel="next">Later coverage ›</a>` : ''
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
  locale: string;
}

export function copiesPageView(p: CopiesPageView): Html {
  return html`<h1>Copies of <bdi>${p.original.title || '(untitled)'}</bdi></h1>
<p class="meta">${plural(p.total, 'copy', 'copies')} · <a href="${p.storyHref}">the whole story</a> · <a href="${p.original.href}">the article they copy</a></p>
<ol class="timeline">${p.items.map((c) => linkItem(c, p.locale))}</ol>
${p.prev || p.next ? html`<nav class="pager" aria-label="Pages"><span>${p.prev ? html`<a href="${p.prev}" rel="prev">‹ Earlier</a>` : ''}</span><span>${p.next ? html`<a href="${p.next}" rel="next">Later ›</a>` : ''}</span></nav>` : ''}`;
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
  locale: string;
}

export function relatedView(r: RelatedView): Html {
  return html`<aside class="related" aria-labelledby="related" lang="en" dir="ltr">
<h2 id="related">Related stories</h2>
${r.copyOf ? html`<p>This is a copy of <a href="${r.copyOf.href}"><bdi>${r.copyOf.title}</bdi></a> (<bdi>${r.copyOf.source.name}</bdi>).</p>` : ''}${
  r.alsoCarriedBy.length
    ? html`<p>Also carried by ${r.alsoCarriedBy.map((s, i) => html`${i ? ', ' : ''}<bdi><a href="${s.href}">${s.name}</a></bdi>`)}.</p>`
    : ''
}${r.items.length ? html`<ul>${r.items.map((x) => linkItem(x, r.locale))}</ul>` : html`<p class="note">No other coverage of this story yet.</p>`}
${
  r.storyHref
    ? html`<p><a href="${r.storyHref}">All coverage: ${plural(r.articles, 'article', 'articles')} from ${plural(r.sources, 'source', 'sources')}${
        r.copiesTotal ? `, ${plural(r.copiesTotal, 'copy', 'copies')} of this one` : ''
      }</a></p>`
    : ''
}${
  r.edits.length
    ? html`<details class="edits"><summary>Edited ${plural(r.edits.length, 'time', 'times')} at the source</summary><ol>${r.edits.map(
        (e) => html`<li><bdi>${time(e.at, r.locale)}</bdi>: <del><bdi>${e.before}</bdi></del> → <ins><bdi>${e.after}</bdi></ins></li>`,
      )}</ol></details>`
    : ''
}
</aside>`;
}
