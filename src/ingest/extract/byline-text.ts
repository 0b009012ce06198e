// A byline element's text as a reader sees it, cut to the names (x-bylines). A template sets a
// byline as several elements: a label ("<span>By</span>"), the name, the outlet's name in
// capitals, the date in a <time>, each in its own block or span. Their textContent glues them
// ("ByTravis Haney", "By Meg WagnerNEW YORK DAILY NEWSDec 16, 2016 at 1:38 pm"). Here the text
// is read node by node, the element boundaries kept: a block boundary, a <br> or a separator
// mark ("|", "·", "•", a dash between spaces) ends a field, as the browser's line or the mark
// shows it. Then the label before the names goes, and the fields after them that are the
// template's, not a name: a date, a date line ("Updated …", "Posted: …"), a field without a
// letter (a count), and, after a name in mixed case, a field in capitals (the outlet, a desk).
// Words read: only the byline labels and date-line labels of trim.ts's byline and date lines
// and the month names; no page's words.
import type { DomElement, DomNode } from './dom.js';
import { ELEMENT_NODE, TEXT_NODE } from './dom.js';
import { type FigureOrder, figuresDate } from './dates.js';

/** Elements a browser lays out as blocks (their start and end end a line). */
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'section',
  'table',
  'tbody',
  'td',
  'th',
  'tr',
  'ul',
]);
const UNSEEN = new Set(['script', 'style', 'noscript', 'template', 'svg']);

/** How a piece of text is set off from the one before it. */
type Gap = 'none' | 'space' | 'line';

export interface Piece {
  text: string;
  /** What stands between it and the piece before: nothing (inline elements), a space, or a line break or mark. */
  gap: Gap;
  /** Whether it is a <time> element's text (or in one). */
  time: boolean;
  /** Whether its text touches the piece before's in the element's textContent (no white space or mark between). */
  joined: boolean;
}

/** A separator mark between two fields: a bar, a middle dot, a bullet, or a dash with spaces around it. */
const MARK = /\s*[|·•]\s*|\s+[–—-]\s+/;

/**
 * The text pieces of `el`: one per text node, further cut at separator marks, with what sets each
 * off. The elements `skip` says (a menu inside the byline: metadata.ts) are left out, as a line.
 */
export function textPieces(el: DomElement, limit = 60, skip?: (e: DomElement) => boolean): Piece[] {
  const out: Piece[] = [];
  let pending: Gap = 'none';
  // White space (or a mark) since the last piece: without it, the two pieces' text touches.
  let ws = false;
  const visit = (n: DomNode, time: boolean): void => {
    if (out.length >= limit) return;
    if (n.nodeType === TEXT_NODE) {
      const t = (n.textContent ?? '').replace(/\s+/g, ' ');
      if (!t.trim()) {
        if (t) {
          ws = true;
          if (pending === 'none') pending = 'space';
        }
        return;
      }
      for (const [i, part] of t.split(MARK).entries()) {
        if (i > 0) {
          pending = 'line';
          ws = true;
        }
        if (/^\s/.test(part)) {
          ws = true;
          if (pending === 'none') pending = 'space';
        }
        const text = part.trim();
        if (!text) continue;
        out.push({ text, gap: pending, time, joined: !ws && out.length > 0 });
        pending = 'none';
        ws = false;
        if (/\s$/.test(part)) {
          ws = true;
          pending = 'space';
        }
      }
      return;
    }
    if (n.nodeType !== ELEMENT_NODE) return;
    const e = n as DomElement;
    const tag = e.localName;
    if (UNSEEN.has(tag)) return;
    if (skip?.(e)) {
      pending = 'line';
      return;
    }
    if (tag === 'br' || BLOCK.has(tag)) pending = 'line';
    for (let k = n.firstChild; k; k = k.nextSibling) visit(k, time || tag === 'time');
    if (BLOCK.has(tag)) pending = 'line';
  };
  for (let k = el.firstChild; k; k = k.nextSibling) visit(k, el.localName === 'time');
  return out;
}

/** The label before a byline's names, as trim.ts's byline lines read it (English, German, French, Spanish and Portuguese, Dutch). */
const LABEL = /^(?:by|von|par|por|door)\s*:?$|^\p{L}+\s+(?:by|par|por|door)\s*:?$/iu;
const LABEL_START = /^(?:(?:by|von|par|por|door)(?:\s*:\s*|\s+)|(?:author|autor|auteur|autore)\s*:\s*)(?=\S)/i;
/** Whether `text` opens with a byline label ("By Jane Roe", "Von: Jane Roe"): a name follows. */
export function opensWithLabel(text: string): boolean {
  return LABEL_START.test(text.replace(/\s+/g, ' ').trim());
}

/**
 * The same label after one word that opens the byline ("Article by", "Posted by", "Written by",
 * "Écrit par"), a name in capitals after it (LABEL reads it as a field of its own). Not "von",
 * a particle of German names ("Hans von Bülow").
 */
const LEAD_LABEL = /^\p{L}+\s+(?:by|par|por|door)\s+(?=\p{Lu})/u;
/** A date line's label (trim.ts's DATELINE and DATELINE_OTHER words, and German's "Stand", as of). */
const DATE_LABEL =
  /^(?:published|updated|posted|last (?:updated|modified)|modified|first published|aktualisiert|publiziert|veröffentlicht|zuletzt aktualisiert|geändert|publié|mis à jour|publicado|actualizado|atualizado|pubblicato|aggiornato|gepubliceerd|bijgewerkt|stand)\b/i;

/** The word that introduces a date after a name ("by Jane Roe on March 9", "von Jane Roe am 9. März"): it belongs to the date. */
const DATE_PREP = '(?:on|am|le|el|em|il|op)';
const DATE_PREP_START = new RegExp(`^\\s*${DATE_PREP}?\\s*[:：]?\\s*`, 'i');
/** The same word ending the names' last field, where the date after it was cut ("Roger Ebert on"). */
const DATE_PREP_END = new RegExp(`(?:^|\\s+)${DATE_PREP}$`, 'i');
/**
 * A date that textDate does not read but whose shape says it is one, in any language written in
 * Latin letters or in figures: a day in figures (with the ordinal dot that German, the Nordic
 * and Slavic languages write), a month's name, a four-figure year ("05. Februar 2020", "5 février
 * 2020"; Spanish and Portuguese put "de" between them: "6 de mayo de 2022"), or day, month and year in figures in either order ("21.01.2009", "06/12/2026"); after
 * one label word and a colon at most ("Stand: 05. Februar 2020"). Used only to tell where a
 * byline's names end, never as the date's value.
 */
const DATE_SHAPE =
  /^(?:\p{L}+\s*:\s*)?(?:\d{1,2}\.?\s*(?:de\s+)?\p{L}{3,}\.?,?\s+(?:de\s+)?(?:19|20)\d\d|\d{1,2}([./-])\d{1,2}\1(?:19|20)?\d\d)(?!\d)/u;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const WEEKDAY = '(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?';
const CLOCK = '(?:(?:\\s*,|\\s+at|\\s+-)?\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*([ap]\\.?m\\.?)?)?';
/** A time zone's abbreviation or offset after the clock ("ET", "PST", "UTC", "GMT+1"); not read, the wall-clock time is kept. */
const ZONE = '(?:\\s+[A-Z]{1,5}(?:[+-]\\d{1,2})?)?';
const MONTH_FIRST = new RegExp(`^${WEEKDAY}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${CLOCK}${ZONE}$`, 'i');
const DAY_FIRST = new RegExp(`^${WEEKDAY}(\\d{1,2})\\.?\\s+${MONTH}\\.?,?\\s+(\\d{4})${CLOCK}${ZONE}$`, 'i');
const NUMERIC = /^((?:19|20)\d\d)([-/.])(\d{1,2})\2(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const CJK = /^((?:19|20)\d\d)年\s*(\d{1,2})月\s*(\d{1,2})日(?:\s*[（(][^）)]{1,3}[）)])?(?:\s*(\d{1,2})[:：時](\d{2})分?)?$/;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function ymd(y: number, m: number, d: number, h?: string, mi?: string, s?: string, ampm?: string): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2099) return null;
  const date = `${y}-${pad(m)}-${pad(d)}`;
  if (h === undefined || mi === undefined) return date;
  let hour = Number(h);
  if (ampm) {
    if (hour < 1 || hour > 12) return date;
    const pm = ampm.toLowerCase().startsWith('p');
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (hour > 23 || Number(mi) > 59) return date;
  return `${date}T${pad(hour)}:${mi}:${s ?? '00'}`;
}

/**
 * A date a page writes for readers, when that is all the text says (after a date line's label):
 * "Dec 16, 2016 at 1:38 pm", "9 March 2017", "March 9 2017 4:21 PM ET", "2017-03-01 14:27:02",
 * "2019.03.05", "2019年4月4日", and day and month in figures before the year ("13.06.2026",
 * "06/12/2026") where the figures or the page's language (`order`) tell which is the day
 * (dates.ts figuresDate). Day, month and year are needed (a relative "4 months ago" is no date
 * here). The wall-clock time is kept, without an offset (the page's zone is not known), as
 * dates.ts does for dates in words. Null otherwise.
 */
export function textDate(raw: string, order: FigureOrder | null = null): string | null {
  const s = raw.replace(/\s+/g, ' ').trim().replace(DATE_LABEL, '').replace(DATE_PREP_START, '').trim();
  if (!s || s.length > 60) return null;
  let m = MONTH_FIRST.exec(s);
  if (m) return ymd(Number(m[3]), monthOf(m[1]!), Number(m[2]), m[4], m[5], m[6], m[7]);
  m = DAY_FIRST.exec(s);
  if (m) return ymd(Number(m[3]), monthOf(m[2]!), Number(m[1]), m[4], m[5], m[6], m[7]);
  m = NUMERIC.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[3]), Number(m[4]), m[5], m[6], m[7]);
  m = CJK.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]), m[4], m[5]);
  return figuresDate(s, order) ?? null;
}

/** Whether a byline's field is a date (textDate reads it), has a date's shape (DATE_SHAPE) or is written in a date's words only (dateWords). */
function dateField(text: string): boolean {
  const s = text.replace(/\s+/g, ' ').trim().replace(DATE_LABEL, '').replace(DATE_PREP_START, '');
  return textDate(text) !== null || DATE_SHAPE.test(s) || dateWords(s);
}

/** A time zone's abbreviation after a clock, in capitals: North America's (ET, PT, EST, PDT …), UTC, GMT, Europe's and a few more. */
const ZONE_WORD = '(?<=\\d\\s*(?:[ap]\\.?m\\.?)?\\s*)(?:[ECMPA][SD]?T|UTC|GMT|WES?T|CES?T|EES?T|BST|IST|JST|AES?T|AEDT)\\b';

const DATE_WORD = new RegExp(
  `\\b(?:${MONTH}|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?|[ap]\\.?m\\.?|at|on)(?![a-z])|(?<=\\d)(?:st|nd|rd|th)\\b|${ZONE_WORD}`,
  'gi',
);
/**
 * Whether a field says a date in English words and figures and nothing else, in an order
 * textDate does not read ("1:13 pm, August 9th, 2012"): a month's name and a four-figure year,
 * and besides them only figures, weekdays, am/pm, ordinal endings, "at" and "on", and a time
 * zone's abbreviation after a clock ("04:05 pm PT (07:05 pm ET)").
 */
function dateWords(s: string): boolean {
  if (!/(?:^|\D)(?:19|20)\d\d(?!\d)/.test(s) || !new RegExp(`\\b${MONTH}`, 'i').test(s)) return false;
  return !/\p{L}/u.test(s.replace(DATE_WORD, ''));
}

function monthOf(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** A field of this many words or more that ends with a stop is a sentence, not a name (namesOf). */
const SENTENCE_MIN = 4;

/** A field in capitals: two letters or more, none of them lower case (an outlet's or a desk's name as templates set it). */
function inCapitals(s: string): boolean {
  return /\p{Lu}.*\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s);
}

export interface BylineReading {
  /** The names, or null when no name is left. */
  name: string | null;
  /**
   * Whether the element's textContent glues two of its pieces, letter or figure against letter
   * or figure, where a label element ends or a line or mark parts them ("ByTravis Haney",
   * "Meg WagnerNEW YORK"): that text is not what a reader sees.
   */
  glued: boolean;
  /** A date the byline gives (a <time>'s `datetime`, or a date field's text), normalised by the caller; null if none. */
  date: string | null;
}

/**
 * The names in byline element `el`, and the date it carries. The fields after the names that
 * are a date, a date line or a count go, and a field in capitals that comes after a line break
 * or mark and after a name in mixed case; a field that stands alone as a label ("By") or opens
 * the first field goes too. Fields kept are joined as they were set: inline pieces as written,
 * a line break or mark as ", ". The elements `skip` says are not read (textPieces).
 */
export function readByline(el: DomElement, order: FigureOrder | null = null, skip?: (e: DomElement) => boolean): BylineReading {
  const all = textPieces(el, 60, skip);
  const glued = all.some((p, i) => i > 0 && p.joined && /[\p{L}\p{N}]$/u.test(all[i - 1]!.text) && /^[\p{L}\p{N}]/u.test(p.text));
  let date: string | null = null;
  for (const t of Array.from(el.getElementsByTagName('time'))) {
    const v = t.getAttribute('datetime')?.trim();
    if (v) {
      date = v;
      break;
    }
  }
  const { name, rest } = namesOf(all);
  if (date === null) {
    for (const p of rest) {
      const d = textDate(p.text, order);
      if (d) {
        date = d;
        break;
      }
    }
  }
  return { name, glued, date };
}

/**
 * The names in a byline's pieces, and the pieces after them (where a date is looked for). The
 * fields after the names that are a date, a date line or a count go, and a field in capitals
 * that comes after a line break or mark and after a name in mixed case; a field that stands
 * alone as a label ("By", "Posted on") or opens the first field goes too.
 */
function namesOf(input: Piece[]): { name: string | null; rest: Piece[] } {
  const pieces = [...input];
  while (pieces.length > 0 && labelOnly(pieces[0]!.text)) pieces.shift();
  if (pieces.length > 0) pieces[0] = { ...pieces[0]!, text: pieces[0]!.text.replace(LABEL_START, '').replace(LEAD_LABEL, '') };
  // The names end where the template's fields begin: the first piece after the first that is a
  // date or a date line, or a <time>'s text, cuts the rest (a byline's date comes last).
  let end = pieces.length;
  for (let i = 1; i < pieces.length; i++) {
    const p = pieces[i]!;
    if (p.time || dateField(p.text) || DATE_LABEL.test(p.text)) {
      end = i;
      break;
    }
  }
  let kept = pieces.slice(0, end);
  // The word that introduces the date cut after the names goes with it ("By Roger Ebert on <date>").
  if (end < pieces.length && kept.length > 1) {
    const last = kept[kept.length - 1]!;
    const text = last.text.replace(DATE_PREP_END, '');
    kept = text ? [...kept.slice(0, -1), { ...last, text }] : kept.slice(0, -1);
  }
  // Fields in capitals after a name in mixed case, at the end: the outlet or the desk; a sentence.
  while (kept.length > 1) {
    const last = kept[kept.length - 1]!;
    const mixed = kept.slice(0, -1).some((p) => /\p{Ll}/u.test(p.text));
    if (last.gap === 'line' && mixed && inCapitals(last.text)) kept = kept.slice(0, -1);
    // A sentence on a line of its own after the names (a blurb, a motto): four words or more and a closing stop.
    else if (last.gap === 'line' && /[.!?]$/.test(last.text) && last.text.split(/\s+/).length >= SENTENCE_MIN) kept = kept.slice(0, -1);
    else if (last.gap !== 'none' && !/\p{L}/u.test(last.text)) kept = kept.slice(0, -1);
    else break;
  }
  let name = '';
  for (const [i, p] of kept.entries()) {
    if (i === 0) name = p.text;
    else if (p.gap === 'none') name += p.text;
    else if (p.gap === 'space' || /[,;:&]$/.test(name) || /^(?:[,;&]|(?:and|und|et|y|e|en)\s)/i.test(p.text)) name += ` ${p.text}`;
    else name += `, ${p.text}`;
  }
  name = name
    .replace(/\s+/g, ' ')
    // After the names, a comma and a word in lower case open a clause about the story or the
    // writer ("Steph, filed under Cities", "Jane Roe, staff writer"), not a further name: in a
    // script with capitals, names are written with them. "and" and its kin join names.
    .replace(/,\s*(?!(?:and|und|et|y|e|en|&)\s)\p{Ll}.*$/su, '')
    .replace(/^[\s,;:|·•–—-]+|[\s,;:|·•–—-]+$/g, '')
    .trim();
  return { name: name && /\p{L}/u.test(name) && !dateField(name) ? name : null, rest: pieces.slice(end) };
}

/**
 * Whether a byline's field is a label with nothing after it: a byline label ("By", "Posted by",
 * "von:") or a date line's label, with the word that introduces a date at most ("Posted",
 * "Posted on", "Publié le"). A template prints it before a name or a date that its CMS left empty.
 */
function labelOnly(text: string): boolean {
  if (LABEL.test(text)) return true;
  const t = text.replace(/\s+/g, ' ').trim();
  return DATE_LABEL.test(t) && !/[\p{L}\p{N}]/u.test(t.replace(DATE_LABEL, '').replace(DATE_PREP_START, ''));
}

/**
 * A byline value that stands for no value, as software fills a field it has no value for: the
 * name of the field itself, as the people properties of schema.org and Dublin Core, the
 * vocabularies that `<meta>` and JSON-LD bylines are written in, call them ("author", "creator",
 * "contributor", "publisher", "editor": a template's field name put as its value), and the words
 * programs print for a missing value ("unknown", Blogger's author without a public profile name;
 * "null", "undefined", "none", "n/a"), and the account a CMS makes at its install, under the
 * name it gives it ("admin": WordPress made it without asking before 3.0), which posts a site's
 * stories until someone names a writer. Not "anonymous" or "staff": those say who wrote it.
 * And the value that says so in words, as a CMS's stand-in account is called ("No Author": a
 * negation and the field's name, "author", "byline" or "name", in the languages whose byline
 * labels are read here): it says the story has no author, so it names no one.
 */
const PLACEHOLDER =
  /^(?:author|creator|contributor|publisher|editor|unknown|null|undefined|none|n\/a|admin)$|^(?:no|without|kein(?:e[nr]?)?|ohne|sans|aucun|sin|sem|senza|geen|zonder)\s+(?:author|byline|name|autor(?:in)?|verfasser|auteur|nom|nombre|nome|autore|naam)$/i;

/** A byline given as text (Readability's, a `<meta>`'s or JSON-LD's), as pieces: a separator mark ends a field, as in textPieces. */
function stringPieces(text: string): Piece[] {
  return text
    .replace(/\s+/g, ' ')
    .split(MARK)
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((t, i) => ({ text: t, gap: i === 0 ? 'none' : 'line', time: false, joined: false }));
}

/** A field that opens with a clock's figures ("01:30 Min.", "10:45 Uhr"): a time or a video's length, not a name. A field with a copyright mark ("Bild © hr") is a picture's credit or a notice. */
const CLOCK_FIRST = /^\d{1,2}[:.]\d{2}(?!\d)/;

/**
 * Whether a byline given as text names someone: one of its fields (parted by separator marks) is
 * more than a label with nothing after it, a date (or a field with a date's shape), a field
 * without a letter ("-"), a field that opens with a clock's figures or holds "©" (CLOCK_FIRST) or a placeholder (PLACEHOLDER) — the fields readByline cuts from a
 * byline element. A byline that names no one is no byline: the next source's is read.
 */
export function namesSomeone(text: string): boolean {
  return stringPieces(text).some((p) => {
    if (labelOnly(p.text) || CLOCK_FIRST.test(p.text) || p.text.includes('©')) return false;
    const t = p.text.replace(LABEL_START, '').replace(LEAD_LABEL, '').trim();
    return /\p{L}/u.test(t) && !dateField(t) && !PLACEHOLDER.test(t);
  });
}

/**
 * A byline given as text, cut to its names as readByline cuts a byline element's (its label, the
 * date and outlet fields after the names), or as given where the names come after a date ("15.05.2020
 * | Jane Roe"); null when it names no one (namesSomeone).
 */
export function bylineText(text: string): string | null {
  if (!namesSomeone(text)) return null;
  const given = text.replace(/\s+/g, ' ').trim();
  const pieces = stringPieces(text);
  const name = namesOf(pieces).name;
  // Nothing cut: the text as given, its marks kept.
  if (name === null || PLACEHOLDER.test(name) || name === pieces.map((p) => p.text).join(', ')) return given;
  return name;
}

/**
 * Whether a byline's names, as read, name no one: words in a script with capitals, more than
 * one, none with a capital ("staff writers", "our reporters"), where a name has them in every
 * such script. One word in lower case is a user's handle as the page gives it ("gizzmo"), and
 * text without letter case (Arabic, Persian, Chinese and Japanese names) has no capitals to have.
 */
export function namesNoOne(name: string): boolean {
  return /\p{Ll}/u.test(name) && !/\p{Lu}|\p{Lt}/u.test(name) && /\S\s+\S/.test(name);
}
