// Online story clustering: one article in, its story out, at once (see README.md here for the
// rules and the figures). Memory is bounded by the time window: articles older than the window
// leave every index, and a story whose articles have all left is forgotten.
import { type Fingerprint, CopyDetector, fingerprint } from './copies.js';
import { type FeatureSink, featuresTo, LEAD_WORDS, TITLE_WEIGHT, wordsIn } from './features.js';
import { type JoinDecision, type JoinRule, joinRuleOf } from './join-decision.js';
import { JOIN_MODEL, MERGE_MODEL } from './join-model.js';
import { weekdayBit } from './lexicon.js';
import { hashLowerRange } from './minhash.js';
import { isSpace } from '../text/white-space.js';
import type { StoryArticle, StoryAssignment, StoryClusterer, StoryPlacement } from './types.js';

export interface ClusterOptions {
  /** Time window in ms: an article only joins stories with an article this close in time. */
  windowMs: number;
  /** Least similarity for an article to join a story (same-language comparison). */
  joinSame: number;
  /** Least similarity to join through a cross-language comparison (language-neutral features). */
  joinCross: number;
  /**
   * Least similarity to join through a member in the same language when either article is
   * headline-only (under `MIN_TEXT_WORDS` words of text): a vector of a handful of words.
   */
  joinHeadlines: number;
  /** Words of the text read as its lead (features come from the headline and the lead). */
  leadWords: number;
  /** Headline words count this many times. */
  titleWeight: number;
  /** Language-neutral features two articles in different languages must share to be compared. */
  minSharedCross: number;
  /**
   * …when neither of the two is headline-only (each has a text of `MIN_TEXT_WORDS` words or more):
   * a headline and its lead give an article a dozen language-neutral features or more (names,
   * numbers, concepts, a weekday), and two reports of one event share several of them. One shared
   * feature between two texts is a coincidence: one generic concept ("ministry" in a power
   * ministry's promise and in a foreign ministry's summons) or one colliding name key. In a quiet
   * window it still scored over the threshold: the cosine is over the neutral features alone, of
   * which an English text has few, and ln(1 + N/df) cannot tell a generic concept from a rare name
   * while the window holds a handful of articles (README.md, "One concept across languages").
   * Between two headlines one shared concept is most often the event, and stays enough.
   */
  minSharedCrossTexts: number;
  /**
   * Words (terms, each counted once whatever name key, concept or number it also gives) two
   * articles in the same language must share to be compared.
   */
  minSharedSame: number;
  /** A second story scoring at least this much with the article is merged into the first. */
  merge: number;
  /** Hours over which similarity halves with the time between two articles. */
  halfLifeHours: number;
  /** Size guard: a story never grows past this many original articles (copies not counted). */
  maxStorySize: number;
  /** Stories of at least this many originals need a second member to agree (cohesion guard). */
  cohesionSize: number;
  /** …at least this share of the join threshold (lower members are not even scored). */
  cohesionFloor: number;
  /** Features in more than this share of the window's articles are ignored (boilerplate). */
  maxDfShare: number;
  /**
   * …but never below this many articles: in a quiet window one event can fill most of it, and
   * a share of a few articles would cut that event's own words (IDF already weighs them down).
   */
  minDfCap: number;
  /** …and in more than this many articles, whatever the share (bounds the work per article). */
  maxDf: number;
  /** Postings read per feature, newest first (bounds the work per article). */
  maxScan: number;
  /** A date further than this past `now()` is not believed (a wrong clock or a placeholder). */
  maxFutureMs: number;
  /** The current time (the pipeline's clock; tests pass a fixed one). */
  now: () => number;
  /** Keep `lastExplain`: why the last article joined its story (costs a little per article). */
  explain: boolean;
  /**
   * Join or start, decided on the best candidate story when set (see join-decision.ts); null:
   * the best story is joined when it reaches its threshold.
   */
  joinRule: JoinRule | null;
  /**
   * With a joinRule, stories reaching this share of their threshold through a member in the
   * article's language are candidates (the rule may join below the threshold, or refuse above
   * it); through a member in another language they must reach the threshold itself.
   */
  candidateShare: number;
  /**
   * Merges of a second story the article also matches, vetoed when this returns false (it sees
   * the second story as a join candidate; `partnerLive` is the first story's size); null: none.
   */
  mergeRule: JoinRule | null;
  /**
   * The day guard: a story whose members' leads name weekdays is no candidate (to join or to
   * merge) for an article whose lead names weekdays, none of them the story's. News dates its
   * event in the lead ("ruled on Wednesday"), and a different day is a different event: a sibling
   * on the same topic a day later, not a follow-up (README.md, "Weekdays named in the lead").
   */
  dayGuard: boolean;
  /**
   * The day guard's exception for an event that runs over several days: a story the guard would
   * bar stays a candidate when the article's headline or lead says the event runs on ("for a
   * second day", "still", «لليوم الثاني», «ادامه یافت»: features.ts, CONTINUATION) and its lead
   * names the day after one the story's leads name (README.md, "Events over several days").
   */
  dayGuardCue: boolean;
  /**
   * …and only for a story that carries a name the cue speaks of, as its own: a name of the cue's
   * clause (features.ts, `FeatureSink.cueName`: "Evin hunger strikers refuse food for second day",
   * «تظاهرات أبي الخصيب تتواصل في البصرة») that at least half the window's articles carrying it
   * belong to the story. A cue says that *an* event runs on; a sibling a day later (another
   * trial's second day, a strike going on at another port) says it of its own event, whose names
   * the story lacks but for the topic's own (README.md, "Sibling guard round").
   */
  dayGuardCueNames: boolean;
  /**
   * A story of two or more originals is not merged through a pair across languages, either side
   * headline-only, whose only shared language-neutral feature is one name key: a name key is a
   * consonant skeleton, and every word of an Arabic-script headline gives one, so a lone shared
   * key is as often a common word meeting a name («بررسی» "review" and Paris, «السكر» "sugar" and
   * Square) as a name, and such a merge glues two stories (README.md, "Sibling guard round"). A
   * lone article is still folded in that way (if wrong, one article is misplaced), and joins are
   * not affected.
   */
  crossMergeNameKey: boolean;
  /**
   * Whether the topic's own names count as evidence of one event, as any feature (the build before
   * the topic-names round). By default (false) a topic entity id (`e:`) that most of the window
   * carries (`topicWideShare`) is kept with the article (explain views list it) but scores nothing
   * and is not a shared feature, and when its carriers are in several stories
   * (`topicWideStories`) the words of the names it was found under (`StoryArticle.entityNames`)
   * give no term, concept or name key: in a quiet window (under `minDfCap` articles the frequency
   * cut-off is off, and ln(1 + N/df) never falls under ln 2) they weighed a third of a rare place
   * name, and across languages, where they are most of what two short articles share, they joined
   * another event of the topic (README.md, "The topic's own names").
   */
  topicNamesAsEvent: boolean;
  /**
   * A topic entity carried by more than this share of the window's originals is the desk's own
   * subject: it weighs nothing (unless `topicNamesAsEvent`). Under it, the entity weighs as any
   * feature (its IDF), standing alone for the words of its names.
   */
  topicWideShare: number;
  /**
   * …and its names' words give no feature when, besides, its carriers in the window belong to at
   * least this many stories: then the name is the topic's, recurring over its events; carried by one
   * event filling a quiet window (a camp's land law, all its coverage), it is that event's name.
   */
  topicWideStories: number;
  /**
   * A country (`p:`, features.ts, text/places.ts) carried by more than `topicWideShare` of the
   * window's originals is the desk's own country, as a topic entity that wide is its subject: it
   * weighs nothing and is not counted as shared. On an Iran desk «ایران» and "Iran" are in most
   * articles; weighed, they joined two events across languages on one concept besides (README.md,
   * "Country names across scripts"). Under that share a country weighs as any feature. False:
   * countries always weigh.
   */
  widePlaces: boolean;
  /**
   * Country names across scripts as features (`p:`, features.ts `places`): "Niger", «النيجر» and
   * «نیجر» meet. Off by default: on the dev splits it helps headlines alone and hurts full texts
   * (README.md, "Country names across scripts"); `newsdesk cluster --places` turns it on, and the
   * desk's setting (store/desk.ts `clusterPlaces`) for the pipeline and re-clustering.
   */
  places: boolean;
  /**
   * The topic's names corroborate, they do not join: for an article carrying a topic entity whose
   * carriers in the window are in `topicWideStories` stories or more (a name recurring over the
   * topic's events, however small its share of the window), a member whose similarity to the
   * article without those entities and the words of the names they were found under
   * (`StoryArticle.entityNames`: terms, concepts, name keys) is under the cohesion floor neither
   * joins nor corroborates, as a member under the floor with them. One name gives up to five
   * features ("Camp Liberty": two words, a concept, two name keys) besides its entity id, and on a
   * desk with other news it is never most of the window (`topicWideShare`), so it weighed as a rare
   * name in each of its events (README.md, "Sibling events under a topic's own names").
   */
  topicNamesCorroborate: boolean;
  /**
   * The topic's names are not counted among the features two texts in different languages share
   * (`minSharedCrossTexts`): with `topicNamesCorroborate`, a spread topic entity's id and the
   * features of the words of its names say which topic, not which event, so "the court" and the
   * group's name between an English and a Persian lead are one feature of the event, not three
   * (README.md, "Unrelated events joined on the demo, second look"). False: they count as before.
   */
  crossTextsOwnFeatures: boolean;
  /**
   * A word counts once among the features two texts across languages share
   * (`minSharedCrossTexts`): the name key of an Arabic-script word that also gave a lexicon concept
   * («صادرات»: `c:exports`, `x:SDRT`) is not counted, as `minSharedSame` counts a word once
   * (README.md, "Unrelated events joined on the demo, second look"). False: both count.
   */
  crossTextsOneWord: boolean;
}

const HOUR = 3_600_000;

export const DEFAULT_OPTIONS: ClusterOptions = {
  windowMs: 72 * HOUR,
  joinSame: 0.22,
  joinCross: 0.08,
  joinHeadlines: 0.18,
  merge: 0.4,
  minSharedCross: 1,
  minSharedCrossTexts: 2,
  minSharedSame: 2,
  leadWords: LEAD_WORDS,
  titleWeight: TITLE_WEIGHT,
  halfLifeHours: 36,
  maxStorySize: 500,
  cohesionSize: 12,
  cohesionFloor: 0.25,
  maxDfShare: 0.1,
  minDfCap: 100,
  maxDf: 400,
  maxScan: 32,
  maxFutureMs: 24 * HOUR,
  now: Date.now,
  explain: false,
  joinRule: joinRuleOf(JOIN_MODEL),
  candidateShare: 0.7,
  mergeRule: joinRuleOf(MERGE_MODEL),
  dayGuard: true,
  dayGuardCue: true,
  dayGuardCueNames: true,
  crossMergeNameKey: true,
  topicNamesAsEvent: false,
  topicWideShare: 0.5,
  topicWideStories: 2,
  widePlaces: true,
  places: false,
  topicNamesCorroborate: true,
  crossTextsOwnFeatures: true,
  crossTextsOneWord: true,
};

/** The weekdays after those of `days` (weekdayBit: Monday 1 … Sunday 64; Sunday's next is Monday). */
function nextDays(days: number): number {
  return ((days << 1) | (days >> 6)) & 0x7f;
}

/**
 * Whether a story the day guard bars for `doc` reads as the same event running on: the article
 * says so (a continuation cue), its lead names the day after one of the story's days, and the
 * story carries a name of what the cue speaks of that is its own (`dayGuardCueNames`): at least
 * half the window's articles carrying it are the story's. The topic's own names ("Iranian",
 * Tehran on an Iran desk) are in every story, so they cannot say which event runs on.
 */
function continuing(s: Story, doc: Doc, o: ClusterOptions): boolean {
  if (!o.dayGuardCue || !doc.continues || (nextDays(s.days) & doc.days) === 0) return false;
  if (!o.dayGuardCueNames) return true;
  // Rare (a cue, a barred story, the next day): a walk over the members' features is cheap here.
  for (const f of doc.cueNames) {
    let carried = 0;
    for (const m of s.members) if (m.feats.includes(f)) carried++;
    if (carried > 0 && 2 * carried >= f.live) return true;
  }
  return false;
}

/**
 * Whether a pair across languages, either side headline-only, shares exactly one language-neutral
 * feature and it is a name key (`crossMergeNameKey`).
 */
function onlyNameKeyAcross(a: Doc, b: Doc, topicNames: boolean): boolean {
  if (sameLanguage(a, b) || !(a.headlineOnly || b.headlineOnly)) return false;
  let shared = 0;
  let name = false;
  for (const f of a.feats) {
    if (!f.neutral || (f.topic && !topicNames) || !b.feats.includes(f)) continue;
    if (++shared > 1) return false;
    name = f.key.startsWith('x:') || f.key.startsWith('p:');
  }
  return name;
}

/** A story with no member yet, started by an article (`pinned`: by an editor's placement). */
function emptyStory(id: string, pinned: boolean): Story {
  return { id, pinned, members: [], size: 0, live: 0, mark: -1, score: 0, second: 0, support: 0, need: 0, via: null, days: 0 };
}

interface Story {
  id: string;
  /**
   * Holds an article an editor placed (StoryArticle.story): never merged with another story, in
   * either direction, as the store never bridges a story an editor shaped.
   */
  pinned: boolean;
  members: Doc[];
  /** Originals ever joined (evicted ones included): the size guard's count. */
  size: number;
  /** Originals still in the window. */
  live: number;
  /** Scratch of `score`, valid while `mark` equals the current round: best and second member. */
  mark: number;
  score: number;
  second: number;
  /** Members that reached the cohesion floor, and the threshold of the best one's comparison. */
  support: number;
  need: number;
  /** The member that matched best. */
  via: Doc | null;
  /**
   * Weekdays its members' leads name (weekdayBit), or-ed over every member it ever had (merged ones
   * too); after an editor moved members out (relocate), over the members it still holds.
   */
  days: number;
}

interface Doc {
  seq: number;
  id: string;
  time: number;
  /** Language key: the given language, else the one its function words show, else `und-<script>`. */
  lang: string;
  /** The script its text is written in (SCRIPT_*), negated when its language is not known (sameLanguage). */
  script: number;
  /** Headline-only: under `MIN_TEXT_WORDS` words of text (the copy fingerprint's reading). */
  headlineOnly: boolean;
  story: Story;
  /** Its features: terms first, then language-neutral ones, each in the order first met. */
  feats: Feature[];
  norm: number;
  normNeutral: number;
  /** Weekdays its lead names (weekdayBit; the headline's are not read: "Super Tuesday", "Saturday Night Live"). */
  days: number;
  /** Its headline or lead says the event runs on (FeatureSink.continues). */
  continues: boolean;
  /** The names (terms and name keys) of what that cue speaks of (FeatureSink.cueName); empty without a cue. */
  cueNames: Feature[];
  /** Left the window. */
  dead: boolean;
  /** The hashes of its paragraphs it registered in the furniture count, for eviction. */
  paragraphs: number[];
  /**
   * Its row in the clusterer's per-article typed arrays (`Slots`) while in the window; the row is
   * reused once the article leaves (its postings are then among the dead oldest of each feature's,
   * never read).
   */
  slot: number;
}

/**
 * What `score` reads of the window's articles, in typed arrays by slot: the hot loops then read
 * packed numbers instead of chasing each article's object (and each double field's box), and the
 * postings need not touch the article at all.
 */
class Slots {
  cap = 1024;
  time = new Float64Array(this.cap);
  /** Language of the article, as an id of `langIds`. */
  lang = new Int32Array(this.cap);
  /** Its script, as `Doc.script`. */
  script = new Int32Array(this.cap);
  norm = new Float64Array(this.cap);
  normNeutral = new Float64Array(this.cap);
  /** Scratch accumulators of `score`, valid while `mark` equals the current round. */
  mark = new Int32Array(this.cap).fill(-1);
  dot = new Float64Array(this.cap);
  dotNeutral = new Float64Array(this.cap);
  sharedNeutral = new Int32Array(this.cap);
  sharedTerms = new Int32Array(this.cap);
  /** Shared neutral features that are not the article's topic names (`crossTextsOwnFeatures`). */
  sharedOwn = new Int32Array(this.cap);
  /** …the parts of `dot` and `dotNeutral` through the article's topic names (`topicNamesCorroborate`). */
  dotName = new Float64Array(this.cap);
  dotNameNeutral = new Float64Array(this.cap);
  doc: (Doc | undefined)[] = [];
  /** The story of the article in each slot (kept beside `doc` so scoring need not read the article). */
  story: (Story | undefined)[] = [];
  private readonly free: number[] = [];
  private next = 0;
  /** Languages of the articles in the slots, each with the number of slots using it. */
  private readonly langIds = new Map<string, { id: number; uses: number }>();
  private readonly freeLangIds: number[] = [];

  take(d: Doc): number {
    let s = this.free.pop();
    if (s === undefined) {
      if (this.next === this.cap) this.grow();
      s = this.next++;
    }
    this.time[s] = d.time;
    // Languages as small integers, so comparing two is one load; an id is freed with its last slot.
    let l = this.langIds.get(d.lang);
    if (l === undefined) {
      l = { id: this.freeLangIds.pop() ?? this.langIds.size, uses: 0 };
      this.langIds.set(d.lang, l);
    }
    l.uses++;
    this.lang[s] = l.id;
    this.script[s] = d.script;
    this.norm[s] = d.norm;
    this.normNeutral[s] = d.normNeutral;
    this.doc[s] = d;
    return s;
  }

  release(s: number): void {
    const d = this.doc[s];
    const l = d === undefined ? undefined : this.langIds.get(d.lang);
    if (d !== undefined && l !== undefined && --l.uses === 0) {
      this.langIds.delete(d.lang);
      this.freeLangIds.push(l.id);
    }
    this.doc[s] = undefined;
    this.story[s] = undefined;
    this.free.push(s);
  }

  private grow(): void {
    const cap = this.cap * 2;
    const f64 = (a: Float64Array): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array, fill: number): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(cap).fill(fill);
      b.set(a);
      return b;
    };
    this.time = f64(this.time);
    this.lang = i32(this.lang, 0);
    this.script = i32(this.script, 0);
    this.norm = f64(this.norm);
    this.normNeutral = f64(this.normNeutral);
    this.mark = i32(this.mark, -1);
    this.dot = f64(this.dot);
    this.dotNeutral = f64(this.dotNeutral);
    this.sharedNeutral = i32(this.sharedNeutral, 0);
    this.sharedTerms = i32(this.sharedTerms, 0);
    this.sharedOwn = i32(this.sharedOwn, 0);
    this.dotName = f64(this.dotName);
    this.dotNameNeutral = f64(this.dotNameNeutral);
    this.cap = cap;
  }
}

/** Why the last article went where it went (for explain views and tuning). */
export interface Explanation {
  id: string;
  story: string;
  score: number;
  /** The article it matched best, and the features they share. */
  via?: string;
  shared?: string[];
}

/**
 * A feature and its postings, oldest first: `p` holds two numbers per posting, the slot of an
 * article carrying it and the feature's weight there, side by side in one array of unboxed doubles
 * (no object per posting; scoring reads one run of memory per feature).
 * Articles are indexed and evicted in the same order (arrival: the eviction queue is first in,
 * first out), so the postings of articles that left the window are always the oldest: the
 * live postings are the last `live` of the `n` held, and the dead ones before them are dropped
 * lazily (`compact`). Nothing needs to check a posting's article.
 */
interface Feature {
  key: string;
  neutral: boolean;
  /** A topic entity id (`e:`): scores nothing unless `topicNamesAsEvent`. */
  topic: boolean;
  /** A country (`p:`): scores nothing while most of the window carries it (`widePlaces`). */
  place: boolean;
  p: number[];
  /** weekdayBit of its key. */
  day: number;
  /**
   * Postings held: entries of `p` past 2 × n are stale. Compaction lowers it and leaves the
   * array's length alone, so the next postings overwrite the stale ones instead of growing an
   * array that setting its length had just shrunk (an allocation per regrowth).
   */
  n: number;
  /** Live postings: the last `live` of the `n` held. */
  live: number;
  /** Scratch of `FeatureCollector`: the article it last counted this as a term (or as a neutral feature) of, and how often. */
  termRound: number;
  termTf: number;
  neutralRound: number;
  neutralTf: number;
  /** Scratch of `FeatureCollector`: the article it last came from a topic's name in (`naming`). */
  namedRound: number;
  /** Scratch of `FeatureCollector`: the article in which it was the key of a word that also gave a concept (`conceptKey`). */
  twinRound: number;
}

/**
 * Takes an article's features (featuresTo) straight onto the clusterer's feature objects, counting
 * each in scratch fields: two lists in the order of first occurrence, the order (and the counts)
 * of articleFeatures' maps, without a map per article or a second lookup per feature.
 */
class FeatureCollector implements FeatureSink {
  round = 0;
  readonly terms: Feature[] = [];
  nTerms = 0;
  readonly neutrals: Feature[] = [];
  nNeutrals = 0;
  /** Weekdays the lead of the article being collected names (not its headline), and whether the lead is being read. */
  days = 0;
  inLead = false;
  /** The article being collected says its event runs on (FeatureSink.continues). */
  cont = false;
  /** A word of a topic's name is being read (FeatureSink.naming), and whether any was. */
  inName = false;
  /** The feature `neutral` took last (the key `conceptKey` speaks of). */
  lastNeutral: Feature | null = null;
  named = false;
  /** …and the names of what its cue speaks of (FeatureSink.cueName). */
  readonly cueNames: Feature[] = [];
  nCueNames = 0;

  constructor(private readonly features: Map<string, Feature>) {}

  start(): void {
    this.round++;
    this.lastNeutral = null;
    this.nTerms = 0;
    this.nNeutrals = 0;
    this.days = 0;
    this.inLead = false;
    this.cont = false;
    this.nCueNames = 0;
    this.inName = false;
    this.named = false;
  }

  naming(on: boolean): void {
    this.inName = on;
  }

  /** Marks features of this article as the topic's names (the spread entities' ids), as `naming` marks words. */
  markNamed(features: readonly Feature[]): void {
    for (const f of features) {
      if (f.neutralRound !== this.round) continue;
      f.namedRound = this.round;
      this.named = true;
    }
  }

  lead(): void {
    this.inLead = true;
  }

  continues(): void {
    this.cont = true;
  }

  cueName(key: string): void {
    // Called after the features: a name is one of them (no feature is made for it here).
    const f = this.features.get(key);
    if (f !== undefined) this.cueNames[this.nCueNames++] = f;
  }

  private feature(key: string, neutral: boolean): Feature {
    let f = this.features.get(key);
    if (f === undefined) {
      f = {
        key,
        neutral,
        topic: neutral && key.startsWith('e:'),
        place: neutral && key.startsWith('p:'),
        p: [],
        day: neutral ? weekdayBit(key) : 0,
        n: 0,
        live: 0,
        termRound: 0,
        termTf: 0,
        neutralRound: 0,
        neutralTf: 0,
        namedRound: 0,
        twinRound: 0,
      };
      this.features.set(key, f);
    }
    return f;
  }

  term(key: string, n: number): void {
    const f = this.feature(key, false);
    if (f.termRound !== this.round) {
      f.termRound = this.round;
      f.termTf = 0;
      this.terms[this.nTerms++] = f;
    }
    f.termTf += n;
    if (this.inName) {
      f.namedRound = this.round;
      this.named = true;
    }
  }

  neutral(key: string, n: number): void {
    const f = this.feature(key, true);
    if (f.neutralRound !== this.round) {
      f.neutralRound = this.round;
      f.neutralTf = 0;
      this.neutrals[this.nNeutrals++] = f;
    }
    f.neutralTf += n;
    if (this.inLead) this.days |= f.day;
    if (this.inName) {
      f.namedRound = this.round;
      this.named = true;
    }
    this.lastNeutral = f;
  }

  conceptKey(): void {
    if (this.lastNeutral !== null) this.lastNeutral.twinRound = this.round;
  }
}

const NO_FEATURES: Feature[] = [];

const SCRIPT_NONE = 0;
const SCRIPT_LATIN = 1;
const SCRIPT_ARABIC = 2;

/** The script of the first letter of the headline and text (a few hundred characters looked at). */
function scriptOf(a: StoryArticle): number {
  const s = `${a.title} ${a.text}`;
  for (let i = 0; i < s.length && i < 400; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x0600 && c <= 0x06ff) return SCRIPT_ARABIC;
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return SCRIPT_LATIN;
  }
  return SCRIPT_NONE;
}

const UND_KEYS = ['und', 'und-latn', 'und-arab'];

/** A tag of lower-case letters only ("en"), already its own key: no string built per article. */
function plainLang(l: string): boolean {
  for (let i = 0; i < l.length; i++) {
    const c = l.charCodeAt(i);
    if (c < 0x61 || c > 0x7a) return false;
  }
  return true;
}

/**
 * The key of the article's declared language: its primary subtag, lower-cased ("en", "fa-IR" →
 * "fa", "pt_BR" → "pt"). A name ("English") or junk counts as not declared, so the function words
 * decide, instead of a key no other article shares.
 */
function declaredLang(lang: string | null | undefined): string | undefined {
  if (!lang) return undefined;
  if (lang.length <= 3 && lang.length >= 2 && plainLang(lang)) return lang;
  return /^[A-Za-z]{2,3}(?:[-_]|$)/.test(lang) ? (lang.toLowerCase().split(/[-_]/)[0] as string) : undefined;
}

/**
 * A language key for comparison: the declared language; else the language the function words of
 * the headline and lead show (`detected`, from the feature scan: "en", "de", …); else none is
 * known and the key is the script's (`und-latn`), compared as any language of that script
 * (sameLanguage). Feeds often declare no language: an English outlet without a declaration must
 * be compared with declared English coverage on its words, not across languages on shared
 * concepts alone, where "schools" and "Tuesday" joined a robotics prize to an air-quality alert.
 */
function langOf(declared: string | undefined, detected: string, script: number): string {
  return declared ?? (detected !== '' ? detected : (UND_KEYS[script] as string));
}

/**
 * Whether articles of different language keys are still compared in one language: one of them is
 * of no known language (its script negated) and both are written in the same script.
 */
function oneScriptOneUnknown(a: number, b: number): boolean {
  if (a >= 0 && b >= 0) return false;
  const s = a < 0 ? -a : a;
  return s !== SCRIPT_NONE && s === (b < 0 ? -b : b);
}

/**
 * Whether two articles are compared in one language (on all their features) rather than across
 * languages (on the language-neutral ones).
 */
function sameLanguage(a: Doc, b: Doc): boolean {
  return a.lang === b.lang || oneScriptOneUnknown(a.script, b.script);
}

export class OnlineStoryClusterer implements StoryClusterer {
  readonly options: ClusterOptions;
  private readonly copies = new CopyDetector();
  private readonly features = new Map<string, Feature>();
  private readonly collector = new FeatureCollector(this.features);
  // Scratch of the article being added (vectorise to index): its features' weights, in the order
  // of its features, and its features before the exact-size copy the article keeps.
  private qw = new Float64Array(256);
  /** …whether each came from the article's topic names (FeatureSink.naming; `topicNamesCorroborate`), and whether any did. */
  private qn = new Uint8Array(256);
  /** …whether each is the key of a word that also gave a concept (`conceptKey`; `crossTextsOneWord`). */
  private qt = new Uint8Array(256);
  private named = false;
  private readonly featScratch: Feature[] = [];
  /** Originals in the window, in arrival order (eviction queue). */
  private readonly queue: Doc[] = [];
  private queueHead = 0;
  private readonly bySeq = new Map<number, Doc>();
  private readonly slots = new Slots();
  // Scratch of `score`, kept between calls with a count of the entries in use (setting an array's
  // length to 0 would give its storage back, and every article would grow it again):
  /** …slots of the articles reached, in first-reached order; */
  private touched = new Int32Array(1024);
  /** …the stories reached, in first-reached order (entries past the count are stale, never read). */
  private readonly hits: Story[] = [];
  /** Copies' originals: id → story, for copies whose original is still in the window. */
  private seq = 0;
  private clock = Number.NEGATIVE_INFINITY;
  /** Why the last original article joined its story (copies: see duplicateOf). */
  lastExplain: Explanation | null = null;
  private storyCount = 0;
  private round = 0;
  /** Paragraphs of the originals in the window, by hash: how many articles carry each. */
  private readonly paragraphs = new Map<number, number>();
  /** Stories started by an editor's placement, by id, while they have members in the window. */
  private readonly pinned = new Map<string, Story>();

  constructor(options: Partial<ClusterOptions> = {}) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
  }

  /** Articles (originals) and features held: what the window bounds. */
  get stats(): { articles: number; features: number; copyIndex: number; stories: number } {
    return { articles: this.bySeq.size, features: this.features.size, copyIndex: this.copies.size, stories: this.storyCount };
  }

  /**
   * The time an article is filed under: its date, unless it has none (then the latest date
   * seen: it arrived now) or it lies more than maxFutureMs past the present (a wrong clock or a
   * placeholder date such as 2099; then also the latest date seen, so it neither pulls the window
   * forward nor evicts everything else).
   */
  private timeOf(a: StoryArticle): number {
    const p = a.published;
    const ok = typeof p === 'number' && Number.isFinite(p);
    if (!ok) return Number.isFinite(this.clock) ? this.clock : 0;
    if (p > this.options.now() + this.options.maxFutureMs) return Number.isFinite(this.clock) ? this.clock : 0;
    return p;
  }

  add(article: StoryArticle): StoryAssignment {
    const time = this.timeOf(article);
    if (time > this.clock) this.clock = time;
    this.evict();
    const title = typeof article.title === 'string' ? article.title : '';
    const text = typeof article.text === 'string' ? article.text : '';
    const fp: Fingerprint = fingerprint({ id: article.id, title, text, url: article.url, pageUrl: article.pageUrl });

    const pin = typeof article.story === 'string' && article.story !== '' ? article.story : null;
    const copy = this.copies.find(fp);
    if (copy) {
      const orig = this.bySeq.get(copy.seq);
      // A placed copy whose original sits in another story is filed where the editor put it.
      if (orig && (pin === null || orig.story.id === pin)) return { id: article.id, story: orig.story.id, duplicateOf: copy.id };
    }

    const seq = this.seq++;
    const doc = this.vectorise(seq, article, title, text, time, fp.headlineOnly);
    if (pin !== null) return this.place(article, doc, seq, fp, pin);
    const scores = this.score(doc);

    let best: Story | null = null;
    let bestScore = 0;
    const rule = this.options.joinRule;
    let runnerUp = 0;
    for (const story of scores) {
      if (rule === null && story.score < story.need) continue;
      if (
        story.score > bestScore ||
        (story.score === bestScore && best !== null && story.members[0] && best.members[0] && story.members[0].seq < best.members[0].seq)
      ) {
        best = story;
        bestScore = story.score;
      }
    }
    // Join or start: by default a learned rule (join-model.ts) reads the best candidate: its score
    // over its threshold, the margin to the next story, how many of its members agree, its size,
    // and the hours to it (README.md, "Join or start, learned"); a refusal starts a new story.
    if (rule !== null && best !== null) {
      for (const story of scores) if (story !== best && story.score / story.need > runnerUp) runnerUp = story.score / story.need;
      if (!rule(this.decision(doc, best, runnerUp, 0))) {
        best = null;
        bestScore = 0;
      }
    }
    const merged: string[] = [];
    let story: Story;
    if (best !== null) {
      story = best;
      // Merge: other stories the article matches strongly are the same event seen twice. Two
      // established stories (each with cohesionSize live originals or more) are folded together
      // only when two members of the other one reach the merge threshold: one close neighbour is
      // not enough to fold two big stories into one, as it is not enough to join one.
      // A lone article (a story of one original) is folded in at the join threshold instead,
      // through a member in the article's language: the article could have joined it as well as
      // the best story, so the three are one event, and the lone article is a new angle that found
      // no member of its own when it arrived (it shared one word, or its words sat under the
      // threshold). If wrong, one article lands in the wrong story (and may bridge later ones
      // through it); waiting for the merge threshold instead leaves it to collect the event's
      // later coverage as a second story.
      // Cross-language matches are too coarse for this (a shared concept scores high).
      const o = this.options;
      const first = best;
      const others = scores.filter(
        (s) =>
          s !== first &&
          !s.pinned &&
          !first.pinned &&
          s.score >= s.need &&
          (s.score >= o.merge ||
            (Math.min(s.size, first.size) === 1 && s.score >= o.joinSame && s.via !== null && sameLanguage(s.via, doc))) &&
          (Math.min(s.live, first.live) < o.cohesionSize || s.second >= o.merge) &&
          !(o.crossMergeNameKey && s.live > 1 && s.via !== null && onlyNameKeyAcross(doc, s.via, o.topicNamesAsEvent)) &&
          (o.mergeRule === null || o.mergeRule(this.decision(doc, s, first.score / first.need, first.live))),
      );
      others.sort((x, y) => y.score - x.score);
      for (const other of others) {
        if (story.size + other.size > this.options.maxStorySize) continue;
        story = this.mergeStories(story, other, merged);
      }
    } else {
      story = emptyStory(article.id, false);
      this.storyCount++;
    }
    this.file(doc, story, seq, article.id, fp);
    const via = best?.via;
    if (this.options.explain) this.lastExplain = { id: article.id, story: story.id, score: bestScore };
    if (via && this.lastExplain && this.options.explain) {
      const theirs = new Set(via.feats);
      this.lastExplain.via = via.id;
      this.lastExplain.shared = doc.feats.filter((f) => theirs.has(f)).map((f) => f.key);
    }
    const out: StoryAssignment = { id: article.id, story: story.id };
    if (merged.length > 0) out.merged = merged;
    return out;
  }

  /**
   * Files an article an editor placed in the story `pin` (started under that id when not in the
   * window): no scoring, no merge. Later articles score against it as against any story.
   */
  private place(article: StoryArticle, doc: Doc, seq: number, fp: Fingerprint, pin: string): StoryAssignment {
    const story = this.pinnedStory(pin);
    if (story.live === 0) this.storyCount++;
    this.file(doc, story, seq, article.id, fp);
    if (this.options.explain) this.lastExplain = { id: article.id, story: pin, score: 0 };
    return { id: article.id, story: pin };
  }

  /**
   * Files articles already in the window in the stories an editor has since placed them in
   * (StoryClusterer.relocate): each leaves its story for the placed story of that id (started when
   * none is in the window), which is then never merged, as if the article had come placed. A story
   * left with no member in the window is forgotten. The clusterer's own story of the same id as a
   * placement (the story the editor's merge kept, or the part a split left under the old id) is
   * folded into it with what it still holds: the store names them one story, the articles that
   * joined it after the editor included. Unknown ids (copies, articles that left the window) are
   * skipped, and returned (the caller may add them placed). Memory and indexes are untouched: an
   * article keeps its slot and postings, only its story changes.
   */
  relocate(placements: readonly StoryPlacement[]): StoryPlacement[] {
    const skipped: StoryPlacement[] = [];
    if (placements.length === 0) return skipped;
    const byId = new Map<string, Doc>();
    for (const d of this.bySeq.values()) byId.set(d.id, d);
    const pins = new Set<Story>();
    for (const p of placements) {
      if (typeof p.story !== 'string' || p.story === '') continue;
      const d = byId.get(p.id);
      if (d === undefined) {
        skipped.push(p);
        continue;
      }
      const to = this.pinnedStory(p.story);
      pins.add(to);
      this.move(d, to);
    }
    if (pins.size === 0) return skipped;
    const byKey = new Map<string, Story>();
    for (const s of pins) byKey.set(s.id, s);
    for (const d of byId.values()) {
      const to = byKey.get(d.story.id);
      if (to !== undefined && d.story !== to && !d.story.pinned) this.move(d, to);
    }
    return skipped;
  }

  /**
   * Forgets the articles `gone` names (StoryClusterer.forget): each leaves its story (whose weekdays
   * are then its remaining members', as after `move`; a story left empty is forgotten) and every
   * index — its postings, its paragraphs in the furniture count, its fingerprint for copies, its
   * place in the eviction queue — as if it had never been added. The weights other articles' postings
   * were given while it was in the window stay (a rebuild would give them without it): a share of
   * one article in the window's frequencies.
   */
  forget(gone: (id: string) => boolean): number {
    const out: Doc[] = [];
    for (const d of this.bySeq.values()) if (gone(d.id)) out.push(d);
    if (out.length === 0) return 0;
    const leaving = new Set(out);
    for (const d of out) {
      // Its story no more counts it toward the size guard either: a rebuild never counts it.
      this.leave(d);
      // Its postings: one per feature it carries (once per time listed), among the live ones (the last
      // `live` of each list, where its slot is its own); the later ones move up, so the live postings
      // stay the last of the list in arrival order, as eviction and scoring read them.
      for (const f of d.feats) {
        const ps = f.p;
        const from = 2 * (f.n - f.live);
        for (let k = 2 * (f.n - 1); k >= from; k -= 2) {
          if (ps[k] !== d.slot) continue;
          for (let j = k + 2; j < 2 * f.n; j++) ps[j - 2] = ps[j] as number;
          f.n--;
          f.live--;
          break;
        }
        if (f.live === 0) {
          this.features.delete(f.key);
          f.p.length = 0;
          f.n = 0;
        }
      }
      for (const h of d.paragraphs) {
        const n = (this.paragraphs.get(h) ?? 1) - 1;
        if (n <= 0) this.paragraphs.delete(h);
        else this.paragraphs.set(h, n);
      }
      d.paragraphs = [];
      d.feats = [];
      d.cueNames = NO_FEATURES;
      d.dead = true;
      this.copies.remove(d.seq);
      this.bySeq.delete(d.seq);
      this.slots.release(d.slot);
    }
    // The eviction queue without them, in arrival order (its head onward: those before it left).
    let w = this.queueHead;
    for (let r = this.queueHead; r < this.queue.length; r++) {
      const d = this.queue[r] as Doc;
      if (!leaving.has(d)) this.queue[w++] = d;
    }
    this.queue.length = w;
    return out.length;
  }

  /** The placed story `pin`, started (empty) when none is in the window. */
  private pinnedStory(pin: string): Story {
    let story = this.pinned.get(pin);
    if (!story) {
      story = emptyStory(pin, true);
      this.pinned.set(pin, story);
    }
    return story;
  }

  /** Moves a live member to another story (relocate): its old story is forgotten when left empty. */
  private move(d: Doc, to: Story): void {
    if (d.story === to) return;
    this.leave(d);
    if (to.live === 0) this.storyCount++;
    d.story = to;
    this.slots.story[d.slot] = to;
    // Members stay in arrival order (eviction takes the oldest first).
    let i = to.members.length;
    while (i > 0 && (to.members[i - 1] as Doc).seq > d.seq) i--;
    to.members.splice(i, 0, d);
    to.size++;
    to.live++;
    to.days |= d.days;
  }

  /**
   * Takes `d` out of its story (move and forget): out of its members, its size and live count, the
   * story forgotten when it holds no live member. The weekdays the story's leads name become those
   * of the members it keeps (r-recluster): a rebuild files only the window's members, so a story an
   * editor split a Wednesday report out of no longer names Wednesday for the day guard, and a new
   * Wednesday report is not drawn in.
   */
  private leave(d: Doc): void {
    const from = d.story;
    const at = from.members.indexOf(d);
    if (at >= 0) from.members.splice(at, 1);
    from.size--;
    from.live--;
    if (from.live === 0) {
      this.storyCount--;
      if (from.pinned && this.pinned.get(from.id) === from) this.pinned.delete(from.id);
    }
    let days = 0;
    for (const m of from.members) days |= m.days;
    from.days = days;
  }

  /** Makes `doc` a live member of `story`: indexed for later articles, its fingerprint kept for copies. */
  private file(doc: Doc, story: Story, seq: number, id: string, fp: Fingerprint): void {
    doc.story = story;
    this.slots.story[doc.slot] = story;
    story.members.push(doc);
    story.days |= doc.days;
    story.size++;
    story.live++;
    this.index(doc);
    this.copies.add(seq, id, fp);
  }

  /** What the join rule reads of a candidate story (valid right after `score`). */
  private decision(doc: Doc, s: Story, runnerUp: number, partnerLive: number): JoinDecision {
    const via = s.via as Doc;
    const first = s.members[0];
    const last = s.members[s.members.length - 1];
    return {
      story: s.id,
      via: via.id,
      score: s.score,
      need: s.need,
      cross: !sameLanguage(via, doc),
      runnerUp,
      second: s.second,
      support: s.support,
      live: s.live,
      partnerLive,
      gapHours: Math.abs(doc.time - via.time) / HOUR,
      spanHours: first && last ? Math.abs(last.time - first.time) / HOUR : 0,
    };
  }

  /** Folds the younger of two stories into the older; the older keeps its id. */
  private mergeStories(a: Story, b: Story, merged: string[]): Story {
    const aFirst = a.members[0]?.seq ?? Number.POSITIVE_INFINITY;
    const bFirst = b.members[0]?.seq ?? Number.POSITIVE_INFINITY;
    const [keep, gone] = aFirst <= bFirst ? [a, b] : [b, a];
    for (const d of gone.members) {
      d.story = keep;
      this.slots.story[d.slot] = keep;
      keep.members.push(d);
    }
    keep.members.sort((x, y) => x.seq - y.seq);
    keep.size += gone.size;
    keep.days |= gone.days;
    keep.live += gone.live;
    gone.members = [];
    gone.live = 0;
    this.storyCount--;
    merged.push(gone.id);
    return keep;
  }

  private vectorise(seq: number, a: StoryArticle, title: string, text: string, time: number, headlineOnly: boolean): Doc {
    const paragraphs: number[] = [];
    const c = this.collector;
    c.start();
    const spreadNames = this.options.topicNamesCorroborate && !this.options.topicNamesAsEvent ? this.spreadNames(a) : undefined;
    const declared = declaredLang(a.lang);
    const detected = featuresTo(
      c,
      title,
      this.freshParagraphs(text, paragraphs),
      a.entities,
      this.options.leadWords,
      this.options.titleWeight,
      declared,
      this.topicWideNames(a),
      this.options.places,
      spreadNames?.names,
    );
    // The spread entities' ids are the topic's names too.
    if (spreadNames !== undefined) c.markNamed(spreadNames.entities);
    const script = scriptOf(a);
    const lang = langOf(declared, detected, script);
    const known = declared !== undefined || detected !== '';
    const n = this.queue.length - this.queueHead + 1;
    const count = c.nTerms + c.nNeutrals;
    if (this.qw.length < count) {
      this.qw = new Float64Array(2 * count);
      this.qn = new Uint8Array(2 * count);
      this.qt = new Uint8Array(2 * count);
    }
    const qw = this.qw;
    const qn = this.qn;
    this.named = c.named;
    const all = this.featScratch;
    let norm = 0;
    let normNeutral = 0;
    // Terms, then neutral features: the order in which the weights are summed into the norms and
    // the postings are scored, as when they came in two maps.
    for (let i = 0; i < c.nTerms; i++) {
      const feat = c.terms[i] as Feature;
      const w = (1 + Math.log(feat.termTf)) * Math.log(1 + n / (feat.live + 1));
      all[i] = feat;
      qw[i] = w;
      qn[i] = feat.namedRound === c.round ? 1 : 0;
      norm += w * w;
    }
    for (let k = 0; k < c.nNeutrals; k++) {
      const feat = c.neutrals[k] as Feature;
      // The topic's entity, the desk's own country: kept (explain lists them), weighing nothing.
      const w =
        (feat.topic && this.topicWide(feat.live)) || (feat.place && this.placeWide(feat.live))
          ? 0
          : (1 + Math.log(feat.neutralTf)) * Math.log(1 + n / (feat.live + 1));
      all[c.nTerms + k] = feat;
      qw[c.nTerms + k] = w;
      qn[c.nTerms + k] = feat.namedRound === c.round ? 1 : 0;
      this.qt[c.nTerms + k] = feat.twinRound === c.round ? 1 : 0;
      norm += w * w;
      normNeutral += w * w;
    }
    const doc: Doc = {
      seq,
      id: a.id,
      time,
      lang,
      script: known ? script : -script,
      headlineOnly,
      days: c.days,
      continues: c.cont,
      cueNames: c.nCueNames === 0 ? NO_FEATURES : c.cueNames.slice(0, c.nCueNames),
      story: null as unknown as Story,
      feats: all.slice(0, count),
      norm: Math.sqrt(norm),
      normNeutral: Math.sqrt(normNeutral),
      dead: false,
      paragraphs,
      slot: -1,
    };
    doc.slot = this.slots.take(doc);
    return doc;
  }

  /** Whether a topic entity feature with `live` originals in the window is the desk's own subject. */
  private topicWide(live: number): boolean {
    const o = this.options;
    return !o.topicNamesAsEvent && live + 1 > o.topicWideShare * (this.queue.length - this.queueHead + 1);
  }

  /** Whether a country feature with `live` originals in the window is the desk's own country. */
  private placeWide(live: number): boolean {
    const o = this.options;
    return o.widePlaces && live + 1 > o.topicWideShare * (this.queue.length - this.queueHead + 1);
  }

  /**
   * Whether the live carriers of a feature (its newest `maxScan`, as scoring reads them) belong to
   * `topicWideStories` stories or more.
   */
  private spread(f: Feature): boolean {
    const need = this.options.topicWideStories;
    const seen: Story[] = [];
    const from = 2 * (f.n - Math.min(f.live, this.options.maxScan));
    for (let k = 2 * (f.n - 1); k >= from && seen.length < need; k -= 2) {
      const s = this.slots.story[f.p[k] as number];
      if (s !== undefined && !seen.includes(s)) seen.push(s);
    }
    return seen.length >= need;
  }

  /**
   * The names of the article's entities whose carriers in the window are in `topicWideStories`
   * stories or more (`spread`): names of the topic, recurring over its events, not of one event
   * (`topicNamesCorroborate`); undefined when there are none.
   */
  private spreadNames(a: StoryArticle): { names: string[]; entities: Feature[] } | undefined {
    const names = a.entityNames;
    if (names === undefined || names.length === 0) return undefined;
    let out: { names: string[]; entities: Feature[] } | undefined;
    for (const n of names) {
      if (n === null || typeof n !== 'object' || typeof n.name !== 'string') continue;
      const f = this.features.get(`e:${n.entity}`);
      if (f === undefined || !this.spread(f)) continue;
      out ??= { names: [], entities: [] };
      out.names.push(n.name);
      if (!out.entities.includes(f)) out.entities.push(f);
    }
    return out;
  }

  /**
   * The names of the article's entities that are the desk's own subject (`topicWideShare`): their
   * words give no feature (features.ts, `topicNames`); undefined when there are none.
   */
  private topicWideNames(a: StoryArticle): string[] | undefined {
    const names = a.entityNames;
    if (names === undefined || names.length === 0 || this.options.topicNamesAsEvent) return undefined;
    let out: string[] | undefined;
    for (const n of names) {
      if (n === null || typeof n !== 'object' || typeof n.name !== 'string') continue;
      const f = this.features.get(`e:${n.entity}`);
      if (f === undefined || !this.topicWide(f.live) || !this.spread(f)) continue;
      (out ??= []).push(n.name);
    }
    return out;
  }

  /**
   * The text without paragraphs that other articles in the window already carry word for word:
   * cookie notices, "Read more" stubs, newsletter lines. Copies never get here (they were folded
   * first), so a paragraph shared by two originals is site furniture, not the event; the first
   * article to carry it keeps it, every later one drops it, so it can never join two of them.
   * Paragraphs are the text split at runs of line breaks, trimmed, empty ones skipped, and the kept
   * ones joined by a blank line. Only the lead is read of what is returned (articleFeatures'
   * `leadOf`): once the kept paragraphs hold more than `leadWords` words the rest is counted but
   * not copied (the lead, the text up to the first word past it, is the same either way), and a
   * paragraph is hashed where it lies in the text, not sliced out of it.
   */
  private freshParagraphs(text: string, hashes: number[]): string {
    if (!text) return text;
    const counts = this.paragraphs;
    const enough = this.options.leadWords;
    let kept = '';
    let words = 0;
    const n = text.length;
    let from = 0;
    while (from < n) {
      let to = text.indexOf('\n', from);
      if (to < 0) to = n;
      let a = from;
      let b = to;
      from = to + 1;
      while (a < b && isSpace(text.charCodeAt(a))) a++;
      while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
      if (a === b) continue;
      // A signed key: a small integer to the map, where half the unsigned hashes are boxed doubles.
      const h = hashLowerRange(text, a, b) | 0;
      const seen = counts.get(h) ?? 0;
      counts.set(h, seen + 1);
      hashes.push(h);
      if (seen !== 0 || words > enough) continue;
      const t = text.slice(a, b);
      kept = kept === '' ? t : `${kept}\n\n${t}`;
      words += wordsIn(t);
    }
    return kept;
  }

  /**
   * The stories the article may join, in the order they were first reached, each with its best
   * similarity to the article (`score`, through `via`) and the second best (the story's scratch
   * fields).
   */
  private score(doc: Doc): Story[] {
    const o = this.options;
    const n = this.queue.length - this.queueHead;
    const dfCap = Math.min(o.maxDf, Math.max(o.minDfCap, o.maxDfShare * n));
    const sl = this.slots;
    const mark = sl.mark;
    const dots = sl.dot;
    const dotsNeutral = sl.dotNeutral;
    const shared = sl.sharedNeutral;
    const sharedTerms = sl.sharedTerms;
    const dotsName = sl.dotName;
    const dotsNameNeutral = sl.dotNameNeutral;
    const named = this.named && o.topicNamesCorroborate;
    const ownOnly = named && o.crossTextsOwnFeatures;
    const sharedOwn = sl.sharedOwn;
    const oneWord = o.crossTextsOneWord;
    // Accumulate dot products over the postings of the article's features (an inverted index:
    // only articles sharing a usable feature are ever touched). Same order of additions as one
    // sum per article in feature order, so the scores are exactly those of a plain loop.
    if (this.round === 0x7fffffff) {
      mark.fill(-1);
      for (const d of sl.doc) if (d) d.story.mark = -1;
      this.round = 0;
    }
    const round = ++this.round;
    let touched = this.touched;
    let nTouched = 0;
    const topicNames = o.topicNamesAsEvent;
    for (let i = 0; i < doc.feats.length; i++) {
      const f = doc.feats[i] as Feature;
      const qw = this.qw[i] as number;
      const name = named && this.qn[i] === 1;
      const twin = oneWord && this.qt[i] === 1;
      // A topic entity's or a country's postings weighed nothing while it was the desk's subject
      // or country (vectorise).
      const zeros = (f.topic && !topicNames) || f.place;
      if (f.live === 0 || f.live > dfCap || (zeros && qw === 0)) continue;
      if (f.n > 2 * f.live + 8) this.compact(f);
      const ps = f.p;
      const neutral = f.neutral;
      // Newest postings first, at most maxScan of them: a story's latest articles represent it
      // (single link needs only one good member), and this bounds the work per article when a
      // big story fills the window. Of the newest maxScan postings held, the live ones are the
      // newest min(maxScan, live) (the dead ones are the oldest): exactly those are read.
      const stop = 2 * (f.n - Math.max(0, Math.min(o.maxScan, f.live)));
      for (let k = 2 * (f.n - 1); k >= stop; k -= 2) {
        const t = ps[k] as number;
        if (zeros && ps[k + 1] === 0) continue;
        const p = qw * (ps[k + 1] as number);
        if (mark[t] !== round) {
          mark[t] = round;
          dots[t] = 0;
          dotsNeutral[t] = 0;
          shared[t] = 0;
          sharedOwn[t] = 0;
          sharedTerms[t] = 0;
          dotsName[t] = 0;
          dotsNameNeutral[t] = 0;
          if (nTouched === touched.length) {
            const grown = new Int32Array(touched.length * 2);
            grown.set(touched);
            touched = grown;
            this.touched = grown;
          }
          touched[nTouched++] = t;
        }
        dots[t] = (dots[t] as number) + p;
        if (name) {
          dotsName[t] = (dotsName[t] as number) + p;
          if (neutral) dotsNameNeutral[t] = (dotsNameNeutral[t] as number) + p;
        }
        if (neutral) {
          dotsNeutral[t] = (dotsNeutral[t] as number) + p;
          shared[t] = (shared[t] as number) + 1;
          if (!(ownOnly && name && f.topic) && !twin) sharedOwn[t] = (sharedOwn[t] as number) + 1;
        } else sharedTerms[t] = (sharedTerms[t] as number) + 1;
      }
    }
    const hits = this.hits;
    let nHits = 0;
    const decay = Math.LN2 / (o.halfLifeHours * HOUR);
    const floor = o.joinSame * o.cohesionFloor;
    const times = sl.time;
    const norms = sl.norm;
    const normsNeutral = sl.normNeutral;
    const docNorm = doc.norm;
    const docNormNeutral = doc.normNeutral;
    const langs = sl.lang;
    const scripts = sl.script;
    const docLang = langs[doc.slot] as number;
    const docScript = scripts[doc.slot] as number;
    for (let x = 0; x < nTouched; x++) {
      const t = touched[x] as number;
      const dt = Math.abs(doc.time - (times[t] as number));
      if (dt > o.windowMs) continue;
      let sim: number;
      // The similarity without the article's topic names (`topicNamesCorroborate`).
      let rest = 0;
      if (langs[t] === docLang || oneScriptOneUnknown(scripts[t] as number, docScript)) {
        // One shared word is not one event: between two short headlines a single rare word
        // ("Monday", a place, "share") gives a cosine over the join threshold on its own, and its
        // name key and concept only repeat it. Long texts never join on one word anyway.
        if ((sharedTerms[t] as number) < o.minSharedSame) continue;
        const dn = norms[t] as number;
        sim = docNorm > 0 && dn > 0 ? (dots[t] as number) / (docNorm * dn) : 0;
        if (named && sim > 0) rest = ((dots[t] as number) - (dotsName[t] as number)) / (docNorm * dn);
      } else {
        // Cross-language pairs share only numbers, name keys and entities: their cosine is put on
        // the same-language scale (joinCross maps to joinSame).
        // One shared feature is a coincidence between two short articles ("navy", a weekday);
        // it takes minSharedCross of them to say two languages report the same thing.
        if ((shared[t] as number) < o.minSharedCross) continue;
        // Two texts (neither headline-only) need minSharedCrossTexts: one feature between two
        // leads is a generic concept or a colliding key, not the event.
        // The topic's names are not the event's features (`crossTextsOwnFeatures`).
        if ((sharedOwn[t] as number) < o.minSharedCrossTexts && !doc.headlineOnly && !(sl.doc[t] as Doc).headlineOnly) continue;
        const nd = dotsNeutral[t] as number;
        const dn = normsNeutral[t] as number;
        sim = docNormNeutral > 0 && dn > 0 ? nd / (docNormNeutral * dn) : 0;
        if (named && sim > 0) rest = ((nd - (dotsNameNeutral[t] as number)) / (docNormNeutral * dn)) * (o.joinSame / o.joinCross);
        sim *= o.joinSame / o.joinCross;
      }
      if (sim < floor) continue; // decay only lowers it
      // Time counts as evidence: the same words a week apart are less likely the same event.
      const fade = Math.exp(-dt * decay);
      sim *= fade;
      // The topic's names say which topic, not which event: without them a member must still be a
      // neighbour (the cohesion floor) to join or corroborate; with them they add to its score.
      if (named && rest * fade < floor) continue;
      // Below cohesionFloor × the join threshold a member neither joins nor corroborates a join.
      if (sim < floor) continue;
      const d = sl.doc[t] as Doc;
      const s = sl.story[t] as Story;
      if (s.mark !== round) {
        s.mark = round;
        s.score = sim;
        s.second = 0;
        s.support = 1;
        s.via = d;
        hits[nHits++] = s;
      } else {
        s.support++;
        if (sim > s.score) {
          s.second = s.score;
          s.score = sim;
          s.via = d;
        } else if (sim > s.second) s.second = sim;
      }
    }
    // A story scores its best member (single link: a new angle on the event still joins).
    // A pair in one language with a headline alone on either side joins at joinHeadlines (below
    // joinSame): a headline is a vector of a handful of words, so a new angle on the event shares
    // two or three of them, and against a headline-plus-lead vector even a headline whose words
    // all recur there has a cosine bounded by the lead's length; the threshold was made for two
    // headline-plus-lead vectors. The two-word rule above still keeps the one-rare-word
    // coincidences out. Two texts, and pairs across languages (sparse neutral features: one
    // shared concept scores high), keep their thresholds; so do merges.
    // Guards: a full story takes no more articles; a large one needs a second member to agree (at
    // least cohesionFloor × the join threshold), so one loose neighbour cannot chain an article in.
    const out: Story[] = [];
    const share = o.joinRule === null ? 1 : o.candidateShare;
    for (let x = 0; x < nHits; x++) {
      const s = hits[x] as Story;
      const via = s.via as Doc;
      const same = sameLanguage(via, doc);
      const headlines = (doc.headlineOnly || via.headlineOnly) && same;
      s.need = headlines ? o.joinHeadlines : o.joinSame;
      if (s.score < s.need * (same ? share : 1) || s.size >= o.maxStorySize || (s.live >= o.cohesionSize && s.second === 0)) continue;
      // The day guard: the article's lead and the story's name weekdays, and none in common.
      if (o.dayGuard && doc.days !== 0 && s.days !== 0 && (s.days & doc.days) === 0 && !continuing(s, doc, o)) continue;
      out.push(s);
    }
    return out;
  }

  private index(doc: Doc): void {
    for (let i = 0; i < doc.feats.length; i++) {
      const f = doc.feats[i] as Feature;
      // Postings of evicted articles are dropped here too, not only when scored: a feature too
      // common to be scored would otherwise keep every article it ever saw.
      if (f.n > 2 * f.live + 8) this.compact(f);
      const k = 2 * f.n++;
      const ps = f.p;
      if (k < ps.length) {
        ps[k] = doc.slot;
        ps[k + 1] = this.qw[i] as number;
      } else ps.push(doc.slot, this.qw[i] as number);
      f.live++;
    }
    this.bySeq.set(doc.seq, doc);
    this.queue.push(doc);
  }

  /** Drops the postings of articles that left the window: the oldest n − live. */
  private compact(f: Feature): void {
    const ps = f.p;
    const from = 2 * (f.n - f.live);
    const to = 2 * f.n;
    for (let k = from; k < to; k++) ps[k - from] = ps[k] as number;
    f.n = f.live;
  }

  /** Drops articles older than the window from every index. */
  private evict(): void {
    const limit = this.clock - this.options.windowMs;
    while (this.queueHead < this.queue.length) {
      const d = this.queue[this.queueHead] as Doc;
      if (d.time >= limit) break;
      this.queueHead++;
      d.dead = true;
      this.slots.release(d.slot);
      this.bySeq.delete(d.seq);
      for (const h of d.paragraphs) {
        const n = (this.paragraphs.get(h) ?? 1) - 1;
        if (n <= 0) this.paragraphs.delete(h);
        else this.paragraphs.set(h, n);
      }
      d.paragraphs = [];
      this.copies.remove(d.seq);
      for (const f of d.feats) {
        f.live--;
        if (f.live === 0) {
          this.features.delete(f.key);
          f.p.length = 0;
          f.n = 0;
        }
      }
      // An evicted article may still sit in a posting list until it is compacted; it must not
      // keep its features (and through them other evicted articles) alive.
      d.feats = [];
      d.cueNames = NO_FEATURES;
      const s = d.story;
      s.live--;
      const at = s.members.indexOf(d);
      // The oldest member leaves first: shift, which unlike splice builds no array of what it removed.
      if (at === 0) s.members.shift();
      else if (at > 0) s.members.splice(at, 1);
      if (s.live === 0) {
        this.storyCount--;
        if (s.pinned) this.pinned.delete(s.id);
      }
    }
    if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
      this.queue.splice(0, this.queueHead);
      this.queueHead = 0;
    }
  }
}
