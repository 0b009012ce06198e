// The contract between story clustering (src/stories, pure) and its users: the `cluster` pipeline
// step, background re-clustering and the `newsdesk cluster` command. The clusterer sees articles one
// at a time, in the order they arrive, and answers at once; it never reads the store, so the same
// code runs in the pipeline and on a JSONL file.

/** One article as the clusterer sees it. */
export interface StoryArticle {
  /** Stable id: the entry id (as a string) in the pipeline, the input line's id on the command line. */
  id: string;
  title: string;
  /** Plain text, full text when extracted; may be empty (a headline alone must cluster sensibly). */
  text: string;
  url?: string | null;
  /**
   * The address the page names as its own (rel=canonical / og:url of the extracted page), when
   * known: a copy reached under another URL meets its original through it.
   */
  pageUrl?: string | null;
  /** Epoch ms; absent when the source gave no date. */
  published?: number | null;
  lang?: string | null;
  /** Outlet name or source id. */
  source?: string | null;
  /** Ids of topic entities the matcher found in it (aliases in every script map to one id). */
  entities?: readonly string[];
  /**
   * The names the matcher found those entities under, as written in the article ("Médecins du
   * Désert", «پزشکان صحرا», "MdD"), each with its entity id. When an entity is the desk's own
   * subject (most of the window carries it) the words of its names give no feature
   * (src/stories/README.md, "The topic's own names").
   */
  entityNames?: readonly EntityName[];
  /**
   * An editor's placement (an entry an editor merged or split: its stored story is locked): the
   * article is filed in the story of this id (started under it when new), never scored against
   * others, and a story holding such an article is never merged with another by the clusterer —
   * so a split stays apart while new articles still join whichever part they match. The
   * pipeline passes the stored story's key.
   */
  story?: string | null;
}

/** A name an entity was found under in an article, as written there. */
export interface EntityName {
  entity: string;
  name: string;
}

/** The clusterer's answer for one article. */
export interface StoryAssignment {
  id: string;
  /** Stable story id (the id of the story's first article is a good one). */
  story: string;
  /** Id of the earlier article this one copies (same URL once canonicalised, or near-identical text). */
  duplicateOf?: string;
  /** Stories this article bridged into `story`: their articles now belong to `story`. */
  merged?: string[];
}

/** An article already added, and the story an editor has since placed it in (StoryArticle.story). */
export interface StoryPlacement {
  id: string;
  story: string;
}

export interface StoryClusterer {
  add(article: StoryArticle): StoryAssignment;
  /**
   * Files articles already added in the stories an editor has since placed them in (a merge or a
   * split made while the clusterer ran): each is then a member of its placed story as if it had
   * come with `StoryArticle.story`, and later articles score against it there. Ids it does not
   * hold (never added, left the window, copies) are skipped, and returned: a caller that has their
   * text may add them placed (the story step does, c-live). Optional: a clusterer without it learns
   * placements only from articles added placed.
   */
  relocate?(placements: readonly StoryPlacement[]): StoryPlacement[];
  /**
   * Forgets the articles it holds for which `gone` is true (entries deleted since they were added,
   * or removed with their source): they leave their stories and every index, as if never added, so
   * no later article joins a story through them. `gone` is asked once for each article it holds
   * (callers learn what it holds from it). Returns how many it forgot. Optional: a clusterer
   * without it holds them until it is rebuilt.
   */
  forget?(gone: (id: string) => boolean): number;
}
