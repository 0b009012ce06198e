// A stored source as the store returns it, for pure tests of the pipeline's policies: every field
// at its value for a healthy feed checked on schedule, `now` its due time, overrides on top.
import type { Source } from '../../src/domain/source.js';

export function sourceRow(now: number, o: Partial<Source> = {}): Source {
  return {
    id: 1,
    url: 'https://example.com/feed',
    previousUrls: [],
    kind: 'feed',
    title: null,
    siteUrl: null,
    etag: null,
    lastModified: null,
    status: 'ok',
    errorCount: 0,
    lastError: null,
    nextCheckAt: now,
    lastCheckedAt: null,
    lastSuccessAt: null,
    intervalSeconds: 1800,
    extractMode: 'short',
    settings: {},
    createdAt: now - 86400_000,
    ...o,
  };
}
