// A topic page: a list of teasers, newest first, with older/newer links. The same view serves
// "All stories", a source, a topic and search results; topics, story clusters and highlighted
// snippets are optional parts of a teaser, so adding them later changes no layout.
import { html, type Html } from '../html.js';
import { formatDate, isoDate } from '../locale.js';
import type { Ui } from '../ui.js';
import { storyLang, uiLangInside } from './content-lang.js';
import { sourceNames, type OutletLink } from './outlet.js';
import { teaserCoverageView, type TeaserCoverage } from './story.js';

export interface TeaserLink {
  name: string;
  href: string;
}

export interface Teaser {
  id: number;
  href: string;
  title: string;
  /** The title with search matches highlighted, when there are some. */
  titleHtml?: Html | undefined;
  lang: string | null;
  dir: 'ltr' | 'rtl';
  source: TeaserLink;
  /** The outlet an aggregator's item names (views/outlet.ts); the source is then named as "via". */
  outlet?: OutletLink | undefined;
  publishedAt: number;
  /** Plain text excerpt, or a highlighted snippet. */
  excerpt: string | Html;
  /** On a topic page, when the excerpt does not mention the subject: where the story does, marked. */
  kwic?: Html | undefined;
  /** On a topic page: the "why is this here" view. */
  explainHref?: string | undefined;
  /** Topics the entry matched (no page fills it yet). */
  topics?: TeaserLink[] | undefined;
  /** The rest of the entry's story ("+N sources"), folded. */
  coverage?: TeaserCoverage | undefined;
  /** An editor pinned it: it leads the page. */
  pinned?: boolean | undefined;
  /** An editor featured it: it is marked. */
  featured?: boolean | undefined;
}

export interface Pager {
  newer?: string;
  older?: string;
  /** Back to the first page, shown when not on it. */
  newest?: string;
  /** Link texts for ranked lists (search), where "newer"/"older" would mislead. */
  labels?: { newer: string; older: string; newest: string };
}

export interface Listing {
  heading: string;
  /** A topic's description, written by an editor in any language: laid out by its own text (dir="auto"). */
  intro?: string | Html | undefined;
  /** Shown above the list (search filters, source details). */
  before?: Html | undefined;
  teasers: Teaser[];
  pager: Pager;
  empty: string | Html;
  ui: Ui;
}

/** Pinned and featured marks, in the interface's language (the teaser itself is in the story's). */
function marks(t: Teaser, ui: Ui): Html | string {
  if (!t.pinned && !t.featured) return '';
  return html`<p class="marks" lang="${ui.lang}" dir="${ui.dir}">${t.pinned ? html`<span class="mark-pinned">${ui.t('teaser.pinned')}</span>` : ''}${
    t.featured ? html`<span class="mark-featured">${ui.t('teaser.featured')}</span>` : ''
  }</p>`;
}

function teaserView(t: Teaser, ui: Ui): Html {
  const lang = t.lang ?? undefined;
  const cls = `teaser${t.featured ? ' featured' : ''}${t.pinned ? ' pinned' : ''}`;
  // Links the interface writes ("Read more") carry the interface's language, the rest the story's.
  const own = html` lang="${ui.lang}" dir="${ui.dir}"`;
  return html`<li><article class="${cls}"${storyLang(lang)} dir="${t.dir}" aria-labelledby="t${t.id}">
${marks(t, ui)}<h2 id="t${t.id}"><a href="${t.href}">${t.titleHtml ?? t.title}</a></h2>
<p class="meta">${sourceNames(t.source, t.outlet, ui)} <bdi${uiLangInside(lang, ui)}><time datetime="${isoDate(t.publishedAt)}" data-local>${formatDate(t.publishedAt, ui.locale)}</time></bdi></p>
<p class="excerpt">${t.excerpt}</p>
${t.kwic ? html`<p class="kwic"><span class="visually-hidden"${own}>${ui.t('teaser.mentioned')} </span>${t.kwic}</p>` : ''}
${t.topics?.length ? html`<ul class="topics" aria-label="${ui.t('teaser.topics')}">${t.topics.map((x) => html`<li><a href="${x.href}">${x.name}</a></li>`)}</ul>` : ''}${
  t.coverage ? teaserCoverageView(t.coverage, ui) : ''
}<p${own}><a class="more" href="${t.href}" aria-label="${ui.t('teaser.readMoreLabel', { title: t.title })}">${ui.t('teaser.readMore')}</a>${
    t.explainHref
      ? html` <a class="explain" href="${t.explainHref}" aria-label="${ui.t('teaser.whyLabel', { title: t.title })}">${ui.t('teaser.why')}</a>`
      : ''
  }</p>
</article></li>`;
}

export function pagerView(p: Pager, ui: Ui): Html {
  if (!p.newer && !p.older && !p.newest) return html``;
  const l = p.labels ?? { newer: ui.t('pager.newer'), older: ui.t('pager.older'), newest: ui.t('pager.newest') };
  return html`<nav class="pager" aria-label="${ui.t('pager.label')}">
<span>${p.newest ? html`<a href="${p.newest}">${l.newest}</a> ` : ''}${p.newer ? html`<a href="${p.newer}" rel="prev">${l.newer}</a>` : ''}</span>
<span>${p.older ? html`<a href="${p.older}" rel="next">${l.older}</a>` : ''}</span>
</nav>`;
}

export function listingView(l: Listing): Html {
  return html`<h1>${l.heading}</h1>
${l.intro ? html`<p class="intro" dir="auto">${l.intro}</p>` : ''}${l.before ?? ''}
${l.teasers.length ? html`<ol class="teasers">${l.teasers.map((t) => teaserView(t, l.ui))}</ol>` : html`<p class="note">${l.empty}</p>`}
${pagerView(l.pager, l.ui)}`;
}
