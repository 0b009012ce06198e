// Stories merge and split after some of their articles were already answered. A caller that needs
// final story ids (the cluster command prints them all at the end; the pipeline re-labels stored
// entries) follows the reports: `merged` names stories now folded into another, `split` the
// originals that moved to a new story (their copies follow them).
import type { StoryAssignment } from './types.js';

export class StoryIds {
  private readonly into = new Map<string, string>();
  /** Originals a split moved: article id → the story it moved to (merges are followed from there). */
  private readonly moved = new Map<string, string>();

  /** Records an assignment's merges and splits. */
  note(a: StoryAssignment): void {
    if (a.merged) for (const m of a.merged) if (m !== a.story) this.into.set(m, a.story);
    if (a.split) for (const s of a.split) for (const id of s.ids) this.moved.set(id, s.story);
  }

  /** The story a story id now lives in (itself when never merged). */
  resolve(story: string): string {
    let s = story;
    const seen: string[] = [];
    for (let next = this.into.get(s); next !== undefined; next = this.into.get(s)) {
      seen.push(s);
      s = next;
    }
    for (const x of seen) this.into.set(x, s); // path compression
    return s;
  }

  /**
   * The story an answered article is in now: the story its original (itself, or the article it
   * copies) last moved to in a split, else the story it was answered with, merges followed.
   */
  storyOf(a: StoryAssignment): string {
    return this.resolve(this.moved.get(a.duplicateOf ?? a.id) ?? a.story);
  }
}
