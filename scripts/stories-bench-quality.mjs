#!/usr/bin/env node
// The bench stream scored (issue 10, README "A ninth round"): bench/stories.ts's generated stream
// knows the event each entry was written from (a copy takes its original's), so the clusterer's
// answers on it can be scored like an evaluation set. It is a toy (syllable words, events that
// last up to four days, full text in one language), useful as a stream unlike every training set
// of the learned decisions. The generator below mirrors stream() in bench/stories.ts (same seed,
// same draws in the same order); keep the two in step.
//
//   npm run build && nice node scripts/stories-bench-quality.mjs [ENTRIES] [DIST…]
//       DIST: a build's dist/ directory (default this checkout's); OPTIONS='{"joinRule":null}'
//       passes clusterer options as JSON (null rules: the threshold rule).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bcubed, pairwise } from './stories-metrics.mjs';

const N = Number(process.argv[2] ?? 20_000);
const dists = process.argv.length > 3 ? process.argv.slice(3) : [join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'dist')];
const options = JSON.parse(process.env.OPTIONS ?? '{}');
const HOUR = 3_600_000;
const START = Date.UTC(2026, 0, 1);
const SEED = 20261202;
const DAYS = 60;
const SYL = ['ka', 'ri', 'mo', 'sa', 'de', 'lu', 'ban', 'tor', 'mi', 'zan', 'he', 'go', 'ral', 'nu', 'shi', 'ver', 'pa', 'dol'];

for (const dist of dists) {
  const load = (p) => import(pathToFileURL(join(dist, p)).href);
  const [{ rng }, { OnlineStoryClusterer }, { StoryIds }] = await Promise.all([
    load('bench/lib/rng.js'),
    load('src/stories/clusterer.js'),
    load('src/stories/story-ids.js'),
  ]);
  let rnd = rng(SEED);
  const word = (n) => {
    let w = '';
    for (let i = 0; i < n; i++) w += SYL[Math.floor(rnd() * SYL.length)];
    return w;
  };
  const COMMON = Array.from({ length: 3000 }, () => word(2 + Math.floor(rnd() * 2)));
  const common = () => COMMON[Math.floor(COMMON.length * rnd() ** 3)];
  let events = 0;
  const makeEvent = (start) => {
    const names = Array.from({ length: 6 }, () => {
      const w = word(3);
      return w[0].toUpperCase() + w.slice(1);
    });
    const figures = Array.from({ length: 3 }, () => String(10 + Math.floor(rnd() * 5000)));
    return { names, figures, start, id: events++ };
  };
  const sentence = (ev, words) => {
    const out = [];
    for (let i = 0; i < words; i++) {
      const r = rnd();
      if (r < 0.18) out.push(ev.names[Math.floor(rnd() * ev.names.length)]);
      else if (r < 0.22) out.push(ev.figures[Math.floor(rnd() * ev.figures.length)]);
      else out.push(common());
    }
    return `${out.join(' ')}.`;
  };
  rnd = rng(SEED + 1);
  const span = DAYS * 24 * HOUR;
  const active = [];
  const recent = [];
  const gold = [];
  const answers = [];
  const c = new OnlineStoryClusterer(options);
  const ids = new StoryIds();
  for (let i = 0; i < N; i++) {
    const t = START + Math.floor((i / N) * span);
    while (active.length > 0 && t - active[0].start > 4 * 24 * HOUR) active.shift();
    if (active.length < 40 || rnd() < 0.02) active.push(makeEvent(t));
    const ev = active[Math.floor(rnd() * active.length)];
    const site = { source: `s${i % 500}`, url: `https://s${i % 500}.example/${i}` };
    let a;
    let g;
    if (recent.length > 0 && rnd() < 0.33) {
      const orig = recent[Math.floor(rnd() * recent.length)];
      const paras = orig.a.text.split('\n\n');
      const title = rnd() < 0.5 ? orig.a.title : `${orig.a.title} - report`;
      const text = `According to a partner agency: ${paras.slice(0, Math.max(1, paras.length - 1)).join('\n\n')}`;
      a = { id: `e${i}`, title, text, published: t, lang: 'en', ...site };
      g = orig.g;
    } else {
      const paras = Array.from({ length: 4 }, () => `${sentence(ev, 14)} ${sentence(ev, 12)}`);
      a = { id: `e${i}`, title: sentence(ev, 9).slice(0, -1), text: paras.join('\n\n'), published: t, lang: 'en', ...site };
      g = ev.id;
    }
    recent.push({ a, g });
    if (recent.length > 200) recent.shift();
    const r = c.add(a);
    ids.note(r);
    answers.push(r.story);
    gold.push(g);
  }
  const pred = answers.map((s) => ids.resolve(s));
  const p = pairwise(gold, pred);
  const b = bcubed(gold, pred);
  const f = (x) => x.toFixed(3);
  console.log(
    `${dist}: ${N} entries, ${events} events | pairwise P ${f(p.p)} R ${f(p.r)} F1 ${f(p.f1)} | bcubed P ${f(b.p)} R ${f(b.r)} F1 ${f(b.f1)} | ${new Set(pred).size} stories (${new Set(answers).size} story ids answered, as the bench counts)`,
  );
}
