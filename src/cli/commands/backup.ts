// `newsdesk backup --to FILE`: an online backup of a SQLite store (the service can keep running);
// for PostgreSQL, the way to do it with the server's own tools.
import type { Command } from '../command.js';
import { UsageError } from '../command.js';

const usage = `
Usage: newsdesk backup --to FILE [--db PATH] [--force]

Writes a consistent copy of a SQLite store to FILE with SQLite's online backup API: the web
server and workers can keep running. The copy is checked (quick_check) before it takes the name
FILE. Restore by stopping Newsdesk and putting FILE in the database's place.

A PostgreSQL store is backed up with pg_dump (the command says how; see docs/deploy.md).

  --to FILE   where the backup goes
  --db PATH   SQLite database file (default: the "database" option, NEWSDESK_DATABASE)
  --force     replace FILE if it exists
`;

export function postgresBackupAdvice(database: string): string {
  const parsed = new URL(database);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  if (parsed.password) parsed.password = '***';
  const where = parsed.toString();
  return [
    'this store is PostgreSQL; newsdesk backup copies SQLite files only. Back PostgreSQL up with its own tools:',
    `  pg_dump --format=custom ${schema ? `--schema=${schema} ` : ''}--file=newsdesk.dump '${where}'`,
    `  pg_restore --dbname='${where}' --clean --if-exists newsdesk.dump     # to restore`,
    'pg_dump takes a consistent snapshot while Newsdesk keeps running; see docs/deploy.md ("Backups").',
  ].join('\n');
}

export default {
  summary: 'Back up a SQLite store while it runs (PostgreSQL: says how with pg_dump)',
  usage,
  async run(argv: string[]): Promise<number> {
    let to: string | undefined;
    let db: string | undefined;
    let force = false;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      const value = (): string => {
        const v = argv[++i];
        if (v === undefined || v === '') throw new UsageError(`${a} needs a value`);
        return v;
      };
      if (a === '--to') to = value();
      else if (a === '--db') db = value();
      else if (a === '--force') force = true;
      else throw new UsageError(`unexpected argument ${a}`);
    }
    if (!to) throw new UsageError('--to FILE is required');
    const [{ configWithDb }, { backupSqlite }, { CopyError }, { progressOfReports }] = await Promise.all([
      import('../open-store.js'),
      import('../../store/copy/sqlite-backup.js'),
      import('../../store/copy/types.js'),
      import('../progress.js'),
    ]);
    const { database } = await configWithDb(db);
    if (/^postgres(ql)?:\/\//.test(database)) {
      process.stderr.write(`newsdesk backup: ${postgresBackupAdvice(database)}\n`);
      return 1;
    }
    if (!database.startsWith('sqlite:')) {
      process.stderr.write(
        `newsdesk backup: the "database" option ${JSON.stringify(database)} is neither sqlite:PATH nor a postgres:// URL\n`,
      );
      return 1;
    }
    const path = database.slice('sqlite:'.length) || 'data/newsdesk.db';
    const bar = progressOfReports('backup', 'pages');
    try {
      const r = await backupSqlite(path, to, { force, onProgress: (done, total) => bar.report(done, total) });
      bar.done(`backup: ${r.pages} pages copied`);
      process.stdout.write(
        `${to}: backup of ${path}, ${(r.bytes / 1_048_576).toFixed(1)} MiB, checked, in ${(r.ms / 1000).toFixed(1)} s\n`,
      );
      return 0;
    } catch (err) {
      if (err instanceof CopyError) {
        process.stderr.write(`newsdesk backup: ${err.message}\n`);
        return 1;
      }
      throw err;
    }
  },
} satisfies Command;
