// `newsdesk recluster`: groups every stored entry into stories again, from the first in time order.
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { batchOption, optionValue } from '../args.js';

const usage = `
Usage: newsdesk recluster [--db DB] [--batch N]

Runs every stored entry, oldest first, through the story clusterer again (the one the pipeline
uses, with the desk's settings: country names across scripts when the desk's settings page turns
them on), and stores the stories and copies it finds, replacing the stored ones. Use it after an
upgrade of the clusterer, after changing that setting, or to group entries stored before stories
existed.

A run always starts from the first entry (a story depends on everything before it). Stopped early
(Ctrl-C), the entries it reached keep their new stories and the rest have none until the next run;
nothing is deleted. A running server pauses its own clustering while a run holds the store's
re-clustering lease and rebuilds its window when the run ends.

One run at a time: while another (a server's job, or another command) holds the lease, this
command does nothing and exits with status 75; run it again once that one has ended. A run that
stalls past its lease (10 minutes without progress) and is taken over by another writes nothing
more, names the run that took over, and exits with status 75 too.

Progress goes to stderr (a bar on a terminal, plain lines otherwise); a summary to stdout.

  --db DB     a SQLite file or a postgres:// URL (default: the "database" option)
  --batch N   entries per batch (default 500)
`;

export default {
  summary: 'Group every stored entry into stories again (background re-clustering, with progress)',
  usage,
  async run(argv: string[]): Promise<number> {
    let db: string | undefined;
    let batch = 500;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '--db') db = optionValue(argv, ++i, `${a} needs a value`);
      else if (a === '--batch') batch = batchOption(optionValue(argv, ++i, `${a} needs a value`));
      else throw new UsageError(`unexpected argument ${a}`);
    }
    const [{ openStoreWithDb }, { processHolder, recluster }, { OnlineStoryClusterer }, { progressOfReports }] = await Promise.all([
      import('../open-store.js'),
      import('../../jobs/recluster.js'),
      import('../../stories/clusterer.js'),
      import('../progress.js'),
    ]);
    const store = await openStoreWithDb(db, { existing: true });
    const controller = new AbortController();
    const stop = (): void => {
      process.stderr.write('\nnewsdesk recluster: stopping after this batch; run again to redo all.\n');
      controller.abort();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const progress = progressOfReports('recluster', 'entries');
    try {
      const report = await recluster({
        store,
        create: (choice) => new OnlineStoryClusterer(choice),
        batchSize: batch,
        signal: controller.signal,
        onProgress: (r) => progress.report(r.done, r.total),
        holder: processHolder('cli'),
        onRetaken: (t) =>
          process.stderr.write(
            `\nnewsdesk recluster: this run stalled past its lease (it ran out at ${new Date(t.expiredAt).toISOString()}); ` +
              'nobody took it over, so it took it anew and carries on.\n',
          ),
      });
      if (report.skipped) {
        const { owner, job, until } = report.skipped;
        process.stderr.write(
          `newsdesk recluster: another re-clustering is running (${owner}${job === null ? '' : `, job ${job}`}, lease until ` +
            `${new Date(until).toISOString()}); nothing was done. Run again once it has ended.\n`,
        );
        return 75;
      }
      if (report.lost !== undefined) {
        // Fenced out: its lease ran out (it stalled) and another run took it over; nothing more was written.
        const by = report.lost;
        const taker =
          by === null
            ? 'another run'
            : `${by.owner}${by.job === null ? '' : `, job ${by.job}`} (lease until ${new Date(by.until).toISOString()})`;
        process.stderr.write(
          `\nnewsdesk recluster: stopped after ${report.done} of ${report.total} entries: this run's lease ran out and was taken over by ` +
            `${taker}, which carries on and regroups every stored article; this run wrote nothing more.\n`,
        );
        return 75;
      }
      progress.done(`recluster: ${report.finished ? 'done' : 'stopped'}, ${report.done} entries`);
      process.stdout.write(
        `entries: ${report.done} of ${report.total}\nstories: ${report.stories}${report.finished ? '' : ' (stopped; run again to redo all)'}\n`,
      );
      return report.finished ? 0 : 130;
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      await store.close();
    }
  },
} satisfies Command;
