// Curation at the desk: recent teasers with pin / hide / feature buttons and an edit form for the
// headline and excerpt (the original shown beside it). Each button is a small POST form, so it all
// works with JavaScript off; each change and its audit row are written in one transaction
// (store.curation.update). Hidden teasers stay listed here, marked, and can be shown again.
// Teasers whose article could not be read in full are marked with the catalogued reason (from the
// listing's own query: no read per row); "Full text failed (N)" lists only them, newest first,
// and "Retry full text" queues the read again (deps.retryExtract, a background job). A row whose
// retry is still queued or running says "Retry queued" instead of the button (one batched read of
// the job table per page), and a second press queues nothing. On the filtered list, "Retry all N"
// queues the failures of one reason, at most RETRY_ALL_MAX per press, skipping those already queued.
// "No article on the page (N)" (?noarticle=1) lists the teasers whose page held no article, with
// their count by reason and no retry (reading the page again finds the same page).
// On either list each reason's count links to the list of that reason alone (&reason=KEY, a kind
// of that list's catalogue; a key it does not know lists every reason and says so), through the
// same partial index; pages, forms and redirects carry it.
import type { Context, Hono } from 'hono';
import { actorOf } from '../../auth/viewer.js';
import type { Entry } from '../../domain/entry.js';
import type { SourceInfo } from '../catalog.js';
import { outletFor, sourceNames } from '../views/outlet.js';
import { decodeCursor, encodeCursor } from '../../store/cursor.js';
import type { Override, OverridePatch, OverrideSet, ShownOverride } from '../../store/curation.js';
import { hiddenOriginal, overrideIds } from '../../store/curation.js';
import type { EntrySummary } from '../../store/search.js';
import type { Store } from '../../store/store.js';
import {
  EXTRACT_FAILURE_KINDS,
  hasSourceText,
  NOT_ARTICLE_KINDS,
  parseExtractFailure,
  parseNotArticle,
} from '../../domain/extract-failure.js';
import { auditRecord } from '../../auth/viewer.js';
import type { DeskDeps } from './deps.js';
import { closeBidi } from '../../text/bidi.js';
import { cleanInput } from '../../text/control-chars.js';
import { teaserExcerpt } from '../../text/teaser-excerpt.js';
import { html, type Html } from '../html.js';
import { formatCount, formatDate, isoDate } from '../locale.js';
import { badIdField, checkedForm, csrfField, editedText, field, positiveInt } from './curation-forms.js';
import { deskPage, deskUi, type DeskUi } from './shell.js';
import { changedFromShownAs, meanwhileNote, meanwhileNotice, meanwhileStatus, shownInputs, shownValue } from './shown-values.js';
import type { CurationKey } from './curation-messages.js';

const PAGE = 25;
const EXCERPT_CHARS = 280;
/** At most this many failures of one reason are queued by one press of "Retry all". */
export const RETRY_ALL_MAX = 500;
/** How far past RETRY_ALL_MAX a press looks for failures not yet queued (ids read from the index). */
const RETRY_ALL_WINDOW = 10 * RETRY_ALL_MAX;

export type Op = 'pin' | 'unpin' | 'hide' | 'unhide' | 'feature' | 'unfeature';

export const OPS: Record<Op, { patch: OverridePatch; label: CurationKey }> = {
  pin: { patch: { pinned: true }, label: 'curation.pin' },
  unpin: { patch: { pinned: false }, label: 'curation.unpin' },
  hide: { patch: { hidden: true }, label: 'curation.hide' },
  unhide: { patch: { hidden: false }, label: 'curation.unhide' },
  feature: { patch: { featured: true }, label: 'curation.feature' },
  unfeature: { patch: { featured: false }, label: 'curation.unfeature' },
};

export function isOp(s: string | undefined): s is Op {
  return s !== undefined && Object.hasOwn(OPS, s);
}

/**
 * One pin / hide / feature button: a small POST form of its own, named with what it acts on.
 * `at` is the listing page it sits on (cursor and filters), so the change leads back to that page.
 */
export function opButton(
  c: Context,
  ui: DeskUi,
  id: number,
  op: Op | 'retry' | 'read',
  title: string,
  base = '/desk/curation/entries',
  at: ListAt = EVERY_TEASER,
): Html {
  // "Read full text" (an entry never read in full) posts the same op as "Retry full text".
  const label = ui.d(op === 'retry' ? 'curation.retry' : op === 'read' ? 'curation.readFull' : OPS[op].label);
  return html`<form method="post" action="${base}/${id}" class="inline">${csrfField(c)}<input type="hidden" name="op" value="${op === 'read' ? 'retry' : op}">${listFields(
    at,
  )}<button type="submit" aria-label="${ui.d('curation.actionLabel', {
    action: label,
    title: closeBidi(title),
  })}">${label}</button></form>`;
}

/**
 * Where a listing page is: its cursor, whether only failed reads in full, or only pages without an
 * article, are listed, and of those only one reason (a kind of that list's catalogue).
 */
export interface ListAt {
  older: string;
  failed: boolean;
  noarticle?: boolean;
  reason?: string | undefined;
  /**
   * The list of entries never read in full (/desk/sources/never-read) rather than curation's: a
   * row's "Read full text" leads back there, to its source filter and page (`older`: an entry id).
   */
  neverRead?: { source?: number | undefined } | undefined;
}

const EVERY_TEASER: ListAt = { older: '', failed: false };

/** Where the listing `at` is: curation's list, or the list of entries never read in full. */
export function listPath(at: ListAt): string {
  return at.neverRead ? '/desk/sources/never-read' : '/desk/curation';
}

/** The listing's query string for `at` ('' for the first page of every teaser). */
export function listQuery(at: ListAt, extra = ''): string {
  if (at.neverRead) {
    const parts = [extra, at.neverRead.source ? `source=${at.neverRead.source}` : '', at.older ? `older=${at.older}` : ''].filter(Boolean);
    return parts.length ? `?${parts.join('&')}` : '';
  }
  const parts = [
    extra,
    at.failed ? 'failed=1' : '',
    at.noarticle ? 'noarticle=1' : '',
    at.reason ? `reason=${at.reason}` : '',
    at.older ? `older=${at.older}` : '',
  ].filter(Boolean);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** The hidden fields a form on a listing page carries, so its change leads back to that page. */
function listFields(at: ListAt): Html {
  if (at.neverRead)
    return html`<input type="hidden" name="list" value="never-read">${
      at.neverRead.source ? html`<input type="hidden" name="source" value="${String(at.neverRead.source)}">` : ''
    }${at.older ? html`<input type="hidden" name="older" value="${at.older}">` : ''}`;
  return html`${at.older ? html`<input type="hidden" name="older" value="${at.older}">` : ''}${
    at.failed ? html`<input type="hidden" name="failed" value="1">` : ''
  }${at.noarticle ? html`<input type="hidden" name="noarticle" value="1">` : ''}${
    at.reason ? html`<input type="hidden" name="reason" value="${at.reason}">` : ''
  }`;
}

/**
 * The listing page a request names (query or form fields): cursor, filter, and the reason, kept
 * only when it is a kind of that filter's catalogue (failures, or pages without an article).
 */
function listAt(get: (name: string) => string | undefined): ListAt {
  // The never-read list's cursor is an entry id; its filter a source id.
  if (get('list') === 'never-read') {
    const older = positiveInt(get('older'));
    return { older: older === undefined ? '' : String(older), failed: false, neverRead: { source: positiveInt(get('source')) } };
  }
  const failed = get('failed') === '1';
  const noarticle = !failed && get('noarticle') === '1';
  return { older: olderParam(get('older')), failed, noarticle, reason: reasonOf(get('reason'), failed, noarticle) };
}

/** `given` when it is a reason of the list shown (failed or noarticle), else undefined. */
function reasonOf(given: string | undefined, failed: boolean, noarticle: boolean): string | undefined {
  const kinds: readonly string[] = failed ? EXTRACT_FAILURE_KINDS : noarticle ? NOT_ARTICLE_KINDS : [];
  return given !== undefined && kinds.includes(given) ? given : undefined;
}

/** The catalogued reason of a failed read in full, in the editor's words ("the link is a PDF…"). */
function reasonText(ui: DeskUi, key: string): string {
  return ui.d(`curation.extractReason.${parseExtractFailure(key) ?? 'other'}` as CurationKey);
}

/**
 * "No article on the page: …" for a teaser whose page was read and held no article: no failure,
 * so it is marked apart from them and offers no retry (the same page would be read again).
 */
function notArticleMark(ui: DeskUi, key: string, e: { text?: string | null; contentHtml?: string | null }): Html {
  const kind = parseNotArticle(key) ?? 'no-article';
  // An entry with no text of its source (a news sitemap's: a headline and a link) is not said to show a summary.
  // The bare reason (`notArticleReason.*`) names the cause only: the filtered list's lines count both kinds.
  const reason = hasSourceText(e)
    ? ui.d('curation.notArticleWithSummary', { reason: ui.d(`curation.notArticleReason.${kind}` as CurationKey) })
    : ui.d(`curation.notArticleReasonBare.${kind}` as CurationKey);
  return html`<p class="not-article" data-reason="${kind}">${ui.d('curation.notArticle', { reason })}</p>`;
}

/**
 * "Retry full text" ("Read full text" for an entry never read), or "Retry queued" while a read of
 * the entry is queued or running.
 */
function retryControl(c: Context, ui: DeskUi, id: number, title: string, pending: boolean, at: ListAt, neverRead = false): Html {
  return pending
    ? html`<span class="retry-queued" data-entry="${id}">${ui.d('curation.retryQueued')}</span>`
    : opButton(c, ui, id, neverRead ? 'read' : 'retry', title, undefined, at);
}

/** The sources whose entries are read in full (extract mode not "off"), by id. */
type ReadingSources = ReadonlySet<number>;

/**
 * Whether the desk offers to read an entry's page (again): a failed read, or one never made
 * (status "none") when its source reads full text and the entry has a web link, as the
 * extract-entry job reads them (src/jobs/extract-entry.ts).
 */
function offersRead(
  e: { extractError?: string | null | undefined; neverRead?: boolean | undefined; url: string | null; sourceId: number },
  reading: ReadingSources,
): boolean {
  return Boolean(e.extractError) || (e.neverRead === true && isWebLink(e.url) && reading.has(e.sourceId));
}

function isWebLink(url: string | null): boolean {
  return url !== null && /^https?:\/\//i.test(url);
}

/** The sources among `sources` that read full text, for these entries' sources, when any of them was never read. */
function readingSources(sources: SourceNames, items: readonly { neverRead?: boolean | undefined; sourceId: number }[]): ReadingSources {
  if (!items.some((e) => e.neverRead)) return new Set();
  return new Set(items.map((e) => e.sourceId).filter((id) => sources.has(id) && sources.get(id)?.source.extractMode !== 'off'));
}

/**
 * The sources rows name, as the site's catalog holds them (src/web/catalog.ts): read once per
 * store change for every desk and public page, not once per view.
 */
type SourceNames = ReadonlyMap<number, SourceInfo>;

/**
 * Who published a row's item: its source (a link to the source's desk page), and an aggregator
 * item's outlet before it ("Outlet · via Source"), as the public teaser names them: an editor
 * choosing what to pin or hide judges a headline by its outlet.
 */
function rowSource(ui: DeskUi, e: EntrySummary, names: SourceNames): Html {
  const source = { name: names.get(e.sourceId)?.name ?? `#${e.sourceId}`, href: `/desk/sources/${e.sourceId}` };
  return html`${sourceNames(source, outletFor(e, source), ui)} · `;
}

function row(
  c: Context,
  ui: DeskUi,
  e: EntrySummary,
  o: Override | undefined,
  at: ListAt,
  canRetry: boolean,
  pending: ReadonlySet<number>,
  reading: ReadingSources = new Set(),
  copyOfHidden = false,
  names: SourceNames = new Map(),
): Html {
  const shown = o?.headline ?? e.title;
  const title = shown || ui.t('shell.untitled');
  const lang = e.lang ? html` lang="${e.lang}"` : '';
  const marks: CurationKey[] = [];
  if (o?.pinned) marks.push('curation.pinned');
  if (o?.hidden) marks.push('curation.hidden');
  // Not hidden itself, but off the public side with the article it copies (p-copies): unhiding
  // the original brings it back, so its own button stays "hide".
  else if (copyOfHidden) marks.push('curation.hiddenCopy');
  if (o?.featured) marks.push('curation.featured');
  if (o?.headline || o?.excerpt) marks.push('curation.edited');
  return html`<li id="e${e.id}" class="curation-row${o?.hidden ? ' is-hidden' : ''}">
<h3${lang} dir="${e.dir}"><a href="/entries/${e.id}">${title}</a></h3>
${marks.length ? html`<p class="marks">${marks.map((m) => html`<span class="mark-${m.slice(9)}">${ui.d(m)}</span>`)}</p>` : ''}${
  e.extractError
    ? html`<p class="extract-failed" data-reason="${parseExtractFailure(e.extractError) ?? 'other'}">${ui.d('curation.extractFailed', {
        reason: reasonText(ui, e.extractError),
      })}</p>`
    : e.notArticle
      ? notArticleMark(ui, e.notArticle, e)
      : ''
}${
  o?.headline ? html`<p class="original">${ui.d('curation.original')} <bdi${lang}>${e.title}</bdi></p>` : ''
}<p class="meta">${rowSource(ui, e, names)}<time datetime="${isoDate(e.publishedAt)}">${formatDate(e.publishedAt, ui.locale)}</time></p>
<div class="actions" role="group" aria-label="${ui.d('curation.actions', { title: closeBidi(title) })}">${opButton(c, ui, e.id, o?.pinned ? 'unpin' : 'pin', title, undefined, at)}${opButton(
    c,
    ui,
    e.id,
    o?.hidden ? 'unhide' : 'hide',
    title,
    undefined,
    at,
  )}${opButton(c, ui, e.id, o?.featured ? 'unfeature' : 'feature', title, undefined, at)}${
    canRetry && offersRead(e, reading) ? retryControl(c, ui, e.id, title, pending.has(e.id), at, !e.extractError) : ''
  } <a href="/desk/curation/entries/${e.id}${listQuery(at)}" aria-label="${ui.d('curation.actionLabel', {
    action: ui.d('curation.edit'),
    title: closeBidi(title),
  })}">${ui.d('curation.edit')}</a></div>
</li>`;
}

async function overridesOf(store: Store, items: readonly Pick<Entry, 'id' | 'storyId' | 'duplicateOf'>[]): Promise<OverrideSet> {
  // The copies' originals too: a copy of a hidden article is marked so (hiddenOriginal).
  const keys = overrideIds(items);
  return store.curation.overrides(keys.entries, keys.stories);
}

/** What a change just did, said on the page it leads back to (`?done=OP&entry=ID`). */
export async function doneNotice(c: Context, ui: DeskUi, store: Store): Promise<Html | ''> {
  const done = c.req.query('done');
  if (done === 'retry-all') return retryAllNotice(c, ui);
  const id = positiveInt(c.req.query('entry'));
  if (
    id === undefined ||
    (done !== 'edit' &&
      done !== 'nothing' &&
      done !== 'retry' &&
      done !== 'read' &&
      done !== 'retry-pending' &&
      done !== 'read-gone' &&
      !isOp(done))
  )
    return '';
  const e = await store.entries.get(id);
  if (!e) return '';
  const title = (await store.curation.overrides([e.id])).entries.get(e.id)?.headline ?? e.title;
  const key =
    done === 'retry-pending'
      ? 'curation.done.retryPending'
      : done === 'read-gone'
        ? 'curation.done.readGone'
        : (`curation.done.${done}` as const);
  // The headline sits inside the sentence: an override it leaves open is closed where it ends,
  // so it cannot reverse the rest of the notice (the page's headings isolate it; a sentence cannot).
  return html`<p role="status" class="done">${ui.d(key, { title: closeBidi(title || ui.t('shell.untitled')) })}</p>`;
}

/**
 * What "Retry all" did (`?done=retry-all&reason=K&n=Q&skipped=P&left=L[&after=ID][&why=W]`),
 * counts in the interface's digits: how many were queued, or why none was (`why`: every failure
 * read was already queued, none of the reason is left, or the last press reached the end), and
 * with failures left past the press a button for the next one (carrying `after`).
 */
function retryAllNotice(c: Context, ui: DeskUi): Html | '' {
  const reason = parseExtractFailure(c.req.query('reason'));
  if (!reason) return '';
  const num = (name: string): number => Number(/^\d{1,9}$/.exec(c.req.query(name) ?? '')?.[0] ?? 0);
  const count = (name: string): string => formatCount(num(name), ui.locale);
  const left = num('left');
  const after = positiveInt(c.req.query('after'));
  const why = c.req.query('why');
  const said =
    num('n') > 0
      ? ui.d('curation.done.retryAll', {
          n: count('n'),
          reason: reasonText(ui, reason),
          skipped: count('skipped'),
          max: formatCount(RETRY_ALL_MAX, ui.locale),
        })
      : why === 'pending'
        ? ui.d('curation.done.retryAllNone.pending', { reason: reasonText(ui, reason), skipped: count('skipped') })
        : why === 'end'
          ? ui.d('curation.done.retryAllNone.end', { reason: reasonText(ui, reason) })
          : ui.d('curation.done.retryAllNone.none', { reason: reasonText(ui, reason) });
  const nextLabel = ui.d('curation.retryAllNext', { n: formatCount(Math.min(left, RETRY_ALL_MAX), ui.locale) });
  const next =
    left && after !== undefined
      ? html` <form method="post" action="/desk/curation/retry-failed" class="inline">${csrfField(c)}<input type="hidden" name="reason" value="${reason}"><input type="hidden" name="after" value="${String(after)}"><button type="submit" aria-label="${ui.d(
          'curation.actionLabel',
          { action: nextLabel, title: reasonText(ui, reason) },
        )}">${nextLabel}</button></form>`
      : '';
  return html`<p role="status" class="done">${said}${left ? html` ${ui.d('curation.done.retryAllMore', { left: formatCount(left, ui.locale) })}` : ''}${next}</p>`;
}

/** The cursor of a listing page as links carry it, or '' for the first page (or a bad one). */
function olderParam(s: string | undefined): string {
  const cursor = decodeCursor(s);
  return cursor ? encodeCursor(cursor) : '';
}

/** Stored counts by reason key folded onto the catalogue's kinds (`kindOf`), and their total. */
function byReason(counts: Map<string, number>, kindOf: (key: string) => string): { byKind: Map<string, number>; total: number } {
  const byKind = new Map<string, number>();
  let total = 0;
  for (const [k, n] of counts) {
    const kind = kindOf(k);
    byKind.set(kind, (byKind.get(kind) ?? 0) + n);
    total += n;
  }
  return { byKind, total };
}

/**
 * "Full text failed (N)" and, on the filtered list, what it shows and the count by reason, each a
 * link to that reason's list; counts in the interface's digits, as the site writes them.
 */
function failedFilter(
  c: Context,
  ui: DeskUi,
  failures: Map<string, number>,
  at: ListAt,
  unknown: string | undefined,
  canRetry: boolean,
): Html {
  // Reasons in the catalogue's order; a key this version does not know counts as "other".
  const { byKind, total } = byReason(failures, (k) => parseExtractFailure(k) ?? 'other');
  if (!at.failed)
    return html`<p class="filter">${
      total
        ? html`<a href="/desk/curation?failed=1">${ui.d('curation.failedFilter', { n: formatCount(total, ui.locale) })}</a>`
        : ui.d('curation.failedNoneYet')
    }</p>`;
  return html`<p class="filter" role="status">${ui.d('curation.failedShown', { n: formatCount(total, ui.locale) })} <a href="/desk/curation">${ui.d('curation.showAll')}</a></p>${reasonLine(
    ui,
    at,
    unknown,
    byKind,
    (k) => reasonText(ui, k),
  )}${reasonList(ui, at, EXTRACT_FAILURE_KINDS, byKind, (k) => reasonText(ui, k), canRetry ? (k) => retryAllButton(c, ui, k, byKind.get(k) ?? 0) : undefined)}`;
}

/**
 * "No article on the page (N)" and, on that filtered list, what it shows and the count by reason,
 * each a link to that reason's list (no retry: reading the page again finds the same page).
 * Nothing when there are none.
 */
function notArticleFilter(ui: DeskUi, counts: Map<string, number>, at: ListAt, unknown: string | undefined): Html | '' {
  // Reasons in the catalogue's order; a key this version does not know counts as "no-article".
  const { byKind, total } = byReason(counts, (k) => parseNotArticle(k) ?? 'no-article');
  if (!at.noarticle)
    return total
      ? html`<p class="filter"><a href="/desk/curation?noarticle=1">${ui.d('curation.notArticleFilter', { n: formatCount(total, ui.locale) })}</a></p>`
      : '';
  const text = (k: string): string => ui.d(`curation.notArticleReason.${k}` as CurationKey);
  return html`<p class="filter" role="status">${ui.d('curation.notArticleShown', { n: formatCount(total, ui.locale) })} <a href="/desk/curation">${ui.d('curation.showAll')}</a></p>${reasonLine(
    ui,
    at,
    unknown,
    byKind,
    text,
  )}${reasonList(ui, at, NOT_ARTICLE_KINDS, byKind, text)}`;
}

/**
 * Under a filtered list's line: the one reason shown and its count, with the way back to every
 * reason; or, for a reason key the list does not know (an old or edited link), that every reason
 * is listed. The key is shown as given, cut short and escaped.
 */
function reasonLine(
  ui: DeskUi,
  at: ListAt,
  unknown: string | undefined,
  byKind: Map<string, number>,
  text: (k: string) => string,
): Html | '' {
  if (at.reason)
    return html`<p class="filter reason" data-reason="${at.reason}">${ui.d('curation.reasonShown', {
      reason: text(at.reason),
      n: formatCount(byKind.get(at.reason) ?? 0, ui.locale),
    })} <a href="/desk/curation${listQuery({ ...at, older: '', reason: undefined })}">${ui.d('curation.allReasons')}</a></p>`;
  return unknown ? html`<p class="filter reason" role="alert">${ui.d('curation.reasonUnknown', { key: quotedKey(unknown) })}</p>` : '';
}

/**
 * A reason key as typed in an address, fit to quote in a sentence: controls (NUL, line breaks) as
 * spaces, as every parameter of the site is cleaned; cut at 60 whole code points, so a cut never
 * leaves half a surrogate pair; and any bidi embedding, override or isolate it opens closed where
 * it ends, so a link with an unclosed U+202E cannot reverse the rest of the desk's sentence.
 */
function quotedKey(given: string): string {
  return closeBidi(Array.from(cleanInput(given)).slice(0, 60).join(''));
}

/**
 * A filtered list's count by reason, in the catalogue's order, each a link to the list of that
 * reason alone; the reason shown is not a link (aria-current). `action` adds a control per reason.
 */
function reasonList(
  ui: DeskUi,
  at: ListAt,
  kinds: readonly string[],
  byKind: Map<string, number>,
  text: (k: string) => string,
  action?: (k: string) => Html,
): Html | '' {
  const reasons = kinds.filter((k) => byKind.has(k));
  if (!reasons.length) return '';
  return html`<section aria-labelledby="reasons-h"><h2 id="reasons-h">${ui.d('curation.failedByReason')}</h2><ul class="reasons">${reasons.map(
    (k) => {
      const count = ui.d('curation.reasonCount', { reason: text(k), n: formatCount(byKind.get(k) ?? 0, ui.locale) });
      const shown =
        k === at.reason
          ? html`<strong aria-current="true">${count}</strong>`
          : html`<a href="/desk/curation${listQuery({ ...at, older: '', reason: k })}">${count}</a>`;
      return html`<li data-reason="${k}">${shown}${action ? html` ${action(k)}` : ''}</li>`;
    },
  )}</ul></section>`;
}

/** "Retry all N" for one reason: a POST form of its own, named with the reason it acts on. */
function retryAllButton(c: Context, ui: DeskUi, reason: string, n: number): Html {
  const label = ui.d('curation.retryAll', { n: formatCount(n, ui.locale) });
  return html`<form method="post" action="/desk/curation/retry-failed" class="inline">${csrfField(c)}<input type="hidden" name="reason" value="${reason}"><button type="submit" aria-label="${ui.d(
    'curation.actionLabel',
    { action: label, title: reasonText(ui, reason) },
  )}">${label}</button></form>`;
}

/** Which of these teasers offered a read (failed, or never read) have it queued or running: one read for the whole page. */
async function pendingRetries(
  deps: DeskDeps,
  items: readonly {
    id: number;
    extractError?: string | null | undefined;
    neverRead?: boolean | undefined;
    url: string | null;
    sourceId: number;
  }[],
  reading: ReadingSources = new Set(),
): Promise<Set<number>> {
  const failed = items.filter((e) => offersRead(e, reading)).map((e) => e.id);
  return deps.retryExtract && deps.retryPending && failed.length ? deps.retryPending(failed) : new Set();
}

async function listPage(c: Context, deps: DeskDeps): Promise<Response> {
  const store = deps.store;
  const ui = deskUi(c);
  const after = decodeCursor(c.req.query('older'));
  const at = listAt((name) => c.req.query(name));
  const { failed, noarticle, reason } = at;
  // A reason key this list does not know (a link from another version, an edited address): the
  // whole list, saying so, rather than an error page or an empty list.
  const given = c.req.query('reason');
  const unknown = (failed || noarticle) && given && !reason ? given : undefined;
  // Every teaser, hidden ones included: the desk is where they stay visible. Each carries its
  // failed read's reason, if any, from the same query; the count comes from the failures' index.
  // Pages without an article are counted from their own index in the same way.
  const [page, hiddenList, failures, notArticles] = await Promise.all([
    store.search.teasers(
      {
        limit: PAGE,
        after,
        ...(failed ? { extractFailed: true } : {}),
        ...(noarticle ? { notArticle: true } : {}),
        ...(reason ? { extractReason: reason } : {}),
      },
      EXCERPT_CHARS,
    ),
    store.curation.hidden(50),
    store.entries.extractFailures(),
    store.entries.notArticles(),
  ]);
  const hiddenIds = hiddenList.filter((o) => o.target.kind === 'entry').map((o) => o.target.id);
  const hiddenEntries = hiddenIds.length ? await store.entries.getMany(hiddenIds) : [];
  const names: SourceNames = await deps.catalog.latest();
  const reading = deps.retryExtract ? readingSources(names, page.items) : new Set<number>();
  const [overrides, pending] = await Promise.all([
    overridesOf(store, [...page.items, ...hiddenEntries]),
    pendingRetries(deps, page.items, reading),
  ]);
  const main = html`<h1>${ui.d('curation.title')}</h1>${await doneNotice(c, ui, store)}
<p class="intro">${ui.d('curation.intro')}</p>
<p><a href="/desk/curation/stories">${ui.d('curation.storiesLink')}</a></p>
${noarticle ? '' : failedFilter(c, ui, failures, at, unknown, deps.retryExtract !== undefined)}${failed ? '' : notArticleFilter(ui, notArticles, at, unknown)}
<section aria-labelledby="recent-h"><h2 id="recent-h">${ui.d('curation.recent')}</h2>
${
  page.items.length
    ? html`<ol class="curation">${page.items.map((e) => row(c, ui, e, overrides.entries.get(e.id), at, deps.retryExtract !== undefined, pending, reading, hiddenOriginal(overrides, e), names))}</ol>`
    : html`<p class="note">${ui.d(failed ? 'curation.failedNone' : noarticle ? 'curation.notArticleNone' : 'curation.none')}</p>`
}
<nav class="pager" aria-label="${ui.t('pager.label')}"><span>${
    after ? html`<a href="/desk/curation${listQuery({ ...at, older: '' })}">${ui.d('curation.newest')}</a>` : ''
  }</span><span>${
    page.older
      ? html`<a href="/desk/curation${listQuery({ ...at, older: encodeCursor(page.older) })}" rel="next">${ui.d('curation.older')}</a>`
      : ''
  }</span></nav></section>
<section aria-labelledby="hidden-h"><h2 id="hidden-h">${ui.d('curation.hiddenList')}</h2>
${
  hiddenEntries.length
    ? html`<ul class="curation">${hiddenEntries.map((e) => html`<li><a href="#e${e.id}">${overrides.entries.get(e.id)?.headline ?? e.title}</a> ${opButton(c, ui, e.id, 'unhide', e.title)}</li>`)}</ul>`
    : html`<p class="note">${ui.d('curation.noneHidden')}</p>`
}</section>`;
  return deskPage(c, { title: ui.d('curation.title'), section: 'curation', main });
}

/** Whether an entry never read in full may be read: a web link, and a source that reads full text. */
async function readsFullText(store: DeskDeps['store'], e: { url: string | null; sourceId: number }): Promise<boolean> {
  if (!isWebLink(e.url)) return false;
  const s = await store.sources.get(e.sourceId);
  return s !== undefined && s !== null && s.extractMode !== 'off';
}

/**
 * An edit save with a field not written (changed meanwhile, p-meanwhile): the editor's values of
 * those fields, whether anything else was written, and the list the post came from.
 */
interface EditMeanwhile {
  values: Partial<Record<'headline' | 'excerpt', string>>;
  someWritten: boolean;
  at: ListAt;
}

async function editPage(c: Context, deps: DeskDeps, status: 200 | 404 = 200, meanwhile?: EditMeanwhile): Promise<Response> {
  const store = deps.store;
  const ui = deskUi(c);
  const id = positiveInt(c.req.param('id'));
  const e = id === undefined ? undefined : await store.entries.get(id);
  if (!e || status === 404) {
    return deskPage(c, {
      title: ui.d('curation.editTitle'),
      section: 'curation',
      status: 404,
      main: html`<p role="alert">${ui.d('notFound')}</p>`,
    });
  }
  const o = (await store.curation.overrides([e.id])).entries.get(e.id);
  // The fields not written keep the editor's value; every other field shows what is stored. The
  // headline as the form writes it (r-meanwhile): a text input posts its value without line
  // breaks, so a headline stored with one (before 7a0cafe2) would come back joined and read as
  // changed; cleaned, it comes back as shown and an excerpt edit leaves it alone.
  const mine = meanwhile?.values ?? {};
  const lang = e.lang ? html` lang="${e.lang}"` : '';
  const at = meanwhile?.at ?? listAt((name) => c.req.query(name));
  // A failure stored before reasons were kept reads as "other".
  const failedKey = e.extractStatus === 'failed' ? (e.extractError ?? 'other') : undefined;
  const shown = o?.headline ?? e.title;
  const originalExcerpt = teaserExcerpt(e, EXCERPT_CHARS);
  // Never read in full, and its source reads full text: the same read is offered.
  const neverRead = e.extractStatus === 'none' && deps.retryExtract !== undefined && (await readsFullText(store, e));
  const pending =
    failedKey || neverRead
      ? await pendingRetries(
          deps,
          [{ id: e.id, extractError: failedKey, neverRead, url: e.url, sourceId: e.sourceId }],
          new Set([e.sourceId]),
        )
      : new Set<number>();
  const main = html`<p><a href="${listPath(at)}${listQuery(at)}#e${e.id}">${ui.d('curation.back')}</a></p>
<h1>${ui.d('curation.editTitle')}</h1>${meanwhile ? meanwhileNotice(ui, meanwhile.someWritten) : ''}
<dl class="originals">
<dt>${ui.d('curation.original')}</dt><dd${lang} dir="${e.dir}">${e.title}</dd>
<dt>${ui.d('curation.originalExcerpt')}</dt>${
    // No excerpt of the source's own (a news sitemap's entry): said so, in the desk's language, so
    // that the note below is not read as the excerpt.
    originalExcerpt ? html`<dd${lang} dir="${e.dir}">${originalExcerpt}</dd>` : html`<dd class="none">${ui.d('curation.noExcerpt')}</dd>`
  }
</dl>${
    failedKey
      ? html`<p class="extract-failed" data-reason="${parseExtractFailure(failedKey) ?? 'other'}">${ui.d('curation.extractFailed', {
          reason: reasonText(ui, failedKey),
        })}</p>${
          deps.retryExtract
            ? html`<div class="actions">${retryControl(c, ui, e.id, shown || ui.t('shell.untitled'), pending.has(e.id), at)}</div>`
            : ''
        }`
      : e.extractStatus === 'not-article'
        ? notArticleMark(ui, e.notArticle ?? 'no-article', e)
        : neverRead
          ? html`<p class="never-read">${ui.d('curation.neverRead')}</p><div class="actions">${retryControl(c, ui, e.id, shown || ui.t('shell.untitled'), pending.has(e.id), at, true)}</div>`
          : ''
  }
<form method="post" action="/desk/curation/entries/${e.id}" class="edit">${csrfField(c)}<input type="hidden" name="op" value="edit">${listFields(at)}
${
  // The values shown, so that a field left alone writes nothing at the save (shown-values.ts):
  // another editor's headline set while this page was open is not put back by an excerpt edit.
  shownInputs({ headline: o?.headline ?? '', excerpt: o?.excerpt ?? '' })
}
<p><label for="headline">${ui.d('curation.headline')}</label><br><input id="headline" name="headline" dir="auto" size="70" maxlength="500" value="${mine.headline ?? editedText(o?.headline ?? '', 500)}" aria-describedby="edit-help">${
    mine.headline !== undefined ? meanwhileNote(ui, 'headline', o?.headline ?? '') : ''
  }</p>
<p><label for="excerpt">${ui.d('curation.excerpt')}</label><br><textarea id="excerpt" name="excerpt" dir="auto" rows="4" cols="70" maxlength="2000" aria-describedby="edit-help">${mine.excerpt ?? o?.excerpt ?? ''}</textarea>${
    mine.excerpt !== undefined ? meanwhileNote(ui, 'excerpt', o?.excerpt ?? '') : ''
  }</p>
<p class="note" id="edit-help">${ui.d('curation.editHelp')}</p>
<p><button type="submit">${ui.d('curation.save')}</button></p>
</form>`;
  return deskPage(c, {
    title: ui.d('curation.editTitle'),
    section: 'curation',
    main,
    ...(meanwhile ? { status: meanwhileStatus(meanwhile.someWritten) } : {}),
  });
}

async function change(c: Context, deps: DeskDeps & Required<Pick<DeskDeps, 'recordAudit'>>): Promise<Response> {
  const store = deps.store;
  const body = await checkedForm(c, 'curation');
  if (body instanceof Response) return body;
  const id = positiveInt(c.req.param('id'));
  const e = id === undefined ? undefined : await store.entries.get(id);
  if (!e) return editPage(c, deps, 404);
  const op = field(body, 'op');
  const at = listAt((name) => field(body, name));
  if (op === 'retry') {
    const ui = deskUi(c);
    if (!deps.retryExtract) return c.text(ui.d('curation.retryUnavailable'), 400);
    // Only a failed read is read again, as only its row offers the button: a forged press, or one
    // from a page loaded before the read succeeded, would otherwise fetch a page read in full (and
    // a failure then would drop its stored text) or one that holds no article. Nothing is queued.
    // An entry never read in full (status "none") is read when its source reads full text, as its
    // row offers it and the job reads it.
    if (e.extractStatus !== 'failed' && !(e.extractStatus === 'none' && (await readsFullText(store, e)))) {
      // Pressed on the never-read list, the row has gone stale (read meanwhile, or its source no
      // longer reads full text): back to that list, saying nothing was queued, as an already
      // queued read does; not a bare refusal with no way back.
      if (at.neverRead) return c.redirect(`${listPath(at)}${listQuery(at, `done=read-gone&entry=${e.id}`)}`, 303);
      // From curation's list (or forged: the two look alike here), still refused, but as a desk
      // page in the editor's language with the way back to the list it names, not a bare text.
      const main = html`<h1>${ui.d('curation.title')}</h1><p role="alert">${ui.d('curation.retryNotFailed')}</p>
<p><a href="${listPath(at)}${listQuery(at)}#e${e.id}">${ui.d('curation.back')}</a></p>`;
      return deskPage(c, { title: ui.d('curation.title'), section: 'curation', main, status: 409 });
    }
    // A retry still queued or running is not queued twice (nor written to the log again): the
    // same way back, saying it was already queued.
    const { queued } = await deps.retryExtract([e.id]);
    if (queued) {
      const before = { extractStatus: e.extractStatus, extractError: e.extractStatus === 'failed' ? (e.extractError ?? 'other') : null };
      await deps.recordAudit(auditRecord(c, 'entry.extract-retry', `entry:${e.id}`, before, { queued: true }));
    }
    const done = queued ? (e.extractStatus === 'none' ? 'read' : 'retry') : 'retry-pending';
    return c.redirect(`${listPath(at)}${listQuery(at, `done=${done}&entry=${e.id}`)}#e${e.id}`, 303);
  }
  let patch: OverridePatch;
  let action: string;
  let shown: ShownOverride | undefined;
  if (op === 'edit') {
    // Only the fields the editor changed from what the page showed; a post without shown values
    // (hand-made, or a page from before) writes both, as before. Each with the value shown, so the
    // store writes it only when the stored one is still that (domain/shown-check.ts).
    patch = {
      ...(changedFromShownAs(body, 'headline', (v) => editedText(v, 500)) ? { headline: editedText(field(body, 'headline'), 500) } : {}),
      ...(changedFromShownAs(body, 'excerpt', (v) => editedText(v, 2000)) ? { excerpt: editedText(field(body, 'excerpt'), 2000) } : {}),
    };
    const shownHeadline = shownValue(body, 'headline');
    const shownExcerpt = shownValue(body, 'excerpt');
    shown = {
      ...(shownHeadline !== undefined ? { headline: editedText(shownHeadline, 500) } : {}),
      ...(shownExcerpt !== undefined ? { excerpt: editedText(shownExcerpt, 2000) } : {}),
    };
    action = 'teaser.edit';
    // A save that changed nothing writes nothing (no override row touched, no audit row) and says so.
    if (Object.keys(patch).length === 0) return c.redirect(`${listPath(at)}${listQuery(at, `done=nothing&entry=${e.id}`)}#e${e.id}`, 303);
  } else if (isOp(op)) {
    patch = OPS[op].patch;
    action = `teaser.${op}`;
  } else {
    return c.text(deskUi(c).d('unknownAction'), 400);
  }
  // The store applies the patch to the row it reads in the same transaction, so the audit's
  // "after" is what is stored (a field left out keeps the other writer's value); a field whose
  // stored value moved since the page was shown is not written and comes back as refused.
  const r = await store.curation.update({ kind: 'entry', id: e.id }, patch, actorOf(c), action, undefined, shown);
  if (r.refused.length) {
    const values = Object.fromEntries(r.refused.map((k) => [k, patch[k] ?? ''])) as EditMeanwhile['values'];
    return editPage(c, deps, 200, { values, someWritten: r.refused.length < Object.keys(patch).length, at });
  }
  // Back to the page the teaser was listed on, saying what was done.
  return c.redirect(`${listPath(at)}${listQuery(at, `done=${op}&entry=${e.id}`)}#e${e.id}`, 303);
}

/**
 * "Retry all N" for one reason: queues that reason's failures, highest id first, at most
 * RETRY_ALL_MAX, skipping those whose retry is still queued or running. The press names where the
 * previous one stopped (`after`, an entry id), so press after press reaches every failure of the
 * reason however many there are (a keyset by id); its notice offers the next press and says how
 * many remain. One audit row with the counts, none for a press that queued nothing. The queries
 * are the same for 5 failures as for 5,000 (no read or insert per entry).
 */
async function retryAll(c: Context, deps: DeskDeps & Required<Pick<DeskDeps, 'recordAudit'>>): Promise<Response> {
  const body = await checkedForm(c, 'curation');
  if (body instanceof Response) return body;
  const ui = deskUi(c);
  if (!deps.retryExtract) return c.text(ui.d('curation.retryUnavailable'), 400);
  const given = field(body, 'reason');
  const reason = given !== undefined && (EXTRACT_FAILURE_KINDS as readonly string[]).includes(given) ? given : undefined;
  if (!reason) return c.text(ui.d('unknownAction'), 400);
  if (badIdField(body, ['after'])) return c.text(ui.d('badId', { field: 'after' }), 400);
  const from = positiveInt(field(body, 'after'));
  const ids = await deps.store.entries.extractFailedIds(reason, RETRY_ALL_WINDOW, from);
  const pending = deps.retryPending ? await deps.retryPending(ids) : new Set<number>();
  const take = ids.filter((id) => !pending.has(id)).slice(0, RETRY_ALL_MAX);
  // Where the next press goes on: after the last one queued when the cap was reached, after the
  // window when every failure in it was already queued, nowhere when the reason's end was read.
  const next = take.length === RETRY_ALL_MAX ? take[take.length - 1] : ids.length === RETRY_ALL_WINDOW ? ids[ids.length - 1] : undefined;
  const examined = next === undefined ? ids : ids.filter((id) => id >= next);
  const { queued, pending: raced } = take.length ? await deps.retryExtract(take) : { queued: 0, pending: 0 };
  const skipped = examined.filter((id) => pending.has(id)).length + raced;
  // What remains past the cursor and is not queued yet (a retry queued by an earlier press, or for
  // one teaser, is not left to do).
  const left =
    next === undefined
      ? 0
      : deps.retryLeft
        ? await deps.retryLeft(reason, next)
        : await deps.store.entries.extractFailedCount(reason, next);
  // A press that queued nothing changed nothing: no audit row; the notice says why.
  if (queued)
    await deps.recordAudit(
      auditRecord(
        c,
        'entry.extract-retry-all',
        `extract-failure:${reason}`,
        { failed: examined.length, ...(from === undefined ? {} : { after: from }) },
        { queued, skipped, max: RETRY_ALL_MAX, left },
      ),
    );
  const why = queued ? '' : examined.length ? '&why=pending' : from === undefined ? '&why=none' : '&why=end';
  const more = next === undefined ? '' : `&after=${next}`;
  return c.redirect(
    `/desk/curation?failed=1&done=retry-all&reason=${reason}&n=${queued}&skipped=${skipped}&left=${left}${more}${why}`,
    303,
  );
}

export function curationRoutes(desk: Hono, deps: DeskDeps & Required<Pick<DeskDeps, 'recordAudit'>>): void {
  desk.get('/curation', (c) => listPage(c, deps));
  desk.post('/curation/retry-failed', (c) => retryAll(c, deps));
  desk.get('/curation/entries/:id', (c) => editPage(c, deps));
  desk.post('/curation/entries/:id', (c) => change(c, deps));
}
