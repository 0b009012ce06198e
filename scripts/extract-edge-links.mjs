#!/usr/bin/env node
// Calls, notes and widgets at the body's edge, judged by where their links go (x-edgelinks): for
// every leaf block of our final body on the DEV pages that holds a link, a set of non-word signals
// read from the links' targets (a social network or share endpoint, mailto:, a store, a licence, a
// `rel` of sponsored/license on the page's own anchor, all links off-site, all links to addresses
// the page also links outside the body — its own chrome), and the block's shape (all link text, one
// short link); and, for the edge blocks, signals of the small box around the block in the source
// page, where the controls that Readability and the prune drop are still there (a form, an e-mail
// field, a button or text field, a social link, a link the page repeats). Each block is looked up
// in the gold: for the broad set "out" when it holds a `without` snippet and no `with` one, "in"
// when it holds a `with` one, "?" otherwise; for the other sets "in" when half or more of its
// 3-token shingles are in the gold, else "out". Printed: per signal, for the edge blocks (the first
// and last EDGE blocks of the body) and for all blocks, how many are out / in / ? on each set (both
// halves, h0+h1); "(every block)" is the base rate. `--show SIGNAL` lists the edge blocks with that
// signal; `--show out` lists every edge block that is out, with its signals. *site-repeat*: the
// block's text (20+ characters) is a block of another dev page of the same site too. `--no-box`
// skips the source boxes (most of the time taken).
//
//   npm run build && node scripts/extract-edge-links.mjs [--transform hash-names|plain-tags] [--show SIGNAL] [--edge N] [--no-box]
//
// Heldout rows are never read.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { decodePage, leafBlocks, loadDevSets, shingles, squashText, tokenize, urlOf } from './extract-eval-lib.mjs';
import { snippetNorm } from './extract-snippets-lib.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { extractArticle } = await import(join(ROOT, 'dist', 'src', 'ingest', 'extract', 'index.js'));
const { isShareHref } = await import(join(ROOT, 'dist', 'src', 'ingest', 'extract', 'share-bars.js'));

const o = { transform: null, show: null, edge: 3, box: true };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--transform') o.transform = process.argv[++i];
  else if (a === '--show') o.show = process.argv[++i];
  else if (a === '--edge') o.edge = Number(process.argv[++i]);
  else if (a === '--no-box') o.box = false;
  else {
    console.error('usage: node scripts/extract-edge-links.mjs [--transform M] [--show SIGNAL] [--edge N] [--no-box]');
    process.exit(2);
  }
}

const squash = squashText;
const leaves = leafBlocks;

/** A URL's host without a leading www. */
const hostOf = (u) => u.hostname.replace(/^www\d?\./, '').toLowerCase();
/** The last two labels of a host (three when the second-to-last is a short second-level label such as co.uk). */
function siteOf(host) {
  const p = host.split('.');
  return p.length > 2 && p[p.length - 2].length <= 3 && p[p.length - 1].length === 2 ? p.slice(-3).join('.') : p.slice(-2).join('.');
}
/** Stores a buy box or an affiliate link goes to: a short general list of the big ones. */
const STORE = /(^|\.)(amazon\.[a-z.]+|amzn\.to|ebay\.[a-z.]+|apps\.apple\.com|itunes\.apple\.com|play\.google\.com)$/i;

/** The page's anchors by resolved address: how often each is linked, and the `rel` values seen. */
function sourceLinks(bytes, url) {
  const { document } = parseHTML(decodePage(bytes).replace(/<script\b[\s\S]*?<\/script\s*>/gi, ''));
  const count = new Map();
  const rel = new Map();
  for (const a of document.querySelectorAll('a[href]')) {
    const u = urlOf(a.getAttribute('href').trim(), url);
    if (!u) continue;
    const k = u.href.replace(/#.*$/, '');
    count.set(k, (count.get(k) ?? 0) + 1);
    const r = (a.getAttribute('rel') ?? '').toLowerCase();
    if (r) rel.set(k, `${rel.get(k) ?? ''} ${r}`);
  }
  return { count, rel, doc: document, base: url };
}

const SIGNALS = [
  '(every block)',
  'social-all',
  'social-any',
  'mailto-any',
  'store-any',
  'rel-sponsored',
  'licence',
  'offsite-all',
  'chrome-all',
  'chrome-all+linkonly',
  'offsite-all+linkonly',
  'linkonly',
  'button',
  'box-form',
  'box-email',
  'box-control',
  'box-social',
  'box-chrome',
  'box-unfound',
  'site-repeat',
];

/** The signals a block with links gives. */
function signalsOf(b, page, src, outCount) {
  const anchors = [...b.el.querySelectorAll('a[href]')].filter((a) => {
    const h = a.getAttribute('href').trim();
    return h && h[0] !== '#' && !/^javascript:/i.test(h);
  });
  if (anchors.length === 0) return [];
  const base = page.url ?? undefined;
  const pageSite = page.url
    ? siteOf(hostOf(urlOf(page.url)))
    : page.site
      ? siteOf(
          String(page.site)
            .toLowerCase()
            .replace(/^www\d?\./, ''),
        )
      : null;
  const urls = anchors.map((a) => urlOf(a.getAttribute('href').trim(), base));
  const keys = urls.map((u) => (u ? u.href.replace(/#.*$/, '') : ''));
  const linkText = anchors.reduce((n, a) => n + squash(a.textContent).length, 0);
  const s = new Set();
  const share = anchors.map((a) => isShareHref(a));
  if (share.every(Boolean)) s.add('social-all');
  if (share.some(Boolean)) s.add('social-any');
  if (urls.some((u) => u?.protocol === 'mailto:')) s.add('mailto-any');
  if (urls.some((u) => u && /^https?:$/.test(u.protocol) && STORE.test(hostOf(u)))) s.add('store-any');
  if (keys.some((k) => /\bsponsored\b/.test(src.rel.get(k) ?? ''))) s.add('rel-sponsored');
  if (keys.some((k) => /\blicense\b/.test(src.rel.get(k) ?? '')) || urls.some((u) => u && /(^|\.)creativecommons\.org$/.test(hostOf(u))))
    s.add('licence');
  const web = urls.filter((u) => u && /^https?:$/.test(u.protocol));
  if (pageSite && web.length === urls.length && web.every((u) => siteOf(hostOf(u)) !== pageSite)) s.add('offsite-all');
  if (keys.every((k) => k && (src.count.get(k) ?? 0) > (outCount.get(k) ?? 0))) s.add('chrome-all');
  const lonly = linkText >= 0.9 * b.text.length;
  if (lonly) s.add('linkonly');
  if (lonly && s.has('chrome-all')) s.add('chrome-all+linkonly');
  if (lonly && s.has('offsite-all')) s.add('offsite-all+linkonly');
  if (anchors.length === 1 && lonly && b.text.split(' ').length <= 4) s.add('button');
  return [...s];
}

/**
 * The source page's element for an output block (the smallest one, found from the text node holding
 * the block's opening words, whose text holds the whole block), and the box around it: its largest
 * ancestor with at most BOX_EXTRA characters of text besides the block's. Signals of the box: a
 * form, an e-mail field, a control (button, submit, text field), a link to a social site, a link to
 * an address linked elsewhere in the page. Null when the block is not found.
 */
const BOX_EXTRA = 200;
function boxSignals(b, doc, src) {
  const head = b.text.slice(0, 30);
  if (head.length < 8) return [];
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, 4);
  let el = null;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!squash(n.nodeValue).includes(head.slice(0, Math.min(head.length, squash(n.nodeValue).length, 15)))) continue;
    for (let p = n.parentElement; p; p = p.parentElement) {
      const t = squash(p.textContent);
      if (t.length > b.text.length * 3 + 400) break;
      if (t.includes(b.text)) {
        el = p;
        break;
      }
    }
    if (el) break;
  }
  if (!el) return ['box-unfound'];
  let box = el;
  for (let p = el.parentElement; p && p.localName !== 'body'; p = p.parentElement) {
    if (squash(p.textContent).length > b.text.length + BOX_EXTRA) break;
    box = p;
  }
  const s = new Set();
  if (box.querySelector('form') || box.closest('form')) s.add('box-form');
  if (box.querySelector('input[type=email]')) s.add('box-email');
  if (box.querySelector('button, input[type=submit], input[type=text], input[type=email], textarea, select')) s.add('box-control');
  const as = [...box.querySelectorAll('a[href]')];
  if (as.some((a) => isShareHref(a))) s.add('box-social');
  if (
    as.length &&
    as.every((a) => (src.count.get(urlOf(a.getAttribute('href').trim(), src.base)?.href.replace(/#.*$/, '') ?? '') ?? 0) > 1)
  )
    s.add('box-chrome');
  return [...s];
}

const pages = loadDevSets(ROOT, o.transform);
const SETS = ['news', 'broad', 'fundus', 'cwced', 'fresh'];
// tally[signal][where][set] = { out, in, '?' }
const tally = new Map();
const shown = [];
const bump = (sig, where, set, v) => {
  if (!tally.has(sig)) tally.set(sig, { edge: {}, all: {} });
  const t = tally.get(sig)[where];
  t[set] ??= { out: 0, in: 0, '?': 0 };
  t[set][v]++;
};
// Every block with its verdict, and per site the pages each block's text is on: for site-repeat.
const seen = [];
const onPages = new Map();
const t0 = Date.now();
for (const p of pages) {
  const r = extractArticle({ bytes: new Uint8Array(p.bytes), url: p.url ?? undefined }, { timeBudgetMs: 1e9 });
  if (!r.html) continue;
  const ls = leaves(r.html);
  const outCount = new Map();
  for (const a of parseHTML(`<!doctype html><html><body>${r.html}</body></html>`).document.querySelectorAll('a[href]')) {
    const u = urlOf(a.getAttribute('href').trim(), p.url ?? undefined);
    if (u) outCount.set(u.href.replace(/#.*$/, ''), (outCount.get(u.href.replace(/#.*$/, '')) ?? 0) + 1);
  }
  const src = sourceLinks(p.bytes, p.url ?? undefined);
  const goldSh = p.goldTexts ? new Set(p.goldTexts.flatMap((g) => shingles(tokenize(g)))) : null;
  ls.forEach((b, i) => {
    const edge = i < o.edge || i >= ls.length - o.edge;
    const sigs = [...signalsOf(b, p, src, outCount), ...(edge && o.box ? boxSignals(b, src.doc, src) : [])];
    let v;
    if (p.set === 'broad') {
      const t = snippetNorm(b.text);
      const has = (s) => t.includes(snippetNorm(s)) || snippetNorm(s).includes(t);
      const inW = p.snippets.with.some(has);
      v = inW ? 'in' : p.snippets.without.some(has) ? 'out' : '?';
    } else {
      const sh = shingles(tokenize(b.text));
      v = sh.filter((x) => goldSh.has(x)).length * 2 < sh.length ? 'out' : 'in';
    }
    if (o.show === 'out' && edge && v === 'out')
      shown.push(`${p.set} h${p.half} ${p.id} [${i}/${ls.length}] {${sigs.join(',') || 'no links'}} ${b.text.slice(0, 120)}`);
    sigs.unshift('(every block)');
    const key = `${p.set} ${p.site ?? p.id} ${b.text.toLowerCase()}`;
    if (b.text.length >= 20) {
      if (!onPages.has(key)) onPages.set(key, new Set());
      onPages.get(key).add(p.id);
      seen.push({ key, set: p.set, v, edge, line: `${p.set} h${p.half} ${p.id} ${v} [${i}/${ls.length}] ${b.text.slice(0, 140)}` });
    }
    for (const sig of sigs) {
      bump(sig, 'all', p.set, v);
      if (edge) bump(sig, 'edge', p.set, v);
      if (sig === o.show && edge) shown.push(`${p.set} h${p.half} ${p.id} ${v} [${i}/${ls.length}] ${b.text.slice(0, 140)}`);
    }
  });
}
// site-repeat: a block of 20+ characters whose text is, word for word, a block of another dev page
// of the same site (a site's closing box is the same on each of its stories).
for (const r of seen)
  if (onPages.get(r.key).size > 1) {
    bump('site-repeat', 'all', r.set, r.v);
    if (r.edge) bump('site-repeat', 'edge', r.set, r.v);
    if (o.show === 'site-repeat' && r.edge) shown.push(r.line);
  }
console.error(`extract-edge-links: ${pages.length} pages in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
const cell = (c) => (c ? `${c.out}/${c.in}/${c['?']}` : '0/0/0');
console.log(
  `out/in/? (broad: without/with/neither) per set; edge = first or last ${o.edge} blocks${o.transform ? `; ${o.transform}` : ''}`,
);
console.log(['signal', 'where', ...SETS].join('\t'));
for (const sig of SIGNALS)
  for (const where of ['edge', 'all']) {
    const t = tally.get(sig)?.[where] ?? {};
    console.log([sig, where, ...SETS.map((s) => cell(t[s]))].join('\t'));
  }
for (const line of shown) console.log(line);
