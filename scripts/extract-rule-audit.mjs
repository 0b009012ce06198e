#!/usr/bin/env node
// Generalisation audit of the extractor's rules on the DEV splits: for each rule that acts on some
// dev page, what switching it off does on every dev set and on both site halves, in the plain and
// the hash-names view, how many distinct sites its gain comes from, and a class for each rule:
//
//   general   helps on both site halves (h0 and h1 share no site) and nets ≥ 0 on each: keep
//   narrow    helps on one half only (one set or several), hurts nowhere: keep, note
//   mixed     helps and hurts, nets ≥ 0 over all sets: keep, note
//   one-site  its whole gain is one site's pages while it costs pages elsewhere: candidate to tighten
//   negative  nets below 0 over all sets in this view: candidate to remove (removal only when it
//             nets below 0 on BOTH halves, the `negBoth` flag)
//   negligible moves page scores, but no set's figure by 0.05 thousandths or more
//   inert     acts on pages but moves no score
//
//   npm run build && node scripts/extract-rule-audit.mjs [--views plain,hash-names] [--only RULE,...]
//       [--jobs 1|2] [--from DIR] [--keep DIR] [--json OUT]
//
//   --views LIST  the views (plain, hash-names, plain-tags, drop-names); default plain,hash-names
//   --only LIST   only these rules (passed to extract-ablate.mjs; default every rule that acts)
//   --jobs N      views run side by side (default 1; each view is one process)
//   --from DIRS   read DIR/ablate-<view>.json written by earlier runs (--keep) instead of rerunning;
//                 several folders, comma-separated, give their rules together
//   --keep DIR    write each view's extract-ablate.mjs --json output there (to reuse with --from)
//   --json OUT    the audit as JSON
//
// The figures are extract-ablate.mjs's own (it runs the rules' switches, scores the sets, splits the
// halves by FNV-1a of the site; heldout rows are never read): this script only runs it once per view
// and reads its --json output. Δ as there: F with the rule off − F with everything on, in thousandths;
// negative means the rule helps. A "gain site" is a site whose pages, in one set, score better with
// the rule on (summed page values: F1 on the gold sets, snippets right − wrong on the broad set);
// the top-site share is the largest site's part of the pages the rule helps.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTransform, runScorer, Usage } from './extract-eval-lib.mjs';
import { ROOT } from './extract-stages-lib.mjs';

const SETS = ['news', 'broad', 'fundus', 'cwced', 'fresh'];

function args(argv) {
  const o = { views: ['plain', 'hash-names'], only: null, jobs: 1, from: null, keep: null, json: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--views') o.views = argv[++i].split(',');
    else if (a === '--only') o.only = argv[++i];
    else if (a === '--jobs') o.jobs = Math.max(1, Number.parseInt(argv[++i], 10) || 1);
    else if (a === '--from') o.from = argv[++i];
    else if (a === '--keep') o.keep = argv[++i];
    else if (a === '--json') o.json = argv[++i];
    else
      throw new Usage(
        `unknown option ${a}; usage: node scripts/extract-rule-audit.mjs [--views plain,hash-names] [--only RULE,...] [--jobs N] [--from DIR] [--keep DIR] [--json OUT]`,
      );
  }
  for (const v of o.views) if (v !== 'plain') parseTransform(v); // an unknown view stops here
  return o;
}

const fileOf = (dir, view) => join(dir, `ablate-${view}.json`);

/** One view's extract-ablate.mjs run, its --json output written to `out`. */
function runAblate(view, only, out) {
  const argv = [join(ROOT, 'scripts', 'extract-ablate.mjs'), '--json', out];
  if (view !== 'plain') argv.push('--transform', view);
  if (only) argv.push('--only', only);
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, argv, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done() : fail(new Usage(`extract-ablate.mjs (${view}) exited ${code}`))));
  });
}

async function ablations(o) {
  if (o.from) {
    // Several folders (comma-separated): their rules' results together, over the first one's baseline.
    const read = (v) => o.from.split(',').map((d) => JSON.parse(readFileSync(fileOf(d, v), 'utf8')));
    return Object.fromEntries(o.views.map((v) => [v, read(v).reduce((a, b) => ({ base: a.base, results: [...a.results, ...b.results] }))]));
  }
  const dir = o.keep ?? join(tmpdir(), 'extract-rule-audit');
  mkdirSync(dir, { recursive: true });
  const queue = [...o.views];
  const worker = async () => {
    for (let v = queue.shift(); v; v = queue.shift()) await runAblate(v, o.only, fileOf(dir, v));
  };
  await Promise.all(Array.from({ length: Math.min(o.jobs, o.views.length) }, worker));
  return ablations({ ...o, from: dir });
}

/** Δ in thousandths rounded to a tenth, as extract-ablate.mjs prints it (0 below 0.05). */
const delta = (off, on) =>
  off === null || on === null || off === undefined || on === undefined ? null : Math.round((off - on) * 1e4) / 10;

/** One rule in one view: its Δ per set and half, its gain and loss sites, its class. */
export function auditRule(base, r) {
  const cells = {};
  for (const s of SETS) {
    cells[s] = {};
    for (const h of ['all', 'h0', 'h1']) cells[s][h] = base[s][h].n > 0 ? delta(r.fig[s][h].f, base[s][h].f) : null;
  }
  const sum = (h) => SETS.reduce((t, s) => t + (cells[s][h] ?? 0), 0);
  const net = { all: sum('all'), h0: sum('h0'), h1: sum('h1') };
  // Helps (Δ < 0) and hurts (Δ > 0) per half, over the sets.
  const helpsIn = (h) => SETS.some((s) => (cells[s][h] ?? 0) < 0);
  const hurtsAnywhere = SETS.some((s) => ['h0', 'h1'].some((h) => (cells[s][h] ?? 0) > 0));
  const bySite = new Map(); // "set site" → summed (on − off) page value
  for (const m of r.moved) {
    const k = `${m.set}\t${m.site}`;
    bySite.set(k, (bySite.get(k) ?? 0) + (m.before - m.after));
  }
  const gainSites = new Set();
  const lossSites = new Set();
  for (const [k, g] of bySite) {
    const site = k.split('\t')[1];
    if (g > 0) gainSites.add(site);
    else if (g < 0) lossSites.add(site);
  }
  const helped = r.moved.filter((m) => m.before > m.after);
  const perSite = new Map();
  for (const m of helped) perSite.set(m.site, (perSite.get(m.site) ?? 0) + 1);
  const top = [...perSite].sort((a, b) => b[1] - a[1])[0];
  const topShare = top ? top[1] / helped.length : null;
  let cls;
  const moves = SETS.some((s) => ['all', 'h0', 'h1'].some((h) => (cells[s][h] ?? 0) !== 0));
  if (!moves) cls = r.moved.length > 0 ? 'negligible' : 'inert';
  else if (net.all > 0) cls = 'negative';
  else if (gainSites.size === 1 && lossSites.size > 0) cls = 'one-site';
  else if (helpsIn('h0') && helpsIn('h1') && net.h0 <= 0 && net.h1 <= 0) cls = hurtsAnywhere ? 'mixed' : 'general';
  else if (hurtsAnywhere) cls = 'mixed';
  else cls = 'narrow';
  return {
    rule: r.rule,
    acted: r.acted,
    changed: r.textChanged,
    moved: r.moved.length,
    cells,
    net,
    negBoth: net.h0 > 0 && net.h1 > 0,
    gainSites: [...gainSites].sort(),
    lossSites: [...lossSites].sort(),
    topSite: top ? top[0] : null,
    topShare,
    cls,
  };
}

// Classes from worst to best: a rule's overall class is the worse of its views' classes.
const RANK = ['negative', 'one-site', 'mixed', 'narrow', 'general', 'negligible', 'inert'];

const fmt = (x) => (x === null ? '-' : x === 0 ? '0' : (x > 0 ? '+' : '') + x.toFixed(1));
const cell = (c) => `${fmt(c.all)} (${fmt(c.h0)}/${fmt(c.h1)})`;

function report(views, audits) {
  const rules = [...new Set(views.flatMap((v) => audits[v].map((a) => a.rule)))];
  console.log('Δ = F with the rule off − F with everything on, thousandths (negative: the rule helps); all (h0/h1).');
  console.log(
    `| rule | view | acts | news | broad | fundus | cwced | fresh | net all (h0/h1) | gain sites | loss sites | top site (share of helped pages) | class |`,
  );
  console.log('| --- | --- | ---: | --- | --- | --- | --- | --- | --- | ---: | ---: | --- | --- |');
  const overall = [];
  for (const rule of rules) {
    const rows = views.map((v) => [v, audits[v].find((a) => a.rule === rule)]).filter(([, a]) => a);
    if (rows.every(([, a]) => a.cls === 'inert')) {
      overall.push({ rule, cls: 'inert', acted: Math.max(...rows.map(([, a]) => a.acted)) });
      continue;
    }
    for (const [v, a] of rows) {
      const top = a.topSite ? `${a.topSite} (${Math.round(a.topShare * 100)} %)` : '-';
      console.log(
        `| ${rule} | ${v} | ${a.acted} | ${SETS.map((s) => cell(a.cells[s])).join(' | ')} | ${cell(a.net)} | ${a.gainSites.length} | ${a.lossSites.length} | ${top} | ${a.cls}${a.negBoth ? ' (both halves)' : ''} |`,
      );
    }
    const cls = rows.map(([, a]) => a.cls).sort((x, y) => RANK.indexOf(x) - RANK.indexOf(y))[0];
    overall.push({ rule, cls, negBoth: rows.some(([, a]) => a.negBoth) });
  }
  console.log('');
  for (const c of RANK) {
    const rs = overall.filter((x) => x.cls === c);
    if (rs.length)
      console.log(`${c} (${rs.length}): ${rs.map((x) => x.rule + (x.negBoth ? ' [nets < 0 on both halves]' : '')).join(', ')}`);
  }
  return overall;
}

async function main() {
  const o = args(process.argv.slice(2));
  const runs = await ablations(o);
  const audits = Object.fromEntries(o.views.map((v) => [v, runs[v].results.map((r) => auditRule(runs[v].base, r))]));
  for (const v of o.views) {
    const b = runs[v].base;
    console.log(
      `${v}, everything on: ${SETS.map((s) => `${s} ${b[s].all.f?.toFixed(4)} (h0 ${b[s].h0.f?.toFixed(4)}, h1 ${b[s].h1.f?.toFixed(4)})`).join(' | ')}`,
    );
  }
  const overall = report(o.views, audits);
  if (o.json) writeFileSync(o.json, `${JSON.stringify({ views: o.views, audits, overall }, null, 1)}\n`);
  return 0;
}

runScorer('extract-rule-audit', main);
