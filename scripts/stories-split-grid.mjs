#!/usr/bin/env node
// Round 8 prototype (src/stories/README.md, "An eighth round"): dev figures of the clusterer with
// the given options, in-process, on synthetic dev (full and headlines only) and uci dev; each
// answer's story through StoryIds.storyOf (the CLI's contract). Dev only.
//   npm run build && node scripts/stories-split-grid.mjs "$PWD/dist" '{}' '{"splitMin":3,...}' ...
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { bcubed, pairwise } = await import(pathToFileURL(join(ROOT, 'scripts/stories-metrics.mjs')).href);
const DIST = process.argv[2];
const { OnlineStoryClusterer } = await import(pathToFileURL(join(DIST, 'src/stories/clusterer.js')).href);
const { StoryIds } = await import(pathToFileURL(join(DIST, 'src/stories/story-ids.js')).href);
const { parsePublished } = await import(pathToFileURL(join(DIST, 'src/stories/input.js')).href);
const load = (f) => {
  const b = readFileSync(f);
  return (f.endsWith('.gz') ? gunzipSync(b) : b)
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l))
    .filter((a) => a.split === 'dev');
};
const syn = load(join(ROOT, 'data/stories-eval/articles.jsonl'));
const uci = load(join(ROOT, 'data/stories-uci/articles.jsonl.gz'));
const sets = { full: syn, head: syn.map((a) => ({ ...a, text: '' })), uci };
function run(arts, opts) {
  const c = new OnlineStoryClusterer(opts);
  const ids = new StoryIds();
  let splits = 0,
    moved = 0;
  const out = arts.map((a) => {
    const art = { id: String(a.id), title: a.title ?? '', text: a.text ?? '', published: parsePublished(a.published) };
    for (const k of ['url', 'lang', 'source']) if (a[k] !== undefined && a[k] !== null) art[k] = a[k];
    const r = c.add(art);
    ids.note(r);
    if (r.split)
      for (const s of r.split) {
        splits++;
        moved += s.ids.length;
      }
    return r;
  });
  const st = out.map((r) => ids.storyOf(r));
  const gold = arts.map((a) => a.event);
  const langs = arts.map((a) => a.lang ?? 'und');
  const p = pairwise(gold, st),
    b = bcubed(gold, st);
  const xp = pairwise(gold, st, { langs, crossLanguage: true }),
    xb = bcubed(gold, st, { langs, crossLanguage: true });
  return { p, b, xp, xb, splits, moved, stories: new Set(st).size, st };
}
const f = (x) => x.toFixed(3);
for (const arg of process.argv.slice(3)) {
  const opts = JSON.parse(arg);
  const cols = [];
  for (const [name, arts] of Object.entries(sets)) {
    const r = run(arts, opts);
    const x = name === 'uci' ? '' : ` x ${f(r.xp.f1)}/${f(r.xb.f1)}`;
    cols.push(`${name} ${f(r.p.f1)}·${f(r.b.f1)} (P ${f(r.p.p)} R ${f(r.p.r)})${x} sp ${r.splits}/${r.moved}`);
  }
  console.log(`${arg.padEnd(60)} ${cols.join(' | ')}`);
}
