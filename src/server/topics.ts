// Topics in a long-running process (`newsdesk serve`, `newsdesk poll`): the active topic set and
// the background re-tag of history when the set changes. The "topics" pipeline step that tags new
// entries with the active set is built beside it in pipeline.ts.
//
//   const topics = await startTopics({ store, config, log });   // before the scheduler starts
//   …
//   await topics.reload();                                      // e.g. on SIGHUP
//   await topics.stop();
//
// The topics file (option topicsFile) is the source of truth when set; without one, the set
// stored by the last `newsdesk retag` (or the web UI) is used.
import { readFile } from 'node:fs/promises';
import { rawTopicObjects } from '../alerts/config.js';
import type { Config } from '../config/options.js';
import type { Logger } from '../log/logger.js';
import type { Store } from '../store/store.js';
import { formatTopicError, parseTopics, type TopicFileError } from '../topics/definition.js';
import { TopicRegistry } from '../topics/registry.js';
import { Retagger, type RetagReport } from '../jobs/retag.js';

export interface TopicsRuntime {
  readonly registry: TopicRegistry;
  readonly retagger: Retagger;
  /** Reads the topics again; on errors the current set stays active and the errors are returned. */
  reload(): Promise<{ ok: boolean; errors: string[] }>;
  stop(): Promise<void>;
}

export interface TopicsRuntimeOptions {
  store: Store;
  config: Config;
  log: Logger;
}

export async function startTopics(o: TopicsRuntimeOptions): Promise<TopicsRuntime> {
  const { store, config, log } = o;
  const registry = new TopicRegistry();
  let lastLogged = -1;
  const retagger = new Retagger(store, {
    onProgress: (r: RetagReport) => {
      const pct = r.total ? Math.floor((100 * Math.min(r.done, r.total)) / r.total / 10) * 10 : 100;
      if (r.finished || pct !== lastLogged)
        log.info({ topics: r.topics, done: r.done, total: r.total, finished: r.finished }, 're-tagging history');
      lastLogged = r.finished ? -1 : pct;
    },
    onError: (err) => log.error({ err }, 're-tagging stopped on an error; it resumes on the next reload or restart'),
  });
  const reload = async (): Promise<{ ok: boolean; errors: string[] }> => {
    let source: string;
    let where: string;
    if (config.topicsFile) {
      where = config.topicsFile;
      try {
        source = await readFile(config.topicsFile, 'utf8');
      } catch (err) {
        const msg = `cannot read topics file ${config.topicsFile}: ${(err as Error).message}; the current topics stay active`;
        log.error(msg);
        return { ok: false, errors: [msg] };
      }
    } else {
      where = 'stored topics';
      source = JSON.stringify({ topics: (await store.topics.listDefinitions()).map((d) => d.definition) });
    }
    const parsed = parseTopics(source);
    if (!parsed.ok) {
      const errors = parsed.errors.map((e: TopicFileError) => formatTopicError(e, where));
      for (const e of errors) log.error(`${e} (the current topics stay active)`);
      return { ok: false, errors };
    }
    registry.replaceFromSource(source);
    const applied = await retagger.apply(registry.topics, rawTopicObjects(source), registry.matcher);
    for (const p of applied.alertProblems) log.warn(`${p}; that alert is off`);
    const s = applied.sync;
    log.info({ topics: registry.topics.length, added: s.added, changed: s.changed, removed: s.removed }, 'topics loaded');
    return { ok: true, errors: [] };
  };

  await reload();
  return {
    registry,
    retagger,
    reload,
    async stop() {
      await retagger.stop();
    },
  };
}
