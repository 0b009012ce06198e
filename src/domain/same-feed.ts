// Sources that share one feed address under two spellings (the same feedKey, domain/feed-key.ts).
// Every add path refuses a second spelling since migration 46 (p-sourcekey), but a store that held
// two before keeps both: which to delete is the editor's decision. Until then one of them is polled,
// and the others are shown as "not polled: same feed as #N" (p-dupsources).
import type { SourceKind, SourceStatus } from './source.js';

/** One source of a feed address that more than one source has (the store's sameFeeds query). */
export interface SameFeedRow {
  id: number;
  feedKey: string;
  /** Sources of one address but another kind (a listing page, a sitemap) read it otherwise: no group. */
  kind: SourceKind;
  status: SourceStatus;
  title: string | null;
  /** As stored: it may carry credentials (show it redacted). */
  url: string;
}

/** Another source of the same feed address, to be named and linked. */
export interface SameFeedPeer {
  id: number;
  title: string | null;
  url: string;
}

/** What a source sharing its feed address with others is told. */
export interface SameFeed {
  /** The other sources of the same feed address, lowest id first. */
  others: SameFeedPeer[];
  /**
   * The source polled in this one's place, or null when this one is polled itself or is paused
   * (status disabled: not polled for its own reason). The rule the stores' claimDue applies in SQL.
   */
  polledBy: SameFeedPeer | null;
  /** The source of the group that is polled (this one or another), or null when every one is paused. */
  polled: number | null;
}

/**
 * Per source id, from every row of the shared keys: of one key's sources, the lowest id that is
 * not paused is polled (the one lookups by address already prefer, unless an editor paused it:
 * then the next one reads the feed, so that pausing one spelling does not silence the feed).
 */
export function sameFeeds(rows: readonly SameFeedRow[]): Map<number, SameFeed> {
  const byKey = new Map<string, SameFeedRow[]>();
  for (const r of rows) {
    // By address and kind (r2-dupsources): a page or sitemap source at a feed's address is not the feed.
    const k = `${r.kind} ${r.feedKey}`;
    const group = byKey.get(k);
    if (group) group.push(r);
    else byKey.set(k, [r]);
  }
  const out = new Map<number, SameFeed>();
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    group.sort((a, b) => a.id - b.id);
    const peer = (r: SameFeedRow): SameFeedPeer => ({ id: r.id, title: r.title, url: r.url });
    const polled = group.find((r) => r.status !== 'disabled');
    for (const r of group)
      out.set(r.id, {
        others: group.filter((o) => o.id !== r.id).map(peer),
        polledBy: r.status === 'disabled' || !polled || polled.id === r.id ? null : peer(polled),
        polled: polled?.id ?? null,
      });
  }
  return out;
}

/** One feed address held by several sources: their ids (lowest first) and the one polled. */
export interface SameFeedGroup {
  ids: number[];
  polled: number | null;
}

/** The groups of a sameFeeds map, each once, by lowest id. */
export function sameFeedGroups(same: ReadonlyMap<number, SameFeed>): SameFeedGroup[] {
  const seen = new Set<number>();
  const out: SameFeedGroup[] = [];
  for (const [id, s] of [...same].sort((a, b) => a[0] - b[0])) {
    if (seen.has(id)) continue;
    const ids = [id, ...s.others.map((o) => o.id)].sort((a, b) => a - b);
    for (const i of ids) seen.add(i);
    out.push({ ids, polled: s.polled });
  }
  return out;
}

/** A source's same-feed fields as the API and `newsdesk sources --json` carry them: peers' ids, and the one polled in its place. */
export function sameFeedFields(same: SameFeed | undefined): { sameFeedAs: number[]; feedPolledBy: number | null } {
  return { sameFeedAs: same?.others.map((o) => o.id) ?? [], feedPolledBy: same?.polledBy?.id ?? null };
}
