// `newsdesk poll [--once]`: checks due sources, once or continuously.
import type { Command } from '../command.js';
import { optionValue } from '../args.js';
import { UsageError } from '../command.js';
import { configWithDb } from '../open-store.js';
import type { PollSummary } from '../../jobs/scheduler.js';

const usage = `
Usage: newsdesk poll [--db DB] [--once] [--all]

Fetches the sources that are due and stores their new entries. With --once it checks what is
due now, prints a summary and exits; without it, it keeps polling (sleeping until the next source
is due) until interrupted (Ctrl-C / SIGTERM). --all makes every enabled source due first.
Progress goes to stderr; the summary line to stdout.

  --db DB     a SQLite file or a postgres:// URL (default: the "database" option)
`;

export function summaryLine(s: PollSummary): string {
  return (
    `checked ${s.checked} source${s.checked === 1 ? '' : 's'} in ${(s.durationMs / 1000).toFixed(1)}s: ` +
    `${s.fetched} fetched, ${s.notModified} not modified, ${s.failed} failed` +
    `${s.disabled ? ` (${s.disabled} disabled)` : ''}; ${s.inserted} new entries, ${s.updated} updated`
  );
}

export default {
  summary: 'Fetch due sources once (--once) or continuously',
  usage,
  async run(argv: string[]): Promise<number> {
    let db: string | undefined;
    let once = false;
    let all = false;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '--db') db = optionValue(argv, ++i, '--db needs a path');
      else if (a === '--once') once = true;
      else if (a === '--all') all = true;
      else throw new UsageError(`unexpected argument ${a}`);
    }
    const [{ openStore }, { Scheduler }, { logger }, { createProgress }, { buildPipeline }] = await Promise.all([
      import('../../store/index.js'),
      import('../../jobs/scheduler.js'),
      import('../../log/logger.js'),
      import('../progress.js'),
      import('../../server/pipeline.js'),
    ]);
    const config = await configWithDb(db);
    const store = await openStore(config);
    const log = logger('poll');
    // Full-text extraction, then tagging with the active topics (the topics file, else the stored
    // set). The alert worker runs only when polling continuously — with --once, queued alerts wait
    // in the outbox for `newsdesk serve` or `newsdesk alerts run`.
    const pipeline = await buildPipeline({ store, config, log, alerts: !once });
    const { steps, readers } = pipeline;
    try {
      if (all) {
        const now = Date.now();
        for (const s of await store.sources.list())
          if (s.status !== 'disabled' && s.nextCheckAt > now) await store.sources.update(s.id, { nextCheckAt: now });
      }
      if (once) {
        const now = Date.now();
        const enabled = (await store.sources.list()).filter((s) => s.status !== 'disabled');
        const due = enabled.filter((s) => s.nextCheckAt <= now).length;
        // "checked 0 sources" alone left the operator wondering whether anything works.
        if (due === 0) {
          const next = Math.min(...enabled.map((s) => s.nextCheckAt));
          process.stderr.write(
            enabled.length === 0
              ? 'poll: no sources to check; add one with "newsdesk add URL" or "newsdesk import-opml FILE"\n'
              : `poll: no source is due now; the next is due in ${Math.max(1, Math.ceil((next - now) / 60_000))} min (--all checks every source now)\n`,
          );
        }
        const progress = createProgress('poll', due, { noun: 'sources' });
        const scheduler = new Scheduler({ store, config, log, steps, readers, onChecked: (s) => progress.tick(s.title ?? s.url) });
        try {
          const summary = await scheduler.pollOnce();
          progress.done(`poll: ${summary.checked} sources checked`);
          process.stdout.write(`${summaryLine(summary)}\n`);
          return 0;
        } finally {
          await scheduler.close();
        }
      }
      const scheduler = new Scheduler({ store, config, log, steps, readers });
      scheduler.start((s) => process.stdout.write(`${new Date().toISOString()} ${summaryLine(s)}\n`));
      process.stderr.write('polling continuously; press Ctrl-C to stop\n');
      await new Promise<void>((resolve) => {
        const quit = (): void => resolve();
        process.once('SIGINT', quit);
        process.once('SIGTERM', quit);
      });
      process.stderr.write(`stopping: checks in flight get ${config.stopDeadlineMs} ms, then are aborted…\n`);
      await scheduler.stop();
      return 0;
    } finally {
      await pipeline.close();
      await store.close();
    }
  },
} satisfies Command;
