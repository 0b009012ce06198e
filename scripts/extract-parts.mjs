#!/usr/bin/env node
// Pages of several parts (x-parts): what stands beside the body we keep, on every DEV set. For each
// dev page (news, broad, fundus, cwced, fresh) it runs the extractor on the (transformed) bytes,
// finds the body's place on the page (the lowest element holding its first, middle and last
// paragraphs of 60+ characters; scripts, styles and templates left out) and reads the element
// siblings of that element and of its parent and grandparent (levels 0-2) that hold 150+ characters
// not already in our text. Each sibling is labelled by the gold: news, fundus, cwced, fresh "gold"
// when half or more of its 3-token shingles are in the gold text, "part" from a tenth, else "not";
// broad "gold" when it holds a "with" snippet and no "without", "not" for the reverse, "both", or
// "neither". The shapes a rule taking more parts could use are counted per set and half:
//
//   section   a heading (h1-h6) and a prose paragraph (a p/li/td/dd of 80+ characters, under 30%
//             links, with a sentence mark), link text under 25% of the sibling's
//   undeclared  a section on a page that declares no story: og:type not "article", not exactly one
//             <article>, no schema.org story type (*Article, BlogPosting, Report) in its JSON-LD
//   same-shape  the body's own tag and first class token, a prose paragraph, link text under 25%
//   strict    a heading, two prose paragraphs, link text under 10%, no picture, and the body itself
//             holds a heading (the body one section of a row of sections)
//
// and, on broad, where each missed "with" snippet sits: inside the body's element (lost to the
// scorer's cleaning or a trim), in a sibling branch one or two levels up, further away, or not in
// the page's visible text.
//
//   npm run build && node scripts/extract-parts.mjs [--transform M] [--show SHAPE] [--set SET]
//
// Heldout rows are never read.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { ancestorsOf, commonAncestor, decodePage, deepestHolding, loadDevSets, shingles, tokenize } from './extract-eval-lib.mjs';
import { countPage, snippetNorm } from './extract-snippets-lib.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { extractArticle } = await import(join(ROOT, 'dist', 'src', 'ingest', 'extract', 'index.js'));

const o = { transform: null, show: null, set: null };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--transform') o.transform = process.argv[++i];
  else if (a === '--show') o.show = process.argv[++i];
  else if (a === '--set') o.set = process.argv[++i];
  else {
    console.error('usage: node scripts/extract-parts.mjs [--transform hash-names|plain-tags|…] [--show SHAPE] [--set SET]');
    process.exit(2);
  }
}

const text = (el) => snippetNorm(el.textContent ?? '');
const linkText = (el) => {
  let n = 0;
  for (const a of el.querySelectorAll('a')) n += text(a).length;
  return n;
};

/** The deepest element whose text holds `s`, or null (extract-eval-lib's, by this script's text). */
const deepest = (root, s) => deepestHolding(root, s, text);
const ancestors = ancestorsOf;
const common = commonAncestor;

/** The measures of one element the shapes read. */
function measure(el) {
  const t = text(el);
  let prose = 0;
  for (const p of el.querySelectorAll('p,li,td,dd')) {
    const pt = text(p);
    if (pt.length >= 80 && linkText(p) < pt.length * 0.3 && /[.!?:;]/.test(pt)) prose++;
  }
  return {
    tag: el.tagName.toLowerCase(),
    cls: (typeof el.className === 'string' ? el.className.trim().split(/\s+/)[0] : '') || '',
    len: t.length,
    linkShare: t.length ? linkText(el) / t.length : 0,
    prose,
    heads: el.querySelectorAll('h1,h2,h3,h4,h5,h6').length + (/^H[1-6]$/.test(el.tagName) ? 1 : 0),
    imgs: el.querySelectorAll('img').length,
    text: t,
  };
}

const STORY_TYPE = /"@type"\s*:\s*\[?\s*"(?:\w*Article|BlogPosting|Report|LiveBlogPosting)"/;
const SHAPES = {
  section: (s) => s.heads >= 1 && s.prose >= 1 && s.linkShare < 0.25,
  undeclared: (s, _b, pg) => SHAPES.section(s) && !pg.declared,
  'same-shape': (s, b) => s.prose >= 1 && s.linkShare < 0.25 && s.tag === b.tag && s.cls === b.cls,
  strict: (s, b) => s.heads >= 1 && s.prose >= 2 && s.linkShare < 0.1 && s.imgs === 0 && b.heads >= 1,
};

const pages = loadDevSets(ROOT, o.transform).filter((p) => !o.set || p.set === o.set);
const counts = {}; // shape -> set half -> label -> n
const missed = {}; // where broad's missed "with" snippets sit
for (const p of pages) {
  let r;
  try {
    r = extractArticle({ bytes: new Uint8Array(p.bytes), url: p.url ?? undefined }, { timeBudgetMs: 1e9 });
  } catch {
    continue;
  }
  const out = snippetNorm(r.text ?? '');
  const paras = (r.text ?? '')
    .split(/\n\s*\n/)
    .map(snippetNorm)
    .filter((x) => x.length >= 60);
  const html = decodePage(p.bytes);
  const { document } = parseHTML(html);
  const og = (document.querySelector('meta[property="og:type"]')?.getAttribute('content') ?? '').trim().toLowerCase();
  let ld = false;
  for (const s of document.querySelectorAll('script[type="application/ld+json"]')) if (STORY_TYPE.test(s.textContent ?? '')) ld = true;
  const declared = og === 'article' || document.querySelectorAll('article').length === 1 || ld;
  for (const s of document.querySelectorAll('script,style,noscript,template')) s.remove();
  const root = document.documentElement;
  if (!root) continue;
  const held = [paras[0], paras[Math.floor(paras.length / 2)], paras[paras.length - 1]]
    .filter(Boolean)
    .map((x) => deepest(root, x.slice(0, 60)))
    .filter(Boolean);
  const body = held.length ? held.reduce(common) : null;
  if (p.snippets) {
    for (const m of countPage(p.snippets, r.text).missed) {
      const el = deepest(root, snippetNorm(m).slice(0, 60));
      let where = 'not visible';
      if (el && !body) where = 'no body';
      else if (el && body.contains(el)) where = 'inside the body';
      else if (el) where = ancestors(body).length - ancestors(common(body, el)).length <= 2 ? 'sibling branch 1-2 up' : 'further';
      missed[where] = (missed[where] ?? 0) + 1;
    }
  }
  if (!body) continue;
  const b = measure(body);
  const goldShingles = p.goldTexts ? new Set(shingles(tokenize(p.goldTexts[0]))) : null;
  let cur = body;
  for (let level = 0; level < 3 && cur.parentElement && cur.tagName !== 'BODY'; level++) {
    for (const sib of cur.parentElement.children) {
      if (sib === cur) continue;
      const s = measure(sib);
      if (s.len < 150 || out.includes(s.text.slice(0, 80))) continue;
      let label;
      if (p.snippets) {
        const w = p.snippets.with.some((x) => s.text.includes(snippetNorm(x)));
        const wo = p.snippets.without.some((x) => s.text.includes(snippetNorm(x)));
        label = w && wo ? 'both' : w ? 'gold' : wo ? 'not' : 'neither';
      } else {
        const sh = shingles(tokenize(s.text));
        const share = sh.filter((x) => goldShingles.has(x)).length / sh.length;
        label = share >= 0.5 ? 'gold' : share >= 0.1 ? 'part' : 'not';
      }
      for (const [name, f] of Object.entries(SHAPES)) {
        if (!f(s, b, { declared })) continue;
        const k = `${p.set} h${p.half}`;
        counts[name] ??= {};
        counts[name][k] ??= { pages: new Set() };
        counts[name][k][label] = (counts[name][k][label] ?? 0) + 1;
        counts[name][k].pages.add(p.id);
        if (o.show === name)
          console.log(
            `${p.id} h${p.half} L${level} ${s.tag}.${s.cls} ${s.len} chars, links ${s.linkShare.toFixed(2)}, prose ${s.prose}, headings ${s.heads}: ${label}`,
          );
      }
    }
    cur = cur.parentElement;
  }
}
for (const [name, bySet] of Object.entries(counts)) {
  console.log(`\n${name} (siblings by label; pages)`);
  for (const k of Object.keys(bySet).sort()) {
    const { pages: ps, ...labels } = bySet[k];
    console.log(`  ${k.padEnd(10)} ${JSON.stringify(labels)} on ${ps.size} pages`);
  }
}
if (Object.keys(missed).length) console.log('\nbroad: missed "with" snippets by place', JSON.stringify(missed));
