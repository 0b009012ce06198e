// Source names and details for rendering, read once per store change rather than once per
// teaser (a topic page of 50 teasers would otherwise cost 50 lookups).
import type { Source } from '../domain/source.js';
import type { Store } from '../store/store.js';
import { sourceName } from '../domain/source-name.js';
import { shownSource } from '../text/redact-url.js';

export interface SourceInfo {
  source: Source;
  name: string;
}

export class SourceCatalog {
  private stamp = '';
  private byId = new Map<number, SourceInfo>();
  private loading: Promise<void> | undefined;

  constructor(private readonly store: Store) {}

  async current(stamp: string): Promise<Map<number, SourceInfo>> {
    if (stamp !== this.stamp) {
      this.loading ??= this.load(stamp).finally(() => (this.loading = undefined));
      await this.loading;
    }
    return this.byId;
  }

  private async load(stamp: string): Promise<void> {
    const all = await this.store.sources.list();
    // Pages and feeds out never need a feed's credentials: the catalog holds the shown copy only.
    this.byId = new Map(all.map((s) => [s.id, { source: shownSource(s), name: sourceName(s) }]));
    this.stamp = stamp;
  }

  info(map: Map<number, SourceInfo>, id: number): { name: string; href: string } {
    return { name: map.get(id)?.name ?? `Source ${id}`, href: `/sources/${id}` };
  }
}
