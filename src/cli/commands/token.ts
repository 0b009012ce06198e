// `newsdesk token create`: an API token for a user, printed once (the store keeps its digest).
import { digest, newApiToken } from '../../auth/tokens.js';
import type { TokenScope } from '../../store/accounts.js';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { openStoreWithDb } from '../open-store.js';
import { termText } from '../terminal-text.js';

const usage = `
Usage: newsdesk token create --user NAME --scope read|write [--name N] [--db PATH]

Creates an API token for the user and prints it on stdout, once: it cannot be shown again (the
store keeps only its SHA-256). Send it as "Authorization: Bearer TOKEN". A write token needs an
editor or admin; tokens are listed and revoked on /desk/account.
`;

export default {
  summary: 'Create an API token for a user (printed once)',
  usage,
  async run(argv: string[]): Promise<number> {
    const [sub, ...rest] = argv;
    if (sub !== 'create') throw new UsageError('the subcommand is create');
    const o: { user?: string; scope?: TokenScope; name?: string; db?: string } = {};
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i]!;
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      if (a === '--user') o.user = v;
      else if (a === '--scope') {
        if (v !== 'read' && v !== 'write') throw new UsageError('--scope takes read or write');
        o.scope = v;
      } else if (a === '--name') o.name = v;
      else if (a === '--db') o.db = v;
      else throw new UsageError(`unexpected argument ${a}`);
    }
    if (!o.user) throw new UsageError('--user NAME is required');
    if (!o.scope) throw new UsageError('--scope read|write is required');
    const name = (o.name ?? `cli ${new Date().toISOString().slice(0, 10)}`).trim().slice(0, 64);
    const store = await openStoreWithDb(o.db);
    try {
      const user = await store.accounts.findUser(o.user);
      if (!user) {
        process.stderr.write(`newsdesk token: no user named ${termText(o.user)}; "newsdesk user list" lists them\n`);
        return 1;
      }
      if (o.scope === 'write' && user.role === 'reader') {
        process.stderr.write(`newsdesk token: ${termText(user.name)} is a reader; readers get read tokens only\n`);
        return 1;
      }
      const token = newApiToken();
      await store.accounts.createToken({ userId: user.id, name, hash: digest(token), scope: o.scope });
      process.stderr.write(`token "${termText(name)}" (${o.scope}) for ${termText(user.name)}; it is shown only now:\n`);
      process.stdout.write(`${token}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
} satisfies Command;
