// Migration 47 on both dialects (p-userkey): every user's name_key written again under
// userNameKey, the fold sign-in uses, instead of the name lower-cased whole. Two users whose names
// now fold to one key could exist from before (full-width "ｍａｒｔａ" beside "marta" from before
// r-accounts folded names; "οδοσ" beside "ΟΔΟΣ", whose old keys "οδοσ" and "οδος" differed): the
// unique index allows one of them the key, and the step must neither fail the store's start nor
// merge the two nor lock one out. One keeps the key; each other keeps its old key behind a mark
// (keptApartKey), which findUser tries first for the name as typed, so it signs in by its own
// spelling as before; the log names both and `newsdesk user list` marks it, for the admin to settle.
import { logger } from '../log/logger.js';
import { foldUserName } from '../text/user-name-fold.js';
import { isKeptApartKey, KEPT_APART_MARK, keptApartKey, typedNameKey, userNameKey } from './accounts.js';

export interface UserKeyRow {
  id: number;
  name: string;
  name_key: string;
  created_at: number;
}

export interface UserKeyChange {
  id: number;
  key: string;
}

/**
 * The key each user gets, for the rows whose key changes. Of users whose names fold alike, the
 * key goes to the oldest whose name is written as the product now writes names (foldUserName
 * leaves it as it is: not a full-width or double-spaced spelling from before r-accounts), else to
 * the oldest: the one that spelling reached before this step keeps it, so nobody's sign-in by the
 * folded name moves to another account. Each other one is kept apart under its name as typed,
 * marked (keptApartKey(typedNameKey)), the key findUser tries first. `onKeptApart` hears of each.
 *
 * Run again over its own result (a later re-keying migration, should the fold change again), it
 * changes only what the new fold changes: a user already kept apart keeps its key (r2-userkey). A name whose
 * fold begins with the mark (never made by the product; a row written by hand, such as "=bob" or
 * full-width "＝bob") holds no key of its own: as a key, "=bob" is where typing "bob" looks first,
 * so it took "bob"'s sign-in; it is kept apart too ("==bob"), reached by its own spelling only.
 */
export function planUserKeys(
  rows: readonly UserKeyRow[],
  onKeptApart: (kept: UserKeyRow, holder: UserKeyRow | undefined) => void,
): UserKeyChange[] {
  const ordered = [...rows].sort((a, b) => Number(a.created_at) - Number(b.created_at) || Number(a.id) - Number(b.id));
  const keys = new Map<number, string>();
  const taken = new Set<string>();
  const groups = new Map<string, UserKeyRow[]>();
  const apart: [UserKeyRow, UserKeyRow | undefined][] = [];
  for (const r of ordered) {
    if (r.name_key === keptApartKey(typedNameKey(r.name))) {
      keys.set(r.id, r.name_key);
      taken.add(r.name_key);
      continue;
    }
    const key = userNameKey(r.name);
    if (isKeptApartKey(key)) {
      apart.push([r, undefined]);
      continue;
    }
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  for (const [key, group] of groups) {
    taken.add(key);
    const holder = group.find((r) => foldUserName(r.name) === r.name) ?? group[0]!;
    keys.set(holder.id, key);
    for (const r of group) if (r !== holder) apart.push([r, holder]);
  }
  for (const [r, holder] of apart) {
    // Names typed are unique lower-cased whole (the keys before 47 were), so marked ones are too;
    // a hand-written row that is not gets its id, as does one whose mark meets a marked key.
    let key = keptApartKey(typedNameKey(r.name));
    while (taken.has(key)) key = `${key}#${r.id}`;
    taken.add(key);
    keys.set(r.id, key);
    onKeptApart(r, holder);
  }
  return ordered.filter((r) => keys.get(r.id) !== r.name_key).map((r) => ({ id: r.id, key: keys.get(r.id)! }));
}

/** The changes for `rows`, each user kept apart said in the log (the store's start is where an operator reads it). */
export function userKeyChanges(rows: readonly UserKeyRow[]): UserKeyChange[] {
  const log = logger('store');
  return planUserKeys(rows, (kept, holder) =>
    holder
      ? log.warn(
          { migration: 47, user: kept.name, holder: holder.name },
          `users "${kept.name}" and "${holder.name}" are one name ignoring case; "${kept.name}" now signs in only as typed ` +
            'exactly (its old key was kept); "newsdesk user list" and the desk\'s users page mark it: disable the one not in use',
        )
      : log.warn(
          { migration: 47, user: kept.name },
          `user "${kept.name}" has a name that begins with "${KEPT_APART_MARK}" (not a valid name); it signs in only as typed exactly`,
        ),
  );
}

/**
 * A temporary key for a row whose key changes, unique by the row's id: keys are moved in two
 * steps, since the unique index is checked row by row and one row's new key may be another's old
 * key. A control character begins it, which no name holds (validUserName refuses them).
 */
export function transientUserKey(id: number): string {
  return `\u0001${id}`;
}
