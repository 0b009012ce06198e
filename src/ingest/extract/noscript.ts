// Stage 0b, the story served for readers without scripts: some page templates (Blogger's dynamic
// views among them) ship the post twice, once as a script template the page's own code renders
// and once inside <noscript> for readers without scripts. The script is cut before parsing
// (shrink), and Readability drops every <noscript> unread, so the story is gone and the scorer
// settles on the site's header. A <noscript> that holds prose — paragraphs of a story, not a
// "please turn on JavaScript" line, a tracking pixel or a menu — is unwrapped into the page, as a
// browser without scripts shows it, unless its text also stands outside it (the page renders the
// story without scripts too, and unwrapping would give it twice).
import { ablation } from './ablation.js';
import type { DomElement } from './dom.js';
import { squeeze } from './squeeze.js';
import { blocksOf } from './trim.js';

/**
 * Prose (stage 4's good blocks, characters) a <noscript> must hold to be unwrapped: more than the
 * stages call a short body (SHORT_TEXT), so a notice with a consent text is not a story.
 */
export const NOSCRIPT_PROSE = 1500;
/** Good blocks a <noscript> must hold: a story's paragraphs, not one notice. */
export const NOSCRIPT_PARAGRAPHS = 2;

/**
 * Unwraps, in place, each of `noscripts` (the page's <noscript> elements as parsed, in document
 * order) that holds at least NOSCRIPT_PARAGRAPHS prose blocks and NOSCRIPT_PROSE characters of
 * prose, none of it inside another <noscript> the walk already unwrapped, and whose longest
 * prose block is not also in the page outside it. Returns how many were unwrapped.
 */
export function unwrapProseNoscripts(noscripts: readonly DomElement[], body: DomElement | null): number {
  if (!body) return 0;
  let n = 0;
  let outside: string | null = null;
  for (const ns of noscripts) {
    const parent = ns.parentNode;
    if (!parent || !within(ns, body)) continue;
    let prose = 0;
    let paragraphs = 0;
    let longest = '';
    for (const b of blocksOf(ns)) {
      if (b.cls !== 'good') continue;
      prose += b.text;
      paragraphs++;
      if (b.str.length > longest.length) longest = b.str;
    }
    if (prose < NOSCRIPT_PROSE || paragraphs < NOSCRIPT_PARAGRAPHS) continue;
    // The page's text outside every <noscript>, read once and only on a page that has such a one.
    if (outside === null) outside = textOutside(body);
    if (outside.includes(longest) || ablation.off?.('noscript')) continue;
    while (ns.firstChild) parent.insertBefore(ns.firstChild, ns);
    ns.remove();
    n++;
  }
  return n;
}

/** The squeezed text of `root` outside its <noscript> elements. */
function textOutside(root: DomElement): string {
  const parts: string[] = [];
  const walk = (el: DomElement): void => {
    for (let k = el.firstChild; k; k = k.nextSibling) {
      if (k.nodeType === 3) parts.push(k.textContent ?? '');
      else if (k.nodeType === 1 && (k as DomElement).localName !== 'noscript') walk(k as DomElement);
    }
  };
  walk(root);
  return squeeze(parts.join(''));
}

/** Whether `root` is an ancestor of `el`. */
function within(el: DomElement, root: DomElement): boolean {
  for (let a = el.parentElement; a; a = a.parentElement) if (a === root) return true;
  return false;
}
