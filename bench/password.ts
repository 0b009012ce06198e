// The cost of a password check, which is the point of scrypt: the time one hash takes on this
// machine (a sign-in waits for one), how many a core does per second (what a guesser with our
// hardware gets, per core), and the memory one hash holds. Compare with the reasoning in
// src/auth/password.ts when changing CURRENT.
//
//   npx tsx bench/password.ts [--n 20]
import { CURRENT, hashPassword, verifyPassword } from '../src/auth/password.js';
import { option } from './lib/args.js';

const N = Math.max(3, Number(option('--n', '20')) || 20);

async function main(): Promise<void> {
  const stored = await hashPassword('a password to check');
  const times: number[] = [];
  for (let i = 0; i < N; i++) {
    const t0 = process.hrtime.bigint();
    await verifyPassword('a password to check', stored);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const memory = 128 * CURRENT.N * CURRENT.r * CURRENT.p;
  process.stdout.write(
    [
      `scrypt N=${CURRENT.N} r=${CURRENT.r} p=${CURRENT.p}: ${N} verifications`,
      `  median ${median.toFixed(1)} ms, fastest ${times[0]!.toFixed(1)} ms, slowest ${times.at(-1)!.toFixed(1)} ms`,
      `  ${(1000 / median).toFixed(1)} checks per second per core`,
      `  memory per hash: ${(memory / 1024 / 1024).toFixed(0)} MiB`,
    ].join('\n') + '\n',
  );
}

await main();
