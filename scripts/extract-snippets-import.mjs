#!/usr/bin/env node
// Builds data/extract-snippets/ (pages, snippet files, manifest.jsonl) from trafilatura's
// evaluation corpus (github.com/adbar/trafilatura, tests/evaldata.json + tests/eval + tests/cache).
// Kept so the import can be audited and redone; the source is not in this repository, so it needs
// the repository's tests/ folder unpacked somewhere first, e.g. from a bare clone:
//
//   git --git-dir=REPO.git archive COMMIT tests/evaldata.json tests/eval tests/cache | tar -x -C DIR
//   node scripts/extract-snippets-import.mjs --src DIR --commit COMMIT [--out data/extract-snippets]
//     [--per-site N] [--report FILE]
//
// What it does, and nothing else:
//   * reads every annotation of tests/evaldata.json ({url: {file, with, without, ...}}); the HTML
//     file is looked up in tests/cache, then tests/eval (trafilatura's own order); an annotation
//     whose file is missing is skipped and counted;
//   * copies each page's bytes unchanged, gzipped (level 9), and writes its "with" and "without"
//     snippets unchanged to snippets/<id>.json (the other annotation keys, metadata gold for
//     trafilatura's metadata tests, are not carried over);
//   * derives the site (registrable domain) from the annotation's address; for archived pages
//     (web.archive.org/web/<time>/<address>) from the archived address; for the annotations keyed
//     by a label instead of an address ("hard::name.html") from the page's canonical/og:url link,
//     else from the file name, which starts with the site's host;
//   * keeps at most --per-site pages per site (default 1; chosen by the smallest SHA-256 of the
//     annotation key), to keep the folder small and let no site's template count twice;
//   * assigns the split by a hash of the site (~1/3 heldout);
//   * guesses lang from the snippets' and the page's text (script, then common words), falling back
//     to the page's declared language: a coarse label for breakdowns, not gold;
//   * counts, for the report, the "with" snippets not found in the page's own visible text (no
//     extractor can find them) and the "without" snippets not in it (true negatives for anyone).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { decodePage, tokenize } from './extract-eval-lib.mjs';
import { pageText, snippetNorm } from './extract-snippets-lib.mjs';

function args(argv) {
  const o = { out: 'data/extract-snippets', 'per-site': '1', commit: null, report: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--') || i + 1 >= argv.length) throw new Error(`bad argument ${a}`);
    o[a.slice(2)] = argv[++i];
  }
  if (!o.src) throw new Error('--src DIR is required (DIR/tests/evaldata.json)');
  return o;
}

const sha = (s) => createHash('sha256').update(s).digest('hex');
const HELDOUT_PER_MILLE = 333;

// ------------------------------------------------------------------ sites --

const SECOND_LEVEL = /^(co|com|org|net|gov|ac|edu|biz|or|ne|go|gob|nic|info|waw)$/;
// Hosting platforms where every subdomain is somebody else's site: the site is one label more.
const SHARED_HOSTS =
  /(?:^|\.)(wordpress\.com|blogspot\.[a-z]{2,3}(?:\.[a-z]{2})?|tumblr\.com|github\.io|typepad\.com|livejournal\.com|over-blog\.com|hypotheses\.org|jimdo\.com|wixsite\.com|weebly\.com|ucoz\.[a-z]{2,3}|blog\.de|de\.tl)$/;

/** Registrable domain (two labels; three under co.uk, com.pa and the like, or on a shared blog host). */
function siteOfHost(host) {
  const h = host
    .toLowerCase()
    .replace(/^www\d?\./, '')
    .replace(/\.$/, '');
  const parts = h.split('.');
  const shared = SHARED_HOSTS.exec(h);
  if (shared && shared[1] !== h) return parts.slice(-(shared[1].split('.').length + 1)).join('.');
  const n = parts.length >= 3 && SECOND_LEVEL.test(parts[parts.length - 2]) && parts[parts.length - 1].length === 2 ? 3 : 2;
  return parts.slice(-n).join('.');
}

function hostOf(url) {
  try {
    const u = new URL(url);
    return /^https?:$/.test(u.protocol) && u.hostname ? u.hostname.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** The archived address inside a web.archive.org address, else null. */
function archivedUrl(url) {
  const m = /^https?:\/\/web\.archive\.org\/web\/\d+[a-z_]*\/(.+)$/i.exec(url);
  if (!m) return null;
  return /^https?:\/\//i.test(m[1]) ? m[1] : `http://${m[1]}`;
}

function canonicalOf(html) {
  const m =
    /<link[^>]+rel=["']?canonical["']?[^>]*href=["']?(https?:[^"' >]+)/i.exec(html) ??
    /<link[^>]+href=["']?(https?:[^"' >]+)["']?[^>]*rel=["']?canonical/i.exec(html) ??
    /<meta[^>]+property=["']og:url["'][^>]*content=["'](https?:[^"']+)/i.exec(html);
  return m ? m[1] : null;
}

/** { site, how } of one annotation. */
function siteOf(key, file, html) {
  const inner = archivedUrl(key);
  const direct = inner ? hostOf(inner) : hostOf(key);
  if (direct) return { site: siteOfHost(direct), how: inner ? 'archived address' : 'address' };
  const canon = canonicalOf(html);
  const ch = canon ? hostOf(archivedUrl(canon) ?? canon) : null;
  if (ch && ch !== 'web.archive.org') return { site: siteOfHost(ch), how: 'canonical link' };
  // File names like "jamaicaobserver.com-attacks.html", "zeit.de.zugverkehr.html": the host is
  // the longest run of dot-separated labels that ends in a known-looking top-level label.
  const m = /^((?:[a-z0-9-]+\.)+(?:com|net|org|de|at|ch|pa|hn|vc|cu|jm|uk|fr|pl|it|es|io|info|eu))(?=[.-]|$)/i.exec(file);
  if (m) return { site: siteOfHost(m[1]), how: 'file name' };
  return { site: `file:${file.replace(/\.html?$/i, '')}`, how: 'none' };
}

// ------------------------------------------------------------------ language --

const SCRIPT_LANGS = [
  ['ar', /\p{sc=Arabic}/gu],
  ['ru', /\p{sc=Cyrillic}/gu],
  ['ko', /\p{sc=Hangul}/gu],
  ['ja', /[\p{sc=Hiragana}\p{sc=Katakana}]/gu],
  ['zh', /\p{sc=Han}/gu],
  ['el', /\p{sc=Greek}/gu],
  ['he', /\p{sc=Hebrew}/gu],
  ['th', /\p{sc=Thai}/gu],
  ['hi', /\p{sc=Devanagari}/gu],
  ['bn', /\p{sc=Bengali}/gu],
];

// A few dozen of the most frequent words of each language written in Latin script.
const COMMON = {
  en: 'the and of to in is that for it was on with as are be this by from have not at or but his they an which',
  de: 'der die und das ist nicht ich sie es zu den mit sich des auf für ein eine dem im von wird auch werden bei oder aus',
  fr: 'le la les et des est une que pour dans pas qui sur du au avec ce il sont plus par mais nous ou vous cette aux',
  es: 'el la los las que de en y del se por con una para es su al lo como más pero sus le ya este porque cuando muy',
  it: 'il di che la per non una sono della con del gli le nel anche come alla più questo dei ma essere delle degli',
  pt: 'o os que do da em um uma para com não no na por mais das dos como mas ao ele são seu sua pelo pela também',
  nl: 'de het een van en dat niet is op te zijn voor met die ook als maar bij er nog wel aan door naar dan',
  pl: 'i w nie na się z do to że jest o jak po co ale tak za od przez może są jego już tylko być był dla oraz',
  cs: 'a se na je že v to s z do jako ale by jsou jsem pro tak byl bylo které který není podle také jeho nebo',
  sv: 'och att det som en är på för med av inte den till har de om var jag men ett så kan sig vi',
  da: 'og at det som en er på for med af ikke den til har de om var jeg men et så kan sig vi',
  tr: 've bir bu da de için ile çok olan gibi daha ne ama kadar sonra olarak var değil ise',
  id: 'yang dan di itu dengan untuk tidak ini dari dalam akan pada juga ke karena bisa ada mereka atau',
  fi: 'ja on ei että se oli ovat mutta kuin myös tai joka hän sen ole kanssa',
  hu: 'a az és hogy nem is egy meg van ez de már csak volt mint még azt kell',
};
const COMMON_SETS = Object.entries(COMMON).map(([k, v]) => [k, new Set(v.split(' '))]);

function declaredLang(html) {
  const head = html.slice(0, 20000);
  const m =
    /<html\b[^>]*?\blang=["']?([a-z]{2,3})\b/i.exec(head) ??
    /<meta[^>]+http-equiv=["']?content-language["']?[^>]*content=["']?([a-z]{2,3})\b/i.exec(head) ??
    /<meta[^>]+property=["']og:locale["'][^>]*content=["']?([a-z]{2,3})\b/i.exec(head);
  return m ? m[1].toLowerCase() : null;
}

/** Language of a text by script, then by common words; null when the text does not tell. */
function guessLang(text) {
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  if (letters === 0) return null;
  const share = (re) => (text.match(re) ?? []).length / letters;
  // Japanese mixes Han with kana: kana at all decides it before Han.
  if (share(/[\p{sc=Hiragana}\p{sc=Katakana}]/gu) > 0.05) return 'ja';
  for (const [lang, re] of SCRIPT_LANGS) if (share(re) > 0.3) return lang;
  const words = tokenize(text);
  const score = COMMON_SETS.map(([lang, set]) => [lang, words.reduce((n, w) => n + (set.has(w) ? 1 : 0), 0)]).sort((a, b) => b[1] - a[1]);
  const [[lang, n], [, second]] = score;
  return n >= 8 && n >= 1.5 * second ? lang : null;
}

function langOf(snippetText, bodyText, html) {
  const declared = declaredLang(html);
  // The snippets are the human-chosen main text, the page's text adds words; together they decide.
  const guess = guessLang(`${snippetText}\n${bodyText.slice(0, 30000)}`);
  // A declared language the word lists cannot recognise (Norwegian, Catalan, ...) is believed over
  // a guess among the Latin-script languages they know, which would only be the nearest neighbour.
  if (declared && guess && COMMON[guess] && !COMMON[declared] && !SCRIPT_LANGS.some(([l]) => l === declared)) {
    return { lang: declared, declared, guessed: guess };
  }
  return { lang: guess ?? declared ?? 'und', declared, guessed: guess };
}

// ------------------------------------------------------------------ main --

const o = args(process.argv.slice(2));
const tests = join(o.src, 'tests');
const evaldata = JSON.parse(readFileSync(join(tests, 'evaldata.json'), 'utf8'));
const perSite = Number(o['per-site']);
const report = {
  annotations: 0,
  missingHtml: [],
  siteFrom: {},
  perSiteDropped: [],
  withNotInPage: [],
  withoutNotInPage: 0,
  langDeclaredDisagrees: [],
  selected: { dev: 0, heldout: 0 },
};

const all = [];
for (const key of Object.keys(evaldata).sort()) {
  report.annotations++;
  const item = evaldata[key];
  const path = ['cache', 'eval'].map((d) => join(tests, d, item.file)).find((p) => existsSync(p));
  if (!path) {
    report.missingHtml.push(item.file);
    continue;
  }
  const bytes = readFileSync(path);
  const html = decodePage(bytes);
  const { site, how } = siteOf(key, item.file, html);
  report.siteFrom[how] = (report.siteFrom[how] ?? 0) + 1;
  const url = hostOf(key) ? key : null;
  all.push({ key, item, bytes, html, site, url, dir: path.includes(`${join(tests, 'cache')}`) ? 'cache' : 'eval' });
}

// At most perSite annotations per site, the ones with the smallest hash of their key.
const bySite = new Map();
const selected = [];
for (const p of [...all].sort((a, b) => (sha(a.key) < sha(b.key) ? -1 : 1))) {
  const c = bySite.get(p.site) ?? 0;
  if (c >= perSite) {
    report.perSiteDropped.push(p.key);
    continue;
  }
  bySite.set(p.site, c + 1);
  selected.push(p);
}

const slug = (s) =>
  s
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || 'page';

rmSync(join(o.out, 'pages'), { recursive: true, force: true });
rmSync(join(o.out, 'snippets'), { recursive: true, force: true });
mkdirSync(join(o.out, 'pages'), { recursive: true });
mkdirSync(join(o.out, 'snippets'), { recursive: true });
const lines = [];
const langs = {};
let bytesOut = 0;
for (const p of selected.sort((a, b) => (a.site < b.site ? -1 : a.site > b.site ? 1 : a.key < b.key ? -1 : 1))) {
  const id = `${slug(p.site)}-${sha(p.key).slice(0, 6)}`;
  const split = parseInt(sha(`site:${p.site}`).slice(0, 8), 16) % 1000 < HELDOUT_PER_MILLE ? 'heldout' : 'dev';
  const body = pageText(p.html);
  const bodyNorm = snippetNorm(body);
  for (const w of p.item.with)
    if (!bodyNorm.includes(snippetNorm(w))) report.withNotInPage.push({ id, split, snippet: split === 'dev' ? w : '(heldout)' });
  for (const w of p.item.without) if (!bodyNorm.includes(snippetNorm(w))) report.withoutNotInPage++;
  const { lang, declared, guessed } = langOf([...p.item.with].join('\n'), body, p.html);
  if (declared && guessed && declared !== guessed) report.langDeclaredDisagrees.push({ id, declared, guessed });
  langs[lang] = (langs[lang] ?? 0) + 1;
  const gz = gzipSync(p.bytes, { level: 9 });
  bytesOut += gz.length;
  writeFileSync(join(o.out, 'pages', `${id}.html.gz`), gz);
  writeFileSync(join(o.out, 'snippets', `${id}.json`), `${JSON.stringify({ with: p.item.with, without: p.item.without }, null, 1)}\n`);
  report.selected[split]++;
  lines.push(
    JSON.stringify({
      id,
      site: p.site,
      url: p.url,
      key: p.key,
      file: `tests/${p.dir}/${p.item.file}`,
      lang,
      split,
      with: p.item.with.length,
      without: p.item.without.length,
      html: `pages/${id}.html.gz`,
      snippets: `snippets/${id}.json`,
    }),
  );
}
writeFileSync(join(o.out, 'manifest.jsonl'), `${lines.join('\n')}\n`);
report.langs = Object.fromEntries(Object.entries(langs).sort((a, b) => b[1] - a[1]));
report.pagesBytesGz = bytesOut;
report.sites = bySite.size;
report.commit = o.commit;
const rep = JSON.stringify(report, null, 1);
if (o.report) writeFileSync(o.report, `${rep}\n`);
console.error(
  `${report.annotations} annotations, ${report.missingHtml.length} without HTML, ${report.perSiteDropped.length} beyond ${perSite} per site; ` +
    `${selected.length} pages written to ${o.out} (${report.selected.dev} dev, ${report.selected.heldout} heldout; ${(bytesOut / 1e6).toFixed(1)} MB of gzipped pages)`,
);
