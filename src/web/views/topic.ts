// Topic views: the head of a topic page (what it follows, re-tag progress, coverage chart, search
// within the topic), the list of topics, and the "explain" view of why a story matched.
import { html, type Html } from '../html.js';
import { formatDate, isoDate } from '../locale.js';
import type { TopicInfo } from '../../topics/summary.js';
import { ENGLISH_UI, type Ui } from '../ui.js';
import { storyLang, uiLangInside } from './content-lang.js';

export interface TopicCard {
  topic: TopicInfo;
  count: number;
  /** Stories in the last 7 days. */
  recent?: number | undefined;
  latest?: { title: string; href: string } | undefined;
}

export function retagNotice(pct: number | undefined, ui: Ui = ENGLISH_UI): Html {
  if (pct === undefined) return html``;
  const t = ui.t;
  return html`<p class="retag" role="status"><strong>${t('topic.retag', { pct })}</strong> <progress max="100" value="${pct}" aria-label="${t('topic.retagLabel')}">${pct}%</progress> ${t('topic.retagNote')}</p>`;
}

export function topicHeadView(p: {
  topic: TopicInfo;
  retagPct: number | undefined;
  chart: Html;
  days: number;
  q?: string;
  feeds: { rss: string; atom: string; json: string };
  ui: Ui;
}): Html {
  const t = p.topic;
  const m = p.ui.t;
  const other = p.days === 30 ? 90 : 30;
  return html`${retagNotice(p.retagPct, p.ui)}
<section class="topic-tools" aria-label="${m('topic.about')}">
${p.chart}
<p class="note"><a href="/topics/${encodeURIComponent(t.id)}${other === 30 ? '' : `?days=${other}`}">${m('topic.showDays', { n: other })}</a> · ${m('topic.follow')} <a href="${p.feeds.rss}">RSS</a> · <a href="${p.feeds.atom}">Atom</a> · <a href="${p.feeds.json}">JSON Feed</a></p>
<form class="filters" action="/search" method="get" role="search" aria-label="${m('topic.searchWithin')}">
<input type="hidden" name="topic" value="${t.id}">
<label>${m('topic.searchWithin')} <input type="search" name="q" value="${p.q ?? ''}"></label>
<button type="submit">${m('shell.searchButton')}</button>
</form>
</section>`;
}

export function topicCardsView(cards: readonly TopicCard[], o: { heading: string; headingLevel: 1 | 2; ui?: Ui }): Html {
  if (cards.length === 0) return html``;
  const m = (o.ui ?? ENGLISH_UI).t;
  const h = o.headingLevel === 1 ? html`<h1 id="topics-h">${o.heading}</h1>` : html`<h2 id="topics-h">${o.heading}</h2>`;
  // Each card's heading sits one level under the list's, so /topics (h1) does not skip to h3.
  const cardHeading = (c: TopicCard): Html => {
    const link = html`<a href="/topics/${encodeURIComponent(c.topic.id)}"><bdi>${c.topic.name}</bdi></a>`;
    return o.headingLevel === 1 ? html`<h2>${link}</h2>` : html`<h3>${link}</h3>`;
  };
  return html`<section class="desk" aria-labelledby="topics-h">
${h}
<ul class="topic-cards">${cards.map(
    (c) => html`<li>${cardHeading(c)}
<p class="meta"><span>${c.count === 1 ? m('topics.countOne') : m('topics.count', { n: c.count })}</span>${c.recent !== undefined ? html`<span>${m('topics.recent', { n: c.recent, days: 7 })}</span>` : ''}${
      c.topic.retag.status !== 'done' ? html`<span>${m('topics.retagging')}</span>` : ''
    }</p>
${c.topic.description ? html`<p class="intro" dir="auto">${c.topic.description}</p>` : ''}${c.latest ? html`<p>${m('topics.latest')} <a href="${c.latest.href}"><bdi>${c.latest.title}</bdi></a></p>` : ''}</li>`,
  )}</ul>
</section>`;
}

export interface ExplainRow {
  field: string;
  matched: string;
  /** Alias, acronym or query term as written in the topic. */
  alias: string;
  entity?: string | undefined;
  reason: string;
  /** What the text was read through, when not as written (a hashtag, a line-break hyphen, look-alike letters). */
  via?: string | undefined;
  /** The corroborating context word, for acronyms. */
  support?: string | undefined;
  context: Html;
}

export function explainView(p: {
  topic: TopicInfo;
  entry: {
    id: number;
    title: string;
    lang: string | null;
    dir: 'ltr' | 'rtl';
    publishedAt: number;
    sourceName: string;
    sourceHref: string;
  };
  rows: ExplainRow[];
  /** Places that matched in all, listed or not (the store keeps the first few: p-matchcap). */
  total: number;
  ui: Ui;
}): Html {
  const t = p.topic;
  const e = p.entry;
  const m = p.ui.t;
  const lang = e.lang ?? undefined;
  return html`<p class="note"><a href="/topics/${encodeURIComponent(t.id)}">« ${t.name}</a></p>
<h1>${m('explain.title', { topic: t.name })}</h1>
<article class="teaser"${storyLang(lang)} dir="${e.dir}" aria-labelledby="t${e.id}">
<h2 id="t${e.id}"><a href="/entries/${e.id}">${e.title || m('shell.untitled')}</a></h2>
<p class="meta"><bdi><a href="${e.sourceHref}">${e.sourceName}</a></bdi> <bdi${uiLangInside(lang, p.ui)}><time datetime="${isoDate(e.publishedAt)}" data-local>${formatDate(e.publishedAt, p.ui.locale)}</time></bdi></p>
</article>
${
  p.rows.length
    ? html`<p>${p.total === 1 ? m('explain.placesOne') : m('explain.places', { n: p.total })}${t.query ? html` (${m('explain.query')} <code>${t.query}</code>)` : ''}:</p>
<ol class="explain">${p.rows.map(
        (r) => html`<li class="match">
<p class="context" dir="auto"${storyLang(lang)}>${r.context}</p>
<dl>
<dt>${m('explain.matched')}</dt><dd><bdi>${r.matched}</bdi> ${r.field === 'title' ? m('explain.inTitle') : r.field === 'text' ? m('explain.inText') : r.field}</dd>
<dt>${m('explain.name')}</dt><dd><bdi>${r.alias}</bdi>${r.entity ? html` ${m('explain.entity', { name: r.entity })}` : ''}</dd>
<dt>${m('explain.why')}</dt><dd>${r.reason}${r.via ?? ''}${r.support ? html`${m('explain.support')} <bdi>${r.support}</bdi>` : ''}</dd>
</dl></li>`,
      )}</ol>${
        p.total > p.rows.length
          ? html`
<p class="note">${p.total - p.rows.length === 1 ? m('explain.moreOne') : m('explain.more', { n: p.total - p.rows.length })}</p>`
          : ''
      }`
    : html`<p class="note">${m('explain.notTagged')}</p>`
}`;
}
