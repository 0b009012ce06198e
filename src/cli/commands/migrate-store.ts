// `newsdesk migrate-store --from URL --to URL`: moves a whole store to another database (SQLite to
// PostgreSQL, typically), resumably, and proves the copy by per-table counts and checksums.
import type { Command } from '../command.js';
import { UsageError } from '../command.js';

const usage = `
Usage: newsdesk migrate-store [--from URL] --to URL [--force] [--resume] [--batch-size N]

Copies every table of one store into another: sources (with feed metadata and previous
addresses), entries (tombstones included), topic definitions and tags, the alert outbox and log,
and every other table the schema has. URLs are written as the "database" option:
sqlite:PATH or postgres://user:password@host:5432/db[?schema=NAME].

The target's tables are made by Newsdesk's own migrations first; the source must be at this
version's migration level (upgrade it with "newsdesk migrate" otherwise). The source is only read.
Rows are copied in key order, one transaction per batch together with a high-water mark kept in
the target, so an interrupted copy (Ctrl-C, crash, lost connection) continues with --resume.
At the end every table's row count and checksum are compared on both sides; the exit status is 0
only when all match. Stop the processes that write to the source first: rows written after the
copy starts are not copied.

Progress goes to stderr (a bar on a terminal, plain lines otherwise); the per-table report to stdout.

  --from URL        the store to copy (default: the "database" option, NEWSDESK_DATABASE)
  --to URL          the store to fill; created if missing
  --force           empty a target that already holds rows (or an unfinished copy) first
  --resume          continue the interrupted copy recorded in the target
  --batch-size N    rows per batch and transaction (default 500)
`;

export default {
  summary: 'Copy a whole store to another database (e.g. SQLite to PostgreSQL), verified',
  usage,
  async run(argv: string[]): Promise<number> {
    let from: string | undefined;
    let to: string | undefined;
    let force = false;
    let resume = false;
    let batchSize = 500;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      const eq = a.startsWith('--') ? a.indexOf('=') : -1;
      const name = eq < 0 ? a : a.slice(0, eq);
      const value = (): string => {
        const v = eq < 0 ? argv[++i] : a.slice(eq + 1);
        if (v === undefined || v === '') throw new UsageError(`${name} needs a value`);
        return v;
      };
      if (name === '--from') from = value();
      else if (name === '--to') to = value();
      else if (a === '--force') force = true;
      else if (a === '--resume') resume = true;
      else if (name === '--batch-size') {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new UsageError('--batch-size takes a whole number from 1 to 100000');
        batchSize = n;
      } else throw new UsageError(`unexpected argument ${a}`);
    }
    if (!to) throw new UsageError('--to is required: the store to copy into');
    if (force && resume) throw new UsageError('--force starts over and --resume continues: give one of them');

    const [{ copyStore }, { CopyError }, { createProgress }, { configWithDb }] = await Promise.all([
      import('../../store/copy/copy-store.js'),
      import('../../store/copy/types.js'),
      import('../progress.js'),
      import('../open-store.js'),
    ]);
    from ??= (await configWithDb(undefined)).database;
    try {
      const report = await copyStore({
        from,
        to,
        force,
        resume,
        batchSize,
        say: (line) => process.stderr.write(`${line}\n`),
        progress: (title, total) => {
          const p = createProgress(title, total, { noun: 'rows' });
          return {
            advance: (rows, table) => {
              for (let i = 0; i < rows; i++) p.tick(table);
            },
            done: (message) => p.done(message),
          };
        },
      });
      const w = Math.max(5, ...report.tables.map((t) => t.table.length));
      const lines = [
        `${'table'.padEnd(w)}  ${'source'.padStart(9)}  ${'target'.padStart(9)}  checksum`,
        ...report.tables.map(
          (t) =>
            `${t.table.padEnd(w)}  ${String(t.sourceRows).padStart(9)}  ${String(t.targetRows).padStart(9)}  ${
              t.ok ? `ok ${t.sourceChecksum}` : `DIFFERS ${t.sourceChecksum} ≠ ${t.targetChecksum}`
            }`,
        ),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
      for (const t of report.targetOnly) process.stderr.write(`note: the target also has table ${t}, which the source lacks; left empty\n`);
      const secs = `${(report.ms / 1000).toFixed(1)} s (copy ${(report.copyMs / 1000).toFixed(1)} s, verification ${(report.verifyMs / 1000).toFixed(1)} s)`;
      if (!report.ok) {
        const bad = report.tables.filter((t) => !t.ok).map((t) => t.table);
        process.stderr.write(
          `newsdesk migrate-store: the copy in ${report.target} does NOT match ${report.source} in ${bad.join(', ')}; ` +
            'was something writing to the source? Start over with --force.\n',
        );
        return 1;
      }
      process.stderr.write(
        `${report.resumed ? 'resumed and finished' : 'copied'}: ${report.copiedRows} rows in ${secs}; ${report.tables.length} tables verified (counts and checksums equal) in ${report.target}\n`,
      );
      return 0;
    } catch (err) {
      if (err instanceof CopyError) {
        process.stderr.write(`newsdesk migrate-store: ${err.message}\n`);
        return 1;
      }
      throw err;
    }
  },
} satisfies Command;
