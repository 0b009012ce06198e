// Dates in the reader's locale, server-side from Accept-Language (so they read right with
// JavaScript off). The time zone is unknown to the server: dates are shown in UTC and a tiny
// script (layout.ts) re-renders them in the browser's zone when scripts run.

const SUPPORTED_FALLBACK = 'en-GB';
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The first language of an Accept-Language header that Intl knows, normalised; cheap to key a cache on. */
const picked = new Map<string, string>();

export function pickLocale(acceptLanguage: string | undefined): string {
  if (!acceptLanguage) return SUPPORTED_FALLBACK;
  let locale = picked.get(acceptLanguage);
  if (locale === undefined) {
    locale = negotiate(acceptLanguage);
    // Browsers send a few distinct headers; a bound keeps hostile variety from growing memory.
    if (picked.size >= 1000) picked.clear();
    picked.set(acceptLanguage, locale);
  }
  return locale;
}

function negotiate(acceptLanguage: string): string {
  const tags = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag && x.tag !== '*' && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags.slice(0, 5)) {
    try {
      const [canon] = Intl.DateTimeFormat.supportedLocalesOf([tag]);
      if (canon) return canon;
    } catch {
      // a malformed tag: try the next one
    }
  }
  return SUPPORTED_FALLBACK;
}

function formatter(locale: string): Intl.DateTimeFormat {
  let f = formatters.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
    if (formatters.size > 200) formatters.clear();
    formatters.set(locale, f);
  }
  return f;
}

export function formatDate(ms: number, locale: string): string {
  return `${formatter(locale).format(ms)} UTC`;
}

const durations = new Map<string, Intl.NumberFormat>();

/** A duration in milliseconds as the locale writes it ("1,234 ms", "١٬٢٣٤ ملي ث", "۱٬۲۳۴ میلی‌ثانیه"). */
export function formatMs(ms: number, locale: string): string {
  let f = durations.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'unit', unit: 'millisecond', unitDisplay: 'short' });
    if (durations.size > 200) durations.clear();
    durations.set(locale, f);
  }
  return f.format(ms);
}

const numbers = new Map<string, Intl.NumberFormat>();

/**
 * A number in the locale's digits, ungrouped, all its fraction digits kept: how the site's pages
 * and messages write their counts (ui.ts), so a Persian page's counts read like its dates.
 */
export function formatCount(n: number, locale: string): string {
  let f = numbers.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 20 });
    if (numbers.size > 200) numbers.clear();
    numbers.set(locale, f);
  }
  return f.format(n);
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString();
}
