// A source is anything Newsdesk reads stories from: a feed, a listing page, a news sitemap.
import type { SettingsChanges } from './settings-changes.js';

export type SourceKind = 'feed' | 'page' | 'sitemap';

/** ok: last fetch worked; failing: errors, still retried with backoff; disabled: not polled (410, or by hand). */
export type SourceStatus = 'new' | 'ok' | 'failing' | 'disabled';

/** When to fetch an entry's article page for its full text. */
export type ExtractMode = 'off' | 'short' | 'always';

/** An address a source had until a permanent redirect (301/308) moved it, kept for the record. */
export interface SourceMove {
  url: string;
  /** Epoch ms of the check that followed the redirect. */
  movedAt: number;
}

export interface Source {
  id: number;
  url: string;
  /** Earlier addresses, oldest first: a feed that moved (301/308) is fetched at its new one. */
  previousUrls: SourceMove[];
  kind: SourceKind;
  title: string | null;
  siteUrl: string | null;
  /** Conditional-GET validators from the last 200 response. */
  etag: string | null;
  lastModified: string | null;
  status: SourceStatus;
  errorCount: number;
  lastError: string | null;
  /**
   * The failure reason as a key (src/domain/failure.ts), rendered in the reader's language; absent
   * when the last check succeeded or the row predates keys (lastError is shown then).
   */
  lastErrorKey?: string | null | undefined;
  /** Epoch ms. */
  nextCheckAt: number;
  lastCheckedAt: number | null;
  lastSuccessAt: number | null;
  /** Current polling interval, adapted to the observed publishing rate. */
  intervalSeconds: number;
  extractMode: ExtractMode;
  /** Kind-specific settings (listing selectors, sitemap lastmod cursor, …). */
  settings: Record<string, unknown>;
  createdAt: number;
}

export interface NewSource {
  url: string;
  kind?: SourceKind | undefined;
  title?: string | null | undefined;
  siteUrl?: string | null | undefined;
  extractMode?: ExtractMode | undefined;
  settings?: Record<string, unknown> | undefined;
  intervalSeconds?: number | undefined;
}

/** Fields a fetch or an editor may change. */
export type SourcePatch = Partial<
  Pick<
    Source,
    | 'url'
    | 'previousUrls'
    | 'kind'
    | 'title'
    | 'siteUrl'
    | 'etag'
    | 'lastModified'
    | 'status'
    | 'errorCount'
    | 'lastError'
    | 'lastErrorKey'
    | 'nextCheckAt'
    | 'lastCheckedAt'
    | 'lastSuccessAt'
    | 'intervalSeconds'
    | 'extractMode'
  >
> & {
  /**
   * Settings keys to change, the others kept (settings-changes.ts): never the whole object, so a
   * save does not write back keys another writer changed since it read them.
   */
  settingsChanges?: SettingsChanges | undefined;
};
