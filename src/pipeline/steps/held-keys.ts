/**
 * The stored story of each article a clusterer holds, by the key it was written or read with, and
 * the article's date (r-standin). A source's removal takes its entries' rows out of the table, and
 * with them the store's only record of their stories: once the clusterer forgets such an entry, the
 * stories whose stand-ins it should take up (StoryRepo.standIns) are found by these keys. A key
 * merged away since is followed by the store to the story it was merged into.
 */
export class HeldKeys {
  /** Entry id → key and date, in the order held (about time order: entries are added so). */
  private readonly held = new Map<number, { key: string; at: number }>();

  /** The article `id`, published at `at`, is held in the stored story `key`. */
  set(id: number, key: string, at: number): void {
    this.held.delete(id);
    this.held.set(id, { key, at });
  }

  /** The keys of these (forgotten) articles, which are dropped. */
  take(ids: readonly number[]): string[] {
    const keys = new Set<string>();
    for (const id of ids) {
      const h = this.held.get(id);
      if (h === undefined) continue;
      keys.add(h.key);
      this.held.delete(id);
    }
    return [...keys];
  }

  /**
   * Drops the oldest held before `since` (out of the window, no longer held by the clusterer either),
   * so the map stays the size of the window; one added late out of order goes when the walk reaches it.
   */
  trim(since: number): void {
    for (const [id, h] of this.held) {
      if (h.at >= since) break;
      this.held.delete(id);
    }
  }

  clear(): void {
    this.held.clear();
  }

  get size(): number {
    return this.held.size;
  }
}
