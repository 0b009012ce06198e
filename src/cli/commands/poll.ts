// `newsdesk poll [--once]`: checks due sources, once or continuously.
import type { Command } from '../command.js';
import { flagValue, optionValue } from '../args.js';
import { UsageError } from '../command.js';
import { configWithDb } from '../open-store.js';
import { stopRequested, untilStopRequested } from '../stop-signal.js';
import type { PollSummary } from '../../jobs/scheduler.js';

/**
 * `poll --once`'s exit status when it ran but some sources failed: distinct from 1 (the command
 * could not run: a bad option, a store that does not open) and 2 (a malformed command line), so a
 * cron job or a systemd timer can alarm on it, or accept it (SuccessExitStatus=3).
 */
export const SOME_SOURCES_FAILED = 3;

const usage = `
Usage: newsdesk poll [--db DB] [--topics FILE] [--once] [--all]

Fetches the sources that are due and stores their new entries. With --once it checks what is
due now, prints a summary and exits; without it, it keeps polling (sleeping until the next source
is due) until interrupted (Ctrl-C / SIGTERM). --all makes every enabled source due first.
Progress goes to stderr; the summary line to stdout. Ctrl-C / SIGTERM stops it cleanly: checks
in flight get the "stopDeadlineMs" option, the rest are released unrecorded.

Exit status of --once: 0 when every checked source was fetched or not modified (or none was
due); ${SOME_SOURCES_FAILED} when some failed (stderr says how many; "newsdesk sources" shows each one's last
error); 1 when it could not run at all; 2 for a malformed command line.

New entries are tagged with the topics of --topics or the "topicsFile" option (NEWSDESK_TOPICS),
else the stored topics; a --topics file that cannot be read stops poll before it checks anything.

  --db DB        a SQLite file or a postgres:// URL (default: the "database" option)
  --topics FILE  the topics file (default: the "topicsFile" option)
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
    let topics: string | undefined;
    let once = false;
    let all = false;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '--db') db = optionValue(argv, ++i, '--db needs a path');
      else if (a === '--topics') topics = flagValue(argv, ++i, a);
      else if (a === '--once') once = true;
      else if (a === '--all') all = true;
      else throw new UsageError(`unexpected argument ${a}`);
    }
    const [{ openStore }, { Scheduler }, { logger }, { createProgress }, { buildPipeline }, { topicsOverride }, { pollParser }] =
      await Promise.all([
        import('../../store/index.js'),
        import('../../jobs/scheduler.js'),
        import('../../log/logger.js'),
        import('../progress.js'),
        import('../../server/pipeline.js'),
        import('../topics-file.js'),
        import('../../server/poll-parser.js'),
      ]);
    const config = await configWithDb(db, await topicsOverride(topics));
    if (stopRequested()) return 0;
    const store = await openStore(config);
    const log = logger('poll');
    // Full-text extraction, then tagging with the active topics (the topics file, else the stored
    // set). The alert worker runs only when polling continuously — with --once, queued alerts wait
    // in the outbox for `newsdesk serve` or `newsdesk alerts run`.
    let pipeline: Awaited<ReturnType<typeof buildPipeline>> | undefined;
    // Feeds, sitemap files and listing pages are parsed in a worker (as `newsdesk worker` does):
    // a huge sitemap does not stall the renewal of the leases of the other checks in flight.
    const parser = pollParser(config);
    try {
      if (stopRequested()) return 0;
      pipeline = await buildPipeline({ store, config, log, alerts: !once });
      const { steps, readers } = pipeline;
      if (stopRequested()) return 0;
      if (all) {
        // The store's clock: the scheduler below claims what is due by it.
        const now = await store.clock.now();
        for (const s of await store.sources.list())
          if (s.status !== 'disabled' && s.nextCheckAt > now) await store.sources.update(s.id, { nextCheckAt: now });
      }
      if (once) {
        const now = await store.clock.now();
        // A source whose feed address another source is polled for (sameFeeds, p-dupsources) is never
        // claimed: counted, the progress would never reach its total.
        const [listed, same] = await Promise.all([store.sources.list(), store.sources.sameFeeds()]);
        const enabled = listed.filter((s) => s.status !== 'disabled' && !same.get(s.id)?.polledBy);
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
        const scheduler = new Scheduler({
          store,
          config,
          log,
          steps,
          readers,
          parser,
          pages: parser,
          onChecked: (s) => progress.tick(s.title ?? s.url),
        });
        let stopped = false;
        void untilStopRequested().then(() => {
          stopped = true;
          process.stderr.write(`stopping: checks in flight get ${config.stopDeadlineMs} ms, then are released unrecorded…\n`);
          return scheduler.stop();
        });
        try {
          const summary = await scheduler.pollOnce();
          progress.done(`poll: ${summary.checked} sources checked`);
          process.stdout.write(`${summaryLine(summary)}\n`);
          if (stopped) process.stderr.write('poll: stopped before every due source was checked; the rest are due at the next poll\n');
          return onceStatus(summary);
        } finally {
          await scheduler.close();
        }
      }
      const scheduler = new Scheduler({ store, config, log, steps, readers, parser, pages: parser });
      scheduler.start((s) => process.stdout.write(`${new Date().toISOString()} ${summaryLine(s)}\n`));
      process.stderr.write('polling continuously; press Ctrl-C to stop\n');
      await untilStopRequested();
      process.stderr.write(`stopping: checks in flight get ${config.stopDeadlineMs} ms, then are aborted…\n`);
      await scheduler.stop();
      return 0;
    } finally {
      await parser.close();
      await pipeline?.close();
      await store.close();
    }
  },
  stopsCleanly: true,
} satisfies Command;

/** The exit status of `poll --once`, with one line on stderr when some sources failed. */
export function onceStatus(s: PollSummary): number {
  if (s.failed === 0) return 0;
  process.stderr.write(
    `poll: ${s.failed} of ${s.checked} source${s.checked === 1 ? '' : 's'} failed (exit status ${SOME_SOURCES_FAILED}); "newsdesk sources" shows why (status failing, last error)\n`,
  );
  return SOME_SOURCES_FAILED;
}
