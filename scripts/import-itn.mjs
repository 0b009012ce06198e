#!/usr/bin/env node
// Builds data/stories-itn/articles.jsonl.gz, the real multilingual story-clustering set, from the
// ITN corpus (Wikipedia "In the news" blurbs in many languages keyed by the Wikidata item of the
// event's article; repository shizhao/ITN-corpus, licence CC BY-SA 3.0; data/stories-itn/SOURCES.md).
//
//   node scripts/import-itn.mjs CORPUS.json [--out FILE] [--check]
//
// What it keeps and why (the rules are fixed in advance, not fitted to any score):
// - languages en, ar, fa only (the desk's languages, as in the synthetic set);
// - the blurb, tags stripped and entities decoded, as the headline; no body (a blurb is one
//   sentence, a lead at most);
// - items that share a blurb are one item (see importCorpus);
// - gold event = the Wikidata item plus an episode: one item's blurbs are cut into episodes where
//   two consecutive dated mentions on a large Wikipedia (EPISODE_WIKIS: small wikis leave a stale
//   blurb up for weeks, which would chain two events) lie more than EPISODE_GAP_DAYS apart (a
//   person's item names her taking office in September and resigning in October); every blurb
//   then belongs to the latest episode begun at or before its date;
// - a timestamp before VALID_FROM is the bot's placeholder (every fa blurb carries 2021-04-20,
//   some other wikis 2018), not a date: such a blurb is kept only when its item has one episode,
//   and its date is imputed as that episode's first dated mention (dateImputed: true, documented
//   in SOURCES.md: the only gold-derived input, a same-day date for the fa blurbs);
// - at most PER_LANG distinct blurb texts per episode and language (the first ones: wikis rewrite
//   a blurb as a death toll rises, dozens of near-identical versions would swamp the pair counts);
// - split dev / heldout by a hash of the event id (two thirds dev), so an event is on one side.
//
// --check rebuilds into memory and exits 1 when it differs from FILE.
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runImport } from './stories-import-lib.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LANGS = new Set(['en', 'ar', 'fa']);
const EPISODE_GAP_DAYS = 14;
const EPISODE_WIKIS = new Set(['en', 'ar', 'de', 'es', 'fr', 'it', 'ja', 'pl', 'pt', 'ru', 'sv', 'uk', 'zh', 'fi', 'no', 'id', 'ko']);
const VALID_FROM = Date.parse('2022-06-01T00:00:00Z');
const PER_LANG = 3;
const SPLIT_SALT = 'stories-itn-v1:';

export function splitOf(event) {
  const h = createHash('sha256')
    .update(SPLIT_SALT + event)
    .digest();
  return h.readUInt32BE(0) % 3 === 0 ? 'heldout' : 'dev';
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** A blurb's HTML as plain text: tags dropped, entities decoded, spaces collapsed. */
export function plainText(html) {
  return String(html)
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e) => {
      if (e[0] === '#') {
        const cp = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
        return Number.isFinite(cp) ? String.fromCodePoint(cp) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** Corpus JSON text → { text (JSONL), kept, events, bySplit, dropped }. */
export function importCorpus(jsonText) {
  const corpus = JSON.parse(jsonText);
  const dropped = { language: 0, undatedMultiEpisode: 0, repeats: 0, empty: 0 };
  // The corpus files a blurb under the item of every bold link in it (three laureates: three
  // items), so one blurb can sit under several items: items sharing a blurb (same language, same
  // text) are one event, named by the smallest item id, and the blurb is kept once.
  const parent = new Map();
  const find = (x) => {
    while (parent.has(x) && parent.get(x) !== x) x = parent.get(x);
    return x;
  };
  const union = (a, b) => {
    const [ra, rb] = [find(a), find(b)].sort();
    if (ra !== rb) parent.set(rb, ra);
  };
  const firstItemOf = new Map();
  for (const item of Object.keys(corpus).sort()) {
    for (const e of Object.values(corpus[item])) {
      if (!LANGS.has(e.lang)) continue;
      const key = `${e.lang}|${plainText(e.blurb)}`;
      if (firstItemOf.has(key)) union(firstItemOf.get(key), item);
      else firstItemOf.set(key, item);
    }
  }
  const groups = new Map();
  for (const item of Object.keys(corpus).sort()) {
    const root = find(item);
    if (!groups.has(root)) groups.set(root, []);
    groups.get(root).push(item);
  }
  const rows = [];
  const keptText = new Set();
  for (const [root, items] of [...groups].sort((a, b) => a[0].localeCompare(b[0]))) {
    const item = items.length === 1 ? root : `${root}+${items.length - 1}`;
    const entries = items.flatMap((it) => Object.entries(corpus[it]).map(([ts, e]) => ({ ms: Math.round(Number(ts) * 1000), ...e })));
    const dated = entries.filter((e) => e.ms >= VALID_FROM && EPISODE_WIKIS.has(e.lang)).sort((a, b) => a.ms - b.ms);
    // Episodes over the large wikis' dated mentions.
    const starts = [];
    let last = -Infinity;
    for (const e of dated) {
      if (e.ms - last > EPISODE_GAP_DAYS * 86400000) starts.push(e.ms);
      last = e.ms;
    }
    const episodeOf = (ms) => {
      let k = 0;
      while (k + 1 < starts.length && starts[k + 1] <= ms) k++;
      return k;
    };
    const seen = new Map();
    const ordered = entries.slice().sort((a, b) => a.ms - b.ms || a.lang.localeCompare(b.lang));
    for (const e of ordered) {
      if (!LANGS.has(e.lang)) {
        dropped.language++;
        continue;
      }
      let ms = e.ms;
      let imputed = false;
      if (ms < VALID_FROM) {
        if (starts.length !== 1) {
          dropped.undatedMultiEpisode++;
          continue;
        }
        ms = starts[0];
        imputed = true;
      }
      const title = plainText(e.blurb);
      if (title === '') {
        dropped.empty++;
        continue;
      }
      const event = `${item}#${episodeOf(ms) + 1}`;
      const key = `${event}|${e.lang}`;
      const texts = seen.get(key) ?? new Set();
      if (texts.has(title) || texts.size >= PER_LANG || keptText.has(`${e.lang}|${title}`)) {
        dropped.repeats++;
        continue;
      }
      texts.add(title);
      keptText.add(`${e.lang}|${title}`);
      seen.set(key, texts);
      rows.push({ ms, lang: e.lang, title, event, item, imputed });
    }
  }
  rows.sort((a, b) => a.ms - b.ms || a.event.localeCompare(b.event) || a.lang.localeCompare(b.lang) || a.title.localeCompare(b.title));
  const bySplit = { dev: { articles: 0, events: new Set() }, heldout: { articles: 0, events: new Set() } };
  const lines = rows.map((r, i) => {
    const split = splitOf(r.event);
    bySplit[split].articles++;
    bySplit[split].events.add(r.event);
    const o = {
      id: `itn-${i + 1}`,
      title: r.title,
      text: '',
      published: new Date(r.ms).toISOString(),
      lang: r.lang,
      source: `${r.lang}.wikipedia.org In the news`,
      event: r.event,
      wikidata: r.item,
      split,
      synthetic: false,
    };
    if (r.imputed) o.dateImputed = true;
    return JSON.stringify(o);
  });
  return {
    text: lines.join('\n') + '\n',
    kept: rows.length,
    events: new Set(rows.map((r) => r.event)).size,
    bySplit,
    dropped,
  };
}

function main(argv) {
  return runImport(argv, {
    name: 'import-itn',
    out: join(ROOT, 'data', 'stories-itn', 'articles.jsonl.gz'),
    usage: 'node scripts/import-itn.mjs CORPUS.json [--out FILE] [--check]',
    build: (bytes) => {
      const r = importCorpus(bytes.toString('utf8'));
      const d = r.dropped;
      return {
        text: r.text,
        summary: `${r.kept} blurbs, ${r.events} events (dev ${r.bySplit.dev.articles} / ${r.bySplit.dev.events.size}, heldout ${r.bySplit.heldout.articles} / ${r.bySplit.heldout.events.size}); dropped: ${d.language} other languages, ${d.undatedMultiEpisode} undated in a multi-episode item, ${d.repeats} repeats or over ${PER_LANG} per language, ${d.empty} empty`,
      };
    },
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(`import-itn: ${e.message}`);
    process.exitCode = 2;
  }
}
