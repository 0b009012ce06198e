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
// stored by the last `newsdesk retag` (or the web UI) is used. Topics defined at the desk
// (store.desk) are added to either (desk-topics.ts), and a desk save in another process is
// noticed within deskWatchMs. The stored set holds no inline secret (topics/stored.ts), so its
// webhooks need secretEnv or secretFile.
import { resolveAlerts, type TopicAlerts } from '../alerts/settings.js';
import type { Config } from '../config/options.js';
import type { Logger } from '../log/logger.js';
import type { Store } from '../store/store.js';
import { formatTopicError, parseTopicsValue, type TopicsParseResult } from '../topics/definition.js';
import { loadTopicsFile } from '../topics/load.js';
import { TopicRegistry } from '../topics/registry.js';
import { Retagger, type RetagReport } from '../jobs/retag.js';
import { withDeskTopics } from './desk-topics.js';

export interface TopicsRuntime {
  readonly registry: TopicRegistry;
  readonly retagger: Retagger;
  /** Alert settings of the active set, secrets resolved at the last (re)load. */
  readonly alerts: Map<string, TopicAlerts>;
  /** Reads the topics again; on errors the current set stays active and the errors are returned. */
  reload(): Promise<{ ok: boolean; errors: string[] }>;
  stop(): Promise<void>;
}

export interface TopicsRuntimeOptions {
  store: Store;
  config: Config;
  log: Logger;
  /**
   * Whether this process re-tags history itself when the set changes (default: always). With a
   * coordinator, only its leader does; the others store the set and leave the re-tag to it.
   */
  retagHere?: () => boolean;
  /** Where secretEnv is looked up (default process.env). */
  env?: NodeJS.ProcessEnv;
  /**
   * How often to look for topics saved at the desk by another process (ms; default 10 s, 0: never).
   * A web process stores them; the workers that tag take them up within this time.
   */
  deskWatchMs?: number;
}

export async function startTopics(o: TopicsRuntimeOptions): Promise<TopicsRuntime> {
  const { store, config, log } = o;
  const registry = new TopicRegistry();
  let alerts = new Map<string, TopicAlerts>();
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
  const storedTopics = async (): Promise<TopicsParseResult> =>
    parseTopicsValue((await store.topics.listDefinitions()).map((d) => d.definition));
  const reload = async (first = false): Promise<{ ok: boolean; errors: string[] }> => {
    let parsed: TopicsParseResult;
    let where: string;
    if (config.topicsFile) {
      where = config.topicsFile;
      parsed = await loadTopicsFile(config.topicsFile);
    } else {
      where = 'stored topics';
      parsed = await storedTopics();
    }
    if (!parsed.ok && first && config.topicsFile) {
      // At start-up there is no "current set" to keep: the one last applied (stored) is the
      // nearest thing to it, and the operator is told so — before, nothing was tagged at all
      // while the log said the current topics stayed active.
      const stored = await storedTopics();
      if (stored.ok) {
        const problem = parsed.errors.map((e) => (e.line === undefined ? e.message : formatTopicError(e, config.topicsFile))).join('; ');
        log.warn(
          { file: config.topicsFile, problem, stored: stored.topics.length },
          `topics file not loaded (${problem}); tagging with the ${stored.topics.length} stored topic(s) instead until it loads: fix it, then reload (SIGHUP)`,
        );
        parsed = stored;
        where = 'stored topics';
      }
    }
    if (!parsed.ok) {
      const errors = parsed.errors.map((e) => formatTopicError(e, where));
      for (const e of errors) log.error({ from: where, problem: e }, 'topics not loaded; the current topics stay active');
      return { ok: false, errors };
    }
    for (const w of parsed.warnings) log.warn({ from: where, problem: formatTopicError(w, where) }, 'topics loaded with a warning');
    const topics = await withDeskTopics(store, parsed.topics, log, config.deskSecrets);
    registry.replace(topics);
    const resolved = resolveAlerts(topics, o.env ? { env: o.env } : {});
    for (const p of resolved.problems) log.warn({ problem: p }, 'alert settings problem');
    alerts = resolved.alerts;
    const applied = await retagger.apply(registry.topics, registry.matcher, { run: o.retagHere?.() ?? true });
    const s = applied.sync;
    log.info({ topics: registry.topics.length, added: s.added, changed: s.changed, removed: s.removed }, 'topics loaded');
    return { ok: true, errors: [] };
  };

  let deskSeen = '';
  const deskStamp = async (): Promise<string> => (await store.desk.listTopics()).map((t) => `${t.id}@${t.version}`).join(',');
  const reloadAll = async (): Promise<{ ok: boolean; errors: string[] }> => {
    deskSeen = await deskStamp();
    return reload();
  };
  deskSeen = await deskStamp();
  await reload(true);
  const watchMs = o.deskWatchMs ?? 10_000;
  const watch =
    watchMs > 0
      ? setInterval(() => {
          deskStamp().then(
            (stamp) => (stamp !== deskSeen ? reloadAll().then(() => undefined) : undefined),
            (err: unknown) => log.warn({ err }, 'could not look for topics saved at the desk'),
          );
        }, watchMs)
      : undefined;
  watch?.unref();
  return {
    registry,
    retagger,
    get alerts() {
      return alerts;
    },
    reload: reloadAll,
    async stop() {
      clearInterval(watch);
      await retagger.stop();
    },
  };
}
