// What a topic leaves on an entry (its tags and why they matched) and how far a re-tag of stored
// history has got: shared by the matcher's callers, the store and the pages.

/** One place a topic matched: field, UTF-16 offsets into the original field, and which alias. */
export interface TopicMatch {
  field: string;
  start: number;
  end: number;
  text: string;
  alias: string;
  /** Entity id, for alias and acronym matches. */
  entity?: string;
  /** How it matched: exact, variant, fuzzy, acronym… (as the matcher says). */
  reason?: string;
  /** What the text was read through, when not as written: hashtag, hyphenation, lookalike (p-hashtags). */
  via?: string;
}

export interface TopicTag {
  topicId: string;
  /** The matches kept, in reading order (the matcher keeps the first few, not every one: p-matchcap). */
  matches: TopicMatch[];
  /**
   * How many matches the entry holds, kept or not; absent means `matches.length`. The store always
   * says (rows written before p-matchcap kept every match, so theirs is their length).
   */
  total?: number;
}

/** How many matches a tag stands for: its total, else the matches it holds. */
export function matchTotal(tag: Pick<TopicTag, 'matches' | 'total'>): number {
  return Math.max(tag.total ?? 0, tag.matches.length);
}

export type RetagStatus = 'pending' | 'running' | 'done';

export interface RetagProgress {
  status: RetagStatus;
  /** Entries with ids up to this one are tagged with the current definition. */
  afterId: number;
  /** Live entries when the re-tag started (new ones may arrive meanwhile, so done can pass it). */
  total: number;
  done: number;
  startedAt: number | null;
  finishedAt: number | null;
}
