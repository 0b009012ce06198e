// Scheduled checks honour the desk's per-source settings: a source with private headers or an
// allowed private address is read with a fetcher of its own (desk-fetcher.ts), and every check's
// duration is kept as the source's "last fetch took" (the desk's slow filter). The settings are
// read in one query and cached for a few seconds, so a poll of many sources adds no query per
// check; a duration is written only when it moved noticeably, so most checks add no write either.
import type { Config } from '../config/options.js';
import type { SourceKind } from '../domain/source.js';
import type { Logger } from '../log/logger.js';
import type { SourceReader, SourceReaders } from '../pipeline/index.js';
import type { DeskSourceSettings } from '../store/desk.js';
import type { Store } from '../store/store.js';
import { deskFetcher, needsOwnFetcher } from './desk-fetcher.js';

const CACHE_MS = 10_000;

/** Whether a new duration is worth a write: first one, or off by a quarter (and half a second). */
export function durationMoved(old: number | null | undefined, now: number): boolean {
  if (old === null || old === undefined) return true;
  return Math.abs(now - old) > Math.max(500, old * 0.25);
}

export function withDeskSettings(readers: SourceReaders, store: Store, config: Config, log: Logger): SourceReaders {
  let cache: { at: number; map: Promise<Map<number, DeskSourceSettings>> } | undefined;
  const settings = (): Promise<Map<number, DeskSourceSettings>> => {
    if (!cache || Date.now() - cache.at > CACHE_MS) {
      const map = store.desk.allSourceSettings().catch((err: unknown) => {
        log.warn({ err }, 'could not read the desk source settings; checking without them');
        return new Map<number, DeskSourceSettings>();
      });
      cache = { at: Date.now(), map };
    }
    return cache.map;
  };
  const out = new Map<SourceKind, SourceReader>();
  for (const [kind, reader] of readers) {
    out.set(kind, async (source, fetcher, ctx) => {
      const s = (await settings()).get(source.id);
      const own = needsOwnFetcher(s) ? deskFetcher(config, source.url, s!) : undefined;
      const t0 = performance.now();
      try {
        return await reader(source, own ?? fetcher, ctx);
      } finally {
        const ms = Math.round(performance.now() - t0);
        await own?.close().catch(() => undefined);
        if (durationMoved(s?.lastFetchMs, ms)) {
          const map = await settings();
          await store.desk
            .setSourceSettings(source.id, { lastFetchMs: ms })
            .then((next) => map.set(source.id, next))
            .catch((err: unknown) => log.warn({ err, sourceId: source.id }, 'could not record the fetch duration'));
        }
      }
    });
  }
  return out;
}
