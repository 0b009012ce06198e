// The live entries the public listings leave out (the dialects' HIDDEN), read from the editors'
// rows outward: what public counts take off their counts of every live entry (p-counts: topic
// cards and the coverage chart, topic-rows.ts; r-counts: the sources page, by source).

/**
 * `FROM`/`JOIN` of `table alias` on `cond`, driven by the rows already on the left, each probing
 * the table's index: SQLite keeps a CROSS JOIN's order and loops; PostgreSQL took the few hidden
 * rows for as many as a CTE may hold and hashed the whole table (a seq scan of 50,000 tags for one
 * hidden entry, 20 ms), so there a LATERAL subquery with OFFSET 0 (not flattened) keeps the loop.
 */
export function probe(pg: boolean, table: string, alias: string, cond: string, sqliteIndex = ''): { join: string; where: string[] } {
  return pg
    ? { join: `CROSS JOIN LATERAL (SELECT * FROM ${table} ${alias} WHERE ${cond} OFFSET 0) ${alias}`, where: [] }
    : { join: `CROSS JOIN ${table} ${alias}${sqliteIndex && ` INDEXED BY ${sqliteIndex}`}`, where: [cond] };
}

/**
 * The condition that entry `a` is shown: the dialects' HIDDEN (listings, feeds, the API's lists)
 * and the inverse of hiddenLiveSql. Not hidden by an editor itself, nor through its story (or,
 * while it has no story, the story it was parked from: migration 15), nor a copy of an article an
 * editor hid (p-copies: the story side always took such a copy as hidden, so a copy goes with its
 * original everywhere; curation.ts `isHidden` is the same rule over read overrides). Each part is
 * a probe of a unique index (an OR across both columns would scan the table).
 */
export function notHiddenSql(pg: boolean, a: string): string {
  const yes = pg ? 'TRUE' : '1';
  return (
    `NOT EXISTS (SELECT 1 FROM curation_overrides co WHERE co.entry_id = ${a}.id AND co.hidden = ${yes}) AND ` +
    `((${a}.story_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM curation_overrides cs WHERE cs.story_id = ${a}.story_id AND cs.hidden = ${yes})) OR ` +
    `(${a}.story_id IS NULL AND NOT EXISTS (SELECT 1 FROM story_override_anchors sa WHERE sa.entry_id = ${a}.id AND sa.hidden = ${yes}))) AND ` +
    `(${a}.duplicate_of IS NULL OR NOT EXISTS (SELECT 1 FROM curation_overrides cd WHERE cd.entry_id = ${a}.duplicate_of AND cd.hidden = ${yes}))`
  );
}

/**
 * The live entries the public listings leave out (the dialects' HIDDEN: an editor hid the entry,
 * or its story, or, while it has no story, the story it was parked from, or the article it copies),
 * read from the editors' rows (few) to the entries by key, by a hidden story's index or by the
 * copies' index (`entries_copies`): never by walking the tags. UNION: an entry hidden twice over is
 * one. `pg`: PostgreSQL (see `probe`).
 */
export function hiddenLiveSql(pg: boolean): string {
  const yes = pg ? 'TRUE' : '1';
  const byKey = (from: string, key: string, extra: string) => {
    const p = probe(pg, 'entries', 'h', `h.id = ${key} AND h.deleted_at IS NULL${extra}`);
    return `SELECT h.id FROM ${from} ${p.join} WHERE ${[`${from.split(' ')[1]}.hidden = ${yes}`, ...p.where].join(' AND ')}`;
  };
  // A hidden story's entries by its summary index (partial on live entries, so no row is read).
  const byStory = probe(pg, 'entries', 'h', 'h.story_id = cs.story_id AND h.deleted_at IS NULL', 'entries_story_summary');
  // The live copies of a hidden article, by the copies' index (p-copies). PostgreSQL: a range of
  // one key, as hiddenShareSql's copies (r-copies): with a wire story's original holding half the
  // store's copies, its estimate for "= any key" was half the table, so each override's probe
  // became a scan of entries (topics.counts() 48-60 ms before p-copies, 1.2-1.6 s after).
  const byOriginal = probe(
    pg,
    'entries',
    'h',
    `${pg ? 'h.duplicate_of BETWEEN cc.entry_id AND cc.entry_id' : 'h.duplicate_of = cc.entry_id'} AND h.deleted_at IS NULL`,
    'entries_copies',
  );
  return `${byKey('curation_overrides co', 'co.entry_id', '')}
    UNION SELECT h.id FROM curation_overrides cs ${byStory.join}
      WHERE ${[`cs.hidden = ${yes}`, 'cs.story_id IS NOT NULL', ...byStory.where].join(' AND ')}
    UNION SELECT h.id FROM curation_overrides cc ${byOriginal.join}
      WHERE ${[`cc.hidden = ${yes}`, 'cc.entry_id IS NOT NULL', ...byOriginal.where].join(' AND ')}
    UNION ${byKey('story_override_anchors sa', 'sa.entry_id', ' AND h.story_id IS NULL')}`;
}

/**
 * The hidden live entries (hiddenLiveSql) per source: what the public sources page takes off its
 * counts of every live entry per source, so each count is what that source's page lists (r-counts).
 * Columns `source_id` and `n`. Reads the hidden entries' rows by key only (`probe`).
 */
export function hiddenBySourceSql(pg: boolean): string {
  const rows = probe(pg, 'entries', 'e', 'e.id = h.id');
  return `WITH hidden AS MATERIALIZED (${hiddenLiveSql(pg)})
    SELECT e.source_id AS source_id, COUNT(*) AS n FROM hidden h ${rows.join}
    ${rows.where.length ? `WHERE ${rows.where.join(' AND ')}` : ''} GROUP BY e.source_id`;
}

/** Per-source counts less their hidden share (hiddenBySourceSql's rows): sources left with none dropped, order kept. */
export function shownSourceCounts(
  all: readonly { sourceId: number; count: number }[],
  hidden: readonly { source_id: number | string; n: number | string }[],
): { sourceId: number; count: number }[] {
  const off = new Map(hidden.map((h) => [Number(h.source_id), Number(h.n)]));
  return all.map((c) => ({ sourceId: c.sourceId, count: c.count - (off.get(c.sourceId) ?? 0) })).filter((c) => c.count > 0);
}

/**
 * The hidden live entries (hiddenLiveSql) per language, columns `lang` and `n`: what the search
 * form's language list takes off the counts kept per language (p-edges), so a language only hidden
 * entries hold is not offered (a choice with no result, and a public hint that such entries exist).
 * Reads the hidden entries' rows by key only (`probe`), as hiddenBySourceSql.
 */
export function hiddenByLangSql(pg: boolean): string {
  const rows = probe(pg, 'entries', 'e', 'e.id = hl.id');
  return `SELECT e.lang AS lang, COUNT(*) AS n FROM hidden hl ${rows.join}
    WHERE ${[...rows.where, 'e.lang IS NOT NULL'].join(' AND ')} GROUP BY e.lang`;
}

/**
 * The search form's languages, one statement: `counts` is a query with columns `lang` and `n`
 * (every live entry's language, kept on write), less the hidden entries' share per language
 * (hiddenByLangSql); languages left with none dropped; most entries first, then by `order` (the
 * dialect's tag ordering). No row of entries is read unless an editor hid something.
 */
export function shownLanguagesSql(pg: boolean, counts: string, order: string): string {
  return `WITH hidden AS MATERIALIZED (${hiddenLiveSql(pg)}),
    off AS (${hiddenByLangSql(pg)}),
    counts AS (${counts})
    SELECT c.lang AS lang FROM counts c LEFT JOIN off o ON o.lang = c.lang
    WHERE c.n - COALESCE(o.n, 0) > 0
    ORDER BY c.n - COALESCE(o.n, 0) DESC, c.lang ${order} LIMIT 100`;
}
