// Publication dates as ISO 8601. Pages write them in every format; the extractor keeps the
// wall-clock time and offset the page gave (so a reader sees the local time of the newsroom)
// and only reformats what is not already ISO 8601.

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** An ISO 8601 form of `raw`, or null when it is not a recognisable date. */
export function normalizeDate(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = raw.trim();
  if (!s) return null;
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
