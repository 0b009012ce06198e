// A person's box marked up as one (x-hashrest): an element that declares itself a schema.org
// Person — `itemscope` with `itemtype` …/Person, or `itemscope` as the page's `author`, `creator`
// or `contributor` — and that holds a sentence of its own is the writer's bio, whatever its class
// names say. On plain pages the name-based prune takes it (`author-bio`, `about-author`); on pages
// whose names say nothing (CSS modules, utility classes) the markup is what is left. A byline
// marked up the same way holds a name, a link and perhaps a job title: no line of BIO_LINE
// characters, so it stays.
import type { DomElement } from './dom.js';
import { ELEMENT_NODE, TEXT_NODE } from './dom.js';
import { textLengthUpTo } from './walk.js';

/** A line of the box this long (white space squeezed) is a sentence about the person, not a name or a title. */
export const BIO_LINE = 60;
/** A bio box holds at most this much text (trim.ts's AUTHOR_BOX_MAX): a box, not a column by the writer. */
const PERSON_BOX_MAX = 1000;
const PERSON_PROPS = new Set(['author', 'creator', 'contributor']);

/** Whether `el` is marked up as a person (schema.org Person, or an author item). */
function marksPerson(el: DomElement): boolean {
  if (!el.hasAttribute('itemscope')) return false;
  const type = (el.getAttribute('itemtype') ?? '').trim();
  if (type !== '') return /(^|\/)Person$/i.test(type);
  return (el.getAttribute('itemprop') ?? '')
    .toLowerCase()
    .split(/\s+/)
    .some((p) => PERSON_PROPS.has(p));
}

/** Whether some text node under `el`, squeezed, is BIO_LINE characters or longer (portrait-tail.ts asks it too). */
export function holdsBioLine(el: DomElement): boolean {
  for (let k = el.firstChild; k; k = k.nextSibling) {
    if (k.nodeType === TEXT_NODE) {
      if ((k.textContent ?? '').replace(/\s+/g, ' ').trim().length >= BIO_LINE) return true;
    } else if (k.nodeType === ELEMENT_NODE && holdsBioLine(k as DomElement)) return true;
  }
  return false;
}

/**
 * Whether `el` is a person's box with a bio: marked up as a person (above), under PERSON_BOX_MAX
 * characters of text, holding a text line of BIO_LINE characters or more. The caller keeps
 * it when it holds the headline or the marked body.
 */
export function isPersonBox(el: DomElement): boolean {
  return marksPerson(el) && textLengthUpTo(el, PERSON_BOX_MAX) < PERSON_BOX_MAX && holdsBioLine(el);
}
