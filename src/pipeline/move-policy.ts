// When a permanent redirect (301/308) moves a source to a new stored address. A redirect is
// followed on every check whatever is decided here; what is decided is whether the source's own
// address changes, which is what later checks, the desk's private headers and the pages go by.
// A 301 is easy to get wrong or to plant (a hijacked or expired domain, a misconfigured CDN, a
// captive portal), and a moved source sends its next requests — with whatever the desk attached
// to its origin — to the new address, so:
//   - a move within the same site (the same host, give or take a leading "www.", http → https, the
//     same port) is taken at once, as before;
//   - a move to another site is taken only once MOVE_SIGHTINGS successful checks in a row were
//     permanently redirected to that same address (a check without the redirect, or to another
//     address, starts the count again; a failed check neither counts nor resets). The count is
//     kept in the source's settings (pendingMove), so it survives restarts and any worker counts;
//   - never into the private network: the fetcher does not report a move onto a host only
//     allowHosts let it reach when the source's own host was public (client.ts permanentUrl), and
//     a source with private headers or an allowed private address never moves to another origin
//     on its own (src/server/desk-readers.ts): an editor changes its address at the desk.
// Pure: decided from the source and the check's outcome.

/** Successful checks in a row that must see the same cross-site permanent redirect before the source moves. */
export const MOVE_SIGHTINGS = 3;

export interface PendingMove {
  url: string;
  /** Checks in a row that were redirected there. */
  seen: number;
  /** Epoch ms of the first of them. */
  since: number;
}

const bareHost = (u: URL): string => u.hostname.toLowerCase().replace(/^www\./, '');
const portOf = (u: URL): string => u.port || (u.protocol === 'https:' ? '443' : u.protocol === 'http:' ? '80' : '');

/**
 * Whether `to` is on the same site as `from`: the same host (a leading "www." aside), the same
 * scheme or an upgrade from http to https, and the same port (default ports compared by scheme,
 * so http://h → https://h is the same site).
 */
export function sameSite(from: string, to: string): boolean {
  const a = URL.parse(from);
  const b = URL.parse(to);
  if (!a || !b) return false;
  if (bareHost(a) !== bareHost(b)) return false;
  const schemeOk = a.protocol === b.protocol || (a.protocol === 'http:' && b.protocol === 'https:');
  if (!schemeOk) return false;
  if (a.protocol === b.protocol) return portOf(a) === portOf(b);
  return a.port === '' && b.port === '';
}

/** The pending cross-site move stored in a source's settings, when it is well-formed. */
export function pendingMoveOf(settings: Record<string, unknown>): PendingMove | undefined {
  const p = settings.pendingMove as Partial<PendingMove> | undefined;
  if (!p || typeof p !== 'object' || typeof p.url !== 'string' || typeof p.seen !== 'number' || typeof p.since !== 'number')
    return undefined;
  return { url: p.url, seen: p.seen, since: p.since };
}

export type MoveDecision =
  /** Move the source now. */
  | { kind: 'move' }
  /** Not yet: keep this pending move in the settings. */
  | { kind: 'wait'; pending: PendingMove }
  /** No move and nothing pending (clear any pending move). */
  | { kind: 'none' };

/**
 * What a successful check whose redirect chain was permanent all the way to `movedTo` (undefined:
 * no such redirect) means for the source's address.
 */
export function decideMove(
  source: { url: string; settings: Record<string, unknown> },
  movedTo: string | undefined,
  now: number,
): MoveDecision {
  if (!movedTo || movedTo === source.url) return { kind: 'none' };
  if (sameSite(source.url, movedTo)) return { kind: 'move' };
  const before = pendingMoveOf(source.settings);
  const pending = before && before.url === movedTo ? { ...before, seen: before.seen + 1 } : { url: movedTo, seen: 1, since: now };
  return pending.seen >= MOVE_SIGHTINGS ? { kind: 'move' } : { kind: 'wait', pending };
}
