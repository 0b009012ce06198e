// Source names and details for rendering, read once per store change rather than once per
// teaser (a topic page of 50 teasers would otherwise cost 50 lookups).
import type { Source } from '../domain/source.js';
import type { Store } from '../store/store.js';
import { sourceName } from '../domain/source-name.js';
import { shownSource } from '../text/redact-url.js';
import { PerStamp } from './per-stamp.js';

export interface SourceInfo {
  source: Source;
  name: string;
}

export class SourceCatalog {
  private readonly kept: PerStamp<Map<number, SourceInfo>>;

  constructor(private readonly store: Store) {
    this.kept = new PerStamp(async () => {
      const all = await store.sources.list();
      // Pages and feeds out never need a feed's credentials: the catalog holds the shown copy only.
      return new Map(all.map((s) => [s.id, { source: shownSource(s), name: sourceName(s) }]));
    });
  }

  /** The sources as of `stamp` (the rendering's store change), read once per change. */
  current(stamp: string): Promise<Map<number, SourceInfo>> {
    return this.kept.get(stamp);
  }

  /** The sources as of the store's change now: for a page (the desk's) that reads no stamp of its own. */
  async latest(): Promise<Map<number, SourceInfo>> {
    return this.kept.get(await this.store.search.changeStamp());
  }

  info(map: Map<number, SourceInfo>, id: number): { name: string; href: string } {
    return { name: map.get(id)?.name ?? `Source ${id}`, href: `/sources/${id}` };
  }
}
