#!/usr/bin/env node
// Join or start, learned (issue 10), judged out of fold on the dev splits.
//
//   npm run build && nice node scripts/stories-join.mjs [--what join|merge|both] [--folds K]
//       [--train own|both|other] [--balance] [--share S] [--lambda L] [--merge-lambda L] [--cut P|f1]
//       [--label via|majority] [--rounds R] [--drop I,J…] [--merge-drop I,J…] [--show-weights] [--places] [--emit FILE]
//
// Figures and the verdict (kept): src/stories/README.md, "Join or start, learned".
// The engine ranks the right story first in nearly every contested case (stories-rank.mjs); its
// errors are the decision to join the best story or start a new one, and merges. This script
// learns those decisions: OnlineStoryClusterer (dist/) runs with a `joinRule` that sees the best
// candidate story (with a join model: any story reaching --share of its threshold through a
// member in the article's language, or its threshold through one in another) and a `mergeRule`
// that sees each story the guards would merge, both described by join-decision.ts's `joinVector`
// (score over its threshold, margin to the next story, cohesion, support, size, age, …).
// Examples come from a run of the engine before the models (its own stories, not gold ones),
// labelled by whether the best member (--label via) or most of the story (--label majority) is
// the article's gold event. A logistic model per kind and fold (own code: standardised features,
// L2, full-batch gradient descent), trained on the other folds' examples (of its own set group,
// or with --train both of the synthetic and uci sets; --train other: only the other group's, every
// fold, a test of how a model carries to input unlike its training set; --balance weighs the two
// groups the same; --merge-drop zeroes features of the merge model only). --rounds R > 1 adds examples gathered under
// the previous round's models. --cut: the probability to join or merge (0.5 by default), or f1:
// the cut among 9 that gives the best mean of pairwise and B-cubed F1 when the training folds'
// articles alone are clustered. --places: the engine runs with country names across scripts
// (ClusterOptions.places), when examples are gathered and when the models are judged. --emit FILE writes the models trained on every example (the
// engine's src/stories/join-model.ts).
// Folds: each set's events cut into K time blocks (stories-dev.mjs `foldsOf`); the synthetic
// full-text and headline-only variants share folds. Heldout is never read.
import { devMetrics, devSets, loadEngine } from './stories-dev.mjs';
import { firstRoundExamples, foldModel, joinDefaults, runSet as runWith, train as trainWith } from './stories-join-training.mjs';

function parseArgs(argv) {
  const o = joinDefaults();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i];
    if (a === '--what') o.what = v();
    else if (a === '--folds') o.folds = Number(v());
    else if (a === '--train') o.train = v();
    else if (a === '--share') o.share = Number(v());
    else if (a === '--lambda') o.lambda = Number(v());
    else if (a === '--cut') o.cut = v();
    else if (a === '--label') o.label = v();
    else if (a === '--rounds') o.rounds = Number(v());
    else if (a === '--drop') o.drop = v().split(',').map(Number);
    else if (a === '--merge-drop') o.mergeDrop = v().split(',').filter(Boolean).map(Number);
    else if (a === '--merge-lambda') o.mergeLambda = Number(v());
    else if (a === '--emit') o.emit = v();
    else if (a === '--show-weights') o.showWeights = true;
    else if (a === '--balance') o.balance = true;
    else if (a === '--band') o.band = Number(v());
    else if (a === '--places') o.places = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

const o = parseArgs(process.argv.slice(2));
const engine = await loadEngine();
const { joinProbability, JOIN_FEATURES } = engine.join;
const D = JOIN_FEATURES.length;

const sets = devSets(o.folds);

// The training code lives in stories-join-training.mjs (stories-siblings.mjs uses it too).
const runSet = (articles, decide) => runWith(engine, o, articles, decide);
const train = (ex, lambda = o.lambda) => trainWith(o, D, ex, lambda);

// Round 1: the engine as it is.
firstRoundExamples(engine, o, sets).forEach((stories, i) => {
  sets[i].engine = devMetrics(sets[i].articles, stories);
});

const f = (x) => x.toFixed(3);
const line = (name, m) =>
  `${name.padEnd(30)} pairwise ${f(m.pw)} (P ${f(m.p)} R ${f(m.r)})  B-cubed ${f(m.b3)} (P ${f(m.b3p)} R ${f(m.b3r)})${m.multi ? `  xlang pw ${f(m.xpw)} B-cubed ${f(m.xb3)}` : ''}`;
console.log(
  `stories-join: ${o.what}, ${o.folds} folds, train ${o.train}, share ${o.share}, lambda ${o.lambda}${o.balance ? ', balanced' : ''}${o.mergeLambda === null ? '' : ` (merge ${o.mergeLambda})`}, cut ${o.cut}, label ${o.label}, rounds ${o.rounds}${o.places ? ', places' : ''}${o.drop.length ? `, without ${o.drop.map((k) => JOIN_FEATURES[k]).join(', ')}` : ''}`,
);
for (const s of sets) {
  for (const kind of ['join', 'merge']) {
    const ex = s.examples.filter((e) => e.kind === kind);
    const pos = ex.filter((e) => e.y).length;
    const engineJoin = ex.filter((e) => e.join).length;
    const right = ex.filter((e) => e.join === (e.y === 1)).length;
    console.log(
      `${s.name}: ${ex.length} ${kind} decisions at the engine's threshold, ${pos} right, engine takes ${engineJoin}, agrees with the label in ${right}`,
    );
  }
}

if (process.env.DUMP) {
  for (const s of sets) {
    console.log(`-- ${s.name}: engine joins labelled wrong`);
    for (const e of s.examples)
      if (e.join && !e.y) {
        if (e.kind !== 'join') console.log('(merge)');
        const { story, via, ...d } = e.d;
        console.log(
          `${e.id} -> ${via} (${story}) ${e.title.slice(0, 60)} ${JSON.stringify(d, (_k, v) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v))}`,
        );
      }
  }
}
let models;
for (let round = 1; round <= o.rounds; round++) {
  models = new Map();
  const kinds = o.what === 'both' ? ['join', 'merge'] : [o.what];
  const modelFor = (kind, group, fold) => {
    const key = `${kind} ${group}/${fold}`;
    if (models.has(key)) return models.get(key);
    const m = foldModel(engine, o, sets, kind, group, fold);
    models.set(key, m);
    return m;
  };
  console.log(`round ${round}`);
  for (const s of sets) {
    const decide = {};
    for (const kind of kinds)
      decide[kind] = (x, a) => {
        const m = modelFor(kind, s.group, s.fold.get(a.event));
        return joinProbability(m, x) >= m.cut;
      };
    const r = runSet(s.articles, decide);
    s.oof = devMetrics(s.articles, r.stories);
    if (round < o.rounds) s.examples.push(...r.examples.map((e) => ({ ...e, fold: s.fold.get(e.event) })));
    console.log(line(`${s.name}: engine`, s.engine));
    console.log(line(`${s.name}: learned, out of fold`, s.oof));
  }
}
for (const [key, m] of models) {
  console.log(`model ${key}: ${m.n} examples, cut ${m.cut}`);
  if (o.showWeights)
    console.log(`  bias ${m.bias.toFixed(2)}, ${JOIN_FEATURES.map((n, k) => `${n} ${m.weights[k].toFixed(2)}`).join(', ')}`);
}

// --emit FILE: the models trained on every dev example (all folds, both set groups), each at --cut,
// or with --cut f1 the one of the nine whose clustering of all three dev sets gives the best mean
// of pairwise and B-cubed F1 (the other kind at the engine's old rule while the first is fitted).
if (o.emit) {
  const { writeFileSync } = await import('node:fs');
  const cuts = o.cut === 'f1' ? [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7] : [Number(o.cut)];
  const fitted = {};
  for (const kind of ['join', 'merge']) {
    const m = train(
      sets.flatMap((s) => s.examples.filter((e) => e.kind === kind)),
      kind === 'merge' ? (o.mergeLambda ?? o.lambda) : o.lambda,
    );
    let best = -1;
    for (const cut of cuts) {
      let sum = 0;
      for (const s of sets) {
        const decide = { [kind]: (x) => joinProbability(m, x) >= cut };
        for (const [k, f] of Object.entries(fitted)) decide[k] = (x) => joinProbability(f, x) >= f.cut;
        const mm = devMetrics(s.articles, runSet(s.articles, decide).stories);
        sum += (mm.pw + mm.b3) / 2;
      }
      if (sum > best) {
        best = sum;
        m.cut = cut;
      }
    }
    fitted[kind] = m;
    console.log(`emit ${kind}: cut ${m.cut}, mean F1 over the dev sets ${(best / sets.length).toFixed(3)} (in sample)`);
  }
  const r = (a) => `[${a.map((v) => Number(v.toPrecision(6))).join(', ')}]`;
  const model = (m) =>
    `{\n  mean: ${r(m.mean)},\n  scale: ${r(m.scale)},\n  weights: ${r(m.weights)},\n  bias: ${Number(m.bias.toPrecision(6))},\n  cut: ${m.cut},\n}`;
  writeFileSync(
    o.emit,
    `// Generated by \`node scripts/stories-join.mjs ${process.argv.slice(2).join(' ')}\` (after npm run build): logistic\n` +
      `// models over join-decision.ts's \`joinVector\` (in the order of JOIN_FEATURES), trained on the dev\n` +
      `// splits of the synthetic set (full text and headlines only) and of uci; heldout never read.\n` +
      `// See README.md, "Join or start, learned". Do not edit by hand: regenerate.\n` +
      `import type { JoinModel } from './join-decision.js';\n\n` +
      `/** Join the best candidate story, or start a new one. */\nexport const JOIN_MODEL: JoinModel = ${model(fitted.join)};\n\n` +
      `/** Merge a second story the article also matches into the one it joined. */\nexport const MERGE_MODEL: JoinModel = ${model(fitted.merge)};\n`,
  );
  console.log(`wrote ${o.emit}`);
}
