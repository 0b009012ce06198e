// A page's JSON-LD, parsed once per page, and the small readers of its values that the metadata
// (metadata.ts), the story-object walk (ld-stories.ts) and the structured body (4f,
// structured-body.ts) share.
import type { PageIndex } from './dom.js';
import { tagged } from './dom.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function types(o: JsonObject): string[] {
  const t = o['@type'];
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

/** A schema.org isAccessibleForFree value saying "not free": false, or the string "False" as some write it. */
export function notFree(v: Json | undefined): boolean {
  return v === false || (typeof v === 'string' && v.trim().toLowerCase() === 'false');
}

/**
 * At most this many items of one JSON-LD array are read, here and by the story-object walk
 * (ld-stories.ts): a hostile block can hold an array of a million numbers in the page's three
 * million characters, and no page's metadata or story sits past its thousandth item.
 */
export const MAX_LD_ITEMS = 1000;

/** The parsed JSON-LD blocks of a page, in page order, parsed once per page (metadata and 4f read them). */
const parsedBlocks = new WeakMap<PageIndex, Json[]>();

/** The page's JSON-LD blocks, parsed; broken ones skipped. */
export function jsonLdBlocks(index: PageIndex): Json[] {
  const known = parsedBlocks.get(index);
  if (known) return known;
  const out: Json[] = [];
  for (const script of tagged(index, 'script')) {
    if (!/^\s*application\/ld\+json\s*$/i.test(script.getAttribute('type') ?? '')) continue;
    const raw = (script.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '').trim();
    if (!raw) continue;
    try {
      out.push(JSON.parse(raw) as Json);
    } catch {
      // broken JSON-LD is common (and nesting too deep for the parser lands here too); the page's
      // other metadata still counts
    }
  }
  parsedBlocks.set(index, out);
  return out;
}

/** An object of the page's JSON-LD and the block (its position among jsonLdBlocks) that holds it. */
export interface LdObject {
  o: JsonObject;
  block: number;
}

/**
 * Every object at the top of the page's JSON-LD blocks, @graph and arrays flattened, in page
 * order (breadth first within a block): at most 200 objects, MAX_LD_ITEMS items of any one array.
 * Objects nested under other properties (a WebPage's mainEntity) are the story walk's (ld-stories.ts).
 */
export function jsonLdObjects(index: PageIndex): LdObject[] {
  const out: LdObject[] = [];
  const blocks = jsonLdBlocks(index);
  for (let block = 0; block < blocks.length; block++) {
    // A queue read by position (no shift, no spread: an array of a million items is neither
    // copied onto the stack nor moved item by item).
    const queue: Json[] = [blocks[block] as Json];
    for (let at = 0; at < queue.length && out.length < 200; at++) {
      const v = queue[at] as Json;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length && i < MAX_LD_ITEMS; i++) queue.push(v[i] as Json);
      } else if (isObject(v)) {
        out.push({ o: v, block });
        const graph = v['@graph'];
        if (graph !== undefined) queue.push(graph);
      }
    }
  }
  return out;
}

/** The character references JSON-LD and <meta> values carry: numeric ones and the five XML names and nbsp. */
export function decodeEntities(s: string): string {
  return s.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos|nbsp));/gi, (m, dec: string, hex: string, named: string) => {
    if (dec || hex) {
      const cp = dec ? Number(dec) : parseInt(hex, 16);
      // Out-of-range and surrogate code points are what a browser shows as U+FFFD.
      const valid = cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);
      return valid ? String.fromCodePoint(cp) : '\ufffd';
    }
    const table: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
    return table[named.toLowerCase()] ?? m;
  });
}
