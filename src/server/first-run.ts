// First run: while the store has no user, the server prints a one-time set-up link on its
// terminal (stderr, not the log, so it does not end up in log storage). Whoever started the
// server opens it and creates the first administrator; there is never a default password.
import type { Auth } from '../auth/session.js';
import type { Store } from '../store/store.js';

/** The set-up link when no user exists yet (a new token each call), else undefined. */
export async function firstRunLink(auth: Auth, store: Store, siteUrl: string): Promise<string | undefined> {
  if ((await store.accounts.countUsers()) > 0) return undefined;
  return `${siteUrl.replace(/\/+$/, '')}/setup/${auth.setup.issue()}`;
}

export function firstRunMessage(link: string): string {
  return `No account exists yet. Create the first administrator at\n  ${link}\n(the link works once, for one hour, in this process), or run "newsdesk user add NAME --admin".\n`;
}
