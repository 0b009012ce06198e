#!/usr/bin/env node
// The bench stream scored (issue 10, README "A ninth round"): bench/stories.ts's generated stream
// knows the event each entry was written from (a copy takes its original's), so the clusterer's
// answers on it can be scored like an evaluation set. It is a toy (syllable words, events that
// last up to four days, full text in one language), useful as a stream unlike every training set
// of the learned decisions. The stream is bench/lib/story-stream.ts's, built with the rest.
//
//   npm run build && nice node scripts/stories-bench-quality.mjs [ENTRIES] [DIST…]
//       DIST: a build's dist/ directory (default this checkout's); OPTIONS='{"joinRule":null}'
//       passes clusterer options as JSON (null rules: the threshold rule).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bcubed, pairwise } from './stories-metrics.mjs';

const N = Number(process.argv[2] ?? 20_000);
const ownDist = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'dist');
const dists = process.argv.length > 3 ? process.argv.slice(3) : [ownDist];
const options = JSON.parse(process.env.OPTIONS ?? '{}');
for (const dist of dists) {
  const load = (p) => import(pathToFileURL(join(dist, p)).href);
  // The stream comes from this checkout's build, so an older build's DIST is scored on the same one.
  const [{ storyStream }, { OnlineStoryClusterer }, { StoryIds }] = await Promise.all([
    import(pathToFileURL(join(ownDist, 'bench/lib/story-stream.js')).href),
    load('src/stories/clusterer.js'),
    load('src/stories/story-ids.js'),
  ]);
  const gold = [];
  const answers = [];
  const events = new Set();
  const c = new OnlineStoryClusterer(options);
  const ids = new StoryIds();
  for (const { article, event } of storyStream(N)) {
    const r = c.add(article);
    ids.note(r);
    answers.push(r.story);
    gold.push(event);
    events.add(event);
  }
  const pred = answers.map((s) => ids.resolve(s));
  const p = pairwise(gold, pred);
  const b = bcubed(gold, pred);
  const f = (x) => x.toFixed(3);
  console.log(
    `${dist}: ${N} entries, ${events.size} events | pairwise P ${f(p.p)} R ${f(p.r)} F1 ${f(p.f1)} | bcubed P ${f(b.p)} R ${f(b.r)} F1 ${f(b.f1)} | ${new Set(pred).size} stories (${new Set(answers).size} story ids answered, as the bench counts)`,
  );
}
