// /desk/sources/never-read: the stories never read in full (extract status "none") of every source
// that reads full text, each by its own mode, as a list: newest stored first (highest id), a page
// at a time by a keyset cursor (the last id of the page before: no offset), one statement a page
// (entries joined with their source in the store). Each row names its source and date, says why it
// is offered a read, links to the story and its original page, and has the curation list's own
// "Read full text" press (same route, CSRF check, role and job), which leads back here. Stories
// whose read is queued are not listed (the store's read leaves them out). A source filter lists
// one source's stories; its choices and counts come from the sources page's grouped aggregate.
// Filtered to one source, the list also has that source's "Read N of them in full" (its page's
// own press, unread-press.ts: same route, cap, CSRF check and audit), which leads back here.
import type { Context } from 'hono';
import type { Source } from '../../domain/source.js';
import { safeHref } from '../../domain/safe-url.js';
import type { UnreadEntry } from '../../store/store.js';
import { isolateText } from '../../text/bidi.js';
import { redactUrl } from '../../text/redact-url.js';
import { html, raw, type Html } from '../html.js';
import { formatDate, isoDate } from '../locale.js';
import { doneNotice, opButton, type ListAt } from './curation.js';
import { positiveInt } from './curation-forms.js';
import type { DeskDeps } from './deps.js';
import { deskT } from './messages.js';
import { deskPage, deskUi } from './shell.js';
import { UNREAD_BACK_LIST, unreadNotice, unreadPress } from './unread-press.js';

/** Rows a page lists. */
export const NEVER_READ_PAGE = 50;

const sourceName = (title: string | null, url: string): string => title || redactUrl(url);

export async function neverReadPage(c: Context, deps: DeskDeps): Promise<Response> {
  const t = deskT(c);
  const ui = deskUi(c);
  const title = t('neverRead.title');
  if (!deps.unreadPage || !deps.unreadCountsBySource)
    return deskPage(c, {
      title,
      section: 'sources',
      status: 400,
      main: html`<h1>${title}</h1><p role="alert">${t('preview.unavailable')}</p>`,
    });
  // A cursor or a filter that is not a whole number is no cursor or filter (the first page of all).
  const beforeId = positiveInt(c.req.query('older'));
  const sourceId = positiveInt(c.req.query('source'));
  const [counts, sources, rows] = await Promise.all([
    deps.unreadCountsBySource(),
    // The site's catalog: the sources read once per store change, not on every view.
    deps.catalog.latest(),
    deps.unreadPage({ limit: NEVER_READ_PAGE + 1, beforeId, sourceId }),
  ]);
  const byId = new Map<number, Source>([...sources].map(([id, info]) => [id, info.source]));
  const chosen = sourceId === undefined ? undefined : byId.get(sourceId);
  if (sourceId !== undefined && !chosen)
    return deskPage(c, {
      title,
      section: 'sources',
      status: 404,
      main: html`<h1>${title}</h1><p role="alert">${t('neverRead.noSource')}</p><p><a href="/desk/sources/never-read">${t(
        'neverRead.filter.all',
        {
          n: counts.reduce((a, x) => a + x.count, 0),
        },
      )}</a></p>`,
    });
  const shown = rows.slice(0, NEVER_READ_PAGE);
  const more = rows.length > NEVER_READ_PAGE;
  const at: ListAt = { older: beforeId === undefined ? '' : String(beforeId), failed: false, neverRead: { source: sourceId } };
  const total = counts.reduce((a, x) => a + x.count, 0);
  // The chosen source's count, from the same aggregate (what its press would take, as on its page).
  const chosenCount = chosen ? (counts.find((x) => x.sourceId === chosen.id)?.count ?? 0) : 0;
  const withQuery = (older?: number): string => {
    const q = [sourceId !== undefined ? `source=${sourceId}` : '', older !== undefined ? `older=${older}` : ''].filter(Boolean);
    return `/desk/sources/never-read${q.length ? `?${q.join('&')}` : ''}`;
  };
  const filter = html`<form method="get" action="/desk/sources/never-read"><p><label for="nr-source">${t('neverRead.filter.label')}</label> <select id="nr-source" name="source"><option value="">${t(
    'neverRead.filter.all',
    { n: total },
  )}</option>${(chosen && !counts.some((x) => x.sourceId === chosen.id) ? [...counts, { sourceId: chosen.id, count: 0 }] : counts).map(
    (x) => {
      const s = byId.get(x.sourceId);
      const name = s ? sourceName(s.title, s.url) : `#${x.sourceId}`;
      // An option is plain text: the name isolated, so its direction or an override it leaves open keeps off the count.
      return html`<option value="${String(x.sourceId)}"${raw(x.sourceId === sourceId ? ' selected' : '')}>${t('neverRead.filter.one', { source: isolateText(name), n: x.count })}</option>`;
    },
  )}</select> <button type="submit">${t('neverRead.filter.apply')}</button></p></form>${
    chosen
      ? html`<p class="filter" data-source="${String(chosen.id)}">${t('neverRead.filter.shown', { source: isolateText(sourceName(chosen.title, chosen.url)) })}</p>${
          chosenCount > 0 && deps.readUnread ? unreadPress(c, chosen.id, chosenCount, UNREAD_BACK_LIST) : ''
        }`
      : ''
  }`;
  const row = (e: UnreadEntry): Html => {
    const headline = e.title || ui.t('shell.untitled');
    const lang = e.lang ? html` lang="${e.lang}"` : '';
    // The store's read already keeps http(s) links only; checked again here, as every renderer does (safe-url.ts).
    const original = safeHref(e.url);
    return html`<li id="e${e.id}" data-entry="${e.id}" data-source="${e.sourceId}">
<h3${lang} dir="${e.dir}"><a href="/entries/${e.id}">${headline}</a></h3>
<p class="meta"><a href="/desk/sources/${e.sourceId}"><bdi>${sourceName(e.sourceTitle, e.sourceUrl)}</bdi></a> · <time datetime="${isoDate(e.publishedAt)}">${formatDate(
      e.publishedAt,
      ui.locale,
    )}</time>${original ? html` · <a href="${original}" rel="noopener noreferrer">${t('neverRead.original')}</a>` : ''}</p>
<p class="why" data-mode="${e.extractMode}">${t(e.extractMode === 'always' ? 'neverRead.why.always' : 'neverRead.why.short')}</p>
<div class="actions">${opButton(c, ui, e.id, 'read', headline, undefined, at)}</div></li>`;
  };
  const list = shown.length
    ? html`<ol class="never-read">${shown.map(row)}</ol>`
    : html`<p class="note">${
        chosen && chosen.extractMode === 'off'
          ? t('neverRead.noneOff')
          : beforeId !== undefined
            ? t('neverRead.noneOlder')
            : t('neverRead.none')
      }</p>`;
  const last = shown[shown.length - 1];
  const pager = html`<nav class="pager" aria-label="${ui.t('pager.label')}"><span>${
    beforeId !== undefined ? html`<a href="${withQuery()}">${t('neverRead.newest')}</a>` : ''
  }</span><span>${more && last ? html`<a href="${withQuery(last.id)}" rel="next">${t('neverRead.older')}</a>` : ''}</span></nav>`;
  const main = html`<p><a href="/desk/sources">${t('neverRead.back')}</a></p><h1>${title}</h1>${unreadNotice(c) ?? (await doneNotice(c, ui, deps.store))}
<p class="intro">${t('neverRead.intro')}</p>${filter}
<section class="never-read-list" data-never-read="${chosen ? String(chosenCount) : String(total)}">${list}${pager}</section>`;
  return deskPage(c, { title, section: 'sources', main });
}
