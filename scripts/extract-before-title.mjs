#!/usr/bin/env node
// Blocks of our final body that stand before the story's title heading in the page's order
// (x-hashrest): how many, and how many of them the golds keep, on every dev set, as served or
// rewritten (--transform hash-names …). A story's text follows its title; what a body holds
// above it is a kicker, a date or byline line, a breadcrumb, a blog's description, a sidebar.
//
//   npm run build && node scripts/extract-before-title.mjs [--transform M] [--show out|in|all]
//
// Each leaf block of the output (extract-edge-links.mjs's split) is looked up by its first 40
// characters in the source page's body text (scripts dropped, white space squeezed); "before"
// when every occurrence ends before the title heading (fallback.ts's titleHeading over the
// page's h1–h3) starts. Verdicts as extract-edge-links.mjs: broad "out" when the block holds a
// "without" snippet and no "with" one, "in" when it holds a "with" one, "?" neither; other sets
// "in" when half its 3-token shingles are in the gold. Heldout is never read.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { decodePage, leafBlocks, loadDevSets, shingles, squashText, tokenize } from './extract-eval-lib.mjs';
import { snippetNorm } from './extract-snippets-lib.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { extractArticle } = await import(join(ROOT, 'dist', 'src', 'ingest', 'extract', 'index.js'));
const { titleHeading } = await import(join(ROOT, 'dist', 'src', 'ingest', 'extract', 'fallback.js'));

const o = { transform: null, show: null };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--transform') o.transform = process.argv[++i];
  else if (a === '--show') o.show = process.argv[++i];
  else {
    console.error('usage: node scripts/extract-before-title.mjs [--transform M] [--show out|in|all]');
    process.exit(2);
  }
}
const squash = squashText;
/** The output's leaf blocks' texts (extract-eval-lib's split). */
const leaves = (html) => leafBlocks(html).map((b) => b.text);
/** The source body's text, squeezed, and the offset where the title heading starts (-1: none). */
function sourceText(bytes) {
  const { document } = parseHTML(
    decodePage(bytes)
      .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
      .replace(/<style\b[\s\S]*?<\/style\s*>/gi, ''),
  );
  const h = document.body ? titleHeading(document, document.querySelectorAll('h1, h2, h3')) : null;
  let text = '';
  let at = -1;
  const walk = (n) => {
    if (n === h) at = text.length;
    if (n.nodeType === 3) text += `${n.textContent} `;
    else for (const c of n.childNodes ?? []) walk(c);
  };
  if (document.body) walk(document.body);
  // squeeze, keeping the title offset
  const before = squash(text.slice(0, Math.max(at, 0)));
  return { text: squash(text), at: at < 0 ? -1 : before.length, title: h ? squash(h.textContent) : null };
}

const SETS = ['news', 'broad', 'fundus', 'cwced', 'fresh'];
const tally = {};
const bump = (k, set, v) => {
  tally[k] ??= {};
  tally[k][set] ??= { out: 0, in: 0, '?': 0, tok: { out: 0, in: 0, '?': 0 } };
  tally[k][set][v]++;
};
const shown = [];
const pagesWith = {};
for (const p of loadDevSets(ROOT, o.transform)) {
  const r = extractArticle({ bytes: new Uint8Array(p.bytes), url: p.url ?? undefined }, { timeBudgetMs: 1e9 });
  if (!r.html) continue;
  const src = sourceText(p.bytes);
  const goldSh = p.goldTexts ? new Set(p.goldTexts.flatMap((g) => shingles(tokenize(g)))) : null;
  const ls = leaves(r.html);
  let prose = false;
  const seenText = new Map();
  const goldNorm = p.goldTexts ? p.goldTexts.map((g) => tokenize(g).join(' ')) : null;
  ls.forEach((t, i) => {
    const n = (seenText.get(t) ?? 0) + 1;
    seenText.set(t, n);
    if (n > 1 && t.length >= 10) {
      // a later copy of a block already in the body: "in" when the gold holds the text that often
      let rv;
      if (p.set === 'broad') rv = '?';
      else {
        const k = tokenize(t).join(' ');
        const times = Math.max(...goldNorm.map((g) => (k ? g.split(k).length - 1 : 0)));
        rv = times >= n ? 'in' : 'out';
      }
      bump('repeat: later copy (10+ chars)', p.set, rv);
      if (o.show === 'repeat') shown.push(`${p.set} h${p.half} ${p.id} ${p.site ?? ''} ${rv} [${i}/${ls.length}] x${n} ${t.slice(0, 110)}`);
    }
    let v;
    if (p.set === 'broad') {
      const n = snippetNorm(t);
      const has = (s) => n.includes(snippetNorm(s)) || snippetNorm(s).includes(n);
      v = p.snippets.with.some(has) ? 'in' : p.snippets.without.some(has) ? 'out' : '?';
    } else {
      const sh = shingles(tokenize(t));
      v = sh.filter((x) => goldSh.has(x)).length * 2 < sh.length ? 'out' : 'in';
    }
    bump('(every block)', p.set, v);
    if (src.at < 0) {
      bump('no title heading', p.set, v);
      return;
    }
    if (src.title && t === src.title) {
      bump('the title heading', p.set, v);
      return;
    }
    const key = t.slice(0, 40);
    const first = src.text.indexOf(key);
    if (first < 0) {
      bump('unfound', p.set, v);
      return;
    }
    const last = src.text.lastIndexOf(key);
    if (last + key.length <= src.at) {
      const k = prose ? 'before title, after prose' : 'before title';
      bump(k, p.set, v);
      if (t.length >= 80) bump(`${k}, 80+ chars`, p.set, v);
      pagesWith[`${p.set} ${v}`] ??= new Set();
      pagesWith[`${p.set} ${v}`].add(p.id);
      if (o.show === 'all' || o.show === v)
        shown.push(`${p.set} h${p.half} ${p.id} ${p.site ?? ''} ${v} [${i}/${ls.length}] ${t.slice(0, 130)}`);
    } else if (first + key.length <= src.at) bump('before and after title', p.set, v);
    if (t.length >= 80) prose = true;
  });
}
const cell = (c) => (c ? `${c.out}/${c.in}/${c['?']}` : '0/0/0');
console.log(`output blocks out/in/? (broad: without/with/neither)${o.transform ? `; ${o.transform}` : ''}`);
console.log(['where', ...SETS].join('\t'));
for (const [k, t] of Object.entries(tally)) console.log([k, ...SETS.map((s) => cell(t[s]))].join('\t'));
console.log(
  'pages with a before-title block:',
  Object.entries(pagesWith)
    .map(([k, s]) => `${k} ${s.size}`)
    .join(', '),
);
for (const l of shown) console.log(l);
