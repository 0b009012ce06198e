#!/usr/bin/env node
// Related-story furniture left in our output on the DEV pages (x-teasers): which of the extra
// tokens (in our text, not in the gold) stand in stretches of the body that hold links to other
// pages — "Read also:" runs, headline + date teaser pairs, untitled runs of headline links — and
// how much gold text the same shapes hold. For every dev page (news, broad, fundus, cwced, fresh)
// it runs the extractor on the (transformed) bytes with two dev-only changes: the titled-rail rule
// is switched off (so its boxes are seen), and the label lines stage 4b removes alone on their line
// ("Lesen Sie auch:") are kept and marked, so that the run they title can be seen. Each leaf block
// of the output is looked up in the gold as extract-rails.mjs does ("out": under half its 3-token
// shingles in the gold; broad: holding a `without` snippet and no `with` one).
//
//   npm run build && node scripts/extract-teasers.mjs [--transform M] [--json OUT] [--show N] [--as-is] [--outs OUT]
//
//   --show N   print the N linked stretches with the most text the gold lacks, block by block
//   --json OUT every linked stretch with its blocks, as JSON
//   --as-is    the extractor as it is (titled rails on, 4b's labels removed): what is left in our output
//   --outs OUT every stretch of consecutive blocks the gold lacks, linked or not, as JSON
//
// Prints per set and half: extra tokens in all (output tokens the gold lacks, as the scorer counts
// them), and the out/in tokens of stretches of linked blocks by shape. Heldout rows are never read.
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { loadDevSets, scorePageBest, shingles, tokenize, urlOf } from './extract-eval-lib.mjs';
import { snippetNorm } from './extract-snippets-lib.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const D = (m) => import(join(ROOT, 'dist', 'src', 'ingest', 'extract', m));
const [{ extractArticle }, { ablation }, { trimTrace }] = await Promise.all([D('index.js'), D('ablation.js'), D('trim.js')]);

const o = { transform: null, json: null, show: 0, keepOn: false, outs: null };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--transform') o.transform = process.argv[++i];
  else if (a === '--json') o.json = process.argv[++i];
  else if (a === '--show') o.show = Number(process.argv[++i]);
  else if (a === '--as-is') o.keepOn = true;
  else if (a === '--outs') o.outs = process.argv[++i];
  else {
    console.error('usage: node scripts/extract-teasers.mjs [--transform M] [--json OUT] [--show N] [--as-is]');
    process.exit(2);
  }
}

const MARK = '\u27e6L\u27e7';
if (!o.keepOn) {
  ablation.off = (rule) => rule === 'titled-rail';
  trimTrace.on = (why, el) => {
    if (why !== 'inline') return false;
    if (el.getElementsByTagName('a').length > 0) return false;
    const t = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (t.length > 60) return false;
    el.insertBefore(el.ownerDocument.createTextNode(MARK), el.firstChild);
    return true;
  };
}

const pages = loadDevSets(ROOT, o.transform);

const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const squash = (s) => s.replace(/\s+/g, ' ').trim();
const LEAF = new Set(['P', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'DT', 'DD', 'TD', 'TH', 'BLOCKQUOTE', 'FIGCAPTION', 'PRE']);
const BLOCKISH = new Set([
  ...LEAF,
  'DIV',
  'SECTION',
  'UL',
  'OL',
  'DL',
  'TABLE',
  'ASIDE',
  'NAV',
  'ARTICLE',
  'FIGURE',
  'HEADER',
  'FOOTER',
  'TR',
  'TBODY',
  'THEAD',
  'MAIN',
]);
/** Leaf blocks in document order (a LEAF element, or a block with no block child), with their links. */
function leaves(html) {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const out = [];
  const visit = (el) => {
    const blockKids = [...el.children].some((c) => BLOCKISH.has(c.tagName) || c.querySelector?.('p,li,div,h2,h3,h4,table'));
    if (el !== document.body && (LEAF.has(el.tagName) ? !blockKids : !blockKids && BLOCKISH.has(el.tagName))) {
      const t = squash(el.textContent);
      if (t) {
        const links = [...el.querySelectorAll('a[href]')].map((a) => ({ text: squash(a.textContent), href: a.getAttribute('href') }));
        out.push({ el, text: t, links, imgs: el.querySelectorAll('img').length, path: pathOf(el, document.body) });
      }
      return;
    }
    for (const c of el.children) visit(c);
  };
  visit(document.body);
  return out;
}
function pathOf(el, stop) {
  const p = [];
  for (let e = el; e && e !== stop; e = e.parentElement) p.unshift(e.tagName.toLowerCase());
  return p.join('>');
}
const hk = (u) => u.hostname.replace(/^www\./, '').toLowerCase();
const DATE =
  /\b(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|\d{1,2}\.? (?:jan|feb|mär|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec)[a-zä]*\.? \d{4}|\d+ (?:minutes?|hours?|days?|weeks?) ago)\b/i;

const rows = [];
const outs = [];
const totals = new Map();
const t0 = Date.now();
for (const p of pages) {
  const r = extractArticle({ bytes: new Uint8Array(p.bytes), url: p.url ?? undefined }, { timeBudgetMs: 1e9 });
  const key = `${p.set} h${p.half}`;
  const tot = totals.get(key) ?? { extra: 0, out: 0 };
  totals.set(key, tot);
  if (!r.html) continue;
  const text = (r.text ?? '').split(MARK).join('');
  if (p.goldTexts) {
    const s = scorePageBest(`${r.title ?? ''}\n${text}`, p.goldTexts);
    tot.extra += s.extracted - s.tp;
  }
  const goldSh = p.goldTexts ? new Set(p.goldTexts.flatMap((g) => shingles(tokenize(g)))) : null;
  const page = p.url ? urlOf(p.url) : null;
  const ls = leaves(r.html).map((b) => {
    const label = b.text.startsWith(MARK);
    const t = label ? b.text.slice(MARK.length).trim() : b.text;
    let verdict;
    if (p.set === 'broad') {
      const n = snippetNorm(t);
      const inW = p.snippets.with.some((s) => n.includes(snippetNorm(s)) || snippetNorm(s).includes(n));
      const outW = p.snippets.without.some((s) => n.includes(snippetNorm(s)) || snippetNorm(s).includes(n));
      verdict = outW && !inW ? 'out' : inW ? 'in' : '?';
    } else {
      const sh = shingles(tokenize(t));
      verdict = sh.filter((x) => goldSh.has(x)).length * 2 < sh.length ? 'out' : 'in';
    }
    const linkText = sum(b.links.map((l) => l.text.length));
    const away = b.links.filter((l) => {
      const u = urlOf(l.href, p.url ?? undefined);
      return u && /^https?:$/.test(u.protocol) && !(page && u.pathname === page.pathname && hk(u) === hk(page)) && l.text;
    });
    const same = away.filter((l) => !page || hk(urlOf(l.href, p.url)) === hk(page));
    return {
      text: t,
      label,
      verdict,
      tokens: label ? 0 : tokenize(t).length,
      share: t.length ? linkText / t.length : 0,
      away: away.length,
      same: same.length,
      other: away.length - same.length,
      date: t.length < 120 && DATE.test(t),
      imgs: b.imgs,
      tag: b.el.tagName.toLowerCase(),
      path: b.path,
      href: away[0]?.href ?? null,
    };
  });
  if (o.outs) {
    for (let i = 0; i < ls.length; ) {
      if (ls[i].verdict !== 'out') {
        i++;
        continue;
      }
      let j = i;
      while (j < ls.length && ls[j].verdict === 'out') j++;
      outs.push({
        id: p.id,
        set: p.set,
        half: p.half,
        tokens: sum(ls.slice(i, j).map((x) => x.tokens)),
        atEnd: j === ls.length,
        leaves: ls.slice(i, j).map((x) => `${x.tag} s${x.same}o${x.other} sh${Math.round(x.share * 10) / 10} ${x.text.slice(0, 90)}`),
      });
      i = j;
    }
  }
  if (p.set !== 'broad') tot.out += sum(ls.filter((l) => l.verdict === 'out').map((l) => l.tokens));
  // stretches: maximal runs of leaves that each hold a link leading away, or are short (<= 30
  // tokens) lines between two such, or a marked label line before one
  let i = 0;
  while (i < ls.length) {
    if (ls[i].away === 0 && !ls[i].label) {
      i++;
      continue;
    }
    let j = i;
    let linked = 0;
    while (j < ls.length && (ls[j].away > 0 || ((ls[j].label || ls[j].tokens <= 30) && j + 1 < ls.length && ls[j + 1].away > 0))) {
      if (ls[j].away > 0) linked++;
      j++;
    }
    if (linked >= 1) {
      const run = ls.slice(i, j);
      const prev = i > 0 ? ls[i - 1] : null;
      rows.push({
        id: p.id,
        set: p.set,
        half: p.half,
        site: p.site ?? p.id,
        url: p.url ?? null,
        outT: sum(run.filter((x) => x.verdict === 'out').map((x) => x.tokens)),
        inT: sum(run.filter((x) => x.verdict === 'in').map((x) => x.tokens)),
        outSnip: p.set === 'broad' ? run.filter((x) => x.verdict === 'out').length : 0,
        linked,
        n: run.length,
        atEnd: j === ls.length,
        before: sum(ls.slice(0, i).map((x) => x.tokens)),
        after: sum(ls.slice(j).map((x) => x.tokens)),
        prev: prev ? { text: prev.text.slice(0, 60), tokens: prev.tokens, tag: prev.tag, away: prev.away, label: prev.label } : null,
        leaves: run.map((x) => ({
          v: x.verdict,
          tag: x.tag,
          path: x.path,
          label: x.label,
          tokens: x.tokens,
          share: Math.round(x.share * 100) / 100,
          same: x.same,
          other: x.other,
          date: x.date,
          imgs: x.imgs,
          text: x.text.slice(0, 110),
          href: x.href?.slice(0, 90) ?? null,
        })),
      });
    }
    i = Math.max(j, i + 1);
  }
}
console.error(`extract-teasers: ${pages.length} pages in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
for (const [k, t] of [...totals].sort()) {
  const [set, h] = k.split(' ');
  const sel = rows.filter((r) => r.set === set && `h${r.half}` === h);
  console.log(
    `${k}: extra tokens ${t.extra}, out-leaf tokens ${t.out}; linked stretches ${sel.length}: out ${sum(sel.map((r) => r.outT))} tokens / ${sum(sel.map((r) => r.outSnip))} snippets, in ${sum(sel.map((r) => r.inT))} tokens`,
  );
}
if (o.show) {
  const shown = rows.filter((r) => r.outT + r.outSnip > 0).sort((a, b) => b.outT + 50 * b.outSnip - (a.outT + 50 * a.outSnip));
  for (const r of shown.slice(0, o.show)) {
    console.log(
      `\n== ${r.set} h${r.half} ${r.id} ${r.site} out ${r.outT}${r.outSnip ? `/${r.outSnip}s` : ''} in ${r.inT} end ${r.atEnd} before ${r.before} after ${r.after} prev=[${r.prev ? `${r.prev.tag} ${r.prev.text}` : ''}]`,
    );
    for (const l of r.leaves)
      console.log(
        `  ${l.v.padEnd(3)} ${l.label ? 'LABEL ' : ''}${l.path.slice(-30).padEnd(30)} t${l.tokens} sh${l.share} s${l.same} o${l.other}${l.date ? ' D' : ''}${l.imgs ? ' I' : ''} | ${l.text} <${l.href ?? ''}>`,
      );
  }
}
if (o.outs) writeFileSync(o.outs, `${JSON.stringify(outs, null, 1)}\n`);
if (o.json) writeFileSync(o.json, `${JSON.stringify(rows, null, 1)}\n`);
