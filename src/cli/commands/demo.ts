// `newsdesk demo` (what `npm start` runs): the site on a demo store, filled from the bundled
// sample feeds, which a local server on 127.0.0.1 serves so the demo works offline.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from '../command.js';
import { listenOverrides, runSiteUntilSignal } from '../run-site.js';
import { stopRequested } from '../stop-signal.js';
import { parseServeFlags } from './serve.js';

const usage = `
Usage: newsdesk demo [--db PATH] [--topics FILE] [--host HOST] [--port PORT]

Starts Newsdesk with sample sources: eight fictional outlets (RSS, Atom, JSON Feed, RDF; English,
Arabic, Persian; one deliberately broken) served from samples/feeds/ on 127.0.0.1. Prints the
URL of the site; the topic page fills within seconds. Topics come from samples/topics.yaml unless
--topics or NEWSDESK_TOPICS names another file (SIGHUP reloads it). Stops on Ctrl-C.

Each demo keeps its stories in a database of its own, a temporary file removed when it stops, so
two demos started from one checkout never share (or rewrite) each other's sources.

  --db PATH      SQLite database file to keep (default: a temporary one; NEWSDESK_DATABASE also
                 names one). One demo per file: each points the sample sources at its own server.
  --topics FILE  topics file (default: NEWSDESK_TOPICS, else samples/topics.yaml)
  --host HOST    address to listen on (default: the "host" option, 127.0.0.1)
  --port PORT    port to listen on (default: the "port" option, 8080; 0 picks a free one)
`;

export default {
  summary: 'Run the site with bundled sample feeds (what npm start runs)',
  usage,
  async run(argv: string[]): Promise<number> {
    const flags = parseServeFlags(argv);
    const [{ loadConfig }, { openStore }, { configureLogging }, { startSite }, samples] = await Promise.all([
      import('../../config/load.js'),
      import('../../store/index.js'),
      import('../../log/logger.js'),
      import('../../server/runtime.js'),
      import('../../server/demo-feeds.js'),
    ]);
    // samples/ sits at the package root: two levels above src/cli/commands in the source tree,
    // three in dist/.
    const root = new URL(import.meta.url.includes('/dist/') ? '../../../../' : '../../../', import.meta.url);
    const samplesDir = fileURLToPath(new URL('samples/', root));
    const base = loadConfig();
    // The sample server's port changes per run and the stored sources follow it, so a database
    // shared by two running demos would have each one re-point the other's sources.
    const tempDir = flags.db || process.env.NEWSDESK_DATABASE ? undefined : mkdtempSync(join(tmpdir(), 'newsdesk-demo-'));
    const database = flags.db ? `sqlite:${flags.db}` : (process.env.NEWSDESK_DATABASE ?? `sqlite:${join(tempDir!, 'demo.db')}`);
    const overrides: Record<string, unknown> = {
      database,
      // The fetcher refuses loopback addresses; the sample server is the one exception. Not for
      // webhooks (alertAllowHosts is left as configured): a demo's desk topic cannot post to this
      // machine's services, as it could while the two lists were one.
      allowHosts: [...base.allowHosts, '127.0.0.1/32'],
      // Sample stories link to fictional .example sites: there is no full text to fetch.
      extractMode: 'off',
    };
    // The sample topics follow the organisation the sample feeds report on, under all its names.
    if (flags.topics !== undefined) {
      const { explicitTopicsFile } = await import('../topics-file.js');
      overrides.topicsFile = await explicitTopicsFile('--topics', flags.topics);
    } else if (!process.env.NEWSDESK_TOPICS) overrides.topicsFile = `${samplesDir}topics.yaml`;
    const config = loadConfig({ overrides: { ...overrides, ...listenOverrides(flags) } });
    const log = configureLogging(config).child({ module: 'demo' });
    const sampleServer = await samples.startSampleServer(`${samplesDir}feeds`);
    const store = await openStore(config);
    try {
      // Listen first: a demo that cannot get its port stops before it touches the sources.
      const site = await startSite({ store, config, log, poll: true, ingestThread: config.ingestThread });
      try {
        await samples.registerSampleSources(store, samplesDir, sampleServer);
      } catch (err) {
        await site.stop();
        throw err;
      }
      if (stopRequested()) {
        await site.stop();
        return 0;
      }
      site.startPolling();
      const where = tempDir ? `a temporary database, ${join(tempDir, 'demo.db')}, removed on exit` : database;
      return await runSiteUntilSignal(
        site,
        `Newsdesk demo: open ${site.url}/ (sample feeds at ${sampleServer.base}/feeds/; ${where}) — press Ctrl-C to stop`,
      );
    } finally {
      await sampleServer.close();
      await store.close();
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    }
  },
  stopsCleanly: true,
} satisfies Command;
