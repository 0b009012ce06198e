// `newsdesk add URL`: subscribes to a feed, or to the feed(s) a web page leads to.
import type { Command } from '../command.js';
import { UsageError } from '../command.js';

const usage = `
Usage: newsdesk add [--db PATH] [--all] [--title TITLE] URL

Subscribes to URL. When URL is a feed it is added as it is. When it is a web page, its feeds are
discovered (<link rel="alternate"> first, then common paths such as /feed, /rss, /atom.xml) and
the first one is added; --all adds every feed found. Says what it chose.

  --db PATH       SQLite database file (default: the "database" option)
  --all           add every discovered feed, not just the first
  --title TITLE   name to show for the source (default: the feed's title)
`;

export default {
  summary: 'Subscribe to a feed URL, or discover the feeds of a site',
  usage,
  async run(argv: string[]): Promise<number> {
    let db: string | undefined;
    let all = false;
    let title: string | undefined;
    const rest: string[] = [];
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '--db') db = argv[++i];
      else if (a === '--all') all = true;
      else if (a === '--title') title = argv[++i];
      else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
      else rest.push(a);
    }
    if (rest.length !== 1) throw new UsageError('give exactly one URL');
    if (argv.includes('--db') && !db) throw new UsageError('--db needs a path');
    let url = rest[0]!;
    if (!/^[a-z][a-z0-9+.-]*:/i.test(url)) url = `https://${url}`;
    try {
      new URL(url);
    } catch {
      throw new UsageError(`${rest[0]} is not a URL`);
    }

    const [{ loadConfig }, { openStore }, { HttpFetcher, closeSharedFetchers }, { discoverFeeds }] = await Promise.all([
      import('../../config/load.js'),
      import('../../store/index.js'),
      import('../../fetch/index.js'),
      import('../../discover/index.js'),
    ]);
    const config = loadConfig(db ? { overrides: { database: `sqlite:${db}` } } : {});
    const fetcher = new HttpFetcher(config);
    const store = await openStore(config);
    try {
      const found = await discoverFeeds(fetcher, url);
      if (found.feeds.length === 0) {
        const lines = [`newsdesk add: found no feed at ${url}.`];
        for (const t of found.tried.slice(0, 4)) lines.push(`  ${t.url}: ${t.problem}`);
        if (found.tried.length > 4) lines.push(`  … and ${found.tried.length - 4} more addresses tried`);
        process.stderr.write(`${lines.join('\n')}\n`);
        return 1;
      }
      const out: string[] = [];
      if (found.page) {
        out.push(`${url} is a web page; found ${found.feeds.length} feed${found.feeds.length === 1 ? '' : 's'}:`);
        for (const f of found.feeds) out.push(`  ${f.url}${f.title ? ` — ${f.title}` : ''} (${f.via === 'link' ? 'advertised by the page' : 'common path'}, ${f.entries} entries)`);
      }
      const chosen = all ? found.feeds : found.feeds.slice(0, 1);
      for (const f of chosen) {
        const { source, created } = await store.sources.add({ url: f.url, title: title ?? f.title ?? null, siteUrl: f.siteUrl ?? null });
        const name = source.title ?? source.url;
        out.push(created ? `added #${source.id}: ${name} <${source.url}>` : `already subscribed as #${source.id}: ${name} <${source.url}>`);
      }
      if (!all && found.feeds.length > 1) out.push(`(use --all to add all ${found.feeds.length}, or add another one by its URL)`);
      process.stdout.write(`${out.join('\n')}\n`);
      return 0;
    } finally {
      await store.close();
      await fetcher.close();
      await closeSharedFetchers();
    }
  },
} satisfies Command;
