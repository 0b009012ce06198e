// What a response says about when to ask again: Retry-After (429/503) and Cache-Control max-age.
// Pure functions over header values.

const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
/**
 * The three forms of an HTTP-date (RFC 9110 section 5.6.7): IMF-fixdate, the obsolete RFC 850 form
 * and asctime. Only these are handed to Date.parse, which reads almost anything as a date
 * ("foo 12", "Dec 25", "1.5" are dates to V8).
 */
const HTTP_DATE = new RegExp(
  `^(?:${DAY}, \\d{2} ${MONTH} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT` +
    `|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \\d{2}-${MONTH}-\\d{2} \\d{2}:\\d{2}:\\d{2} GMT` +
    `|${DAY} ${MONTH} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} \\d{4})$`,
);

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP-date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  if (!HTTP_DATE.test(v)) return undefined;
  // asctime names no zone: it is GMT too.
  const t = Date.parse(v.endsWith('GMT') ? v : `${v} GMT`);
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
