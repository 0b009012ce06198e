// Scheduled checks honour the desk's per-source settings: a source with private headers or an
// allowed private address is read with a fetcher of its own (desk-fetcher.ts), and every check's
// duration is kept as the source's "last fetch took" (the desk's slow filter). Each check reads its
// own source's settings (one keyed lookup beside the check's other queries, and always current);
// reading every source's settings instead would cost a whole-table scan per poll at 100,000
// sources. A duration is written only when it moved noticeably, so most checks add no write.
import type { Config } from '../config/options.js';
import type { SourceKind } from '../domain/source.js';
import type { Logger } from '../log/logger.js';
import type { SourceReader, SourceReaders } from '../pipeline/index.js';
import type { DeskSourceSettings } from '../store/desk.js';
import type { Store } from '../store/store.js';
import { deskFetcher, needsOwnFetcher } from './desk-fetcher.js';

/** Whether a new duration is worth a write: first one, or off by a quarter (and half a second). */
export function durationMoved(old: number | null | undefined, now: number): boolean {
  if (old === null || old === undefined) return true;
  return Math.abs(now - old) > Math.max(500, old * 0.25);
}

export function withDeskSettings(readers: SourceReaders, store: Store, config: Config, log: Logger): SourceReaders {
  const settingsOf = (sourceId: number): Promise<DeskSourceSettings | undefined> =>
    store.desk.sourceSettings(sourceId).catch((err: unknown) => {
      log.warn({ err, sourceId }, 'could not read the desk settings of a source; checking without them');
      return undefined;
    });
  const out = new Map<SourceKind, SourceReader>();
  for (const [kind, reader] of readers) {
    out.set(kind, async (source, fetcher, ctx) => {
      const s = await settingsOf(source.id);
      const own = needsOwnFetcher(s) ? deskFetcher(config, source.url, s!) : undefined;
      const t0 = performance.now();
      try {
        return await reader(source, own ?? fetcher, ctx);
      } finally {
        const ms = Math.round(performance.now() - t0);
        await own?.close().catch(() => undefined);
        if (durationMoved(s?.lastFetchMs, ms)) {
          await store.desk
            .setSourceSettings(source.id, { lastFetchMs: ms })
            .catch((err: unknown) => log.warn({ err, sourceId: source.id }, 'could not record the fetch duration'));
        }
      }
    });
  }
  return out;
}
