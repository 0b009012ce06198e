// An editor's hide carried over a removal (p-removehide). Removing an article makes its copies
// articles in its place (EntryRepo.remove promotes the earliest live copy and re-points the others
// to it; SourceRepo.remove does the same per original leaving with it, p-removepromote): while the removed
// article was hidden, its copies were off the public side with it (p-copies), and the removal
// would bring them back with no editor's doing. Each copy made an article gets a hidden override
// like the original's (its who and when), with an audit record, in the removal's own transaction,
// so the public side is unchanged by the removal; unhiding the copy at the desk brings it back
// (and, after an entry's removal, the copies re-pointed to it).

/** The audit log's action of a carried hide (a label in the desk's catalogues). */
export const CARRIED_HIDE_ACTION = 'teaser.hide.carried';

/**
 * The two statements, run in this order in the removal's transaction (the audit first: it reads
 * the copy's override as it was). `pairs` is a subquery of (copy_id, original_id): the copies made
 * articles and the removed entries they copied, read before the original's override goes (a
 * source's entries take theirs with them). `now` is the dialect's placeholder of the time. A copy
 * already hidden by an editor is left as it is, without a record. Both are one statement over
 * every pair: no query per copy.
 */
export function carryHideSql(pg: boolean, pairs: string, now: string): { audit: string; override: string } {
  const yes = pg ? 'true' : '1';
  const no = pg ? 'false' : '0';
  const bool = (col: string) => (pg ? `COALESCE(${col}, false)` : `json(CASE WHEN ${col} = 1 THEN 'true' ELSE 'false' END)`);
  const obj = pg ? 'jsonb_build_object' : 'json_object';
  // The fields the audit log keeps of an override (curation-rows.ts auditView), before and after.
  const view = (hidden: string) =>
    `${obj}('pinned', ${bool('m.pinned')}, 'hidden', ${hidden}, 'featured', ${bool('m.featured')}, 'headline', m.headline, 'excerpt', m.excerpt)`;
  const from = `FROM (${pairs}) p JOIN curation_overrides o ON o.entry_id = p.original_id AND o.hidden = ${yes}`;
  const audit = `INSERT INTO audit_log (at, actor_id, actor_name, action, target, before_json, after_json)
    SELECT ${now}, o.updated_by_id, o.updated_by_name, '${CARRIED_HIDE_ACTION}', 'entry:' || p.copy_id,
      CASE WHEN m.entry_id IS NULL THEN ${pg ? `'null'::jsonb` : `'null'`} ELSE ${view(bool('m.hidden'))} END,
      ${view(pg ? 'true' : `json('true')`)}
    ${from} LEFT JOIN curation_overrides m ON m.entry_id = p.copy_id
    WHERE m.entry_id IS NULL OR m.hidden = ${no}`;
  const override = `INSERT INTO curation_overrides (entry_id, hidden, updated_by_id, updated_by_name, updated_at)
    SELECT p.copy_id, ${yes}, o.updated_by_id, o.updated_by_name, o.updated_at ${from} WHERE ${yes} = ${yes}
    ON CONFLICT (entry_id) DO UPDATE SET hidden = ${yes}, updated_by_id = excluded.updated_by_id,
      updated_by_name = excluded.updated_by_name, updated_at = excluded.updated_at
    WHERE curation_overrides.hidden = ${no}`;
  return { audit, override };
}

/**
 * The pairs of a source's removal: the live copies in other sources of the entries leaving with it.
 * Read after story-rows.ts repointCopiesSql, these are the copies picked to be the articles, one
 * per original (the others copy the pick by then), so each hidden original's hide is carried once.
 */
export function sourceCopyPairsSql(source: string): string {
  return `SELECT c.id AS copy_id, c.duplicate_of AS original_id FROM entries c
    WHERE c.duplicate_of IN (SELECT id FROM entries WHERE source_id = ${source}) AND c.deleted_at IS NULL AND c.source_id <> ${source}`;
}
