// The command line the real-data importers of the story-clustering sets share
// (scripts/import-uci-news.mjs, scripts/import-itn.mjs): `RAW [--out FILE] [--check]`, the input's
// sha256 in the summary, a gzipped file when FILE ends in .gz, and --check comparing a rebuild in
// memory with FILE (exit 1 when it differs).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

/** A file's text, gunzipped when its name ends in .gz (the committed sets are kept compressed). */
export function readText(file) {
  const b = readFileSync(file);
  return (file.endsWith('.gz') ? gunzipSync(b) : b).toString('utf8');
}

/**
 * Runs an importer's command line. `build(bytes)` turns the raw input into `{ text, summary }`;
 * returns the exit code.
 */
export function runImport(argv, { name, out: defaultOut, usage, build }) {
  let raw = null;
  let out = defaultOut;
  let check = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') out = argv[++i];
    else if (a === '--check') check = true;
    else if (a.startsWith('--') || raw !== null) throw new Error(`unknown argument ${a}`);
    else raw = a;
  }
  if (raw === null || out === undefined) throw new Error(`usage: ${usage}`);
  const bytes = readFileSync(raw);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const r = build(bytes);
  const summary = `${r.summary}; input sha256 ${sha}`;
  if (check) {
    let have = '';
    try {
      have = readText(out);
    } catch {
      // missing: differs
    }
    if (have !== r.text) {
      console.error(`${name}: ${out} differs from a rebuild of ${raw} (${summary})`);
      return 1;
    }
    console.log(`${name}: ${out} is up to date (${summary})`);
    return 0;
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, out.endsWith('.gz') ? gzipSync(r.text, { level: 9 }) : r.text);
  console.log(`${name}: wrote ${out}: ${summary}`);
  return 0;
}
