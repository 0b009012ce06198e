// `newsdesk sources`: the health table of every source.
import type { Source } from '../../domain/source.js';
import { sameFeedFields, type SameFeed, type SameFeedPeer } from '../../domain/same-feed.js';
import type { Command } from '../command.js';
import { optionValue } from '../args.js';
import { UsageError } from '../command.js';
import { openStoreWithDb } from '../open-store.js';
import { termJson, termText } from '../terminal-text.js';

const usage = `
Usage: newsdesk sources [--db PATH] [--json]

Lists sources with their health: id, status (new, ok, failing, disabled), title or URL, last
check, next check, consecutive errors and the last error; under a source that a permanent
redirect moved, the addresses it had before; under a source that reads the same feed address as
another under another spelling (both added before Newsdesk compared spellings), "same feed as #N"
or, for the one not polled, "not polled: same feed as #N" (its NEXT CHECK is "-"). --json prints
one JSON array instead, each source with sameFeedAs (ids) and feedPolledBy (id or null).
`;

function ago(t: number | null, now: number): string {
  if (t === null) return 'never';
  const d = Math.round((now - t) / 1000);
  const abs = Math.abs(d);
  const span =
    abs < 60
      ? `${abs}s`
      : abs < 3600
        ? `${Math.round(abs / 60)}m`
        : abs < 86400
          ? `${Math.round(abs / 3600)}h`
          : `${Math.round(abs / 86400)}d`;
  return d >= 0 ? `${span} ago` : `in ${span}`;
}

function cut(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

const named = (p: SameFeedPeer): string => `#${p.id} ${termText(p.title ? `${p.title} <${p.url}>` : p.url)}`;

export function sourcesTable(sources: readonly Source[], now = Date.now(), same: ReadonlyMap<number, SameFeed> = new Map()): string {
  const rows = sources.map((s) => [
    String(s.id),
    s.status,
    cut(termText(s.title ? `${s.title} <${s.url}>` : s.url), 60),
    ago(s.lastCheckedAt, now),
    // Another source of its feed address is polled in its place: never due while that one is.
    s.status === 'disabled' || same.get(s.id)?.polledBy ? '-' : s.nextCheckAt <= now ? 'due' : ago(s.nextCheckAt, now),
    String(s.errorCount),
    cut(termText(s.lastError ?? ''), 80),
  ]);
  const head = ['ID', 'STATUS', 'SOURCE', 'LAST CHECK', 'NEXT CHECK', 'ERRORS', 'LAST ERROR'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]): string =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const lines = [fmt(head)];
  sources.forEach((s, i) => {
    lines.push(fmt(rows[i]!));
    for (const m of s.previousUrls)
      lines.push(`${' '.repeat(widths[0]! + 2)}moved from ${termText(m.url)} on ${new Date(m.movedAt).toISOString().slice(0, 10)}`);
    const sf = same.get(s.id);
    if (sf)
      lines.push(
        `${' '.repeat(widths[0]! + 2)}${sf.polledBy ? `not polled: same feed as ${named(sf.polledBy)}` : `same feed as ${sf.others.map(named).join(', ')}`}`,
      );
  });
  return lines.join('\n');
}

export default {
  summary: 'List sources with their health (status, last/next check, errors)',
  usage,
  async run(argv: string[]): Promise<number> {
    let db: string | undefined;
    let json = false;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '--db') db = optionValue(argv, ++i, '--db needs a path');
      else if (a === '--json') json = true;
      else throw new UsageError(`unexpected argument ${a}`);
    }
    const store = await openStoreWithDb(db, { existing: true });
    try {
      const [sources, same] = await Promise.all([store.sources.list(), store.sources.sameFeeds()]);
      const withSame = sources.map((s) => ({ ...s, ...sameFeedFields(same.get(s.id)) }));
      if (json) process.stdout.write(`${termJson(JSON.stringify(withSame))}\n`);
      else if (sources.length === 0)
        process.stdout.write('no sources yet; add one with "newsdesk add URL" or "newsdesk import-opml FILE"\n');
      // "due" and "in 5m" by the store's clock, as the pollers claim by it (this machine's may be off).
      else process.stdout.write(`${sourcesTable(sources, await store.clock.now(), same)}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
} satisfies Command;
