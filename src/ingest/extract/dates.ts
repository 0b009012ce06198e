// Publication dates as ISO 8601. Pages write them in every format; the extractor keeps the
// wall-clock time and offset the page gave (so a reader sees the local time of the newsroom)
// and only reformats what is not already ISO 8601. Dates written in Arabic or Persian (Arabic-Indic
// or Persian digits, the months' names, the Solar Hijri calendar of Iran) are read too.
import { arabicLine, foldArabicScript } from './arabic-script.js';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The Gregorian months as Arabic (Egypt and the Gulf, the Levant and Iraq, the Maghreb) and Persian write them. */
const GREGORIAN_MONTHS: [string, number][] = [
  ['يناير', 1],
  ['فبراير', 2],
  ['مارس', 3],
  ['أبريل', 4],
  ['إبريل', 4],
  ['مايو', 5],
  ['يونيو', 6],
  ['يونيه', 6],
  ['يوليو', 7],
  ['يوليه', 7],
  ['أغسطس', 8],
  ['سبتمبر', 9],
  ['أكتوبر', 10],
  ['نوفمبر', 11],
  ['ديسمبر', 12],
  ['كانون الثاني', 1],
  ['شباط', 2],
  ['آذار', 3],
  ['نيسان', 4],
  ['أيار', 5],
  ['حزيران', 6],
  ['تموز', 7],
  ['آب', 8],
  ['أيلول', 9],
  ['تشرين الأول', 10],
  ['تشرين الثاني', 11],
  ['كانون الأول', 12],
  ['جانفي', 1],
  ['فيفري', 2],
  ['أفريل', 4],
  ['ماي', 5],
  ['جوان', 6],
  ['جويلية', 7],
  ['أوت', 8],
  ['ژانویه', 1],
  ['فوریه', 2],
  ['آوریل', 4],
  ['مه', 5],
  ['می', 5],
  ['ژوئن', 6],
  ['ژوئیه', 7],
  ['جولای', 7],
  ['اوت', 8],
  ['آگوست', 8],
  ['سپتامبر', 9],
  ['اکتبر', 10],
  ['نوامبر', 11],
  ['دسامبر', 12],
];
/** The months of the Solar Hijri calendar, in order. */
const SOLAR_MONTHS = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'];
/** Every month name above, Gregorian and Solar Hijri (the trim's date-line words read them too). */
export const ARABIC_SCRIPT_MONTHS: readonly string[] = [...GREGORIAN_MONTHS.map(([name]) => name), ...SOLAR_MONTHS];
const MONTH_BY_NAME = new Map<string, { month: number; solar: boolean }>();
for (const [name, month] of GREGORIAN_MONTHS) MONTH_BY_NAME.set(foldArabicScript(name), { month, solar: false });
// "آذر" is the ninth Solar month in Persian, "آذار" March in Arabic: they fold apart.
for (const [i, name] of SOLAR_MONTHS.entries()) MONTH_BY_NAME.set(foldArabicScript(name), { month: i + 1, solar: true });

/** Whether Solar Hijri year `y` is a leap year (the 33-year arithmetic rule, exact for 1244–1530). */
function solarLeap(y: number): boolean {
  return (((25 * y + 11) % 33) + 33) % 33 < 8;
}

/** The Gregorian date of Solar Hijri date y/m/d, as "YYYY-MM-DD", or null when it is no date. */
export function solarToGregorian(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > (m <= 6 ? 31 : m <= 11 ? 30 : solarLeap(y) ? 30 : 29)) return null;
  // 1 Farvardin 1403 was 20 March 2024; count the days from there.
  let days = 0;
  for (let k = 1403; k < y; k++) days += solarLeap(k) ? 366 : 365;
  for (let k = y; k < 1403; k++) days -= solarLeap(k) ? 366 : 365;
  days += m <= 7 ? (m - 1) * 31 : 186 + (m - 7) * 30;
  days += d - 1;
  const dt = new Date(Date.UTC(2024, 2, 20) + days * 86_400_000);
  return `${dt.getUTCFullYear()}-${pad(dt.getUTCMonth() + 1)}-${pad(dt.getUTCDate())}`;
}

/** A Solar Hijri year (1300–1499): a date in figures with such a year is of that calendar. */
const SOLAR_NUMERIC = /^(1[34]\d\d)[/.-](\d{1,2})[/.-](\d{1,2})(?:[ T,،-]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A date written in Arabic or Persian (folded: ASCII digits): "الثلاثاء 12 مارس 2024 10:30",
 * "۱۵ اردیبهشت ۱۴۰۳ ساعت ۱۰:۳۰", "1403/02/15". Its wall-clock time is kept, with no offset (the
 * page gave none). Null when no day, month and year are found.
 */
function arabicScriptDate(folded: string): string | null {
  const numeric = SOLAR_NUMERIC.exec(folded);
  let date: string | null = null;
  if (numeric) date = solarToGregorian(Number(numeric[1]), Number(numeric[2]), Number(numeric[3]));
  else {
    const words = folded.split(/[\s،,|·•/-]+/).filter((w) => w !== '');
    let day = 0;
    let year = 0;
    let month: { month: number; solar: boolean } | undefined;
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      const two = !month && i + 1 < words.length ? MONTH_BY_NAME.get(`${w} ${words[i + 1]}`) : undefined;
      if (two) {
        month = two;
        i++;
      } else if (!month && MONTH_BY_NAME.has(w)) month = MONTH_BY_NAME.get(w);
      else if (!year && /^\d{4}$/.test(w)) year = Number(w);
      else if (!day && /^\d{1,2}$/.test(w)) day = Number(w);
    }
    if (!month || !day || !year) return null;
    if (month.solar) date = solarToGregorian(year, month.month, day);
    else if (day <= 31) date = `${year}-${pad(month.month)}-${pad(day)}`;
  }
  if (!date) return null;
  const time = numeric ? numeric.slice(4) : /(?:^|\D)(\d{1,2}):(\d{2})(?::(\d{2}))?(?!\d)/.exec(folded)?.slice(1);
  if (!time || time[0] === undefined) return date;
  const [h, mi, sec] = time;
  if (Number(h) > 23 || Number(mi) > 59) return date;
  return `${date}T${pad(Number(h))}:${mi}:${sec ?? '00'}`;
}

/** How a language writes a date in figures with the year last: day or month first, and the mark between them. */
export interface FigureOrder {
  dayFirst: boolean;
  /** The mark between day and month in the language's own short date: "/", "." or "-". */
  separator: string;
}

const ORDERS = new Map<string, FigureOrder | null>();
/** Language tags remembered at most (a page may declare anything). */
const MAX_ORDERS = 256;

/**
 * How the page's language writes a date in figures ("06/12/2026", "6.12.2026"), as the runtime's
 * locale data (Unicode CLDR, through Intl) gives the tag's short date: day first for most of the
 * world (en-GB, de, fr, es, ru, ar …), month first for the United States and a few more (en-US,
 * en-PH, fil), with the mark the language puts between them. A tag the runtime cannot read is
 * read by its language alone ("de-ere"). Null where the tag is no evidence: none, a language the
 * runtime has no data for (Intl then falls back to its default locale), one that writes the year
 * first (ja, zh, ko, hu, sv, fa, en-CA), and English without a region, which is written both ways
 * (the United States and the Commonwealth) although CLDR's plain "en" is American.
 */
export function figureOrder(lang: string | null | undefined): FigureOrder | null {
  const tag = (lang ?? '')
    .trim()
    .split(/[\s,;]/)[0]!
    .replace(/_/g, '-');
  if (!tag) return null;
  const known = ORDERS.get(tag);
  if (known !== undefined) return known;
  let order = readOrder(tag);
  if (order === undefined) order = readOrder(tag.split('-')[0]!) ?? null;
  if (ORDERS.size >= MAX_ORDERS) ORDERS.clear();
  ORDERS.set(tag, order);
  return order;
}

/** figureOrder for a tag the runtime reads; undefined when it cannot read it. */
function readOrder(tag: string): FigureOrder | null | undefined {
  let locale: Intl.Locale;
  let format: Intl.DateTimeFormat;
  try {
    locale = new Intl.Locale(tag);
    format = new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' });
  } catch {
    return undefined;
  }
  if (locale.language === 'en' && locale.region === undefined) return null;
  if (new Intl.Locale(format.resolvedOptions().locale).language !== locale.language) return null;
  const parts = format.formatToParts(new Date(Date.UTC(2026, 5, 12)));
  const fields = parts.filter((p) => p.type === 'day' || p.type === 'month' || p.type === 'year').map((p) => p.type);
  const order = fields.join(' ');
  if (order !== 'day month year' && order !== 'month day year') return null;
  const between = parts.findIndex((p) => p.type === fields[0]);
  const separator = (parts[between + 1]?.type === 'literal' ? parts[between + 1]!.value : '').replace(/[^./-]/g, '');
  return separator.length === 1 ? { dayFirst: order === 'day month year', separator } : null;
}

/** Day, month and a four-figure year in figures, the year last, with a wall-clock time maybe ("6.12.2026", "06/12/2026 10:30"). */
const FIGURES =
  /^(\d{1,2})([./-])(\d{1,2})\2((?:19|20)\d\d)\.?(?:(?:\s*,\s*|\s+(?:at\s+|um\s+|à\s+)?|T)(\d{1,2})[:.h](\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?(?:\s*uhr)?)?$/i;

/**
 * A date written in figures with the year last, or undefined when `s` is not one. Day and month
 * are told apart by the figures where they can be (a number above 12 is the day: "13/06/2026",
 * "06/13/2026"), else by the page's language (`order`, figureOrder) when the date is written as
 * that language writes one, with its mark ("6.12.2026" on a German page, "06/12/2026" on a
 * French or Spanish one; "11/01/2023" on a German page is another convention's, a machine's);
 * without either it is null, not a guess. The wall-clock time is kept, without an offset.
 */
export function figuresDate(s: string, order: FigureOrder | null | undefined): string | null | undefined {
  const m = FIGURES.exec(s.trim());
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = Number(m[3]);
  let dayFirst: boolean;
  if (a > 12 && b <= 12) dayFirst = true;
  else if (b > 12 && a <= 12) dayFirst = false;
  else if (a <= 12 && b <= 12 && order && order.separator === m[2]) dayFirst = order.dayFirst;
  else return null;
  const day = dayFirst ? a : b;
  const month = dayFirst ? b : a;
  if (day < 1 || month < 1 || day > 31) return null;
  return withClock(`${m[4]}-${pad(month)}-${pad(day)}`, m);
}

/**
 * `date` with the wall-clock time of a figures match (groups 5–8: hour, minutes, seconds, a.m. or
 * p.m.) when it has one that is a time of day; else `date` alone.
 */
function withClock(date: string, m: RegExpExecArray): string {
  if (m[5] === undefined || m[6] === undefined) return date;
  let hour = Number(m[5]);
  if (m[8]) {
    if (hour < 1 || hour > 12) return date;
    hour = (hour % 12) + (m[8].toLowerCase().startsWith('p') ? 12 : 0);
  }
  if (hour > 23 || Number(m[6]) > 59) return date;
  return `${date}T${pad(hour)}:${m[6]}:${m[7] ?? '00'}`;
}

/** Day, month and a two-figure year in figures, the year last, with a wall-clock time maybe ("6.12.26", "06/12/26 10:30"). */
const SHORT_YEAR =
  /^(\d{1,2})([./-])(\d{1,2})\2(\d\d)(?:(?:\s*,\s*|\s+(?:at\s+|um\s+|à\s+)?|T)(\d{1,2})[:.h](\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?(?:\s*uhr)?)?$/i;

/**
 * A date written in figures with a two-figure year last ("6.12.26", "06/12/26"), or undefined
 * when `s` is not one. Three things are unknown in it, and each is read only from evidence, else
 * the date is null (Date.parse would read it month first in every language, and "6.12.26" on a
 * German page became 12 June):
 * - that the year is last: the same figures are written year first (YY/MM/DD) in the languages
 *   figureOrder calls year-first, so the page's language must write day, month and year in that
 *   order with this mark (`order`, with `order.separator` the date's own mark); then
 * - day and month: in the language's order (a number above 12 where the order says month is no
 *   date: null);
 * - the century: the latest year ending in those figures that is not after the year the page
 *   was served (`served`, its HTTP `Date` header) where that is known; else the pivot of POSIX
 *   strptime's `%y` (69–99 → 1969–1999, 00–68 → 2000–2068), the convention C libraries and
 *   Python read two-figure years by.
 */
export function shortYearDate(s: string, order: FigureOrder | null | undefined, served: number | null = null): string | null | undefined {
  const m = SHORT_YEAR.exec(s.trim());
  if (!m) return undefined;
  if (!order || order.separator !== m[2]) return null;
  const day = Number(order.dayFirst ? m[1] : m[3]);
  const month = Number(order.dayFirst ? m[3] : m[1]);
  if (day < 1 || day > 31 || month < 1 || month > 12) return null;
  const yy = Number(m[4]);
  let year: number;
  if (served !== null) {
    const now = new Date(served).getUTCFullYear();
    year = now - ((((now - yy) % 100) + 100) % 100);
  } else year = yy >= 69 ? 1900 + yy : 2000 + yy;
  return withClock(`${year}-${pad(month)}-${pad(day)}`, m);
}

/** How far past the time a page was served its date may be: a date without an offset is the newsroom's wall clock, up to 14 hours off UTC, and servers' clocks drift. */
const CLOCK_SKEW_MS = 86_400_000;

/**
 * Whether ISO date `iso` (as normalizeDate writes it) stands for no date: a program's zero time
 * or a date after the page was served. The zero times: the year 1 (the least value of Go's
 * time.Time, printed "0001-01-01T00:00:00Z" for a date never set, as Hugo does, and of .NET's
 * DateTime.MinValue and Python's datetime.min; shifted by a time zone it lands in the year 0 or
 * 1), and the Unix epoch's start, 1970-01-01 00:00:00 UTC (a timestamp of 0, a field never set),
 * the same instant at any offset, or that day or wall-clock midnight without one. `servedAt` is
 * the time the server sent the page (its HTTP `Date` header, in ms), when known: a page is not
 * published after it is served, so a date later than that by more than a day (CLOCK_SKEW_MS) is
 * a scheduled or mistyped one, not the publication's.
 */
export function placeholderDate(iso: string, servedAt: number | null = null): boolean {
  if (/^000[01]-/.test(iso)) return true;
  const zoned = /(?:Z|[+-]\d\d:\d\d)$/.test(iso);
  if (zoned ? Date.parse(iso) === 0 : /^1970-01-01(?:T00:00:00(?:\.0+)?)?$/.test(iso)) return true;
  if (servedAt === null) return false;
  const t = Date.parse(zoned || !iso.includes('T') ? iso : `${iso}Z`);
  return !Number.isNaN(t) && t > servedAt + CLOCK_SKEW_MS;
}

/** The time the server sent the page, from its HTTP `Date` header (lower-cased name), in ms; null without a readable one. */
export function servedAt(headers: Record<string, string>): number | null {
  const v = headers.date;
  if (!v) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
}

/**
 * An ISO 8601 form of `raw`, or null when it is not a recognisable date or stands for no date
 * (placeholderDate: a zero time, a date after `served`, the time the page was served). `order`
 * is the page's order of day and month in figures (figureOrder), for a date such as "06/12/2026".
 */
export function normalizeDate(
  raw: string | null | undefined,
  order: FigureOrder | null = null,
  served: number | null = null,
): string | null {
  const d = readDate(raw, order, served);
  return d !== null && placeholderDate(d, served) ? null : d;
}

/** Whether `raw` is a date that stands for no date (placeholderDate); false for a date and for what is no date at all. */
export function placeholderValue(raw: string | null | undefined, order: FigureOrder | null = null, served: number | null = null): boolean {
  const d = readDate(raw, order, served);
  return d !== null && placeholderDate(d, served);
}

function readDate(raw: string | null | undefined, order: FigureOrder | null, served: number | null): string | null {
  if (!raw) return null;
  let s = raw.trim();
  if (!s) return null;
  // Arabic-Indic or Persian digits, or the months' names in the Arabic script.
  const folded = arabicLine(s, 200);
  if (folded !== null) {
    const found = arabicScriptDate(folded);
    if (found) return found;
    s = folded;
  }
  const solar = SOLAR_NUMERIC.exec(s);
  if (solar) return arabicScriptDate(s);
  const m = ISO.exec(s);
  if (m) {
    const [, y, mo, d, h, mi, sec, frac, off] = m;
    if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return null;
    if (h === undefined) return `${y}-${mo}-${d}`;
    let offset = '';
    if (off) offset = off.toUpperCase() === 'Z' ? 'Z' : off.length === 5 ? `${off.slice(0, 3)}:${off.slice(3)}` : off;
    return `${y}-${mo}-${d}T${h}:${mi}:${sec ?? '00'}${frac ?? ''}${offset}`;
  }
  // Day, month and year in figures: by the figures or the page's language, never Date.parse's
  // month-first guess.
  const figures = figuresDate(s, order);
  if (figures !== undefined) return figures;
  // The same with a two-figure year: only with the language's order and a century (shortYearDate).
  const short = shortYearDate(s, order, served);
  if (short !== undefined) return short;
  // Unix timestamps (seconds or milliseconds) appear in some CMS meta tags.
  if (/^\d{10}(?:\d{3})?$/.test(s)) {
    const ms = s.length === 13 ? Number(s) : Number(s) * 1000;
    return new Date(ms).toISOString().replace('.000Z', 'Z');
  }
  // RFC 2822 and the English long forms Date.parse understands ("July 24, 2015 5:36 PM EDT").
  const t = Date.parse(s);
  if (Number.isNaN(t)) return null;
  const hasTime = /\d{1,2}:\d{2}/.test(s);
  const dt = new Date(t);
  if (!hasTime) return `${dt.getFullYear()}-${pad(dt.getMonth() + 1)}-${pad(dt.getDate())}`;
  return dt.toISOString().replace('.000Z', 'Z');
}
