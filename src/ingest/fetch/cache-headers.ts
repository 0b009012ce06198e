// What a response says about when to ask again: Retry-After (429/503) and Cache-Control max-age.
// Pure functions over header values.

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP-date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, t - now);
}

/** Cache-Control max-age (or s-maxage) in ms; 0 for no-cache/no-store; undefined when absent. */
export function parseMaxAge(value: string | undefined): number | undefined {
  if (!value) return undefined;
  let maxAge: number | undefined;
  for (const part of value.toLowerCase().split(',')) {
    const [k, v] = part.trim().split('=') as [string, string | undefined];
    if (k === 'no-cache' || k === 'no-store') return 0;
    if ((k === 'max-age' || k === 's-maxage') && v && /^"?\d+"?$/.test(v.trim())) {
      const secs = Number(v.trim().replace(/"/g, ''));
      maxAge = Math.max(maxAge ?? 0, secs * 1000);
    }
  }
  return maxAge;
}
