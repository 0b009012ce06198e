// `newsdesk migrate`: applies pending schema migrations to the configured store and exits. Run once
// before starting web and worker processes of a new version (the container entrypoint's "migrate"
// role); PostgreSQL migrations take an advisory lock, so several at once are harmless too.
import type { Command } from '../command.js';
import { dbAndPositionals } from '../args.js';
import { UsageError } from '../command.js';

const usage = `
Usage: newsdesk migrate [--db DB]

Brings the store's schema up to this version of Newsdesk and exits: creates the tables of a new
store, applies the migrations an older one lacks, and refuses a store migrated by a newer version.

  --db DB     a SQLite file or a postgres:// URL (default: the "database" option, NEWSDESK_DATABASE)
`;

export default {
  summary: 'Apply pending schema migrations to the store and exit',
  usage,
  async run(argv: string[]): Promise<number> {
    const { db, rest } = dbAndPositionals(argv);
    if (rest.length > 0) throw new UsageError(`unexpected argument ${rest[0]}`);
    const [{ configWithDb }, { upgradeStore }, { CopyError }] = await Promise.all([
      import('../open-store.js'),
      import('../../store/copy/upgrade.js'),
      import('../../store/copy/types.js'),
    ]);
    const config = await configWithDb(db);
    try {
      const r = await upgradeStore(config.database);
      process.stdout.write(
        r.applied.length > 0
          ? `${r.store}: applied migration(s) ${r.applied.join(', ')}; the schema is at migration ${r.level}\n`
          : `${r.store}: the schema is up to date (migration ${r.level})\n`,
      );
      return 0;
    } catch (err) {
      if (err instanceof CopyError) {
        process.stderr.write(`newsdesk migrate: ${err.message}\n`);
        return 1;
      }
      throw err;
    }
  },
} satisfies Command;
