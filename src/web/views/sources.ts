// The sources health page: every source with its last fetch, status, next check and error.
import { safeHref } from '../../domain/safe-url.js';
import type { Source } from '../../domain/source.js';
import { html, type Html } from '../html.js';
import { formatDate, isoDate } from '../locale.js';

export interface SourceRowView {
  source: Source;
  name: string;
  entries: number;
}

function when(ms: number | null, locale: string): Html {
  return ms ? html`<time datetime="${isoDate(ms)}" data-local>${formatDate(ms, locale)}</time>` : html`never`;
}

export function sourcesView(rows: SourceRowView[], locale: string): Html {
  const failing = rows.filter((r) => r.source.status === 'failing').length;
  return html`<h1>Sources</h1>
<p class="intro">${rows.length} source${rows.length === 1 ? '' : 's'}${failing ? html`, <strong>${failing} failing</strong>` : ''}.</p>
${
  rows.length
    ? html`<div class="table-scroll"><table class="health">
<caption class="visually-hidden">Health of each source</caption>
<thead><tr><th scope="col">Source</th><th scope="col">Status</th><th scope="col">Stories</th><th scope="col">Last fetch</th><th scope="col">Last success</th><th scope="col">Next check</th><th scope="col">Error</th></tr></thead>
<tbody>${rows.map(
        (r) => html`<tr>
<th scope="row"><bdi><a href="/sources/${r.source.id}">${r.name}</a></bdi></th>
<td class="status-${r.source.status}">${r.source.status}${r.source.errorCount ? html` (${r.source.errorCount} errors)` : ''}</td>
<td>${r.entries}</td>
<td>${when(r.source.lastCheckedAt, locale)}</td>
<td>${when(r.source.lastSuccessAt, locale)}</td>
<td>${r.source.status === 'disabled' ? 'not polled' : when(r.source.nextCheckAt, locale)}</td>
<td>${r.source.lastError ?? ''}</td>
</tr>`,
      )}</tbody></table></div>`
    : html`<p class="note">No sources yet. Add one with <code>newsdesk add URL</code> or <code>POST /api/v1/sources</code>.</p>`
}`;
}

/** A stored address as a link when the URL policy allows one (http/https), else as text. */
function externalLink(url: string): Html {
  const href = safeHref(url);
  return href ? html`<a href="${href}" rel="noopener noreferrer">${url}</a>` : html`<bdi>${url}</bdi>`;
}

export function sourceHeaderView(s: Source, locale: string): Html {
  return html`<p class="meta"><span>Feed: ${externalLink(s.url)}</span>${s.siteUrl ? html`<span>Site: ${externalLink(s.siteUrl)}</span>` : ''}${s.previousUrls.map(
    (m) =>
      html`<span>Moved from: <bdi>${m.url}</bdi> (<time datetime="${isoDate(m.movedAt)}" data-local>${formatDate(m.movedAt, locale)}</time>)</span>`,
  )}<span class="status-${s.status}">Status: ${s.status}</span><span>Last fetch: ${when(s.lastCheckedAt, locale)}</span>${
    s.lastError ? html`<span>Error: ${s.lastError}</span>` : ''
  }</p>`;
}
