#!/usr/bin/env node
// Scores a story clustering and copy detection against an evaluation set: by default the
// synthetic data/stories-eval/articles.jsonl, with `--set uci` the real, headline-only English
// data/stories-uci/articles.jsonl.gz (the UCI News Aggregator slice, scripts/import-uci-news.mjs),
// with `--set itn` the real en/ar/fa data/stories-itn/articles.jsonl.gz (Wikipedia "In the news"
// blurbs grouped by the event's Wikidata item, scripts/import-itn.mjs; one sentence each, no body),
// with `--set multiday` the dev-only data/stories-eval/multiday/articles.jsonl (events over
// several days and their same-kind siblings a day apart; it has no heldout split).
//
//   node scripts/stories-eval.mjs [--set synthetic|uci|itn|multiday] [--split dev|heldout|all] [--cmd CMD]
//                                 [--json OUT] [--show-errors N] [--data FILE] [--check]
//                                 [--headlines-only] [--undeclared SHARE]
//
// The articles of the split, in file (publication) order and stripped of the gold fields
// (event, copyOf, split, synthetic), are written to a temporary ARTICLES.jsonl, and CMD is run
// with that path as its last argument (default: node dist/src/cli/index.js cluster — the
// `newsdesk cluster ARTICLES.jsonl` contract). CMD must print one JSON line per input line, in
// order: {id, story, duplicateOf?}. Two baselines are computed in-process beside it.
// --check exits 1 when the command misses the goals (pairwise and B-cubed F1 >= 0.92 overall,
// >= 0.85 on cross-language pairs; on a one-language set such as uci, the overall goals only).
// A set without gold copies (uci) prints how many duplicateOf answers stay inside one gold story
// instead of copy precision and recall. --data FILE overrides the set's file (.gz is gunzipped).
// --show-errors is refused on heldout: that split is never looked at while tuning. --headlines-only sends every article with an empty text (the
// issue's "a headline alone must cluster sensibly"; feeds that carry no summary look like this).
// --undeclared SHARE sends the articles of about that share of the sources without their language
// (feeds that declare none; the sources chosen by a hash of their names), scored on the true languages.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { bcubed, clusterStats, copies, copyGroups, pairwise } from './stories-metrics.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GOALS = { pairwise: 0.92, bcubed: 0.92, xlangPairwise: 0.85, xlangBcubed: 0.85 };
const INPUT_FIELDS = ['id', 'title', 'text', 'url', 'published', 'lang', 'source'];
const SETS = {
  synthetic: join(ROOT, 'data', 'stories-eval', 'articles.jsonl'),
  uci: join(ROOT, 'data', 'stories-uci', 'articles.jsonl.gz'),
  itn: join(ROOT, 'data', 'stories-itn', 'articles.jsonl.gz'),
  // Dev-only supplement: events that run over several days, their later coverage dated by its own
  // weekday, and sibling events a day apart (data/stories-eval/multiday/SOURCES.md).
  multiday: join(ROOT, 'data', 'stories-eval', 'multiday', 'articles.jsonl'),
};

function usage(msg) {
  if (msg) console.error(`stories-eval: ${msg}`);
  console.error(
    'usage: node scripts/stories-eval.mjs [--set synthetic|uci|itn|multiday] [--split dev|heldout|all] [--cmd CMD] [--json OUT] [--show-errors N] [--data FILE] [--check] [--baselines-only] [--headlines-only] [--undeclared SHARE]',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const o = {
    split: 'dev',
    cmd: 'node dist/src/cli/index.js cluster',
    json: null,
    showErrors: 0,
    set: 'synthetic',
    data: null,
    check: false,
    baselinesOnly: false,
    headlinesOnly: false,
    undeclared: 0,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--split') o.split = val();
    else if (a === '--set') o.set = val();
    else if (a === '--cmd') o.cmd = val();
    else if (a === '--json') o.json = val();
    else if (a === '--show-errors') o.showErrors = Number(val());
    else if (a === '--data') o.data = val();
    else if (a === '--check') o.check = true;
    else if (a === '--baselines-only') o.baselinesOnly = true;
    else if (a === '--headlines-only') o.headlinesOnly = true;
    else if (a === '--undeclared') o.undeclared = Number(val());
    else if (a === '-h' || a === '--help') usage();
    else usage(`unknown argument ${a}`);
  }
  if (!['dev', 'heldout', 'all'].includes(o.split)) usage('--split is dev, heldout or all');
  if (!Object.hasOwn(SETS, o.set)) usage(`--set is ${Object.keys(SETS).join(' or ')}`);
  o.data ??= SETS[o.set];
  if (o.set === 'multiday' && o.split !== 'dev') usage('--set multiday is a dev-only set: use --split dev');
  if (!Number.isInteger(o.showErrors) || o.showErrors < 0) usage('--show-errors takes a whole number');
  if (!(o.undeclared >= 0 && o.undeclared <= 1)) usage('--undeclared takes a share between 0 and 1');
  if (o.showErrors > 0 && o.split !== 'dev') usage('--show-errors is for the dev split only: heldout is never looked at while tuning');
  return o;
}

function readJsonl(text, what) {
  const out = [];
  text.split('\n').forEach((line, n) => {
    if (line.trim() === '') return;
    try {
      out.push(JSON.parse(line));
    } catch (e) {
      throw new Error(`${what} line ${n + 1}: not JSON (${e.message})`);
    }
  });
  return out;
}

/** The set's text: gunzipped when the file name ends in .gz. */
function readSet(file) {
  const b = readFileSync(file);
  return (file.endsWith('.gz') ? gunzipSync(b) : b).toString('utf8');
}

/** duplicateOf answers on a set without gold copies: how many name an article of the same gold story. */
function dupsInStory(articles, dups) {
  const indexOf = new Map(articles.map((a, i) => [String(a.id), i]));
  let predicted = 0;
  let inStory = 0;
  dups.forEach((d, i) => {
    if (d === undefined) return;
    predicted++;
    const j = indexOf.get(d);
    if (j !== undefined && articles[j].event === articles[i].event) inStory++;
  });
  return { predicted, inStory };
}

function score(articles, stories, dups) {
  const gold = articles.map((a) => a.event);
  const langs = articles.map((a) => a.lang ?? 'und');
  const indexOf = new Map(articles.map((a, i) => [String(a.id), i]));
  const groups = copyGroups(articles);
  const goldCopy = articles.map((a) => a.copyOf !== undefined);
  const st = clusterStats(stories);
  const hasGoldCopies = articles.some((a) => a.copyOf !== undefined);
  return {
    multilingual: new Set(langs).size > 1,
    byLanguagePair: languagePairs(gold, stories, langs),
    pairwise: pairwise(gold, stories),
    bcubed: bcubed(gold, stories),
    xlangPairwise: pairwise(gold, stories, { langs, crossLanguage: true }),
    xlangBcubed: bcubed(gold, stories, { langs, crossLanguage: true }),
    copies: dups && hasGoldCopies ? copies(groups, goldCopy, dups, indexOf) : null,
    dupsInStory: dups && !hasGoldCopies ? dupsInStory(articles, dups) : null,
    stories: st.clusters,
    largestStory: st.largest,
  };
}

/** Cross-language pairwise P/R/F1 for each pair of languages (the articles of those two languages only). */
function languagePairs(gold, stories, langs) {
  const set = [...new Set(langs)].sort();
  const out = {};
  for (let a = 0; a < set.length; a++)
    for (let b = a + 1; b < set.length; b++) {
      const idx = langs.flatMap((l, i) => (l === set[a] || l === set[b] ? [i] : []));
      const pw = pairwise(
        idx.map((i) => gold[i]),
        idx.map((i) => stories[i]),
        { langs: idx.map((i) => langs[i]), crossLanguage: true },
      );
      if (pw.goldPairs > 0) out[`${set[a]}-${set[b]}`] = pw;
    }
  return out;
}

const f = (x) => x.toFixed(3);
function row(name, s) {
  const c = s.copies ? `copies P ${f(s.copies.p)} R ${f(s.copies.r)}` : 'copies -';
  const x = s.multilingual ? ` | xlang pair F1 ${f(s.xlangPairwise.f1)} b3 F1 ${f(s.xlangBcubed.f1)}` : '';
  return `${name.padEnd(22)} pair P ${f(s.pairwise.p)} R ${f(s.pairwise.r)} F1 ${f(s.pairwise.f1)} | b3 P ${f(s.bcubed.p)} R ${f(s.bcubed.r)} F1 ${f(s.bcubed.f1)}${x} | ${c} | ${s.stories} stories, largest ${s.largestStory}`;
}

/**
 * --undeclared SHARE: whether `source` is one of the sources whose articles reach the clusterer
 * without their language (as feeds that declare none), chosen by a hash of the source's name so
 * that a source either declares or does not, the same in every run. The scores still read the
 * articles' true languages.
 */
function undeclaredSource(source, share) {
  if (share <= 0) return false;
  let h = 0x811c9dc5;
  for (const c of String(source ?? '')) h = Math.imul(h ^ c.codePointAt(0), 0x01000193) >>> 0;
  return h % 1000 < share * 1000;
}

function runCommand(cmd, articles, undeclared = 0) {
  const dir = mkdtempSync(join(tmpdir(), 'stories-eval-'));
  const file = join(dir, 'ARTICLES.jsonl');
  const lines = articles.map((a) => {
    const o = {};
    for (const k of INPUT_FIELDS) if (a[k] !== undefined) o[k] = a[k];
    if (undeclaredSource(a.source, undeclared)) delete o.lang;
    return JSON.stringify(o);
  });
  writeFileSync(file, lines.join('\n') + '\n');
  const started = process.hrtime.bigint();
  const r = spawnSync(`${cmd} ${JSON.stringify(file)}`, { shell: true, cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  rmSync(dir, { recursive: true, force: true });
  if (r.error) throw new Error(`could not run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} exited ${r.status}\n${(r.stderr || '').slice(-2000)}`);
  const out = readJsonl(r.stdout, 'command output');
  if (out.length !== articles.length) throw new Error(`command printed ${out.length} lines for ${articles.length} articles`);
  out.forEach((o, i) => {
    if (String(o.id) !== String(articles[i].id))
      throw new Error(`output line ${i + 1} has id ${o.id}, expected ${articles[i].id} (one line per input, in order)`);
    if (o.story === undefined || o.story === null || o.story === '') throw new Error(`output line ${i + 1} (${o.id}) has no story`);
  });
  return {
    stories: out.map((o) => String(o.story)),
    dups: out.map((o) => (o.duplicateOf === undefined || o.duplicateOf === null ? undefined : String(o.duplicateOf))),
    seconds,
  };
}

function showErrors(articles, stories, dups, n) {
  const label = (a) => `${a.id} [${a.lang}] ${a.source ?? ''}: ${(a.title || '').slice(0, 90)}`;
  const byStory = new Map();
  articles.forEach((_a, i) => {
    if (!byStory.has(stories[i])) byStory.set(stories[i], []);
    byStory.get(stories[i]).push(i);
  });
  const byEvent = new Map();
  articles.forEach((a, i) => {
    if (!byEvent.has(a.event)) byEvent.set(a.event, []);
    byEvent.get(a.event).push(i);
  });
  // False merges: predicted stories holding several gold events, worst (most wrong pairs) first.
  const merges = [];
  for (const [s, members] of byStory) {
    const ev = new Map();
    for (const i of members) ev.set(articles[i].event, (ev.get(articles[i].event) ?? 0) + 1);
    if (ev.size < 2) continue;
    let same = 0;
    for (const c of ev.values()) same += (c * (c - 1)) / 2;
    merges.push({ s, members, ev, wrong: (members.length * (members.length - 1)) / 2 - same });
  }
  merges.sort((a, b) => b.wrong - a.wrong);
  console.log(`\nfalse merges (${merges.length} stories mix events; worst ${Math.min(n, merges.length)}):`);
  for (const m of merges.slice(0, n)) {
    console.log(`  story ${m.s}: ${m.members.length} articles from ${m.ev.size} events, ${m.wrong} wrong pairs`);
    for (const [e] of [...m.ev].sort((a, b) => b[1] - a[1])) {
      const first = m.members.find((i) => articles[i].event === e);
      console.log(`    ${e} ×${m.ev.get(e)}  e.g. ${label(articles[first])}`);
    }
  }
  // Splits: gold events spread over several predicted stories.
  const splits = [];
  for (const [e, members] of byEvent) {
    const st = new Map();
    for (const i of members) st.set(stories[i], (st.get(stories[i]) ?? 0) + 1);
    if (st.size < 2) continue;
    let same = 0;
    for (const c of st.values()) same += (c * (c - 1)) / 2;
    splits.push({ e, members, st, missed: (members.length * (members.length - 1)) / 2 - same });
  }
  splits.sort((a, b) => b.missed - a.missed);
  console.log(`\nsplit events (${splits.length} events over several stories; worst ${Math.min(n, splits.length)}):`);
  for (const x of splits.slice(0, n)) {
    console.log(`  event ${x.e}: ${x.members.length} articles in ${x.st.size} stories, ${x.missed} missed pairs`);
    for (const [s] of [...x.st].sort((a, b) => b[1] - a[1]).slice(0, 6)) {
      const first = x.members.find((i) => stories[i] === s);
      console.log(`    story ${s} ×${x.st.get(s)}  e.g. ${label(articles[first])}`);
    }
  }
  // Copies: missed and wrong duplicateOf (a set without gold copies has nothing to compare).
  if (!articles.some((a) => a.copyOf !== undefined)) return;
  const indexOf = new Map(articles.map((a, i) => [String(a.id), i]));
  const groups = copyGroups(articles);
  const missed = [],
    wrong = [];
  articles.forEach((a, i) => {
    const d = dups[i];
    const ok = d !== undefined && indexOf.has(d) && groups[indexOf.get(d)] === groups[i] && indexOf.get(d) !== i;
    if (a.copyOf !== undefined && !ok) missed.push(i);
    if (d !== undefined && !ok) wrong.push(i);
  });
  console.log(`\ncopies missed (${missed.length}; first ${Math.min(n, missed.length)}):`);
  for (const i of missed.slice(0, n))
    console.log(`  ${label(articles[i])}\n     copy of ${label(articles[indexOf.get(String(articles[i].copyOf))])}`);
  console.log(`\nwrong duplicateOf (${wrong.length}; first ${Math.min(n, wrong.length)}):`);
  for (const i of wrong.slice(0, n)) {
    const j = indexOf.get(dups[i]);
    console.log(`  ${label(articles[i])}\n     said duplicate of ${j === undefined ? dups[i] + ' (unknown id)' : label(articles[j])}`);
  }
}

function main() {
  const o = parseArgs(process.argv.slice(2));
  const all = readJsonl(readSet(o.data), o.data);
  const inSplit = o.split === 'all' ? all : all.filter((a) => a.split === o.split);
  const articles = o.headlinesOnly ? inSplit.map((a) => ({ ...a, text: '' })) : inSplit;
  if (articles.length === 0) throw new Error(`no articles in split ${o.split}`);
  const events = new Set(articles.map((a) => a.event)).size;
  const name = `${o.set === 'synthetic' ? '' : `${o.set} `}${o.split}${o.headlinesOnly ? ' (headlines only)' : ''}${o.undeclared ? ` (${o.undeclared} of sources undeclared)` : ''}`;
  console.log(
    `stories-eval ${name}: ${articles.length} articles, ${events} events, ${articles.filter((a) => a.copyOf !== undefined).length} copies (${o.data})`,
  );

  const results = {
    set: o.set,
    split: o.split,
    headlinesOnly: o.headlinesOnly,
    articles: articles.length,
    events,
    baselines: {},
    goals: GOALS,
  };
  // Baselines: every article alone; all articles of one (UTC) publication day together
  // (undated articles alone).
  const singletons = articles.map((a) => `single:${a.id}`);
  const byDay = articles.map((a) => (a.published ? `day:${String(a.published).slice(0, 10)}` : `single:${a.id}`));
  results.baselines.singletons = score(
    articles,
    singletons,
    articles.map(() => undefined),
  );
  results.baselines.sameDay = score(
    articles,
    byDay,
    articles.map(() => undefined),
  );
  console.log(row('baseline: alone', results.baselines.singletons));
  console.log(row('baseline: same day', results.baselines.sameDay));
  if (o.baselinesOnly) {
    if (o.json) writeFileSync(o.json, JSON.stringify(results, null, 2) + '\n');
    return 0;
  }

  const run = runCommand(o.cmd, articles, o.undeclared);
  const s = score(articles, run.stories, run.dups);
  results.command = o.cmd;
  results.seconds = run.seconds;
  results.result = s;
  console.log(row('command', s));
  if (s.multilingual)
    console.log(
      `  cross-language: pairwise P ${f(s.xlangPairwise.p)} R ${f(s.xlangPairwise.r)} (${s.xlangPairwise.goldPairs} gold pairs) | bcubed P ${f(s.xlangBcubed.p)} R ${f(s.xlangBcubed.r)}`,
    );
  if (s.multilingual)
    console.log(
      `  by language pair: ${Object.entries(s.byLanguagePair)
        .map(([k, v]) => `${k} P ${f(v.p)} R ${f(v.r)} F1 ${f(v.f1)} (${v.goldPairs} gold pairs)`)
        .join(' | ')}`,
    );
  if (s.copies)
    console.log(
      `  copies: ${s.copies.right}/${s.copies.predicted} predicted right, ${s.copies.found}/${s.copies.goldCopies} gold copies found; ${run.seconds.toFixed(1)} s`,
    );
  else
    console.log(
      `  no gold copies in this set: ${s.dupsInStory.predicted} duplicateOf answers, ${s.dupsInStory.inStory} of them inside one gold story; ${run.seconds.toFixed(1)} s`,
    );
  if (o.showErrors > 0) showErrors(articles, run.stories, run.dups, o.showErrors);
  const met =
    s.pairwise.f1 >= GOALS.pairwise &&
    s.bcubed.f1 >= GOALS.bcubed &&
    (!s.multilingual || (s.xlangPairwise.f1 >= GOALS.xlangPairwise && s.xlangBcubed.f1 >= GOALS.xlangBcubed));
  results.goalsMet = met;
  if (o.json) writeFileSync(o.json, JSON.stringify(results, null, 2) + '\n');
  const xlang = s.multilingual ? ` | xlang pairwise F1 ${f(s.xlangPairwise.f1)} bcubed F1 ${f(s.xlangBcubed.f1)}` : '';
  const cp = s.copies
    ? ` | copies P ${f(s.copies.p)} R ${f(s.copies.r)}`
    : ` | duplicateOf ${s.dupsInStory.inStory}/${s.dupsInStory.predicted} in one gold story`;
  console.log(
    `stories-eval ${name}: pairwise P ${f(s.pairwise.p)} R ${f(s.pairwise.r)} F1 ${f(s.pairwise.f1)} | bcubed P ${f(s.bcubed.p)} R ${f(s.bcubed.r)} F1 ${f(s.bcubed.f1)}${xlang}${cp} | ${s.stories} stories, largest ${s.largestStory} (${articles.length} articles, ${events} events)${met ? '' : ' | below goal'}`,
  );
  return o.check && !met ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (e) {
  console.error(`stories-eval: ${e.message}`);
  process.exitCode = 2;
}
