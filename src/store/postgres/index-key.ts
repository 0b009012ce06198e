// Lookups of a column whose unique index holds newsdesk_index_key(column) (migration 17: keys of
// any length). The query must ask the same expression, or the planner cannot use the index and
// reads the whole table; the caller compares the column itself beside it, so equality stays exact.

/** SQL: `column`'s index key is the key of one of the texts in the array parameter `param` ($n). */
export function indexKeyIn(column: string, param: string): string {
  return `newsdesk_index_key(${column}) = ANY(ARRAY(SELECT newsdesk_index_key(k) FROM unnest(${param}::text[]) AS k))`;
}

/** SQL: `column`'s index key is the key of the text parameter `param` ($n). */
export function indexKeyIs(column: string, param: string): string {
  return `newsdesk_index_key(${column}) = newsdesk_index_key(${param}::text)`;
}
