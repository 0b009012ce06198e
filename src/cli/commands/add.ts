// `newsdesk add URL`: subscribes to a feed, to the feed(s) a web page leads to, to a site's news
// sitemap, or to a listing page of teasers — the first that works, saying which and why.
import type { ExtractMode, Source, SourceKind } from '../../domain/source.js';
import {
  checkSelectors,
  checkSourceAddress,
  EXTRACT_MODES as MODES,
  isExtractMode,
  isSelectorKey,
  isSourceKind,
  SELECTOR_KEYS,
  SELECTOR_MAX_CHARS,
  type SelectorKey,
  sourceTitle,
} from '../../ingest/listing/source-checks.js';
import type { ListingSelectors } from '../../ingest/listing/types.js';
import { applyToKnown, storedSelectors as selectorsOfSettings } from '../../ingest/listing/known-source.js';
import { sourceCheckText } from '../../locale/source-checks.js';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { configWithDb } from '../open-store.js';
import type { Store } from '../../store/store.js';
import { flagValue } from '../args.js';
import { termJson, termText } from '../terminal-text.js';

const usage = `
Usage: newsdesk add [--db DB] [--all] [--title TITLE] [--kind feed|page|sitemap]
                    [--extract off|short|always] [--selector KEY=CSS]... URL

Subscribes to URL, trying in order:
  1. URL is a feed: it is added as it is;
  2. feeds the page advertises (<link rel="alternate">), then common paths (/feed, /rss, …):
     the best one is added (--all adds every feed found);
  3. a news sitemap (robots.txt Sitemap: lines, /news-sitemap.xml, /sitemap.xml, …);
  4. the page itself as a listing of article teasers, found by their repeated structure.
Prints what it chose and why; when nothing works, what it tried and what to do.

  --db DB              a SQLite file or a postgres:// URL (default: the "database" option)
  --all                add every discovered feed, not just the best one
  --title TITLE        name to show for the source (default: the feed's or page's title)
  --kind KIND          only consider this kind of source: feed, page or sitemap
  --extract MODE       when to fetch the full article of new entries: off, short (when the
                       feed's text is a teaser) or always (default: the "extractMode" option)
  --selector KEY=CSS   CSS selector for a listing page (repeatable; implies --kind page):
                       item (each teaser block), title, link, summary, date (inside an item),
                       next (the "next page" link); stored in the source's settings.selectors

URL, --title and --selector pass the desk's own checks (src/ingest/listing/source-checks.ts): an
address that is not http(s) (file: only with the allowFileUrls option) or a selector the listing
reader cannot compile or longer than ${SELECTOR_MAX_CHARS} characters is refused (exit status 2) before
anything is fetched or stored; control characters in a title or selector become spaces, as at the desk.

On an address that is already a source, add changes that source to the options given and says
what changed: --title renames it, --extract sets its full-text mode, --selector replaces its listing
selectors (a listing page's only; without --selector the page is read with the selectors it has).
It never changes a source's kind: a --kind or --selector that asks for another kind than the
existing source's is refused (exit status 2), naming the source; --kind feed or sitemap on a page
finds that page's feed or sitemap, a source of its own.
`;

/** The kinds in the order the usage names them. */
const KINDS: readonly SourceKind[] = ['feed', 'page', 'sitemap'];

/** A value given on the command line, quoted for a one-line message: escaped, and cut when long. */
function quoted(value: string): string {
  const cut = value.length > 80 ? `${value.slice(0, 79)}…` : value;
  return termJson(JSON.stringify(cut));
}

interface AddArgs {
  db?: string;
  all: boolean;
  title?: string;
  kind?: SourceKind;
  extract?: ExtractMode;
  selectors?: ListingSelectors;
  url: string;
}

function parseArgs(argv: string[]): AddArgs {
  const out: Omit<AddArgs, 'url'> = { all: false };
  const rest: string[] = [];
  const selectors: Partial<Record<SelectorKey, string>> = {};
  const value = (i: number, flag: string): string => flagValue(argv, i, flag);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--db') out.db = value(++i, '--db');
    else if (a === '--all') out.all = true;
    else if (a === '--title') out.title = value(++i, '--title');
    else if (a === '--kind') {
      const k = value(++i, '--kind');
      if (!isSourceKind(k)) throw new UsageError(`--kind is one of ${KINDS.join(', ')}, not ${quoted(k)}`);
      out.kind = k;
    } else if (a === '--extract') {
      const m = value(++i, '--extract');
      if (!isExtractMode(m)) throw new UsageError(`--extract is one of ${MODES.join(', ')}, not ${quoted(m)}`);
      out.extract = m;
    } else if (a === '--selector') {
      const s = value(++i, '--selector');
      const eq = s.indexOf('=');
      const key = eq < 0 ? '' : s.slice(0, eq).trim();
      const css = eq < 0 ? '' : s.slice(eq + 1).trim();
      if (!isSelectorKey(key) || !css) {
        throw new UsageError(`--selector takes KEY=CSS with KEY one of ${SELECTOR_KEYS.join(', ')}, e.g. --selector item=article.post`);
      }
      selectors[key] = css;
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else rest.push(a);
  }
  if (rest.length !== 1) throw new UsageError('give exactly one URL');
  // The desk's checks (the address is checked once the options are read: see checkedAddress).
  if (Object.keys(selectors).length) {
    const checked = checkSelectors(selectors);
    if ('badKey' in checked && checked.problem === 'too-long')
      throw new UsageError(
        sourceCheckText('selector.tooLong', {
          field: `--selector ${checked.badKey}=${quoted(selectors[checked.badKey]!)}`,
          length: checked.length,
          max: SELECTOR_MAX_CHARS,
        }),
      );
    if ('badKey' in checked)
      throw new UsageError(
        sourceCheckText('selector.unusable', { field: `--selector ${checked.badKey}=${quoted(selectors[checked.badKey]!)}` }),
      );
    out.selectors = checked.selectors;
  }
  if (out.title !== undefined) {
    const title = sourceTitle(out.title);
    if (title === null) delete out.title;
    else out.title = title;
  }
  if (out.selectors && out.kind && out.kind !== 'page')
    throw new UsageError('--selector is for listing pages; it cannot be used with --kind ' + out.kind);
  if (out.selectors) out.kind = 'page';
  return { ...out, url: rest[0]! };
}

/**
 * The address given, as the desk checks it (https:// before a bare site name; http and https only),
 * but for a file: URL when the allowFileUrls option is on (local use, the command line only).
 */
function checkedAddress(given: string, allowFileUrls: boolean): string {
  const address = checkSourceAddress(given, { assumeHttps: true, allowFile: allowFileUrls });
  if ('address' in address) return address.address;
  const shown = quoted(given);
  throw new UsageError(
    address.problem === 'not-url'
      ? `URL ${shown} is not a web address; give one that starts with http:// or https:// (or a site's name, such as example.org/news)`
      : address.problem === 'file'
        ? `URL ${shown} is a file: address and file URLs are off; give an http(s) address, or set allowFileUrls (NEWSDESK_ALLOW_FILE_URLS=1) for local use`
        : `URL ${shown} is not an http or https address; only http(s) feeds, sitemaps and pages can be subscribed to`,
  );
}

/** One line refusing to change an existing source's kind, naming the source and what to do. */
function kindRefusal(source: Source, kind: SourceKind): string {
  const name = termText(source.title ?? source.url);
  return `newsdesk add: ${termText(source.url)} is already source #${source.id} (${name}), a ${source.kind} source, and add does not change a source's kind; to read it as a ${kind}, remove it (newsdesk remove ${source.id}) and add it again (nothing was changed)`;
}

/** Selectors as one line: `item=div.story, next=a.more` (values escaped), or "none". */
function selectorsLine(sel: ListingSelectors | undefined): string {
  const keys = SELECTOR_KEYS.filter((k) => sel?.[k] !== undefined);
  return keys.length ? keys.map((k) => `${k}=${termJson(JSON.stringify(sel![k]))}`).join(', ') : 'none';
}

/**
 * The options given to add, applied to a source it found already subscribed (the rule the API and
 * the desk share, src/ingest/listing/known-source.ts): --title renames it, --extract sets its
 * full-text mode, --selector replaces its listing selectors (the set the add chain just found the
 * teasers with; keys not given are unset, as the desk's settings form does). One line per option
 * given: what it changed, or that the source already had it.
 */
async function applyToExisting(store: Store, source: Source, args: AddArgs): Promise<string[]> {
  const id = `#${source.id}`;
  const change = applyToKnown(source, { title: args.title, extractMode: args.extract, selectors: args.selectors });
  const shown = (field: string, v: unknown): string =>
    field === 'selectors'
      ? selectorsLine((v ?? undefined) as ListingSelectors | undefined)
      : field === 'title'
        ? v === null
          ? 'none'
          : termJson(JSON.stringify(v))
        : String(v);
  const what = { title: 'name', extractMode: 'full-text extraction', selectors: 'listing selectors' } as const;
  const lines = change.fields.map((f) =>
    f.changed
      ? `  ${what[f.field]} of ${id} changed from ${shown(f.field, f.before)} to ${shown(f.field, f.after)}`
      : `  ${what[f.field]} of ${id} already ${shown(f.field, f.after)}`,
  );
  if (change.audit) await store.sources.update(source.id, change.patch);
  return lines;
}

export default {
  summary: 'Subscribe to a feed, or find a site’s feed, news sitemap or listing page',
  usage,
  async run(argv: string[]): Promise<number> {
    const args = parseArgs(argv);
    const [{ openStore }, { HttpFetcher, closeSharedFetchers }, { chooseSource, isChoice }, { ParsePool }] = await Promise.all([
      import('../../store/index.js'),
      import('../../ingest/fetch/index.js'),
      import('../../ingest/discover/index.js'),
      import('../../pipeline/parse-pool.js'),
    ]);
    const config = await configWithDb(args.db);
    // Before anything is fetched or stored.
    const url = checkedAddress(args.url, config.allowFileUrls);
    const fetcher = new HttpFetcher(config);
    // Every candidate is read in a worker, as at the desk: nothing else waits on this process, but
    // only a worker can be stopped by the deadline mid-parse and capped in memory, so a hostile
    // candidate ends as a line under "Tried:" instead of holding the terminal past
    // discoveryTimeoutMs or taking the process down. The worker starts at the first parse.
    const parser = new ParsePool({ size: 1, hardLimitMs: Math.max(60_000, config.totalTimeoutMs) });
    const store = await openStore(config);
    try {
      // The address given is a source already, of another kind than the one asked for: refused
      // before anything is fetched — for a listing page only, the one kind read at the address
      // given itself. A feed or a sitemap asked of a page is found from it at another address (the
      // feeds it advertises, the site's robots.txt), which is a new source (r-review); when
      // discovery leads to a known source of another kind, that is refused below all the same.
      const known = !args.kind || args.kind === 'page' ? await store.sources.getByUrl(url) : undefined;
      if (known && args.kind && known.kind !== args.kind) {
        process.stderr.write(`${kindRefusal(known, args.kind)}\n`);
        return 2;
      }
      // A listing page already subscribed, given without --selector, is read as it is subscribed:
      // with its stored selectors (r-review: without them, a page that needs them was "too few
      // teasers to follow", and --title or --extract could not reach the source at all).
      const stored = known?.kind === 'page' && !args.selectors ? selectorsOfSettings(known.settings) : undefined;
      const selectors = args.selectors ?? (stored && Object.keys(stored).length ? stored : undefined);
      const r = await chooseSource(fetcher, url, {
        ...(args.kind ? { kind: args.kind } : {}),
        ...(selectors ? { selectors } : {}),
        all: args.all,
        deadlineMs: config.discoveryTimeoutMs,
        parser,
      });
      if (!isChoice(r)) {
        const what = r.stopped
          ? `stopped after ${r.stopped.seconds} s (the deadline for finding a source)`
          : r.robotsRefused
            ? `the site's robots.txt does not allow Newsdesk to read the listing page`
            : args.kind
              ? `no usable ${args.kind} source`
              : 'found no feed, news sitemap or listing page';
        const lines = [
          `newsdesk add: ${what} at ${termText(url)}. Tried:`,
          ...r.tried.map((t) => `  ${termText(t)}`),
          `What to do: ${termText(r.advice)}.`,
        ];
        process.stderr.write(`${lines.join('\n')}\n`);
        return 1;
      }
      const out: string[] = [];
      if (r.kind === 'feed' && r.page && r.feeds) {
        out.push(`${termText(url)} is a web page; found ${r.feeds.length} feed${r.feeds.length === 1 ? '' : 's'}:`);
        for (const f of r.feeds)
          out.push(
            `  ${termText(f.url)}${f.title ? ` — ${termText(f.title)}` : ''} (${f.via === 'link' ? 'advertised by the page' : 'common path'}, ${f.entries} ${f.entries === 1 ? 'entry' : 'entries'})`,
          );
      }
      // A source found that is already stored as another kind is refused before any source found
      // is stored or changed (r-review: with --all, the ones before it were, under "nothing was
      // changed"). The check in the loop below stays for an address stored meanwhile.
      if (args.kind) {
        for (const s of r.sources) {
          const stored = await store.sources.getByUrl(s.url);
          if (stored && stored.kind !== r.kind) {
            process.stdout.write(out.length ? `${out.join('\n')}\n` : '');
            process.stderr.write(`${kindRefusal(stored, r.kind)}\n`);
            return 2;
          }
        }
      }
      for (const s of r.sources) {
        const { source, created } = await store.sources.add({
          url: s.url,
          kind: r.kind,
          title: args.title ?? s.title ?? null,
          siteUrl: s.siteUrl ?? null,
          ...(args.extract ? { extractMode: args.extract } : {}),
          ...(r.settings ? { settings: r.settings } : {}),
        });
        const name = termText(source.title ?? source.url);
        const at = termText(source.url);
        if (!created) {
          // An address already subscribed: the options given are applied to that source and each
          // is named (changed, or already so); none is dropped without a word (p-selector). Its
          // kind is the one thing add never changes (its entries were read as that kind).
          if (source.kind !== r.kind && (args.kind || args.selectors)) {
            process.stdout.write(out.length ? `${out.join('\n')}\n` : '');
            process.stderr.write(`${kindRefusal(source, r.kind)}\n`);
            return 2;
          }
          out.push(`already subscribed as #${source.id}: ${name} <${at}>`);
          out.push(...(await applyToExisting(store, source, args)));
          continue;
        }
        out.push(`added #${source.id}: ${name} <${at}> as a ${r.kind} source: ${termText(r.reason)}`);
      }
      if (r.kind === 'feed' && !args.all && r.feeds && r.feeds.length > 1)
        out.push(`(use --all to add all ${r.feeds.length}, or add another one by its URL)`);
      process.stdout.write(`${out.join('\n')}\n`);
      return 0;
    } finally {
      await store.close();
      await parser.close();
      await fetcher.close();
      await closeSharedFetchers();
    }
  },
} satisfies Command;
