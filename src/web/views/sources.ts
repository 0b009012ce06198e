// The sources health page: every source with its last fetch, status, next check and error.
import { safeHref } from '../../domain/safe-url.js';
import type { Source } from '../../domain/source.js';
import { html, type Html } from '../html.js';
import { formatDate, isoDate } from '../locale.js';
import { parseFailureKey } from '../../domain/failure.js';
import { redactText } from '../../text/redact-url.js';
import type { SiteKey } from '../messages/site.js';
import type { Ui } from '../ui.js';

export interface SourceRowView {
  source: Source;
  name: string;
  entries: number;
}

function when(ms: number | null, ui: Ui): Html {
  return ms ? html`<time datetime="${isoDate(ms)}" data-local>${formatDate(ms, ui.locale)}</time>` : html`${ui.t('sources.never')}`;
}

function statusText(s: Source, ui: Ui): string {
  const key = `status.${s.status}` as SiteKey;
  return key in { 'status.ok': 1, 'status.failing': 1, 'status.disabled': 1, 'status.new': 1 } ? ui.t(key) : s.status;
}

/**
 * Why the last check failed, in the reader's language, from the stored key alone: the stored
 * message can quote an address's credentials, internal host names or what a server sent, so the
 * public pages never show it (a row without a key reads "The check failed."). The desk passes
 * `detail` for signed-in editors: the message, redacted (src/text/redact-url.ts), as the title.
 */
export function failureText(s: Pick<Source, 'lastError' | 'lastErrorKey'>, ui: Ui, opts: { detail?: boolean } = {}): Html | string {
  if (!s.lastError && !s.lastErrorKey) return '';
  const r = parseFailureKey(s.lastErrorKey) ?? { kind: 'other' as const, code: undefined };
  const text = ui.t(`failure.${r.kind}` as SiteKey, r.code === undefined ? undefined : { code: r.code });
  if (!opts.detail || !s.lastError) return text;
  return html`<span title="${redactText(s.lastError)}">${text}</span>`;
}

export function sourcesView(rows: SourceRowView[], ui: Ui): Html {
  const t = ui.t;
  const failing = rows.filter((r) => r.source.status === 'failing').length;
  return html`<h1>${t('sources.title')}</h1>
<p class="intro">${rows.length === 1 ? t('sources.countOne') : t('sources.count', { n: rows.length })}${
    failing ? html`${t('sources.listSep')}<strong>${t('sources.failing', { n: failing })}</strong>` : ''
  }${t('sources.end')}</p>
${
  rows.length
    ? html`<div class="table-scroll"><table class="health">
<caption class="visually-hidden">${t('sources.caption')}</caption>
<thead><tr><th scope="col">${t('sources.colSource')}</th><th scope="col">${t('sources.colStatus')}</th><th scope="col">${t('sources.colStories')}</th><th scope="col">${t('sources.colLastFetch')}</th><th scope="col">${t('sources.colLastSuccess')}</th><th scope="col">${t('sources.colNextCheck')}</th><th scope="col">${t('sources.colError')}</th></tr></thead>
<tbody>${rows.map(
        (r) => html`<tr>
<th scope="row"><bdi><a href="/sources/${r.source.id}">${r.name}</a></bdi></th>
<td class="status-${r.source.status}">${statusText(r.source, ui)}${r.source.errorCount ? html` ${r.source.errorCount === 1 ? t('sources.errorsOne') : t('sources.errors', { n: r.source.errorCount })}` : ''}</td>
<td>${r.entries}</td>
<td>${when(r.source.lastCheckedAt, ui)}</td>
<td>${when(r.source.lastSuccessAt, ui)}</td>
<td>${r.source.status === 'disabled' ? t('sources.notPolled') : when(r.source.nextCheckAt, ui)}</td>
<td>${failureText(r.source, ui)}</td>
</tr>`,
      )}</tbody></table></div>`
    : html`<p class="note">${t('sources.none')}</p>`
}`;
}

/** A stored address as a link when the URL policy allows one (http/https), else as text. */
function externalLink(url: string): Html {
  const href = safeHref(url);
  return href ? html`<a href="${href}" rel="noopener noreferrer">${url}</a>` : html`<bdi>${url}</bdi>`;
}

export function sourceHeaderView(s: Source, ui: Ui): Html {
  const t = ui.t;
  return html`<p class="meta"><span>${t('sources.feed')} ${externalLink(s.url)}</span>${s.siteUrl ? html`<span>${t('sources.site')} ${externalLink(s.siteUrl)}</span>` : ''}${s.previousUrls.map(
    (m) =>
      html`<span>${t('sources.movedFrom')} <bdi>${m.url}</bdi> (<time datetime="${isoDate(m.movedAt)}" data-local>${formatDate(m.movedAt, ui.locale)}</time>)</span>`,
  )}<span class="status-${s.status}">${t('sources.status')} ${statusText(s, ui)}</span><span>${t('sources.lastFetch')} ${when(s.lastCheckedAt, ui)}</span>${
    s.lastError ? html`<span>${t('sources.error')} ${failureText(s, ui)}</span>` : ''
  }</p>`;
}
