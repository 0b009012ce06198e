// The audit log at the desk: every change, who made it and when, its value before and after
// (JSON, shown escaped), filterable by who, action, target and date, a keyset page at a time.
import { canonicalId } from '../../domain/canonical-id.js';
import type { Context, Hono } from 'hono';
import type { AuditEntry, AuditQuery } from '../../store/curation.js';
import type { Store } from '../../store/store.js';
import { closeBidi } from '../../text/bidi.js';
import { cleanInput } from '../../text/control-chars.js';
import { html, type Html } from '../html.js';
import { formatDate, isoDate } from '../locale.js';
import { viewerOf } from '../../auth/viewer.js';
import type { CurationKey } from './curation-messages.js';
import { CURATION_MESSAGES } from './curation-messages.js';
import { positiveInt } from './curation-forms.js';
import { deskPage, deskUi, type DeskUi } from './shell.js';

const PAGE = 50;
/** A filter's value is cut to this many characters: a hostile address costs the page no more (tests read it). */
export const MAX_FILTER_CHARS = 200;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The start of day `s` (YYYY-MM-DD), when it is a day of the calendar: "9999-99-99" or
 * "2026-02-31" (typed into the address; the date field sends neither) is no day, so no filter,
 * rather than a filter no row can match.
 */
function day(s: string | undefined): number | undefined {
  if (!s || !DAY.test(s)) return undefined;
  const at = Date.parse(`${s}T00:00:00Z`);
  return Number.isFinite(at) && new Date(at).toISOString().startsWith(s) ? at : undefined;
}

/** A value as JSON, each string's own bidi controls closed within its quotes (an override in a stored title reorders nothing after it). */
function json(v: unknown): Html {
  return v === null || v === undefined
    ? html`<span class="note">—</span>`
    : html`<pre dir="ltr">${JSON.stringify(v, (_k, x: unknown) => (typeof x === 'string' ? closeBidi(x) : x), 2)}</pre>`;
}

/** An action in the editor's words ("Teaser hidden"); an action this catalogue does not know, as recorded. */
function actionLabel(action: string, ui: DeskUi): string {
  const key = `audit.act.${action}`;
  return Object.hasOwn(CURATION_MESSAGES.en, key) ? ui.d(key as CurationKey) : action;
}

function options(values: readonly string[], chosen: string | undefined, ui: DeskUi, label: (v: string) => string = (v) => v): Html {
  return html`<option value="">${ui.d('audit.any')}</option>${values.map(
    (v) => html`<option value="${v}"${v === chosen ? html` selected` : ''}>${closeBidi(label(v))}</option>`,
  )}`;
}

/** The desk page of what a change was made to ("entry:12" → its curation form), when there is one for this viewer. */
function targetHref(target: string, admin: boolean): string | undefined {
  const m = /^(entry|source|story|topic|user):(.+)$/.exec(target);
  if (!m) return undefined;
  const kind = m[1] as 'entry' | 'source' | 'story' | 'topic' | 'user';
  const id = m[2] ?? '';
  if (kind === 'user') return admin ? '/desk/users' : undefined;
  if (kind === 'topic') return /^[A-Za-z0-9][A-Za-z0-9_.-]{0,100}$/.test(id) ? `/desk/topics/${id}` : undefined;
  if (canonicalId(id) === undefined) return undefined;
  return { entry: `/desk/curation/entries/${id}`, source: `/desk/sources/${id}`, story: `/desk/curation/stories/${id}` }[kind];
}

function rowView(r: AuditEntry, ui: DeskUi, admin: boolean): Html {
  const href = targetHref(r.target, admin);
  const target = href ? html`<a href="${href}"><code>${r.target}</code></a>` : html`<code>${r.target}</code>`;
  return html`<tr><td><time datetime="${isoDate(r.at)}">${formatDate(r.at, ui.locale)}</time></td><td><bdi>${r.actorName}</bdi></td><td>${actionLabel(r.action, ui)}<br><code>${r.action}</code></td><td>${target}</td><td>${json(r.before)}</td><td>${json(r.after)}</td></tr>`;
}

async function auditPage(c: Context, store: Store): Promise<Response> {
  const ui = deskUi(c);
  const admin = viewerOf(c)?.role === 'admin';
  const q = (name: string): string | undefined => cleanInput(c.req.query(name))?.slice(0, MAX_FILTER_CHARS) || undefined;
  // A date that is no day is dropped: not applied, and not shown back in a date field that cannot hold it.
  const dayText = (name: string): string | undefined => {
    const v = q(name);
    return day(v) === undefined ? undefined : v;
  };
  const f = { actor: q('actor'), action: q('action'), target: q('target'), from: dayText('from'), to: dayText('to') };
  const at = positiveInt(q('at'));
  const id = positiveInt(q('id'));
  const to = day(f.to);
  const query: AuditQuery = {
    actor: f.actor,
    action: f.action,
    target: f.target,
    since: day(f.from),
    until: to === undefined ? undefined : to + 86_400_000,
    after: at !== undefined && id !== undefined ? { at, id } : undefined,
    limit: PAGE,
  };
  const [page, facets] = await Promise.all([store.curation.audit(query), store.curation.auditFacets()]);
  const keep = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) keep.set(k, v);
  const older = page.older ? `/desk/audit?${keep.toString()}${keep.size ? '&' : ''}at=${page.older.at}&id=${page.older.id}` : undefined;
  const main = html`<h1>${ui.d('audit.title')}</h1>
<form class="filters" method="get" action="/desk/audit" aria-label="${ui.d('audit.filters')}">
<label>${ui.d('audit.actor')} <select id="audit-actor" name="actor">${options(facets.actors, f.actor, ui)}</select></label>
<label>${ui.d('audit.action')} <select id="audit-action" name="action">${options(facets.actions, f.action, ui, (a) => actionLabel(a, ui))}</select></label>
<label>${ui.d('audit.target')} <input id="audit-target" name="target" dir="ltr" value="${f.target ?? ''}" placeholder="entry:12"></label>
<label>${ui.d('audit.from')} <input id="audit-from" type="date" name="from" value="${f.from ?? ''}"></label>
<label>${ui.d('audit.to')} <input id="audit-to" type="date" name="to" value="${f.to ?? ''}"></label>
<button type="submit">${ui.d('audit.filter')}</button>
</form>
${
  page.items.length
    ? html`<div class="table-scroll"><table class="health audit">
<caption class="visually-hidden">${ui.d('audit.caption')}</caption>
<thead><tr><th scope="col">${ui.d('audit.when')}</th><th scope="col">${ui.d('audit.actor')}</th><th scope="col">${ui.d('audit.action')}</th><th scope="col">${ui.d('audit.target')}</th><th scope="col">${ui.d('audit.before')}</th><th scope="col">${ui.d('audit.after')}</th></tr></thead>
<tbody>${page.items.map((r) => rowView(r, ui, admin))}</tbody></table></div>`
    : html`<p class="note">${ui.d('audit.none')}</p>`
}
<nav class="pager" aria-label="${ui.t('pager.label')}"><span>${query.after ? html`<a href="/desk/audit?${keep.toString()}">${ui.d('audit.newest')}</a>` : ''}</span><span>${
    older ? html`<a href="${older}" rel="next">${ui.d('audit.older')}</a>` : ''
  }</span></nav>`;
  return deskPage(c, { title: ui.d('audit.title'), section: 'audit', main });
}

export function auditRoutes(desk: Hono, store: Store): void {
  desk.get('/audit', (c) => auditPage(c, store));
}
