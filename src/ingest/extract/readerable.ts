// Whether a page looks like an article. Readability's quick test sums, over visible paragraphs
// longer than 140 characters, the square root of their excess length. Its thresholds are counted
// in characters of alphabetic scripts; a Chinese, Japanese or Korean character carries about as
// much as a short word, so CJK articles of ordinary length fall under them. This test counts a
// CJK character as three and is consulted for pages whose paragraphs are mostly CJK text.
import { isProbablyReaderable } from '@mozilla/readability';
import type { DomDocument, DomElement } from './dom.js';

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/g;
const CJK_WEIGHT = 3;
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
    const n = (text.match(CJK) ?? []).length;
    cjk += n;
    all += text.replace(/\s+/g, '').length;
    const weighted = text.length + n * (CJK_WEIGHT - 1);
    if (weighted < MIN_LENGTH) continue;
    score += Math.sqrt(weighted - MIN_LENGTH);
  }
  return { score, cjkShare: all > 0 ? cjk / all : 0 };
}

/** Does the page look like an article at all. Reads the tree without changing it. */
export function isReaderable(doc: DomDocument): boolean {
  if (isProbablyReaderable(doc as never)) return true;
  const { score, cjkShare } = cjkScore(doc);
  return cjkShare >= 0.5 && score >= MIN_SCORE;
}
