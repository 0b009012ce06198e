// Disabling and enabling an account, shared by the users page (/desk/users) and `newsdesk user
// disable|enable`, so both keep the same rule and have the same effect: the last active
// administrator is never disabled (nobody would be left to manage accounts), and disabling an
// account ends its sessions at once (a disabled user's cookie is refused anyway; ending the
// sessions also shows under "sessions ended" and keeps nothing to revive).
import type { User } from '../store/accounts.js';
import type { Store } from '../store/store.js';

/**
 * True when `user` is an enabled administrator and no other enabled administrator exists. A
 * question for a page to ask before it asks for confirmation; the change itself is refused
 * atomically by `store.accounts.updateUserKeepingAdmin`.
 */
export async function isLastActiveAdmin(store: Store, user: User): Promise<boolean> {
  if (user.role !== 'admin' || user.disabled) return false;
  const others = (await store.accounts.listUsers()).filter((x) => x.id !== user.id && x.role === 'admin' && !x.disabled);
  return others.length === 0;
}

export type DisabledChange =
  | {
      ok: true;
      /** The user as stored afterwards. */
      user: User;
      /** False when the account was already in that state. */
      changed: boolean;
      /** Sessions ended by disabling it (0 when enabling). */
      sessionsEnded: number;
    }
  | { ok: false; reason: 'last-admin' };

/**
 * Disables (`disabled: true`) or enables an account. Disabling the last active administrator is
 * refused; disabling ends every session of the user, even one that was already disabled.
 */
export async function setUserDisabled(store: Store, user: User, disabled: boolean): Promise<DisabledChange> {
  // Checked and written in one step by the store: two admins disabling each other at once (two
  // browsers, or the CLI beside the desk) both passed a check read before the write (r-accounts).
  const r = await store.accounts.updateUserKeepingAdmin(user.id, { disabled });
  if (r === 'last-admin') return { ok: false, reason: 'last-admin' };
  const updated = r ?? { ...user, disabled };
  const sessionsEnded = disabled ? await store.accounts.revokeUserSessions(user.id) : 0;
  return { ok: true, user: updated, changed: user.disabled !== disabled, sessionsEnded };
}
