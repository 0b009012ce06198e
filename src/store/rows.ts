// Row ⇄ domain mapping shared by the SQL dialects: both name their columns alike (snake_case) and
// differ only in how JSON columns arrive (TEXT to parse in SQLite, already parsed JSONB in
// PostgreSQL), so each dialect passes its JSON decoding and keeps nothing else of its own.
import { feedKey } from '../domain/feed-key.js';
import type { Entry, ExtractStatus, TextDirection } from '../domain/entry.js';
import { EXTRACT_FAILURE_KINDS, NOT_ARTICLE_KINDS } from '../domain/extract-failure.js';
import type { ExtractMode, NewSource, Source, SourceKind, SourceMove, SourcePatch, SourceStatus } from '../domain/source.js';
import type { EntrySummary } from './search.js';
import type { UnreadEntry } from './store.js';

/** How one dialect turns a JSON column value into the shape the domain expects. */
export interface JsonColumns<Json> {
  object(v: Json): Record<string, unknown>;
  stringArray(v: Json): string[];
  array(v: Json): unknown[];
}

/** A JSON object, or {} for anything else (null, arrays, scalars). */
export function asObject(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** The well-formed moves of a previous_urls column (anything else is skipped). */
export function asMoves(items: unknown[]): SourceMove[] {
  const out: SourceMove[] = [];
  for (const m of items) {
    const o = asObject(m);
    if (typeof o.url === 'string' && typeof o.movedAt === 'number') out.push({ url: o.url, movedAt: o.movedAt });
  }
  return out;
}

/** The string items of a JSON array, or [] when it is not one. */
export function asStringArray(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export interface SourceRow<Json> {
  id: number;
  url: string;
  previous_urls: Json;
  kind: string;
  title: string | null;
  site_url: string | null;
  etag: string | null;
  last_modified: string | null;
  status: string;
  error_count: number;
  last_error: string | null;
  last_error_key: string | null;
  next_check_at: number;
  last_checked_at: number | null;
  last_success_at: number | null;
  interval_seconds: number;
  extract_mode: string;
  settings: Json;
  created_at: number;
}

export const SOURCE_COLUMNS =
  'id, url, previous_urls, kind, title, site_url, etag, last_modified, status, error_count, last_error, last_error_key, next_check_at, ' +
  'last_checked_at, last_success_at, interval_seconds, extract_mode, settings, created_at';

/** Column of each patchable Source field. */
export const SOURCE_PATCH_COLUMN: Record<Exclude<keyof SourcePatch, 'settingsChanges'>, string> = {
  url: 'url',
  previousUrls: 'previous_urls',
  kind: 'kind',
  title: 'title',
  siteUrl: 'site_url',
  etag: 'etag',
  lastModified: 'last_modified',
  status: 'status',
  errorCount: 'error_count',
  lastError: 'last_error',
  lastErrorKey: 'last_error_key',
  nextCheckAt: 'next_check_at',
  lastCheckedAt: 'last_checked_at',
  lastSuccessAt: 'last_success_at',
  intervalSeconds: 'interval_seconds',
  extractMode: 'extract_mode',
};

/**
 * The values of a new source's row, in the order of NEW_SOURCE_COLUMNS; `json` encodes the
 * settings object for the dialect's JSON column.
 */
export function newSourceValues(
  input: NewSource,
  defaults: { intervalSeconds: number; extractMode: ExtractMode },
  now: number,
  json: (v: unknown) => string,
): unknown[] {
  return [
    input.url,
    input.kind ?? 'feed',
    input.title ?? null,
    input.siteUrl ?? null,
    now,
    input.intervalSeconds ?? defaults.intervalSeconds,
    input.extractMode ?? defaults.extractMode,
    json(input.settings ?? {}),
    now,
    feedKey(input.url),
  ];
}

// feed_key: the address under feedKey (domain/feed-key.ts, migration 46), what add and getByUrl find a source by.
export const NEW_SOURCE_COLUMNS =
  'url, kind, title, site_url, next_check_at, interval_seconds, extract_mode, settings, created_at, feed_key';

export function toSource<Json>(r: SourceRow<Json>, json: JsonColumns<Json>): Source {
  return {
    id: r.id,
    url: r.url,
    previousUrls: asMoves(json.array(r.previous_urls)),
    kind: r.kind as SourceKind,
    title: r.title,
    siteUrl: r.site_url,
    etag: r.etag,
    lastModified: r.last_modified,
    status: r.status as SourceStatus,
    errorCount: r.error_count,
    lastError: r.last_error,
    // Only when set, so sources that never failed read exactly as before keys existed.
    ...(r.last_error_key ? { lastErrorKey: r.last_error_key } : {}),
    nextCheckAt: r.next_check_at,
    lastCheckedAt: r.last_checked_at,
    lastSuccessAt: r.last_success_at,
    intervalSeconds: r.interval_seconds,
    extractMode: r.extract_mode as ExtractMode,
    settings: json.object(r.settings),
    createdAt: r.created_at,
  };
}

export interface EntryRow<Json> {
  id: number;
  source_id: number;
  dedupe_key: string;
  fingerprint: string;
  url: string | null;
  title: string;
  author: string | null;
  content_html: string | null;
  text: string;
  lang: string | null;
  dir: string;
  published_at: number;
  updated_at: number | null;
  created_at: number;
  full_html: string | null;
  extract_status: string;
  extract_error: string | null;
  lead_image: string | null;
  categories: Json;
  story_id: number | null;
  duplicate_of: number | null;
  outlet_name: string | null;
  outlet_url: string | null;
  /** 1/true when `lang` was guessed (migration 43; absent from rows read by older queries). */
  lang_guessed?: number | boolean | null;
}

export const ENTRY_COLUMNS =
  'id, source_id, dedupe_key, fingerprint, url, title, author, content_html, text, lang, dir, published_at, ' +
  'updated_at, created_at, full_html, extract_status, extract_error, lead_image, categories, story_id, duplicate_of, outlet_name, outlet_url, lang_guessed';

export function toEntry<Json>(r: EntryRow<Json>, json: JsonColumns<Json>): Entry {
  return {
    id: r.id,
    sourceId: r.source_id,
    dedupeKey: r.dedupe_key,
    fingerprint: r.fingerprint,
    url: r.url,
    title: r.title,
    author: r.author,
    contentHtml: r.content_html,
    text: r.text,
    lang: r.lang,
    ...(r.lang_guessed ? { langGuessed: true } : {}),
    dir: r.dir as TextDirection,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
    createdAt: r.created_at,
    fullHtml: r.full_html,
    extractStatus: r.extract_status as ExtractStatus,
    // One column, two meanings by status: a failure's reason, or why the page held no article. An
    // empty key (an older build's or a hand-edited row) is no key, as NULL is.
    extractError: r.extract_status === 'not-article' ? null : r.extract_error || null,
    notArticle: r.extract_status === 'not-article' ? r.extract_error || null : null,
    leadImage: r.lead_image,
    categories: json.stringArray(r.categories),
    storyId: r.story_id ?? null,
    duplicateOf: r.duplicate_of ?? null,
    ...outletOf(r),
  };
}

/** The outlet fields, present only when the item named one (rows stored before have none). */
function outletOf(r: { outlet_name?: string | null; outlet_url?: string | null }): Pick<Entry, 'outletName' | 'outletUrl'> {
  return r.outlet_name ? { outletName: r.outlet_name, outletUrl: r.outlet_url ?? null } : {};
}

/** The columns a teaser or search hit needs: everything but the stored HTML bodies. */
export interface SummaryRow {
  id: number;
  source_id: number;
  url: string | null;
  title: string;
  author: string | null;
  lang: string | null;
  dir: string;
  published_at: number;
  updated_at: number | null;
  created_at: number;
  text: string;
  story_id?: number | null;
  duplicate_of?: number | null;
  extract_status: string;
  extract_error: string | null;
  outlet_name?: string | null;
  outlet_url?: string | null;
}

/** The summary columns over `e`, the text cut by the dialect (`text` is its expression). */
export function summaryColumns(text: string): string {
  return `e.id, e.source_id, e.url, e.title, e.author, e.lang, e.dir, e.published_at, e.updated_at, e.created_at, e.story_id, e.duplicate_of, e.extract_status, e.extract_error, e.outlet_name, e.outlet_url, ${text} AS text`;
}

export function toSummary(r: SummaryRow): EntrySummary {
  return {
    id: r.id,
    sourceId: r.source_id,
    url: r.url,
    title: r.title,
    author: r.author,
    lang: r.lang,
    dir: r.dir as TextDirection,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
    createdAt: r.created_at,
    text: r.text,
    storyId: r.story_id ?? null,
    // A copy's original: the desk marks a copy hidden with it (p-copies).
    duplicateOf: r.duplicate_of == null ? null : Number(r.duplicate_of),
    extractError: r.extract_status === 'failed' ? r.extract_error || 'other' : null,
    notArticle: r.extract_status === 'not-article' ? r.extract_error || 'no-article' : null,
    ...(r.extract_status === 'none' ? { neverRead: true } : {}),
    ...outletOf(r),
  };
}

/**
 * The stored reason keys (entries.extract_error) one catalogue kind stands for, among the entries
 * of `status`: its own key, or, for the kind that also takes rows stored without a key and keys
 * this version does not name ("other" for failures, "no-article" for pages without an article,
 * as the desk's counts fold them), every key but the other kinds' (`notIn`).
 */
export function reasonKeys(status: 'failed' | 'not-article', kind: string): { key: string } | { notIn: string[] } {
  const [kinds, catchAll]: [readonly string[], string] =
    status === 'failed' ? [EXTRACT_FAILURE_KINDS, 'other'] : [NOT_ARTICLE_KINDS, 'no-article'];
  return kind === catchAll ? { notIn: kinds.filter((k) => k !== catchAll) } : { key: kind };
}

/** The rows of `ids` that were found, in the order of `ids` (a repeated id once): batch reads keep the caller's order. */
export function inIdOrder<R>(ids: number[], byId: Map<number, R>): R[] {
  const out: R[] = [];
  for (const id of new Set(ids)) {
    const r = byId.get(id);
    if (r) out.push(r);
  }
  return out;
}

/**
 * What entries.extract_error holds after a read in full: the failure's key (status "failed"), the
 * reason the page held no article (status "not-article"), or nothing.
 */
export function extractReasonColumn(u: { extractStatus: string; extractError?: string | null; notArticle?: string | null }): string | null {
  // An empty key is stored as none: read back, a failure without a key is "other" everywhere.
  if (u.extractStatus === 'failed') return u.extractError || null;
  if (u.extractStatus === 'not-article') return u.notArticle || null;
  return null;
}

/** A row of the never-read list as both dialects read it (UNREAD_ROW: entries joined with their source). */
export interface UnreadRow {
  id: number;
  source_id: number;
  url: string;
  title: string;
  lang: string | null;
  dir: string;
  published_at: number;
  source_title: string | null;
  source_url: string;
  extract_mode: string;
}

export function toUnreadEntry(r: UnreadRow): UnreadEntry {
  return {
    id: Number(r.id),
    sourceId: Number(r.source_id),
    url: r.url,
    title: r.title,
    lang: r.lang,
    dir: r.dir === 'rtl' ? 'rtl' : 'ltr',
    publishedAt: Number(r.published_at),
    sourceTitle: r.source_title,
    sourceUrl: r.source_url,
    extractMode: r.extract_mode === 'always' ? 'always' : 'short',
  };
}
