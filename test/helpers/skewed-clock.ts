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
