// The story objects of a page's JSON-LD wherever schema.org nests them, found in ONE bounded walk
// per page that the metadata (metadata.ts) and the structured body (4f, structured-body.ts) share,
// and which of them is the page's own story rather than one of a listing's.
import type { DomDocument, PageIndex } from './dom.js';
import { tagged } from './dom.js';
import { type Json, type JsonObject, MAX_LD_ITEMS, decodeEntities, isObject, jsonLdBlocks, notFree, types } from './json-ld.js';

/** Types whose object is one story (`articleBody`, when given, is its text). */
const STORY_TYPE = /^(?:\w*Article|BlogPosting|Report)$/;

function typesOf(o: JsonObject): string[] {
  // "schema:NewsArticle", "http://schema.org/NewsArticle": the local name counts.
  return types(o).map((x) => x.replace(/^.*[/:#]/, ''));
}

/** Whether the object, or a part of it (`hasPart`), is marked as not free to read. */
export function closed(o: JsonObject): boolean {
  if (notFree(o.isAccessibleForFree)) return true;
  const parts = Array.isArray(o.hasPart) ? o.hasPart : [o.hasPart];
  return parts.some((p) => isObject(p) && notFree(p.isAccessibleForFree));
}

/** An address compared by host and path: scheme, "www.", query, fragment and a final slash aside. */
export function addressKey(u: string | null | undefined, base: string | undefined): string | null {
  if (!u) return null;
  try {
    const url = new URL(u.trim(), base);
    const path = url.pathname.replace(/\/+$/, '');
    if (!path) return null; // a site's home page is no one story's address
    return `${url.hostname.toLowerCase().replace(/^www\./, '')}${path}`;
  } catch {
    return null;
  }
}

/** The keys (addressKey) of the page's addresses: the address read and its canonical address. */
export function pageAddressKeys(addresses: readonly (string | null | undefined)[], base: string | undefined): Set<string> {
  return new Set(addresses.map((a) => addressKey(a, base)).filter((k): k is string => k !== null));
}

function objectAddresses(o: JsonObject): string[] {
  const out: string[] = [];
  for (const v of [o.url, o['@id'], o.mainEntityOfPage]) {
    if (typeof v === 'string') out.push(v);
    else if (isObject(v)) for (const k of ['@id', 'url']) if (typeof v[k] === 'string') out.push(v[k] as string);
  }
  return out;
}

/** Whether one of the object's addresses is the page's. */
export function atPage(o: JsonObject, pageKeys: ReadonlySet<string>, base: string | undefined): boolean {
  return pageKeys.size > 0 && objectAddresses(o).some((a) => pageKeys.has(addressKey(a, base) ?? ''));
}

/** A title compared by its letters and digits, in lower case. */
export function titleKey(s: string | null | undefined): string {
  return decodeEntities(s ?? '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The page's own titles: <title>, the social-card titles and the <h1>s. */
export function pageTitles(doc: DomDocument, index: PageIndex): string[] {
  const out = [doc.title ?? ''];
  for (const m of tagged(index, 'meta')) {
    const key = (m.getAttribute('property') ?? m.getAttribute('name') ?? '').toLowerCase();
    if (key === 'og:title' || key === 'twitter:title') out.push(m.getAttribute('content') ?? '');
  }
  for (const h of tagged(index, 'h1')) out.push(h.textContent ?? '');
  return out.map(titleKey).filter((t) => t.length >= 8);
}

/** A headline is the page's when a page title is it, or holds it (a site name added: "Headline | Site"). */
export function headlineMatches(o: JsonObject, titles: string[]): boolean {
  for (const v of [o.headline, o.name, o.alternativeHeadline]) {
    const h = titleKey(typeof v === 'string' ? v : null);
    if (h.length >= 8 && titles.some((t) => t === h || t.includes(h))) return true;
  }
  return false;
}

/** The walk through a page's JSON-LD goes at most this many containers (objects, arrays) deep … */
export const MAX_LD_DEPTH = 12;
/** … and visits at most this many containers on a page (MAX_LD_ITEMS of any one array). */
export const MAX_LD_NODES = 20_000;

/** A story object of the page's JSON-LD, as the walk met it. */
export interface StoryObject {
  o: JsonObject;
  /** The block (position among jsonLdBlocks) that holds it. */
  block: number;
  /** A LiveBlogPosting: its text is its updates'. */
  live: boolean;
  /** It carries the text 4f reads: `articleBody`, or a live blog's `liveBlogUpdate`s. */
  hasText: boolean;
  /** The `mainEntity` of an object whose address is the page's: the page's own by that. */
  ownByPlace: boolean;
}

export interface WalkedStories {
  /** Story-typed objects (and LiveBlogPostings), in page order, a live blog's updates left out. */
  stories: StoryObject[];
  /** Some object met on the way is marked as not free to read. */
  closed: boolean;
  /** Persons and Organizations that carry an `@id`, by `${block} ${@id}`: what an `{"@id": …}` author names. */
  people: Map<string, JsonObject>;
  /** Values the walk took off its stack: the work it did, which its bounds keep small (tests read it). */
  visited: number;
}

/**
 * The page's story objects wherever its JSON-LD nests them: at the top of a block, in `@graph`,
 * in arrays, as a WebPage's `mainEntity`, in `hasPart`, under any other property; in page order
 * (depth first). A story object is an object of a story type, or a LiveBlogPosting; a live
 * blog's updates (each a BlogPosting with the page's address and a fragment) are its parts, never
 * story objects of their own. The walk is an explicit stack, bounded by MAX_LD_DEPTH,
 * MAX_LD_NODES and MAX_LD_ITEMS: 10,000 levels of nesting or an array of 50,000 items cost it a
 * bounded few milliseconds, never the call stack.
 */
function walk(blocks: readonly Json[], pageKeys: ReadonlySet<string>, base: string | undefined): WalkedStories {
  const stories: StoryObject[] = [];
  const people = new Map<string, JsonObject>();
  let closedSeen = false;
  let visited = 0;
  // Frames in reverse page order, popped in page order.
  const stack: { v: Json; depth: number; key: string; own: boolean; inUpdates: boolean; block: number }[] = [];
  for (let i = blocks.length - 1; i >= 0; i--)
    stack.push({ v: blocks[i] as Json, depth: 0, key: '', own: false, inUpdates: false, block: i });
  while (stack.length > 0 && visited < MAX_LD_NODES) {
    const { v, depth, key, own, inUpdates, block } = stack.pop()!;
    visited++;
    const next = depth + 1;
    if (Array.isArray(v)) {
      if (next > MAX_LD_DEPTH) continue;
      // Array items inherit the property that holds the array ("mainEntity": [ … ]).
      for (let i = Math.min(v.length, MAX_LD_ITEMS) - 1; i >= 0; i--) {
        const x = v[i];
        if (typeof x === 'object' && x !== null) stack.push({ v: x, depth: next, key, own, inUpdates, block });
      }
      continue;
    }
    if (!isObject(v)) continue;
    if (notFree(v.isAccessibleForFree)) closedSeen = true;
    const ts = typesOf(v);
    const byAddress = atPage(v, pageKeys, base);
    const ownByPlace = own && key === 'mainEntity';
    if (!inUpdates) {
      if (ts.includes('LiveBlogPosting')) {
        stories.push({ o: v, block, live: true, hasText: v.liveBlogUpdate !== undefined, ownByPlace });
      } else if (ts.some((t) => STORY_TYPE.test(t))) {
        stories.push({ o: v, block, live: false, hasText: v.articleBody !== undefined, ownByPlace });
      }
    }
    const id = v['@id'];
    if (typeof id === 'string' && ts.some((t) => t === 'Person' || t === 'Organization') && !people.has(`${block} ${id}`)) {
      people.set(`${block} ${id}`, v);
    }
    if (next > MAX_LD_DEPTH) continue;
    const children: { v: Json; key: string }[] = [];
    let keys = 0;
    for (const k in v) {
      if (++keys > MAX_LD_ITEMS) break;
      const x = v[k];
      if (typeof x === 'object' && x !== null) children.push({ v: x, key: k });
    }
    const isOwn = byAddress || ownByPlace;
    for (let i = children.length - 1; i >= 0; i--) {
      const c = children[i]!;
      stack.push({ v: c.v, depth: next, key: c.key, own: isOwn, inUpdates: inUpdates || c.key === 'liveBlogUpdate', block });
    }
  }
  return { stories, closed: closedSeen, people, visited };
}

/** The page's walk, made once: metadata makes it, 4f and the live-blog test read it. */
const walks = new WeakMap<PageIndex, { keys: string; walked: WalkedStories }>();

/**
 * The page's story objects (walk), walked once per page and set of page addresses: a second call
 * with the same addresses (4f after the metadata) reads the first call's walk.
 */
export function storiesOf(index: PageIndex, pageKeys: ReadonlySet<string>, base: string | undefined): WalkedStories {
  const keys = [...pageKeys].join('\n');
  const known = walks.get(index);
  if (known && known.keys === keys) return known.walked;
  const walked = walk(jsonLdBlocks(index), pageKeys, base);
  walks.set(index, { keys, walked });
  return walked;
}

/** Whether some object of the page's JSON-LD, however nested, is a LiveBlogPosting with updates (bounded as the walk). */
export function liveBlogInData(index: PageIndex): boolean {
  // Which objects are stories does not hang on the page's addresses: any walk of the page answers.
  const walked = walks.get(index)?.walked ?? storiesOf(index, new Set(), undefined);
  return walked.stories.some((c) => c.live && c.hasText);
}

/** The story's headline, compared by its letters (titleKey). */
function headlineKey(o: JsonObject): string {
  const h = typeof o.headline === 'string' ? o.headline : typeof o.name === 'string' ? o.name : '';
  return titleKey(h);
}

/**
 * The page's own story object, for its metadata, in this order: the one whose address is the
 * page's, or that is the `mainEntity` of the object whose address is (first in page order); else
 * the one whose headline is the page's title (several such with different headlines: none); else
 * the page's only story object, unless its own address is another page's. A listing's stories
 * (several story objects, none the page's by address or title) give none.
 */
export function ownStory(
  doc: DomDocument,
  index: PageIndex,
  walked: WalkedStories,
  pageKeys: ReadonlySet<string>,
  base: string | undefined,
): StoryObject | null {
  const all = walked.stories;
  if (all.length === 0) return null;
  const placed = all.find((c) => c.ownByPlace || atPage(c.o, pageKeys, base));
  if (placed) return placed;
  const titles = pageTitles(doc, index);
  const byTitle = all.filter((c) => headlineMatches(c.o, titles));
  if (byTitle.length > 0) {
    const first = headlineKey(byTitle[0]!.o);
    return byTitle.every((c) => headlineKey(c.o) === first) ? byTitle[0]! : null;
  }
  if (all.length > 1) return null;
  const only = all[0]!;
  const elsewhere = objectAddresses(only.o)
    .map((a) => addressKey(a, base))
    .filter((k): k is string => k !== null);
  return pageKeys.size > 0 && elsewhere.length > 0 && !elsewhere.some((k) => pageKeys.has(k)) ? null : only;
}
