// Runs scripts/stories-eval.mjs on a data file with a stand-in clusterer (a small script the test
// writes): the wiring tests of the real-data sets (test/stories-eval/*-import.test.ts) share it.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface EvalRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The `--json` results (null when the run failed before writing them). */
  json: unknown;
}

/**
 * `node EVAL --set SET --data DATA --split all --cmd <stand-in> --json OUT`, the stand-in's source
 * written to DIR/fake.mjs (it gets the articles file as its argument).
 */
export function runStoriesEval(evalScript: string, dir: string, set: string, data: string, standIn: string): EvalRun {
  const fake = join(dir, 'fake.mjs');
  writeFileSync(fake, standIn);
  const out = join(dir, 'out.json');
  const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(fake)}`;
  const r = spawnSync(process.execPath, [evalScript, '--set', set, '--data', data, '--split', 'all', '--cmd', cmd, '--json', out], {
    encoding: 'utf8',
  });
  let json: unknown = null;
  if (r.status === 0) json = JSON.parse(readFileSync(out, 'utf8'));
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json };
}
