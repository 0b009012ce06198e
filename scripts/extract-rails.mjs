#!/usr/bin/env node
// "Related stories" rails left in our output on the DEV pages, judged against the gold (x-rails):
// runs of two or more consecutive blocks of the final body each of which is a headline linked to
// another page (its link text at least half the block, the link of 3 tokens or more; same host as
// the page when its address is known), a short line between two items allowed. Each block is
// looked up in the gold: "out" (under half its 3-token shingles in the gold; for the broad set,
// holding a `without` snippet) or "in". A run is "out" when most of its tokens are out. Printed per
// set and half: the rail text left (out) and what a rule of that shape would cut from the gold (in).
//
//   npm run build && node scripts/extract-rails.mjs [--transform hash-names|plain-tags|...] [--json OUT] [--show N]
//
// Heldout rows are never read.
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { loadDevSets, shingles, tokenize, urlOf } from './extract-eval-lib.mjs';
import { snippetNorm } from './extract-snippets-lib.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { extractArticle } = await import(join(ROOT, 'dist', 'src', 'ingest', 'extract', 'index.js'));

const o = { transform: null, json: null, show: 0 };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--transform') o.transform = process.argv[++i];
  else if (a === '--json') o.json = process.argv[++i];
  else if (a === '--show') o.show = Number(process.argv[++i]);
  else {
    console.error('usage: node scripts/extract-rails.mjs [--transform M] [--json OUT] [--show N]');
    process.exit(2);
  }
}

const pages = loadDevSets(ROOT, o.transform);

const BLOCKS = new Set([
  'DIV',
  'SECTION',
  'UL',
  'OL',
  'DL',
  'P',
  'TABLE',
  'ASIDE',
  'NAV',
  'ARTICLE',
  'BLOCKQUOTE',
  'FIGURE',
  'LI',
  'HEADER',
  'FOOTER',
]);
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const squash = (s) => s.replace(/\s+/g, ' ').trim();

function linkStats(el) {
  let linkText = 0;
  const links = [];
  for (const a of el.querySelectorAll('a[href]')) {
    const t = squash(a.textContent);
    if (!t) continue;
    linkText += t.length;
    links.push({ text: t, href: a.getAttribute('href') });
  }
  return { linkText, links, text: squash(el.textContent).length };
}

const LEAF = new Set(['P', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'DT', 'DD', 'TD', 'TH', 'BLOCKQUOTE', 'FIGCAPTION', 'PRE']);
const BLOCKISH = new Set([...BLOCKS, ...LEAF, 'TR', 'TBODY', 'THEAD', 'FIGURE', 'MAIN']);
/** Leaf blocks in document order: a LEAF element, or a block with no block child. */
function leaves(html) {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const out = [];
  const visit = (el) => {
    const blockKids = [...el.children].some((c) => BLOCKISH.has(c.tagName) || c.querySelector?.('p,li,div,h2,h3,h4,table'));
    if (el !== document.body && (LEAF.has(el.tagName) ? !blockKids : !blockKids && BLOCKISH.has(el.tagName))) {
      const t = squash(el.textContent);
      if (t) out.push({ el, ...linkStats(el), text: t });
      return;
    }
    for (const c of el.children) visit(c);
  };
  visit(document.body);
  return out;
}

const rows = [];
const t0 = Date.now();
for (const p of pages) {
  const r = extractArticle({ bytes: new Uint8Array(p.bytes), url: p.url ?? undefined }, { timeBudgetMs: 1e9 });
  if (!r.html) continue;
  const goldSh = p.goldTexts ? new Set(p.goldTexts.flatMap((g) => shingles(tokenize(g)))) : null;
  const base = urlOf(p.url ?? 'http://x.invalid/');
  const ls = leaves(r.html).map((b) => {
    let verdict;
    if (p.set === 'broad') {
      const t = snippetNorm(b.text);
      const inW = p.snippets.with.some((s) => t.includes(snippetNorm(s)) || snippetNorm(s).includes(t));
      const outW = p.snippets.without.some((s) => t.includes(snippetNorm(s)) || snippetNorm(s).includes(t));
      verdict = outW && !inW ? 'out' : inW ? 'in' : '?';
    } else {
      const sh = shingles(tokenize(b.text));
      const found = sh.filter((x) => goldSh.has(x)).length;
      verdict = found * 2 < sh.length ? 'out' : 'in';
    }
    const site = b.links.filter((l) => {
      const u = urlOf(l.href, p.url ?? undefined);
      if (!u || !/^https?:$/.test(u.protocol)) return false;
      if (p.url && u.hostname.replace(/^www\./, '') !== base.hostname.replace(/^www\./, '')) return false;
      return u.pathname.length > 1 && u.pathname !== base.pathname && tokenize(l.text).length >= 3;
    });
    const lt = sum(b.links.map((l) => l.text.length));
    const head = site.length > 0 && lt >= 0.5 * b.text.length;
    return {
      text: b.text,
      verdict,
      tokens: tokenize(b.text).length,
      siteLinks: head ? site.length : 0,
      anyLinks: site.length,
      link: site[0]?.href ?? null,
      tag: b.el.tagName,
    };
  });
  // runs of 2+ consecutive leaves each holding a headline-like link to another page of the site (or a short line between)
  let i = 0;
  while (i < ls.length) {
    if (ls[i].siteLinks === 0) {
      i++;
      continue;
    }
    let j = i;
    let items = 0;
    while (j < ls.length && (ls[j].siteLinks > 0 || (ls[j].tokens <= 30 && j + 1 < ls.length && ls[j + 1].siteLinks > 0))) {
      if (ls[j].siteLinks > 0) items++;
      j++;
    }
    if (items >= 2) {
      const run = ls.slice(i, j);
      const head = i > 0 && ls[i - 1].tokens <= 8 && /^H[1-6]$|^P$|^DIV$/.test(ls[i - 1].tag) ? ls[i - 1].text : null;
      const outT = sum(run.filter((x) => x.verdict === 'out').map((x) => x.tokens));
      const inT = sum(run.filter((x) => x.verdict === 'in').map((x) => x.tokens));
      rows.push({
        id: p.id,
        set: p.set,
        half: p.half,
        site: p.site ?? p.id,
        verdict: outT > inT ? 'out' : inT > 0 ? 'in' : '?',
        tokens: sum(run.map((x) => x.tokens)),
        outT,
        inT,
        items,
        leaves: run.length,
        atEnd: j === ls.length,
        after: sum(ls.slice(j).map((x) => x.tokens)),
        before: sum(ls.slice(0, i).map((x) => x.tokens)),
        head,
        sample: run
          .slice(0, 3)
          .map((x) => `${x.tag} ${x.text.slice(0, 70)} <${String(x.link).slice(0, 70)}>`)
          .join(' | '),
      });
    }
    i = Math.max(j, i + 1);
  }
}
console.error(`extract-rails: ${pages.length} pages in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
for (const set of ['news', 'broad', 'fundus', 'cwced', 'fresh']) {
  for (const h of [0, 1]) {
    const sel = rows.filter((r) => r.set === set && r.half === h);
    const out = sel.filter((r) => r.verdict === 'out');
    const inn = sel.filter((r) => r.verdict === 'in');
    const sites = new Set(out.map((r) => r.site));
    console.log(
      `${set} h${h}: out ${out.length} blocks (${sum(out.map((r) => r.outT))} tokens, ${new Set(out.map((r) => r.id)).size} pages, ${sites.size} sites); in ${inn.length} (${sum(inn.map((r) => r.inT))} tokens); ? ${sel.length - out.length - inn.length}`,
    );
  }
}
if (o.show) {
  for (const v of ['out', 'in']) {
    console.log(`--- ${v}`);
    for (const r of rows.filter((x) => x.verdict === v).slice(0, o.show))
      console.log(
        `${r.set} h${r.half} ${r.id} out ${r.outT} in ${r.inT} items ${r.items}/${r.leaves} end ${r.atEnd} before ${r.before} after ${r.after} head=${r.head ?? ''} :: ${r.sample}`,
      );
  }
}
if (o.json) writeFileSync(o.json, `${JSON.stringify(rows, null, 1)}\n`);
