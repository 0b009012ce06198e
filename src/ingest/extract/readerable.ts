// Whether a page looks like an article. Readability's quick test sums, over visible paragraphs
// longer than 140 characters, the square root of their excess length. Its thresholds are counted
// in characters of alphabetic scripts; a Chinese, Japanese or Korean character carries about as
// much as a short word, so CJK articles of ordinary length fall under them. This test counts a
// CJK character as three and is consulted for pages whose paragraphs are mostly CJK text.
import type { DomDocument, DomElement } from './dom.js';
import { ELEMENT_NODE } from './dom.js';
import { trimmedTextLength } from './walk.js';
import { CJK_WEIGHT, cjkCount } from './cjk.js';

const MIN_LENGTH = 140;
const MIN_SCORE = 20;
const UNLIKELY =
  /-ad-|banner|breadcrumbs|combx|comment|community|disqus|extra|footer|header|menu|related|remark|rss|shoutbox|sidebar|skyscraper|sponsor|pagination|pager|popup/i;
const MAYBE = /and|article|body|column|content|main|shadow/i;

function visible(el: DomElement): boolean {
  const style = el.getAttribute('style') ?? '';
  if (/display\s*:\s*none/i.test(style) || el.hasAttribute('hidden')) return false;
  return el.getAttribute('aria-hidden') !== 'true';
}

function cjkScore(doc: DomDocument): { score: number; cjkShare: number } {
  const nodes = doc.querySelectorAll('p, pre, article');
  let score = 0;
  let cjk = 0;
  let all = 0;
  for (let i = 0; i < nodes.length; i++) {
    const el = nodes[i]!;
    if (!visible(el)) continue;
    const match = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    if (UNLIKELY.test(match) && !MAYBE.test(match)) continue;
    if (el.localName === 'p' && el.parentElement?.localName === 'li') continue;
    // Scripts and styles were cut before parsing, so textContent is the visible text.
    const text = (el.textContent ?? '').trim();
    const n = cjkCount(text);
    cjk += n;
    all += text.replace(/\s+/g, '').length;
    const weighted = text.length + n * (CJK_WEIGHT - 1);
    if (weighted < MIN_LENGTH) continue;
    score += Math.sqrt(weighted - MIN_LENGTH);
  }
  return { score, cjkShare: all > 0 ? cjk / all : 0 };
}

// Readability's own quick test (isProbablyReaderable), answered in one walk of the tree that
// stops as soon as the score is reached: the library's version runs two selector queries over
// the whole page and a selector match per paragraph, each compiled afresh on linkedom.
// Its names list, which differs from the older one above that the CJK test uses.
const READABILITY_UNLIKELY =
  /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/i;

/** Hidden by its attributes, as both of Readability's visibility tests read them: `hidden`, or aria-hidden (but for formula images). */
function hiddenByAttributes(el: DomElement): boolean {
  if (el.hasAttribute('hidden')) return true;
  return el.getAttribute('aria-hidden') === 'true' && !(el.getAttribute('class') ?? '').includes('fallback-image');
}

/** Readability's readerable test's visibility: no display:none style, not hidden by its attributes. */
function readabilityVisible(el: DomElement): boolean {
  // Reading .style makes linkedom build a style object; without a style attribute it is empty.
  if (el.hasAttribute('style') && (el as unknown as { style: { display: string } }).style.display === 'none') return false;
  return !hiddenByAttributes(el);
}

/**
 * Readability's walk's visibility test (`_isProbablyVisible`: display:none or visibility:hidden,
 * or hidden by its attributes), read from the style attribute's text instead of linkedom's style
 * object. For a body built outside Readability that must drop what its walk drops unread.
 */
export function probablyVisible(el: DomElement): boolean {
  const style = el.getAttribute('style');
  if (style && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/i.test(style)) return false;
  return !hiddenByAttributes(el);
}

function hasBrChild(el: DomElement): boolean {
  for (let k = el.firstChild; k; k = k.nextSibling) if (k.nodeType === ELEMENT_NODE && (k as DomElement).localName === 'br') return true;
  return false;
}

/**
 * Readability's test: over visible <p>, <pre>, <article> and <div>s holding a <br> (paragraphs
 * written as line breaks), not named as furniture and not a <p> inside a list item, the square
 * roots of the text lengths beyond MIN_LENGTH add up to more than MIN_SCORE.
 */
function probablyReaderable(doc: DomDocument): boolean {
  let score = 0;
  const stack: Array<{ el: DomElement; inLi: boolean }> = [{ el: doc.documentElement, inLi: false }];
  while (stack.length > 0) {
    const { el, inLi } = stack.pop() as { el: DomElement; inLi: boolean };
    const tag = el.localName;
    if (tag === 'p' || tag === 'pre' || tag === 'article' || (tag === 'div' && hasBrChild(el))) {
      const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
      const counted = readabilityVisible(el) && !(READABILITY_UNLIKELY.test(names) && !MAYBE.test(names)) && !(tag === 'p' && inLi);
      if (counted) {
        const length = trimmedTextLength(el);
        if (length >= MIN_LENGTH) {
          score += Math.sqrt(length - MIN_LENGTH);
          if (score > MIN_SCORE) return true;
        }
      }
    }
    const childInLi = inLi || tag === 'li';
    // In document order (children pushed last first): the article comes before the footer,
    // sidebar and comments, so the test usually stops before reading them.
    const kids: DomElement[] = [];
    for (let k = el.firstChild; k; k = k.nextSibling) if (k.nodeType === ELEMENT_NODE) kids.push(k as DomElement);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ el: kids[i]!, inLi: childInLi });
  }
  return false;
}

/** Does the page look like an article at all. Reads the tree without changing it. */
export function isReaderable(doc: DomDocument): boolean {
  if (probablyReaderable(doc)) return true;
  const { score, cjkShare } = cjkScore(doc);
  return cjkShare >= 0.5 && score >= MIN_SCORE;
}
