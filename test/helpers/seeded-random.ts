// A small seeded generator for the tests that compare two implementations on random input: the
// same seed gives the same pages on every run, so a failure can be replayed.

/** Numbers in [0, 1) from a linear congruential generator seeded with `seed`. */
export function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/** One of `xs`, chosen by `r`. */
export const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
