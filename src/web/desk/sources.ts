// /desk/sources: add a source by URL (preview of what the add chain found, then confirm), the
// health table with its filters, per-source settings (private headers are write-only), fetch
// now (Post/Redirect/Get), a read in full of the teasers never read, and OPML import (a
// background job with a self-refreshing progress page) and export.
import { canonicalId } from '../../domain/canonical-id.js';
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { ExtractMode, Source } from '../../domain/source.js';
import type { DeskSourcePatch, DeskSourceSettings } from '../../store/desk.js';
import { closeBidi, isolateText } from '../../text/bidi.js';
import { shownSource, redactUrl, redactText } from '../../text/redact-url.js';
import { hasRole, viewerOf } from '../../auth/viewer.js';
import { html, raw, type Html } from '../html.js';
import { formatCount, formatMs } from '../locale.js';
import { requestUi } from '../ui.js';
import { failureText } from '../views/sources.js';
import type { DiscoveryNote } from '../../ingest/discover/notes.js';
import {
  type BadHeaderLine,
  checkSelectors,
  checkSourceAddress,
  EXTRACT_MODES as MODES,
  intervalMinutes,
  isSourceKind,
  parseHeaderLines,
  SELECTOR_KEYS,
  SELECTOR_MAX_CHARS,
  SOURCE_KINDS as KINDS,
  type SelectorKey,
  sourceTitle,
} from '../../ingest/listing/source-checks.js';
import {
  type AppliedField,
  applyToKnown,
  APPLIED_FIELDS,
  isAppliedField,
  kindAsked,
  sameSelectors,
  storedSelectors,
} from '../../ingest/listing/known-source.js';
import type { DeskDeps, FetchSettings, SourcePreview } from './deps.js';
import { audit, checkedForm, csrfField, field, textField, type Form } from './forms.js';
import { discoveryNoteText } from './discovery-notes.js';
import {
  changedFromShown,
  changedFromShownAs,
  meanwhileNote,
  meanwhileNotice,
  meanwhileStatus,
  shownAgain,
  shownInputs,
  shownValue,
} from './shown-values.js';
import { intervalMinutesShown, type ShownSourceChange } from '../../domain/shown-check.js';
import { opmlNoteDetail, opmlProblemText, opmlRefusalText } from './opml-notes.js';
import { deskLang, deskT, type DeskKey } from './messages.js';
import type { Translate } from '../../locale/index.js';
import { sourceCheckText } from '../../locale/source-checks.js';
import { deskPage, deskUi } from './shell.js';
import { OPML_ENVELOPE_BYTES, OPML_MAX_BYTES } from './body-limits.js';
import { neverReadPage } from './never-read.js';
import { sameFeedMark, sameFeedSection } from './same-feed.js';
import { queryCount, UNREAD_BACK_LIST, UNREAD_MAX, unreadNotice, unreadPress } from './unread-press.js';

export const FILTERS = ['all', 'failing', 'slow', 'stale', 'never'] as const;
export type HealthFilter = (typeof FILTERS)[number];

/** A last fetch slower than this counts as slow. */
export const SLOW_MS = 5000;
/** A source with no success for this many of its intervals (and at least a day) is stale. */
const STALE_INTERVALS = 4;
const DAY_MS = 86_400_000;
/** The largest OPML upload accepted. */
export { OPML_MAX_BYTES } from './body-limits.js';

export function matchesFilter(s: Source, settings: DeskSourceSettings | undefined, f: HealthFilter, now: number): boolean {
  switch (f) {
    case 'all':
      return true;
    case 'failing':
      return s.status === 'failing' || s.errorCount > 0;
    case 'slow':
      return (settings?.lastFetchMs ?? 0) >= SLOW_MS;
    case 'never':
      return s.lastCheckedAt === null;
    case 'stale': {
      if (s.status === 'disabled' || s.lastCheckedAt === null) return false;
      const since = s.lastSuccessAt ?? s.createdAt;
      return now - since > Math.max(DAY_MS, STALE_INTERVALS * s.intervalSeconds * 1000);
    }
  }
}

/** The sources table's status cell: the mark of a source sharing its feed address, on a line of its own. */
const sameFeedLine = (t: Translate<DeskKey>, same: Parameters<typeof sameFeedMark>[1]): Html | '' => {
  const mark = sameFeedMark(t, same);
  return mark ? html`<br>${mark}` : '';
};

const when = (ms: number | null, never: string): string =>
  ms === null ? never : new Date(ms).toISOString().replace('T', ' ').slice(0, 16);

/** The selectors as typed (by key), for the shared check and to show again after a refusal. */
function selectorsFrom(f: Form): Partial<Record<SelectorKey, string>> {
  const out: Partial<Record<SelectorKey, string>> = {};
  for (const k of SELECTOR_KEYS) {
    const v = field(f, `sel_${k}`).trim();
    if (v) out[k] = v;
  }
  return out;
}

/** The words for a refused header line, in the editor's language. */
function badHeaderText(t: Translate<DeskKey>, bad: BadHeaderLine): string {
  return bad.badValue ? t('source.headers.badValue', { line: bad.badLine }) : t('source.headers.bad', { line: bad.badLine });
}

/** How long private settings given with a preview wait for its confirmation. */
const PENDING_MS = 30 * 60_000;

/** Private settings of previews not yet confirmed, by a random token (kept in this process only). */
class PendingPrivate {
  private readonly items = new Map<string, FetchSettings & { at: number }>();
  put(s: FetchSettings): string {
    const now = Date.now();
    for (const [k, v] of this.items) if (now - v.at > PENDING_MS) this.items.delete(k);
    const token = randomUUID();
    this.items.set(token, { ...s, at: now });
    return token;
  }
  take(token: string): FetchSettings | undefined {
    const v = token ? this.items.get(token) : undefined;
    if (!v) return undefined;
    this.items.delete(token);
    return Date.now() - v.at > PENDING_MS ? undefined : { headers: v.headers, allowPrivate: v.allowPrivate };
  }
}

/**
 * Whether the viewer may let a source reach a private, loopback or link-local address. It lifts the
 * operator's SSRF guard (allowHosts) for that source's host, so it is an administrator's decision:
 * in an editor's hands the checkbox read the server's own loopback services and the cloud metadata
 * address (the night probe of 2026-12-04, docs/security.md).
 */
/**
 * Another part's own words (the store's, a job runner's, a reader's), redacted and left as written
 * (English, left to right) under the catalogued sentence that says what happened.
 */
function detailLine(t: Translate<DeskKey>, detail: string): Html {
  return html`<p class="desk-detail"><small>${t('detail.line')} <bdi dir="ltr" lang="en">${redactText(detail)}</bdi></small></p>`;
}

function mayGrantPrivate(c: Context): boolean {
  return hasRole(viewerOf(c), 'admin');
}

/** A source's last problem in the editor's words ('' when it has none). */
function failureWords(s: Source | undefined, ui: ReturnType<typeof requestUi>): string {
  const text = s ? failureText(s, ui) : '';
  return typeof text === 'string' ? text : '';
}

/**
 * A source's never-read count in the health table: a link to its list, or nothing when it has none
 * (a source reading no full text has none).
 */
function neverReadCell(t: Translate<DeskKey>, locale: string, s: Source, n: number): Html {
  if (!n) return html`<td data-never-read="0"></td>`;
  return html`<td data-never-read="${n}"><a href="/desk/sources/never-read?source=${s.id}" aria-label="${t('sources.col.neverReadLink', {
    n,
    source: isolateText(s.title || s.url),
  })}">${formatCount(n, locale)}</a></td>`;
}

export function sourcesDesk(deps: DeskDeps): Hono {
  const app = new Hono();
  const { store } = deps;
  const pendingPrivate = new PendingPrivate();

  const addForm = (t: (k: DeskKey) => string, c: Context, url = ''): Html => html`<section aria-labelledby="add-h">
<h2 id="add-h">${t('sources.add.heading')}</h2>
<form method="post" action="/desk/sources/preview">${csrfField(c)}
<p><label for="add-url">${t('sources.add.url')}</label> <input id="add-url" name="url" type="text" inputmode="url" autocomplete="url" spellcheck="false" dir="ltr" required value="${url}" size="50"></p>
<p><label for="add-kind">${t('sources.add.kind')}</label> <select id="add-kind" name="kind">
<option value="">${t('sources.add.kind.any')}</option>${KINDS.map((k) => html`<option value="${k}">${t(`sources.add.kind.${k}` as DeskKey)}</option>`)}
</select></p>
<details><summary>${t('sources.add.private')}</summary>
<p><label for="add-headers">${t('source.headers')}</label><br><textarea id="add-headers" name="headers" rows="2" cols="60" autocomplete="off" spellcheck="false" aria-describedby="add-headers-help"></textarea></p>
<p id="add-headers-help">${t('source.headers.help')}</p>
${mayGrantPrivate(c) ? html`<p><input id="add-private" type="checkbox" name="allowPrivate" value="1"> <label for="add-private">${t('source.allowPrivate')}</label></p>` : ''}</details>
<p><button type="submit">${t('sources.add.preview')}</button></p></form></section>`;

  // The export writes feeds only (writeOpml): the page says how many sources it leaves out, as the
  // CLI's export-opml does on stderr, so that nobody moves subscriptions with the file unaware.
  const opmlForms = (t: Translate<DeskKey>, c: Context, notExported: number): Html => html`<section aria-labelledby="opml-h">
<h2 id="opml-h">${t('sources.opml.heading')}</h2>
<form method="post" action="/desk/sources/opml" enctype="multipart/form-data">${csrfField(c)}
<p><label for="opml-file">${t('sources.opml.file')}</label> <input id="opml-file" name="opml" type="file" accept=".opml,.xml,text/x-opml,application/xml,text/xml" required>
<button type="submit">${t('sources.opml.import')}</button></p></form>
<p><a href="/desk/sources/export.opml" download>${t('sources.opml.export')}</a></p>${
    notExported > 0
      ? html`<p class="note" data-not-exported="${notExported}">${t('sources.opml.notExported', { n: formatCount(notExported, requestUi(c).locale) })}</p>`
      : ''
  }</section>`;

  const listPage = async (c: Context, notice?: Html, status?: 200 | 400 | 409 | 413 | 422, url = ''): Promise<Response> => {
    const t = deskT(c);
    const ui = requestUi(c);
    const q = c.req.query('filter');
    const filter: HealthFilter = (FILTERS as readonly string[]).includes(q ?? '') ? (q as HealthFilter) : 'all';
    // The never-read counts per source: one grouped aggregate per load, for the column and the
    // desk-wide section (whatever the health filter shows).
    // The sources from the site's catalog (src/web/catalog.ts): read once per store change, shared
    // with the other desk and public pages of that change, each already the copy editors are shown.
    // Sources sharing a feed address (p-dupsources): one query for the whole table, not one a row.
    const [sources, settings, unread, same] = await Promise.all([
      deps.catalog.latest().then((m) => [...m.values()].map((i) => i.source)),
      store.desk.allSourceSettings(),
      deps.unreadCountsBySource && deps.readUnreadAll ? deps.unreadCountsBySource() : undefined,
      store.sources.sameFeeds(),
    ]);
    const unreadBy = new Map((unread ?? []).map((x) => [x.sourceId, x.count]));
    // "Stale" judges last successes the workers dated by the store's clock: by the same clock here.
    const now = await store.clock.now();
    // Credentials in a feed address are for the fetcher only: the catalog holds every source without them.
    const rows = sources.filter((s) => matchesFilter(s, settings.get(s.id), filter, now));
    const table = rows.length
      ? html`<div class="table-scroll"><table class="desk-sources"><thead><tr><th scope="col">${t('sources.col.source')}</th><th scope="col">${t('sources.col.kind')}</th><th scope="col">${t('sources.col.status')}</th><th scope="col">${t('sources.col.lastSuccess')}</th><th scope="col">${t('sources.col.duration')}</th><th scope="col">${t('sources.col.problem')}</th>${unread ? html`<th scope="col">${t('sources.col.neverRead')}</th>` : ''}</tr></thead><tbody>${rows.map(
          (s) => {
            const ms = settings.get(s.id)?.lastFetchMs;
            return html`<tr data-source="${s.id}"><td><a href="/desk/sources/${s.id}">${s.title ?? s.url}</a></td><td>${t(`sources.kind.${s.kind}` as DeskKey)}</td><td>${t(`sources.status.${s.status}` as DeskKey)}${sameFeedLine(t, same.get(s.id))}</td><td>${when(s.lastSuccessAt, t('sources.never'))}</td><td>${ms == null ? '' : formatMs(ms, ui.locale)}</td><td>${failureText(s, ui, { detail: true })}</td>${unread ? neverReadCell(t, ui.locale, s, unreadBy.get(s.id) ?? 0) : ''}</tr>`;
          },
        )}</tbody></table></div>`
      : html`<p>${t('sources.none')}</p>`;
    const main = html`<h1>${t('sources.title')}</h1>${notice ?? ''}${addForm(t, c, url)}
<section aria-labelledby="health-h"><h2 id="health-h">${t('sources.health.heading')}</h2>
<form method="get" action="/desk/sources"><p><label for="filter">${t('sources.filter.label')}</label> <select id="filter" name="filter">${FILTERS.map(
      (f) => html`<option value="${f}"${raw(f === filter ? ' selected' : '')}>${t(`sources.filter.${f}` as DeskKey)}</option>`,
    )}</select> <button type="submit">${t('sources.filter.apply')}</button></p></form>${table}</section>${
      unread
        ? unreadAllSection(
            c,
            [...unreadBy.values()].reduce((a, n) => a + n, 0),
          )
        : ''
    }${opmlForms(t, c, sources.filter((s) => s.kind !== 'feed').length)}`;
    return deskPage(c, { title: t('sources.title'), section: 'sources', main, ...(status ? { status } : {}) });
  };

  /**
   * Teasers never read in full across every source that reads full text (each by its own mode),
   * whatever the health filter shows: one count, leaving out those whose read is queued, and one
   * button queuing at most UNREAD_MAX of them, highest id first, as a source's page does for its own.
   */
  const unreadAllSection = (c: Context, n: number): Html | '' => {
    if (n === 0) return '';
    const t = deskT(c);
    const locale = requestUi(c).locale;
    return html`<section aria-labelledby="unread-all-h" data-unread-all="${n}"><h2 id="unread-all-h">${t('sources.unread.heading')}</h2>
<p>${t('sources.unread.count', { n: formatCount(n, locale) })}</p>
<p><a href="/desk/sources/never-read">${t('sources.unread.list')}</a></p>
<form method="post" action="/desk/sources/read-unread">${csrfField(c)}<p><button type="submit">${t('sources.unread.read', {
      n: formatCount(Math.min(n, UNREAD_MAX), locale),
    })}</button></p></form></section>`;
  };

  // The never-read stories themselves, a page at a time (never-read.ts); before '/:id'.
  app.get('/never-read', (c) => neverReadPage(c, deps));

  app.get('/', (c) => {
    // After a removal (POST /:id/remove): the source's own page is gone, so the list says it; after
    // the desk-wide "Read them in full", what it queued.
    const done = c.req.query('done');
    return listPage(
      c,
      done === 'removed' ? html`<p role="status">${deskT(c)('source.removed')}</p>` : done === 'unread' ? unreadNotice(c) : undefined,
    );
  });

  // The desk-wide read in full of the teasers never read (the list's section above): the same
  // jobs, pending keys, cap and notice as a source's own button, over every source reading full
  // text; Post/Redirect/Get to the list.
  app.post('/read-unread', async (c) => {
    const f = await checkedForm(c, 'sources');
    if (f instanceof Response) return f;
    if (!deps.readUnreadAll) return listPage(c, html`<p role="alert">${deskT(c)('preview.unavailable')}</p>`, 400);
    const { queued, left } = await deps.readUnreadAll(UNREAD_MAX);
    // A press that queued nothing changed nothing: no audit row.
    if (queued) await audit(deps, c, 'sources.read-unread', 'sources:all', null, { queued, left, max: UNREAD_MAX });
    return c.redirect(`/desk/sources?done=unread&n=${queued}&left=${left}`, 303);
  });

  /**
   * The preview, then the confirmation form. For an address already a source (`known`), the form
   * starts from that source's name and full-text mode, not the ones found: confirming unchanged
   * changes nothing, and what the editor changes in it is applied to that source (p-keys).
   */
  const previewView = (c: Context, url: string, p: SourcePreview, pending = '', known?: Source): Html => {
    const t = deskT(c);
    const lang = deskLang(c);
    // The add chain's notes in the editor's language; its English lines when it gave none.
    const said = (n: DiscoveryNote | undefined, english: string): string => (n ? discoveryNoteText(lang, n) : english);
    if (!p.ok) {
      const tried = p.triedNotes?.length === p.tried.length ? p.triedNotes.map((n) => discoveryNoteText(lang, n)) : p.tried;
      return html`<h1>${t('preview.title')}</h1><p role="alert"${raw(p.stopped ? ` data-stopped="${p.stopped.key}"` : '')}>${p.stopped ? t('preview.deadline', { seconds: p.stopped.seconds }) : t('preview.failed')}</p><h2>${t('preview.tried')}</h2><ul>${tried.map((x) => html`<li>${x}</li>`)}</ul><p>${t('preview.advice', { advice: p.stopped ? t('preview.deadlineAdvice') : said(p.adviceNote, p.advice) })}</p>${addForm(t, c, url)}`;
    }
    const teasers = p.teasers.length
      ? html`<ol class="desk-teasers">${p.teasers.map((x) => html`<li>${x.url ? html`<a href="${x.url}" rel="noopener noreferrer">${x.title}</a>` : x.title}${x.publishedAt ? html` <time datetime="${new Date(x.publishedAt).toISOString()}">${when(x.publishedAt, '')}</time>` : ''}</li>`)}</ol>`
      : html`<p>${t('preview.noTeasers')}</p>`;
    return html`<h1>${t('preview.title')}</h1>
<p data-found="${p.foundAs}">${t(`preview.found.${p.foundAs}` as DeskKey)}</p>
<p>${t('preview.reason', { reason: said(p.reasonNote, p.reason) })}</p>
<p><code>${p.url}</code></p>
${p.feeds.length > 1 ? html`<h2>${t('preview.feeds')}</h2><ul>${p.feeds.map((f) => html`<li><code>${f.url}</code>${f.title ? ` — ${f.title}` : ''} (${f.entries})</li>`)}</ul>` : ''}
<h2>${t('preview.teasers')}</h2>${p.teaserProblem ? html`<p role="alert">${t('preview.teaserProblem', { problem: said(p.teaserNote, p.teaserProblem) })}</p>` : teasers}${(p.teaserAbandoned ?? []).map((n) => html`<p role="status" data-abandoned>${discoveryNoteText(lang, n)}</p>`)}
${known ? html`<p role="status" data-known="${known.id}">${t('preview.known', { name: closeBidi(known.title ?? known.url) })}</p>` : ''}
<form method="post" action="/desk/sources/add">${csrfField(c)}
<input type="hidden" name="url" value="${p.url}"><input type="hidden" name="kind" value="${p.kind}">
<input type="hidden" name="siteUrl" value="${p.siteUrl ?? ''}"><input type="hidden" name="pending" value="${pending}"><input type="hidden" name="settings" value="${JSON.stringify(p.settings)}"><input type="hidden" name="known" value="${known ? String(known.id) : 'none'}">
<p><label for="add-title">${t('preview.titleField')}</label> <input id="add-title" name="title" value="${(known ? known.title : p.title) ?? ''}" size="40"></p>
<p><label for="add-extract">${t('source.extract')}</label> <select id="add-extract" name="extractMode">${MODES.map((m) => html`<option value="${m}"${raw(m === (known?.extractMode ?? 'short') ? ' selected' : '')}>${t(`source.extract.${m}` as DeskKey)}</option>`)}</select></p>
<p><button type="submit">${t('preview.confirm')}</button></p></form>`;
  };

  app.post('/preview', async (c) => {
    const f = await checkedForm(c, 'sources');
    if (f instanceof Response) return f;
    const t = deskT(c);
    const address = checkSourceAddress(field(f, 'url'), { assumeHttps: true });
    if (!('url' in address) || !deps.previewSource) {
      const msg = !deps.previewSource ? t('preview.unavailable') : t('preview.badUrl');
      // The address stays in the form, to be corrected rather than typed again.
      return listPage(c, html`<p role="alert">${msg}</p>`, 400, field(f, 'url').trim());
    }
    const url = address.address;
    const kind = field(f, 'kind');
    const headers = parseHeaderLines(textField(f, 'headers'));
    if ('badLine' in headers) return listPage(c, html`<p role="alert">${badHeaderText(t, headers as BadHeaderLine)}</p>`, 400);
    const allowPrivate = mayGrantPrivate(c) && field(f, 'allowPrivate') === '1';
    const p = await deps.previewSource({
      url,
      ...(isSourceKind(kind) ? { kind } : {}),
      headers,
      allowPrivate,
    });
    // Private settings wait on the server for the confirmation: the page carries a token, never the values.
    const pending = p.ok && (allowPrivate || Object.keys(headers).length) ? pendingPrivate.put({ headers, allowPrivate }) : '';
    const known = p.ok ? await store.sources.getByUrl(p.url) : undefined;
    return deskPage(c, {
      title: t('preview.title'),
      section: 'sources',
      main: previewView(c, url, p, pending, known && shownSource(known)),
      ...(p.ok ? {} : { status: 422 as const }),
    });
  });

  app.post('/add', async (c) => {
    const f = await checkedForm(c, 'sources');
    if (f instanceof Response) return f;
    const kind = field(f, 'kind');
    const address = checkSourceAddress(field(f, 'url'), { assumeHttps: false });
    if (!isSourceKind(kind) || !('url' in address)) return c.text('Bad request', 400);
    const url = address.address;
    let settings: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(field(f, 'settings') || '{}');
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) settings = parsed as Record<string, unknown>;
    } catch {
      settings = {};
    }
    // The preview's settings come back in a hidden field: selectors in them (only a hand-made
    // request carries any) pass the same check as the settings form's, or nothing is stored.
    if (settings.selectors !== undefined) {
      const given = settings.selectors;
      const known =
        given !== null &&
        typeof given === 'object' &&
        !Array.isArray(given) &&
        Object.entries(given).every(([k, v]) => (SELECTOR_KEYS as readonly string[]).includes(k) && typeof v === 'string');
      const checked = known ? checkSelectors(given as Partial<Record<SelectorKey, string>>) : undefined;
      if (!checked || !('selectors' in checked)) return c.text('Bad request', 400);
      // Blank selectors are none, as the API reads them (r-leftovers): an empty set neither asks
      // for a listing page nor clears a known page's selectors.
      const { selectors: _given, ...rest } = settings;
      settings = Object.keys(checked.selectors).length ? { ...settings, selectors: checked.selectors } : rest;
    }
    // Selectors with another kind contradict themselves, whether the address is new or known: refused
    // before anything is looked up or stored, as the API's 400 `selectors.notPage` (r-leftovers;
    // before, a new feed was stored with them). Only a hand-made request carries selectors.
    if (settings.selectors !== undefined && kind !== 'page') {
      const t = deskT(c);
      return listPage(
        c,
        html`<p role="alert" data-selectors-not-page>${t('source.selectorsNotPage', { kind: t(`sources.kind.${kind}` as DeskKey) })}</p>`,
        400,
        url,
      );
    }
    const mode = field(f, 'extractMode') as ExtractMode;
    const priv = pendingPrivate.take(field(f, 'pending'));
    const input = {
      url,
      kind,
      ...(priv ? { headers: priv.headers, allowPrivate: priv.allowPrivate } : {}),
      title: sourceTitle(field(f, 'title')),
      siteUrl: field(f, 'siteUrl') || null,
      settings,
      ...(MODES.includes(mode) ? { extractMode: mode } : {}),
    };
    const saved = deps.saveSource
      ? await deps.saveSource(input)
      : await store.sources.add(input).then((r) => ({ id: r.source.id, created: r.created }));
    // A new listing page its site's robots.txt refuses: nothing stored, the address kept in the
    // add form beside the sentence the preview gives (advice.robots, the API's robots.refused).
    if ('refused' in saved) {
      const note: DiscoveryNote = { key: 'advice.robots', params: saved.refused };
      return listPage(c, html`<p role="alert" data-robots-refused>${discoveryNoteText(deskLang(c), note)}</p>`, 422, url);
    }
    // Header values are secrets: the audit log records their names only.
    const logged = { ...input, url: redactUrl(input.url), headers: Object.keys(input.headers ?? {}) };
    if (saved.created) {
      await audit(deps, c, 'source.add', `source:${saved.id}`, null, logged);
      return c.redirect(`/desk/sources/${saved.id}?done=added`, 303);
    }
    // An address already subscribed (p-keys): the name, full-text mode and selectors given are
    // applied to that source, as `newsdesk add` and the API apply theirs (known-source.ts), and its
    // page names each one changed; its kind never changes (said when the preview found another).
    // Private headers given with the preview are not applied: the source's form sets them.
    const known = await store.sources.get(saved.id);
    if (!known) return sourcePage(c, saved.id);
    // The form says which source its preview found at the address (r-keys): one made for a new
    // address holds the defaults for a new source (the feed's title, "short"), never offered as
    // changes to this one, so when the address became a source meanwhile (another editor, another
    // tab) nothing is applied and the page says so. A request without the field (hand-made) is
    // applied as it says.
    const seen = f.known === undefined ? undefined : field(f, 'known');
    if (seen !== undefined && seen !== String(known.id)) return c.redirect(`/desk/sources/${known.id}?done=meanwhile`, 303);
    // Selectors ask for a listing page, and a source's kind never changes: on a known feed or
    // sitemap the add is refused whole, as the API's 409 `source.kindConflict` and `newsdesk add`
    // refuse it (the same rule, known-source.ts), with the address kept in the add form beside the
    // sentence. Only a hand-made request carries selectors (the preview's form has none).
    const given = settings.selectors as Partial<Record<SelectorKey, string>> | undefined;
    if (given !== undefined && kindAsked(known, undefined, given)) {
      const t = deskT(c);
      return listPage(
        c,
        html`<p role="alert" data-kind-conflict="${known.id}">${t('source.selectorsOnKind', {
          // Isolated (r-leftovers): a name in another script or ending in punctuation ("Wire (UK)",
          // an address ending in "/") neither takes nor moves an Arabic or Persian sentence's words.
          name: isolateText(known.title ?? shownSource(known).url),
          kind: t(`sources.kind.${known.kind}` as DeskKey),
        })}</p>`,
        409,
        url,
      );
    }
    const change = applyToKnown(known, {
      ...(input.title !== null ? { title: input.title } : {}),
      ...(input.extractMode ? { extractMode: input.extractMode } : {}),
      ...(settings.selectors !== undefined ? { selectors: settings.selectors as Partial<Record<SelectorKey, string>> } : {}),
    });
    if (change.audit) {
      await store.sources.update(known.id, change.patch);
      await audit(deps, c, 'source.settings', `source:${known.id}`, change.audit.before, change.audit.after);
    }
    const applied = change.fields.filter((x) => x.changed).map((x) => x.field);
    const said = [
      'done=exists',
      ...(applied.length ? [`applied=${applied.join(',')}`] : []),
      ...(kind !== known.kind ? [`kind=${kind}`] : []),
    ].join('&');
    return c.redirect(`/desk/sources/${known.id}?${said}`, 303);
  });

  /**
   * What an add on a known address did, on that source's page (Post/Redirect/Get): the address
   * carries the names of the fields changed and the kind the preview found when it is not the
   * source's; the values shown are the source's own (what was applied). Names this page does not
   * know say nothing.
   */
  const existsNotice = (c: Context, s: Source): Html => {
    const t = deskT(c);
    const asked = new Set((c.req.query('applied') ?? '').split(',').filter(isAppliedField));
    const applied: AppliedField[] = APPLIED_FIELDS.filter((f) => asked.has(f));
    const kind = c.req.query('kind');
    const line = (f: AppliedField): Html =>
      html`<p role="status" data-applied="${f}">${
        f === 'title'
          ? t('source.applied.title', { title: closeBidi(s.title ?? s.url) })
          : f === 'extractMode'
            ? t('source.applied.extractMode', { mode: t(`source.extract.${s.extractMode}` as DeskKey) })
            : t('source.applied.selectors')
      }</p>`;
    return html`<p role="status">${t(applied.length ? 'source.existsApplied' : 'source.exists')}</p>${applied.map(line)}${
      isSourceKind(kind) && kind !== s.kind
        ? html`<p role="status" data-kind-kept>${t('source.kindKept', {
            kind: t(`sources.kind.${s.kind}` as DeskKey),
            asked: t(`sources.kind.${kind}` as DeskKey),
          })}</p>`
        : ''
    }`;
  };

  /** What a refused settings save typed, shown again instead of the stored values (headers stay write-only). */
  interface TypedSettings {
    interval: string;
    extractMode: string;
    selectors: Partial<Record<SelectorKey, string>>;
    allowPrivate: boolean;
    /** A refused selector's words, shown beside its field (the value stays in it as typed). */
    selectorError?: { key: SelectorKey; text: string };
    /** The refused post, whose shown values the page carries again (shown-values.ts). */
    form?: Form;
    /**
     * Fields not written because another writer changed them since the page was shown (p-meanwhile):
     * noted beside with the stored value; the page's shown values are then the stored ones.
     */
    meanwhile?: ReadonlySet<string>;
  }

  /** What the settings form shows of a source's stored fields, by field name (its shown values). */
  const settingsShown = (s: Source, ds: DeskSourceSettings | undefined): Record<string, string> => {
    const sel = storedSelectors(s.settings) ?? {};
    return {
      interval: String(intervalMinutesShown(s.intervalSeconds)),
      extractMode: s.extractMode,
      ...Object.fromEntries(SELECTOR_KEYS.map((k) => [`sel_${k}`, sel[k] ?? ''])),
      allowPrivate: ds?.allowPrivate ? '1' : '',
    };
  };

  const sourcePage = async (
    c: Context,
    id: number,
    notice?: Html,
    status?: 200 | 400 | 404 | 409,
    typed?: TypedSettings,
  ): Promise<Response> => {
    const t = deskT(c);
    const found = await store.sources.get(id);
    const s = found && shownSource(found);
    if (!s)
      return deskPage(c, { title: t('source.notFound'), section: 'sources', main: html`<p>${t('source.notFound')}</p>`, status: 404 });
    const [ds, same] = await Promise.all([store.desk.sourceSettings(id), store.sources.sameFeeds()]);
    const sel = typed?.selectors ?? storedSelectors(s.settings) ?? {};
    const interval = typed?.interval ?? String(intervalMinutesShown(s.intervalSeconds));
    const extractMode = typed?.extractMode ?? s.extractMode;
    const allowPrivate = typed && mayGrantPrivate(c) ? typed.allowPrivate : Boolean(ds?.allowPrivate);
    const headerNames = Object.keys(ds?.headers ?? {});
    // Beside a field not written (changed meanwhile): the value stored now.
    const stored = settingsShown(s, ds);
    const note = (name: string, box = false): Html | '' =>
      typed?.meanwhile?.has(name)
        ? meanwhileNote(
            deskUi(c),
            name,
            name === 'extractMode' ? t(`source.extract.${stored[name]}` as DeskKey) : (stored[name] ?? ''),
            box,
          )
        : '';
    const main = html`<h1>${s.title ?? s.url}</h1>${notice ?? ''}
<dl><dt>${t('source.url')}</dt><dd><code>${s.url}</code></dd><dt>${t('sources.col.status')}</dt><dd>${t(`sources.status.${s.status}` as DeskKey)}</dd>
${s.lastError ? html`<dt>${t('source.lastError')}</dt><dd>${failureText(s, requestUi(c), { detail: true })}</dd>` : ''}
<dt>${t('sources.col.lastSuccess')}</dt><dd>${when(s.lastSuccessAt, t('sources.never'))}</dd>
${ds?.lastFetchMs != null ? html`<dt>${t('sources.col.duration')}</dt><dd>${formatMs(ds.lastFetchMs, requestUi(c).locale)}</dd>` : ''}</dl>
${sameFeedSection(t, same.get(id))}
<form method="post" action="/desk/sources/${id}/fetch">${csrfField(c)}<p><button type="submit">${t('source.retry')}</button></p></form>
${await unreadSection(c, id)}<h2>${t('source.title')}</h2>
<form method="post" action="/desk/sources/${id}/settings">${csrfField(c)}${shownInputs(shownAgain(typed?.form, settingsShown(s, ds)))}
<p><label for="s-interval">${t('source.interval')}</label> <input id="s-interval" name="interval" type="number" min="1" max="10080" value="${interval}">${note('interval')}</p>
<p><label for="s-extract">${t('source.extract')}</label> <select id="s-extract" name="extractMode">${MODES.map((m) => html`<option value="${m}"${raw(m === extractMode ? ' selected' : '')}>${t(`source.extract.${m}` as DeskKey)}</option>`)}</select>${note('extractMode')}</p>
<fieldset><legend>${t('source.selectors')}</legend>${SELECTOR_KEYS.map((k) =>
      typed?.selectorError?.key === k
        ? html`<p><label for="sel-${k}">${t(`source.selector.${k}` as DeskKey)}</label> <input id="sel-${k}" name="sel_${k}" value="${sel[k] ?? ''}" size="40" aria-invalid="true" aria-describedby="sel-${k}-error"> <span id="sel-${k}-error" role="alert">${typed.selectorError.text}</span></p>`
        : html`<p><label for="sel-${k}">${t(`source.selector.${k}` as DeskKey)}</label> <input id="sel-${k}" name="sel_${k}" value="${sel[k] ?? ''}" size="40">${note(`sel_${k}`)}</p>`,
    )}</fieldset>
<fieldset><legend>${t('source.headers')}</legend>
<p id="headers-state">${headerNames.length ? t('source.headers.set', { names: headerNames.join(', ') }) : t('source.headers.none')}</p>
<p><label for="s-headers">${t('source.headers')}</label><br><textarea id="s-headers" name="headers" rows="3" cols="60" autocomplete="off" spellcheck="false" aria-describedby="headers-help"></textarea></p>
<p id="headers-help">${t('source.headers.help')}</p>
<p><input id="s-clear" type="checkbox" name="clearHeaders" value="1"> <label for="s-clear">${t('source.headers.clear')}</label></p></fieldset>
<p><input id="s-private" type="checkbox" name="allowPrivate" value="1"${raw(allowPrivate ? ' checked' : '')}${raw(mayGrantPrivate(c) ? '' : ' disabled')}> <label for="s-private">${t('source.allowPrivate')}</label>${note('allowPrivate', true)}</p>
<p><button type="submit">${t('source.save')}</button></p></form>
<form method="get" action="/desk/sources/${id}/remove"><p><button type="submit">${t('source.remove')}</button></p></form>`;
    return deskPage(c, { title: s.title ?? s.url, section: 'sources', main, ...(status ? { status } : {}) });
  };

  /**
   * Teasers of this source never read in full though it reads full text (stored while its host's
   * slots were held by a stalled scheduler, past a check's cap, or before its mode was changed):
   * how many, not counting those whose read is queued, and a button queuing at most UNREAD_MAX.
   */
  const unreadSection = async (c: Context, id: number): Promise<Html | ''> => {
    if (!deps.unreadCount || !deps.readUnread) return '';
    const n = await deps.unreadCount(id);
    if (n === 0) return '';
    const t = deskT(c);
    const locale = requestUi(c).locale;
    return html`<section aria-labelledby="unread-h" data-unread="${n}"><h2 id="unread-h">${t('source.unread.heading')}</h2>
<p>${t('source.unread.count', { n: formatCount(n, locale) })}</p>
${unreadPress(c, id, n)}</section>
`;
  };

  const idOf = (c: Context): number | undefined => {
    // Written canonically, as on the API and the public site (p-edges): `/desk/sources/01` is a 404.
    return canonicalId(c.req.param('id'));
  };

  app.get('/export.opml', async (c) => {
    const body = deps.exportOpml ? await deps.exportOpml() : '';
    return c.body(body, 200, {
      'content-type': 'text/x-opml; charset=utf-8',
      'content-disposition': 'attachment; filename="newsdesk-sources.opml"',
      'cache-control': 'no-store',
    });
  });

  app.post('/opml', async (c) => {
    const t = deskT(c);
    const declared = Number(c.req.header('content-length') ?? '0');
    // The multipart envelope adds a little; the file itself is checked again below.
    if (declared > OPML_MAX_BYTES + OPML_ENVELOPE_BYTES)
      return listPage(c, html`<p role="alert">${t('sources.opml.tooLarge', { max: OPML_MAX_BYTES })}</p>`, 413);
    const f = await checkedForm(c, 'sources');
    if (f instanceof Response) return f;
    const file = f.opml;
    const one = Array.isArray(file) ? file[0] : file;
    if (!(one instanceof File) || one.size === 0) return listPage(c, html`<p role="alert">${t('sources.opml.missing')}</p>`, 400);
    if (one.size > OPML_MAX_BYTES)
      return listPage(c, html`<p role="alert">${t('sources.opml.tooLarge', { max: OPML_MAX_BYTES })}</p>`, 413);
    if (!deps.startOpmlImport) return listPage(c, html`<p role="alert">${t('preview.unavailable')}</p>`, 400);
    const started = await deps.startOpmlImport(await one.text());
    if ('error' in started) {
      const detail = opmlNoteDetail(started.note);
      return listPage(
        c,
        html`<p role="alert">${t('sources.opml.refused', { reason: opmlRefusalText(deskLang(c), started) })}</p>${detail ? detailLine(t, detail) : ''}`,
        400,
      );
    }
    await audit(deps, c, 'source.import-opml', `job:${started.job.id}`, null, { feeds: started.job.total, file: one.name });
    return c.redirect(`/desk/sources/jobs/${started.job.id}`, 303);
  });

  app.get('/jobs/:id', async (c) => {
    const t = deskT(c);
    const job = await deps.job?.(c.req.param('id'));
    if (!job) return deskPage(c, { title: t('job.title'), section: 'sources', main: html`<p>${t('job.unknown')}</p>`, status: 404 });
    // A dead job's error is the runner's English (the handler's own words): a detail line under the sentence.
    const state =
      job.error !== null
        ? job.attempts >= job.maxAttempts
          ? t('job.dead.attempts', { attempts: job.attempts })
          : t('job.dead.refused')
        : job.finished
          ? t('job.finished')
          : job.queued
            ? t('job.queued')
            : t('job.running');
    const unlisted = job.failedCount - job.failed.length;
    const main = html`<h1>${t('job.title')}</h1>
<p><progress max="${job.total}" value="${job.done}" aria-label="${t('job.title')}">${job.done}/${job.total}</progress></p>
<p role="status" data-finished="${job.finished ? 'yes' : 'no'}">${t('job.progress', { done: job.done, total: job.total, added: job.added, existing: job.existing, failed: job.failedCount })}</p>
<p${job.error !== null ? html` role="alert"` : ''}>${state}</p>${job.error ? detailLine(t, job.error) : ''}
${
  job.failed.length
    ? html`<ul>${job.failed.map((x) => {
        const detail = opmlNoteDetail(x.note);
        return html`<li><code>${x.url}</code>: ${opmlProblemText(deskLang(c), x)}${detail ? html` <small class="desk-detail">(<bdi dir="ltr" lang="en">${redactText(detail)}</bdi>)</small>` : ''}</li>`;
      })}</ul>`
    : ''
}${unlisted > 0 ? html`<p>${t('job.moreFailed', { n: unlisted })}</p>` : ''}
<p><a href="/desk/sources">${t('sources.title')}</a></p>`;
    return deskPage(c, {
      title: t('job.title'),
      section: 'sources',
      main,
      ...(job.finished ? {} : { head: raw('<meta http-equiv="refresh" content="2">') }),
    });
  });

  app.get('/:id', async (c) => {
    const id = idOf(c);
    if (id === undefined) return c.notFound();
    // After "Add this source": whether it was added or was already there; after "Fetch now", what it found.
    const done = c.req.query('done');
    const exists = done === 'exists' ? await store.sources.get(id) : undefined;
    const notice =
      done === 'added' || done === 'meanwhile'
        ? html`<p role="status">${deskT(c)(done === 'added' ? 'source.added' : 'source.existsMeanwhile')}</p>`
        : exists
          ? existsNotice(c, shownSource(exists))
          : done?.startsWith('fetch')
            ? await fetchNotice(c, id, done)
            : done === 'unread'
              ? unreadNotice(c)
              : undefined;
    return sourcePage(c, id, notice);
  });

  /**
   * What "Fetch now" found, said on the source's page it leads back to (Post/Redirect/Get: a reload
   * reads the page again, it does not fetch again). The address carries the outcome and numbers only
   * (`done=fetched&ms=&new=&updated=&unchanged=`, `done=fetch-same&ms=`, `done=fetch-failed&ms=`),
   * never text: a failure is worded from the source's stored problem, as its page shows it. An
   * address whose numbers are not whole numbers says nothing.
   */
  const fetchNotice = async (c: Context, id: number, done: string): Promise<Html | undefined> => {
    const t = deskT(c);
    const num = (name: string): number | undefined => queryCount(c, name);
    const ms = num('ms');
    if (ms === undefined) return undefined;
    if (done === 'fetch-same') return html`<p role="status">${t('source.fetchedSame', { ms })}</p>`;
    if (done === 'fetch-failed') {
      const words = failureWords(await store.sources.get(id), requestUi(c));
      return html`<p role="alert">${words ? t('source.fetchFailed', { ms, message: words }) : t('source.fetchFailedBare', { ms })}</p>`;
    }
    if (done !== 'fetched') return undefined;
    const [inserted, updated, unchanged] = [num('new'), num('updated'), num('unchanged')];
    return html`<p role="status">${
      inserted !== undefined && updated !== undefined && unchanged !== undefined
        ? t('source.fetchedCounts', { ms, inserted, updated, unchanged })
        : t('source.fetchedBare', { ms })
    }</p>`;
  };

  app.post('/:id/settings', async (c) => {
    const id = idOf(c);
    if (id === undefined) return c.notFound();
    const f = await checkedForm(c, 'sources');
    if (f instanceof Response) return f;
    const t = deskT(c);
    const s = await store.sources.get(id);
    if (!s) return sourcePage(c, id);
    const mode = field(f, 'extractMode') as ExtractMode;
    // A refused save shows what was typed again, so fixing one field does not mean retyping the rest.
    const typed: TypedSettings = {
      interval: field(f, 'interval').slice(0, 12),
      extractMode: mode,
      selectors: selectorsFrom(f),
      allowPrivate: field(f, 'allowPrivate') === '1',
      form: f,
    };
    const minutes = intervalMinutes(field(f, 'interval'));
    if (minutes === undefined) return sourcePage(c, id, html`<p role="alert">${t('source.badInterval')}</p>`, 400, typed);
    const checked = checkSelectors(typed.selectors);
    // Too long: refused beside its field, the value kept as typed (no maxlength on the field: a
    // browser cuts a pasted value there without a word, the very cut this refusal replaces).
    if ('badKey' in checked && checked.problem === 'too-long') {
      const lang = deskLang(c);
      const label = t(`source.selector.${checked.badKey}` as DeskKey);
      const text = sourceCheckText(
        'selector.tooLong',
        {
          // The label quoted as the desk's catalogues quote a field: “…” in English, «…» in Arabic and Persian.
          field: lang === 'en' ? `“${label}”` : `«${label}»`,
          length: formatCount(checked.length, lang),
          max: formatCount(SELECTOR_MAX_CHARS, lang),
        },
        lang,
      );
      return sourcePage(c, id, undefined, 400, { ...typed, selectorError: { key: checked.badKey, text } });
    }
    if ('badKey' in checked)
      return sourcePage(
        c,
        id,
        html`<p role="alert">${t('source.selectors.bad', { field: t(`source.selector.${checked.badKey}` as DeskKey) })}</p>`,
        400,
        typed,
      );
    const selectors = checked.selectors;
    const headerText = textField(f, 'headers');
    const headers = parseHeaderLines(headerText);
    if ('badLine' in headers) return sourcePage(c, id, html`<p role="alert">${badHeaderText(t, headers as BadHeaderLine)}</p>`, 400, typed);
    const beforeDesk = await store.desk.sourceSettings(id);
    // Every field of this form writes only when the editor changed it from what the form showed
    // (shown-values.ts): an interval, mode, selector or permission another writer changed after the
    // page was loaded stands unless the editor changed that same field. A changed field goes to the
    // store with the value the form showed, and is written only when the stored value is still
    // that one, checked in the store's write (domain/shown-check.ts, p-meanwhile): when another
    // writer changed it meanwhile it is not written and the page shows it again beside theirs.
    // Selectors: key by key, merged by the store into the stored ones as they are at the write.
    // A request without shown values changes every field with no check, i.e. writes what it gives.
    const shownOf = (name: string): string | undefined => shownValue(f, name);
    // The selectors as this route read them with the changed fields applied: when that is what is
    // stored (a post without shown values giving the selectors as they are), none is written, as
    // before — a change another writer makes between this read and the write then stands.
    const selectorKeysChanged = SELECTOR_KEYS.filter((k) => changedFromShown(f, `sel_${k}`));
    const read = storedSelectors(s.settings);
    const next: Record<string, string> = { ...(read ?? {}) };
    for (const k of selectorKeysChanged) {
      const v = selectors[k];
      if (v === undefined) delete next[k];
      else next[k] = v;
    }
    const selectorsUnchanged = Object.keys(next).length === 0 ? s.settings.selectors === undefined : sameSelectors(read, next);
    const shownMinutes = shownOf('interval');
    const change: ShownSourceChange = {
      // Compared in whole minutes: "05" or "5.0" for a page's 5 is no change (r-meanwhile).
      ...(changedFromShownAs(f, 'interval', (v) => String(intervalMinutes(v) ?? v))
        ? { intervalSeconds: { to: minutes * 60, shownMinutes: shownMinutes === undefined ? undefined : Number(shownMinutes) } }
        : {}),
      ...(MODES.includes(mode) && changedFromShown(f, 'extractMode')
        ? { extractMode: { to: mode, shown: shownOf('extractMode') as ExtractMode | undefined } }
        : {}),
      selectors: selectorsUnchanged
        ? {}
        : Object.fromEntries(selectorKeysChanged.map((k) => [k, { to: selectors[k], shown: shownOf(`sel_${k}`) }])),
    };
    const wrote = await store.sources.updateShown(id, change);
    if (!wrote) return sourcePage(c, id);
    // Headers are write-only (never shown): blank keeps them, typed lines replace them, the box
    // clears them. Only an administrator changes the permission, and only when the box differs
    // from what was shown (and the stored box is still the shown one); the store keeps the fields
    // a patch leaves out as they are.
    const shownPrivate = shownOf('allowPrivate');
    const privateChanged = mayGrantPrivate(c) && changedFromShown(f, 'allowPrivate');
    const deskPatch: DeskSourcePatch = {
      ...(field(f, 'clearHeaders') === '1' ? { headers: {} } : Object.keys(headers).length ? { headers } : {}),
      ...(privateChanged ? { allowPrivate: field(f, 'allowPrivate') === '1' } : {}),
    };
    const deskWrote = Object.keys(deskPatch).length
      ? await store.desk.setSourceSettings(
          id,
          deskPatch,
          undefined,
          privateChanged && shownPrivate !== undefined ? { allowPrivate: shownPrivate === '1' } : undefined,
        )
      : undefined;
    const afterDesk = deskWrote ?? beforeDesk;
    const after = wrote.source;
    const refused = [
      ...wrote.refused.map((k) =>
        k.startsWith('selectors.') ? `sel_${k.slice('selectors.'.length)}` : k === 'intervalSeconds' ? 'interval' : k,
      ),
      ...(deskWrote?.refused ?? []),
    ];
    const asked =
      Object.keys(change).filter((k) => k !== 'selectors').length +
      Object.keys(change.selectors ?? {}).length +
      Object.keys(deskPatch).length;
    // Nothing changed from what the page showed: said so, nothing written or audited.
    if (asked === 0) return sourcePage(c, id, html`<p role="status" data-nothing>${deskUi(c).d('nothingToSave')}</p>`);
    const someWritten = refused.length < asked;
    // Header values are secrets: the audit log records their names only. No audit row when no field was written.
    // "Before" is the row as the store's write read it (r-meanwhile): a field another writer changed
    // after this route's read, refused here, must not read as this editor's change.
    const was = wrote.before;
    if (someWritten)
      await audit(
        deps,
        c,
        'source.settings',
        `source:${id}`,
        {
          intervalSeconds: was.intervalSeconds,
          extractMode: was.extractMode,
          selectors: was.settings.selectors ?? null,
          headers: Object.keys(beforeDesk?.headers ?? {}),
          allowPrivate: beforeDesk?.allowPrivate ?? false,
        },
        {
          intervalSeconds: after.intervalSeconds,
          extractMode: after.extractMode,
          selectors: after.settings.selectors ?? null,
          headers: Object.keys(afterDesk?.headers ?? {}),
          allowPrivate: afterDesk?.allowPrivate ?? false,
        },
      );
    if (refused.length) {
      // The fields not written keep the editor's value; every other field shows what is stored.
      const stored = settingsShown(after, afterDesk);
      const mine = (name: string, editor: string): string => (refused.includes(name) ? editor : (stored[name] ?? ''));
      const again: TypedSettings = {
        interval: mine('interval', typed.interval),
        extractMode: mine('extractMode', typed.extractMode),
        selectors: Object.fromEntries(
          SELECTOR_KEYS.map((k) => [k, mine(`sel_${k}`, typed.selectors[k] ?? '')]).filter(([, v]) => v !== ''),
        ),
        allowPrivate: mine('allowPrivate', typed.allowPrivate ? '1' : '') === '1',
        meanwhile: new Set(refused),
      };
      return sourcePage(c, id, meanwhileNotice(deskUi(c), someWritten), meanwhileStatus(someWritten), again);
    }
    return sourcePage(c, id, html`<p role="status">${t('source.saved')}</p>`);
  });

  app.post('/:id/fetch', async (c) => {
    const id = idOf(c);
    if (id === undefined) return c.notFound();
    const f = await checkedForm(c, 'sources');
    if (f instanceof Response) return f;
    const t = deskT(c);
    if (!deps.fetchNow) return sourcePage(c, id, html`<p role="alert">${t('preview.unavailable')}</p>`, 400);
    const before = await store.sources.get(id);
    if (!before) return sourcePage(c, id);
    const r = await deps.fetchNow(id);
    const after = await store.sources.get(id);
    await audit(
      deps,
      c,
      'source.fetch-now',
      `source:${id}`,
      { status: before.status, lastError: before.lastError && redactText(before.lastError) },
      { status: after?.status, lastError: after?.lastError ? redactText(after.lastError) : null, durationMs: r.durationMs },
    );
    // Post/Redirect/Get: the source's page says what the fetch found, in the editor's language (the
    // counts, or the failure as the source's last problem is worded); a reload there fetches nothing.
    const ms = Math.max(0, Math.round(r.durationMs));
    const outcome = r.ok
      ? r.counts
        ? r.counts.notModified
          ? `done=fetch-same&ms=${ms}`
          : `done=fetched&ms=${ms}&new=${r.inserted}&updated=${r.counts.updated}&unchanged=${r.counts.unchanged}`
        : `done=fetched&ms=${ms}`
      : `done=fetch-failed&ms=${ms}`;
    return c.redirect(`/desk/sources/${id}?${outcome}`, 303);
  });

  // Reading in full the teasers never read (the section above): one press queues at most
  // UNREAD_MAX reads, highest id first, each a job with the entry's pending key (so never twice);
  // Post/Redirect/Get to the source's page, which says how many were queued and how many remain.
  app.post('/:id/read-unread', async (c) => {
    const id = idOf(c);
    if (id === undefined) return c.notFound();
    const f = await checkedForm(c, 'sources');
    if (f instanceof Response) return f;
    const t = deskT(c);
    if (!deps.readUnread) return sourcePage(c, id, html`<p role="alert">${t('preview.unavailable')}</p>`, 400);
    const s = await store.sources.get(id);
    if (!s) return sourcePage(c, id);
    const { queued, left } = await deps.readUnread(id, UNREAD_MAX);
    // A press that queued nothing changed nothing: no audit row.
    if (queued)
      await audit(deps, c, 'source.read-unread', `source:${id}`, { extractMode: s.extractMode }, { queued, left, max: UNREAD_MAX });
    const said = `done=unread&n=${queued}&left=${left}`;
    // From the never-read list filtered to this source: back to that list (its first page: the
    // queued rows are gone from it), which says the same.
    if (field(f, 'back') === UNREAD_BACK_LIST) return c.redirect(`/desk/sources/never-read?source=${id}&${said}`, 303);
    return c.redirect(`/desk/sources/${id}?${said}`, 303);
  });

  // Removing a source: a confirmation page that says what goes with it, then the same store call
  // the API's DELETE and `newsdesk remove` make (its entries are deleted, or handed over to another
  // source that also carried them; the search index follows the entries).
  app.get('/:id/remove', async (c) => {
    const id = idOf(c);
    if (id === undefined) return c.notFound();
    const t = deskT(c);
    const found = await store.sources.get(id);
    if (!found) return sourcePage(c, id);
    const s = shownSource(found);
    const stories = await store.entries.count({ sourceId: id });
    const main = html`<h1>${t('source.remove.title')}</h1>
<p>${t('source.remove.what', { name: closeBidi(s.title ?? s.url), url: s.url })}</p>
<p data-stories="${stories}">${t('source.remove.stories', { n: stories })}</p>
<p>${t('source.remove.undo')}</p>
<form method="post" action="/desk/sources/${id}/remove">${csrfField(c)}<p><button type="submit">${t('source.remove.confirm')}</button> <a href="/desk/sources/${id}">${t('source.remove.cancel')}</a></p></form>`;
    return deskPage(c, { title: t('source.remove.title'), section: 'sources', main });
  });

  app.post('/:id/remove', async (c) => {
    const id = idOf(c);
    if (id === undefined) return c.notFound();
    const f = await checkedForm(c, 'sources');
    if (f instanceof Response) return f;
    const before = await store.sources.get(id);
    // Already removed (a second POST, another editor first): the catalogued 404 page, not an error.
    if (!before) return sourcePage(c, id);
    // The audit names the row the removal read and removed, not `before` (p-edges, as the API's),
    // and the entries it carried as it went, counted by the removal too (r-edges): a count read
    // here first missed what a poll stored between it and the removal.
    const done = await store.sources.remove(id, () => true);
    if (done.outcome !== 'removed') return sourcePage(c, id);
    const gone = done.before;
    // What the API's removal records, with the number of stories stored from it when it went.
    await audit(
      deps,
      c,
      'source.remove',
      `source:${id}`,
      { url: redactUrl(gone.url), kind: gone.kind, title: gone.title, stories: done.entries },
      null,
    );
    return c.redirect('/desk/sources?done=removed', 303);
  });

  return app;
}
