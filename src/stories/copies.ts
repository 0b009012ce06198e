// Copy detection: is this article an earlier one seen again? Two ways to be the same article:
//  1. the same canonical URL (canonical-url.ts): AMP, mobile and tracking variants, edited
//     headlines republished at the same address;
//  2. near-identical text: syndicated wire copy under another headline, with a local intro, a
//     credit line or trimmed paragraphs. Candidates come from MinHash LSH buckets (minhash.ts);
//     each is verified on the exact shingle sets: the smaller set must be mostly contained in the
//     larger (containment ≥ MIN_CONTAINMENT), which a trimmed or prefixed copy is and two articles
//     sharing a cookie notice or a stock phrase are not.
// Only originals are indexed: a copy points at the original (its `root`), so a wire story
// republished 50,000 times keeps one entry per bucket and each new copy costs the same.
// Headline-only items are compared on their headline, and only with other headline-only items:
// a headline alone does not show that a text was copied.
import { canonicalUrl } from './canonical-url.js';
import { bandKeys, intersectionSize, shingles, signature, wordHashes } from './minhash.js';

/** Fewer words than this in the text and the article counts as headline-only. */
export const MIN_TEXT_WORDS = 20;
/** Share of the smaller shingle set found in the larger one for a near-duplicate. */
export const MIN_CONTAINMENT = 0.8;
/** Below this many shingles (short headlines) the sets must be contained entirely. */
export const SHORT_SET = 8;
/** Entries kept per LSH bucket (originals only, earliest first): bounds the work per article. */
export const MAX_BUCKET = 16;

interface Original {
  seq: number;
  id: string;
  headlineOnly: boolean;
  set: Uint32Array;
  bands: number[];
  url: string | null;
  /** Scratch: the last `find` round that verified it. */
  tried: number;
}

export interface CopyInput {
  id: string;
  title: string;
  text: string;
  url?: string | null | undefined;
}

export interface CopyMatch {
  /** Id of the original (the earliest copy). */
  id: string;
  seq: number;
  /** How the copy was recognised. */
  by: 'url' | 'text';
}

export interface Fingerprint {
  headlineOnly: boolean;
  set: Uint32Array;
  bands: number[];
  url: string | null;
}

export function fingerprint(a: CopyInput): Fingerprint {
  const textWords = a.text ? wordHashes(a.text) : [];
  const headlineOnly = textWords.length < MIN_TEXT_WORDS;
  const words = headlineOnly ? wordHashes(`${a.title}\n${a.text ?? ''}`) : textWords;
  const set = shingles(words);
  return { headlineOnly, set, bands: set.length === 0 ? [] : bandKeys(signature(set)), url: a.url ? canonicalUrl(a.url) : null };
}

function sameText(a: Fingerprint, b: Original): boolean {
  if (a.headlineOnly !== b.headlineOnly) return false;
  const small = Math.min(a.set.length, b.set.length);
  if (small === 0) return false;
  const common = intersectionSize(a.set, b.set);
  if (small < SHORT_SET) return common === small;
  return common / small >= MIN_CONTAINMENT;
}

export class CopyDetector {
  private readonly byUrl = new Map<string, Original>();
  private readonly buckets = new Map<number, Original[]>();
  private readonly bySeq = new Map<number, Original>();
  private round = 0;

  /** The original this article copies, or null. Does not index it. */
  find(fp: Fingerprint): CopyMatch | null {
    if (fp.url !== null) {
      const o = this.byUrl.get(fp.url);
      if (o) return { id: o.id, seq: o.seq, by: 'url' };
    }
    let best: Original | null = null;
    const round = ++this.round;
    for (const key of fp.bands) {
      const bucket = this.buckets.get(key);
      if (!bucket) continue;
      for (const o of bucket) {
        if (o.tried === round) continue;
        o.tried = round;
        if ((best === null || o.seq < best.seq) && sameText(fp, o)) best = o;
      }
    }
    return best ? { id: best.id, seq: best.seq, by: 'text' } : null;
  }

  /** Indexes an original article. */
  add(seq: number, id: string, fp: Fingerprint): void {
    const o: Original = { seq, id, headlineOnly: fp.headlineOnly, set: fp.set, bands: fp.bands, url: fp.url, tried: -1 };
    this.bySeq.set(seq, o);
    if (fp.url !== null && !this.byUrl.has(fp.url)) this.byUrl.set(fp.url, o);
    for (const key of fp.bands) {
      let b = this.buckets.get(key);
      if (!b) {
        b = [];
        this.buckets.set(key, b);
      }
      if (b.length < MAX_BUCKET) b.push(o);
    }
  }

  /** Forgets an original that left the time window. */
  remove(seq: number): void {
    const o = this.bySeq.get(seq);
    if (!o) return;
    this.bySeq.delete(seq);
    if (o.url !== null && this.byUrl.get(o.url) === o) this.byUrl.delete(o.url);
    for (const key of o.bands) {
      const b = this.buckets.get(key);
      if (!b) continue;
      const i = b.indexOf(o);
      if (i >= 0) b.splice(i, 1);
      if (b.length === 0) this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.bySeq.size;
  }
}
