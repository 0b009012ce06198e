// `newsdesk user add|list|passwd|unlock|disable|enable`: accounts from the terminal, for the first
// administrator (instead of the set-up link), for recovering an account and for shutting one out.
import { setUserDisabled } from '../../auth/account-state.js';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem } from '../../auth/password.js';
import { accountKey } from '../../auth/throttle.js';
import { validUserName } from '../../auth/user-name.js';
import { OperatorError } from '../../config/operator-error.js';
import type { AccountRole } from '../../store/accounts.js';
import type { Store } from '../../store/store.js';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { openStoreWithDb } from '../open-store.js';
import { readNewPassword } from '../read-password.js';
import { termText } from '../terminal-text.js';

const usage = `
Usage: newsdesk user add NAME [--admin | --role admin|editor|reader] [--db PATH]
       newsdesk user list [--db PATH]
       newsdesk user passwd NAME [--db PATH]
       newsdesk user unlock NAME [--db PATH]
       newsdesk user disable NAME [--db PATH]
       newsdesk user enable NAME [--db PATH]

  add     adds a user (role editor unless --admin or --role); the password is typed twice
          without echo, or read from the first line of standard input, never from the command line
  list    lists users with their role and state, and marks a user whose name is another's
          ignoring case (from before names were folded): it signs in only as typed exactly
  passwd  sets a new password (same input as add) and signs the user out everywhere
  unlock  ends a lock after failed sign-ins (locks also end by themselves after 15 minutes)
  disable shuts the user out: signs them out everywhere, refuses their sign-ins and API tokens;
          the last active admin cannot be disabled (add another admin first)
  enable  lets a disabled user sign in again (with the same password and tokens)

Exit status: 0 when done (also when there was nothing to do: not locked, already disabled or
enabled), 1 when the user does not exist or a rule refuses it, 2 for a malformed command line.
`;

const ROLES: readonly AccountRole[] = ['admin', 'editor', 'reader'];
/** Who a change made here is recorded as in the audit log (no user is signed in at a terminal). */
const CLI_ACTOR = 'command line';

/**
 * The new password, or an OperatorError naming the rule it breaks: a refused password is "a rule
 * refuses it" (exit status 1, as the usage says), not a malformed command line (2 and the usage).
 */
async function newPassword(name: string): Promise<string> {
  const password = await readNewPassword();
  const problem = passwordProblem(password, name);
  const refused = (why: string): OperatorError => new OperatorError(`${why}; nothing was changed`);
  if (problem === 'too-short') throw refused(`a password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  if (problem === 'too-long') throw refused(`a password can have at most ${MAX_PASSWORD_LENGTH} characters`);
  if (problem === 'same-as-name') throw refused('the password cannot be the name');
  return password;
}

async function withStore<T>(db: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStoreWithDb(db);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export default {
  summary: 'Add, list, recover, disable and enable user accounts',
  usage,
  async run(argv: string[]): Promise<number> {
    const { db, role, words } = parseUserArgs(argv);
    const [sub, ...args] = words;
    const name = args[0];
    switch (sub) {
      case 'list': {
        if (args.length) throw new UsageError('list takes no names');
        return withStore(db, async (store) => {
          // Locks end by the store's clock (they were set by it), not this machine's.
          const now = await store.clock.now();
          const users = await store.accounts.listUsers();
          const locks = await store.accounts.getThrottles(users.map((u) => accountKey(u.name)));
          for (const u of users) {
            const lock = locks.get(accountKey(u.name));
            const state = u.disabled ? 'disabled' : lock?.lockedUntil && lock.lockedUntil > now ? 'locked' : 'active';
            // Kept apart by migration 47: another user's name is this one ignoring case (p-userkey).
            const apart = u.keptApart ? '  (same name as another user ignoring case: signs in only as typed exactly)' : '';
            process.stdout.write(`${termText(u.name).padEnd(24)} ${u.role.padEnd(7)} ${state}${apart}\n`);
          }
          return 0;
        });
      }
      case 'add': {
        if (args.length !== 1) throw new UsageError('give one NAME');
        const valid = validUserName(name);
        if (!valid) throw new UsageError('a name is 1 to 64 letters, digits, spaces, dots, dashes or underscores');
        const password = await newPassword(valid);
        return withStore(db, async (store) => {
          const user = await store.accounts.createUser({ name: valid, role: role ?? 'editor', passwordHash: await hashPassword(password) });
          if (!user) {
            process.stderr.write(`newsdesk user: there is already a user named ${termText(valid)}, or one whose name looks the same\n`);
            return 1;
          }
          process.stdout.write(`added ${termText(user.name)} (${user.role})\n`);
          return 0;
        });
      }
      case 'passwd':
      case 'unlock': {
        if (args.length !== 1) throw new UsageError('give one NAME');
        const password = sub === 'passwd' ? await newPassword(name!) : undefined;
        return withStore(db, async (store) => {
          const user = await store.accounts.findUser(name!);
          if (!user) {
            process.stderr.write(`newsdesk user: no user named ${termText(name!)}; "newsdesk user list" lists them\n`);
            return 1;
          }
          if (password !== undefined) {
            await store.accounts.updateUser(user.id, { passwordHash: await hashPassword(password) });
            const ended = await store.accounts.revokeUserSessions(user.id);
            process.stdout.write(`password of ${termText(user.name)} changed; ${ended} session${ended === 1 ? '' : 's'} ended\n`);
          } else {
            const cleared = await store.accounts.clearThrottle([accountKey(user.name)]);
            process.stdout.write(cleared ? `${termText(user.name)} unlocked\n` : `${termText(user.name)} was not locked\n`);
          }
          return 0;
        });
      }
      case 'disable':
      case 'enable': {
        if (args.length !== 1) throw new UsageError('give one NAME');
        const disabled = sub === 'disable';
        return withStore(db, async (store) => {
          const user = await store.accounts.findUser(name!);
          if (!user) {
            process.stderr.write(`newsdesk user: no user named ${termText(name!)}; "newsdesk user list" lists them\n`);
            return 1;
          }
          const shown = termText(user.name);
          const r = await setUserDisabled(store, user, disabled);
          if (!r.ok) {
            process.stderr.write(
              `newsdesk user: ${shown} is the last active admin and cannot be disabled: nobody could manage accounts then; ` +
                'add another admin first ("newsdesk user add NAME --admin", or a role at /desk/users), then disable this one\n',
            );
            return 1;
          }
          if (r.changed)
            await store.curation.record({
              actorId: null,
              actorName: CLI_ACTOR,
              action: disabled ? 'user.disable' : 'user.enable',
              target: `user:${user.id}`,
              before: { disabled: user.disabled },
              after: { disabled },
            });
          const ended = `${r.sessionsEnded} session${r.sessionsEnded === 1 ? '' : 's'} ended`;
          if (disabled) process.stdout.write(r.changed ? `${shown} disabled; ${ended}\n` : `${shown} was already disabled; ${ended}\n`);
          else process.stdout.write(r.changed ? `${shown} enabled\n` : `${shown} was not disabled\n`);
          return 0;
        });
      }
      default:
        throw new UsageError(sub ? `no subcommand "${sub}"` : 'give a subcommand: add, list, passwd, unlock, disable or enable');
    }
  },
} satisfies Command;

/** `--db PATH`, `--admin` (a flag) and `--role R`, and the other words in order. */
export function parseUserArgs(argv: readonly string[]): { db?: string; role?: AccountRole; words: string[] } {
  const out: { db?: string; role?: AccountRole; words: string[] } = { words: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--admin') out.role = 'admin';
    else if (a === '--role') {
      const v = argv[++i];
      if (!v || !(ROLES as readonly string[]).includes(v)) throw new UsageError('--role takes admin, editor or reader');
      out.role = v as AccountRole;
    } else if (a === '--db') {
      const v = argv[++i];
      if (!v) throw new UsageError('--db needs a path');
      out.db = v;
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else out.words.push(a);
  }
  return out;
}
