// `newsdesk worker`: the worker role — fetching, full-text extraction, tagging, alert delivery and
// (one process at a time, elected) periodic re-tagging, with no site. Run as many as the database
// and the hosts' cores allow; they share the work through leases in the store.
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { configWithDb } from '../open-store.js';
import { flagValue, portOption } from '../args.js';
import { reloadOnHangup, untilSignal } from '../run-site.js';
import { stopRequested } from '../stop-signal.js';

const usage = `
Usage: newsdesk worker [--db DB] [--topics FILE] [--host HOST] [--port PORT] [--name NAME]

Polls due sources (claimed with leases, so any number of workers on any machines can share one
PostgreSQL database), extracts full text, tags with the topics, delivers alerts, and — in one
process of the deployment at a time — re-tags history when topics change. Serves only /healthz
(liveness), /readyz (readiness) and /metrics on HOST:PORT; prints that URL on stdout.

SIGTERM / Ctrl-C (even during start-up): stops claiming, gives checks in flight the "stopDeadlineMs" option, releases
the rest and the coordinator role, then exits 0. SIGHUP reloads the topics file. Topics come from
--topics or the "topicsFile" option (NEWSDESK_TOPICS), as for serve: a --topics file that cannot
be read stops the worker before it starts; a configured one is warned about.

  --db DB        a postgres:// URL or a SQLite file (default: the "database" option, NEWSDESK_DATABASE)
  --topics FILE  the topics file (default: the "topicsFile" option)
  --host HOST    address of the health endpoints (default: the "host" option, 127.0.0.1)
  --port PORT    their port (default: the "port" option, NEWSDESK_PORT; 0 picks a free one)
  --name NAME    this worker's name in leases and logs (default: NEWSDESK_WORKER_NAME, else the host name)
`;

export interface WorkerFlags {
  db?: string;
  host?: string;
  port?: number;
  name?: string;
  topics?: string;
}

export function parseWorkerFlags(argv: string[]): WorkerFlags {
  const f: WorkerFlags = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--db') f.db = flagValue(argv, ++i, a);
    else if (a === '--host') f.host = flagValue(argv, ++i, a);
    else if (a === '--port') f.port = portOption(flagValue(argv, ++i, a));
    else if (a === '--name') f.name = flagValue(argv, ++i, a);
    else if (a === '--topics') f.topics = flagValue(argv, ++i, a);
    else throw new UsageError(`unexpected argument ${a}`);
  }
  return f;
}

export default {
  summary: 'Run background work (fetch, extract, tag, alerts, coordinator) with health endpoints only',
  usage,
  async run(argv: string[]): Promise<number> {
    const flags = parseWorkerFlags(argv);
    const [{ openStore }, { logger }, { startWorker }, { listenOverrides }, { topicsOverride }] = await Promise.all([
      import('../../store/index.js'),
      import('../../log/logger.js'),
      import('../../server/worker.js'),
      import('../run-site.js'),
      import('../topics-file.js'),
    ]);
    const config = await configWithDb(flags.db, { ...listenOverrides(flags), ...(await topicsOverride(flags.topics)) });
    const name = flags.name ?? process.env.NEWSDESK_WORKER_NAME ?? undefined;
    const log = logger('worker').child(name ? { worker: name } : {});
    if (stopRequested()) return 0;
    const store = await openStore(config);
    try {
      // A stop asked for during start-up is honoured after each step (stop-signal.ts).
      if (stopRequested()) return 0;
      const worker = await startWorker({ store, config, log, ...(name ? { name } : {}) });
      const unhook = reloadOnHangup(worker.reloadTopics);
      process.stdout.write(`${worker.url}/\n`);
      process.stderr.write(`Newsdesk worker${name ? ` ${name}` : ''} is running; health at ${worker.url}/healthz — press Ctrl-C to stop\n`);
      await untilSignal();
      unhook();
      process.stderr.write(`stopping: checks in flight get ${config.stopDeadlineMs} ms, then are released…\n`);
      await worker.stop();
      process.stderr.write('stopped\n');
      return 0;
    } finally {
      await store.close();
    }
  },
  stopsCleanly: true,
} satisfies Command;
