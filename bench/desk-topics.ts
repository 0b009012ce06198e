// The topic editor's "Preview" at the desk: matching a topic over the 500 most recent stored
// stories and computing its suggested names (src/web/desk/topics.ts previewTopic), on a SQLite
// store holding 500 generated stories of which about a fifth mention the topic's entity, some
// under a nickname and some in Persian clustered into the same story.
//
//   npx tsc -p tsconfig.json && node dist/bench/desk-topics.js
//   BENCH_ROUNDS=10 node dist/bench/desk-topics.js
import { performance } from 'node:perf_hooks';
import type { NewEntry } from '../src/domain/entry.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import { parseTopics } from '../src/topics/definition.js';
import { compileTopics } from '../src/topics/matcher.js';
import { suggestNames } from '../src/web/desk/suggest.js';
import { previewTopic } from '../src/web/desk/topics.js';
import { rng } from './lib/rng.js';

const STORIES = 500;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const rnd = rng(7);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

const PLACES = ['Leeds', 'Basra', 'Herat', 'Tabriz', 'Mosul', 'Lyon', 'Porto', 'Gdansk', 'Izmir', 'Kandahar'];
const VERBS = ['opens', 'closes', 'expands', 'hires', 'sues', 'wins', 'loses', 'plans', 'delays', 'signs'];
const THINGS = ['factory', 'contract', 'berth', 'office', 'line', 'deal', 'tender', 'plant', 'route', 'fund'];
const WORDS = 'the a council said on Monday officials expect traffic to rise after new rules were agreed by members'.split(' ');

function filler(n: number): string {
  return Array.from({ length: n }, () => pick(WORDS)).join(' ');
}

const parsed = parseTopics('- id: acme\n  name: Acme\n  entities:\n    - name: Acme Robotics\n      aliases: [Acme Robotic Systems]\n');
if (!parsed.ok) throw new Error('bench topic does not parse');
const topic = parsed.topics[0]!;

const store = await SqliteStore.open({ path: ':memory:' });
const src = (await store.sources.add({ url: 'https://bench.example/feed' })).source.id;
const now = Date.now();
const items = Array.from({ length: STORIES }, (_, i) => {
  const about = rnd() < 0.2;
  const nick = about && rnd() < 0.5 ? ' Roboacme staff agreed.' : '';
  const title = about
    ? `Acme Robotics ${pick(VERBS)} ${pick(THINGS)} in ${pick(PLACES)}`
    : `${pick(PLACES)} ${pick(VERBS)} ${pick(THINGS)}`;
  const text = `${filler(30)}.${nick} ${pick(PLACES)} ${filler(40)}.`;
  const e: NewEntry = {
    dedupeKey: `k${i}`,
    fingerprint: `fp${i}`,
    url: `https://bench.example/${i}`,
    title,
    author: null,
    contentHtml: `<p>${text}</p>`,
    text,
    lang: 'en',
    dir: 'ltr',
    publishedAt: now - i * 60_000,
    updatedAt: null,
  };
  return e;
});
await store.entries.saveBatch(src, items);

await previewTopic({ store }, topic); // warm-up: JIT and the page cache
const times: number[] = [];
let last: Awaited<ReturnType<typeof previewTopic>> | undefined;
for (let r = 0; r < ROUNDS; r++) {
  const t0 = performance.now();
  last = await previewTopic({ store }, topic);
  times.push(performance.now() - t0);
}
// The suggestion step alone, over the same entries (already read).
const { items: recent } = await store.entries.list({ limit: STORIES });
const matcher = compileTopics([topic]);
const st: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const t0 = performance.now();
  suggestNames(topic, matcher, recent);
  st.push(performance.now() - t0);
}
const best = (xs: number[]): string => Math.min(...xs).toFixed(1);
const median = (xs: number[]): string => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(1);
console.log(
  `desk topic preview over ${last?.scanned} stored stories (${last?.matches.length} match, ${last?.suggestions.length} suggestions: ${last?.suggestions
    .slice(0, 3)
    .map((s) => s.name)
    .join(', ')})`,
);
console.log(`  preview + suggestions (read, match, suggest): best ${best(times)} ms, median ${median(times)} ms over ${ROUNDS} rounds`);
console.log(`  suggestions alone: best ${best(st)} ms, median ${median(st)} ms`);
await store.close();
