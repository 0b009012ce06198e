// /desk/topics: the desk's topics (created and edited as text in the topics-file schema) and the
// file's topics (read-only, adoptable). The editor checks the text with the file's own parser and
// shows each error at its line and column; "Preview" runs the topic over recent stories (the
// matched words marked) and lists suggested names (suggest.ts) to accept or reject; saving stores
// the topic, applies it to the running matcher and re-tags history in the background.
import { Hono, type Context } from 'hono';
import type { Entry } from '../../domain/entry.js';
import type { DeskTopic } from '../../store/desk.js';
import type { TopicDefinition, TopicFileError } from '../../topics/definition.js';
import { compileTopics, type TopicMatch } from '../../topics/matcher.js';
import { deskMayName } from '../../topics/secret.js';
import { storedDefinition } from '../../topics/stored.js';
import { retagPercent } from '../../topics/summary.js';
import type { Lang } from '../../locale/index.js';
import { closeBidi } from '../../text/bidi.js';
import { normalizeTerm } from '../../text/normalize.js';
import { html, raw, type Html } from '../html.js';
import { markSpans, kwicSnippet, validSpans } from '../kwic.js';
import { TOPIC_SOURCE_MAX } from './body-limits.js';
import type { DeskDeps } from './deps.js';
import { audit, checkedForm, csrfField, editorName, field, textField } from './forms.js';
import { deskLang, deskT, type DeskKey } from './messages.js';
import { deskPage } from './shell.js';
import { suggestNames, type Suggestion } from './suggest.js';
import { topicIssueText } from './topic-issues.js';
import { addAlias, NEW_TOPIC_TEMPLATE, parseOneTopic } from './topic-source.js';

/** Recent stories the preview and the suggestions read. */
export const PREVIEW_SCAN = 500;
const PREVIEW_SHOWN = 20;
const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,100}$/;

type T = ReturnType<typeof deskT>;

export interface TopicPreview {
  scanned: number;
  matches: { entry: Entry; matches: TopicMatch[] }[];
  suggestions: Suggestion[];
}

/** Matches and suggestions of one topic over the most recent stored entries. */
export async function previewTopic(deps: Pick<DeskDeps, 'store'>, topic: TopicDefinition): Promise<TopicPreview> {
  const { items } = await deps.store.entries.list({ limit: PREVIEW_SCAN });
  const matcher = compileTopics([topic]);
  const matches: TopicPreview['matches'] = [];
  for (const e of items) {
    const hit = matcher.match({ title: e.title, text: e.text }).find((h) => h.id === topic.id);
    if (hit) matches.push({ entry: e, matches: hit.matches });
  }
  const rejected = new Set((await deps.store.desk.rejectedNames(topic.id)).map((r) => r.name));
  const suggestions = suggestNames(topic, matcher, items, { rejected });
  return { scanned: items.length, matches, suggestions };
}

/**
 * Each error in the editor's language (topic-issues.ts renders the reader's key and parameters),
 * then where in the document, as the schema names it: a path like topics[0].entities[1] is code,
 * kept left to right inside a right-to-left sentence.
 */
function errorList(t: T, lang: Lang, errors: readonly TopicFileError[]): Html {
  return html`<div role="alert" id="topic-errors"><p>${t('editor.errors')}</p><ul>${errors.map((e) => {
    const text = topicIssueText(lang, e);
    const path = e.path ? html` <code dir="ltr">${e.path}</code>` : '';
    return html`<li data-line="${e.line ?? ''}" data-column="${e.column ?? ''}" data-issue="${e.key}">${
      e.line !== undefined
        ? html`<a href="#src-line-${e.line}">${t('editor.errorAt', { line: e.line, column: e.column ?? 1, message: text })}</a>`
        : text
    }${path}</li>`;
  })}</ul></div>`;
}

/**
 * Warnings of a definition that works (an unknown key ignored, an alert channel left off), each
 * in the editor's language and placed like an error; not an alert: nothing was refused.
 */
function warningList(t: T, lang: Lang, warnings: readonly TopicFileError[]): Html {
  return html`<div role="status" id="topic-warnings"><p>${t('editor.warnings')}</p><ul>${warnings.map((w) => {
    const text = topicIssueText(lang, w);
    const path = w.path ? html` <code dir="ltr">${w.path}</code>` : '';
    return html`<li data-issue="${w.key}">${w.line !== undefined ? t('editor.errorAt', { line: w.line, column: w.column ?? 1, message: text }) : text}${path}</li>`;
  })}</ul></div>`;
}

/** The text with line numbers, each error's line marked and a caret under its column. */
function annotatedSource(lang: Lang, source: string, errors: readonly TopicFileError[]): Html {
  const byLine = new Map<number, TopicFileError[]>();
  for (const e of errors) if (e.line !== undefined) byLine.set(e.line, [...(byLine.get(e.line) ?? []), e]);
  const lines = source.split('\n');
  return html`<pre class="desk-source" aria-hidden="true" dir="ltr">${lines.map((text, i) => {
    const n = i + 1;
    const errs = byLine.get(n);
    if (!errs) return html`<span id="src-line-${n}">${String(n).padStart(4)}  ${text}</span>\n`;
    return html`<span id="src-line-${n}" class="desk-error-line"><mark>${String(n).padStart(4)}  ${text}</mark></span>\n${errs.map(
      (e) =>
        html`<span class="desk-caret">${' '.repeat(6 + Math.max(0, (e.column ?? 1) - 1))}^ <bdi>${topicIssueText(lang, e)}</bdi></span>\n`,
    )}`;
  })}</pre>`;
}

function previewView(c: Context, t: T, topic: TopicDefinition, p: TopicPreview, version: number, saved: boolean): Html {
  const list = p.matches.length
    ? html`<ol class="desk-preview">${p.matches.slice(0, PREVIEW_SHOWN).map(({ entry, matches }) => {
        const titleSpans = validSpans(
          entry.title,
          matches.filter((m) => m.field === 'title'),
        );
        const textSpans = validSpans(
          entry.text,
          matches.filter((m) => m.field === 'text'),
        );
        const aliases = [...new Map(matches.map((m) => [`${m.alias}|${m.reason}`, m])).values()];
        // The story keeps its own language and direction inside the desk's (English in an Arabic desk reads left to right).
        const own = html`${entry.lang ? html` lang="${entry.lang}"` : ''} dir="${entry.dir}"`;
        return html`<li><a href="/entries/${entry.id}"${own}>${markSpans(entry.title, titleSpans)}</a>${textSpans.length ? html`<br><small${own}>${kwicSnippet(entry.text, textSpans) ?? ''}</small>` : ''}<br><small>${aliases.map((m, i) => html`${i ? '; ' : ''}${t('preview.matched', { alias: closeBidi(m.alias), reason: t(`reason.${m.reason}` as DeskKey) })}`)}</small></li>`;
      })}</ol>`
    : html`<p>${t('preview.noMatches', { scanned: p.scanned })}</p>`;
  const entityName = (id: string): string => topic.entities.find((e) => e.id === id)?.name ?? id;
  const suggestions = p.suggestions.length
    ? html`<ul class="desk-suggestions">${p.suggestions.map(
        (
          s,
        ) => html`<li data-name="${s.key}">${t('suggest.line', { name: closeBidi(s.name), kind: t(`suggest.kind.${s.kind}` as DeskKey), entity: closeBidi(entityName(s.entity)), support: s.support })}
<ul>${s.examples.map((x) => html`<li><a href="/entries/${x.id}" dir="auto">${x.title}</a></li>`)}</ul>
${
  saved
    ? html`<form method="post" action="/desk/topics/${topic.id}/accept" class="desk-inline">${csrfField(c)}<input type="hidden" name="name" value="${s.name}"><input type="hidden" name="entity" value="${s.entity}"><input type="hidden" name="version" value="${version}"><button type="submit" aria-label="${t('suggest.accept')}: ${closeBidi(s.name)}">${t('suggest.accept')}</button></form>
<form method="post" action="/desk/topics/${topic.id}/reject" class="desk-inline">${csrfField(c)}<input type="hidden" name="name" value="${s.name}"><button type="submit" aria-label="${t('suggest.reject')}: ${closeBidi(s.name)}">${t('suggest.reject')}</button></form>`
    : ''
}</li>`,
      )}</ul>`
    : html`<p>${t('suggest.none')}</p>`;
  return html`<section aria-labelledby="prev-h"><h2 id="prev-h">${t('preview.matches', { count: p.matches.length, scanned: p.scanned })}</h2>${list}</section>
<section aria-labelledby="sug-h"><h2 id="sug-h">${t('suggest.heading')}</h2>${suggestions}</section>`;
}

interface EditorState {
  source: string;
  version: number;
  /** The stored topic's id; '' for a new one. */
  originalId: string;
  errors?: readonly TopicFileError[];
  /** Of a definition that was read (shown above the text). */
  warnings?: readonly TopicFileError[];
  notice?: Html;
  preview?: Html;
  status?: 200 | 400 | 409 | 413 | 422;
  retag?: Html;
  head?: Html;
}

function editorPage(c: Context, s: EditorState): Response {
  const t = deskT(c);
  const lang = deskLang(c);
  const errors = s.errors ?? [];
  const main = html`<h1>${t('editor.title')}${s.originalId ? html` <code>${s.originalId}</code>` : ''}</h1>${s.notice ?? ''}${s.retag ?? ''}
${errors.length ? html`${errorList(t, lang, errors)}${annotatedSource(lang, s.source, errors)}` : ''}${s.warnings?.length ? warningList(t, lang, s.warnings) : ''}
<form method="post" action="/desk/topics/save">${csrfField(c)}
<input type="hidden" name="version" value="${s.version}"><input type="hidden" name="originalId" value="${s.originalId}">
<p><label for="topic-source">${t('editor.source')}</label><br>
<textarea id="topic-source" name="source" rows="22" cols="80" spellcheck="false" dir="ltr"${raw(errors.length ? ' aria-invalid="true" aria-describedby="topic-errors"' : '')}>${s.source}</textarea></p>
<p><button type="submit" name="action" value="preview">${t('editor.preview')}</button> <button type="submit" name="action" value="save">${t('editor.save')}</button></p></form>
${s.preview ?? ''}`;
  return deskPage(c, {
    title: t('editor.title'),
    section: 'topics',
    main,
    ...(s.status ? { status: s.status } : {}),
    ...(s.head ? { head: s.head } : {}),
  });
}

async function retagView(deps: DeskDeps, t: T, id: string): Promise<{ html: Html; running: boolean }> {
  const rec = await deps.store.topics.getDefinition(id);
  if (!rec) return { html: html``, running: false };
  const r = rec.retag;
  if (r.status === 'done') return { html: html`<p role="status" data-retag="done">${t('topics.retagDone')}</p>`, running: false };
  if (r.status === 'pending') return { html: html`<p role="status" data-retag="pending">${t('topics.retagPending')}</p>`, running: true };
  const pct = retagPercent(r) ?? 0;
  return {
    html: html`<p role="status" data-retag="running"><progress max="100" value="${pct}" aria-label="${t('topics.retag', { pct, done: r.done, total: r.total })}"></progress> ${t('topics.retag', { pct, done: r.done, total: r.total })}</p>`,
    running: true,
  };
}

export function topicsDesk(deps: DeskDeps): Hono {
  const app = new Hono();
  const { store } = deps;

  app.get('/', async (c) => {
    const t = deskT(c);
    const [desk, file] = await Promise.all([store.desk.listTopics(), deps.fileTopics ? deps.fileTopics() : Promise.resolve([])]);
    const deskIds = new Set(desk.map((d) => d.id));
    const main = html`<h1>${t('topics.title')}</h1>${c.req.query('adopted') ? html`<p role="status">${t('topics.adopted')}</p>` : ''}
<p><a href="/desk/topics/new">${t('topics.new')}</a></p>
<h2>${t('topics.desk')}</h2>${desk.length ? html`<ul>${desk.map((d) => html`<li><a href="/desk/topics/${d.id}">${d.id}</a> — ${t('topics.version', { version: d.version, by: closeBidi(d.updatedBy) })}</li>`)}</ul>` : html`<p>${t('topics.none')}</p>`}
<h2>${t('topics.file')}</h2>${
      file.length
        ? html`<ul>${file.map(
            (f) =>
              html`<li><details><summary><bdi>${f.name}</bdi> (<code>${f.id}</code>)</summary><pre>${f.source}</pre></details>${deskIds.has(f.id) ? '' : html`<form method="post" action="/desk/topics/adopt" class="desk-inline">${csrfField(c)}<input type="hidden" name="id" value="${f.id}"><button type="submit" aria-label="${t('topics.adopt')}: ${closeBidi(f.name)}">${t('topics.adopt')}</button></form>`}</li>`,
          )}</ul>`
        : html`<p>${t('topics.none')}</p>`
    }`;
    return deskPage(c, { title: t('topics.title'), section: 'topics', main });
  });

  app.get('/new', (c) => editorPage(c, { source: NEW_TOPIC_TEMPLATE, version: 0, originalId: '' }));

  const showTopic = async (c: Context, d: DeskTopic, notice?: Html): Promise<Response> => {
    const t = deskT(c);
    const retag = await retagView(deps, t, d.id);
    const parsed = parseOneTopic(d.source);
    const preview = parsed.ok ? previewView(c, t, parsed.topic, await previewTopic(deps, parsed.topic), d.version, true) : undefined;
    return editorPage(c, {
      source: d.source,
      version: d.version,
      originalId: d.id,
      retag: retag.html,
      ...(notice ? { notice } : {}),
      ...(preview ? { preview } : {}),
      ...(parsed.ok ? { warnings: parsed.warnings } : {}),
      // While history is re-tagged, the page refreshes itself (no script needed).
      ...(retag.running ? { head: raw('<meta http-equiv="refresh" content="3">') } : {}),
    });
  };

  app.get('/:id', async (c) => {
    const t = deskT(c);
    const id = c.req.param('id');
    const d = ID_RE.test(id) ? await store.desk.getTopic(id) : undefined;
    if (!d) {
      // Say which topic is missing, and why when it is one of the file's, with the way back.
      const inFile = ID_RE.test(id) && deps.fileTopics ? (await deps.fileTopics()).some((f) => f.id === id) : false;
      const main = html`<h1>${t('topics.title')}</h1><p role="alert">${t('topics.notFound', { id })}${inFile ? ` ${t('topics.notFoundFile')}` : ''}</p>
<p><a href="/desk/topics">${t('topics.back')}</a></p>`;
      return deskPage(c, { title: t('topics.title'), section: 'topics', main, status: 404 });
    }
    const notice = c.req.query('saved')
      ? html`<p role="status">${t('editor.saved')}</p>`
      : c.req.query('accepted')
        ? html`<p role="status">${t('suggest.accepted', { name: closeBidi(c.req.query('accepted') ?? ''), entity: closeBidi(c.req.query('entity') ?? '') })}</p>`
        : c.req.query('rejected')
          ? html`<p role="status">${t('suggest.rejected', { name: closeBidi(c.req.query('rejected') ?? '') })}</p>`
          : undefined;
    return showTopic(c, d, notice);
  });

  /** Stores a checked topic (refusing a stale version), applies the set, writes the audit log. */
  const store1 = async (
    c: Context,
    topic: TopicDefinition,
    source: string,
    version: number,
    action: string,
  ): Promise<{ ok: true } | { conflict: DeskTopic | undefined }> => {
    const before = await store.desk.getTopic(topic.id);
    const r = await store.desk.saveTopic({ id: topic.id, source, definition: storedDefinition(topic), updatedBy: editorName(c) }, version);
    if ('conflict' in r) return r;
    await deps.applyTopics?.();
    await audit(deps, c, action, `topic:${topic.id}`, before ? { version: before.version, source: before.source } : null, {
      version: r.topic.version,
      source: r.topic.source,
    });
    return { ok: true };
  };

  app.post('/save', async (c) => {
    const f = await checkedForm(c, 'topics');
    if (f instanceof Response) return f;
    const t = deskT(c);
    const source = textField(f, 'source');
    const version = Number(field(f, 'version')) || 0;
    const originalId = field(f, 'originalId');
    const state: EditorState = { source, version, originalId };
    // Refused whole rather than cut: a text cut short would be read, and perhaps saved, as another topic.
    if (source.length > TOPIC_SOURCE_MAX)
      return editorPage(c, { ...state, notice: html`<p role="alert">${t('editor.tooLong', { max: TOPIC_SOURCE_MAX })}</p>`, status: 413 });
    const parsed = parseOneTopic(source);
    if (!parsed.ok) return editorPage(c, { ...state, errors: parsed.errors, status: 422 });
    const topic = parsed.topic;
    if (originalId && topic.id !== originalId)
      return editorPage(c, { ...state, notice: html`<p role="alert">${t('editor.idChanged')}</p>`, status: 422 });
    // The store keeps a topic's text as written and shows it to every editor and in the audit log:
    // a secret value written inline would be kept and shown there (topics/stored.ts keeps none).
    if (field(f, 'action') === 'save' && topic.alerts?.webhook?.secret.from === 'inline')
      return editorPage(c, { ...state, notice: html`<p role="alert">${t('editor.inlineSecret')}</p>`, status: 422 });
    const secret = topic.alerts?.webhook?.secret;
    if (field(f, 'action') === 'save' && secret && !deskMayName(secret, deps.config.deskSecrets)) {
      const name = secret.from === 'env' ? secret.name : secret.from === 'file' ? secret.path : '';
      return editorPage(c, { ...state, notice: html`<p role="alert">${t('editor.unlistedSecret', { name })}</p>`, status: 422 });
    }
    if (field(f, 'action') !== 'save') {
      const p = await previewTopic(deps, topic);
      return editorPage(c, { ...state, warnings: parsed.warnings, preview: previewView(c, t, topic, p, version, false) });
    }
    if (
      !originalId &&
      deps.fileTopics &&
      (await deps.fileTopics()).some((x) => x.id === topic.id) &&
      !(await store.desk.getTopic(topic.id))
    )
      return editorPage(c, { ...state, notice: html`<p role="alert">${t('editor.fileTopic')}</p>`, status: 409 });
    const r = await store1(c, topic, source, version, 'topic.save');
    if ('conflict' in r)
      return editorPage(c, {
        ...state,
        notice: html`<p role="alert">${t('editor.conflict', { version: r.conflict?.version ?? 0 })}</p>`,
        status: 409,
      });
    return c.redirect(`/desk/topics/${encodeURIComponent(topic.id)}?saved=1`, 303);
  });

  app.post('/adopt', async (c) => {
    const f = await checkedForm(c, 'topics');
    if (f instanceof Response) return f;
    const id = field(f, 'id');
    const fileTopic = (deps.fileTopics ? await deps.fileTopics() : []).find((x) => x.id === id);
    if (!fileTopic) return c.notFound();
    const parsed = parseOneTopic(fileTopic.source);
    if (!parsed.ok) return editorPage(c, { source: fileTopic.source, version: 0, originalId: '', errors: parsed.errors, status: 422 });
    const r = await store1(c, parsed.topic, fileTopic.source, 0, 'topic.adopt');
    if ('conflict' in r) return c.redirect(`/desk/topics/${encodeURIComponent(id)}`, 303);
    return c.redirect('/desk/topics?adopted=1', 303);
  });

  app.post('/:id/accept', async (c) => {
    const f = await checkedForm(c, 'topics');
    if (f instanceof Response) return f;
    const t = deskT(c);
    const d = await store.desk.getTopic(c.req.param('id'));
    if (!d) return c.notFound();
    const parsed = parseOneTopic(d.source);
    if (!parsed.ok) return showTopic(c, d);
    const name = field(f, 'name').trim();
    const entity = field(f, 'entity');
    const version = Number(field(f, 'version')) || 0;
    const source = name ? addAlias(d.source, entity, parsed.topic, name) : undefined;
    const again = source ? parseOneTopic(source) : undefined;
    if (!source || !again?.ok) return showTopic(c, d);
    const r = await store1(c, again.topic, source, version, 'topic.accept-name');
    if ('conflict' in r) return showTopic(c, d, html`<p role="alert">${t('editor.conflict', { version: d.version })}</p>`);
    const entityName = again.topic.entities.find((e) => e.id === entity)?.name ?? entity;
    return c.redirect(
      `/desk/topics/${encodeURIComponent(d.id)}?accepted=${encodeURIComponent(name)}&entity=${encodeURIComponent(entityName)}`,
      303,
    );
  });

  app.post('/:id/reject', async (c) => {
    const f = await checkedForm(c, 'topics');
    if (f instanceof Response) return f;
    const d = await store.desk.getTopic(c.req.param('id'));
    if (!d) return c.notFound();
    const name = field(f, 'name').trim();
    if (!name) return showTopic(c, d);
    await store.desk.rejectName(d.id, normalizeTerm(name), editorName(c));
    await audit(deps, c, 'topic.reject-name', `topic:${d.id}`, null, { name });
    return c.redirect(`/desk/topics/${encodeURIComponent(d.id)}?rejected=${encodeURIComponent(name)}`, 303);
  });

  return app;
}
