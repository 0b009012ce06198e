// When to check a source next, and what its health is after a check: pure decisions, so the
// polling policy can be read and tested apart from the I/O.
//   - success: an interval adapted to how often the feed publishes, clamped to [min, max];
//   - failure: exponential backoff from the minimum interval, capped;
//   - the server's own word (Retry-After, Cache-Control max-age) is a floor: no request before it;
//   - 410 Gone disables the source; other failures keep it, marked failing with the reason;
//   - a permanent redirect (301/308) that led to a good answer moves the source to its new
//     address, the old one kept in previousUrls: at once within the same site, after several
//     checks in a row to another site (move-policy.ts).
import type { Source, SourcePatch } from '../domain/source.js';
import { settingsChanges } from '../domain/settings-changes.js';
import { decideMove, pendingMoveOf } from './move-policy.js';

export interface SchedulePolicy {
  defaultIntervalSeconds: number;
  minIntervalSeconds: number;
  maxIntervalSeconds: number;
  maxBackoffSeconds: number;
}

/** The policy out of the options (Config holds these four among many): one copy for every caller. */
export function schedulePolicy(options: SchedulePolicy): SchedulePolicy {
  const { defaultIntervalSeconds, minIntervalSeconds, maxIntervalSeconds, maxBackoffSeconds } = options;
  return { defaultIntervalSeconds, minIntervalSeconds, maxIntervalSeconds, maxBackoffSeconds };
}

/** Consecutive retryable failures before a source shows as failing (a permanent error shows at once). */
export const FAILING_AFTER = 3;

/** The longest wait a Retry-After may impose (a server asking for a year is misconfigured). */
const MAX_SERVER_DELAY_MS = 7 * 86400_000;

export type CheckOutcome =
  | {
      kind: 'fetched';
      /** Epoch ms of the dated items in the document (publishing-rate evidence). */
      publishedTimes: number[];
      etag: string | null;
      lastModified: string | null;
      /** The feed's own refresh hint (RSS ttl, sy:updatePeriod). */
      ttlSeconds?: number;
      retryAfterMs?: number;
      maxAgeMs?: number;
      title?: string;
      siteUrl?: string;
      /** Source settings to store (a reader's cursor). */
      settings?: Record<string, unknown>;
      /** The address a permanent redirect moved the source to. */
      movedTo?: string;
    }
  | { kind: 'not-modified'; retryAfterMs?: number | undefined; maxAgeMs?: number | undefined; movedTo?: string | undefined }
  | {
      kind: 'failed';
      error: string;
      /** The reason as a key (src/domain/failure.ts), rendered in the reader's language. */
      errorKey?: string | undefined;
      /** Retrying the same request will not help soon (404, refused address, not a feed…). */
      permanent: boolean;
      /** 410 Gone: stop polling. */
      gone: boolean;
      retryAfterMs?: number;
    };

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

/**
 * The polling interval suggested by the items' dates: about half the typical gap between the
 * newest items, lengthened when the feed has gone quiet (the time since its newest item is
 * evidence too). With fewer than two dated items the current interval stands.
 */
export function adaptiveIntervalSeconds(publishedTimes: readonly number[], now: number, current: number, p: SchedulePolicy): number {
  const times = publishedTimes
    .filter((t) => Number.isFinite(t) && t <= now + 3600_000)
    .sort((a, b) => b - a)
    .slice(0, 20);
  if (times.length < 2) return clamp(current, p.minIntervalSeconds, p.maxIntervalSeconds);
  const newest = times[0]!;
  const oldest = times[times.length - 1]!;
  const gapMs = (newest - oldest) / (times.length - 1);
  const quietMs = Math.max(0, now - newest);
  const expectedMs = Math.max(gapMs, quietMs);
  return clamp(Math.round(expectedMs / 2000), p.minIntervalSeconds, p.maxIntervalSeconds);
}

/** Backoff after the n-th consecutive failure: min interval × 2^(n-1), capped. */
export function backoffSeconds(errorCount: number, p: SchedulePolicy): number {
  const base = Math.max(1, Math.min(p.minIntervalSeconds, p.maxBackoffSeconds));
  return Math.min(p.maxBackoffSeconds, base * 2 ** Math.min(30, Math.max(0, errorCount - 1)));
}

/** The floor the server set on our next request, as an absolute time (0 when none). */
function serverFloor(now: number, retryAfterMs?: number, maxAgeMs?: number): number {
  const wait = Math.max(retryAfterMs ?? 0, maxAgeMs ?? 0);
  return wait > 0 ? now + Math.min(wait, MAX_SERVER_DELAY_MS) : 0;
}

/** The source fields to write after a check with this outcome. */
export function planNextCheck(source: Source, outcome: CheckOutcome, p: SchedulePolicy, now: number): SourcePatch {
  if (outcome.kind === 'failed') {
    const errorCount = source.errorCount + 1;
    if (outcome.gone) {
      return { status: 'disabled', errorCount, lastError: outcome.error, lastErrorKey: outcome.errorKey ?? null, lastCheckedAt: now };
    }
    const wait = backoffSeconds(errorCount, p) * 1000;
    const nextCheckAt = Math.max(now + wait, serverFloor(now, outcome.retryAfterMs));
    const failing = outcome.permanent || errorCount >= FAILING_AFTER;
    return {
      status: failing ? 'failing' : source.status === 'failing' ? 'failing' : source.status,
      errorCount,
      lastError: outcome.error,
      lastErrorKey: outcome.errorKey ?? null,
      lastCheckedAt: now,
      nextCheckAt,
    };
  }

  let interval = source.intervalSeconds || p.defaultIntervalSeconds;
  const patch: SourcePatch = { status: 'ok', errorCount: 0, lastError: null, lastErrorKey: null, lastCheckedAt: now, lastSuccessAt: now };
  if (outcome.kind === 'fetched') {
    interval = adaptiveIntervalSeconds(outcome.publishedTimes, now, interval, p);
    if (outcome.ttlSeconds) interval = clamp(Math.max(interval, outcome.ttlSeconds), p.minIntervalSeconds, p.maxIntervalSeconds);
    patch.etag = outcome.etag;
    patch.lastModified = outcome.lastModified;
    if (!source.title && outcome.title) patch.title = outcome.title;
    if (!source.siteUrl && outcome.siteUrl) patch.siteUrl = outcome.siteUrl;
  }
  const move = decideMove(source, outcome.movedTo, now);
  let settings = (outcome.kind === 'fetched' && outcome.settings) || source.settings;
  if (move.kind === 'move' && outcome.movedTo) {
    patch.url = outcome.movedTo;
    patch.previousUrls = [...source.previousUrls, { url: source.url, movedAt: now }];
  }
  if (move.kind === 'wait') settings = { ...settings, pendingMove: move.pending };
  else if (pendingMoveOf(settings)) {
    const { pendingMove: _done, ...rest } = settings;
    settings = rest;
  }
  // Only the keys this check changed (a reader's cursor, the pending move), never the object read
  // when the check began: an editor's save during the check keeps its keys (settings-changes.ts).
  const changes = settingsChanges(source.settings, settings);
  if (Object.keys(changes).length) patch.settingsChanges = changes;
  patch.intervalSeconds = interval;
  patch.nextCheckAt = Math.max(now + interval * 1000, serverFloor(now, outcome.retryAfterMs, outcome.maxAgeMs));
  return patch;
}
