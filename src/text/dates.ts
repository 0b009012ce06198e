// Date parsing for feeds: RFC 822/1123 and the ways real feeds break it, RFC 3339/W3CDTF and
// other ISO 8601 shapes, asctime, and a few stragglers. Everything comes out as an ISO 8601
// UTC string with second precision (`2004-01-01T19:48:21Z`), or undefined when nothing fits.

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  sept: 9,
  october: 10,
  november: 11,
  december: 12,
};

// Offsets in minutes east of UTC for the zone names feeds actually write.
const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  wet: 0,
  bst: 60,
  cet: 60,
  cest: 120,
  met: 60,
  mest: 120,
  eet: 120,
  eest: 180,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  akst: -540,
  akdt: -480,
  hst: -600,
  ast: -240,
  adt: -180,
  nst: -210,
  ndt: -150,
  ist: 330,
  jst: 540,
  kst: 540,
  hkt: 480,
  sgt: 480,
  aest: 600,
  aedt: 660,
  acst: 570,
  awst: 480,
  nzst: 720,
  nzdt: 780,
  msk: 180,
  // Military single letters (RFC 822 got their signs backwards; feeds follow RFC 1123's reading).
  a: -60,
  b: -120,
  c: -180,
  d: -240,
  e: -300,
  f: -360,
  g: -420,
  h: -480,
  i: -540,
  k: -600,
  l: -660,
  m: -720,
  n: 60,
  o: 120,
  p: 180,
  q: 240,
  r: 300,
  s: 360,
  t: 420,
  u: 480,
  v: 540,
  w: 600,
  x: 660,
  y: 720,
};

function iso(y: number, mo: number, d: number, h: number, mi: number, s: number, offsetMin: number): string | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 61) return undefined;
  // setUTCFullYear takes the year as written: Date.UTC reads years 0 to 99 as 1900 to 1999, so
  // `0001-01-01T00:00:00Z` (a common "no date" of .NET feeds and sitemaps) was 1901 and
  // `0099-12-31` 1999, a plausible date; year 0000 was 1900 and now falls below year 1 (no date).
  const day = new Date(0);
  day.setUTCFullYear(y, mo - 1, d);
  // Reject day overflow such as 31 February.
  if (day.getUTCDate() !== d) return undefined;
  day.setUTCHours(h, mi, Math.min(s, 59), 0);
  const ms = day.getTime() - offsetMin * 60_000;
  const date = new Date(ms);
  if (Number.isNaN(ms) || date.getUTCFullYear() > 9999 || date.getUTCFullYear() < 1) return undefined;
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * An offset no clock uses is no offset: minutes past 59, or more than 18 hours (the widest range
 * any zone library accepts; real zones run from -12:00 to +14:00). `+99:99` read as 100 hours and
 * 39 minutes moved a sitemap's or a feed's date four days; such a date is now no date, as month 13 is.
 */
function offsetMinutes(sign: number, hours: number, mins: number): number | undefined {
  if (mins > 59 || hours * 60 + mins > 18 * 60) return undefined;
  return sign * (hours * 60 + mins);
}

function parseOffset(tz: string | undefined): number | undefined {
  if (!tz) return 0;
  const t = tz.trim().toLowerCase();
  if (!t) return 0;
  const m = /^(?:(?:gmt|utc|ut)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(t);
  if (m) {
    const sign = m[1] === '-' ? -1 : 1;
    let hours = Number(m[2]);
    let mins = Number(m[3] ?? 0);
    if (!m[3] && m[2]!.length > 2) {
      hours = Math.floor(Number(m[2]) / 100);
      mins = Number(m[2]) % 100;
    }
    return offsetMinutes(sign, hours, mins);
  }
  const four = /^([+-])(\d{2})(\d{2})$/.exec(t);
  if (four) return offsetMinutes(four[1] === '-' ? -1 : 1, Number(four[2]), Number(four[3]));
  if (t in ZONES) return ZONES[t];
  return undefined;
}

function fullYear(y: string): number {
  const n = Number(y);
  if (y.length <= 2) return n < 50 ? 2000 + n : 1900 + n;
  if (y.length === 3) return 1900 + n;
  return n;
}

// "Thu, 01 Jan 2004 19:48:21 GMT", "1 Jan 04 19:48 +0100", "Thu,01 Jan 2004 19:48:21 GMT", "Jan 1 2004 ..."
const RFC822 =
  /^(?:[a-z]{2,9}\.?,?\s*)?(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3,9})\.?[\s,-]+(\d{2,4})(?:[\s,T]+(\d{1,2})(?::(\d{1,2}))?(?::(\d{1,2})(?:\.\d+)?)?\s*(am|pm)?)?\s*(?:\(?([a-z]{1,5}|(?:gmt|utc|ut)?\s*[+-]\d{1,2}(?::?\d{2})?)\)?)?\s*(?:\([^)]*\))?$/i;
const RFC822_MONTH_FIRST =
  /^(?:[a-z]{2,9}\.?,?\s*)?([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:[\s,T]+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?\s*(am|pm)?)?\s*([a-z]{1,5}|[+-]\d{2}:?\d{2})?$/i;
// asctime: "Sun Jan  4 16:29:06 PST 2004", "Sun Jan 4 16:29:06 2004"
const ASCTIME = /^[a-z]{3}\s+([a-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(?:([a-z]{1,5}|[+-]\d{4})\s+)?(\d{4})$/i;
// ISO 8601 / W3CDTF, extended and basic forms, optional time, fraction and zone.
const ISO = /^(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?(?:[T\s]+(\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?)?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?$/i;
// ISO 8601 with a two-digit year or an ordinal day are rare enough to skip.
// Year-first numeric dates that ISO does not cover: slashes or dots, one-digit fields, a 12-hour
// clock ("2020/1/10 14:33:00" from Dvbbs forums, "2019.03.07 9:05 PM"). Year first, they are
// unambiguous: no calendar writes year/day/month.
const YMD =
  /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?:[T\s,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(am|pm)?)?\s*(z|(?:gmt|utc|ut)?\s*[+-]\d{1,2}(?::?\d{2})?|[a-z]{1,5})?$/i;

function hour12(h: number, ampm: string | undefined): number {
  if (!ampm) return h;
  const pm = ampm.toLowerCase() === 'pm';
  if (h === 12) return pm ? 12 : 0;
  return pm ? h + 12 : h;
}

/** Parses a feed date into ISO 8601 UTC, or undefined. */
export function parseDate(input: string | undefined): string | undefined {
  if (!input) return undefined;
  const s = input.trim().replace(/\s+/g, ' ');
  if (!s) return undefined;

  let m = ISO.exec(s);
  if (m) {
    const [, y, mo, d, h, mi, sec, tz] = m;
    if (!mo && s.length !== 4) return undefined;
    const offset = parseOffset(tz);
    if (offset === undefined) return undefined;
    return iso(Number(y), Number(mo ?? 1), Number(d ?? 1), Number(h ?? 0), Number(mi ?? 0), Number(sec ?? 0), offset);
  }

  m = YMD.exec(s);
  if (m) {
    const [, y, , mo, d, h, mi, sec, ampm, tz] = m;
    const offset = parseOffset(tz);
    if (offset === undefined) return undefined;
    return iso(Number(y), Number(mo), Number(d), hour12(Number(h ?? 0), ampm), Number(mi ?? 0), Number(sec ?? 0), offset);
  }

  m = RFC822.exec(s);
  if (m) {
    const [, d, mon, y, h, mi, sec, ampm, tz] = m;
    const month = MONTHS[mon!.toLowerCase()];
    if (month === undefined) return undefined;
    const offset = parseOffset(tz);
    if (offset === undefined) return undefined;
    return iso(fullYear(y!), month, Number(d), hour12(Number(h ?? 0), ampm), Number(mi ?? 0), Number(sec ?? 0), offset);
  }

  m = RFC822_MONTH_FIRST.exec(s);
  if (m) {
    const [, mon, d, y, h, mi, sec, ampm, tz] = m;
    const month = MONTHS[mon!.toLowerCase()];
    if (month === undefined) return undefined;
    const offset = parseOffset(tz);
    if (offset === undefined) return undefined;
    return iso(Number(y), month, Number(d), hour12(Number(h ?? 0), ampm), Number(mi ?? 0), Number(sec ?? 0), offset);
  }

  m = ASCTIME.exec(s);
  if (m) {
    const [, mon, d, h, mi, sec, tz, y] = m;
    const month = MONTHS[mon!.toLowerCase()];
    const offset = parseOffset(tz);
    if (month === undefined || offset === undefined) return undefined;
    return iso(Number(y), month, Number(d), Number(h), Number(mi), Number(sec), offset);
  }

  // Last resort: the platform's own reading, only for strings carrying a four-digit year,
  // so bare numbers and words are not turned into dates.
  if (/\d{4}/.test(s) && /[a-z]/i.test(s)) {
    const t = Date.parse(s);
    // The same years as every other form (1 to 9999): `+099999-01-01T00:00:00Z` was kept as a date in year 99999.
    const year = Number.isNaN(t) ? Number.NaN : new Date(t).getUTCFullYear();
    if (year >= 1 && year <= 9999) return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  return undefined;
}
