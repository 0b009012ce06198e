// The lead of an entry as a teaser excerpt: plain text, at most maxChars, cut at a sentence or
// word boundary and ended with "…" when cut (the cutting rules live in text/excerpt.ts).
import type { Entry } from '../domain/entry.js';
import { excerpt } from './excerpt.js';

/** Whitespace collapsed over the lead only: doing it over a whole article would cost more than the page. */
export function cutExcerpt(text: string, maxChars: number): string {
  // Collapsing only shortens, so a little more than maxChars is enough unless the lead is
  // mostly whitespace (then look further).
  const lead = maxChars + (maxChars >> 2) + 40;
  let t = (text.length > lead ? text.slice(0, lead) : text).replace(/\s+/g, ' ').trim();
  if (t.length <= maxChars && text.length > lead) t = text.replace(/\s+/g, ' ').trim();
  return excerpt(t, maxChars);
}

export function teaserExcerpt(entry: Pick<Entry, 'text'>, maxChars: number): string {
  return cutExcerpt(entry.text, maxChars);
}
