// `newsdesk export-opml`: the subscriptions as OPML 2.0.
import type { Command } from '../command.js';
import { optionValue } from '../args.js';
import { UsageError } from '../command.js';
import { openStoreWithDb } from '../open-store.js';
import { termText } from '../terminal-text.js';

const KIND_NAMES: Record<string, string> = { sitemap: 'news sitemap', page: 'listing page' };

const usage = `
Usage: newsdesk export-opml [--db PATH] [--output FILE]

Prints the feed subscriptions as OPML 2.0 (categories as nested outlines), or writes them to FILE.
OPML holds feeds only: news sitemaps and listing pages are left out, and named on stderr with
their address, so that they can be added again elsewhere (newsdesk add URL).
`;

export default {
  summary: 'Print the subscriptions as OPML 2.0',
  usage,
  async run(argv: string[]): Promise<number> {
    let db: string | undefined;
    let output: string | undefined;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '--db') db = optionValue(argv, ++i, '--db needs a path');
      else if (a === '--output' || a === '-o') output = optionValue(argv, ++i, `${a} needs a file`);
      else throw new UsageError(`unexpected argument ${a}`);
    }
    const [{ writeFile }, { writeOpml }] = await Promise.all([import('node:fs/promises'), import('../../ingest/opml/index.js')]);
    const store = await openStoreWithDb(db, { existing: true });
    try {
      const sources = await store.sources.list();
      const xml = writeOpml(sources);
      // A sitemap or listing page has no place in OPML; leaving it out without a word lost it
      // for whoever moved their subscriptions with this file.
      const others = sources.filter((s) => s.kind !== 'feed');
      if (others.length) {
        const n = others.length;
        process.stderr.write(
          `export-opml: left out ${n} source${n === 1 ? '' : 's'} that OPML cannot hold (only feeds go in it); add ${n === 1 ? 'it' : 'them'} again with "newsdesk add URL":\n`,
        );
        for (const s of others)
          process.stderr.write(`  ${termText(s.title ?? s.url)} <${termText(s.url)}> (${KIND_NAMES[s.kind] ?? s.kind})\n`);
      }
      if (output) {
        await writeFile(output, xml);
        process.stderr.write(`wrote ${sources.filter((s) => s.kind === 'feed').length} feeds to ${output}\n`);
      } else process.stdout.write(xml);
      return 0;
    } finally {
      await store.close();
    }
  },
} satisfies Command;
