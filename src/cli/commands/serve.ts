// `newsdesk serve`: the web site (topic pages, articles, search, feeds out, JSON API) and the
// scheduler, on the configured store.
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { databaseOption } from '../open-store.js';
import { flagValue, portOption } from '../args.js';
import { listenOverrides, runSiteUntilSignal } from '../run-site.js';

const usage = `
Usage: newsdesk serve [--db DB] [--host HOST] [--port PORT] [--no-poll]

Serves the reading site and keeps sources fresh in the background (every role in one process:
site, API, polling, tagging, alerts and the coordinator). Prints the site's URL on
stdout; logs go to stderr. Stops cleanly on Ctrl-C / SIGTERM. Topics come from the "topicsFile"
option (NEWSDESK_TOPICS); SIGHUP reloads that file (a broken file keeps the current topics).

  --db DB      a SQLite file or a postgres:// URL (default: the "database" option)
  --host HOST  address to listen on (default: the "host" option, 127.0.0.1)
  --port PORT  port to listen on (default: the "port" option, 8080; 0 picks a free one)
  --no-poll    the web role: site, API, /healthz, /readyz and /metrics only; workers
               (newsdesk worker) fetch, tag, deliver alerts and re-tag
`;

export interface ServeFlags {
  db?: string;
  host?: string;
  port?: number;
  poll: boolean;
}

export function parseServeFlags(argv: string[]): ServeFlags {
  const f: ServeFlags = { poll: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--db') f.db = flagValue(argv, ++i, a);
    else if (a === '--host') f.host = flagValue(argv, ++i, a);
    else if (a === '--port') f.port = portOption(flagValue(argv, ++i, a));
    else if (a === '--no-poll') f.poll = false;
    else throw new UsageError(`unexpected argument ${a}`);
  }
  return f;
}

export default {
  summary: 'Serve the reading site and JSON API, polling sources in the background',
  usage,
  async run(argv: string[]): Promise<number> {
    const flags = parseServeFlags(argv);
    const [{ loadConfig }, { openStore }, { logger, configureLogging }, { startSite }] = await Promise.all([
      import('../../config/load.js'),
      import('../../store/index.js'),
      import('../../log/logger.js'),
      import('../../server/runtime.js'),
    ]);
    const overrides = listenOverrides(flags);
    if (flags.db) overrides.database = databaseOption(flags.db);
    const config = loadConfig({ overrides });
    configureLogging(config);
    const store = await openStore(config);
    const log = logger('serve');
    try {
      const site = await startSite({ store, config, log, poll: flags.poll, webOnly: !flags.poll, ingestThread: config.ingestThread });
      if (flags.poll) site.startPolling();
      return await runSiteUntilSignal(
        site,
        `Newsdesk is serving ${site.url}/ — press Ctrl-C to stop${config.topicsFile ? `; kill -HUP ${process.pid} reloads ${config.topicsFile}` : ''}`,
      );
    } finally {
      await store.close();
    }
  },
} satisfies Command;
