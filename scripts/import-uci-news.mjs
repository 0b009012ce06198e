#!/usr/bin/env node
// Turns a slice of the UCI News Aggregator data set (Gasparetti 2016; CSV with the columns
// ID,TITLE,URL,PUBLISHER,CATEGORY,STORY,HOSTNAME,TIMESTAMP) into a headline-only evaluation set
// in the `newsdesk cluster` contract plus gold fields (data/stories-uci/SOURCES.md says where the
// slice comes from and what its gold is).
//
//   node scripts/import-uci-news.mjs RAW.csv [--out FILE] [--check]
//
// Each complete row becomes one line, in the file's (timestamp) order:
//   {id:"uci-<ID>", title, text:"", url, published, lang:"en", source: PUBLISHER,
//    event: STORY, category, host, split, synthetic:false}
// The title is kept as it is (tickers, "UPDATE 1-", " ..." truncation: that is what is tested);
// only the conversion's backslash escapes are undone: the URL's `\?` becomes `?` (no address
// contains a backslash) and the publisher's `\(blog\)`, `\&`, `\:` … lose the backslash. A row
// that is cut short (the slice ends in the middle of one), has no STORY or no numeric
// TIMESTAMP is dropped and counted. The split is by story, so a story is never on both sides:
// heldout when the first 32 bits of sha256("stories-uci/v1:" + STORY) are divisible by 3.
// FILE defaults to data/stories-uci/articles.jsonl.gz (gzip when the name ends in .gz).
// --check rebuilds into memory and exits 1 when it differs from FILE's text.
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readText, runImport } from './stories-import-lib.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HEADER = ['ID', 'TITLE', 'URL', 'PUBLISHER', 'CATEGORY', 'STORY', 'HOSTNAME', 'TIMESTAMP'];
const SPLIT_SALT = 'stories-uci/v1:';

/** RFC 4180 rows: quoted fields may hold commas, newlines and doubled quotes. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function splitOf(story) {
  const h = createHash('sha256')
    .update(SPLIT_SALT + story)
    .digest();
  return h.readUInt32BE(0) % 3 === 0 ? 'heldout' : 'dev';
}

/** CSV text → { lines (JSONL text), kept, dropped, stories, bySplit }. */
export function importCsv(text) {
  const rows = parseCsv(text);
  const head = rows.shift() ?? [];
  if (head.join(',') !== HEADER.join(',')) throw new Error(`unexpected header ${head.join(',')}; expected ${HEADER.join(',')}`);
  const out = [];
  let dropped = 0;
  for (const r of rows) {
    if (r.length === 1 && r[0] === '') continue;
    const [id, title, url, publisher, category, story, host, ts] = r;
    const ms = Number(ts);
    if (r.length !== HEADER.length || !story || !/^\d+$/.test(ts ?? '') || !Number.isFinite(ms) || !id) {
      dropped++;
      continue;
    }
    out.push({
      n: out.length,
      ms,
      line: {
        id: `uci-${id}`,
        title: title.trim(),
        text: '',
        url: url.replaceAll('\\?', '?'),
        published: new Date(ms).toISOString(),
        lang: 'en',
        source: publisher.replace(/\\([^\w\s])/g, '$1'),
        event: story,
        category,
        host,
        split: splitOf(story),
        synthetic: false,
      },
    });
  }
  // Time order (the contract's), file order among equal times.
  out.sort((a, b) => a.ms - b.ms || a.n - b.n);
  const lines = out.map((o) => JSON.stringify(o.line));
  const bySplit = { dev: { articles: 0, stories: new Set() }, heldout: { articles: 0, stories: new Set() } };
  for (const { line } of out) {
    bySplit[line.split].articles++;
    bySplit[line.split].stories.add(line.event);
  }
  return {
    text: lines.length ? `${lines.join('\n')}\n` : '',
    kept: out.length,
    dropped,
    stories: new Set(out.map((o) => o.line.event)).size,
    bySplit: Object.fromEntries(Object.entries(bySplit).map(([k, v]) => [k, { articles: v.articles, stories: v.stories.size }])),
  };
}

export { readText };

function main(argv) {
  return runImport(argv, {
    name: 'import-uci-news',
    out: join(ROOT, 'data', 'stories-uci', 'articles.jsonl.gz'),
    usage: 'node scripts/import-uci-news.mjs RAW.csv [--out FILE] [--check]',
    build: (bytes) => {
      const r = importCsv(bytes.toString('utf8'));
      return {
        text: r.text,
        summary: `${r.kept} headlines, ${r.stories} stories (dev ${r.bySplit.dev.articles} / ${r.bySplit.dev.stories}, heldout ${r.bySplit.heldout.articles} / ${r.bySplit.heldout.stories}), ${r.dropped} incomplete rows dropped`,
      };
    },
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(`import-uci-news: ${e.message}`);
    process.exitCode = 2;
  }
}
