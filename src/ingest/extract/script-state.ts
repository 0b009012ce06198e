// The story's text from the JSON state a client-rendered page ships, for pages whose HTML holds
// none of it. A page built by a JavaScript framework (Next.js `__NEXT_DATA__`, Nuxt, Apollo or
// Redux `window.__INITIAL_STATE__ = {…}`, `<script type="application/json">`, or a component's
// props in a `data-…` attribute such as react-rails' `data-react-props` or Inertia's `data-page`)
// serves a skeleton and the data the scripts render it from. When the body the stages found is
// missing, short or holds no prose, that data is read — within fixed bounds, JSON.parse only,
// never evaluated — and the story's text is picked from it by shape, not by key names:
//
// - candidates: each prose-like string value (a paragraph of plain text, or an HTML fragment read
//   for its text), and each run of prose strings under one array (a story stored as a list of
//   paragraph strings or paragraph objects `[{type, text}, …]`);
// - a candidate must be anchored to the page: the object holding it (or its parent) has a string
//   that is one of the page's titles (<title>, og:title, <h1>), or its text holds the page's
//   title or the opening of its description. A teaser, a comment or a related story in the same
//   state is not anchored to this page's title;
// - of the anchored candidates the longest wins; a key name that says body, content, text,
//   article, story or html weighs its length by KEY_HINT (it ranks, it is never required);
// - it must hold SCRIPT_MIN characters and SCRIPT_FACTOR times the body found.
//
// An HTML fragment is parsed on its own (comments, scripts and styles cut first, as for a page;
// nesting deeper than the page's own limit flattened) and its tree becomes the body, which the
// sanitiser then reads like any body; plain text becomes paragraphs of text nodes.
import type { DomDocument, DomElement, PageIndex } from './dom.js';
import { parseDocument, normalizeTree } from './dom.js';
import type { Json, JsonObject } from './json-ld.js';
import { decodeEntities, isObject, notFree } from './json-ld.js';
import { pageTitles, titleKey } from './ld-stories.js';
import { stripNonContent } from './non-content.js';
import { bodyParagraphs } from './structured-body.js';

/** A body under this many characters is short: the script data is consulted. */
export const SCRIPT_SHORT = 500;
/** A body with fewer lines of PROSE_LINE characters or more than this holds no prose. */
export const PROSE_LINES = 2;
export const PROSE_LINE = 80;
/** The story taken from script data holds at least this many characters … */
export const SCRIPT_MIN = 500;
/** … and at least this many times the body found. */
export const SCRIPT_FACTOR = 2;
/** A key name that says it holds the story multiplies the candidate's length by this, to rank. */
export const KEY_HINT = 1.25;
const HINT_KEY = /body|content|text|article|story|html/i;

/** Bounds: a script (or attribute) longer than this is not parsed. */
export const MAX_SCRIPT_CHARS = 2_000_000;
/** At most this many characters of script data are parsed on a page, in all. */
export const MAX_STATE_CHARS = 6_000_000;
/** At most this many scripts and attributes are looked at on a page. */
export const MAX_STATE_SOURCES = 200;
/** The walk goes at most this many containers deep … */
export const MAX_STATE_DEPTH = 48;
/** … visits at most this many containers on a page … */
export const MAX_STATE_NODES = 50_000;
/** … and at most this many items of any one array. */
export const MAX_STATE_ITEMS = 1000;
/** A string is read as prose from this many characters of text on (one paragraph). */
const PARAGRAPH_CHARS = 80;

/** What became of one script or attribute that may hold state. */
export type StateSourceVerdict = 'json' | 'not-json' | 'too-large' | 'over-budget';

export interface StateSource {
  /** `script` (its type, or "script") or the attribute's name. */
  where: string;
  verdict: StateSourceVerdict;
}

/** One block of the body built from script data. */
export interface ScriptStoryPart {
  /** An HTML fragment (`html`) or a paragraph of plain text. */
  kind: 'html' | 'text';
  value: string;
}

export interface ScriptStory {
  parts: ScriptStoryPart[];
  /** Characters of text (HTML fragments read for their text), joined as paragraphs. */
  length: number;
  /** The key that holds it (for a run: the array's key), for the warning. */
  key: string;
  /** Where the data came from: the script's type or the attribute's name. */
  where: string;
}

export interface ScriptStateResult {
  story: ScriptStory | null;
  sources: StateSource[];
  /** Values the walk looked at, over all the state values: the work MAX_STATE_* bound (tests read it). */
  walked: number;
}

export interface ScriptStatePage {
  /** The page as decoded, scripts and all (the parsed tree has lost its scripts). */
  html: string;
  doc: DomDocument;
  index: PageIndex;
  /** The page's description (meta description, og:description), if any. */
  description: string | null;
}

/** Whether the body found is missing, short, or holds no prose: the trigger of this stage. */
export function bodyWantsScriptState(text: string | null): boolean {
  if (!text || text.length < SCRIPT_SHORT) return true;
  // Line by line from the start, stopping at the second prose line: a story's body answers in
  // its first paragraphs, without the whole text being split.
  let lines = 0;
  for (let from = 0; from < text.length; ) {
    const end = text.indexOf('\n', from);
    const to = end < 0 ? text.length : end;
    if (to - from >= PROSE_LINE && ++lines >= PROSE_LINES) return false;
    from = to + 1;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Finding the data.

const SCRIPT_OPEN = /<script\b/gi;
const SCRIPT_CLOSE = /<\/script(?=[\s/>])/gi;
/** Script types that are not data a page renders from (JSON-LD is structured-body.ts's). */
const NOT_STATE_TYPE = /ld\+json|template|text\/(?:html|css|x-template|x-handlebars|plain)|importmap|speculationrules/i;
/** A JSON script's type. */
const JSON_TYPE = /json/i;
/** `name = ` at the head of a script: `window.__STATE__ = `, `var x = `, `self.__DATA__ = `. */
const ASSIGNMENT = /^\s*(?:(?:var|let|const)\s+)?[\w$]+(?:\s*\.\s*[\w$]+|\s*\[\s*(?:"[^"]*"|'[^']*')\s*\])*\s*=\s*/;
/** `JSON.parse("…")` or `JSON.parse('…')` as the assigned value. */
const PARSE_CALL = /^JSON\.parse\(\s*(["'])/;
/** Attributes a component's props or a page's state are written into. */
const STATE_ATTRIBUTE = /\s(data-(?:[\w-]*-)?(?:props|page|state))\s*=\s*(["'])/gi;

/** A parsed value, or why it could not be. */
type Parsed = { ok: true; value: Json } | { ok: false };

function parseJson(s: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(s) as Json };
  } catch {
    return { ok: false };
  }
}

/** The end of a JS string literal opened by `quote` at `from` − 1, or −1. */
function stringEnd(s: string, from: number, quote: string): number {
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === quote) return i;
    else if (c === '\n') return -1;
  }
  return -1;
}

/**
 * The JSON a script holds: all of it for a JSON script; for a JavaScript one, the value of one
 * assignment at its head (`window.__STATE__ = {…};`), or the string given to JSON.parse there.
 * Anything else — a function, an object literal that is not JSON, code after the value — is
 * not JSON and gives nothing.
 */
function scriptJson(body: string, jsonType: boolean): Parsed {
  const t = body.trim();
  if (jsonType || t.startsWith('{') || t.startsWith('[')) return parseJson(t);
  const a = ASSIGNMENT.exec(t);
  if (!a) return { ok: false };
  const rest = t.slice(a[0].length);
  const call = PARSE_CALL.exec(rest);
  if (call) {
    const quote = call[1]!;
    const end = stringEnd(rest, call[0].length, quote);
    if (end < 0) return { ok: false };
    let literal = rest.slice(call[0].length, end);
    // A single-quoted literal: its \' is a quote, and a double quote in it must be escaped for JSON.
    if (quote === "'") literal = literal.replace(/\\'/g, "'").replace(/(^|[^\\])((?:\\\\)*)"/g, '$1$2\\"');
    const inner = parseJson(`"${literal}"`);
    return inner.ok && typeof inner.value === 'string' ? parseJson(inner.value) : { ok: false };
  }
  if (!rest.startsWith('{') && !rest.startsWith('[')) return { ok: false };
  return parseJson(rest.replace(/[\s;]+$/, ''));
}

/** The JSON values of the page's state scripts and state attributes, within the bounds. */
function stateValues(page: ScriptStatePage, sources: StateSource[]): { where: string; value: Json }[] {
  const out: { where: string; value: Json }[] = [];
  let budget = MAX_STATE_CHARS;
  const take = (where: string, raw: string, jsonType: boolean): void => {
    if (sources.length >= MAX_STATE_SOURCES) return;
    if (raw.length > MAX_SCRIPT_CHARS) {
      sources.push({ where, verdict: 'too-large' });
      return;
    }
    if (raw.length > budget) {
      sources.push({ where, verdict: 'over-budget' });
      return;
    }
    budget -= raw.length;
    const parsed = scriptJson(raw, jsonType);
    sources.push({ where, verdict: parsed.ok ? 'json' : 'not-json' });
    if (parsed.ok) out.push({ where, value: parsed.value });
  };
  // Scripts, from the page as served: one search for each script's end, so the scan is linear.
  const html = page.html;
  SCRIPT_OPEN.lastIndex = 0;
  for (let m = SCRIPT_OPEN.exec(html); m !== null && sources.length < MAX_STATE_SOURCES; m = SCRIPT_OPEN.exec(html)) {
    // The tag's end and the script's end by one search each (a pattern over the attributes would
    // rescan to the end of the page from every unclosed "<script": quadratic on hostile input).
    const tagEnd = html.indexOf('>', SCRIPT_OPEN.lastIndex);
    if (tagEnd < 0) break;
    const attrs = html.slice(SCRIPT_OPEN.lastIndex, tagEnd);
    SCRIPT_CLOSE.lastIndex = tagEnd + 1;
    const close = SCRIPT_CLOSE.exec(html);
    if (close === null) break;
    const body = html.slice(tagEnd + 1, close.index);
    SCRIPT_OPEN.lastIndex = close.index;
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1] ?? '';
    if (/\bsrc\s*=/i.test(attrs) || NOT_STATE_TYPE.test(type)) continue;
    // A script of a few hundred characters holds no story: not worth a parse.
    if (body.length < SCRIPT_MIN) continue;
    take(type || 'script', body, JSON_TYPE.test(type));
  }
  // Props written into attributes, from the page as served (the parsed tree may have been moved
  // by the scorer): one search for each value's closing quote, so the scan is linear.
  STATE_ATTRIBUTE.lastIndex = 0;
  for (let m = STATE_ATTRIBUTE.exec(html); m !== null && sources.length < MAX_STATE_SOURCES; m = STATE_ATTRIBUTE.exec(html)) {
    const quote = m[2]!;
    const end = html.indexOf(quote, STATE_ATTRIBUTE.lastIndex);
    if (end < 0) break;
    const v = html.slice(STATE_ATTRIBUTE.lastIndex, end);
    STATE_ATTRIBUTE.lastIndex = end + 1;
    if (v.length >= SCRIPT_MIN && /^\s*[[{]/.test(v)) take(m[1]!.toLowerCase(), v.length > MAX_SCRIPT_CHARS ? v : decodeEntities(v), true);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading the data for prose.

const HTML_TAG = /<\/?(?:p|br|div|h[1-6]|ul|ol|li|blockquote|figure|strong|em|b|i|a|span|section)\b[^<>]*>/i;
// Sentence ends of the scripts whose stops are not the Latin ones: Arabic question mark and
// semicolon, Urdu full stop, Devanagari danda and double danda, Armenian and Ethiopic full stops.
const SENTENCE_END = /[.!?;:。！？؟؛۔।॥։።](?:["'”’»«)\]]*)(?:\s|$)/u;
const CODE_CHARS = /[{}[\]<>=|\\_$#@^~`]/g;
const LETTERS = /\p{L}/gu;
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g;

interface Prose {
  text: string;
  html: boolean;
}

/**
 * The text of a string that reads as prose, or null: a paragraph of PARAGRAPH_CHARS characters
 * or more, mostly letters, with words of ordinary length (or CJK script), a sentence's end, and
 * little of the punctuation code, addresses and encoded data are made of.
 */
function prose(s: string): Prose | null {
  if (s.length < PARAGRAPH_CHARS) return null;
  const html = HTML_TAG.test(s);
  const text = html ? bodyParagraphs(s).join('\n') : decodeEntities(s).trim();
  if (text.length < PARAGRAPH_CHARS) return null;
  const sample = text.length > 4000 ? text.slice(0, 4000) : text;
  const nonSpace = sample.replace(/\s+/g, '').length;
  if (nonSpace === 0) return null;
  const letters = sample.match(LETTERS)?.length ?? 0;
  if (letters < 0.6 * nonSpace) return null;
  if ((sample.match(CODE_CHARS)?.length ?? 0) > 0.02 * nonSpace) return null;
  const cjk = (sample.match(CJK)?.length ?? 0) > 0.3 * nonSpace;
  if (!cjk) {
    const words = sample.split(/\s+/).filter((w) => w.length > 0);
    if (words.length < 12) return null;
    const long = words.filter((w) => w.length > 25).length;
    if (long > 0.05 * words.length || nonSpace / words.length > 12) return null;
    // An address, a path or a class list reads as words but has no sentence in it.
    if (/^(?:https?:|\/)/.test(sample)) return null;
  }
  if (!SENTENCE_END.test(sample)) return null;
  return { text, html };
}

interface Candidate {
  parts: ScriptStoryPart[];
  text: string;
  key: string;
  /** The object holding the value, and the one holding that: where a title would be. */
  holders: JsonObject[];
  /** An object on the way to it says it is not free to read (`isAccessibleForFree: false`). */
  closed: boolean;
}

interface Walk {
  nodes: number;
  /** Every value walk() was called on, containers or not. */
  values: number;
  candidates: Candidate[];
}

function part(p: Prose, raw: string): ScriptStoryPart {
  return p.html ? { kind: 'html', value: raw } : { kind: 'text', value: p.text };
}

/**
 * A run: the prose strings of an array's items in order — an item that is a string, or the
 * string values of an item object and of the arrays of strings it holds (paragraph objects such
 * as `{type: "paragraph", text: "…"}`). Two prose items at least.
 */
function runOf(items: Json[], key: string, holders: JsonObject[], closed: boolean): Candidate | null {
  const parts: ScriptStoryPart[] = [];
  const texts: string[] = [];
  const add = (v: Json | undefined): void => {
    if (typeof v !== 'string') return;
    const p = prose(v);
    if (!p) return;
    parts.push(part(p, v));
    texts.push(p.text);
  };
  for (const item of items.slice(0, MAX_STATE_ITEMS)) {
    if (typeof item === 'string') add(item);
    else if (isObject(item)) {
      for (const v of Object.values(item)) {
        if (Array.isArray(v)) for (const x of v.slice(0, MAX_STATE_ITEMS)) add(x);
        else add(v);
      }
    }
  }
  if (parts.length < 2) return null;
  return { parts, text: texts.join('\n\n'), key, holders, closed };
}

/** Collects the candidates of `v`, depth first, within the depth and node bounds. */
function walk(v: Json, key: string, depth: number, holders: JsonObject[], closed: boolean, w: Walk): void {
  w.values++;
  if (typeof v === 'string') {
    if (v.length < SCRIPT_MIN / 2) return;
    const p = prose(v);
    if (p && p.text.length >= SCRIPT_MIN / 2) w.candidates.push({ parts: [part(p, v)], text: p.text, key, holders, closed });
    return;
  }
  if (v === null || typeof v !== 'object') return;
  if (depth >= MAX_STATE_DEPTH || ++w.nodes > MAX_STATE_NODES) return;
  if (Array.isArray(v)) {
    const run = runOf(v, key, holders, closed);
    if (run) w.candidates.push(run);
    // The items of a list of several are siblings — related stories, teasers, comments — not
    // parts of the object that holds the list: an item is anchored by what it holds itself (its
    // run, the list's paragraphs together, is anchored by the holder above). A lone item is the
    // holder's own (a body stored as a one-block list).
    const through = v.length === 1 ? holders : [];
    for (const x of v.slice(0, MAX_STATE_ITEMS)) walk(x, key, depth + 1, through, closed, w);
    return;
  }
  const inner = [v, holders[0]].filter((h): h is JsonObject => h !== undefined);
  // The schema.org flag, wherever the state repeats it: what lies below is the paywalled text.
  const shut = closed || notFree(v.isAccessibleForFree);
  for (const [k, x] of Object.entries(v)) {
    walk(x, k, depth + 1, inner, shut, w);
    if (w.nodes > MAX_STATE_NODES) return;
  }
}

/** Whether a candidate belongs to this page: a title beside it, or the page's title or description in it. */
function anchored(c: Candidate, titles: string[], description: string): boolean {
  for (const h of c.holders) {
    for (const v of Object.values(h)) {
      if (typeof v !== 'string' || v.length > 400) continue;
      const k = titleKey(v);
      if (k.length >= 12 && titles.some((t) => t === k || t.includes(k))) return true;
    }
  }
  const key = titleKey(c.text.slice(0, 20_000));
  if (titles.some((t) => t.length >= 20 && key.includes(t))) return true;
  return description.length >= 40 && key.includes(description);
}

/**
 * The story in the page's script data, when it is anchored to the page (see the head of the file)
 * and holds SCRIPT_MIN characters and SCRIPT_FACTOR times the `found` characters of body the
 * stages found; null otherwise. Also says what became of every script and attribute looked at.
 */
export function scriptStory(page: ScriptStatePage, found: number): ScriptStateResult {
  const sources: StateSource[] = [];
  const values = stateValues(page, sources);
  if (values.length === 0) return { story: null, sources, walked: 0 };
  const titles = pageTitles(page.doc, page.index).filter((t) => t.length >= 12);
  // The description's opening: the first 60 letters and digits, as a body that starts with it holds them.
  const description = titleKey(page.description).slice(0, 60);
  const need = Math.max(SCRIPT_MIN, SCRIPT_FACTOR * found);
  let best: { c: Candidate; where: string; rank: number } | null = null;
  let walked = 0;
  for (const { where, value } of values) {
    const w: Walk = { nodes: 0, values: 0, candidates: [] };
    walk(value, '', 0, [], false, w);
    walked += w.values;
    for (const c of w.candidates) {
      if (c.text.length < need || !anchored(c, titles, description)) continue;
      // The page's own story is marked as not free to read: none of its text is exposed.
      if (c.closed) return { story: null, sources, walked };
      const rank = c.text.length * (HINT_KEY.test(c.key) ? KEY_HINT : 1);
      if (!best || rank > best.rank) best = { c, where, rank };
    }
  }
  if (!best) return { story: null, sources, walked };
  return { story: { parts: best.c.parts, length: best.c.text.length, key: best.c.key, where: best.where }, sources, walked };
}

/**
 * The body built from the story: each HTML fragment parsed on its own document (comments,
 * scripts and styles cut, nesting deeper than `maxDepth` flattened, as for a page) with its
 * nodes moved into the body, each plain paragraph a <p> of text (markup in it stays text). The
 * sanitiser reads the result like any body.
 */
export function scriptStoryContent(doc: DomDocument, story: ScriptStory, maxDepth: number): DomElement {
  const root = doc.createElement('div');
  for (const p of story.parts) {
    if (p.kind === 'text') {
      for (const line of p.value.split('\n')) {
        if (!line.trim()) continue;
        const el = doc.createElement('p');
        el.appendChild(doc.createTextNode(line.trim()));
        root.appendChild(el);
      }
      continue;
    }
    const fragment = parseDocument(`<html><body>${stripNonContent(p.value)}</body></html>`);
    normalizeTree(fragment, maxDepth);
    const body = fragment.body;
    if (!body) continue;
    const holder = doc.createElement('div');
    while (body.firstChild) holder.appendChild(body.firstChild);
    root.appendChild(holder);
  }
  return root;
}
