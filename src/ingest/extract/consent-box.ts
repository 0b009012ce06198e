// A cookie notice found by its shape and one word, not by its class or id (x-hashprec). Stage 1
// removes consent banners it knows by name (prune.ts, CONSENT); on sites whose class names are
// generated (CSS modules, utility classes) those names say nothing, and on a short post the
// banner's two sentences can be the longest prose of the page: the scorer returns the banner as
// the article ("Wir verwenden Cookies, um Dir die bestmögliche Erfahrung …"). What every such
// banner has, whatever its markup and language: one to four controls to answer it (a `<button>`
// or a submit `<input>`: accept, refuse, settings), a sentence or two, and the word for cookies,
// which most European languages borrow as it is.
import type { DomElement } from './dom.js';
import { childElements } from './dom.js';
import { allElements, textLengthUpTo } from './walk.js';

/**
 * The word for cookies, as the languages the extractor meets write it: English and the many that
 * borrow it (German, French, Spanish, Italian, Dutch, Portuguese, Scandinavian, Czech "cookies",
 * Polish "cookies"/"ciasteczka", Turkish "çerez", Finnish "evästeet", Hungarian "süti", Russian
 * "куки"/"cookie-файлы"). A general list, not taken from any page.
 */
export const COOKIE_WORD = /cookie|ciasteczk|çerez|eväste|sütik|куки/i;

/** A banner is at most this long: two or three sentences and its buttons' labels. */
const CONSENT_BOX_MAX = 600;
/** and at least this long: a sentence, not a lone "Accept cookies" button. */
const CONSENT_BOX_MIN = 60;
/** A banner asks for one answer, or a few (accept, refuse, settings, close). */
const CONSENT_CONTROLS_MAX = 4;

/** Whether `el` is a control that answers a notice: a `<button>` or a submit or button `<input>`. */
export function isAnswerControl(el: DomElement): boolean {
  if (el.localName === 'button') return true;
  if (el.localName !== 'input') return false;
  const type = (el.getAttribute('type') ?? '').toLowerCase();
  return type === 'submit' || type === 'button';
}

/**
 * A field the reader fills in: a text box, a list, a choice of one. A notice asks for a click (its
 * categories at most as checkboxes); a form with such fields is a comment or contact form, whose
 * "remember me in a cookie" option says the word too.
 */
function asksForInput(el: DomElement): boolean {
  if (el.localName === 'textarea' || el.localName === 'select') return true;
  if (el.localName !== 'input') return false;
  const type = (el.getAttribute('type') ?? 'text').toLowerCase();
  return type !== 'submit' && type !== 'button' && type !== 'checkbox' && type !== 'hidden';
}

/** A paragraph this long is the story's prose, not a notice's line. */
const PROSE_MIN = 80;

/**
 * Whether `box` stands in the story: among prose paragraphs (a `<p>` of PROSE_MIN characters or
 * more beside it), or inside a block holding the headline or the marked body. A notice is laid
 * over the page from outside the story (after the footer, before the header); a recipe's small box
 * with a "Print" button, which may say "cookies" too, sits in it.
 */
function inStory(box: DomElement, body: DomElement, refused: (el: DomElement) => boolean): boolean {
  const parent = box.parentElement;
  if (parent)
    for (const k of childElements(parent))
      if (k !== box && k.localName === 'p' && (k.textContent ?? '').trim().length >= PROSE_MIN) return true;
  for (let p = parent; p && p !== body; p = p.parentElement) if (refused(p)) return true;
  return false;
}

/**
 * The cookie notice around `control`, or null: its largest ancestor (below `body`) with at most
 * CONSENT_BOX_MAX characters of text, when that box holds at least CONSENT_BOX_MIN characters,
 * at most CONSENT_CONTROLS_MAX controls, no field to fill in, no heading of the story's rank (h1, h2) and the word for
 * cookies, and stands outside the story (inStory). `refused` vetoes an ancestor (the headline or
 * the marked body).
 */
export function consentBox(control: DomElement, body: DomElement, refused: (el: DomElement) => boolean): DomElement | null {
  return consentBoxes(body, refused)(control);
}

/**
 * consentBox for the controls of one page (the tree unchanged between calls), each ancestor's
 * step and each box's verdict worked out once: a page sets its buttons side by side and nested
 * (a comment thread's "Reply" and "Share" on every comment), and the climbs from them pass the
 * same ancestors and stop at the same boxes (x-holds).
 */
export function consentBoxes(body: DomElement, refused: (el: DomElement) => boolean): (control: DomElement) => DomElement | null {
  // Whether the climb stops below an ancestor: a story's container, too long, or refused.
  const stops = new Map<DomElement, boolean>();
  const verdicts = new Map<DomElement, DomElement | null>();
  return (control) => {
    let box: DomElement | null = null;
    for (let p = control.parentElement; p && p !== body; p = p.parentElement) {
      let stop = stops.get(p);
      if (stop === undefined) {
        const tag = p.localName;
        stop = tag === 'article' || tag === 'main' || textLengthUpTo(p, CONSENT_BOX_MAX + 1) > CONSENT_BOX_MAX || refused(p);
        stops.set(p, stop);
      }
      if (stop) break;
      box = p;
    }
    if (!box) return null;
    let verdict = verdicts.get(box);
    if (verdict === undefined) {
      verdict = noticeOrNull(box, body, refused);
      verdicts.set(box, verdict);
    }
    return verdict;
  };
}

/** `box` when it is a notice (consentBox's tests past the climb), else null. */
function noticeOrNull(box: DomElement, body: DomElement, refused: (el: DomElement) => boolean): DomElement | null {
  if (inStory(box, body, refused)) return null;
  const text = box.textContent ?? '';
  if (text.trim().length < CONSENT_BOX_MIN || !COOKIE_WORD.test(text)) return null;
  let controls = 0;
  for (const d of allElements(box)) {
    if (d.localName === 'h1' || d.localName === 'h2' || asksForInput(d)) return null;
    if (isAnswerControl(d) && ++controls > CONSENT_CONTROLS_MAX) return null;
  }
  // The word must stand in the notice's sentences, not only on a control ("Cookie settings"
  // under a recipe card would not make the card a notice).
  let said = text;
  for (const d of allElements(box)) if (d.localName === 'button') said = said.replace(d.textContent ?? '', '');
  return COOKIE_WORD.test(said) ? box : null;
}
