// A node:test reporter that writes the time of every top-level test (or describe block) when the
// run ends, one line each ("<ms>\t<file>\t<name>"). scripts/run-tests.mjs reads it to print the
// slowest: the suite's time is a CI budget (90 min), and without these figures a doubling of the
// test step could not be traced to what grew (m-suite, docs/desk.md). The file is where the block
// is declared: a dialect loop's blocks (test/helpers/dialects.ts) are named by their title, which
// names the repo and the dialect. Time spent loading a file outside its tests is not counted.
const rows = [];

export default async function* topLevelTimes(source) {
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { file, name, nesting, details } = event.data;
    if (nesting !== 0 || typeof details?.duration_ms !== 'number') continue;
    rows.push(`${Math.round(details.duration_ms)}\t${file ?? ''}\t${String(name).replace(/\s+/g, ' ')}\n`);
  }
  yield* rows;
}
