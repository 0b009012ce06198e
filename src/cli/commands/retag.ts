// `newsdesk retag --topics FILE`: makes FILE the stored topic set and re-tags stored history.
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { configWithDb } from '../open-store.js';
import { batchOption, optionValue } from '../args.js';

const usage = `
Usage: newsdesk retag [--topics FILE] [--db DB] [--all] [--batch N]

Stores the topics of FILE (YAML or JSON; default: the "topicsFile" option) as the active set and
re-tags every stored entry for each topic that is new or whose names changed, so stories from
before the topic existed appear on its page. Topics no longer in FILE are removed with their tags.
A re-tag cut short (Ctrl-C, crash) resumes where it stopped on the next run.

Progress goes to stderr (a bar on a terminal, plain lines otherwise); a summary to stdout.

  --topics FILE  topics file (default: the "topicsFile" option, NEWSDESK_TOPICS)
  --db DB        a SQLite file or a postgres:// URL (default: the "database" option)
  --all          re-tag every topic, changed or not (after a matcher upgrade)
  --batch N      entries per batch (default 200)
`;

export default {
  summary: 'Store a topics file and re-tag stored entries with new or changed topics',
  usage,
  async run(argv: string[]): Promise<number> {
    let topicsPath: string | undefined;
    let db: string | undefined;
    let all = false;
    let batch = 200;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      const value = (): string => optionValue(argv, ++i, `${a} needs a value`);
      if (a === '--topics') topicsPath = value();
      else if (a.startsWith('--topics=')) topicsPath = a.slice('--topics='.length);
      else if (a === '--db') db = value();
      else if (a === '--all') all = true;
      else if (a === '--batch') batch = batchOption(value());
      else throw new UsageError(`unexpected argument ${a}`);
    }
    const [
      { openStore },
      { formatTopicError },
      { loadTopicsFile },
      { compileTopics },
      { resolveAlerts },
      { Retagger },
      { progressOfReports },
    ] = await Promise.all([
      import('../../store/index.js'),
      import('../../topics/definition.js'),
      import('../../topics/load.js'),
      import('../../topics/matcher.js'),
      import('../../alerts/settings.js'),
      import('../../jobs/retag.js'),
      import('../progress.js'),
    ]);
    const config = await configWithDb(db);
    const file = topicsPath ?? config.topicsFile;
    if (!file) throw new UsageError('give --topics FILE (or set the topicsFile option, NEWSDESK_TOPICS)');
    const parsed = await loadTopicsFile(file);
    if (!parsed.ok) {
      for (const e of parsed.errors) process.stderr.write(`newsdesk retag: ${formatTopicError(e, file)}\n`);
      process.stderr.write('newsdesk retag: nothing changed; fix the topics file and run again.\n');
      return 1;
    }
    for (const w of parsed.warnings) process.stderr.write(`newsdesk retag: warning: ${formatTopicError(w, file)}\n`);
    // Checked here, in this environment, so a typo in secretEnv / secretFile shows at once; the
    // process that delivers alerts resolves them again in its own.
    for (const p of resolveAlerts(parsed.topics).problems) process.stderr.write(`newsdesk retag: warning: ${p}\n`);

    const store = await openStore(config, { existing: true });
    const progress = progressOfReports('retag', 'entries');
    const stop = (): void => {
      process.stderr.write('\nnewsdesk retag: stopping after this batch; run again to resume.\n');
      void retagger.stop();
    };
    const retagger = new Retagger(store, {
      batchSize: batch,
      onProgress: (r) => {
        if (!r.finished) progress.report(r.done, r.total);
      },
    });
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      const applied = await retagger.apply(parsed.topics, compileTopics(parsed.topics), { all });
      const report = await applied.retagged;
      if (report.error) {
        progress.done('retag: stopped on an error');
        process.stderr.write(`newsdesk retag: ${report.error}\nProgress is kept; run the command again to resume.\n`);
        return 1;
      }
      progress.done(`retag: ${report.finished ? 'done' : 'stopped'}, ${report.done} entries`);
      const s = applied.sync;
      // Every entry a topic tags, those an editor hid from the public too: an operator's count
      // (topics.counts() alone leaves them out for the site since p-counts; r-counts).
      const counts = new Map((await store.topics.counts({ withHidden: true })).map((c) => [c.topicId, c.count]));
      const lines = [
        `topics: ${parsed.topics.length} (${s.added.length} added, ${s.changed.length} changed, ${s.unchanged.length} unchanged, ${s.removed.length} removed)`,
        `re-tagged: ${report.topics.length ? `${report.topics.join(', ')} over ${report.done} entries` : 'nothing needed it'}${report.finished ? '' : ' (stopped; run again to resume)'}`,
        ...parsed.topics.map((t) => {
          const n = counts.get(t.id) ?? 0;
          return `  ${t.id}: ${n} ${n === 1 ? 'entry' : 'entries'}`;
        }),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
      return report.finished ? 0 : 130;
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      await store.close();
    }
  },
} satisfies Command;
