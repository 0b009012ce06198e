#!/usr/bin/env node
// Error analysis of the story clusterer on the dev split, decision by decision.
//
//   npm run build && node scripts/stories-links.mjs [--set synthetic|uci] [--top N] [--data FILE]
//                                                  [--headlines-only]
//
// Runs OnlineStoryClusterer (dist/, with `explain`) over the dev articles in file order, reads
// every decision as a link (a join through the member it matched best, a merge, a copy) and
// charges each wrong link (two gold events) with the wrong pairs cutting it would remove and the
// right pairs it would split (scripts/stories-metrics.mjs linkCosts). Pairwise scores weigh a
// join that bridges two big events by the product of their sizes, so a handful of links explain
// most of the precision lost. Then the splits: each gold event's fragments beside its largest,
// with the first article of each and a cause read off the data (headline-only, only other
// languages earlier, same language earlier). --headlines-only sends every text empty, as
// stories-eval.mjs does. Dev only: heldout is never looked at while tuning.
import { loadEngine, readDev, STORY_SETS } from './stories-dev.mjs';
import { components, linkCosts, pairCounts } from './stories-metrics.mjs';

/** Fewer words than this and an article counts as headline-only (as src/stories/copies.ts). */
const HEADLINE_ONLY_WORDS = 20;

function parseArgs(argv) {
  const sets = STORY_SETS;
  const o = { top: 20, data: sets.synthetic, headlinesOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--top') o.top = Number(argv[++i]);
    else if (a === '--headlines-only') o.headlinesOnly = true;
    else if (a === '--data') o.data = argv[++i];
    else if (a === '--set') {
      o.data = sets[argv[++i]];
      if (o.data === undefined) throw new Error(`--set is ${Object.keys(sets).join(' or ')}`);
    } else if (a === '--split') {
      if (argv[++i] !== 'dev') throw new Error('--split: dev only (heldout is never looked at while tuning)');
    } else
      throw new Error(
        `unknown argument ${a}; usage: node scripts/stories-links.mjs [--set synthetic|uci] [--top N] [--data FILE] [--headlines-only]`,
      );
  }
  if (!Number.isInteger(o.top) || o.top < 0) throw new Error('--top takes a whole number');
  return o;
}

const words = (s) => (s ?? '').split(/\s+/).filter((w) => w !== '').length;

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const { OnlineStoryClusterer, StoryIds, articleOf } = await loadEngine();
  const articles = readDev(o.data, o.headlinesOnly);
  const at = new Map(articles.map((a, i) => [String(a.id), i]));
  const hl = articles.map((a) => words(a.text) < HEADLINE_ONLY_WORDS);

  const c = new OnlineStoryClusterer({ explain: true });
  const ids = new StoryIds();
  const links = [];
  const info = [];
  const out = articles.map((a, i) => {
    c.lastExplain = null;
    const r = c.add(articleOf(a));
    ids.note(r);
    if (r.duplicateOf !== undefined) {
      links.push([i, at.get(r.duplicateOf)]);
      info.push({ kind: 'copy' });
    } else if (c.lastExplain?.via !== undefined) {
      links.push([i, at.get(c.lastExplain.via)]);
      info.push({ kind: 'join', score: c.lastExplain.score, shared: c.lastExplain.shared ?? [] });
    }
    // A story's id is the id of its first article. A merge folds stories into the oldest one,
    // which may not be the one the article matched best: link it to every one of them.
    for (const m of r.merged?.length ? [r.story, ...r.merged] : []) {
      links.push([i, at.get(m)]);
      info.push({ kind: 'merge' });
    }
    return r;
  });
  const stories = out.map((r) => ids.resolve(r.story));
  const gold = articles.map((a) => a.event);
  const forest = components(articles.length, links);
  const same = pairCounts(stories, forest);
  if (same.wrong !== 0 || pairCounts(forest, stories).wrong !== 0)
    console.log('note: the links do not rebuild the stories exactly; costs are approximate');

  const counts = pairCounts(gold, stories);
  const goldPairs = pairCounts(stories, gold).right + pairCounts(stories, gold).wrong;
  console.log(
    `dev: ${articles.length} articles, ${new Set(gold).size} events, ${new Set(stories).size} stories; pairs put together ${counts.right + counts.wrong} (${counts.wrong} wrong), gold pairs ${goldPairs} (${goldPairs - counts.right} missed)`,
  );

  const label = (i) => {
    const a = articles[i];
    return `${a.id} [${a.lang ?? '?'}${hl[i] ? ', headline-only' : ''}] ${(a.published ?? 'no date').slice(0, 16)} ${(a.title ?? '').slice(0, 80)}`;
  };
  const wrong = links.map((_l, k) => k).filter((k) => gold[links[k][0]] !== gold[links[k][1]]);
  const costs = linkCosts(gold, links, wrong).sort((x, y) => y.wrongSaved - x.wrongSaved);
  const byClass = new Map();
  for (const cost of costs) {
    const [i, j] = links[cost.link];
    const cls = `${articles[i].lang === articles[j].lang ? 'same language' : 'cross-language'}${hl[i] || hl[j] ? ', headline-only' : ''} ${info[cost.link].kind}`;
    const b = byClass.get(cls) ?? { links: 0, wrong: 0 };
    b.links++;
    b.wrong += cost.wrongSaved;
    byClass.set(cls, b);
  }
  console.log('\nwrong links by class (wrong pairs each would remove if cut):');
  for (const [cls, b] of [...byClass].sort((x, y) => y[1].wrong - x[1].wrong)) console.log(`  ${cls}: ${b.links} links, ${b.wrong} pairs`);
  console.log(`\nwrong links, costliest first (top ${o.top}):`);
  for (const cost of costs.slice(0, o.top)) {
    const [i, j] = links[cost.link];
    const x = info[cost.link];
    const score = x.score === undefined ? '' : ` score ${x.score.toFixed(3)}`;
    console.log(
      `- ${x.kind}${score}: cut removes ${cost.wrongSaved} wrong pairs, splits ${cost.rightLost} right ones; ${gold[i]} <- ${gold[j]}`,
    );
    console.log(`    ${label(i)}\n    ${label(j)}`);
    if (x.shared) console.log(`    shared: ${x.shared.join(' ')}`);
  }

  // Splits: every fragment of an event beside its largest one.
  const byEvent = new Map();
  gold.forEach((g, i) => {
    byEvent.set(g, [...(byEvent.get(g) ?? []), i]);
  });
  const frags = [];
  for (const [event, members] of byEvent) {
    const parts = new Map();
    for (const i of members) parts.set(stories[i], [...(parts.get(stories[i]) ?? []), i]);
    if (parts.size < 2) continue;
    const sorted = [...parts.values()].sort((x, y) => y.length - x.length);
    for (const f of sorted.slice(1)) {
      const first = f[0];
      const earlier = members.filter((i) => i < first && !f.includes(i));
      const cause = hl[first]
        ? 'headline-only'
        : earlier.length === 0
          ? 'first of its event'
          : earlier.some((i) => articles[i].lang === articles[first].lang)
            ? 'same language earlier'
            : 'only other languages earlier';
      const mixed = new Set();
      stories.forEach((s, i) => {
        if (s === stories[first] && gold[i] !== event) mixed.add(gold[i]);
      });
      frags.push({ event, f, missed: f.length * sorted[0].length, cause, joinedElsewhere: mixed.size > 0 });
    }
  }
  frags.sort((x, y) => y.missed - x.missed);
  const byCause = new Map();
  for (const x of frags) {
    const key = x.joinedElsewhere ? `${x.cause}, in another event's story` : x.cause;
    const b = byCause.get(key) ?? { fragments: 0, missed: 0 };
    b.fragments++;
    b.missed += x.missed;
    byCause.set(key, b);
  }
  console.log("\nsplits by cause (pairs with the event's largest fragment):");
  for (const [cause, b] of [...byCause].sort((x, y) => y[1].missed - x[1].missed))
    console.log(`  ${cause}: ${b.fragments} fragments, ${b.missed} pairs`);
  console.log(`\nfragments, largest loss first (top ${o.top}):`);
  for (const x of frags.slice(0, o.top)) {
    console.log(`- ${x.event}: ${x.f.length} of ${byEvent.get(x.event).length} apart, ${x.missed} pairs (${x.cause})`);
    console.log(`    ${label(x.f[0])}`);
  }
}

main().catch((e) => {
  console.error(`stories-links: ${e.message}`);
  process.exitCode = 1;
});
