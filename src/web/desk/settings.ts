// The desk's settings page: settings of the whole desk (store.desk.deskSettings), for every
// editor. One so far: story grouping with country names compared across scripts (the clusterer's
// `places`), which headline-only desks want and full-text desks do without (docs/desk.md,
// "Country names across scripts"). The pipeline's story step reads it on every check and the
// re-clustering at its start; a save is written to the audit log with the value before and after.
// Below the settings, "Re-group stored stories now" queues the re-clustering job (src/jobs/recluster.ts)
// so history follows a changed setting without an operator, and the page shows the progress of the
// running or last run from the store (one read of its progress row).
import type { Context, Hono } from 'hono';
import { actorOf, auditRecord } from '../../auth/viewer.js';
import type { AuditRecord } from '../../domain/audit.js';
import { isolateText } from '../../text/bidi.js';
import { queueRecluster } from '../../jobs/recluster.js';
import { reclusterLive } from '../../pipeline/steps/cluster-stories.js';
import type { DeskSettings } from '../../store/desk.js';
import type { ReclusterProgress } from '../../store/stories.js';
import type { Store } from '../../store/store.js';
import { html, type Html } from '../html.js';
import { formatCount, formatDate } from '../locale.js';
import { checkedForm, csrfField, field } from './curation-forms.js';
import { changedFromShown, meanwhileNote, meanwhileNotice, shownInputs, shownValue } from './shown-values.js';
import { deskPage, deskUi, type DeskUi } from './shell.js';

/** How the last re-clustering run stands: running (recording progress), stopped (its process died), done, or none yet. */
type RunState = 'running' | 'stopped' | 'done' | 'idle';

function runState(p: ReclusterProgress, now: number): RunState {
  if (p.status === 'running') return reclusterLive(p, now) ? 'running' : 'stopped';
  return p.status === 'done' ? 'done' : 'idle';
}

/** The running or last re-clustering: its state, when it started (and finished or last recorded), articles done of all. */
function runLine(ui: DeskUi, p: ReclusterProgress, state: RunState): Html {
  const date = (ms: number | null): string => (ms === null ? '' : formatDate(ms, ui.locale));
  const params = {
    started: date(p.startedAt),
    finished: date(p.finishedAt),
    updated: date(p.updatedAt),
    done: formatCount(p.done, ui.locale),
    total: formatCount(p.total, ui.locale),
  };
  return html`<p class="note" data-recluster="${state}" data-done="${String(p.done)}" data-total="${String(p.total)}">${ui.d(
    `settings.regroup.${state}`,
    params,
  )}</p>`;
}

/** What the press did, said on the page it leads back to (`?regroup=queued|pending`). */
function regroupNotice(ui: DeskUi, said: string | undefined): Html | '' {
  if (said !== 'queued' && said !== 'pending') return '';
  return html`<p role="status" class="done">${ui.d(`settings.regroup.notice.${said}`)}</p>`;
}

/** What the audit log keeps of the settings (who and when are the log's own columns). */
function settingsView(s: DeskSettings): { clusterPlaces: boolean } {
  return { clusterPlaces: s.clusterPlaces };
}

/** A save whose box was not written (changed meanwhile): the editor's value, shown again beside the stored one. */
interface Meanwhile {
  clusterPlaces: boolean;
}

async function settingsPage(
  c: Context,
  store: Store,
  saved: boolean | 'nothing',
  refusal?: Html,
  meanwhile?: Meanwhile,
): Promise<Response> {
  const ui = deskUi(c);
  const [s, progress] = await Promise.all([store.desk.deskSettings(), store.stories.reclusterProgress()]);
  const state = runState(progress, await store.clock.now());
  const last =
    s.updatedBy !== null && s.updatedAt !== null
      ? html`<p class="note">${ui.d('settings.lastSaved', { name: isolateText(s.updatedBy), date: formatDate(s.updatedAt, ui.locale) })}</p>`
      : '';
  const main = html`<h1>${ui.d('settings.title')}</h1>
<p>${ui.d('settings.intro')}</p>
${saved ? html`<p role="status" class="done">${ui.d(saved === 'nothing' ? 'nothingToSave' : 'settings.saved')}</p>` : ''}${meanwhile ? meanwhileNotice(ui, false) : ''}
<form method="post" action="/desk/settings">${csrfField(c)}${shownInputs({ clusterPlaces: s.clusterPlaces ? '1' : '' })}
<fieldset><legend>${ui.d('settings.stories')}</legend>
<p><input type="checkbox" id="cluster-places" name="clusterPlaces" value="1" aria-describedby="cluster-places-help"${(meanwhile?.clusterPlaces ?? s.clusterPlaces) ? html` checked` : ''}> <label for="cluster-places">${ui.d('settings.places')}</label>${
    meanwhile ? meanwhileNote(ui, 'clusterPlaces', s.clusterPlaces ? '1' : '', true) : ''
  }</p>
<p id="cluster-places-help" class="note">${ui.d('settings.placesHelp')} ${ui.d('settings.placesWhen')}</p>
</fieldset>
<p><button type="submit">${ui.d('settings.save')}</button></p>
</form>
${last}
<section aria-labelledby="regroup-h"><h2 id="regroup-h">${ui.d('settings.regroup.heading')}</h2>
${refusal ?? regroupNotice(ui, c.req.query('regroup'))}
<p class="note">${ui.d('settings.regroup.help')}</p>
${runLine(ui, progress, state)}
<form method="post" action="/desk/settings/regroup">${csrfField(c)}<p><button type="submit"${state === 'running' ? html` disabled` : ''}>${ui.d(
    'settings.regroup.press',
  )}</button></p></form>
</section>`;
  return deskPage(c, {
    title: ui.d('settings.title'),
    section: 'settings',
    main,
    ...(refusal || meanwhile ? { status: 409 as const } : {}),
  });
}

export function settingsRoutes(desk: Hono, store: Store, record: (r: AuditRecord) => Promise<void>): void {
  desk.get('/settings', (c) => {
    const saved = c.req.query('saved');
    return settingsPage(c, store, saved === 'nothing' ? 'nothing' : saved === '1');
  });

  desk.post('/settings', async (c) => {
    const body = await checkedForm(c, 'settings');
    if (body instanceof Response) return body;
    // A checkbox sends its value only when checked: absent is off.
    const clusterPlaces = field(body, 'clusterPlaces') === '1';
    // A box left as the page showed it writes nothing (shown-values.ts): another editor's
    // change made after this page was loaded stands. No shown value (a hand-made post): written.
    // Said so, not "saved" (p-meanwhile).
    if (!changedFromShown(body, 'clusterPlaces')) return c.redirect('/desk/settings?saved=nothing', 303);
    // Written only when the stored box is still the one shown, checked in the store's write
    // (domain/shown-check.ts): another editor's change made meanwhile is shown, not overwritten.
    const shown = shownValue(body, 'clusterPlaces');
    const before = await store.desk.deskSettings();
    const after = await store.desk.setDeskSettings(
      { clusterPlaces },
      actorOf(c).name,
      undefined,
      shown === undefined ? undefined : { clusterPlaces: shown === '1' },
    );
    if (after.refused?.length) return settingsPage(c, store, false, undefined, { clusterPlaces });
    await record(auditRecord(c, 'desk.settings', 'desk:settings', settingsView(before), settingsView(after)));
    return c.redirect('/desk/settings?saved=1', 303);
  });

  // "Re-group stored stories now": queues the re-clustering job, refused while a run is recording
  // progress (a second would start history over under it) and a no-op while one is queued; only a
  // press that queued a job is audited. Post/Redirect/Get back to the settings and their progress.
  desk.post('/settings/regroup', async (c) => {
    const body = await checkedForm(c, 'settings');
    if (body instanceof Response) return body;
    const ui = deskUi(c);
    const r = await queueRecluster(store, { by: 'desk' });
    if (r.outcome === 'running') {
      const { done, total } = r.progress;
      const alert = html`<p role="alert" data-refused="running">${ui.d('settings.regroup.refused', {
        done: formatCount(done, ui.locale),
        total: formatCount(total, ui.locale),
      })}</p>`;
      return settingsPage(c, store, false, alert);
    }
    if (r.outcome === 'queued') {
      const { clusterPlaces } = await store.desk.deskSettings();
      await record(auditRecord(c, 'stories.recluster', 'stories:all', null, { job: r.job.id, clusterPlaces }));
    }
    return c.redirect(`/desk/settings?regroup=${r.outcome}`, 303);
  });
}
