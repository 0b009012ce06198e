// A tiny stand-in for the story clusterer in tests of the code around it (the real one, in
// src/stories, is tested on its own): an article joins the story of the first word of its
// headline; a headline "Alpha+Beta …" bridges the stories of alpha and beta into alpha's; an
// article whose text equals an earlier one's copies it. Story ids are the id of the story's first
// article, as the contract suggests. An article placed by an editor (`story`, a pin) goes to that
// story and files its first word under it; a story holding a pinned article is never bridged.
// `relocate` (an editor placed articles already seen) files each one's first word under its story
// and pins it, as if the article had come placed, and hands back the placements of articles never
// seen. `forget` drops articles (entries deleted): a word stays with its story only while an article
// of that story left in the window has it among its first words, and a text only while its article
// is left.
import type { StoryArticle, StoryAssignment, StoryClusterer, StoryPlacement } from '../../src/stories/types.js';

export class WordClusterer implements StoryClusterer {
  private readonly byWord = new Map<string, string>();
  private readonly byText = new Map<string, string>();
  /** Every article seen, in order (what the window was rebuilt from). */
  readonly seen: StoryArticle[] = [];
  /** Stories holding an editor's placement. */
  private readonly pinned = new Set<string>();
  /** The story of each article seen (bridges and placements followed). */
  private readonly storyOf = new Map<string, string>();

  relocate(placements: readonly StoryPlacement[]): StoryPlacement[] {
    const skipped: StoryPlacement[] = [];
    for (const p of placements) {
      const a = this.seen.find((s) => s.id === p.id);
      if (!a) {
        skipped.push(p);
        continue;
      }
      this.pinned.add(p.story);
      this.byWord.set(firstWords(a)[0] ?? a.id, p.story);
      this.storyOf.set(a.id, p.story);
    }
    return skipped;
  }

  forget(gone: (id: string) => boolean): number {
    const left = this.seen.filter((a) => !gone(a.id));
    const n = this.seen.length - left.length;
    this.seen.splice(0, this.seen.length, ...left);
    for (const [w, story] of this.byWord) {
      if (!left.some((a) => this.storyOf.get(a.id) === story && firstWords(a).includes(w))) this.byWord.delete(w);
    }
    for (const [t, id] of this.byText) if (!left.some((a) => a.id === id)) this.byText.delete(t);
    return n;
  }

  add(a: StoryArticle): StoryAssignment {
    this.seen.push(a);
    const words = firstWords(a);
    const first = words[0] ?? a.id;
    if (a.story) {
      this.pinned.add(a.story);
      this.byWord.set(first, a.story);
      this.storyOf.set(a.id, a.story);
      return { id: a.id, story: a.story };
    }
    let story = this.byWord.get(first);
    if (!story) {
      story = a.id;
      this.byWord.set(first, story);
    }
    const merged: string[] = [];
    for (const w of words.slice(1)) {
      const other = this.byWord.get(w);
      if (other && other !== story && !this.pinned.has(other) && !this.pinned.has(story)) {
        merged.push(other);
        for (const [k, v] of this.byWord) if (v === other) this.byWord.set(k, story);
        for (const [k, v] of this.storyOf) if (v === other) this.storyOf.set(k, story);
      } else if (!other) this.byWord.set(w, story);
    }
    this.storyOf.set(a.id, story);
    const out: StoryAssignment = { id: a.id, story };
    const original = a.text ? this.byText.get(a.text) : undefined;
    if (original) out.duplicateOf = original;
    else if (a.text) this.byText.set(a.text, a.id);
    if (merged.length) out.merged = merged;
    return out;
  }
}

/** The words of the headline's first token ("Alpha+Beta" gives both), lower-cased. */
function firstWords(a: StoryArticle): string[] {
  return (a.title.toLowerCase().split(/[^\p{L}\p{N}+]+/u)[0] ?? '').split('+').filter(Boolean);
}
