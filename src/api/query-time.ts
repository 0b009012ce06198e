// The API's "since" and "until": an ISO 8601 calendar date (2026-01-31, midnight UTC) or an RFC
// 3339 date-time, read strictly (p-edges). They were read by Date.parse, which also takes what V8's
// legacy parser makes of anything: "since=1" or "since=-1" was 2001-01-01, "since=0" 2000-01-01,
// "since=2026" and "since=March 7, 2026" dates, and "2026-02-30" rolled over to 2 March, so a
// client that misspelt the filter got a page filtered by something else with a 200, the fault
// query.notInteger was made for; and a date-time without an offset was read in the server's own
// time zone. Now anything else is a 400 (date.invalid), and a date-time without an offset is UTC.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// RFC 3339 section 5.6 (a space for the T, as its note allows; seconds and fraction optional). The
// fraction takes any number of digits, as its grammar does ("." 1*DIGIT; r-edges: a tenth digit was
// a 400, though Date.parse had read it and the document promises RFC 3339): only milliseconds count.
// An offset written without its colon (+0300: ISO 8601's basic form, which strftime's %z and PHP's
// DATE_ISO8601 print) names one instant too and Date.parse read it, so it is taken (lead, after r-edges).
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !leap(year) ? 1 : 0);
}

function leap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Epoch ms of `s`; undefined when not given (or empty), 'bad' when it is not such a date or date-time. */
export function queryTime(s: string | undefined): number | undefined | 'bad' {
  if (!s) return undefined;
  const m = DATE.exec(s) ?? DATE_TIME.exec(s);
  if (!m) return 'bad';
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return 'bad';
  // The first three digits are the milliseconds (Number of a long fraction could round .9999… up to 1).
  const ms = m[7] ? Number(m[7].slice(1, 4).padEnd(3, '0')) : 0;
  const d = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  let t = d.getTime();
  const zone = m[8];
  if (zone && zone !== 'Z' && zone !== 'z') {
    const [oh, om] = [Number(zone.slice(1, 3)), Number(zone.slice(-2))];
    if (oh > 23 || om > 59) return 'bad';
    t -= (zone[0] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  return t;
}
