// `newsdesk never-read count|queue`: the stories never read in full (extract status "none") of the
// sources that read full text, as the desk counts and offers them (each source by its own mode;
// those whose read is queued or running left out), counted per source, and their reads queued as
// the desk's buttons queue them (extract-entry jobs with the entry's pending key: never twice).
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { scanOptions } from '../args.js';
import { openStoreWithDb } from '../open-store.js';
import { progressOfReports } from '../progress.js';
import { termText } from '../terminal-text.js';

const usage = `
Usage: newsdesk never-read count [--source ID] [--db DB]
       newsdesk never-read queue [--source ID] [--limit N] [--db DB]

Stories whose article was never read in full though their source reads full text (its extract
mode "short": short teasers only, or "always"), such as those stored while full text was off for
their source, past the articles a check reads, or while checks were held up. Stories whose read is
already queued or running are not counted. The desk lists them at /desk/sources/never-read.

  count       how many, per source (id, count, title and address) and in all
  queue       queues a read in full of each (newest stored first), as the desk's "Read full
              text" does: a background job that whichever process reads full text takes
              ("newsdesk serve" or "newsdesk worker"); progress on stderr, the summary on stdout

  --source ID only that source's stories (the number "newsdesk sources" shows)
  --limit N   queue at most N reads (default: all of them)
  --db DB     a SQLite file or a postgres:// URL (default: the "database" option, NEWSDESK_DATABASE)
`;

export default {
  summary: 'Count stories never read in full, per source, and queue their reads',
  usage,
  async run(argv: string[]): Promise<number> {
    let db: string | undefined;
    let sourceId: number | undefined;
    let limit: number | undefined;
    const need = (name: string, v: string | undefined): string => {
      if (v === undefined || v === '') throw new UsageError(`${name} needs a value`);
      return v;
    };
    const rest = scanOptions(argv, {
      '--db': (v) => (db = need('--db', v)),
      '--source': (v) => {
        const s = need('--source', v);
        if (!/^\d{1,15}$/.test(s) || Number(s) < 1)
          throw new UsageError(`--source takes a source id, a whole number ≥ 1 (not "${termText(s)}")`);
        sourceId = Number(s);
      },
      '--limit': (v) => {
        const s = need('--limit', v);
        if (!/^\d{1,9}$/.test(s) || Number(s) < 1) throw new UsageError(`--limit takes a whole number ≥ 1 (not "${termText(s)}")`);
        limit = Number(s);
      },
    });
    const [verb, ...extra] = rest;
    if (verb !== 'count' && verb !== 'queue') throw new UsageError('say count or queue');
    if (extra.length) throw new UsageError(`unexpected argument ${extra[0]}`);
    if (verb === 'count' && limit !== undefined) throw new UsageError('--limit is for queue');
    const [{ NEVER_READ_ALL, neverReadQuery, queueEntryReads, QUEUE_BATCH }, store] = await Promise.all([
      import('../../jobs/never-read.js'),
      openStoreWithDb(db, { existing: true }),
    ]);
    try {
      const sources = await store.sources.list();
      const source = sourceId === undefined ? undefined : sources.find((s) => s.id === sourceId);
      if (sourceId !== undefined && !source) {
        process.stderr.write(`newsdesk never-read: no source ${sourceId}; "newsdesk sources" lists them\n`);
        return 1;
      }
      const name = (s: { title: string | null; url: string }): string => termText(s.title ?? s.url);
      // A source reading no full text offers none of its stories a read, whatever they are.
      const q = source ? neverReadQuery(source.extractMode) : NEVER_READ_ALL;
      if (source && !q) {
        const said = `source ${source.id} (${name(source)}) reads no full text (extract mode "off"): none of its stories is offered a read; one whose mode is "short" or "always" is`;
        if (verb === 'count') {
          process.stdout.write(`0\t#${source.id} ${name(source)}\n`);
          process.stderr.write(`newsdesk never-read: ${said}\n`);
          return 0;
        }
        process.stderr.write(`newsdesk never-read: nothing to queue: ${said}\n`);
        return 1;
      }
      const countNow = (): Promise<number> =>
        source && q ? store.entries.unreadCount(source.id, q) : store.entries.unreadCountAll(NEVER_READ_ALL);
      if (verb === 'count') {
        if (source) {
          process.stdout.write(`${await countNow()}\t#${source.id} ${name(source)} <${termText(source.url)}>\n`);
          return 0;
        }
        // One grouped aggregate: every source's count at once, the most first.
        const counts = (await store.entries.unreadCountsBySource(NEVER_READ_ALL)).sort(
          (a, b) => b.count - a.count || a.sourceId - b.sourceId,
        );
        const byId = new Map(sources.map((s) => [s.id, s]));
        for (const c of counts) {
          const s = byId.get(c.sourceId);
          process.stdout.write(`${c.count}\t#${c.sourceId} ${s ? `${name(s)} <${termText(s.url)}>` : ''}\n`);
        }
        const total = counts.reduce((a, c) => a + c.count, 0);
        process.stdout.write(`${total} never read in full in all, over ${counts.length} source${counts.length === 1 ? '' : 's'}\n`);
        return 0;
      }
      const found = await countNow();
      const want = Math.min(found, limit ?? found);
      const progress = progressOfReports('never-read', 'reads queued');
      let queued = 0;
      let skipped = 0;
      let idle = 0;
      // Newest first, a batch at a time: each read leaves out what is queued, so the next batch is
      // the next one (no cursor). A batch that queued nothing (another process queued them
      // meanwhile) is read past; two in a row end the run.
      while (queued < want && idle < 2) {
        const n = Math.min(QUEUE_BATCH, want - queued);
        const ids = source && q ? await store.entries.unreadIds(source.id, q, n) : await store.entries.unreadIdsAll(NEVER_READ_ALL, n);
        if (!ids.length) break;
        const r = await queueEntryReads(store, ids);
        queued += r.queued;
        skipped += r.pending;
        idle = r.queued ? 0 : idle + 1;
        progress.report(queued, want);
      }
      const left = await countNow();
      const scope = source ? ` of source ${source.id} (${name(source)})` : '';
      progress.done(`never-read: ${queued}/${want} reads queued`);
      process.stdout.write(
        `queued ${queued} read${queued === 1 ? '' : 's'} in full${scope}${skipped ? ` (${skipped} already queued meanwhile, left as they were)` : ''}; still never read and not queued: ${left}\n`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
} satisfies Command;
