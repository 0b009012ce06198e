// `newsdesk import-opml FILE`: subscribes to every feed of an OPML file.
import type { Command } from '../command.js';
import { dbAndPositionals } from '../args.js';
import { UsageError } from '../command.js';
import { openStoreWithDb } from '../open-store.js';
import { termText } from '../terminal-text.js';

const usage = `
Usage: newsdesk import-opml [--db PATH] FILE

Adds every feed of an OPML 1.0/2.0 subscription list (nested folders become categories, kept for
export-opml). Feeds already subscribed are left as they are. Only http and https feeds are
subscribed: an outline with any other address (file:, ftp:, javascript:…) is named on stderr with
the reason, the others are imported, and the exit status is 1. A progress bar shows on a terminal,
plain lines otherwise.
`;

export default {
  summary: 'Subscribe to every feed in an OPML file',
  usage,
  async run(argv: string[]): Promise<number> {
    const { db, rest } = dbAndPositionals(argv);
    if (rest.length !== 1) throw new UsageError('give one OPML file');
    const file = rest[0]!;
    const [{ readFile }, { decodeDocument }, { readOpml }, { createProgress }] = await Promise.all([
      import('node:fs/promises'),
      import('../../text/encoding.js'),
      import('../../ingest/opml/index.js'),
      import('../progress.js'),
    ]);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (err) {
      process.stderr.write(`newsdesk import-opml: cannot read ${file}: ${(err as Error).message}\n`);
      return 1;
    }
    let doc: ReturnType<typeof readOpml>;
    try {
      doc = readOpml(decodeDocument(bytes).text);
    } catch (err) {
      process.stderr.write(`newsdesk import-opml: ${file}: ${(err as Error).message}\n`);
      return 1;
    }
    for (const r of doc.refused) process.stderr.write(`newsdesk import-opml: refused ${termText(r.url)}: ${r.reason}\n`);
    if (doc.feeds.length === 0) {
      process.stderr.write(`newsdesk import-opml: ${file} lists no feeds (no outline with an xmlUrl)\n`);
      return 1;
    }
    const store = await openStoreWithDb(db);
    try {
      const progress = createProgress('import', doc.feeds.length, { noun: 'feeds' });
      let added = 0;
      // A feed already subscribed under another spelling of its address is found by the store's add
      // (feedKey, p-sourcekey): counted as already subscribed, not subscribed again.
      for (const f of doc.feeds) {
        const { created } = await store.sources.add({
          url: f.url,
          title: f.title ?? null,
          siteUrl: f.siteUrl ?? null,
          settings: f.categories.length ? { category: f.categories[0], categories: f.categories } : {},
        });
        if (created) added++;
        progress.tick(f.title ?? f.url);
      }
      progress.done();
      const refused = doc.refused.length ? `; ${doc.refused.length} refused (see above)` : '';
      process.stdout.write(
        `imported ${doc.feeds.length} feeds from ${file}: ${added} new, ${doc.feeds.length - added} already subscribed${refused}\n`,
      );
      return doc.refused.length ? 1 : 0;
    } finally {
      await store.close();
    }
  },
} satisfies Command;
