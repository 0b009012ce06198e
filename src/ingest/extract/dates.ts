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

/** An ISO 8601 form of `raw`, or null when it is not a recognisable date. */
export function normalizeDate(raw: string | null | undefined): string | null {
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
