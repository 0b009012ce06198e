// A machine whose own clock is wrong: Date.now() moved by `byMs` while `f` runs (the database
// server on this machine keeps the true time, as it would on another machine). Workers made inside
// `f` see only the skewed local clock; whatever they compare against shared rows must come from
// the store's clock for them to agree with workers on machines whose clocks are right.
export async function withSkewedClock<T>(byMs: number, f: () => Promise<T>): Promise<T> {
  const real = Date.now;
  Date.now = () => real() + byMs;
  try {
    return await f();
  } finally {
    Date.now = real;
  }
}

export const TEN_MINUTES = 10 * 60_000;

/**
 * How far a time written may lie outside the store's clock read before and after the write: a new
 * clock sample taken between may move it by half a round trip. Far below the skews tested, and not
 * a deadline: a slow machine only widens the bracket.
 */
export const SKEW_SLACK_MS = 60_000;

/** Whether `t` was written between `before` and `after` (store-clock reads), to SKEW_SLACK_MS. */
export const withinBracket = (t: number | null | undefined, before: number, after: number): boolean =>
  typeof t === 'number' && t >= before - SKEW_SLACK_MS && t <= after + SKEW_SLACK_MS;
