// A node:test reporter that sums the time of each file's top-level tests and writes one line per
// file ("<ms>\t<file>") when the run ends. scripts/run-tests.mjs reads it to print the slowest
// files: the suite's time is a CI budget (90 min), and without per-file times a doubling of the
// test step could not be traced to the files that grew (m-suite, docs/desk.md).
// Time spent loading a file outside its tests (imports, top-level awaits) is not counted.
const totals = new Map();

export default async function* fileTimes(source) {
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { file, nesting, details } = event.data;
    if (nesting !== 0 || !file || typeof details?.duration_ms !== 'number') continue;
    totals.set(file, (totals.get(file) ?? 0) + details.duration_ms);
  }
  for (const [file, ms] of totals) yield `${Math.round(ms)}\t${file}\n`;
}
