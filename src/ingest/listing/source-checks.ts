// What a source and its settings must be before they are stored, one set of checks for every way
// in: the desk's source forms (src/web/desk/sources.ts), `newsdesk add` (src/cli) and the JSON
// API's POST /v1/sources (src/api). Each was its own before p-addcheck, and the command line
// stored listing selectors the desk refused. Pure: no store, no fetcher; it lives beside the
// listing reader because the selector rule is that reader's own (isUsableSelector, dom.ts), and
// web, api and cli all sit above this layer. The callers word the refusals (the desk in the
// editor's language, the CLI naming its flag, the API in a problem document).
import type { ExtractMode, SourceKind } from '../../domain/source.js';
import { cleanInput } from '../../text/control-chars.js';
import { isUsableSelector } from './dom.js';
import type { ListingSelectors } from './types.js';

export const SOURCE_KINDS: readonly SourceKind[] = ['feed', 'sitemap', 'page'];
export const EXTRACT_MODES: readonly ExtractMode[] = ['off', 'short', 'always'];

export const isSourceKind = (v: unknown): v is SourceKind => (SOURCE_KINDS as readonly unknown[]).includes(v);
export const isExtractMode = (v: unknown): v is ExtractMode => (EXTRACT_MODES as readonly unknown[]).includes(v);

/** The listing selectors a source may set (settings.selectors), in the order forms show them. */
export const SELECTOR_KEYS = ['item', 'title', 'link', 'summary', 'date', 'next'] as const;
export type SelectorKey = (typeof SELECTOR_KEYS)[number];
export const isSelectorKey = (v: string): v is SelectorKey => (SELECTOR_KEYS as readonly string[]).includes(v);

/**
 * The longest selector a source may set, in characters (code points). The desk's field kept
 * selectors to this length from the start by cutting them; since p-selector a longer one is
 * refused instead, everywhere: a cut selector is another selector (`div.story > a.lin` matches
 * other links than `div.story > a.link`), or no CSS at all, and the person who typed it would not
 * know. Three hundred characters hold any selector a person writes for one listing page.
 */
export const SELECTOR_MAX_CHARS = 300;

/** Why a selector is refused: CSS the listing reader cannot compile, or longer than SELECTOR_MAX_CHARS. */
export type SelectorProblem = 'unusable' | 'too-long';

/** A refused selector: its key, the value as cleaned, why, and its length in characters (code points). */
export interface BadSelector {
  badKey: SelectorKey;
  badSelector: string;
  problem: SelectorProblem;
  length: number;
}

/** A selector's length as a person counts it: characters (code points), not UTF-16 units. */
export const selectorLength = (v: string): number => [...v].length;

/**
 * Why an address is refused: not a URL at all, a URL of another scheme than http(s), or a file: URL
 * where file URLs are not allowed (only the command line may allow them, with allowFileUrls).
 */
export type AddressProblem = 'not-url' | 'not-http' | 'file';

/**
 * The address of a source as given: trimmed and, with `assumeHttps` (a person typing "example.org/news"
 * at the desk or on the command line), `https://` put before one that names no scheme. Only http and
 * https are sources; anything else (`ftp:`, `javascript:`, `file:`) is refused before it is fetched or stored.
 * `address` is the text as completed (what the desk and the CLI hand to the add chain), `url` its parse.
 * `allowFile`: a file: URL is a source too (`newsdesk add` with the allowFileUrls option, for local
 * use; the desk and the API never allow one).
 */
export function checkSourceAddress(
  given: string,
  { assumeHttps, allowFile = false }: { assumeHttps: boolean; allowFile?: boolean },
): { address: string; url: URL } | { problem: AddressProblem } {
  let text = given.trim();
  if (assumeHttps && text && !/^[a-z][a-z0-9+.-]*:/i.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: 'not-url' };
  }
  if (url.protocol === 'http:' || url.protocol === 'https:' || (allowFile && url.protocol === 'file:')) return { address: text, url };
  return { problem: url.protocol === 'file:' ? 'file' : 'not-http' };
}

/** A source's name as given: controls as spaces, trimmed; none when nothing is left. */
export function sourceTitle(given: string | undefined): string | null {
  return (given === undefined ? '' : cleanInput(given).trim()) || null;
}

/**
 * Listing selectors as given (by key; an empty one means "not set"): controls as spaces, trimmed.
 * The first one longer than SELECTOR_MAX_CHARS refuses them all: never cut, since a cut selector
 * is a different one (see SELECTOR_MAX_CHARS); it is checked first so that a long value (a request
 * may carry up to 64 KiB) is never handed to the CSS compiler, which took up to 120 ms on one.
 * Then the first one the listing reader cannot use (not CSS css-select compiles: `a[`, a pasted
 * `<img …>`) refuses them all, by its key and the value as cleaned: stored, it would fail every
 * check of the source.
 */
export function checkSelectors(given: Partial<Record<SelectorKey, string>>): { selectors: ListingSelectors } | BadSelector {
  const selectors: ListingSelectors = {};
  for (const k of SELECTOR_KEYS) {
    const v = cleanInput(given[k] ?? '').trim();
    if (v) selectors[k] = v;
  }
  for (const k of SELECTOR_KEYS) {
    const v = selectors[k];
    if (v !== undefined && selectorLength(v) > SELECTOR_MAX_CHARS)
      return { badKey: k, badSelector: v, problem: 'too-long', length: selectorLength(v) };
  }
  for (const k of SELECTOR_KEYS) {
    const v = selectors[k];
    if (v !== undefined && !isUsableSelector(v)) return { badKey: k, badSelector: v, problem: 'unusable', length: selectorLength(v) };
  }
  return { selectors };
}

/** What a private request header's name may be (RFC 9110's token), at most 100 characters. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;

/**
 * What a request header's value may hold (RFC 9110's field-value: visible ASCII, space, tab and
 * the octets beyond ASCII, which a request carries as Latin-1). A control character or a
 * character beyond Latin-1 (an override, a Persian letter) cannot be sent at all: stored, it
 * would fail every fetch of the source.
 */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** A refused header line: its number, and whether it is its value that cannot be sent. */
export type BadHeaderLine = { badLine: number; badValue?: true };

/** "Name: value" lines; the number of the first bad line when one is (`badValue`: its value cannot be sent). */
export function parseHeaderLines(text: string): Record<string, string> | BadHeaderLine {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    const value = colon > 0 ? line.slice(colon + 1).trim() : '';
    if (!HEADER_NAME.test(name) || !value) return { badLine: i + 1 };
    if (!HEADER_VALUE.test(value) || /[\x7f-\x9f]/.test(value)) return { badLine: i + 1, badValue: true };
    out[name] = value;
  }
  return out;
}

/** The bounds of a source's check interval, in minutes (a week at most). */
export const INTERVAL_MINUTES = { min: 1, max: 10_080 } as const;

/** A check interval given in minutes: a whole number within INTERVAL_MINUTES, else undefined. */
export function intervalMinutes(given: string): number | undefined {
  const minutes = Number(given);
  return Number.isInteger(minutes) && minutes >= INTERVAL_MINUTES.min && minutes <= INTERVAL_MINUTES.max ? minutes : undefined;
}
