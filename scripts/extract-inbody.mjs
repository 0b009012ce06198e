#!/usr/bin/env node
// Text inside the body's own element that the output still misses (x-inbody), on every DEV set.
// For each dev page (news, broad, fundus, cwced, fresh; both halves) it runs the extractor (time
// budget off) on the (transformed) bytes, finds the body's place on the page as
// scripts/extract-parts.mjs does (the lowest element holding the output's first, middle and last
// paragraphs of 60+ characters) and lists the items inside that element missing from the output:
//
//   broad        the "with" snippets (gold) and "without" snippets (not) found inside it
//   other sets   its leaf blocks (p, li, td, th, dd, dt, h1-h6, blockquote, pre, figcaption, caption,
//                label, summary, legend, div, span … holding no other such block) of 25+
//                characters: "gold" when half or more of their 3-token shingles are in the gold
//                text, "not" under a tenth, else "part"
//
// Each missed item is then attributed to the stage that removes it by switching one cause off at a
// time and seeing whether the item comes back (the first cause, in the order below, that brings it
// back; "none" when no single one does):
//
//   vis        Readability's visibility test (hidden, aria-hidden="true", display:none, visibility:hidden)
//   unlikely   Readability's unlikely-candidate names and roles
//   byline     Readability's byline removal
//   headers    Readability's _cleanHeaders and its removal of the header repeating the title
//   clean      Readability's _clean (object, embed, footer, link, aside, iframe, input, textarea,
//              select, button) and its share-element cleaning
//   cc-form    _cleanConditionally of form and fieldset
//   cc-list    _cleanConditionally of table and ul
//   cc-div     _cleanConditionally of div
//   prune      our stage 1 (ablation switch 'prune')
//   trim       our stage 4 edge trim (ablation switch 'trim')
//   later      the later in-body stages (learned, link-lines, hover-card, self-links, titled-rail,
//              opening, trim:lone-teaser)
//
// Items in a <button>, <select> or <textarea> are also counted apart ("control"): text.ts never
// writes their text, whatever Readability keeps. The same switch bringing back "not" items is the
// cost of relaxing it.
//
//   npm run build && node scripts/extract-inbody.mjs [--transform M] [--set SET] [--show CAUSE|all] [--json OUT]
//   node scripts/extract-inbody.mjs --table OUT   the table of a saved run again
//
// Heldout rows are never read.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { commonAncestor, decodePage, deepestHolding, loadDevSets, shingles, tokenize } from './extract-eval-lib.mjs';
import { snippetNorm } from './extract-snippets-lib.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const D = (m) => import(join(ROOT, 'dist', 'src', 'ingest', 'extract', m));
const [{ extractArticle }, { ablation }] = await Promise.all([D('index.js'), D('ablation.js')]);

const o = { transform: null, set: null, show: null, json: null, table: null };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--transform') o.transform = process.argv[++i];
  else if (a === '--set') o.set = process.argv[++i];
  else if (a === '--show') o.show = process.argv[++i];
  else if (a === '--json') o.json = process.argv[++i];
  else if (a === '--table') o.table = process.argv[++i];
  else {
    console.error('usage: node scripts/extract-inbody.mjs [--transform M] [--set SET] [--show CAUSE] [--json OUT] [--table JSON]');
    process.exit(2);
  }
}

// ---- the switches: Readability's steps wrapped on its prototype, asking which variant runs ----
let V = 'base';
const P = Readability.prototype;
const wrap = (name, off) => {
  const orig = P[name];
  P[name] = function (...args) {
    return off(...args) ? undefined : orig.apply(this, args);
  };
};
const has = (c) => V === c || V === 'rdb' || V === 'all';
wrap('_cleanConditionally', (_e, tag) =>
  V === 'rdb' || V === 'all'
    ? true
    : V === 'cc-list'
      ? tag === 'table' || tag === 'ul'
      : V === 'cc-div'
        ? tag === 'div'
        : V === 'cc-form'
          ? tag === 'form' || tag === 'fieldset'
          : false,
);
wrap('_clean', () => has('clean'));
wrap('_cleanMatchedNodes', () => has('clean'));
wrap('_cleanHeaders', () => has('headers'));
{
  const dup = P._headerDuplicatesTitle;
  P._headerDuplicatesTitle = function (node) {
    return has('headers') ? false : dup.call(this, node);
  };
  const by = P._isValidByline;
  P._isValidByline = function (node, m) {
    return has('byline') ? false : by.call(this, node, m);
  };
}
// Our tuning sets its own _isProbablyVisible on each instance (readability-linkedom.ts); an
// accessor on the prototype keeps the instance's and answers "visible" under 'vis'.
{
  const vis = P._isProbablyVisible;
  Object.defineProperty(P, '_isProbablyVisible', {
    configurable: true,
    get() {
      return has('vis') ? () => true : (this.__vis ?? vis);
    },
    set(f) {
      Object.defineProperty(this, '__vis', { value: f, writable: true, configurable: true });
    },
  });
}
const UNLIKELY = P.REGEXPS.unlikelyCandidates;
const ROLES = P.UNLIKELY_ROLES;
const LATER = new Set(['learned', 'link-lines', 'hover-card', 'self-links', 'titled-rail', 'opening', 'trim:lone-teaser']);
const CAUSES = ['vis', 'unlikely', 'byline', 'headers', 'clean', 'cc-form', 'cc-list', 'cc-div', 'prune', 'trim', 'later', 'rdb', 'all'];

function run(p, variant) {
  V = variant;
  const u = variant === 'unlikely' || variant === 'rdb' || variant === 'all';
  P.REGEXPS.unlikelyCandidates = u ? /(?!)/ : UNLIKELY;
  P.UNLIKELY_ROLES = u ? [] : ROLES;
  ablation.off =
    variant === 'prune'
      ? (r) => r === 'prune'
      : variant === 'trim'
        ? (r) => r === 'trim'
        : variant === 'later'
          ? (r) => LATER.has(r)
          : variant === 'all'
            ? (r) => r === 'prune' || r === 'trim' || LATER.has(r)
            : null;
  try {
    const r = extractArticle({ bytes: new Uint8Array(p.bytes), url: p.url ?? undefined }, { timeBudgetMs: 1e9 });
    // As the gold sets' scorer reads it: the title in front where the gold has the headline.
    return { text: r.text ?? '', scored: p.title_in_gold && r.title ? `${r.title}\n\n${r.text ?? ''}` : (r.text ?? '') };
  } catch {
    return { text: '', scored: '' };
  } finally {
    V = 'base';
    P.REGEXPS.unlikelyCandidates = UNLIKELY;
    P.UNLIKELY_ROLES = ROLES;
    ablation.off = null;
  }
}

// ---- the body's place and its items ----
const text = (el) => snippetNorm(el.textContent ?? '');
// Matched with all white space left out: an element's textContent runs a <br>-split heading into its
// text ("marketA call") where the output has a line break.
const bare = (s) => s.replace(/\s+/g, '');
/** The deepest element whose text holds `s`, or null (extract-eval-lib's, by this script's text). */
const deepest = (root, s) => deepestHolding(root, s, text);
const common = commonAncestor;
const BLOCK = new Set(
  'P LI TD TH DD DT H1 H2 H3 H4 H5 H6 BLOCKQUOTE PRE FIGCAPTION CAPTION LABEL SUMMARY LEGEND DIV SECTION ARTICLE UL OL DL TABLE TR FORM FIELDSET BUTTON SPAN ASIDE HEADER FOOTER NAV MAIN FIGURE DETAILS'.split(
    ' ',
  ),
);
function leafBlocks(root) {
  const out = [];
  const walk = (el) => {
    let inner = false;
    for (const c of el.children) if (walk(c)) inner = true;
    if (!BLOCK.has(el.tagName)) return inner;
    if (!inner) out.push(el);
    return true;
  };
  walk(root);
  return out;
}
/** What the original page says about an element's place: hidden on the way up to the body, in a control, form, table, list. */
function facts(el, body) {
  const f = new Set();
  for (let e = el; e && e !== body.parentElement; e = e.parentElement) {
    const st = (e.getAttribute('style') ?? '').replace(/\s+/g, '').toLowerCase();
    if (
      e.hasAttribute('hidden') ||
      e.getAttribute('aria-hidden') === 'true' ||
      st.includes('display:none') ||
      st.includes('visibility:hidden')
    )
      f.add('hidden');
    const t = e.tagName;
    if (t === 'BUTTON' || t === 'SELECT' || t === 'TEXTAREA') f.add('control');
    if (t === 'FORM' || t === 'FIELDSET') f.add('form');
    if (t === 'TABLE') f.add('table');
    if (t === 'UL' || t === 'OL') f.add('list');
    if (/^H[1-6]$/.test(t)) f.add('heading');
  }
  return [...f];
}

/** The write-up's table: items gold / not per set and half, by group of causes, and over all sets with their characters. */
function printTable(rs) {
  const cols = ['news h0', 'news h1', 'broad h0', 'broad h1', 'fundus h0', 'fundus h1', 'cwced h0', 'cwced h1', 'fresh h0', 'fresh h1'];
  const groups = {
    vis: ['vis'],
    unlikely: ['unlikely'],
    'byline, headers': ['byline', 'headers'],
    'clean, cc-form, control': ['clean', 'cc-form', 'control'],
    'cc-list': ['cc-list'],
    'cc-div': ['cc-div'],
    prune: ['prune'],
    trim: ['trim'],
    later: ['later'],
    'several (rdb / all)': ['rdb', 'all'],
    none: ['none'],
  };
  console.log(`| cause | ${cols.join(' | ')} | all: gold / not (chars) |`);
  console.log(`| --- | ${cols.map(() => '---:').join(' | ')} | ---: |`);
  for (const [g, cs] of Object.entries(groups)) {
    const sel = rs.filter((x) => cs.includes(x.cause));
    const of = (s, l) => s.filter((x) => x.label === l);
    const cell = (c) => {
      const s = sel.filter((x) => `${x.set} h${x.half}` === c);
      return of(s, 'gold').length || of(s, 'not').length ? `${of(s, 'gold').length} / ${of(s, 'not').length}` : '—';
    };
    const ch = (l) => of(sel, l).reduce((a, x) => a + x.len, 0);
    console.log(
      `| ${g} | ${cols.map(cell).join(' | ')} | ${of(sel, 'gold').length} / ${of(sel, 'not').length} (${ch('gold')} / ${ch('not')}) |`,
    );
  }
}
if (o.table) {
  printTable(JSON.parse(readFileSync(o.table, 'utf8')));
  process.exit(0);
}

const pages = loadDevSets(ROOT, o.transform).filter((p) => !o.set || p.set === o.set);
const tally = {}; // cause -> set half -> { gold, not, part, pages }
const records = [];
let n = 0;
for (const p of pages) {
  n++;
  if (n % 100 === 0) console.error(`${n}/${pages.length}`);
  const { text: base, scored } = run(p, 'base');
  const paras = base
    .split(/\n\s*\n/)
    .map(snippetNorm)
    .filter((x) => x.length >= 60);
  const { document } = parseHTML(decodePage(p.bytes));
  for (const s of document.querySelectorAll('script,style,noscript,template')) s.remove();
  const root = document.documentElement;
  if (!root || !paras.length) continue;
  const held = [paras[0], paras[Math.floor(paras.length / 2)], paras[paras.length - 1]]
    .map((x) => deepest(root, x.slice(0, 60)))
    .filter(Boolean);
  if (!held.length) continue;
  const body = held.reduce(common);
  const out = bare(scored);
  const items = [];
  if (p.snippets) {
    for (const [label, list] of [
      ['gold', p.snippets.with],
      ['not', p.snippets.without],
    ])
      for (const s of list) {
        const norm = snippetNorm(s);
        const key = bare(norm);
        if (out.includes(key)) continue;
        const el = deepest(root, norm.slice(0, 60));
        if (el && body.contains(el)) items.push({ label, key, el, len: norm.length, show: norm });
      }
  } else {
    const gold = new Set(shingles(tokenize(p.goldTexts[0])));
    for (const el of leafBlocks(body)) {
      const full = text(el);
      const key = bare(full.slice(0, 80));
      if (full.length < 25 || out.includes(key)) continue;
      const sh = shingles(tokenize(full.slice(0, 80)));
      const share = sh.filter((x) => gold.has(x)).length / sh.length;
      items.push({ label: share >= 0.5 ? 'gold' : share >= 0.1 ? 'part' : 'not', key, el, len: full.length, show: full.slice(0, 80) });
    }
  }
  if (!items.length) continue;
  const back = {};
  for (const c of CAUSES) {
    const t = bare(run(p, c).scored);
    back[c] = items.map((it) => t.includes(it.key));
  }
  const k = `${p.set} h${p.half}`;
  items.forEach((it, i) => {
    const all = CAUSES.filter((c) => back[c][i]);
    const f = facts(it.el, body);
    const cause = f.includes('control') ? 'control' : (all[0] ?? 'none');
    const row = ((tally[cause] ??= {})[k] ??= { gold: 0, part: 0, not: 0, goldChars: 0, notChars: 0, pages: new Set() });
    row[it.label]++;
    if (it.label !== 'part') row[`${it.label}Chars`] += it.len;
    if (it.label === 'gold') row.pages.add(p.id);
    records.push({
      id: p.id,
      set: p.set,
      half: p.half,
      label: it.label,
      cause,
      all,
      facts: f,
      tag: it.el.tagName,
      len: it.len,
      text: it.show,
    });
    if (o.show && (o.show === cause || o.show === 'all') && it.label !== 'part')
      console.log(`${p.id} h${p.half} ${it.label} ${cause} [${all.join(',')}] ${it.el.tagName} {${f.join(',')}}: ${it.show.slice(0, 90)}`);
  });
}
console.log(
  '\nmissed items inside the body element, by the first single switch that brings them back (gold/part/not; pages with gold; gold/not characters)',
);
for (const cause of [...CAUSES, 'control', 'none']) {
  if (!tally[cause]) continue;
  const cells = Object.keys(tally[cause])
    .sort()
    .map((k) => {
      const r = tally[cause][k];
      return `${k} ${r.gold}/${r.part}/${r.not} (${r.pages.size}; ${r.goldChars}c/${r.notChars}c)`;
    });
  console.log(`${cause.padEnd(9)} ${cells.join(' | ')}`);
}
// Every cause (not only the first) that brings an item back: what relaxing it alone would do.
console.log('\nevery switch that brings an item back (gold/not over all sets)');
for (const c of CAUSES) {
  const sel = (l) => records.filter((r) => r.all.includes(c) && r.label === l);
  const chars = (rs) => rs.reduce((a, r) => a + r.len, 0);
  const [g, nt] = [sel('gold'), sel('not')];
  if (g.length || nt.length) console.log(`${c.padEnd(9)} gold ${g.length} (${chars(g)}c) not ${nt.length} (${chars(nt)}c)`);
}
console.log('\nfacts of missed items (gold/not over all sets)');
for (const f of ['hidden', 'control', 'form', 'table', 'list', 'heading']) {
  const g = records.filter((r) => r.facts.includes(f) && r.label === 'gold').length;
  const nt = records.filter((r) => r.facts.includes(f) && r.label === 'not').length;
  console.log(`${f.padEnd(9)} gold ${g} not ${nt}`);
}
console.log("\nby cause group, gold / not per set and half (the write-up's table)");
printTable(records);
if (o.json) writeFileSync(o.json, `${JSON.stringify(records)}\n`);
