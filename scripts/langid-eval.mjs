// Accuracy of the language guess for entries whose feed names none (src/pipeline/detect-language.ts)
// on text of known language the guess was not written against, dev splits only: page titles and
// annotated snippets of data/extract-snippets, page titles and gold text of data/extract-extra and
// data/extract-eval, headlines of data/stories-uci (English) and the synthetic data/stories-eval
// (en/ar/fa). Prints right / wrong / abstained for headlines alone and headline + summary (the
// first 400 characters of the text). Run `npm run build` first.
//
//   node scripts/langid-eval.mjs
import fs from 'node:fs';
import { join } from 'node:path';
import zlib from 'node:zlib';

const ROOT = new URL('..', import.meta.url).pathname;
const D = join(ROOT, 'data');
const { guessLanguage, languageScorer, entryLanguageText } = await import(join(ROOT, 'dist/src/pipeline/detect-language.js'));

const ENTITIES = { amp: '&', quot: '"', apos: "'", '#39': "'", lt: '<', gt: '>', nbsp: ' ' };
const decode = (s) =>
  s
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(+n))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&(amp|quot|apos|#39|lt|gt|nbsp);/g, (_, k) => ENTITIES[k]);
function titleOf(html) {
  const m =
    html.match(/<meta[^>]+property=["']og:title["'][^>]*content=["']([^"']*)["']/i) ?? html.match(/<title[^>]*>([\s\S]*?)<\/title>/i);
  return m ? decode(m[1]).replace(/\s+/g, ' ').trim() : '';
}
const lines = (text) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
const gz = (f) => zlib.gunzipSync(fs.readFileSync(f)).toString('utf8');

const rows = [];
for (const m of lines(fs.readFileSync(join(D, 'extract-snippets/manifest.jsonl'), 'utf8'))) {
  if (m.split !== 'dev') continue;
  const sn = JSON.parse(fs.readFileSync(join(D, 'extract-snippets', m.snippets), 'utf8'));
  rows.push({ set: 'snippets', lang: m.lang, title: titleOf(gz(join(D, 'extract-snippets', m.html))), summary: sn.with.join(' ') });
}
for (const set of ['extract-extra', 'extract-eval'])
  for (const m of lines(fs.readFileSync(join(D, set, 'manifest.jsonl'), 'utf8'))) {
    if (m.split !== 'dev') continue;
    const gold = fs.readFileSync(join(D, set, m.gold), 'utf8');
    rows.push({ set, lang: m.lang, title: titleOf(gz(join(D, set, m.html))), summary: gold.replace(/\s+/g, ' ') });
  }
for (const a of lines(gz(join(D, 'stories-uci/articles.jsonl.gz'))))
  if (a.split === 'dev') rows.push({ set: 'stories-uci', lang: a.lang, title: a.title, summary: a.text ?? '' });
for (const a of lines(fs.readFileSync(join(D, 'stories-eval/articles.jsonl'), 'utf8')))
  if (a.split === 'dev') rows.push({ set: 'stories-eval (synthetic)', lang: a.lang, title: a.title, summary: a.text.replace(/\s+/g, ' ') });

const scorer = await languageScorer();
for (const [view, textOf] of [
  ['headline', (r) => entryLanguageText(r.title, '')],
  ['headline + summary', (r) => entryLanguageText(r.title, r.summary.slice(0, 400))],
]) {
  const by = new Map();
  for (const r of rows) {
    if (!r.title && view === 'headline') continue;
    const c = by.get(r.set) ?? { n: 0, right: 0, wrong: 0, abstained: 0 };
    by.set(r.set, c);
    const g = guessLanguage(scorer, textOf(r));
    c.n++;
    if (g === null) c.abstained++;
    else if (g === r.lang) c.right++;
    else c.wrong++;
  }
  const all = { n: 0, right: 0, wrong: 0, abstained: 0 };
  for (const c of by.values()) for (const k of Object.keys(all)) all[k] += c[k];
  console.log(`${view}:`);
  for (const [set, c] of [...by, ['ALL', all]])
    console.log(
      `  ${set.padEnd(26)} ${c.right}/${c.n} right (${((100 * c.right) / c.n).toFixed(1)} %), ${c.wrong} wrong, ${c.abstained} abstained`,
    );
}
