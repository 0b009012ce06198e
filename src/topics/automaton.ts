// One compiled automaton for every phrase of every topic: a trie whose edges are skeleton keys
// of words (see skeleton.ts). A text is tokenized once; each distinct word is resolved once to
// the key ids it can stand for (its own skeleton, its Arabic-clitic-stripped forms, and for
// unknown long words the keys within one edit), cached across articles. Scanning then starts a
// walk at each word that begins some phrase; most words resolve to nothing and cost one hash
// lookup. A walk is at most as deep as the longest phrase, so the scan is linear in the text.
// Every candidate is then verified against the phrase's own precision rules.
import {
  TOKEN_BREAK_BEFORE,
  TOKEN_CAPITALIZED,
  TOKEN_HASHTAG_GLUED,
  TOKEN_HASHTAG_PART,
  TOKEN_HYPHEN_BEFORE,
  TOKEN_LINE_HYPHEN_BEFORE,
  TOKEN_LINE_JOINED,
  TOKEN_LOOKALIKE,
  TOKEN_POSSESSIVE,
  scanWords,
  tokenSurface,
} from '../text/normalize-tokens.js';
import { DeletionIndex } from './fuzzy.js';
import { AsciiWordCache, asciiWordHash } from './word-cache.js';
import type { PhrasePattern } from './pattern.js';
import { IZAFE, arabicCliticForms, skeleton } from './skeleton.js';

/** Why a phrase matched: same folded words, a spelling variant, a near-miss, or an acronym. */
export type MatchReason = 'exact' | 'variant' | 'fuzzy' | 'acronym';

/**
 * What the article's words were read through, when not as written (p-hashtags): a hashtag's words
 * ("#FreeIran2026"), a word broken by a hyphen at a line end ("Mojahe-\ndin"), or Cyrillic or
 * Greek letters that look Latin in a Latin word ("MЕK"). A phrase so read is never 'exact'.
 */
export type MatchVia = 'hashtag' | 'hyphenation' | 'lookalike';

export interface PhraseHit {
  /** Index into `patterns` (phrases) or `acronyms` (when reason is 'acronym'). */
  pattern: number;
  /** Ordinal (0-based word number in the field) of the first and last word matched. */
  firstWord: number;
  lastWord: number;
  /** UTF-16 offsets into the field. */
  start: number;
  end: number;
  reason: MatchReason;
  via?: MatchVia;
}

export interface AcronymPattern {
  /** Exact spelling, dots removed ("MEK"). */
  surface: string;
  group: number;
}

/** What one distinct word can stand for. */
interface Resolved {
  /** (key id, how) pairs, or null. */
  ids: Int32Array | null;
  /** (trie node, how) pairs for the ids that begin some phrase, or null: most words begin none. */
  starts: Int32Array | null;
  /** An izafe particle ("e" in "Mojahedin-e Khalq"), skippable inside a phrase. */
  izafe: boolean;
  /** Acronym pattern indexes whose lower-case form this word is, or null. */
  acronyms: number[] | null;
}

const NOTHING: Resolved = { ids: null, starts: null, izafe: false, acronyms: null };
const HOW_SKELETON = 0;
const HOW_CLITIC = 1;
const HOW_FUZZY = 2;
/** Resolved words kept across articles; dropped when full so memory stays bounded. */
const CACHE_MAX = 200_000;
/** Near-misses only between skeletons this long: one edit in a shorter one is too much. */
const FUZZY_SKELETON_MIN = 6;
/** No alias word is this long; longer "words" (base64, URLs, 5 MB of one letter) match nothing. */
const MAX_WORD = 64;
/** Shortest folded word, in text and alias, that may match as a spelling variant. */
const VARIANT_MIN = 5;
/** Longest "short word" for the shortWords filter: below VARIANT_MIN and FUZZY_TEXT_MIN. */
const SHORT_WORD = 4;
/** Shortest folded text word that may match as a near-miss. */
const FUZZY_TEXT_MIN = 6;

export class PhraseAutomaton {
  readonly patterns: PhrasePattern[] = [];
  readonly acronyms: AcronymPattern[] = [];
  private readonly vocab = new Map<string, number>();
  private readonly children: Map<number, number>[] = [new Map()];
  private readonly outputs: (number[] | undefined)[] = [undefined];
  private readonly fuzzy = new DeletionIndex();
  private readonly acronymIndex = new Map<string, number[]>();
  /**
   * A word of four letters or fewer can only take part as itself (see VARIANT_MIN and
   * FUZZY_TEXT_MIN): as a word of some phrase, an izafe particle or an acronym. This table,
   * indexed by the low 16 bits of the word's hash, marks those words, so the other short words
   * (the, of, and, said, ...: about half of any text) skip the cache lookup. Never a false "no".
   */
  private readonly shortWords = new Uint8Array(1 << 16);
  /** Plain ASCII words, looked up in place; other words by their folded form. */
  private readonly asciiCache = new AsciiWordCache<Resolved>(CACHE_MAX);
  private cache = new Map<string, Resolved>();

  // The words of the field being scanned that can take part in a match ("kept"), in order.
  // Everything else is only counted, so a typical article allocates almost nothing.
  private sText = '';
  private sOrdinal = 0;
  private kn = 0;
  private readonly kOrd: number[] = [];
  private readonly kStart: number[] = [];
  private readonly kEnd: number[] = [];
  private readonly kCore: number[] = [];
  private readonly kFlags: number[] = [];
  private readonly kNorm: string[] = [];
  private readonly kRes: Resolved[] = [];
  private sHits: PhraseHit[] = [];
  private sUpper = -1;
  /** What the phrase `verify` last accepted was read through, if anything. */
  private sVia: MatchVia | undefined = undefined;
  private readonly path: number[] = [];
  private readonly how: number[] = [];

  constructor() {
    for (const w of IZAFE) this.markShort(w);
  }

  private markShort(norm: string): void {
    if (norm.length <= SHORT_WORD && /^[a-z0-9]+$/.test(norm)) this.shortWords[asciiWordHash(norm) & 0xffff] = 1;
  }

  get nodeCount(): number {
    return this.children.length;
  }

  addPhrase(p: PhrasePattern): number {
    const index = this.patterns.length;
    this.patterns.push(p);
    let node = 0;
    for (const w of p.words) {
      this.markShort(w.norm);
      let id = this.vocab.get(w.skel);
      if (id === undefined) {
        id = this.vocab.size;
        this.vocab.set(w.skel, id);
      }
      if (w.fuzzy && [...w.skel].length >= FUZZY_SKELETON_MIN) this.fuzzy.add(w.skel, id);
      const kids = this.children[node] as Map<number, number>;
      let next = kids.get(id);
      if (next === undefined) {
        next = this.children.length;
        this.children.push(new Map());
        this.outputs.push(undefined);
        kids.set(id, next);
      }
      node = next;
    }
    const out = this.outputs[node];
    if (out === undefined) this.outputs[node] = [index];
    else out.push(index);
    this.cache.clear();
    this.asciiCache.clear();
    return index;
  }

  addAcronym(surface: string, group: number): number {
    const index = this.acronyms.length;
    this.acronyms.push({ surface, group });
    const key = surface.toLowerCase();
    this.markShort(key);
    const list = this.acronymIndex.get(key);
    if (list === undefined) this.acronymIndex.set(key, [index]);
    else list.push(index);
    this.cache.clear();
    this.asciiCache.clear();
    return index;
  }

  private resolveFolded(norm: string): Resolved {
    if (norm.length > MAX_WORD) return NOTHING;
    const list: number[] = [];
    const sk = skeleton(norm);
    const own = this.vocab.get(sk);
    if (own !== undefined) list.push(own, HOW_SKELETON);
    for (const form of arabicCliticForms(norm)) {
      const id = this.vocab.get(skeleton(form));
      if (id !== undefined && id !== own) list.push(id, HOW_CLITIC);
    }
    if (list.length === 0 && this.fuzzy.size > 0 && sk.length >= FUZZY_SKELETON_MIN) {
      for (const id of this.fuzzy.lookup(sk)) list.push(id, HOW_FUZZY);
    }
    let acronyms = this.acronymIndex.get(norm) ?? null;
    // "MEK's": the possessive is checked against the original spelling later.
    if (norm.length > 2 && norm.endsWith('s')) {
      const bare = this.acronymIndex.get(norm.slice(0, -1));
      if (bare) acronyms = acronyms ? [...acronyms, ...bare] : bare;
    }
    const izafe = IZAFE.has(norm);
    if (list.length === 0 && acronyms === null && !izafe) return NOTHING;
    const root = this.children[0] as Map<number, number>;
    const starts: number[] = [];
    for (let k = 0; k < list.length; k += 2) {
      const child = root.get(list[k] as number);
      if (child !== undefined) starts.push(child, list[k + 1] as number);
    }
    return {
      ids: list.length > 0 ? Int32Array.from(list) : null,
      starts: starts.length > 0 ? Int32Array.from(starts) : null,
      izafe,
      acronyms,
    };
  }

  private lookup(key: string, folded: string): Resolved {
    let r = this.cache.get(key);
    if (r === undefined) {
      r = this.resolveFolded(folded);
      if (this.cache.size >= CACHE_MAX) this.cache = new Map();
      this.cache.set(key, r);
    }
    return r;
  }

  private readonly visit = (start: number, end: number, coreEnd: number, flags: number, folded: string | null, hash: number): void => {
    const ord = this.sOrdinal++;
    let r: Resolved;
    let norm: string;
    if (folded === null) {
      if (end - start <= SHORT_WORD && this.shortWords[hash & 0xffff] === 0) return;
      const cache = this.asciiCache;
      const e = cache.find(this.sText, start, end, hash);
      if (e >= 0) {
        r = cache.value(e);
        if (r === NOTHING) return;
        norm = cache.key(e);
      } else {
        if (end - start > MAX_WORD) return;
        norm = this.sText.slice(start, end).toLowerCase();
        r = this.resolveFolded(norm);
        cache.set(norm, hash, r);
        if (r === NOTHING) return;
      }
    } else {
      r = folded.length > MAX_WORD ? NOTHING : this.lookup(folded, folded);
      if (r === NOTHING) {
        // "anti-\nwar" read joined is no word the topics know: read it as its parts instead.
        if ((flags & TOKEN_LINE_JOINED) !== 0) this.visitParts(start, end, flags, ord);
        return;
      }
      norm = folded;
    }
    const k = this.kn++;
    this.kOrd[k] = ord;
    this.kStart[k] = start;
    this.kEnd[k] = end;
    this.kCore[k] = coreEnd;
    this.kFlags[k] = flags;
    this.kNorm[k] = norm;
    this.kRes[k] = r;
  };

  /**
   * A word joined across a line end that resolved to nothing, read as the words it was written as
   * (the hyphen at the line end may be a compound's own), in its place in the word count.
   */
  private visitParts(start: number, end: number, flags: number, ord: number): void {
    this.sOrdinal = ord;
    let first = true;
    scanWords(
      this.sText.slice(start, end),
      (a, b, core, f, folded, hash) => {
        const own = f & ~(TOKEN_BREAK_BEFORE | TOKEN_HYPHEN_BEFORE);
        const outer = first ? flags & (TOKEN_BREAK_BEFORE | TOKEN_HYPHEN_BEFORE | TOKEN_LINE_HYPHEN_BEFORE) : TOKEN_LINE_HYPHEN_BEFORE;
        first = false;
        this.visit(start + a, start + b, start + core, own | outer, folded, hash);
      },
      true,
    );
  }

  /** Appends every verified phrase and acronym occurrence in `text` to `hits`. */
  scan(text: string, hits: PhraseHit[]): void {
    this.sText = text;
    this.sOrdinal = 0;
    this.kn = 0;
    this.sHits = hits;
    this.sUpper = -1;
    scanWords(text, this.visit, true, true);
    for (let i = 0; i < this.kn; i++) {
      const res = this.kRes[i] as Resolved;
      if (res.acronyms !== null) this.checkAcronyms(i, res.acronyms);
      const st = res.starts;
      if (st === null) continue;
      this.path[0] = i;
      for (let k = 0; k < st.length; k += 2) {
        this.how[0] = st[k + 1] as number;
        this.walk(st[k] as number, 1, false);
      }
    }
    this.sHits = [];
    this.sText = '';
  }

  private walk(node: number, depth: number, skipped: boolean): void {
    const out = this.outputs[node];
    if (out !== undefined) {
      for (const p of out) {
        const reason = this.verify(this.patterns[p] as PhrasePattern, depth, skipped);
        if (reason !== null) {
          const first = this.path[0] as number;
          const last = this.path[depth - 1] as number;
          this.sHits.push({
            pattern: p,
            firstWord: this.kOrd[first] as number,
            lastWord: this.kOrd[last] as number,
            start: this.kStart[first] as number,
            end: this.kEnd[last] as number,
            reason,
            ...(this.sVia === undefined ? {} : { via: this.sVia }),
          });
        }
      }
    }
    const kids = this.children[node] as Map<number, number>;
    if (kids.size === 0) return;
    const prev = this.path[depth - 1] as number;
    let j = prev + 1;
    let want = (this.kOrd[prev] as number) + 1;
    let skip = false;
    // An izafe particle between two words of a phrase ("Mojahedin-e Khalq") may be skipped.
    if (
      j < this.kn &&
      this.kOrd[j] === want &&
      ((this.kFlags[j] as number) & TOKEN_BREAK_BEFORE) === 0 &&
      (this.kRes[j] as Resolved).izafe
    ) {
      j++;
      want++;
      skip = true;
    }
    if (j >= this.kn || this.kOrd[j] !== want) return;
    if (((this.kFlags[j] as number) & TOKEN_BREAK_BEFORE) !== 0) return;
    const r = (this.kRes[j] as Resolved).ids;
    if (r === null) return;
    for (let k = 0; k < r.length; k += 2) {
      const child = kids.get(r[k] as number);
      if (child === undefined) continue;
      this.path[depth] = j;
      this.how[depth] = r[k + 1] as number;
      this.walk(child, depth + 1, skipped || skip);
    }
  }

  private verify(p: PhrasePattern, depth: number, skipped: boolean): MatchReason | null {
    let exact = skipped === p.izafe && !p.derived;
    let fuzzy = 0;
    let variants = 0;
    let capital = false;
    let via: MatchVia | undefined;
    for (let k = 0; k < depth; k++) {
      const t = this.path[k] as number;
      const flags = this.kFlags[t] as number;
      const w = p.words[k];
      if (w === undefined) return null;
      via ??= readThrough(flags, k > 0);
      if ((flags & TOKEN_CAPITALIZED) !== 0) capital = true;
      // "Ashraf's camp" is somebody's camp, not "Ashraf Camp".
      if (k < depth - 1 && (flags & TOKEN_POSSESSIVE) !== 0 && !w.possessive) return null;
      const how = this.how[k] as number;
      const norm = this.kNorm[t] as string;
      if (
        how === HOW_SKELETON &&
        (norm === w.norm || ((flags & TOKEN_POSSESSIVE) !== 0 && norm.length === w.norm.length + 1 && norm.startsWith(w.norm)))
      ) {
        continue;
      }
      exact = false;
      if (p.exactOnly) return null;
      if (how === HOW_FUZZY) {
        if (!w.fuzzy || norm.length < FUZZY_TEXT_MIN) return null;
        fuzzy++;
      } else if (how === HOW_SKELETON) {
        // Skeletons of short words collide with everyday words ("said" ~ "Saada", "army" ~
        // "Urmia"): a spelling variant needs five letters on both sides.
        if (norm.length < VARIANT_MIN || w.norm.length < VARIANT_MIN) return null;
        variants++;
      } else variants++;
    }
    // One near-miss per phrase, and then every other word exactly as written: "Ansar region"
    // is not "Ansari-e Rabbani".
    if (fuzzy > 1 || (fuzzy === 1 && variants > 0)) return null;
    if (p.surface !== null) {
      const t = this.path[0] as number;
      if (this.surfaceOf(t) !== p.surface) return null;
    } else if (p.capitalGuard && !capital && this.fieldHasCapitals()) return null;
    this.sVia = via;
    if (via !== undefined) exact = false;
    if (exact) return 'exact';
    return fuzzy > 0 ? 'fuzzy' : 'variant';
  }

  private fieldHasCapitals(): boolean {
    if (this.sUpper < 0) this.sUpper = /\p{Lu}/u.test(this.sText) ? 1 : 0;
    return this.sUpper === 1;
  }

  /**
   * The case-kept spelling of kept word `t` for case-sensitive names (acronyms, short capitals
   * aliases), or null: an acronym glued into a longer hashtag word ("#StopMEK", "#MEK2026") is
   * part of another word, never the acronym by itself; "#MEK" alone, or set apart by an underscore
   * the writer put there ("#MEK_Iran"), is the word MEK.
   */
  private surfaceOf(t: number): string | null {
    const flags = this.kFlags[t] as number;
    if ((flags & TOKEN_HASHTAG_GLUED) !== 0) return null;
    return tokenSurface(this.sText, { start: this.kStart[t] as number, coreEnd: this.kCore[t] as number }, (flags & TOKEN_LOOKALIKE) !== 0);
  }

  private checkAcronyms(k: number, list: number[]): void {
    const start = this.kStart[k] as number;
    const coreEnd = this.kCore[k] as number;
    const surface = this.surfaceOf(k);
    if (surface === null) return;
    const via = readThrough(this.kFlags[k] as number, false);
    for (const a of list) {
      if ((this.acronyms[a] as AcronymPattern).surface === surface) {
        const ord = this.kOrd[k] as number;
        this.sHits.push({
          pattern: a,
          firstWord: ord,
          lastWord: ord,
          start,
          end: coreEnd,
          reason: 'acronym',
          ...(via === undefined ? {} : { via }),
        });
      }
    }
  }
}

/**
 * What a word of a match was read through (see MatchVia), from its token flags; `inside`: not the
 * match's first word, so a line end crossed before it is inside the match.
 */
function readThrough(flags: number, inside: boolean): MatchVia | undefined {
  if ((flags & TOKEN_LOOKALIKE) !== 0) return 'lookalike';
  if ((flags & TOKEN_HASHTAG_PART) !== 0) return 'hashtag';
  if ((flags & TOKEN_LINE_JOINED) !== 0 || (inside && (flags & TOKEN_LINE_HYPHEN_BEFORE) !== 0)) return 'hyphenation';
  return undefined;
}
