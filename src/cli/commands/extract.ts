// `newsdesk extract [--url URL] FILE...`: full-article extraction of saved pages, one JSON object
// per file on stdout (NDJSON). Scoring tools call it with many files at once, so one bad file
// yields an {"path","error"} line and the others go on.
import { readFile, stat } from 'node:fs/promises';
import type { Command } from '../command.js';
import { absoluteUrl, scanOptions } from '../args.js';
import { UsageError } from '../command.js';
import { IsolatedExtractor } from '../../ingest/extract/isolated.js';
import { termJson, termText } from '../terminal-text.js';

/** Files larger than this are refused rather than read into memory. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

const usage = `
Usage: newsdesk extract [--url URL] [--time-budget MS] FILE...

Extracts the main article and its metadata from saved HTML pages. Prints one JSON object per
file (NDJSON): path, url, title, byline, published (ISO 8601), lang, dir, siteName, excerpt,
leadImage, canonicalUrl, html (sanitised), text (paragraphs separated by a blank line),
readerable; null for what is not found. A file that cannot be read prints {"path","error"}.
The exit status is 1 when any file failed.

Pages are extracted in a worker thread: a page still running after 4 times its time budget
(at least 10 s), or needing more than 1 GB of heap, is abandoned with an error line.

  --url URL          the address the pages were served from; relative links resolve against it
  --time-budget MS   time allowed per page (default 5000); larger pages get a cheaper extractor
`;

function parseArgs(argv: string[]): { url?: string | undefined; budget?: number | undefined; files: string[] } {
  let url: string | undefined;
  let budget: number | undefined;
  const files = scanOptions(argv, {
    '--url': (v) => (url = absoluteUrl('--url', v)),
    '--time-budget': (v) => {
      budget = Number(v);
      if (!Number.isFinite(budget) || budget <= 0) throw new UsageError(`--time-budget wants a positive number of ms, not ${v}`);
    },
  });
  if (files.length === 0) throw new UsageError('give at least one FILE');
  return { url, budget, files };
}

export default {
  summary: 'Extract the main article and metadata from saved HTML pages (NDJSON)',
  usage,
  async run(argv: string[]): Promise<number> {
    const { url, budget, files } = parseArgs(argv);
    const extractor = new IsolatedExtractor({ timeBudgetMs: budget });
    let failed = 0;
    for (const path of files) {
      let line: string;
      try {
        const st = await stat(path);
        if (!st.isFile()) throw new Error('not a regular file');
        if (st.size > MAX_FILE_BYTES) throw new Error(`file is ${st.size} bytes; pages over ${MAX_FILE_BYTES} bytes are refused`);
        const bytes = await readFile(path);
        const r = await extractor.extract(bytes, url);
        line = JSON.stringify({
          path,
          url: url ?? null,
          title: r.title,
          byline: r.byline,
          published: r.published,
          lang: r.lang,
          dir: r.dir,
          siteName: r.siteName,
          excerpt: r.excerpt,
          leadImage: r.leadImage,
          canonicalUrl: r.canonicalUrl,
          html: r.html,
          text: r.text,
          readerable: r.readerable,
          charset: r.charset,
          refreshUrl: r.refreshUrl,
          warnings: r.warnings,
        });
      } catch (err) {
        failed++;
        const msg = err instanceof Error ? err.message : String(err);
        line = JSON.stringify({ path, error: msg });
        process.stderr.write(`newsdesk extract: ${termText(path)}: ${termText(msg)}\n`);
      }
      process.stdout.write(`${termJson(line)}\n`);
    }
    await extractor.close();
    return failed > 0 ? 1 : 0;
  },
} satisfies Command;
