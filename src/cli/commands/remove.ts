// `newsdesk remove ID|URL`: unsubscribes (the source and its entries are deleted).
import type { Command } from '../command.js';
import { dbAndPositionals } from '../args.js';
import { UsageError } from '../command.js';
import { openStoreWithDb } from '../open-store.js';
import { termText } from '../terminal-text.js';

const usage = `
Usage: newsdesk remove [--db PATH] ID|URL

Removes a source and its stored entries. ID is the number shown by "newsdesk sources".
`;

export default {
  summary: 'Remove a source and its entries',
  usage,
  async run(argv: string[]): Promise<number> {
    const { db, rest } = dbAndPositionals(argv);
    if (rest.length !== 1) throw new UsageError('give one source ID or URL');
    const store = await openStoreWithDb(db, { existing: true });
    try {
      const key = rest[0]!;
      const source = /^\d+$/.test(key) ? await store.sources.get(Number(key)) : await store.sources.getByUrl(key);
      if (!source) {
        process.stderr.write(`newsdesk remove: no source ${key}; "newsdesk sources" lists them\n`);
        return 1;
      }
      const entries = await store.entries.count({ sourceId: source.id });
      await store.sources.remove(source.id);
      process.stdout.write(
        `removed #${source.id}: ${termText(source.title ?? source.url)} <${termText(source.url)}> and its ${entries} entries\n`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
} satisfies Command;
