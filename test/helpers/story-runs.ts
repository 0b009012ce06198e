// Articles through one clusterer in order, as the story step feeds them: which story each ends
// in, stories merged later followed (a merge renames every earlier member's story).
import { OnlineStoryClusterer } from '../../src/stories/clusterer.js';
import type { ClusterOptions } from '../../src/stories/clusterer.js';
import type { StoryArticle } from '../../src/stories/types.js';

export function storiesOf(articles: readonly StoryArticle[], options: Partial<ClusterOptions> = {}): Map<string, string> {
  const c = new OnlineStoryClusterer(options);
  const out = new Map<string, string>();
  for (const a of articles) {
    const r = c.add(a);
    out.set(a.id, r.story);
    for (const m of r.merged ?? []) for (const [k, v] of out) if (v === m) out.set(k, r.story);
  }
  return out;
}
