// Which items of a batch saveBatch would store as new entries, from the keys stored already: the
// same tests in the same order as the dialects' saveBatch. An item is not new when its source
// holds its dedupe key (a tombstone too), when any source holds its canonical URL (then it is an
// edit or a sighting), or when its source holds its fingerprint (a re-published item); nor when an
// earlier item of the batch took its key, its address or its fingerprint. Pure; both dialects
// read the three sets in one query (EntryRepo.newItems).
import type { NewEntry } from '../domain/entry.js';

/** The identities an item is matched on. */
export type ItemKeys = Pick<NewEntry, 'dedupeKey' | 'fingerprint' | 'canonicalUrl'>;

/** Keys found stored: the source's dedupe keys and fingerprints, and canonical URLs of any source. */
export interface StoredKeys {
  keys: ReadonlySet<string>;
  canonicals: ReadonlySet<string>;
  fingerprints: ReadonlySet<string>;
}

/** The distinct keys of `items` to look up (canonical URLs only where given). */
export function keysToRead(items: readonly ItemKeys[]): { keys: string[]; canonicals: string[]; fingerprints: string[] } {
  const canonicals = new Set<string>();
  for (const it of items) if (it.canonicalUrl != null) canonicals.add(it.canonicalUrl);
  return {
    keys: [...new Set(items.map((it) => it.dedupeKey))],
    canonicals: [...canonicals],
    fingerprints: [...new Set(items.map((it) => it.fingerprint))],
  };
}

/** For each item, whether saveBatch would insert it given `stored`. */
export function newItemsOf(items: readonly ItemKeys[], stored: StoredKeys): boolean[] {
  const seen = new Set<string>();
  const seenCanonical = new Set<string>();
  const fingerprints = new Set(stored.fingerprints);
  return items.map((it) => {
    if (seen.has(it.dedupeKey)) return false;
    seen.add(it.dedupeKey);
    if (stored.keys.has(it.dedupeKey)) return false;
    const canonical = it.canonicalUrl ?? null;
    if (canonical !== null) {
      if (seenCanonical.has(canonical)) return false;
      seenCanonical.add(canonical);
      if (stored.canonicals.has(canonical)) return false;
    }
    if (fingerprints.has(it.fingerprint)) return false;
    fingerprints.add(it.fingerprint);
    return true;
  });
}
