// Keyset cursors in URLs: "<publishedAt>.<id>" names the last entry seen, so a page stays put
// however many entries arrive meanwhile.
import type { EntryCursor } from './entry-query.js';

export function encodeCursor(c: EntryCursor): string {
  return `${c.publishedAt}.${c.id}`;
}

export function decodeCursor(s: string | undefined): EntryCursor | undefined {
  if (!s) return undefined;
  const m = /^(-?\d{1,16})\.(\d{1,16})$/.exec(s);
  if (!m) return undefined;
  return { publishedAt: Number(m[1]), id: Number(m[2]) };
}
