// One line of a `newsdesk cluster` input file, checked. The contract (README, "Stories"):
// {id, title, text, url?, published?, lang?, source?}, and pageUrl? (the address the page names
// as its own: rel=canonical / og:url, as the pipeline has it after extraction); id a string or a
// number, title and text strings (text may be empty or absent: a headline alone), published an
// ISO 8601 (or RFC 2822) date or epoch milliseconds, the rest strings or null.
//
// Only what leaves no article to answer for is an error that skips the line: unreadable JSON, no
// usable id, (in the CLI) an id seen before. A bad field is a warning naming it, and the article is
// clustered without it (an unreadable date: undated; a title that is not a string: none), so the
// output still has one line for every article a scorer sent.
import type { StoryArticle } from './types.js';

export type ParsedLine = { ok: true; article: StoryArticle; warnings: string[] } | { ok: false; error: string };

/**
 * Numbers below this are taken as epoch SECONDS: as milliseconds they would be dates in the first
 * days of 1973, which no news article has, while every date since 1973 in seconds is below it.
 */
const SECONDS_BELOW = 1e11;

function optString(o: Record<string, unknown>, k: string): string | null | undefined | Error {
  const v = o[k];
  if (v === undefined || v === null) return v;
  if (typeof v !== 'string') return new Error(`"${k}" must be a string`);
  return v;
}

/** Epoch ms from an ISO 8601 string or a number; null when absent; an Error when unreadable. */
export function parsePublished(v: unknown): number | null | Error {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return new Error('"published" is not a finite number');
    return Math.abs(v) < SECONDS_BELOW ? v * 1000 : v;
  }
  if (typeof v !== 'string') return new Error('"published" must be an ISO 8601 date string or epoch milliseconds');
  const t = Date.parse(v);
  if (Number.isNaN(t)) return new Error(`"published" is not a date: ${JSON.stringify(v.slice(0, 40))}`);
  return t;
}

export function parseArticleLine(line: string): ParsedLine {
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch (e) {
    return { ok: false, error: `invalid JSON (${(e as Error).message})` };
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    return { ok: false, error: 'expected a JSON object {id, title, text, url?, published?, lang?, source?}' };
  }
  const o = obj as Record<string, unknown>;
  const id = o.id;
  if (!((typeof id === 'string' && id !== '') || (typeof id === 'number' && Number.isFinite(id)))) {
    return { ok: false, error: '"id" is required: a non-empty string or a number' };
  }
  const warnings: string[] = [];
  const str = (k: 'title' | 'text'): string => {
    const v = o[k];
    if (typeof v === 'string') return v;
    if (v === undefined || v === null) {
      if (k === 'title') warnings.push('"title" is missing: clustered on its text alone');
      return '';
    }
    warnings.push(`"${k}" must be a string; ignored`);
    return '';
  };
  const title = str('title');
  const text = str('text');
  let published = parsePublished(o.published);
  if (published instanceof Error) {
    warnings.push(`${published.message}; clustered as undated`);
    published = null;
  }
  const article: StoryArticle = { id: String(id), title, text, published };
  for (const k of ['url', 'pageUrl', 'lang', 'source'] as const) {
    const v = optString(o, k);
    if (v instanceof Error) warnings.push(`${v.message}; ignored`);
    else if (v !== undefined) article[k] = v;
  }
  return { ok: true, article, warnings };
}

/** "72h", "3d", "90m", "45s" or a bare number of hours → ms; null when unreadable. */
export function parseDuration(s: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?$/.exec(s.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2] ?? 'h';
  const mult: Record<string, number> = { ms: 1, s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7, w: 6.048e8 };
  const ms = n * (mult[unit] as number);
  return ms > 0 ? ms : null;
}
