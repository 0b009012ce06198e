// Copy detection: is this article an earlier one seen again? Two ways to be the same article:
//  1. the same canonical URL (canonical-url.ts): AMP, mobile and tracking variants, edited
//     headlines republished at the same address; the address the page itself names as its own
//     (rel=canonical / og:url, once extracted) counts beside the one the feed linked to, so a
//     partner page that names the original's address is found a copy of it;
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
import { bandKeysOf, hashedShingles, hashWords, intersectionSize } from './minhash.js';

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
  /** Addresses later articles find it by (see Fingerprint.claims). */
  claims: string[];
  /** Scratch: the last `find` round that verified it. */
  tried: number;
}

export interface CopyInput {
  id: string;
  title: string;
  text: string;
  url?: string | null | undefined;
  /** The address the page names as its own (rel=canonical / og:url), when extracted. */
  pageUrl?: string | null | undefined;
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
  /** Canonical addresses it is looked up by: the linked one and the page's own, distinct. */
  urls: string[];
  /**
   * Addresses later articles may find it by: the linked one, and the page's own only on the same
   * host. A page can say "I am a copy of X" about any X (that folds only itself), but must not
   * claim an address of another site, or an early page could fold that site's article under it.
   */
  claims: string[];
}

/**
 * The article's addresses in canonical form: linked and page-declared, distinct. A page that names
 * a site's front page as its canonical address (a common template mistake) would fold every
 * article of the site into one, so a page-declared address without a path is not used.
 */
function addresses(a: CopyInput): { urls: string[]; claims: string[] } {
  const urls: string[] = [];
  const claims: string[] = [];
  const linked = a.url ? canonicalUrl(a.url) : null;
  if (linked !== null) {
    urls.push(linked);
    claims.push(linked);
  }
  const page = a.pageUrl ? canonicalUrl(a.pageUrl) : null;
  if (page !== null && page !== linked) {
    const u = new URL(page);
    if (u.pathname !== '/' || u.search !== '') {
      urls.push(page);
      if (linked === null || new URL(linked).host === u.host) claims.push(page);
    }
  }
  return { urls, claims };
}

export function fingerprint(a: CopyInput): Fingerprint {
  const textWords = a.text ? hashWords(a.text) : 0;
  const headlineOnly = textWords < MIN_TEXT_WORDS;
  if (headlineOnly) hashWords(`${a.title}\n${a.text ?? ''}`);
  const set = hashedShingles();
  return { headlineOnly, set, bands: set.length === 0 ? [] : bandKeysOf(set), ...addresses(a) };
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
    // The earliest original under any of the article's addresses.
    let byUrl: Original | undefined;
    for (const u of fp.urls) {
      const o = this.byUrl.get(u);
      if (o && (byUrl === undefined || o.seq < byUrl.seq)) byUrl = o;
    }
    if (byUrl) return { id: byUrl.id, seq: byUrl.seq, by: 'url' };
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
    const o: Original = { seq, id, headlineOnly: fp.headlineOnly, set: fp.set, bands: fp.bands, claims: fp.claims, tried: -1 };
    this.bySeq.set(seq, o);
    for (const u of fp.claims) if (!this.byUrl.has(u)) this.byUrl.set(u, o);
    for (const key of fp.bands) {
      const b = this.buckets.get(key);
      // Most band keys are new: a literal of one is one small allocation, where an empty array's
      // first push reserves room for seventeen (21 bands per original).
      if (!b) this.buckets.set(key, [o]);
      else if (b.length < MAX_BUCKET) b.push(o);
    }
  }

  /** Forgets an original that left the time window. */
  remove(seq: number): void {
    const o = this.bySeq.get(seq);
    if (!o) return;
    this.bySeq.delete(seq);
    for (const u of o.claims) if (this.byUrl.get(u) === o) this.byUrl.delete(u);
    for (const key of o.bands) {
      const b = this.buckets.get(key);
      if (!b) continue;
      const i = b.indexOf(o);
      // Buckets are filled in arrival order and originals leave in it: mostly the first (shift, which
      // unlike splice builds no array of what it removed).
      if (i === 0) b.shift();
      else if (i > 0) b.splice(i, 1);
      if (b.length === 0) this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.bySeq.size;
  }
}
