// Dates as listing pages print them: machine forms (2024-03-05, 05.03.2024), month names in a
// dozen languages, Persian (Solar Hijri) dates with Persian digits, and relative times
// ("3 hours ago", "۲ ساعت پیش", "منذ 3 ساعات"). Output is ISO 8601 UTC; a printed time with
// no zone is read as UTC, since the page rarely says which zone it means.

const DAY_MS = 86_400_000;

export interface DateContext {
  /** Epoch ms that relative dates and year-less dates count from (defaults to the clock). */
  now?: number | undefined;
  /** Page language (BCP 47): decides whether 03/05/2024 is March 5 (en-US) or 3 May. */
  lang?: string | undefined;
}

export interface FoundDate {
  iso: string;
  /** The part of the text the date took, as a share of the text's length (0..1). */
  coverage: number;
  /** Where the date sits in the text, when folding kept positions (Latin, CJK, digits); else -1. */
  index: number;
  length: number;
}

type Calendar = 'gregorian' | 'jalali';

/** Persian and Arabic-Indic digits become ASCII; letter variants fold so one spelling matches all. */
export function foldText(s: string): string {
  return s
    .replace(/[\u06f0-\u06f9]/g, (c) => String(c.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (c) => String(c.charCodeAt(0) - 0x0660))
    .replace(/[\u0623\u0625\u0622\u0671]/g, '\u0627')
    .replace(/[\u064a\u0649]/g, '\u06cc')
    .replace(/\u0643/g, '\u06a9')
    .replace(/[\u064b-\u0652\u0640\u200c\u200f\u200e]/g, '')
    .replace(/\u060c/g, ',')
    .toLowerCase();
}

const MONTH_NAMES: Array<[Calendar, number, string]> = [];
function months(cal: Calendar, names: string[]): void {
  names.forEach((group, i) => {
    for (const n of group.split('|')) MONTH_NAMES.push([cal, i + 1, foldText(n)]);
  });
}
// English, French, German, Spanish, Italian, Portuguese, Dutch, Turkish, Indonesian.
months('gregorian', [
  'january|jan|janvier|janv|januar|jänner|enero|ene|gennaio|gen|janeiro|januari|ocak',
  'february|feb|février|fevrier|févr|fevr|februar|febrero|febbraio|fevereiro|fev|februari|şubat|subat|februari',
  'march|mar|mars|märz|maerz|marzo|março|marco|maart|mart|maret',
  'april|apr|avril|avr|abril|abr|aprile|nisan',
  'may|mai|mayo|maggio|maio|mei|mayıs',
  'june|jun|juin|juni|junio|giugno|junho|haziran',
  'july|jul|juillet|juil|juli|julio|luglio|julho|temmuz',
  'august|aug|août|aout|augustus|agosto|ago|ağustus|agustus',
  'september|sep|sept|septembre|septiembre|setiembre|settembre|setembro|set|eylül|eylul',
  'october|oct|octobre|oktober|okt|octubre|ottobre|outubro|out|ekim',
  'november|nov|novembre|noviembre|novembro|kasım|kasim',
  'december|dec|décembre|decembre|déc|dezember|dez|diciembre|dic|dicembre|dezembro|aralık|aralik|desember',
]);
// Arabic (Egyptian/Gulf and Levantine names) and Persian transliterations of Gregorian months.
months('gregorian', [
  'يناير|كانون الثاني|ژانویه',
  'فبراير|شباط|فوریه',
  'مارس|آذار',
  'أبريل|إبريل|نيسان|آوریل',
  'مايو|أيار|مه|می',
  'يونيو|يونيه|حزيران|ژوئن',
  'يوليو|يوليه|تموز|ژوئیه|ژوییه|جولای',
  'أغسطس|آب|اوت|آگوست',
  'سبتمبر|أيلول|سپتامبر',
  'أكتوبر|تشرين الأول|اکتبر',
  'نوفمبر|تشرين الثاني|نوامبر',
  'ديسمبر|كانون الأول|دسامبر',
]);
// Russian and Ukrainian (genitive, as dates write them), Polish, Czech.
months('gregorian', [
  'января|січня|stycznia|ledna',
  'февраля|лютого|lutego|února|unora',
  'марта|березня|marca|března|brezna',
  'апреля|квітня|kwietnia|dubna',
  'мая|травня|maja|května|kvetna',
  'июня|червня|czerwca|června|cervna',
  'июля|липня|lipca|července|cervence',
  'августа|серпня|sierpnia|srpna',
  'сентября|вересня|września|wrzesnia|září|zari',
  'октября|жовтня|października|pazdziernika|října|rijna',
  'ноября|листопада|listopada',
  'декабря|грудня|grudnia|prosince',
]);
// Solar Hijri, the calendar of Iranian and Afghan sites (Dari names on the second line of each).
months('jalali', [
  'فروردین|حمل',
  'اردیبهشت|ثور',
  'خرداد|جوزا',
  'تیر|سرطان',
  'مرداد|امرداد|اسد',
  'شهریور|سنبله',
  'مهر|میزان',
  'آبان|عقرب',
  'آذر|قوس',
  'دی|جدی',
  'بهمن|دلو',
  'اسفند|حوت',
]);

const MONTH_LOOKUP = new Map<string, [Calendar, number]>();
for (const [cal, m, name] of MONTH_NAMES) if (!MONTH_LOOKUP.has(name)) MONTH_LOOKUP.set(name, [cal, m]);
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Longest first, so "تشرين الثاني" wins over a shorter prefix and "june" over "jun".
const MONTH_ALT = [...MONTH_LOOKUP.keys()]
  .sort((a, b) => b.length - a.length)
  .map(escapeRe)
  .join('|');

const NOT_LETTER_BEFORE = '(?<![\\p{L}\\d])';
const NOT_LETTER_AFTER = '(?![\\p{L}])';
const ORD = '(?:st|nd|rd|th|er|º|\\.)?';

const RE_YMD = /(?<!\d)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)/gu;
// Chinese and Japanese 2024年3月5日, Korean 2024년 3월 5일.
const RE_CJK = /(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?/gu;
const RE_DMY = /(?<!\d)(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?!\d)/gu;
const RE_DAY_MONTH = new RegExp(
  `${NOT_LETTER_BEFORE}(\\d{1,2})${ORD}\\s*(?:de\\s+|-)?(${MONTH_ALT})\\.?${NOT_LETTER_AFTER}(?:,?\\s*(?:de\\s+|-)?(\\d{4})(?!\\d))?`,
  'gu',
);
const RE_MONTH_DAY = new RegExp(`${NOT_LETTER_BEFORE}(${MONTH_ALT})\\.?\\s+(\\d{1,2})${ORD}(?!\\d)(?:,?\\s*(\\d{4})(?!\\d))?`, 'gu');
const RE_TIME =
  /^\s*(?:[,|@\-–—]|at|à|um|a las|às|ساعت|الساعة|ساعة)?\s*(\d{1,2})[:h](\d{2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|ق\.ظ|ب\.ظ)?/u;
const RE_AGO: Array<[RegExp, (m: RegExpExecArray) => [number, string] | undefined]> = [
  [/(\d+)\s*(second|sec|minute|min|hour|hr|day|week|month|year)s?\s+ago/gu, (m) => [Number(m[1]), m[2]!]],
  [
    /(?:vor|il y a|hace|há)\s+(\d+)\s*(sekunde|minute|stunde|tag|woche|monat|jahr|seconde|minute|heure|jour|semaine|mois|an|segundo|minuto|hora|día|dia|semana|mes|mês|año|ano)/gu,
    (m) => [Number(m[1]), m[2]!],
  ],
  [/(\d+)\s*(ثانیه|دقیقه|ساعت|روز|هفته|ماه|سال)\s*(?:پیش|قبل)/gu, (m) => [Number(m[1]), m[2]!]],
  [
    /(?:منذ|قبل)\s*(\d+)\s*(ثانیة|ثوان|دقیقة|دقاىق|دقائق|ساعة|ساعات|یوم|ایام|اسبوع|اسابیع|شهر|اشهر|سنة|سنوات)/gu,
    (m) => [Number(m[1]), m[2]!],
  ],
  [/(\d+)\s*(秒|分钟|分鐘|分|小时|小時|時間|天|日|周|週間?|个月|か月|年)\s*前/gu, (m) => [Number(m[1]), m[2]!]],
  [/(\d+)\s*(секунд\S*|минут\S*|час\S*|дн\S*|день|недел\S*|месяц\S*|год\S*|лет)\s+назад/gu, (m) => [Number(m[1]), m[2]!]],
];
const UNIT_MS: Array<[RegExp, number]> = [
  [/^(?:second|sec|sekunde|seconde|segundo|ثانیه|ثانیة|ثوان|秒|секунд)/, 1000],
  [/^(?:minute|min|minuto|دقیقه|دقیقة|دقاىق|دقائق|分|минут)/, 60_000],
  [/^(?:hour|hr|stunde|heure|hora|ساعت|ساعة|ساعات|小时|小時|時間|час)/, 3_600_000],
  [/^(?:day|tag|jour|día|dia|روز|یوم|ایام|天|日|дн|день)/, DAY_MS],
  [/^(?:week|woche|semaine|semana|هفته|اسبوع|اسابیع|周|週|недел)/, 7 * DAY_MS],
  [/^(?:month|monat|mois|mes|mês|ماه|شهر|اشهر|个月|か月|месяц)/, 30 * DAY_MS],
  [/^(?:year|jahr|an|año|ano|سال|سنة|سنوات|年|год|лет)/, 365 * DAY_MS],
];
const RE_YESTERDAY = /(?<![\p{L}])(yesterday|gestern|hier|ayer|ieri|ontem|دیروز|امس|вчера)(?![\p{L}])|昨天/u;
const RE_TODAY = /(?<![\p{L}])(today|heute|aujourd'hui|hoy|oggi|hoje|امروز|الیوم|сегодня)(?![\p{L}])|今天/u;

const PERSIAN_FORMAT = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

function persianParts(ms: number): [number, number, number] {
  let y = 0,
    m = 0,
    d = 0;
  for (const p of PERSIAN_FORMAT.formatToParts(new Date(ms))) {
    if (p.type === 'year') y = Number(p.value);
    else if (p.type === 'month') m = Number(p.value);
    else if (p.type === 'day') d = Number(p.value);
  }
  return [y, m, d];
}

const jalaliDayOfYear = (m: number, d: number): number => (m <= 6 ? (m - 1) * 31 : 186 + (m - 7) * 30) + d - 1;

/**
 * Midnight UTC of a Solar Hijri date, or undefined when there is no such day. The platform's
 * calendar data (ICU) is the authority: we guess from the Nowruz offset and correct until the
 * Persian reading of our guess is the date asked for.
 */
export function jalaliToUtcMs(jy: number, jm: number, jd: number): number | undefined {
  if (jm < 1 || jm > 12 || jd < 1 || jd > 31 || (jm > 6 && jd > 30) || jy < 1 || jy > 3000) return undefined;
  let guess = Date.UTC(jy + 621, 2, 21) + jalaliDayOfYear(jm, jd) * DAY_MS;
  for (let i = 0; i < 4; i++) {
    const [y, m, d] = persianParts(guess);
    const diff = (jy - y) * 365 + jalaliDayOfYear(jm, jd) - jalaliDayOfYear(m, d);
    if (diff === 0) return guess;
    guess += diff * DAY_MS;
  }
  return undefined;
}

function toIso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function dayMs(cal: Calendar, y: number, m: number, d: number): number | undefined {
  // Four-digit years below 1700 on a web page are Solar Hijri (1300-1499 covers 1921-2121).
  if (cal === 'jalali' || (y >= 1300 && y < 1500)) return jalaliToUtcMs(y, m, d);
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2200) return undefined;
  const ms = Date.UTC(y, m - 1, d);
  return new Date(ms).getUTCDate() === d ? ms : undefined;
}

interface Candidate {
  index: number;
  length: number;
  ms: number;
}

/** A time of day right after a date ("… 2024, 10:30 pm"): its length in the text and ms since midnight. */
function timeAfter(text: string, end: number): [number, number] {
  const m = RE_TIME.exec(text.slice(end, end + 40));
  if (!m) return [0, 0];
  let h = Number(m[1]);
  const mi = Number(m[2]);
  const s = Number(m[3] ?? 0);
  const ap = m[4];
  if (ap) {
    const pm = ap.startsWith('p') || ap === 'ب.ظ';
    if (h === 12) h = pm ? 12 : 0;
    else if (pm) h += 12;
  }
  if (h > 23 || mi > 59 || s > 59) return [0, 0];
  return [m[0].length, ((h * 60 + mi) * 60 + s) * 1000];
}

/** Year for a date printed without one: the latest such day that is not in the future. */
function inferYear(cal: Calendar, m: number, d: number, now: number): number | undefined {
  const thisYear = cal === 'jalali' ? persianParts(now)[0] : new Date(now).getUTCFullYear();
  for (const y of [thisYear, thisYear - 1]) {
    const ms = dayMs(cal, y, m, d);
    if (ms !== undefined && ms <= now + DAY_MS) return y;
  }
  return undefined;
}

function monthFirstNumeric(lang: string | undefined): boolean {
  // Month-first numeric dates are an American habit (and the Philippines'); elsewhere day comes first.
  const l = (lang ?? 'en-us').toLowerCase();
  return l === 'en' || l === 'en-us' || l === 'en-ph' || l.startsWith('en-us');
}

function collect(text: string, ctx: DateContext): Candidate[] {
  const now = ctx.now ?? Date.now();
  const out: Candidate[] = [];
  const push = (index: number, length: number, day: number | undefined): void => {
    if (day === undefined) return;
    const [tlen, tms] = timeAfter(text, index + length);
    out.push({ index, length: length + tlen, ms: day + tms });
  };
  for (const m of text.matchAll(RE_YMD)) push(m.index, m[0].length, dayMs('gregorian', Number(m[1]), Number(m[3]), Number(m[4])));
  for (const m of text.matchAll(RE_CJK)) push(m.index, m[0].length, dayMs('gregorian', Number(m[1]), Number(m[2]), Number(m[3])));
  for (const m of text.matchAll(RE_DMY)) {
    const a = Number(m[1]),
      b = Number(m[3]),
      y = Number(m[4]);
    let mo = b,
      d = a;
    // Dots are day-first everywhere; slashes follow the page language unless a field exceeds 12.
    if (m[2] !== '.' && (a > 12 ? false : b > 12 || monthFirstNumeric(ctx.lang))) [mo, d] = [a, b];
    push(m.index, m[0].length, dayMs('gregorian', y, mo, d));
  }
  const named = (cal: Calendar, mo: number, d: number, yText: string | undefined): number | undefined => {
    const y = yText ? Number(yText) : inferYear(cal, mo, d, now);
    return y === undefined ? undefined : dayMs(cal, y, mo, d);
  };
  for (const m of text.matchAll(RE_DAY_MONTH)) {
    const hit = MONTH_LOOKUP.get(m[2]!);
    if (hit) push(m.index, m[0].length, named(hit[0], hit[1], Number(m[1]), m[3]));
  }
  for (const m of text.matchAll(RE_MONTH_DAY)) {
    const hit = MONTH_LOOKUP.get(m[1]!);
    if (hit) push(m.index, m[0].length, named(hit[0], hit[1], Number(m[2]), m[3]));
  }
  for (const [re, read] of RE_AGO) {
    for (const m of text.matchAll(re)) {
      const r = read(m);
      if (!r) continue;
      const unit = UNIT_MS.find(([u]) => u.test(r[1]));
      if (unit) out.push({ index: m.index, length: m[0].length, ms: now - r[0] * unit[1] });
    }
  }
  const yd = RE_YESTERDAY.exec(text);
  if (yd) push(yd.index, yd[0].length, Math.floor(now / DAY_MS) * DAY_MS - DAY_MS);
  const td = RE_TODAY.exec(text);
  if (td) push(td.index, td[0].length, Math.floor(now / DAY_MS) * DAY_MS);
  return out;
}

/** The first date printed in `text`, or undefined. */
export function findDate(text: string, ctx: DateContext = {}): FoundDate | undefined {
  if (text.length > 2000) text = text.slice(0, 2000);
  const folded = foldText(text);
  if (!/\d|yesterday|today|gestern|heute|hier|ayer|hoy|دیروز|امروز|امس|الیوم|вчера|сегодня|昨天|今天/.test(folded)) return undefined;
  const found = collect(folded, ctx);
  if (found.length === 0) return undefined;
  found.sort((a, b) => a.index - b.index || b.length - a.length);
  const best = found[0]!;
  const trimmed = folded.trim().length || 1;
  const aligned = folded.length === text.length;
  return { iso: toIso(best.ms), coverage: Math.min(1, best.length / trimmed), index: aligned ? best.index : -1, length: best.length };
}

/** A date spelled in a URL path (/2024/03/05/slug), as midnight UTC. */
export function dateFromUrl(url: string): string | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const m = /\/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?=[/-]|$)/.exec(path);
  if (!m) return undefined;
  const ms = dayMs('gregorian', Number(m[1]), Number(m[2]), Number(m[3]));
  return ms === undefined ? undefined : toIso(ms);
}
