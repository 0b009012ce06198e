// Stories merge after some of their articles were already answered. A caller that needs final
// story ids (the cluster command prints them all at the end; the pipeline re-labels stored
// entries) follows the `merged` reports: each names stories now folded into another.
import type { StoryAssignment } from './types.js';

export class StoryIds {
  private readonly into = new Map<string, string>();

  /** Records an assignment's merges. */
  note(a: StoryAssignment): void {
    if (a.merged) for (const m of a.merged) if (m !== a.story) this.into.set(m, a.story);
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
}
