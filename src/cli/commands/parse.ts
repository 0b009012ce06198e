// `newsdesk parse [--url URL] [--header 'Name: value']... FILE|URL...`: parses feeds and prints
// one JSON object per argument (NDJSON). Scoring tools depend on this contract (README,
// "newsdesk parse"): each object carries `path` (the argument as given); a file that cannot be
// read, a refused URL or a document that is not a feed gives {"path","error"} and the command
// goes on; the exit status is 1 when any argument failed.
import { readFile } from 'node:fs/promises';
import type { Command } from '../command.js';
import { absoluteUrl, scanOptions } from '../args.js';
import { UsageError } from '../command.js';
import { FeedParseError, parseFeed } from '../../ingest/parse/index.js';
import type { ParsedFeed } from '../../ingest/parse/types.js';
import { termJson } from '../terminal-text.js';

/** Files larger than this are refused rather than read into memory. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

const usage = `
Usage: newsdesk parse [--url URL] [--header 'Name: value']... FILE|URL...

Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0, CDF and JSON Feed documents and prints one JSON object
per argument (NDJSON): path, version, bozo, bozoReason, encoding, feed{…}, entries[…]
(fields as in README, "newsdesk parse"). An http(s) argument is fetched with the guarded HTTP
client (private and loopback addresses are refused unless allowed in the config). A file that
cannot be read, a refused URL or a document that is not a feed prints {"path","error"}; the
exit status is 1 when any argument failed.

  --url URL               treat each FILE as the response body for URL (relative links resolve against it)
  --header 'Name: value'  a response header that came with the FILE (repeatable):
                          Content-Type charset, Content-Location, Content-Language matter
`;

interface Args {
  url?: string | undefined;
  headers: Record<string, string>;
  targets: string[];
}

function parseArgs(argv: string[]): Args {
  let url: string | undefined;
  const headers: Record<string, string> = {};
  const targets = scanOptions(argv, {
    '--url': (v) => (url = absoluteUrl('--url', v)),
    '--header': (h) => {
      const colon = h?.indexOf(':') ?? -1;
      if (!h || colon <= 0) throw new UsageError(`--header wants 'Name: value', not ${h ?? 'nothing'}`);
      headers[h.slice(0, colon).trim().toLowerCase()] = h.slice(colon + 1).trim();
    },
  });
  if (targets.length === 0) throw new UsageError('give at least one FILE or URL');
  return { url, headers, targets };
}

function isHttpUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

interface Loaded {
  bytes: Uint8Array;
  url?: string | undefined;
  headers?: Record<string, string> | undefined;
}

async function loadUrl(target: string): Promise<Loaded> {
  // Loaded on demand: files-only runs (the scoring harness) do not pay for the HTTP stack.
  const [{ fetchUrl, FEED_ACCEPT }, { loadConfig }] = await Promise.all([
    import('../../ingest/fetch/index.js'),
    import('../../config/load.js'),
  ]);
  const cfg = loadConfig();
  const res = await fetchUrl(target, { ...cfg, accept: FEED_ACCEPT, operatorUrl: true });
  return { bytes: res.body, url: res.url, headers: res.headers };
}

async function loadFile(target: string, args: Args): Promise<Loaded> {
  const bytes = await readFile(target);
  if (bytes.length > MAX_FILE_BYTES) {
    throw new Error(`file is larger than ${MAX_FILE_BYTES} bytes; feeds that big are refused`);
  }
  const hasHeaders = Object.keys(args.headers).length > 0;
  return { bytes, url: args.url, headers: hasHeaders || args.url ? args.headers : undefined };
}

function ordered(path: string, r: ParsedFeed): Record<string, unknown> {
  return { path, version: r.version, bozo: r.bozo, bozoReason: r.bozoReason, encoding: r.encoding, feed: r.feed, entries: r.entries };
}

export default {
  summary: 'Parse feed files or URLs and print them as JSON (NDJSON)',
  usage,
  async run(argv: string[]): Promise<number> {
    const args = parseArgs(argv);
    let failed = 0;
    let usedNetwork = false;
    const out: string[] = [];
    const flush = (): void => {
      if (out.length) process.stdout.write(out.join(''));
      out.length = 0;
    };
    for (const target of args.targets) {
      let line: string;
      try {
        let loaded: Loaded;
        if (isHttpUrl(target)) {
          usedNetwork = true;
          loaded = await loadUrl(target);
        } else {
          loaded = await loadFile(target, args);
        }
        const parsed = parseFeed({ bytes: loaded.bytes, url: loaded.url, headers: loaded.headers });
        line = termJson(JSON.stringify(ordered(target, parsed)));
      } catch (err) {
        failed++;
        const why = err instanceof FeedParseError ? err.message : message(err);
        line = termJson(JSON.stringify({ path: target, error: why }));
      }
      out.push(`${line}\n`);
      if (out.length >= 50) flush();
    }
    flush();
    if (usedNetwork) {
      const { closeSharedFetchers } = await import('../../ingest/fetch/index.js');
      await closeSharedFetchers();
    }
    return failed ? 1 : 0;
  },
} satisfies Command;
