import type { EntryCursor, EntryQuery } from '../store.js';
import { reasonKeys } from '../rows.js';
import { notHiddenSql } from '../hidden-live.js';
import type { StatementCache } from './statements.js';

/** Shown: not hidden by an editor, itself, through its story or its original (hidden-live.ts `notHiddenSql`). */
export const HIDDEN = (a: string): string => notHiddenSql(false, a);

/** The FROM/WHERE of an entry query; a topic query is driven by the topic's own newest-first index. */
function pageFilter(q: EntryQuery): { from: string; pub: string; id: string; where: string[]; params: unknown[] } {
  const where = ['e.deleted_at IS NULL'];
  const params: unknown[] = [];
  let from = 'entries e';
  let pub = 'e.published_at';
  let id = 'e.id';
  if (q.topicId !== undefined) {
    from = 'entry_topics t JOIN entries e ON e.id = t.entry_id';
    pub = 't.published_at';
    id = 't.entry_id';
    where.push('t.topic_id = ?');
    params.push(q.topicId);
  }
  if (q.sourceId !== undefined) where.push('e.source_id = ?'), params.push(q.sourceId);
  if (q.lang !== undefined) where.push('e.lang = ?'), params.push(q.lang);
  if (q.since !== undefined) where.push(`${pub} >= ?`), params.push(q.since);
  if (q.until !== undefined) where.push(`${pub} < ?`), params.push(q.until);
  if (q.onePerStory) {
    // A story's newer article under the same filters hides this one: one probe of entries_story
    // per row read (the newest one of a story finds nothing newer and stays).
    const same: string[] = [];
    const sameParams: unknown[] = [];
    if (q.topicId !== undefined)
      same.push('EXISTS (SELECT 1 FROM entry_topics nt WHERE nt.topic_id = ? AND nt.entry_id = n.id)'), sameParams.push(q.topicId);
    if (q.sourceId !== undefined) same.push('n.source_id = ?'), sameParams.push(q.sourceId);
    if (q.lang !== undefined) same.push('n.lang = ?'), sameParams.push(q.lang);
    if (q.until !== undefined) same.push('n.published_at < ?'), sameParams.push(q.until);
    // A hidden newer article does not stand for its story on a public page, so it hides nothing.
    if (q.withoutHidden) same.push(HIDDEN('n'));
    where.push(
      `e.duplicate_of IS NULL AND (e.story_id IS NULL OR NOT EXISTS (SELECT 1 FROM entries n
         WHERE n.story_id = e.story_id AND n.deleted_at IS NULL AND n.duplicate_of IS NULL
           AND (n.published_at, n.id) > (e.published_at, e.id)${same.map((c) => ` AND ${c}`).join('')}))`,
    );
    params.push(...sameParams);
  }
  if (q.withoutHidden) where.push(HIDDEN('e'));
  if (q.extractFailed) {
    where.push("e.extract_status = 'failed'");
    // Without statistics SQLite walks entries_newest and filters every row; the failures' own
    // partial index (migration 21) reads only them.
    if (q.topicId === undefined) from = 'entries e INDEXED BY entries_extract_failed';
  }
  if (q.notArticle) {
    where.push("e.extract_status = 'not-article'");
    // The same for pages without an article, through their partial index (migration 22).
    if (q.topicId === undefined && !q.extractFailed) from = 'entries e INDEXED BY entries_not_article';
  }
  if (q.extractReason !== undefined && (q.extractFailed || q.notArticle)) {
    // One reason of those rows: its key is the index's third column, so the filter is read there.
    const r = reasonKeys(q.extractFailed ? 'failed' : 'not-article', q.extractReason);
    if ('key' in r) where.push('e.extract_error = ?'), params.push(r.key);
    else where.push(`(e.extract_error IS NULL OR e.extract_error NOT IN (${r.notIn.map(() => '?').join(', ')}))`), params.push(...r.notIn);
  }
  return { from, pub, id, where, params };
}

/**
 * One keyset page of entries, newest first, with the cursors of the pages around it. `columns` is
 * the select list (over `e`); `columnParams` are bound to placeholders inside it. Shared by the
 * entry list and the teaser pages so both walk the same index the same way.
 */
export function keysetPage<R extends { id: number; published_at: number }>(
  sql: StatementCache,
  q: EntryQuery,
  columns: string,
  columnParams: unknown[] = [],
): { rows: R[]; older?: EntryCursor; newer?: EntryCursor } {
  const limit = Math.max(1, Math.min(q.limit, 1000));
  const f = pageFilter(q);
  const backwards = q.before !== undefined && q.after === undefined;
  const cursor = backwards ? q.before : q.after;
  const where = [...f.where];
  const params = [...f.params];
  if (cursor) where.push(`(${f.pub}, ${f.id}) ${backwards ? '>' : '<'} (?, ?)`), params.push(cursor.publishedAt, cursor.id);
  const order = backwards ? 'ASC' : 'DESC';
  const rows = sql
    .get(`SELECT ${columns} FROM ${f.from} WHERE ${where.join(' AND ')} ORDER BY ${f.pub} ${order}, ${f.id} ${order} LIMIT ?`)
    .all(...columnParams, ...params, limit + 1) as R[];
  const more = rows.length > limit;
  if (more) rows.pop();
  if (backwards) rows.reverse();
  const out: { rows: R[]; older?: EntryCursor; newer?: EntryCursor } = { rows };
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (first && last) {
    const exists = (at: R, op: '<' | '>'): boolean =>
      sql
        .get(`SELECT 1 FROM ${f.from} WHERE ${[...f.where, `(${f.pub}, ${f.id}) ${op} (?, ?)`].join(' AND ')} LIMIT 1`)
        .get(...f.params, at.published_at, at.id) !== undefined;
    if (backwards ? exists(last, '<') : more) out.older = { publishedAt: last.published_at, id: last.id };
    if (backwards ? more : exists(first, '>')) out.newer = { publishedAt: first.published_at, id: first.id };
  }
  return out;
}
