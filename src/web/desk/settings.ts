// The desk's settings page: settings of the whole desk (store.desk.deskSettings), for every
// editor. One so far: story grouping with country names compared across scripts (the clusterer's
// `places`), which headline-only desks want and full-text desks do without (docs/desk.md,
// "Country names across scripts"). The pipeline's story step reads it on every check and the
// re-clustering at its start; a save is written to the audit log with the value before and after.
import type { Context, Hono } from 'hono';
import { actorOf, auditRecord } from '../../auth/viewer.js';
import type { AuditRecord } from '../../domain/audit.js';
import type { DeskSettings } from '../../store/desk.js';
import type { Store } from '../../store/store.js';
import { html } from '../html.js';
import { formatDate } from '../locale.js';
import { checkedForm, csrfField, field } from './curation-forms.js';
import { deskPage, deskUi } from './shell.js';

/** What the audit log keeps of the settings (who and when are the log's own columns). */
function settingsView(s: DeskSettings): { clusterPlaces: boolean } {
  return { clusterPlaces: s.clusterPlaces };
}

async function settingsPage(c: Context, store: Store, saved: boolean): Promise<Response> {
  const ui = deskUi(c);
  const s = await store.desk.deskSettings();
  const last =
    s.updatedBy !== null && s.updatedAt !== null
      ? html`<p class="note">${ui.d('settings.lastSaved', { name: s.updatedBy, date: formatDate(s.updatedAt, ui.locale) })}</p>`
      : '';
  const main = html`<h1>${ui.d('settings.title')}</h1>
<p>${ui.d('settings.intro')}</p>
${saved ? html`<p role="status" class="done">${ui.d('settings.saved')}</p>` : ''}
<form method="post" action="/desk/settings">${csrfField(c)}
<fieldset><legend>${ui.d('settings.stories')}</legend>
<p><input type="checkbox" id="cluster-places" name="clusterPlaces" value="1" aria-describedby="cluster-places-help"${s.clusterPlaces ? html` checked` : ''}> <label for="cluster-places">${ui.d('settings.places')}</label></p>
<p id="cluster-places-help" class="note">${ui.d('settings.placesHelp')} ${ui.d('settings.placesWhen')}</p>
</fieldset>
<p><button type="submit">${ui.d('settings.save')}</button></p>
</form>
${last}`;
  return deskPage(c, { title: ui.d('settings.title'), section: 'settings', main });
}

export function settingsRoutes(desk: Hono, store: Store, record: (r: AuditRecord) => Promise<void>): void {
  desk.get('/settings', (c) => settingsPage(c, store, c.req.query('saved') === '1'));

  desk.post('/settings', async (c) => {
    const body = await checkedForm(c, 'settings');
    if (body instanceof Response) return body;
    // A checkbox sends its value only when checked: absent is off.
    const clusterPlaces = field(body, 'clusterPlaces') === '1';
    const before = await store.desk.deskSettings();
    const after = await store.desk.setDeskSettings({ clusterPlaces }, actorOf(c).name);
    await record(auditRecord(c, 'desk.settings', 'desk:settings', settingsView(before), settingsView(after)));
    return c.redirect('/desk/settings?saved=1', 303);
  });
}
