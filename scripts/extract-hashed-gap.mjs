#!/usr/bin/env node
// Which dev pages lose when the page's names or tags say nothing, and how: every dev page of the
// five sets (news, broad, fundus, cwced, fresh; both site halves) is extracted twice in this
// process, as served and rewritten by a transform (default hash-names; see transformNames in
// scripts/extract-eval-lib.mjs), and each page that scores clearly lower rewritten is listed with
// the cause its two outputs show, by their tokens:
//   wrong  under half of the plain output's tokens are in the rewritten one, and a fifth or more
//          of the rewritten one's are new: another block was taken for the body
//   cut    the rewritten output is (nearly all) inside the plain one, but shorter: body cut short
//   extra  nearly all the plain output is kept (90%+), with 5%+ new tokens: furniture let in
//   mixed  some of both; other: the outputs differ by less than that (a line or two)
//
//   npm run build && node scripts/extract-hashed-gap.mjs [--transform MODE] [--drop F] [--json OUT]
//
//   --transform M  hash-names (default), drop-names, plain-tags, hash-names,plain-tags
//   --drop F       a gold-set page is listed when its F1 falls by F or more (default 0.02); a broad
//                  page when its snippets right (found "with" − found "without") fall by 1 or more
//   --json OUT     the listed pages, with both outputs' texts, as JSON
//
// Time budget off, as extract-ablate.mjs runs the extractor; scored with the sets' own scorers
// (token F1 with the title in front where the gold has it; the broad set by snippet counts).
// Heldout rows are never read (loadDevSets reads the dev splits only).
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDevSets, parseTransform, scorePageBest, tokenize } from './extract-eval-lib.mjs';
import { countPage } from './extract-snippets-lib.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { extractArticle } = await import(join(ROOT, 'dist', 'src', 'ingest', 'extract', 'index.js'));

function args(argv) {
  const o = { transform: 'hash-names', drop: 0.02, json: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--transform') o.transform = argv[++i];
    else if (a === '--drop') o.drop = Number(argv[++i]);
    else if (a === '--json') o.json = argv[++i];
    else {
      console.error('usage: node scripts/extract-hashed-gap.mjs [--transform MODE] [--drop F] [--json OUT]');
      process.exit(2);
    }
  }
  parseTransform(o.transform);
  return o;
}

/** Every dev page's output and score under `transform` (null: as served), by page id. */
function run(transform) {
  const out = new Map();
  for (const p of loadDevSets(ROOT, transform)) {
    const r = extractArticle({ bytes: new Uint8Array(p.bytes), url: p.url ?? undefined }, { timeBudgetMs: 1e9 });
    const text = r.text ?? '';
    let score;
    if (p.set === 'broad') score = countPage(p.snippets, text);
    else score = scorePageBest(p.title_in_gold && r.title ? `${r.title}\n\n${text}` : text, p.goldTexts);
    out.set(p.id, { id: p.id, set: p.set, half: p.half, site: p.site, text, score });
  }
  return out;
}

/** A page's score as one number: F1, or for the broad set the snippets right (tp − fp). */
const value = (r) => (r.set === 'broad' ? r.score.tp - r.score.fp : r.score.f1);
const shown = (r) => (r.set === 'broad' ? `${r.score.tp}/${r.score.fp}` : r.score.f1.toFixed(3));

function counts(text) {
  const m = new Map();
  for (const t of tokenize(text)) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/** The cause class of a page's loss from its plain and rewritten outputs (see the head comment). */
function cause(plainText, otherText) {
  const a = counts(plainText);
  const b = counts(otherText);
  let shared = 0;
  let na = 0;
  let nb = 0;
  for (const [k, v] of a) {
    shared += Math.min(v, b.get(k) ?? 0);
    na += v;
  }
  for (const v of b.values()) nb += v;
  const kept = shared / Math.max(1, na);
  const fresh = 1 - shared / Math.max(1, nb);
  let kind;
  if (fresh < 0.2 && kept < 0.9) kind = 'cut';
  else if (kept < 0.5) kind = 'wrong';
  else if (kept >= 0.9) kind = fresh >= 0.05 ? 'extra' : 'other';
  else kind = 'mixed';
  return { kind, kept, fresh, plainTokens: na, otherTokens: nb };
}

function main() {
  const o = args(process.argv.slice(2));
  const plain = run(null);
  const other = run(o.transform);
  const rows = [];
  for (const [id, a] of plain) {
    const b = other.get(id);
    const fall = value(a) - value(b);
    if (fall < (a.set === 'broad' ? 1 : o.drop)) continue;
    rows.push({ ...a, fall, other: b, ...cause(a.text, b.text) });
  }
  const sets = ['news', 'broad', 'fundus', 'cwced', 'fresh'];
  rows.sort((x, y) => sets.indexOf(x.set) - sets.indexOf(y.set) || x.kind.localeCompare(y.kind) || y.fall - x.fall);
  for (const r of rows) {
    const share = `kept ${r.kept.toFixed(2)} new ${r.fresh.toFixed(2)} tokens ${r.plainTokens}→${r.otherTokens}`;
    console.log([r.set, `h${r.half}`, r.kind, `${shown(r)}→${shown(r.other)}`, share, r.site ?? '', r.id].join('\t'));
  }
  const kinds = ['wrong', 'cut', 'extra', 'mixed', 'other'];
  console.log(`\npages listed (plain → ${o.transform}), by set and half:`);
  console.log(['set', 'half', ...kinds].join('\t'));
  for (const s of sets) {
    for (const h of [0, 1]) {
      const sel = rows.filter((r) => r.set === s && r.half === h);
      console.log([s, `h${h}`, ...kinds.map((k) => sel.filter((r) => r.kind === k).length)].join('\t'));
    }
  }
  if (o.json) {
    const out = rows.map((r) => ({
      id: r.id,
      set: r.set,
      half: r.half,
      site: r.site,
      kind: r.kind,
      fall: r.fall,
      plain: r.text,
      other: r.other.text,
    }));
    writeFileSync(o.json, `${JSON.stringify({ transform: o.transform, pages: out }, null, 1)}\n`);
  }
}

main();
