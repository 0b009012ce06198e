// The article page: one entry in full (extracted full text when we have it, else the feed's
// content), with its source, byline, dates and a link to the original.
import { bylineName } from '../../text/byline.js';
import type { Entry } from '../../domain/entry.js';
import { hasSourceText, parseExtractFailure, parseNotArticle } from '../../domain/extract-failure.js';
import { safeHref } from '../../domain/safe-url.js';
import { html, type Html } from '../html.js';
import { formatDate, isoDate } from '../locale.js';
import type { SiteKey } from '../messages/site.js';
import type { Ui } from '../ui.js';
import { storyLang } from './content-lang.js';
import type { TeaserLink } from './listing.js';
import { outletFor, sourceNames } from './outlet.js';

export interface ArticleView {
  entry: Entry;
  source: TeaserLink;
  /** Sanitised HTML of the body (inserted raw), or undefined when the entry has none. */
  contentHtml: Html | undefined;
  ui: Ui;
  /** "Related stories": the story's other coverage (src/web/stories.ts). */
  related?: Html | undefined;
}

export function articleView(a: ArticleView): Html {
  const e = a.entry;
  const { t, locale } = a.ui;
  const own = html` lang="${a.ui.lang}" dir="${a.ui.dir}"`;
  const outlet = outletFor(e, a.source);
  const lang = e.lang ?? undefined;
  // Checked again at render time: an entry stored by an older version may carry any scheme.
  const original = safeHref(e.url);
  const updated = e.updatedAt && e.updatedAt - e.publishedAt > 60_000 ? e.updatedAt : undefined;
  // A failed read in full: the feed's text stays above, and the reason says why it is all there is.
  // Only the catalogued sentence is shown, never the stored error's words (they are in the log).
  const failed = e.extractStatus === 'failed' && !e.fullHtml ? (parseExtractFailure(e.extractError) ?? 'other') : undefined;
  // A page read but holding no article is no failure; the reader is told why there is no full text
  // all the same (an entry stored before these reasons were kept reads as "no-article").
  const notArticle = e.extractStatus === 'not-article' && !e.fullHtml ? (parseNotArticle(e.notArticle) ?? 'no-article') : undefined;
  return html`<article class="entry"${storyLang(lang)} dir="${e.dir}" aria-labelledby="title">
<h1 id="title">${e.title}</h1>
<p class="meta"${own}><span>${t('article.from')} ${sourceNames(a.source, outlet, a.ui)}</span>${
    e.author ? html`<span>${t('article.by')} <bdi>${bylineName(e.author)}</bdi></span>` : ''
  }<span>${t('article.published')} <bdi><time datetime="${isoDate(e.publishedAt)}" data-local>${formatDate(e.publishedAt, locale)}</time></bdi></span>${
    updated
      ? html`<span>${t('article.updated')} <bdi><time datetime="${isoDate(updated)}" data-local>${formatDate(updated, locale)}</time></bdi></span>`
      : ''
  }</p>
<div class="content">${a.contentHtml ?? html`<p>${e.text || t('article.noText')}</p>`}</div>
${
  failed
    ? html`<p class="note extract-failed"${own}>${t(`${hasSourceText(e) ? 'article.extractFailed' : 'article.extractFailedBare'}.${failed}` as SiteKey)}</p>
`
    : notArticle
      ? html`<p class="note not-article"${own}>${t(`${hasSourceText(e) ? 'article.notArticle' : 'article.notArticleBare'}.${notArticle}` as SiteKey)}</p>
`
      : ''
}${original ? html`<p${own}><a href="${original}" rel="noopener noreferrer">${t('article.readOriginal', { source: outlet?.name ?? a.source.name })}</a></p>` : ''}
</article>${a.related ?? ''}`;
}
