// Merging, splitting and renaming stories at the desk. What an editor does here is kept: merged
// and split entries are locked against the clusterer (StoryRepo.merge / split), a story's own
// headline is an override beside the clusterer's (kept across re-clustering), and every change is
// written to the audit log.
import type { Context, Hono } from 'hono';
import { actorOf, auditRecord } from '../../auth/viewer.js';
import type { AuditRecord } from '../../domain/audit.js';
import { reclusterLive } from '../../pipeline/steps/cluster-stories.js';
import type { Story } from '../../store/stories.js';
import type { Store } from '../../store/store.js';
import { html, type Html } from '../html.js';
import { formatCount, formatDate, isoDate } from '../locale.js';
import type { OverrideSet } from '../../store/curation.js';
import { isOp, OPS, opButton } from './curation.js';
import { badIdField, checkedForm, csrfField, editedText, field, fields, positiveInt } from './curation-forms.js';
import { deskPage, deskUi, type DeskUi } from './shell.js';
import { changedFromShownAs, meanwhileNote, meanwhileNotice, meanwhileStatus, shownInputs, shownValue } from './shown-values.js';

const LIST = 50;
const ARTICLES = 200;

/** "1 article", "{n} articles", the count in the interface's digits (as the desk's other counts). */
const storySize = (ui: DeskUi, n: number): string =>
  n === 1 ? ui.d('stories.sizeOne') : ui.d('stories.size', { n: formatCount(n, ui.locale) });

/** What the audit log keeps of a story. */
function storyView(s: Story | undefined): unknown {
  return s ? { id: s.id, headline: s.headline, size: s.size, articles: s.articles } : null;
}

function option(s: Story, ui: DeskUi): Html {
  return html`<option value="${s.id}">#${s.id} · ${s.headline || ui.t('shell.untitled')} (${storySize(ui, s.articles)})</option>`;
}

function storyButtons(c: Context, ui: DeskUi, s: Story, o: OverrideSet): Html {
  const cur = o.stories.get(s.id);
  const title = s.headline || ui.t('shell.untitled');
  const base = '/desk/curation/stories/override';
  return html`${opButton(c, ui, s.id, cur?.hidden ? 'unhide' : 'hide', title, base)}${opButton(c, ui, s.id, cur?.featured ? 'unfeature' : 'feature', title, base)}`;
}

/**
 * Why a story the editor chose is gone. A re-grouping (src/jobs/recluster.ts) forgets every story
 * an editor has not shaped at its start and builds them again: while it runs, a story picked from a
 * list read before it is gone, and "removed" would mislead. Said so, with where it has got to and
 * what to do; a merge of stories that exist goes through while it runs, and the run keeps it.
 */
async function goneProblem(ui: DeskUi, store: Store): Promise<string> {
  const progress = await store.stories.reclusterProgress();
  if (!reclusterLive(progress, await store.clock.now())) return ui.d('notFound');
  // The counts in the interface's digits, as the settings page writes the same run's progress.
  return ui.d('stories.regrouping', { done: formatCount(progress.done, ui.locale), total: formatCount(progress.total, ui.locale) });
}

/** What a merge or split just did (`?done=merged|split&story=ID`), said on the list it leads back to. */
async function doneNotice(c: Context, ui: DeskUi, store: Store): Promise<Html | ''> {
  const done = c.req.query('done');
  const id = positiveInt(c.req.query('story'));
  if (id === undefined || (done !== 'merged' && done !== 'split')) return '';
  const story = await store.stories.get(id);
  if (!story) return '';
  const title = story.headline || ui.t('shell.untitled');
  return html`<p role="status" class="done">${ui.d(done === 'merged' ? 'stories.merged' : 'stories.splitDone', { title })}</p>`;
}

async function listPage(c: Context, store: Store, problem?: string): Promise<Response> {
  const ui = deskUi(c);
  const { items } = await store.stories.list({ limit: LIST });
  const overrides: OverrideSet = await store.curation.overrides(
    [],
    items.map((s) => s.id),
  );
  const main = html`<p><a href="/desk/curation">${ui.d('curation.back')}</a></p>
<h1>${ui.d('stories.title')}</h1>
<p class="intro">${ui.d('stories.intro')}</p>
${problem ? html`<p role="alert"><strong>${problem}</strong></p>` : ''}${problem ? '' : await doneNotice(c, ui, store)}
${
  items.length >= 2
    ? html`<section aria-labelledby="merge-h"><h2 id="merge-h">${ui.d('stories.mergeHeading')}</h2>
<form method="post" action="/desk/curation/stories/merge" class="filters">${csrfField(c)}
<label for="merge-into">${ui.d('stories.into')}</label> <select id="merge-into" name="into">${items.map((s) => option(s, ui))}</select>
<label for="merge-from">${ui.d('stories.from')}</label> <select id="merge-from" name="from">${items.map((s) => option(s, ui))}</select>
<button type="submit">${ui.d('stories.merge')}</button>
</form></section>`
    : ''
}
<section aria-labelledby="stories-h"><h2 id="stories-h">${ui.d('stories.list')}</h2>
${
  items.length
    ? html`<ol class="curation">${items.map(
        (s) => html`<li id="s${s.id}"><h3><a href="/stories/${s.id}">${s.headline || ui.t('shell.untitled')}</a></h3>
<p class="meta">#${s.id} · ${storySize(ui, s.articles)}${s.lastPublished ? html` · <time datetime="${isoDate(s.lastPublished)}">${formatDate(s.lastPublished, ui.locale)}</time>` : ''}${
          overrides.stories.get(s.id)?.hidden ? html` · <span class="mark-hidden">${ui.d('curation.hidden')}</span>` : ''
        }${overrides.stories.get(s.id)?.featured ? html` · <span class="mark-featured">${ui.d('curation.featured')}</span>` : ''}</p>
<div class="actions" role="group" aria-label="${ui.d('curation.actions', { title: s.headline || ui.t('shell.untitled') })}">${storyButtons(c, ui, s, overrides)}${
          s.size > 1 ? html` <a href="/desk/curation/stories/${s.id}">${ui.d('stories.split')}</a>` : ''
        } <a href="/desk/curation/stories/${s.id}#headline">${ui.d('stories.headline')}</a></div></li>`,
      )}</ol>`
    : html`<p class="note">${ui.d('stories.none')}</p>`
}</section>`;
  return deskPage(c, { title: ui.d('stories.title'), section: 'curation', main, status: problem ? 422 : 200 });
}

/** "Merge these two stories?": what will happen and how it is undone, with the merge button and a way back. */
function mergeConfirmPage(c: Context, into: Story, from: Story): Response {
  const ui = deskUi(c);
  const name = (s: Story): string => s.headline || ui.t('shell.untitled');
  const main = html`<p><a href="/desk/curation/stories">${ui.d('stories.back')}</a></p>
<h1>${ui.d('stories.confirmTitle')}</h1>
<p>${ui.d('stories.confirmBody', { from: name(from), into: name(into), n: storySize(ui, from.articles) })}</p>
<form method="post" action="/desk/curation/stories/merge">${csrfField(c)}<input type="hidden" name="into" value="${into.id}"><input type="hidden" name="from" value="${from.id}"><input type="hidden" name="intoKey" value="${into.key}"><input type="hidden" name="fromKey" value="${from.key}"><input type="hidden" name="confirm" value="1">
<p><button type="submit">${ui.d('stories.confirm')}</button> <a href="/desk/curation/stories#s${from.id}">${ui.d('stories.cancel')}</a></p>
</form>`;
  return deskPage(c, { title: ui.d('stories.confirmTitle'), section: 'curation', main });
}

async function splitPage(
  c: Context,
  store: Store,
  problem?: string,
  saved: boolean | 'nothing' = false,
  // A headline save not written (changed meanwhile): the editor's headline, shown beside the stored one.
  meanwhile?: { headline: string },
): Promise<Response> {
  const ui = deskUi(c);
  const id = positiveInt(c.req.param('id'));
  const story = id === undefined ? undefined : await store.stories.get(id);
  if (!story || story.mergedInto !== null) {
    return deskPage(c, {
      title: ui.d('stories.splitTitle'),
      section: 'curation',
      status: 404,
      main: html`<p role="alert">${ui.d('notFound')}</p>`,
    });
  }
  const [articles, overrides] = await Promise.all([
    store.stories.articles(story.id, 0, ARTICLES),
    store.curation.overrides([], [story.id]),
  ]);
  const own = overrides.stories.get(story.id)?.headline ?? '';
  const main = html`<p><a href="/desk/curation/stories">${ui.d('stories.back')}</a></p>
<h1>${ui.d('stories.splitTitle')}: <bdi>${own || story.headline || ui.t('shell.untitled')}</bdi></h1>
${problem ? html`<p role="alert"><strong>${problem}</strong></p>` : ''}${saved ? html`<p role="status">${ui.d(saved === 'nothing' ? 'nothingToSave' : 'stories.saved')}</p>` : ''}${meanwhile ? meanwhileNotice(ui, false) : ''}
<section aria-labelledby="headline"><h2 id="headline">${ui.d('stories.headlineHeading')}</h2>
<p class="original">${ui.d('stories.clusterHeadline')} <bdi>${story.headline || ui.t('shell.untitled')}</bdi></p>
<form method="post" action="/desk/curation/stories/${story.id}/headline" class="edit">${csrfField(c)}${shownInputs({ headline: own })}
<p><label for="story-headline">${ui.d('stories.headlineLabel')}</label><br><input id="story-headline" name="headline" dir="auto" size="70" maxlength="500" value="${meanwhile?.headline ?? own}" aria-describedby="story-headline-help">${
    meanwhile ? meanwhileNote(ui, 'headline', own) : ''
  }</p>
<p class="note" id="story-headline-help">${ui.d('stories.headlineHelp')}</p>
<p><button type="submit">${ui.d('curation.save')}</button></p>
</form></section>
<form method="post" action="/desk/curation/stories/${story.id}/split">${csrfField(c)}
<fieldset><legend>${ui.d('stories.splitHelp')}</legend>
<ul class="split">${articles.map(
    (a) =>
      html`<li><input type="checkbox" id="split-${a.entryId}" name="entry" value="${a.entryId}"> <label for="split-${a.entryId}"${a.lang ? html` lang="${a.lang}"` : ''} dir="${a.dir}">${a.title || ui.t('shell.untitled')}</label> <span class="meta">(<time datetime="${isoDate(a.publishedAt)}">${formatDate(a.publishedAt, ui.locale)}</time>)</span></li>`,
  )}</ul></fieldset>
<p><button type="submit">${ui.d('stories.splitButton')}</button></p>
</form>`;
  return deskPage(c, {
    title: ui.d('stories.splitTitle'),
    section: 'curation',
    main,
    status: problem ? 422 : meanwhile ? meanwhileStatus(false) : 200,
  });
}

export function storyCurationRoutes(desk: Hono, store: Store, record: (r: AuditRecord) => Promise<void>): void {
  desk.get('/curation/stories', (c) => listPage(c, store));
  desk.get('/curation/stories/:id', (c) => {
    const saved = c.req.query('saved');
    return splitPage(c, store, undefined, saved === 'nothing' ? 'nothing' : saved === '1');
  });

  // Hide or feature a whole story (every teaser of it, wherever it appears), audited with the change.
  desk.post('/curation/stories/override/:id', async (c) => {
    const body = await checkedForm(c, 'curation');
    if (body instanceof Response) return body;
    const id = positiveInt(c.req.param('id'));
    const story = id === undefined ? undefined : await store.stories.get(id);
    const op = field(body, 'op');
    if (!story) return listPage(c, store, deskUi(c).d('notFound'));
    if (!isOp(op)) return c.text(deskUi(c).d('unknownAction'), 400);
    await store.curation.update({ kind: 'story', id: story.id }, OPS[op].patch, actorOf(c), `story.${op}`);
    return c.redirect(`/desk/curation/stories#s${story.id}`, 303);
  });

  // The story's own headline (an override; empty shows the clusterer's again), audited with the change.
  desk.post('/curation/stories/:id/headline', async (c) => {
    const body = await checkedForm(c, 'curation');
    if (body instanceof Response) return body;
    const id = positiveInt(c.req.param('id'));
    const story = id === undefined ? undefined : await store.stories.get(id);
    if (!story || story.mergedInto !== null) return splitPage(c, store);
    // Written only when the editor changed it from what the page showed (shown-values.ts): a Save
    // pressed on a page loaded before another editor's headline does not put the old one back. A
    // post without the shown value (a page from before, a hand-made request) writes what it gives.
    // A Save with nothing changed says so (p-meanwhile).
    if (!changedFromShownAs(body, 'headline', (v) => editedText(v, 500)))
      return c.redirect(`/desk/curation/stories/${story.id}?saved=nothing#headline`, 303);
    // Written only when the stored headline is still the one shown, checked in the store's write
    // (domain/shown-check.ts): one another editor set meanwhile is shown beside the editor's, not
    // overwritten, and nothing is written or audited.
    const shown = shownValue(body, 'headline');
    const headline = editedText(field(body, 'headline'), 500);
    const r = await store.curation.update(
      { kind: 'story', id: story.id },
      { headline },
      actorOf(c),
      'story.edit',
      undefined,
      shown === undefined ? undefined : { headline: editedText(shown, 500) },
    );
    if (r.refused.length) return splitPage(c, store, undefined, false, { headline });
    return c.redirect(`/desk/curation/stories/${story.id}?saved=1#headline`, 303);
  });

  desk.post('/curation/stories/merge', async (c) => {
    const body = await checkedForm(c, 'curation');
    if (body instanceof Response) return body;
    const ui = deskUi(c);
    const badId = badIdField(body, ['into', 'from']);
    if (badId) return c.text(ui.d('badId', { field: badId }), 400);
    const into = positiveInt(field(body, 'into'));
    const from = positiveInt(field(body, 'from'));
    if (into === undefined || from === undefined || into === from) return listPage(c, store, ui.d('stories.same'));
    const [a, b] = await Promise.all([store.stories.get(into), store.stories.get(from)]);
    if (!a || !b) return listPage(c, store, await goneProblem(ui, store));
    // A merge is not undone by one click (the articles are split out again one by one): it is asked first.
    if (field(body, 'confirm') !== '1') return mergeConfirmPage(c, a, b);
    // The confirmation names the stories by key too: a re-grouping between the question and the
    // answer forgets stories, and SQLite may give a forgotten story's id to a new one, which the
    // editor never saw. A story whose key changed is not the one asked about.
    const keys = [field(body, 'intoKey'), field(body, 'fromKey')];
    if ((keys[0] && keys[0] !== a.key) || (keys[1] && keys[1] !== b.key)) return listPage(c, store, await goneProblem(ui, store));
    const merged = await store.stories.merge(into, from);
    if (!merged) return listPage(c, store, await goneProblem(ui, store));
    await record(
      auditRecord(c, 'story.merge', `story:${merged.id}`, { into: storyView(a), from: storyView(b) }, { story: storyView(merged) }),
    );
    return c.redirect(`/desk/curation/stories?done=merged&story=${merged.id}#s${merged.id}`, 303);
  });

  desk.post('/curation/stories/:id/split', async (c) => {
    const body = await checkedForm(c, 'curation');
    if (body instanceof Response) return body;
    const ui = deskUi(c);
    const id = positiveInt(c.req.param('id'));
    const story = id === undefined ? undefined : await store.stories.get(id);
    if (!story) return splitPage(c, store);
    if (badIdField(body, ['entry'])) return c.text(ui.d('badId', { field: 'entry' }), 400);
    const ids = fields(body, 'entry')
      .map((s) => positiveInt(s))
      .filter((n): n is number => n !== undefined);
    const created = ids.length ? await store.stories.split(story.id, ids) : undefined;
    if (!created) return splitPage(c, store, ui.d('stories.splitNone'));
    await record(
      auditRecord(
        c,
        'story.split',
        `story:${story.id}`,
        { story: storyView(story), entries: ids },
        { story: storyView(await store.stories.get(story.id)), newStory: storyView(created) },
      ),
    );
    return c.redirect(`/desk/curation/stories?done=split&story=${created.id}#s${created.id}`, 303);
  });
}
