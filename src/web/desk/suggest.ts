// Suggested names for a topic: spellings, transliterations and nicknames of its entities that
// stored stories use but the topic does not list yet. The evidence is co-occurrence:
//
// 1. Every recent entry is run through the topic's own matcher; an entry that matches an entity
//    is "about" it, and so is every entry clustered into the same story (src/stories groups the
//    coverage of one event across sources and languages: the Persian copy of a story about "MEK"
//    is about it even when it writes "مجاهدین خلق").
// 2. From each entry's headline and lead, candidate names are taken: runs of capitalised words
//    (Latin script) and word n-grams of scripts without case (Arabic, Persian), up to 3 words.
// 3. A candidate is suggested for an entity when it occurs in at least `minSupport` entries about
//    the entity and most of its occurrences (`minShare`) are in such entries: a name that follows
//    the entity around, not a word that is everywhere (a capital city, "Monday"). Over 50 or more
//    entries, the binomial chance of that many co-occurrences by accident (given the share of
//    entries about the entity) must also be under 1%.
// 4. Names the topic already has (names, aliases, acronyms, places, related terms, parts of them,
//    or what its matcher already matches with its spelling variants), rejected names and stop words are left
//    out. A candidate whose consonant frame (stories/transliterate.ts) equals a known name's in
//    another script is a transliteration; one within one edit of a known name is a spelling;
//    anything else that follows the entity is a nickname. Variants rank before nicknames.
import type { TopicDefinition } from '../../topics/definition.js';
import { withinOneEdit } from '../../topics/fuzzy.js';
import type { TopicMatcher } from '../../topics/matcher.js';
import { STOPWORDS } from '../../stories/stopwords.js';
import { translitKey } from '../../stories/transliterate.js';
import { normalizeTerm } from '../../text/normalize.js';
import { TOKEN_CAPITALIZED, tokenize } from '../../text/normalize-tokens.js';

export interface SuggestInput {
  id: number;
  title: string;
  text: string;
  storyId?: number | null | undefined;
}

export type SuggestionKind = 'spelling' | 'transliteration' | 'nickname';

export interface Suggestion {
  /** The name as first written in a story. */
  name: string;
  /** Folded form: what is compared and what a rejection remembers. */
  key: string;
  entity: string;
  kind: SuggestionKind;
  /** Entries about the entity that use the name, and entries that use it at all. */
  support: number;
  occurrences: number;
  /** Up to three headlines that use it. */
  examples: { id: number; title: string }[];
}

export interface SuggestOptions {
  minSupport?: number;
  minShare?: number;
  limit?: number;
  /** Folded names an editor rejected. */
  rejected?: ReadonlySet<string>;
}

/** Characters of the lead read for candidates besides the headline. */
const LEAD_CHARS = 400;
const MAX_WORDS = 3;

const isLatin = (s: string): boolean => /^[\p{Script=Latin}\p{N}'’-]+$/u.test(s);
const hasCaselessLetters = (s: string): boolean => /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Han}\p{Script=Thai}]/u.test(s);

interface Candidate {
  surface: string;
  key: string;
}

/** Candidate names of one text: capitalised runs and their sub-runs, caseless-script n-grams. */
function candidatesOf(text: string): Candidate[] {
  const tokens = tokenize(text);
  const out: Candidate[] = [];
  const emitRun = (run: typeof tokens): void => {
    for (let i = 0; i < run.length; i++) {
      for (let n = 1; n <= MAX_WORDS && i + n <= run.length; n++) {
        const words = run.slice(i, i + n);
        if (STOPWORDS.has(words[0]!.norm) || STOPWORDS.has(words[n - 1]!.norm)) continue;
        const surface = text.slice(words[0]!.start, words[n - 1]!.coreEnd);
        const key = words.map((w) => w.norm).join(' ');
        if (key.replace(/\s/g, '').length < 3 || /^\d+$/.test(key)) continue;
        out.push({ surface, key });
      }
    }
  };
  let run: typeof tokens = [];
  let runCaseless = false;
  const flush = (): void => {
    if (run.length) emitRun(run);
    run = [];
  };
  for (const t of tokens) {
    const word = text.slice(t.start, t.coreEnd);
    const caseless = hasCaselessLetters(word);
    const capital = !caseless && (t.flags & TOKEN_CAPITALIZED) !== 0 && isLatin(word);
    const fits = caseless || capital;
    // A gap in the text (punctuation, a line) ends a run as a lower-case word does.
    const prev = run[run.length - 1];
    const adjacent = prev !== undefined && /^[\s\-‐'’]*$/u.test(text.slice(prev.end, t.start));
    if (!fits || (run.length && (!adjacent || caseless !== runCaseless))) flush();
    if (fits) {
      run.push(t);
      runCaseless = caseless;
    }
  }
  flush();
  return out;
}

/** Below this many entries the evidence is thin anyway, and the chance test is skipped. */
const CHANCE_MIN_ENTRIES = 50;
const MAX_CHANCE = 0.01;

/**
 * The chance that at least `n` of a name's `all` occurrences fall in entries about the entity if
 * the name had nothing to do with it (binomial tail with the entity's share `p` of all entries).
 */
export function chanceOf(n: number, all: number, p: number): number {
  if (p <= 0) return n > 0 ? 0 : 1;
  if (p >= 1) return 1;
  let term = (1 - p) ** all; // k = 0
  let tail = 0;
  for (let k = 0; k <= all; k++) {
    if (k >= n) tail += term;
    term *= ((all - k) / (k + 1)) * (p / (1 - p));
  }
  return Math.min(1, tail);
}

function keyFrame(key: string): string {
  return key
    .split(' ')
    .map(translitKey)
    .filter((k) => k !== '')
    .join(' ');
}

export function suggestNames(
  topic: TopicDefinition,
  matcher: TopicMatcher,
  entries: readonly SuggestInput[],
  opts: SuggestOptions = {},
): Suggestion[] {
  const minSupport = opts.minSupport ?? 2;
  const minShare = opts.minShare ?? 0.6;
  const rejected = opts.rejected ?? new Set<string>();
  const known = new Set<string>();
  for (const e of topic.entities) for (const n of [e.name, ...e.aliases, ...e.acronyms, ...e.context]) known.add(normalizeTerm(n));
  for (const n of [...topic.places, ...topic.related]) known.add(normalizeTerm(n));

  // 1. What each entry, and each story, is about.
  const about = new Map<number, Set<string>>();
  const storyAbout = new Map<number, Set<string>>();
  for (const e of entries) {
    const ents = new Set<string>();
    for (const hit of matcher.match({ title: e.title, text: e.text })) {
      if (hit.id !== topic.id) continue;
      for (const m of hit.matches) if (m.entity) ents.add(m.entity);
    }
    if (!ents.size) continue;
    about.set(e.id, ents);
    if (e.storyId != null) {
      const s = storyAbout.get(e.storyId) ?? new Set<string>();
      for (const x of ents) s.add(x);
      storyAbout.set(e.storyId, s);
    }
  }

  // How many entries are about each entity (itself or through its story): the chance baseline.
  const aboutCount = new Map<string, number>();
  for (const e of entries) {
    const ents = new Set([...(about.get(e.id) ?? []), ...(e.storyId != null ? (storyAbout.get(e.storyId) ?? []) : [])]);
    for (const x of ents) aboutCount.set(x, (aboutCount.get(x) ?? 0) + 1);
  }

  // 2. and 3. Candidates, counted once per entry.
  const occurrences = new Map<string, number>();
  const support = new Map<string, Map<string, number>>();
  const surface = new Map<string, string>();
  const examples = new Map<string, { id: number; title: string }[]>();
  for (const e of entries) {
    const ents = new Set([...(about.get(e.id) ?? []), ...(e.storyId != null ? (storyAbout.get(e.storyId) ?? []) : [])]);
    const seen = new Set<string>();
    for (const c of [...candidatesOf(e.title), ...candidatesOf(e.text.slice(0, LEAD_CHARS))]) {
      if (seen.has(c.key)) continue;
      seen.add(c.key);
      occurrences.set(c.key, (occurrences.get(c.key) ?? 0) + 1);
      if (!surface.has(c.key)) surface.set(c.key, c.surface);
      if (ents.size) {
        const per = support.get(c.key) ?? new Map<string, number>();
        for (const x of ents) per.set(x, (per.get(x) ?? 0) + 1);
        support.set(c.key, per);
        const ex = examples.get(c.key) ?? [];
        if (ex.length < 3) ex.push({ id: e.id, title: e.title });
        examples.set(c.key, ex);
      }
    }
  }

  // 4. Filter and classify.
  const knownFrames = [...known].map((k) => ({ key: k, frame: keyFrame(k), caseless: hasCaselessLetters(k) }));
  const out: (Suggestion & { score: number })[] = [];
  // A part of a known name ("Acme" of "Acme Robotics") or a known name with more around it is no new name.
  const overlapsKnown = (key: string): boolean => {
    const k = ` ${key} `;
    for (const n of known) if (n && (` ${n} `.includes(k) || k.includes(` ${n} `))) return true;
    return false;
  };
  for (const [key, per] of support) {
    if (rejected.has(key) || overlapsKnown(key)) continue;
    const all = occurrences.get(key) ?? 0;
    const name = surface.get(key) ?? key;
    for (const [entity, n] of per) {
      if (n < minSupport || n / all < minShare) continue;
      // With many stories, a name can follow an entity by chance: ask that chance to be small.
      if (entries.length >= CHANCE_MIN_ENTRIES && chanceOf(n, all, (aboutCount.get(entity) ?? 0) / entries.length) > MAX_CHANCE) continue;
      // Already found by the matcher's own variants (plurals, fuzzy spellings): nothing to add.
      const covered = matcher
        .match({ title: name })
        .some((h) => h.id === topic.id && h.matches.some((m) => m.entity === entity && m.start === 0 && m.end === name.length));
      if (covered) continue;
      const caseless = hasCaselessLetters(key);
      const frame = keyFrame(key);
      let kind: SuggestionKind = 'nickname';
      for (const k of knownFrames) {
        if (k.caseless !== caseless && frame !== '' && frame === k.frame) kind = 'transliteration';
        else if (k.caseless === caseless && withinOneEdit(key.replace(/\s/g, ''), k.key.replace(/\s/g, ''))) kind = 'spelling';
        if (kind !== 'nickname') break;
      }
      out.push({
        name,
        key,
        entity,
        kind,
        support: n,
        occurrences: all,
        examples: examples.get(key) ?? [],
        score: n + (kind === 'nickname' ? 0 : 2) + n / all,
      });
    }
  }
  // Ties go to the longer name: "Kestrel Arm" says more than "Kestrel".
  out.sort((a, b) => b.score - a.score || b.key.length - a.key.length || a.key.localeCompare(b.key));
  // A longer name that holds a shorter suggested one with the same support says nothing more.
  const kept: Suggestion[] = [];
  for (const s of out) {
    if (kept.some((k) => k.entity === s.entity && k.support === s.support && (k.key.includes(s.key) || s.key.includes(k.key)))) continue;
    const { score: _score, ...rest } = s;
    kept.push(rest);
    if (kept.length >= (opts.limit ?? 15)) break;
  }
  return kept;
}
