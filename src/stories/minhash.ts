// Near-duplicate fingerprints. An article's words become overlapping three-word shingles
// (hashed to 32 bits); a MinHash signature of SIG_BINS values summarises the shingle set so that
// two signatures agree in about the fraction of bins that the sets' Jaccard similarity says.
// One-permutation hashing (each shingle hashed once, the hash picks a bin and competes for its
// minimum) keeps the cost at one hash per shingle; empty bins of short texts borrow the next
// filled bin (rotation densification) so equal sets still get equal signatures.
// LSH: the signature is cut into BANDS bands of ROWS values (the last bin is left over); articles sharing any band are
// candidates, so no article is ever compared with all others.
import { scanWords, type WordVisitor } from '../text/normalize-tokens.js';

export const SHINGLE_WORDS = 3;
export const SIG_BINS = 64;
/** LSH bands of ROWS values: a pair with Jaccard J becomes a candidate with probability
 * 1 − (1 − J^ROWS)^BANDS: 0.93 at J = 0.5, 0.99 at 0.6 (a trimmed copy), 0.3 at 0.25. */
export const ROWS = 3;
export const BANDS = Math.floor(SIG_BINS / ROWS);
/** Words beyond this are not shingled: a copy is recognisable from its first pages. */
export const MAX_SHINGLE_WORDS = 800;

/** 32-bit finaliser (MurmurHash3 fmix32): spreads every input bit over the output. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 units, then mixed. */
export function hashString(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return mix32(h);
}

/**
 * `hashString(s.slice(start, end).toLowerCase())`, without the slice or the lower-cased string
 * when that part of `s` is plain ASCII (where lower-casing only maps A–Z): the clusterer hashes
 * every paragraph of every text, most of which it never keeps.
 */
export function hashLowerRange(s: string, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) return hashString(s.slice(start, end).toLowerCase());
    h = Math.imul(h ^ (c >= 0x41 && c <= 0x5a ? c + 32 : c), 0x01000193);
  }
  return mix32(h);
}

/** Folded words of a text (at most MAX_SHINGLE_WORDS), hashed. */
export function wordHashes(text: string): number[] {
  return Array.from(HASHED.subarray(0, hashWords(text)));
}

// The word hashes of the last `hashWords` call (a reused buffer: no array per article).
const HASHED = new Uint32Array(MAX_SHINGLE_WORDS);
let hashedCount = 0;
// Plain ASCII words come with the tokenizer's own hash of their lower-cased form (no string
// built); other words are hashed from their folded form.
const hashWord: WordVisitor = (_start, _end, _core, _flags, folded, hash) => {
  if (hashedCount < MAX_SHINGLE_WORDS) HASHED[hashedCount++] = folded === null ? mix32(hash) : hashString(folded);
};

/** Hashes the folded words of a text (at most MAX_SHINGLE_WORDS) into a reused buffer; returns how many. */
export function hashWords(text: string): number {
  hashedCount = 0;
  scanWords(text, hashWord);
  return hashedCount;
}

/** `shingles` of the words of the last `hashWords` call. */
export function hashedShingles(): Uint32Array {
  return shingles(HASHED, hashedCount);
}

// Scratch buffers reused across calls (allocating a typed array per article cost more than
// filling it): the shingles before de-duplication, and a signature's filled bins. Only the final
// shingle set, which is kept, is allocated.
let SHINGLE_SCRATCH = new Uint32Array(MAX_SHINGLE_WORDS);
const FILLED_SCRATCH = new Uint8Array(SIG_BINS);

/** Sorted, distinct shingle hashes of a word sequence (a text of fewer words is one shingle). */
export function shingles(words: ArrayLike<number>, n: number = words.length): Uint32Array {
  if (n === 0) return new Uint32Array(0);
  const count = Math.max(1, n - SHINGLE_WORDS + 1);
  if (SHINGLE_SCRATCH.length < count) SHINGLE_SCRATCH = new Uint32Array(count);
  const out = SHINGLE_SCRATCH.subarray(0, count);
  for (let i = 0; i < count; i++) {
    let h = 0x9747b28c;
    for (let k = 0; k < SHINGLE_WORDS && i + k < n; k++) h = mix32(h ^ (words[i + k] as number)) + k;
    out[i] = mix32(h);
  }
  out.sort();
  let w = 0;
  for (let i = 0; i < count; i++) if (i === 0 || out[i] !== out[w - 1]) out[w++] = out[i] as number;
  return out.slice(0, w);
}

/** One-permutation MinHash signature with rotation densification. */
export function signature(set: Uint32Array): Uint32Array {
  return signatureInto(set, new Uint32Array(SIG_BINS));
}

const SIG_SCRATCH = new Uint32Array(SIG_BINS);

/** Band keys of a shingle set's signature (computed in a reused buffer). */
export function bandKeysOf(set: Uint32Array): number[] {
  return bandKeys(signatureInto(set, SIG_SCRATCH));
}

/** `signature`, written into `sig` (SIG_BINS values), which it returns. */
function signatureInto(set: Uint32Array, sig: Uint32Array): Uint32Array {
  sig.fill(0xffffffff);
  const filled = FILLED_SCRATCH;
  filled.fill(0);
  for (let i = 0; i < set.length; i++) {
    const h = mix32((set[i] as number) ^ 0x5bd1e995);
    const bin = h >>> 26; // top 6 bits: 64 bins
    const v = h & 0x03ffffff;
    if (v < (sig[bin] as number)) sig[bin] = v;
    filled[bin] = 1;
  }
  if (set.length === 0) return sig;
  for (let b = 0; b < SIG_BINS; b++) {
    if (filled[b]) continue;
    let d = 1;
    while (!filled[(b + d) % SIG_BINS]) d++;
    sig[b] = mix32(((sig[(b + d) % SIG_BINS] as number) + d * 0x9e3779b1) >>> 0) & 0x03ffffff;
  }
  return sig;
}

/** Band seeds, hashed once (mix32 of the band number). */
const BAND_SEEDS = Uint32Array.from({ length: BANDS }, (_, b) => mix32(b + 1));

/**
 * Band keys of a signature: band index and its ROWS values hashed together, cut to 30 bits so a
 * key is a small integer to the engine (a map keyed by it neither boxes nor hashes a double). A
 * key collision only adds a candidate, and every candidate is verified on the shingle sets.
 */
export function bandKeys(sig: Uint32Array): number[] {
  const out: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = BAND_SEEDS[b] as number;
    for (let r = 0; r < ROWS; r++) h = mix32(h ^ (sig[b * ROWS + r] as number));
    out.push(h >>> 2);
  }
  return out;
}

/** |A ∩ B| of two sorted distinct arrays. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}
