// OPML 1.0/2.0 subscription lists → feeds. Nested outlines become categories (the path of the
// enclosing outlines' titles); an outline is a feed when it carries an xmlUrl (any case, as
// exporters disagree), or a url with type rss/atom. Only http(s) feeds are read; an outline with
// any other address is listed in `refused` with its reason. Pure: text in, list out.
import { Parser } from 'htmlparser2';
import { cleanUrlText, safeHttpUrl, schemeOf } from '../../domain/safe-url.js';
import { feedKey } from '../../domain/feed-key.js';
import { redactUrl } from '../../text/redact-url.js';
import { excerpt } from '../../text/excerpt.js';
import { MAX_CATEGORIES, MAX_CATEGORY_CHARS, MAX_NAME_CHARS } from '../../text/short-text.js';
import { stripControls } from '../../text/strip-controls.js';
import { fill, type Note } from '../../locale/index.js';

/**
 * Why a feed of a list is not subscribed, in English, by key: the CLI and the import job's record
 * keep the English, the desk words the key in the editor's language (src/web/desk/opml-notes.ts).
 */
export const OPML_NOTE_EN = {
  'opml.relative': 'not an absolute address (give the full http or https URL of the feed)',
  'opml.invalid': 'not a valid web address',
  'opml.scheme': 'a {scheme}: address; only http and https feeds are subscribed',
  'opml.notWeb': 'not a web address',
  /** Adding the source failed (the store said why, in English). */
  'opml.addFailed': '{detail}',
  /** The whole file refused (the desk's upload; the CLI's import): nothing is queued. */
  'opml.notOpml': 'not an OPML file: no <opml> element (export your subscriptions as OPML from your feed reader)',
  'opml.noFeeds': 'the file lists no feeds (no outline with an xmlUrl)',
  /** {why}: the first refused outlines, each "address (reason)", joined by "; ". */
  'opml.noSubscribable': 'the file lists no feeds that can be subscribed: {why}',
  /** Reading the file failed for another reason; {detail} is the reader's English. */
  'opml.unreadable': '{detail}',
} as const;

export type OpmlNoteKey = keyof typeof OPML_NOTE_EN;
export type OpmlNote = Note<OpmlNoteKey>;

export function opmlNoteEnglish(n: OpmlNote): string {
  return fill(OPML_NOTE_EN[n.key], n.params as Record<string, string | number> | undefined);
}

/** A stored note read back (a job's payload or progress): undefined unless it is one of ours. */
export function readOpmlNote(raw: unknown): OpmlNote | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const { key, params } = raw as { key?: unknown; params?: unknown };
  if (typeof key !== 'string' || !Object.hasOwn(OPML_NOTE_EN, key)) return undefined;
  if (params === undefined) return { key: key as OpmlNoteKey };
  if (!params || typeof params !== 'object') return undefined;
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  return { key: key as OpmlNoteKey, params: out };
}

/**
 * Folder levels kept in a category path. Readers nest folders two or three deep; a hostile file
 * nesting 15,000 folders around 15,000 feeds gave each feed a 30 kB category and took minutes and
 * over a gigabyte to read (every feed joined the whole stack). Deeper levels are still parsed,
 * only not named.
 */
export const MAX_FOLDER_DEPTH = 16;

export interface OpmlFeed {
  url: string;
  title?: string;
  siteUrl?: string;
  /** Outline path, outermost first ("News/World"), plus OPML 2 category attributes. */
  categories: string[];
}

/**
 * An outline that names a feed Newsdesk will not subscribe to, with why. Only http and https are
 * subscribed from a list: a shared file must not make the server read its own files (`file:`) or
 * anything else, whatever allowFileUrls says (that option is for addresses an operator types).
 */
export interface RefusedOutline {
  /** The address as given, redacted (no user information or secret query values), at most 200 characters. */
  url: string;
  reason: string;
  /** The reason by key (OPML_NOTE_EN). */
  note: OpmlNote;
}

export interface OpmlDocument {
  title?: string;
  feeds: OpmlFeed[];
  /** Outlines with an address that is not subscribed, in file order (repeats once each). */
  refused: RefusedOutline[];
}

/** Why `raw` (an outline's feed address) is not subscribed, or undefined when it is an http(s) URL. */
export function refusalNoteOf(raw: string): OpmlNote | undefined {
  if (safeHttpUrl(raw)) return undefined;
  const cleaned = cleanUrlText(raw);
  const scheme = schemeOf(cleaned);
  if (scheme === undefined) return { key: 'opml.relative' };
  if (scheme === 'http' || scheme === 'https') return { key: 'opml.invalid' };
  return { key: 'opml.scheme', params: { scheme } };
}

/** The same in English. */
export function refusalOf(raw: string): string | undefined {
  const n = refusalNoteOf(raw);
  return n && opmlNoteEnglish(n);
}

function shownAddress(raw: string): string {
  const s = redactUrl(cleanUrlText(raw));
  return s.length > 200 ? `${s.slice(0, 199)}…` : s;
}

/** The whole file is refused; `note` says why by key (OPML_NOTE_EN), the message in English. */
export class OpmlError extends Error {
  override name = 'OpmlError';
  constructor(readonly note: OpmlNote) {
    super(opmlNoteEnglish(note));
  }
}

/** Why a file read with no feed to subscribe is refused (its refused outlines named, the first five). */
export function noFeedsNote(refused: readonly RefusedOutline[]): OpmlNote {
  if (!refused.length) return { key: 'opml.noFeeds' };
  const why = refused
    .slice(0, 5)
    .map((r) => `${r.url} (${r.reason})`)
    .join('; ');
  return { key: 'opml.noSubscribable', params: { why } };
}

/**
 * A folder's or a category's name as kept: one line, at most MAX_CATEGORY_CHARS (the bound of an
 * entry's categories). A title is a source's name, bounded as a feed's own title is
 * (MAX_NAME_CHARS): a list's 100 kB title was stored, and shown on every page naming the source.
 */
function folderName(raw: string): string {
  return excerpt(stripControls(raw).replace(/\s+/g, ' ').trim(), MAX_CATEGORY_CHARS);
}

export function readOpml(text: string): OpmlDocument {
  const feeds: OpmlFeed[] = [];
  const refused: RefusedOutline[] = [];
  const seen = new Set<string>();
  const stack: (string | undefined)[] = [];
  // The named folders among the first MAX_FOLDER_DEPTH levels of `stack`, kept as it changes.
  const path: string[] = [];
  let sawOpml = false;
  let inHeadTitle = false;
  let title: string | undefined;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'opml') sawOpml = true;
        if (name === 'title' && stack.length === 0) inHeadTitle = true;
        if (name !== 'outline') return;
        const a: Record<string, string> = {};
        for (const [k, v] of Object.entries(attrs)) a[k.toLowerCase()] = v;
        const label = excerpt(stripControls(a.title ?? a.text ?? ''), MAX_NAME_CHARS) || undefined;
        const type = (a.type ?? '').toLowerCase();
        const xml = a.xmlurl ?? (type === 'rss' || type === 'atom' ? a.url : undefined);
        const url = safeHttpUrl(xml);
        if (xml?.trim() && !url && !seen.has(`refused ${xml}`)) {
          seen.add(`refused ${xml}`);
          const note = refusalNoteOf(xml) ?? { key: 'opml.invalid' };
          refused.push({ url: shownAddress(xml), reason: opmlNoteEnglish(note), note });
        }
        if (url) {
          const key = feedKey(url);
          if (!seen.has(key)) {
            seen.add(key);
            const extra = (a.category ?? '')
              .split(',', MAX_CATEGORIES)
              .map((c) => folderName(c.trim().replace(/^\//, '')))
              .filter(Boolean);
            const categories = [...new Set([...(path.length ? [path.join('/')] : []), ...extra])].slice(0, MAX_CATEGORIES);
            const site = safeHttpUrl(a.htmlurl);
            feeds.push({
              url,
              ...(label ? { title: label } : {}),
              ...(site ? { siteUrl: site } : {}),
              categories,
            });
          }
        }
        // Pushed for every outline so the closing tag pops the right level; feeds name no category.
        const folder = xml || stack.length >= MAX_FOLDER_DEPTH || !label ? undefined : folderName(label) || undefined;
        stack.push(folder);
        if (folder) path.push(folder);
      },
      ontext(t) {
        if (inHeadTitle) title = (title ?? '') + t;
      },
      onclosetag(name) {
        if (name === 'outline' && stack.pop()) path.pop();
        if (name === 'title') inHeadTitle = false;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(text);
  if (!sawOpml) throw new OpmlError({ key: 'opml.notOpml' });
  const docTitle = title?.replace(/\s+/g, ' ').trim();
  return { ...(docTitle ? { title: docTitle } : {}), feeds, refused };
}
