// Row ⇄ domain mapping for the PostgreSQL dialect (snake_case columns; BIGINT read as numbers by
// the pool's type parser; JSONB arrives parsed).
import type { Entry, ExtractStatus, TextDirection } from '../../domain/entry.js';
import type { ExtractMode, Source, SourceKind, SourceStatus } from '../../domain/source.js';

export interface SourceRow {
  id: number;
  url: string;
  kind: string;
  title: string | null;
  site_url: string | null;
  etag: string | null;
  last_modified: string | null;
  status: string;
  error_count: number;
  last_error: string | null;
  next_check_at: number;
  last_checked_at: number | null;
  last_success_at: number | null;
  interval_seconds: number;
  extract_mode: string;
  settings: unknown;
  created_at: number;
}

export const SOURCE_COLUMNS =
  'id, url, kind, title, site_url, etag, last_modified, status, error_count, last_error, next_check_at, ' +
  'last_checked_at, last_success_at, interval_seconds, extract_mode, settings, created_at';

export function toSource(r: SourceRow): Source {
  return {
    id: r.id,
    url: r.url,
    kind: r.kind as SourceKind,
    title: r.title,
    siteUrl: r.site_url,
    etag: r.etag,
    lastModified: r.last_modified,
    status: r.status as SourceStatus,
    errorCount: r.error_count,
    lastError: r.last_error,
    nextCheckAt: r.next_check_at,
    lastCheckedAt: r.last_checked_at,
    lastSuccessAt: r.last_success_at,
    intervalSeconds: r.interval_seconds,
    extractMode: r.extract_mode as ExtractMode,
    settings: r.settings && typeof r.settings === 'object' && !Array.isArray(r.settings) ? (r.settings as Record<string, unknown>) : {},
    createdAt: r.created_at,
  };
}

export interface EntryRow {
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
  lead_image: string | null;
  categories: unknown;
}

export const ENTRY_COLUMNS =
  'id, source_id, dedupe_key, fingerprint, url, title, author, content_html, text, lang, dir, published_at, ' +
  'updated_at, created_at, full_html, extract_status, lead_image, categories';

export function toEntry(r: EntryRow): Entry {
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
    dir: r.dir as TextDirection,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
    createdAt: r.created_at,
    fullHtml: r.full_html,
    extractStatus: r.extract_status as ExtractStatus,
    leadImage: r.lead_image,
    categories: Array.isArray(r.categories) ? r.categories.filter((x): x is string => typeof x === 'string') : [],
  };
}

/** Builds $1, $2 … placeholders while collecting their values. */
export class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}
