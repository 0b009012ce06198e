// A document's items before adapting. A check stores at most maxNewEntriesPerCheck new entries,
// newest first; a sitemap can list 50,000 URLs. Adapting (and, for a sitemap, building each
// entry) is per item and was the check's longest synchronous stretch after the parse, so
// saveCapped (refresh-feed.ts) orders the items by the publishedAt they will adapt to, which is
// cheap to read, and adapts only those it hands to the store. What is stored is the same as
// adapting everything first: the same order (newest first, undated last, ties in document
// order), the same batches.
import type { NewEntry } from '../domain/entry.js';
import type { ParsedFeed } from '../ingest/parse/types.js';
import { adaptEntry, publishedAtOf } from './adapt-entry.js';

export interface PendingItems {
  readonly count: number;
  /** The publishedAt item `i` adapts to (adaptEntry's rule), without adapting it. */
  publishedAt(i: number, now: number): number | null;
  /** Item `i` adapted (as adaptEntries would). */
  adapt(i: number, now: number): NewEntry;
  /** Epoch ms of the dated items (published, else updated), in document order: the schedule's input. */
  publishedTimes(): number[];
  /**
   * The first `n` indices of newestOrder (by publishedAt at `now`) when they are known already (a
   * worker picked them), else undefined: the caller reads every publishedAt and orders them.
   */
  newest?(n: number, now: number): number[] | undefined;
}

export function timesOf(isos: Iterable<string | undefined>): number[] {
  const out: number[] = [];
  for (const iso of isos) {
    const t = iso ? Date.parse(iso) : NaN;
    if (!Number.isNaN(t)) out.push(t);
  }
  return out;
}

/** The entries of a parsed feed (a listing page's teasers, any reader's feed without `items`). */
export function pendingOfFeed(feed: ParsedFeed): PendingItems {
  return {
    count: feed.entries.length,
    publishedAt: (i, now) => publishedAtOf(feed.entries[i]!, now),
    adapt: (i, now) => adaptEntry(feed.entries[i]!, feed, now),
    publishedTimes: () => timesOf(feed.entries.map((e) => e.published ?? e.updated)),
  };
}

/** Whether item a comes before item b: newer first, undated last, ties in document order. */
function before(keys: readonly (number | null)[], a: number, b: number): boolean {
  const ka = keys[a] ?? Number.NEGATIVE_INFINITY;
  const kb = keys[b] ?? Number.NEGATIVE_INFINITY;
  return ka !== kb ? ka > kb : a < b;
}

/** Every index, newest first. */
export function newestOrder(keys: readonly (number | null)[]): number[] {
  return keys.map((_, i) => i).sort((a, b) => (before(keys, a, b) ? -1 : 1));
}

/**
 * The first `n` indices of newestOrder(keys), found in one pass with a heap of `n` (the last kept
 * on top), then ordered: O(count log n) instead of sorting every item.
 */
export function newestIndices(keys: readonly (number | null)[], n: number): number[] {
  if (n >= keys.length) return newestOrder(keys);
  if (n <= 0) return [];
  const heap: number[] = [];
  // Heap order: the parent comes after its children (the root is the last of the kept).
  const down = (at: number): void => {
    for (;;) {
      const l = 2 * at + 1;
      const r = l + 1;
      let last = at;
      if (l < heap.length && before(keys, heap[last]!, heap[l]!)) last = l;
      if (r < heap.length && before(keys, heap[last]!, heap[r]!)) last = r;
      if (last === at) return;
      [heap[at], heap[last]] = [heap[last]!, heap[at]!];
      at = last;
    }
  };
  const up = (at: number): void => {
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!before(keys, heap[parent]!, heap[at]!)) return;
      [heap[at], heap[parent]] = [heap[parent]!, heap[at]!];
      at = parent;
    }
  };
  for (let i = 0; i < keys.length; i++) {
    if (heap.length < n) {
      heap.push(i);
      up(heap.length - 1);
    } else if (before(keys, i, heap[0]!)) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort((a, b) => (before(keys, a, b) ? -1 : 1));
}
