#!/usr/bin/env node
// What-if study for a recall fallback (x-hashprose, dev only): where our body is much shorter than
// Readability's and the text Readability has beyond ours is prose, would taking Readability's
// body (or adding its prose paragraphs) raise F1 on every dev set, half and view?
//
//   node scripts/extract-recall-fallback.mjs dump [--transform M] --out FILE   (all dev sets, one view)
//   node scripts/extract-recall-fallback.mjs score FILE [FILE…]                 (candidate rules, offline)
//   node scripts/extract-recall-fallback.mjs compare PLAIN HASHED                (ours vs Readability, and
//        the pages whose recall falls 0.02 or more from the plain view to the hashed one)
//
// `dump` runs Readability and extractArticle on every dev page of news (extract-eval), fresh, the
// third set (extract-extra) and broad (snippets) and writes both texts per page; `score` applies
// the candidate rules below to the dumped texts and prints, per set and site half, mean F1/P/R
// (broad: snippet F/P/R) before and after, with the pages moved. Heldout rows are never read.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bag, fnv1a, goldVariants, readabilityExtract, scorePageBest, tokenize } from './extract-eval-lib.mjs';
import { countPage } from './extract-snippets-lib.mjs';

const SETS = [
  ['news', 'extract-eval'],
  ['fresh', 'extract-fresh'],
  ['third', 'extract-extra'],
  ['broad', 'extract-snippets'],
];

async function dump(argv) {
  let transform = null;
  let out = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--transform') transform = argv[++i];
    else if (argv[i] === '--out') out = argv[++i];
  }
  if (!out) throw new Error('--out FILE is required');
  const { devPages } = await import('./extract-stages-lib.mjs');
  const { extractArticle } = await import('../dist/src/ingest/extract/index.js');
  const rows = [];
  for (const [set, dir] of SETS) {
    for (const p of devPages(dir, null, transform)) {
      let v = { text: '', title: null };
      try {
        v = readabilityExtract(p.bytes);
      } catch {
        // a Readability failure scores as an empty extraction, as the scorers count it
      }
      const r = extractArticle({ bytes: new Uint8Array(p.bytes), url: p.url ?? undefined }, { timeBudgetMs: 1e9 });
      const ref = set === 'broad' ? join(p.base, p.snippets) : join(p.base, p.gold);
      rows.push({
        set,
        id: p.id,
        site: p.site,
        half: fnv1a(String(p.site ?? p.id)) % 2,
        ref,
        optional: p.optional_paragraphs ?? [],
        titleInGold: !!p.title_in_gold,
        ours: r.text ?? '',
        oursTitle: r.title ?? null,
        rdb: v.text ?? '',
        rdbTitle: v.title ?? null,
      });
    }
    console.error(`${set}: ${rows.filter((x) => x.set === set).length} pages`);
  }
  writeFileSync(out, rows.map((x) => JSON.stringify(x)).join('\n') + '\n');
}

// ---- candidate rules on the two texts (no gold read) ----
const paras = (s) =>
  String(s ?? '')
    .split(/\n\s*\n|\n/)
    .map((x) => x.trim())
    .filter(Boolean);
const words = (s) => tokenize(s).length;
/** A paragraph reads as prose: 25+ words and a sentence's end. */
const isProse = (p) => words(p) >= 25 && /[.!?…"”’»)]\s*$/.test(p);
/** Readability's paragraphs that are not (by half their 3-token shingles) in our text. */
function extraParas(row) {
  const ours = new Set(bag(tokenize(row.ours), 3).keys());
  return paras(row.rdb).filter((p) => {
    const sh = [...bag(tokenize(p), 3).keys()];
    if (sh.length === 0) return false;
    return sh.filter((t) => ours.has(t)).length / sh.length < 0.5;
  });
}
const RULES = {
  // Take Readability's body when ours holds under `k` of its words and its extra is mostly prose.
  'swap<0.5,prose>=0.5': (row) => swap(row, 0.5, 0.5),
  'swap<0.3,prose>=0.5': (row) => swap(row, 0.3, 0.5),
  'swap<0.5,prose>=0.8': (row) => swap(row, 0.5, 0.8),
  'swap<0.7,prose>=0.7': (row) => swap(row, 0.7, 0.7),
  // Add Readability's extra prose paragraphs to ours (in Readability's order, after ours).
  'add-prose': (row) => {
    const ex = extraParas(row).filter(isProse);
    return ex.length ? `${row.ours}\n\n${ex.join('\n\n')}` : null;
  },
  // The same, only when ours is under half of Readability's.
  'add-prose<0.5': (row) => {
    if (words(row.ours) >= 0.5 * words(row.rdb)) return null;
    const ex = extraParas(row).filter(isProse);
    return ex.length ? `${row.ours}\n\n${ex.join('\n\n')}` : null;
  },
};
function swap(row, k, proseShare) {
  const wo = words(row.ours);
  const wr = words(row.rdb);
  if (wr === 0 || wo >= k * wr) return null;
  const ex = extraParas(row);
  const exW = ex.reduce((a, p) => a + words(p), 0);
  if (exW === 0) return null;
  const proseW = ex.filter(isProse).reduce((a, p) => a + words(p), 0);
  return proseW / exW >= proseShare ? row.rdb : null;
}

function scoreRow(row, text, title) {
  const ref = readFileSync(row.ref, 'utf8');
  if (row.set === 'broad') {
    const sn = JSON.parse(ref);
    const c = countPage(sn, text);
    return { tp: c.tp, fp: c.fp, fn: c.fn, tn: c.tn };
  }
  const t = row.titleInGold && title ? `${title}\n\n${text}` : text;
  const s = scorePageBest(t, goldVariants(ref, row.optional));
  return { f: s.f1, p: s.p ?? 0, r: s.r };
}
function agg(set, xs) {
  if (set === 'broad') {
    const s = xs.reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
    const p = s.tp / (s.tp + s.fp || 1);
    const r = s.tp / (s.tp + s.fn || 1);
    return { f: (2 * p * r) / (p + r || 1), p, r };
  }
  const m = (k) => xs.reduce((a, c) => a + c[k], 0) / xs.length;
  return { f: m('f'), p: m('p'), r: m('r') };
}
const f4 = (x) => x.toFixed(4);

function score(files) {
  for (const file of files) {
    const rows = readFileSync(file, 'utf8').trim().split('\n').map(JSON.parse);
    const base = rows.map((row) => scoreRow(row, row.ours, row.oursTitle));
    console.log(`\n# ${file}`);
    for (const [name, rule] of Object.entries(RULES)) {
      const moved = [];
      const after = rows.map((row, i) => {
        const t = rule(row);
        if (t === null) return base[i];
        const s = scoreRow(row, t, row.oursTitle);
        moved.push({ row, before: base[i], after: s });
        return s;
      });
      const cells = [];
      for (const [set] of SETS)
        for (const h of [0, 1]) {
          const idx = rows.map((r, i) => (r.set === set && r.half === h ? i : -1)).filter((i) => i >= 0);
          const b = agg(
            set,
            idx.map((i) => base[i]),
          );
          const a = agg(
            set,
            idx.map((i) => after[i]),
          );
          cells.push(`${set} h${h} ${f4(b.f)}→${f4(a.f)} (P ${f4(a.p - b.p)} R ${f4(a.r - b.r)})`);
        }
      console.log(`\n## ${name}: ${moved.length} pages`);
      for (const c of cells) console.log(`  ${c}`);
      for (const m of moved) {
        const d =
          m.row.set === 'broad'
            ? `tp ${m.before.tp}→${m.after.tp} fp ${m.before.fp}→${m.after.fp}`
            : `F ${f4(m.before.f)}→${f4(m.after.f)}`;
        console.log(`    ${m.row.set} ${m.row.id} ${m.row.site} h${m.row.half} ${d}`);
      }
    }
  }
}

// Per set and site half, ours against Readability (mean F1 (P/R); broad: snippet F (P/R)) and the
// pages where our recall is below Readability's; then, per page, recall plain → hashed, ours and
// Readability's hashed, for every page whose recall falls by 0.02 or more when names are hashed.
function compare([plainFile, hashedFile]) {
  const load = (f) => readFileSync(f, 'utf8').trim().split('\n').map(JSON.parse);
  const byKey = new Map();
  for (const [view, f] of [
    ['plain', plainFile],
    ['hashed', hashedFile],
  ]) {
    const rows = load(f);
    console.log(`# ${view}`);
    for (const [set] of SETS)
      for (const h of [0, 1]) {
        const xs = rows.filter((r) => r.set === set && r.half === h);
        const o = xs.map((r) => scoreRow(r, r.ours, r.oursTitle));
        const v = xs.map((r) => scoreRow(r, r.rdb, r.rdbTitle));
        const worse = xs.filter((_, i) => (set === 'broad' ? o[i].tp < v[i].tp : o[i].r < v[i].r - 1e-9)).length;
        const a = agg(set, o);
        const b = agg(set, v);
        console.log(
          `  ${set} h${h}: ours ${f4(a.f)} (${f4(a.p)}/${f4(a.r)})  Readability ${f4(b.f)} (${f4(b.p)}/${f4(b.r)})  recall below Readability's on ${worse}/${xs.length}`,
        );
        xs.forEach((r, i) => {
          const k = `${r.set}/${r.id}`;
          byKey.set(k, { ...(byKey.get(k) ?? {}), [view]: { row: r, o: o[i], v: v[i] } });
        });
      }
  }
  console.log('# recall falls 0.02+ plain → hashed (gold sets)');
  for (const [k, x] of byKey) {
    if (!x.plain || !x.hashed || x.hashed.row.set === 'broad') continue;
    if (x.hashed.o.r < x.plain.o.r - 0.02)
      console.log(
        `  ${k} ${x.hashed.row.site} h${x.hashed.row.half}: ours ${f4(x.plain.o.r)} → ${f4(x.hashed.o.r)}, Readability ${f4(x.plain.v.r)} → ${f4(x.hashed.v.r)}`,
      );
  }
}

const [cmd, ...rest] = process.argv.slice(2);
if (cmd === 'dump') await dump(rest);
else if (cmd === 'score') score(rest);
else if (cmd === 'compare') compare(rest);
else {
  console.error('usage: extract-recall-fallback.mjs dump [--transform M] --out FILE | score FILE… | compare PLAIN HASHED');
  process.exit(2);
}
