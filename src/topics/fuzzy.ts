// Bounded edit-distance lookup (distance 1) over the skeletons of long alias words, by the
// deletion-neighbourhood method: every indexed key is stored with each one-letter deletion of
// it, so a query costs |query| + 1 hash lookups instead of a scan of the vocabulary.

/** True when a and b differ by at most one insertion, deletion, substitution or swap of neighbours. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export class DeletionIndex {
  private readonly byVariant = new Map<string, number[]>();
  private readonly keys: string[] = [];

  get size(): number {
    return this.keys.length;
  }

  add(key: string, id: number): void {
    this.keys[id] = key;
    this.put(key, id);
    for (let i = 0; i < key.length; i++) this.put(key.slice(0, i) + key.slice(i + 1), id);
  }

  private put(variant: string, id: number): void {
    const list = this.byVariant.get(variant);
    if (list === undefined) this.byVariant.set(variant, [id]);
    else if (!list.includes(id)) list.push(id);
  }

  /** Ids of indexed keys within one edit of `query` (never the query itself). */
  lookup(query: string): number[] {
    if (this.keys.length === 0) return [];
    const found: number[] = [];
    const consider = (ids: number[] | undefined): void => {
      if (ids === undefined) return;
      for (const id of ids) {
        const key = this.keys[id] as string;
        if (key !== query && !found.includes(id) && withinOneEdit(key, query)) found.push(id);
      }
    };
    consider(this.byVariant.get(query));
    for (let i = 0; i < query.length; i++) consider(this.byVariant.get(query.slice(0, i) + query.slice(i + 1)));
    return found;
  }
}
