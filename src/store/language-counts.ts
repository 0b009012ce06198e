/**
 * The counts per language of the live entries, kept on write by triggers on the entries table
 * (SQLite migration 30, PostgreSQL 31) for the search page's language list. Derived from the
 * entries: the store copy leaves the table out, and the target's triggers rebuild it.
 */
export const LANGUAGE_COUNTS_TABLE = 'entry_language_counts';
